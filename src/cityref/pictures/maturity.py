"""The maturity radar of a city: one axis per dimension of the maturity model, one ring per stage, and the stage
the city's latest assessment gives each dimension as a point on its axis, the points joined into a hatched shape.

Each point carries its stage number as text and each ring its number, so the picture reads without colour; the
rings and axes are named from the ontology in the reader's language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cityref.cities.reader import Reader, iri, literal
from cityref.pictures import svg
from cityref.pictures.common import (
    N_,
    ONTOLOGY,
    PREFIXES,
    Labels,
    Picture,
    Table,
    Translate,
    checked_language,
    number,
    to_float,
    translator,
)
from cityref.store.base import sparql_iri

ID = "maturity-radar"
NAME = "maturity-radar"


@dataclass(frozen=True)
class Stage:
    iri: str
    number: int
    label: str


@dataclass(frozen=True)
class DimensionRating:
    dimension: str
    label: str
    label_lang: str | None
    stage: Stage | None
    """``None``: the assessment does not rate this dimension."""
    comment: str


@dataclass(frozen=True)
class MaturityRadar:
    lang: str
    city_label: str
    assessment: str | None
    """The latest assessment's IRI (``None``: the city has none)."""
    assessment_label: str
    assessed_on: str
    stages: list[Stage]
    ratings: list[DimensionRating]


def _model_query(lang: str) -> str:
    return f"""{PREFIXES}
SELECT ?dimension ?dimensionLabel ?stage ?number ?stageLabel WHERE {{
  GRAPH {ONTOLOGY} {{
    {{ ?dimension a cityref:MaturityDimension .
       FILTER NOT EXISTS {{ ?dimension owl:deprecated true }}
       OPTIONAL {{ ?dimension skos:prefLabel ?dimensionLabel FILTER(LANG(?dimensionLabel) IN ("{lang}", "en", "")) }} }}
    UNION
    {{ ?stage a cityref:MaturityStage ; cityref:stageNumber ?number .
       OPTIONAL {{ ?stage skos:prefLabel ?stageLabel FILTER(LANG(?stageLabel) IN ("{lang}", "en", "")) }} }}
  }}
}}"""


def _city_query(graph: str) -> str:
    return f"""{PREFIXES}
SELECT ?assessment ?on ?label ?dimension ?stage ?comment WHERE {{
  GRAPH {sparql_iri(graph)} {{
    ?assessment a cityref:MaturityAssessment ; cityref:hasDimensionAssessment ?rating .
    ?rating cityref:dimension ?dimension ; cityref:stage ?stage .
    OPTIONAL {{ ?assessment cityref:assessedOn ?on }}
    OPTIONAL {{ ?assessment rdfs:label ?label }}
    OPTIONAL {{ ?rating rdfs:comment ?comment }}
  }}
}}"""


def read_maturity(read: Reader, graph: str, city_label: str, lang: str = "en") -> MaturityRadar:
    """The dimensions and stages of the model, and the latest maturity assessment in the city's ``graph``."""
    lang = checked_language(lang)
    names = Labels(lang)
    numbers: dict[str, int] = {}
    dimensions: list[str] = []
    for row in read(_model_query(lang)):
        dimension, stage = iri(row, "dimension"), iri(row, "stage")
        if dimension:
            dimensions.append(dimension)
            names.offer(dimension, row, "dimensionLabel")
        if stage:
            value = to_float(literal(row, "number"))
            if value is not None:
                numbers[stage] = int(value)
            names.offer(stage, row, "stageLabel")
    stages = sorted((Stage(s, n, names(s)) for s, n in numbers.items()), key=lambda s: s.number)
    rows = read(_city_query(graph))
    latest = max(rows, key=lambda r: (literal(r, "on") or "", literal(r, "assessment") or ""), default=None)
    chosen = iri(latest, "assessment") if latest else None
    texts = Labels(lang)
    rated: dict[str, tuple[str, str]] = {}
    for row in rows:
        if iri(row, "assessment") != chosen:
            continue
        texts.offer(chosen, row, "label")
        dimension, stage = iri(row, "dimension"), iri(row, "stage")
        if dimension and stage:
            rated.setdefault(dimension, (stage, literal(row, "comment") or ""))
    by_iri = {s.iri: s for s in stages}
    ratings = [
        DimensionRating(
            d,
            names(d),
            names.language(d),
            by_iri.get(rated[d][0]) if d in rated else None,
            rated[d][1] if d in rated else "",
        )
        for d in sorted(set(dimensions))  # by IRI: the same order in every language
    ]
    return MaturityRadar(
        lang,
        city_label,
        chosen,
        texts(chosen) if chosen and chosen in texts.best else "",
        (literal(latest, "on") or "")[:10] if latest else "",
        stages,
        ratings,
    )


def draw_maturity_radar(radar: MaturityRadar, t: Translate | None = None) -> str:
    t = t or translator(radar.lang)
    width, cx, cy, radius = 720.0, 360.0, 250.0, 150.0
    top = max((s.number for s in radar.stages), default=4)
    axes = radar.ratings
    parts: list[str] = []
    count = max(len(axes), 3)
    angle = [math.radians(-90 + 360 * i / count) for i in range(len(axes))]
    for stage in radar.stages:
        r = radius * stage.number / top
        ring = " ".join(f"{cx + r * math.cos(a):.1f},{cy + r * math.sin(a):.1f}" for a in angle)
        parts.append(svg.element("polygon", points=ring, fill="none", stroke="#8a8a8a", stroke_dasharray="4 3"))
        parts.append(svg.text_block([str(stage.number)], cx + 6, cy - r + 14, size=12, fill=svg.MUTED))
    for rating, a in zip(axes, angle, strict=True):
        x, y = cx + radius * math.cos(a), cy + radius * math.sin(a)
        parts.append(svg.element("line", x1=cx, y1=cy, x2=f"{x:.1f}", y2=f"{y:.1f}", stroke=svg.LINE))
        lx, ly = cx + (radius + 18) * math.cos(a), cy + (radius + 18) * math.sin(a)
        anchor = "middle" if abs(math.cos(a)) < 0.3 else ("start" if math.cos(a) > 0 else "end")
        lines = svg.wrap(rating.label, 170, 13, max_lines=3)
        shift = -len(lines) * 16 + 10 if math.sin(a) < -0.3 else (14 if math.sin(a) > 0.3 else 4 - len(lines) * 8)
        parts.append(
            svg.text_block(lines, lx, ly + shift, size=13, anchor=anchor, weight="600", lang=rating.label_lang)
        )
    points: list[tuple[float, float, DimensionRating]] = []
    for rating, a in zip(axes, angle, strict=True):
        r = radius * rating.stage.number / top if rating.stage else 0.0
        points.append((cx + r * math.cos(a), cy + r * math.sin(a), rating))
    if any(p[2].stage for p in points):
        shape = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        parts.append(
            svg.element(
                "polygon",
                points=shape,
                fill=f"url(#{ID}-hatch)",
                fill_opacity="0.9",
                stroke="#123a5e",
                stroke_width=2.5,
            )
        )
    for x, y, rating in points:
        said = rating.stage.label if rating.stage else t(N_("not rated"))
        mark = svg.title(f"{rating.label}: {said}")
        if rating.stage:
            mark += svg.element("circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=7, fill="#123a5e")
            mark += svg.text_block(
                [str(rating.stage.number)], x, y + 4, size=10, anchor="middle", weight="700", fill="#fff"
            )
        else:
            mark += svg.element(
                "rect", x=f"{x - 6:.1f}", y=f"{y - 6:.1f}", width=12, height=12, fill="#fff", stroke=svg.INK
            )
        parts.append(svg.element("g", mark, class_="rating", data_dimension=rating.dimension))
    y = cy + radius + 80
    legend = [t(N_("Rings: the stages of the model, 1 nearest the centre, %(top)s at the rim.")) % {"top": top}]
    legend += [f"{s.number} · {s.label}" for s in radar.stages]
    parts.append(svg.text_block(legend, 40, y, size=13, leading=1.4))
    height = y + len(legend) * 18.2 + 20
    defs = svg.element("defs", svg.hatch(f"{ID}-hatch", background="#dce7f2", stroke="#123a5e", spacing=7))
    body = defs + svg.element("rect", width=width, height=f"{height:g}", fill="#fff") + "".join(parts)
    return svg.document(
        ID, width, height, maturity_title(t), maturity_description(radar, t), body, lang=radar.lang, role="img"
    )


def maturity_title(t: Translate) -> str:
    return t(N_("Maturity radar"))


def maturity_description(radar: MaturityRadar, t: Translate) -> str:
    if radar.assessment is None:
        return t(N_("No maturity assessment of this city yet."))
    rated = "; ".join(f"{r.label}: {r.stage.number if r.stage else t(N_('not rated'))}" for r in radar.ratings)
    return t(
        N_("Stage reached on each dimension of the maturity model, from the assessment of %(date)s: %(ratings)s.")
    ) % {
        "date": radar.assessed_on or "?",
        "ratings": rated,
    }


def maturity_table(radar: MaturityRadar) -> Table:
    columns = (
        ("dimension", N_("Dimension")),
        ("stage_number", N_("Stage")),
        ("stage", N_("Stage name")),
        ("comment", N_("Comment")),
        ("assessment", N_("Assessment")),
        ("assessed_on", N_("Date")),
        ("dimension_iri", "IRI"),
    )
    rows = [
        (
            r.label,
            number(r.stage.number) if r.stage else "",
            r.stage.label if r.stage else "",
            r.comment,
            radar.assessment_label,
            radar.assessed_on,
            r.dimension,
        )
        for r in radar.ratings
    ]
    return Table(columns, rows)


def maturity_picture(radar: MaturityRadar, t: Translate | None = None) -> Picture:
    t = t or translator(radar.lang)
    return Picture(
        NAME, maturity_title(t), maturity_description(radar, t), draw_maturity_radar(radar, t), maturity_table(radar)
    )
