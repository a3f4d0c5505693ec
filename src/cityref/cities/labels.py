"""Names for the IRIs a city page shows: the label in the reader's language (else English, else untagged, else
any), and the notation ("B9") where the model gives one, read from the model's graph and the city's own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cityref.cities.reader import Reader, iri, literal
from cityref.lang import label_rank
from cityref.sparql.binding import ParameterError, to_term
from cityref.store.base import ONTOLOGY_GRAPH

CITYREF = "https://w3id.org/cityref/def/"
_CHUNK = 200


@dataclass(frozen=True)
class Term:
    """An IRI with the name people read; ``lang`` is the label's language (``None`` when untagged or absent)."""

    iri: str
    label: str
    lang: str | None = None
    notation: str | None = None

    @property
    def href(self) -> str | None:
        """The term's page on this server (``/def/{local}``) when it is a term of the model."""
        return "/def/" + self.iri.removeprefix(CITYREF) if self.iri.startswith(CITYREF) else None

    @property
    def name(self) -> str:
        """ "B9 Delivering integrated citizen-centric services": the notation first when there is one."""
        return f"{self.notation} {self.label}" if self.notation and self.notation != self.label else self.label

    def to_json(self, base: str = "") -> dict[str, Any]:
        body: dict[str, Any] = {"iri": self.iri, "label": self.label, "labelLang": self.lang}
        if self.notation:
            body["notation"] = self.notation
        if self.href:
            body["href"] = base + self.href
        return body


def graph_term(graph: str) -> str:
    """A graph IRI written for SPARQL text, checked like any parameter (an IRI of the store, but never trusted)."""
    return to_term("iri", graph, "graph").sparql


def _local(value: str) -> str:
    return value.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or value


def describe(read: Reader, iris: Iterable[str], graph: str, lang: str = "en") -> dict[str, Term]:
    """A :class:`Term` for each IRI, named from the model's graph and from ``graph`` (the city's); an IRI nobody
    names keeps the last segment of its path as its label."""
    wanted = sorted({i for i in iris if i})
    best: dict[str, tuple[int, str, str | None]] = {}
    notations: dict[str, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        values = []
        for value in wanted[start : start + _CHUNK]:
            try:
                values.append(to_term("iri", value, "x").sparql)
            except ParameterError:
                continue
        if not values:
            continue
        text = f"""
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?x ?label ?notation WHERE {{
  VALUES ?x {{ {" ".join(values)} }}
  {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?x skos:prefLabel|rdfs:label ?label }} }}
  UNION {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?x skos:notation ?notation }} }}
  UNION {{ GRAPH {graph_term(graph)} {{ ?x rdfs:label|skos:prefLabel|dct:title ?label }} }}
}}"""
        for row in read(text):
            subject = iri(row, "x")
            if subject is None:
                continue
            notation = literal(row, "notation")
            if notation is not None:
                notations.setdefault(subject, notation)
            term = row.get("label")
            if term is None:
                continue
            label_lang = term.get("xml:lang") or None
            key = (label_rank(label_lang, lang), term["value"], label_lang)
            if subject not in best or key[:2] < best[subject][:2]:
                best[subject] = key
    found: dict[str, Term] = {}
    for value in wanted:
        if value in best:
            _, label, label_lang = best[value]
            found[value] = Term(value, label, label_lang, notations.get(value))
        else:
            found[value] = Term(value, notations.get(value) or _local(value), None, notations.get(value))
    return found


__all__ = ["Term", "describe", "graph_term"]
