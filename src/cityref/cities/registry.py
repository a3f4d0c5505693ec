"""Which cities the store holds: every named graph under ``https://w3id.org/cityref/graph/city/`` that describes a
``cityref:City``. A city's id is the rest of its graph IRI (``exampleton``), the name routes and the CLI use.

Exampleton, the shipped sample, comes first; the others follow by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from cityref.cities.reader import Reader, iri, literal
from cityref.errors import NotFound
from cityref.lang import label_rank
from cityref.store.base import EXAMPLETON_GRAPH, GRAPH_BASE

CITY_GRAPH_BASE = GRAPH_BASE + "city/"
CITYREF = "https://w3id.org/cityref/def/"


@dataclass(frozen=True)
class City:
    id: str
    graph: str
    """The named graph that holds the city's data."""
    iri: str
    """The ``cityref:City`` resource inside it."""
    label: str
    label_lang: str | None
    """The language of ``label`` (``None``: no label in any language; ``label`` is then the id)."""

    def to_json(self) -> dict[str, str | None]:
        return {"id": self.id, "graph": self.graph, "city": self.iri, "label": self.label, "labelLang": self.label_lang}


_QUERY = f"""
PREFIX cityref: <https://w3id.org/cityref/def/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?g ?city ?label WHERE {{
  GRAPH ?g {{ ?city a cityref:City . OPTIONAL {{ ?city rdfs:label|skos:prefLabel ?label }} }}
  FILTER(STRSTARTS(STR(?g), "{CITY_GRAPH_BASE}"))
}}
"""


def list_cities(read: Reader, lang: str = "en") -> list[City]:
    """Every city graph of the store, each with its label in ``lang`` where it has one."""
    best: dict[str, tuple[tuple[int, str, str], City]] = {}
    for row in read(_QUERY):
        graph, city = iri(row, "g"), iri(row, "city")
        if graph is None or city is None:
            continue
        ident = graph.removeprefix(CITY_GRAPH_BASE)
        label_term = row.get("label")
        label = label_term["value"] if label_term else ident
        label_lang = label_term.get("xml:lang") if label_term else None
        key = (label_rank(label_lang, lang) if label_term else 9, city, label)
        if ident not in best or key < best[ident][0]:
            best[ident] = (key, City(ident, graph, city, label, label_lang))
    cities = [entry[1] for entry in best.values()]
    return sorted(cities, key=lambda c: (c.graph != EXAMPLETON_GRAPH, c.label.casefold(), c.id))


def find_city(read: Reader, ident: str, lang: str = "en") -> City:
    """The city with id ``ident``; ``NotFound`` listing the known ids otherwise."""
    cities = list_cities(read, lang)
    for city in cities:
        if city.id == ident:
            return city
    raise NotFound(f"The store holds no city {ident!r}", known=[c.id for c in cities])


__all__ = ["CITY_GRAPH_BASE", "City", "find_city", "list_cities", "literal"]
