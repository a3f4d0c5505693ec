"""A city's interoperability matrix: for each pair of parties (systems or organisations) that must work together,
the state of each need at each layer of the European Interoperability Framework (legal, organisational, semantic,
technical). Needs carry no date in the model, so the matrix always shows the state the city's data holds now."""

from __future__ import annotations

from dataclasses import dataclass, field

from cityref.cities.benefits import PREFIXES
from cityref.cities.best_label import best_labels
from cityref.cities.maturity import MODEL_LABELS
from cityref.cities.reader import Reader, iri, literal
from cityref.cities.registry import City
from cityref.store.base import sparql_iri

CITYREF = "https://w3id.org/cityref/def/"
LAYERS = tuple(CITYREF + f"eif-layer-{name}" for name in ("legal", "organisational", "semantic", "technical"))


@dataclass(frozen=True)
class Need:
    iri: str
    label: str
    status: str | None
    status_label: str
    standard: str | None


@dataclass
class PartyPair:
    source: str
    source_label: str
    target: str
    target_label: str
    cells: dict[str, list[Need]] = field(default_factory=dict)
    """Layer IRI -> the needs at that layer."""


@dataclass(frozen=True)
class Matrix:
    layers: list[tuple[str, str]]
    """(IRI, label) of each column: the four EIF layers, then any other layer the data uses."""
    rows: list[PartyPair]


def _query(graph: str) -> str:
    return f"""{PREFIXES}SELECT ?need ?from ?to ?layer ?status ?standard WHERE {{ GRAPH {sparql_iri(graph)} {{
  ?need a cityref:InteroperabilityNeed ; cityref:fromParty ?from ; cityref:toParty ?to .
  OPTIONAL {{ ?need cityref:eifLayer ?layer }} OPTIONAL {{ ?need cityref:needStatus ?status }}
  OPTIONAL {{ ?need cityref:standardUsed ?standard }}
}} }}"""


def _labels(graph: str) -> str:
    return f"""{PREFIXES}SELECT ?node ?label WHERE {{ GRAPH {sparql_iri(graph)} {{
  {{ ?node a cityref:InteroperabilityNeed }} UNION {{ ?any cityref:fromParty|cityref:toParty ?node }}
  ?node rdfs:label|skos:prefLabel ?label .
}} }}"""


def interoperability_matrix(read: Reader, city: City, lang: str = "en") -> Matrix:
    model = best_labels(read(MODEL_LABELS), "node", "label", lang)
    own = best_labels(read(_labels(city.graph)), "node", "label", lang)

    def name(node: str, labels: dict[str, tuple[str, str | None]]) -> str:
        return labels.get(node, (node.rsplit("/", 1)[-1], None))[0]

    pairs: dict[tuple[str, str], PartyPair] = {}
    seen: set[tuple[str, str]] = set()
    layers_used: set[str] = set()
    for row in read(_query(city.graph)):
        need, source, target = iri(row, "need"), iri(row, "from"), iri(row, "to")
        if not (need and source and target):
            continue
        layer = iri(row, "layer") or ""
        if (need, layer) in seen:  # a need with two standards comes back twice
            continue
        seen.add((need, layer))
        layers_used.add(layer)
        status = iri(row, "status")
        pair = pairs.setdefault((source, target), PartyPair(source, name(source, own), target, name(target, own)))
        label = name(status, model) if status else "—"
        pair.cells.setdefault(layer, []).append(Need(need, name(need, own), status, label, literal(row, "standard")))
    columns = [*LAYERS, *sorted(layers_used - set(LAYERS))]
    layers = [(layer, name(layer, model) if layer else "—") for layer in columns]
    rows = sorted(pairs.values(), key=lambda p: (p.source_label.casefold(), p.target_label.casefold()))
    return Matrix(layers, rows)
