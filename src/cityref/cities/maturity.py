"""Where a city stands on each maturity dimension: the stage of the latest maturity assessment, on or before a
day, that rates the dimension. Each assessment is a dated record, so an earlier day gives an earlier picture."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cityref.cities.benefits import PREFIXES
from cityref.cities.best_label import best_labels
from cityref.cities.reader import Reader, iri, literal
from cityref.cities.registry import City
from cityref.store.base import ONTOLOGY_GRAPH, sparql_iri


@dataclass(frozen=True)
class DimensionStanding:
    dimension: str
    dimension_label: str
    stage: str
    stage_label: str
    stage_number: int | None
    assessment: str
    assessment_label: str
    assessed_on: date
    label_lang: str | None
    """The language of the dimension and stage labels (from the model)."""


def _query(graph: str) -> str:
    """Every rating of every assessment; a dimension the model has deprecated (the fifth dimension of release
    0.1.0) is left out, as the canned query maturity-profile leaves it out."""
    return f"""{PREFIXES}PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?a ?on ?dim ?stage ?number WHERE {{
  GRAPH {sparql_iri(graph)} {{
    ?a a cityref:MaturityAssessment ; cityref:assessedOn ?on ; cityref:hasDimensionAssessment ?rating .
    ?rating cityref:dimension ?dim ; cityref:stage ?stage .
  }}
  OPTIONAL {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?stage cityref:stageNumber ?number }} }}
  FILTER NOT EXISTS {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?dim owl:deprecated true }} }}
}}"""


MODEL_LABELS = f"""{PREFIXES}SELECT ?node ?label WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{
  VALUES ?kind {{ cityref:MaturityDimension cityref:MaturityStage cityref:InteroperabilityLayer cityref:NeedStatus }}
  ?node a ?kind ; skos:prefLabel ?label .
}} }}"""
"""The labels, in every language, of the model's terms that a city report names."""


def _assessment_labels(graph: str) -> str:
    return f"""{PREFIXES}SELECT ?node ?label WHERE {{ GRAPH {sparql_iri(graph)} {{
  ?node a cityref:MaturityAssessment ; rdfs:label|skos:prefLabel ?label .
}} }}"""


def maturity_standing(read: Reader, city: City, lang: str = "en", *, on: date | None = None) -> list[DimensionStanding]:
    """One standing per dimension rated on or before ``on`` (today by default), in the model's dimension order."""
    on = on or date.today()
    latest: dict[str, tuple[date, str, str, int | None]] = {}
    for row in read(_query(city.graph)):
        a, dim, stage, when = iri(row, "a"), iri(row, "dim"), iri(row, "stage"), literal(row, "on")
        if not (a and dim and stage and when):
            continue
        try:
            day = date.fromisoformat(when[:10])
        except ValueError:
            continue
        given = literal(row, "number")
        if day <= on and (dim not in latest or (day, a) > latest[dim][:2]):
            latest[dim] = (day, a, stage, int(given) if given and given.isdigit() else None)
    model = best_labels(read(MODEL_LABELS), "node", "label", lang)
    own = best_labels(read(_assessment_labels(city.graph)), "node", "label", lang)
    found = []
    for dim, (day, a, stage, number) in latest.items():
        dim_label, tag = model.get(dim, (dim.rsplit("/", 1)[-1], None))
        stage_label, _ = model.get(stage, (stage.rsplit("/", 1)[-1], None))
        found.append(
            DimensionStanding(dim, dim_label, stage, stage_label, number, a, own.get(a, (a, None))[0], day, tag)
        )
    return sorted(found, key=lambda s: s.dimension_label.casefold())
