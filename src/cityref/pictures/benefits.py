"""The benefit map of a city: five columns, enablers to business changes to outcomes to benefits to strategic
objectives, each step an arrow to what it contributes to; a step measured by an indicator shows a bar of its
progress from baseline to target, with the share written beside it (the bar is patterned, not only coloured).

The column headings are the ontology's labels of the five classes, in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cityref.cities.reader import Reader, iri, literal
from cityref.pictures import svg
from cityref.pictures.common import (
    CITYREF,
    N_,
    PREFIXES,
    Labels,
    Picture,
    Table,
    Translate,
    checked_language,
    heading,
    local_name,
    number,
    ontology_labels,
    shown_number,
    shown_share,
    to_float,
    translator,
)
from cityref.store.base import sparql_iri

ID = "benefit-map"
NAME = "benefit-map"
STAGES = tuple(CITYREF + c for c in ("Enabler", "BusinessChange", "Outcome", "Benefit", "StrategicObjective"))
"""The classes of a benefit map's steps, in the order value flows through them."""


@dataclass(frozen=True)
class Progress:
    indicator: str
    label: str
    unit: str
    baseline: float | None
    target: float | None
    latest: float | None
    latest_on: str

    @property
    def share(self) -> float | None:
        """How far from baseline to target the latest measurement is (1.0: target met); ``None``: unknown."""
        if self.baseline is None or self.target is None or self.latest is None or self.target == self.baseline:
            return None
        return (self.latest - self.baseline) / (self.target - self.baseline)


@dataclass
class Step:
    iri: str
    stage: str
    label: str
    label_lang: str | None
    contributes_to: list[str] = field(default_factory=list)
    progress: list[Progress] = field(default_factory=list)


@dataclass(frozen=True)
class BenefitMap:
    lang: str
    stage_labels: dict[str, str]
    steps: list[Step]
    """In column order, and within a column in the order drawn."""

    def column(self, stage: str) -> list[Step]:
        return [s for s in self.steps if s.stage == stage]


def _query(graph: str) -> str:
    kinds = " ".join(sparql_iri(c) for c in STAGES)
    return f"""{PREFIXES}
SELECT ?step ?class ?label ?to ?indicator ?indicatorLabel ?unit ?baseline ?target ?latest ?latestOn WHERE {{
  GRAPH {sparql_iri(graph)} {{
    VALUES ?class {{ {kinds} }}
    ?step a ?class .
    OPTIONAL {{ ?step rdfs:label ?label }}
    OPTIONAL {{ ?step cityref:contributesTo ?to }}
    OPTIONAL {{
      ?step cityref:measuredBy ?indicator .
      OPTIONAL {{ ?indicator rdfs:label ?indicatorLabel }}
      OPTIONAL {{ ?indicator qudt:unit ?unit }}
      OPTIONAL {{ ?indicator cityref:baselineValue ?baseline }}
      OPTIONAL {{ ?indicator cityref:targetValue ?target }}
      OPTIONAL {{
        ?indicator cityref:hasMeasurement ?m .
        ?m cityref:measuredValue ?latest ; cityref:measuredOn ?latestOn .
        FILTER NOT EXISTS {{
          ?indicator cityref:hasMeasurement ?newer . ?newer cityref:measuredOn ?newerOn . FILTER(?newerOn > ?latestOn)
        }}
      }}
    }}
  }}
}}"""


def read_benefit_map(read: Reader, graph: str, lang: str = "en") -> BenefitMap:
    """Every step of the benefit map in the city's ``graph``, its links and its indicators' progress."""
    lang = checked_language(lang)
    labels, indicator_labels = Labels(lang), Labels(lang)
    steps: dict[str, Step] = {}
    seen: set[tuple[str, str]] = set()
    for row in read(_query(graph)):
        step, cls = iri(row, "step"), iri(row, "class")
        if step is None or cls is None:
            continue
        labels.offer(step, row, "label")
        # A step typed twice sits in its earliest column.
        if step not in steps:
            steps[step] = Step(step, cls, "", None)
        elif STAGES.index(cls) < STAGES.index(steps[step].stage):
            steps[step].stage = cls
        target = iri(row, "to")
        if target and target not in steps[step].contributes_to:
            steps[step].contributes_to.append(target)
        indicator = iri(row, "indicator")
        if indicator:
            indicator_labels.offer(indicator, row, "indicatorLabel")
            if (step, indicator) not in seen:
                seen.add((step, indicator))
                unit = iri(row, "unit") or literal(row, "unit") or ""
                steps[step].progress.append(
                    Progress(
                        indicator,
                        "",
                        local_name(unit) if unit else "",
                        to_float(literal(row, "baseline")),
                        to_float(literal(row, "target")),
                        to_float(literal(row, "latest")),
                        (literal(row, "latestOn") or "")[:10],
                    )
                )
    for made in steps.values():
        made.label, made.label_lang = labels(made.iri), labels.language(made.iri)
        made.progress = [
            Progress(p.indicator, indicator_labels(p.indicator), p.unit, p.baseline, p.target, p.latest, p.latest_on)
            for p in made.progress
        ]
    stage_names = ontology_labels(read, STAGES, lang)
    return BenefitMap(lang, {c: heading(stage_names(c)) for c in STAGES}, _ordered(steps))


def _ordered(steps: dict[str, Step]) -> list[Step]:
    """Columns in flow order; within one, enablers by label, then each step near the steps that lead to it (the
    mean row of its contributors), which keeps arrows short and few of them crossing."""
    row: dict[str, float] = {}
    out: list[Step] = []
    for stage in STAGES:
        column = [s for s in steps.values() if s.stage == stage]

        def place(step: Step) -> tuple[float, str]:
            before = [row[s.iri] for s in steps.values() if step.iri in s.contributes_to and s.iri in row]
            return (sum(before) / len(before) if before else 1e9, step.label.casefold())

        column.sort(key=place)
        for index, step in enumerate(column):
            row[step.iri] = index
        out.extend(column)
    return out


COLUMN, GAP, TOP = 168.0, 28.0, 56.0


def draw_benefit_map(benefits: BenefitMap, t: Translate | None = None) -> str:
    t = t or translator(benefits.lang)
    width = 16 + len(STAGES) * (COLUMN + GAP)
    boxes: dict[str, tuple[float, float, float]] = {}
    parts: list[str] = []
    bottom = TOP
    for index, stage in enumerate(STAGES):
        x = 16 + index * (COLUMN + GAP)
        parts.append(
            svg.text_block(svg.wrap(benefits.stage_labels[stage], COLUMN, 14, 2), x, 24, size=14, weight="700")
        )
        y = TOP
        for step in benefits.column(stage):
            drawn, height = _step(step, x, y, benefits.lang)
            parts.append(drawn)
            boxes[step.iri] = (x, y, height)
            y += height + 14
        bottom = max(bottom, y)
    arrows: list[str] = []
    for step in benefits.steps:
        for target in step.contributes_to:
            if step.iri not in boxes or target not in boxes:
                continue
            (x1, y1, h1), (x2, y2, h2) = boxes[step.iri], boxes[target]
            sx, sy, tx, ty = x1 + COLUMN, y1 + h1 / 2, x2, y2 + h2 / 2
            mid = (sx + tx) / 2
            arrows.append(
                svg.element(
                    "path",
                    svg.title(
                        t(N_("%(source)s contributes to %(target)s"))
                        % {"source": step.label, "target": _label(benefits, target)}
                    ),
                    d=f"M{sx:g},{sy:g} C{mid:g},{sy:g} {mid:g},{ty:g} {tx - 2:g},{ty:g}",
                    fill="none",
                    stroke=svg.LINE,
                    stroke_width=1.4,
                    marker_end=f"url(#{ID}-arrow)",
                    class_="contribution",
                )
            )
    legend_y = bottom + 14
    legend = svg.element("rect", x=16, y=legend_y, width=60, height=10, fill="#fff", stroke=svg.INK)
    legend += svg.element("rect", x=16, y=legend_y, width=36, height=10, fill=f"url(#{ID}-hatch)", stroke=svg.INK)
    legend += svg.text_block(
        [t(N_("Progress from baseline (left end) to target (right end); the share is written beside the bar."))],
        86,
        legend_y + 10,
        size=12,
    )
    height = legend_y + 34
    defs = svg.element(
        "defs", svg.arrowhead(f"{ID}-arrow") + svg.hatch(f"{ID}-hatch", background="#cfe3d4", stroke="#1d5c2e")
    )
    body = defs + svg.element("rect", width=f"{width:g}", height=f"{height:g}", fill="#fff") + "".join(parts)
    body += svg.element("g", "".join(arrows), class_="contributions") + legend
    return svg.document(
        ID, width, height, benefit_title(t), benefit_description(benefits, t), body, lang=benefits.lang, role="img"
    )


def _label(benefits: BenefitMap, target: str) -> str:
    return next((s.label for s in benefits.steps if s.iri == target), local_name(target))


def _step(step: Step, x: float, y: float, lang: str) -> tuple[str, float]:
    lines = svg.wrap(step.label, COLUMN - 16, 12, max_lines=5)
    text_height = 10 + len(lines) * 15
    bars = len(step.progress)
    height = text_height + bars * 24 + (4 if bars else 0)
    body = svg.title(step.label)
    body += svg.element("rect", x=x, y=y, width=COLUMN, height=height, rx=4, fill="#f7f7f7", stroke=svg.INK)
    body += svg.text_block(lines, x + 8, y + 16, size=12, lang=step.label_lang)
    for i, progress in enumerate(step.progress):
        by = y + text_height + i * 24
        share = progress.share
        filled = max(0.0, min(1.0, share)) if share is not None else 0.0
        body += svg.element("rect", x=x + 8, y=by, width=COLUMN - 60, height=10, fill="#fff", stroke=svg.INK)
        if filled:
            body += svg.element(
                "rect",
                x=x + 8,
                y=by,
                width=f"{(COLUMN - 60) * filled:.1f}",
                height=10,
                fill=f"url(#{ID}-hatch)",
                stroke=svg.INK,
            )
        said = shown_share(share, lang) if share is not None else "–"
        body += svg.text_block([said], x + COLUMN - 8, by + 9, size=11, anchor="end", weight="700")
        body += svg.text_block(
            [
                f"{shown_number(progress.baseline, lang)} → {shown_number(progress.target, lang)} "
                f"({shown_number(progress.latest, lang)})"
            ],
            x + 8,
            by + 21,
            size=9,
            fill=svg.MUTED,
        )
    return svg.element("g", body, class_="step", data_step=local_name(step.iri)), height


def benefit_title(t: Translate) -> str:
    return t(N_("Benefit map"))


def benefit_description(benefits: BenefitMap, t: Translate) -> str:
    counts = ", ".join(f"{benefits.stage_labels[c]}: {len(benefits.column(c))}" for c in STAGES)
    measured = sum(len(s.progress) for s in benefits.steps)
    return t(
        N_(
            "Steps of the city's benefit map in each column (%(counts)s), each arrow to what a step contributes to; "
            "%(measured)d indicators show their progress against target."
        )
    ) % {
        "counts": counts,
        "measured": measured,
    }


def benefit_table(benefits: BenefitMap) -> Table:
    columns = (
        ("stage", N_("Stage")),
        ("step", N_("Step")),
        ("contributes_to", N_("Contributes to")),
        ("indicator", N_("Indicator")),
        ("unit", N_("Unit")),
        ("baseline", N_("Baseline")),
        ("target", N_("Target")),
        ("latest", N_("Latest")),
        ("latest_on", N_("Date")),
        ("progress", N_("Progress")),
        ("step_iri", "IRI"),
    )
    rows: list[tuple[str, ...]] = []
    for step in benefits.steps:
        leads = "; ".join(_label(benefits, target) for target in step.contributes_to)
        stage = benefits.stage_labels[step.stage]
        if not step.progress:
            rows.append((stage, step.label, leads, "", "", "", "", "", "", "", step.iri))
        for p in step.progress:
            share = "" if p.share is None else f"{p.share:.2f}"
            rows.append(
                (
                    stage,
                    step.label,
                    leads,
                    p.label,
                    p.unit,
                    number(p.baseline),
                    number(p.target),
                    number(p.latest),
                    p.latest_on,
                    share,
                    step.iri,
                )
            )
    return Table(columns, rows)


def benefit_picture(benefits: BenefitMap, t: Translate | None = None) -> Picture:
    t = t or translator(benefits.lang)
    return Picture(
        NAME, benefit_title(t), benefit_description(benefits, t), draw_benefit_map(benefits, t), benefit_table(benefits)
    )
