"""The risk heat map of a city: likelihood across, impact up, five steps each; every cell shaded by its score
(likelihood × impact) and showing that score as a number, and each risk of the city's register a numbered marker
in the cell of its latest assessment, the numbers keyed to the risks' names under the grid.

The axis names are the ontology's labels of ``cityref:likelihood`` and ``cityref:impact``.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    ontology_labels,
    to_float,
    translator,
)
from cityref.store.base import sparql_iri

ID = "risk-heat-map"
NAME = "risk-heat-map"
SCALE = 5
"""Likelihood and impact run from 1 to 5 (the ontology restricts both to these integers)."""
LIKELIHOOD, IMPACT = CITYREF + "likelihood", CITYREF + "impact"


@dataclass(frozen=True)
class AssessedRisk:
    iri: str
    label: str
    label_lang: str | None
    key_risk: str
    key_risk_label: str
    likelihood: int | None
    impact: int | None
    assessed_on: str

    @property
    def score(self) -> int | None:
        return self.likelihood * self.impact if self.likelihood and self.impact else None


@dataclass(frozen=True)
class RiskHeatMap:
    lang: str
    likelihood_label: str
    impact_label: str
    risks: list[AssessedRisk]
    """Highest score first; the marker numbers follow this order."""


def _query(graph: str) -> str:
    return f"""{PREFIXES}
SELECT ?risk ?label ?keyRisk ?on ?likelihood ?impact WHERE {{
  GRAPH {sparql_iri(graph)} {{
    ?risk a cityref:Risk .
    OPTIONAL {{ ?risk rdfs:label ?label }}
    OPTIONAL {{ ?risk cityref:refersToKeyRisk ?keyRisk }}
    OPTIONAL {{
      ?risk cityref:hasAssessment ?assessment .
      ?assessment cityref:likelihood ?likelihood ; cityref:impact ?impact .
      OPTIONAL {{ ?assessment cityref:assessedOn ?on }}
    }}
  }}
}}"""


def _step(value: str | None) -> int | None:
    number = to_float(value)
    return int(number) if number is not None and number == int(number) and 1 <= number <= SCALE else None


def read_risk_heat_map(read: Reader, graph: str, lang: str = "en") -> RiskHeatMap:
    """Each risk of the city's ``graph`` with its latest assessment (by date; an undated one counts as oldest)."""
    lang = checked_language(lang)
    labels = Labels(lang)
    latest: dict[str, tuple[str, int | None, int | None]] = {}
    key_risks: dict[str, str] = {}
    for row in read(_query(graph)):
        risk = iri(row, "risk")
        if risk is None:
            continue
        labels.offer(risk, row, "label")
        key = iri(row, "keyRisk")
        if key:
            key_risks.setdefault(risk, key)
        on = literal(row, "on") or ""
        scored = (on, _step(literal(row, "likelihood")), _step(literal(row, "impact")))
        if risk not in latest or (scored[1] is not None and (latest[risk][1] is None or on > latest[risk][0])):
            latest[risk] = scored
    names = ontology_labels(read, [LIKELIHOOD, IMPACT, *key_risks.values()], lang)
    risks = [
        AssessedRisk(
            risk,
            labels(risk),
            labels.language(risk),
            key_risks.get(risk, ""),
            names(key_risks[risk]) if risk in key_risks else "",
            likelihood,
            impact,
            on[:10],
        )
        for risk, (on, likelihood, impact) in latest.items()
    ]
    risks.sort(key=lambda r: (-(r.score or 0), r.label.casefold(), r.iri))
    return RiskHeatMap(lang, heading(names(LIKELIHOOD)), heading(names(IMPACT)), risks)


CELL, LEFT, TOP = 92.0, 90.0, 20.0
SHADES = ("#ffffff", "#fdf1d6", "#f9d9a6", "#f2b27a", "#e88a6a")
"""From a low score to a high one; the score is written in each cell as well."""


def _shade(score: int) -> str:
    return SHADES[min(len(SHADES) - 1, (score - 1) * len(SHADES) // (SCALE * SCALE))]


def draw_risk_heat_map(heat: RiskHeatMap, t: Translate | None = None) -> str:
    t = t or translator(heat.lang)
    width = LEFT + SCALE * CELL + 30
    parts: list[str] = []
    for likelihood in range(1, SCALE + 1):
        for impact in range(1, SCALE + 1):
            x, y = LEFT + (likelihood - 1) * CELL, TOP + (SCALE - impact) * CELL
            score = likelihood * impact
            parts.append(svg.element("rect", x=x, y=y, width=CELL, height=CELL, fill=_shade(score), stroke="#8a8a8a"))
            parts.append(svg.text_block([str(score)], x + CELL - 6, y + 16, size=12, anchor="end", fill=svg.MUTED))
    for step in range(1, SCALE + 1):
        parts.append(
            svg.text_block([str(step)], LEFT + (step - 0.5) * CELL, TOP + SCALE * CELL + 20, size=13, anchor="middle")
        )
        parts.append(
            svg.text_block([str(step)], LEFT - 12, TOP + (SCALE - step + 0.5) * CELL + 5, size=13, anchor="end")
        )
    parts.append(
        svg.text_block(
            [heat.likelihood_label + " →"],
            LEFT + SCALE * CELL / 2,
            TOP + SCALE * CELL + 44,
            size=14,
            anchor="middle",
            weight="700",
        )
    )
    mid = TOP + SCALE * CELL / 2
    parts.append(
        svg.element(
            "text",
            svg.esc(heat.impact_label + " →"),
            x=24,
            y=f"{mid:g}",
            transform=f"rotate(-90 24 {mid:g})",
            text_anchor="middle",
            font_size=14,
            font_weight="700",
            font_family=svg.FONT,
            fill=svg.INK,
        )
    )
    # A cell holds six markers; a seventh and more become "+N" (every risk stays in the key with its cell).
    total: dict[tuple[int, int], int] = {}
    for risk in heat.risks:
        if risk.likelihood and risk.impact:
            total[(risk.likelihood, risk.impact)] = total.get((risk.likelihood, risk.impact), 0) + 1
    crowd: dict[tuple[int, int], int] = {}
    for index, risk in enumerate(heat.risks, start=1):
        if risk.likelihood is None or risk.impact is None:
            continue
        cell = (risk.likelihood, risk.impact)
        k = crowd.get(cell, 0)
        crowd[cell] = k + 1
        x = LEFT + (risk.likelihood - 1) * CELL + 20 + (k % 3) * 26
        y = TOP + (SCALE - risk.impact) * CELL + 38 + (k // 3) * 26
        if total[cell] > 6 and k >= 5:
            if k == 5:
                more = f"+{total[cell] - 5}"
                parts.append(svg.text_block([more], x, y + 4, size=12, anchor="middle", weight="700"))
            continue
        mark = svg.title(f"{index}. {risk.label}")
        mark += svg.element("circle", cx=x, cy=y, r=11, fill="#fff", stroke=svg.INK, stroke_width=1.8)
        mark += svg.text_block([str(index)], x, y + 4, size=11, anchor="middle", weight="700")
        parts.append(svg.element("g", mark, class_="risk", data_risk=local_name(risk.iri)))
    y = TOP + SCALE * CELL + 76
    key: list[str] = []
    for index, risk in enumerate(heat.risks, start=1):
        place = f"{risk.likelihood} × {risk.impact}" if risk.score else t(N_("not assessed"))
        lines = svg.wrap(f"{index}. {risk.label} ({place})", width - 40, 12, max_lines=2)
        key.append(svg.text_block(lines, 16, y, size=12, lang=risk.label_lang))
        y += len(lines) * 15 + 4
    height = y + 12
    body = svg.element("rect", width=f"{width:g}", height=f"{height:g}", fill="#fff") + "".join(parts) + "".join(key)
    return svg.document(ID, width, height, risk_title(t), risk_description(heat, t), body, lang=heat.lang, role="img")


def risk_title(t: Translate) -> str:
    return t(N_("Risk heat map"))


def risk_description(heat: RiskHeatMap, t: Translate) -> str:
    scored = [r for r in heat.risks if r.score]
    top = scored[0] if scored else None
    text = t(
        N_(
            "%(count)d risks of the city's register placed by likelihood and impact (1 to 5); "
            "the score is their product."
        )
    ) % {"count": len(heat.risks)}
    if top:
        text += " " + t(N_("Highest: %(label)s (%(score)d).")) % {"label": top.label, "score": top.score}
    return text


def risk_table(heat: RiskHeatMap) -> Table:
    columns = (
        ("number", N_("No.")),
        ("risk", N_("Risk")),
        ("key_risk", N_("Key risk")),
        ("likelihood", N_("Likelihood")),
        ("impact", N_("Impact")),
        ("score", N_("Score")),
        ("assessed_on", N_("Date")),
        ("risk_iri", "IRI"),
    )
    rows = [
        (
            str(i),
            r.label,
            r.key_risk_label,
            str(r.likelihood or ""),
            str(r.impact or ""),
            str(r.score or ""),
            r.assessed_on,
            r.iri,
        )
        for i, r in enumerate(heat.risks, start=1)
    ]
    return Table(columns, rows)


def risk_picture(heat: RiskHeatMap, t: Translate | None = None) -> Picture:
    t = t or translator(heat.lang)
    return Picture(NAME, risk_title(t), risk_description(heat, t), draw_risk_heat_map(heat, t), risk_table(heat))
