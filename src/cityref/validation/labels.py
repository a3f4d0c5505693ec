"""Names of a report's focus nodes, read from the delivery itself, so that a person sees "Noise sensor, Night-time
economy zone" where the engine says ``https://exampleton.example/id/device-noise-09``.

Only the validation page asks for them (a client of ``POST /validate`` gets the report as before). They are read
in the validation worker, after the report is built: the delivery is parsed a second time by pyoxigraph (about a
second per million triples, within the same limits as the first), and only the focus nodes' labels are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyoxigraph as ox
from rdflib import Literal

from cityref.validation.parse import Part
from cityref.validation.profiles import pick_text
from cityref.validation.triples import parts_ntriples

LABELS = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/title",
    "http://schema.org/name",
    "https://schema.org/name",
    "http://xmlns.com/foaf/0.1/name",
)
"""Label properties, preferred first: a node with a ``skos:prefLabel`` is named by it, else by ``rdfs:label``..."""


def focus_labels(
    parts: Sequence[Part], focus: Iterable[str], lang: str, *, max_triples: int | None, max_expansion: int
) -> dict[str, str]:
    """The label of each focus node (an IRI) that has one in the delivery, in ``lang`` where it can be."""
    wanted = {node for node in focus if node and not node.startswith("_:")}
    if not wanted:
        return {}
    found: dict[str, dict[str, list[Literal]]] = {}
    text = parts_ntriples(parts, max_triples=max_triples, max_expansion=max_expansion).text
    for triple in ox.parse(text, format=ox.RdfFormat.N_TRIPLES):
        subject, obj = triple.subject, triple.object
        if not isinstance(subject, ox.NamedNode) or subject.value not in wanted:
            continue
        if triple.predicate.value in LABELS and isinstance(obj, ox.Literal):
            by_property = found.setdefault(subject.value, {})
            by_property.setdefault(triple.predicate.value, []).append(Literal(obj.value, lang=obj.language))
    labels: dict[str, str] = {}
    for node, by_property in found.items():
        best = next(by_property[p] for p in LABELS if p in by_property)
        text_found = pick_text(best, lang)
        if text_found:
            labels[node] = text_found
    return labels
