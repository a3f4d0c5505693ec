"""Validating a delivery in the context of what a city already holds (``POST /validate?context=GRAPH``,
``cityref validate --context``).

The city's triples join the data graph beside the delivery and the ontology, read-only: references to the city's
organisations, systems and datasets then resolve. Three things keep that honest:

- the city's blank nodes are renamed apart (``ctx0_...``), so that none merges with one of the delivery's;
- one marker triple, ``<urn:cityref:validation:context> <urn:cityref:validation:checkedAgainst> <GRAPH>``, tells
  the shapes that a city was looked at: the profiles word "not described in this delivery" and "not in the city's
  catalogue" apart by it (see ``shapes/service-catalogue.ttl``);
- results are kept for the delivery's own nodes only (the subjects of its triples), never for the city's: the
  city's own gaps are not the vendor's to answer for.

The delivery and the context share the triple cap (``max_triples``): the context is counted first, and the
delivery may use what is left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from cityref.errors import LimitExceeded, Said
from cityref.validation.parse import Part, format_for, parse_data
from cityref.validation.triples import Delivery, one_file, read_triples

CONTEXT_NODE = "urn:cityref:validation:context"
CHECKED_AGAINST = "urn:cityref:validation:checkedAgainst"
BNODE_PREFIX = "ctx"


@dataclass(frozen=True)
class Context:
    """A city's graph (or files) to validate against: its parts and the name the marker gives it (a graph IRI or a
    file name)."""

    parts: tuple[Part, ...]
    name: str


def _marker_object(name: str) -> Node:
    return URIRef(name) if ":" in name and " " not in name and not name.startswith("_:") else RdfLiteral(name)


def marker(name: str) -> tuple[Node, Node, Node]:
    """The triple that tells the shapes a city's graph was looked at."""
    return URIRef(CONTEXT_NODE), URIRef(CHECKED_AGAINST), _marker_object(name)


def marker_ntriples(name: str) -> bytes:
    s, p, o = marker(name)
    return f"{s.n3()} {p.n3()} {o.n3()} .\n".encode()


def _too_many(max_triples: int, name: str) -> LimitExceeded:
    detail = Said("The context %(name)s holds more than %(count)s triples", name=name, count=max_triples)
    return LimitExceeded(detail, limit="max_triples")


def context_ntriples(context: Context, *, max_triples: int | None, max_expansion: int) -> Delivery:
    """The context as N-Triples, blank nodes renamed apart; ``LimitExceeded`` past ``max_triples``."""
    if len(context.parts) == 1:
        name, data, content_type = context.parts[0]
        # N-Triples without a blank node (a store's dump of a city, usually): pyoxigraph alone, no Python per triple
        if format_for(content_type, name).name == "ntriples" and b"_:" not in data:
            try:
                single = one_file(data, content_type, name=name, max_triples=max_triples, max_expansion=max_expansion)
            except LimitExceeded:
                raise _too_many(max_triples or 0, context.name) from None
            if single is not None:
                return single
    seen: set[ox.Triple] = set()
    odd = False
    for index, (name, data, content_type) in enumerate(context.parts):
        remaining = None if max_triples is None else max_triples - len(seen)
        try:
            triples, non_canonical = read_triples(
                data,
                content_type,
                name=name,
                max_triples=remaining,
                bnode_prefix=f"{BNODE_PREFIX}{index}_",
                max_expansion=max_expansion,
            )
        except LimitExceeded:
            raise _too_many(max_triples or 0, context.name) from None
        seen.update(triples)
        odd = odd or non_canonical
    text = ox.serialize(seen, format=ox.RdfFormat.N_TRIPLES) or b""
    return Delivery(text, odd)


def context_graph(context: Context, *, max_triples: int | None, max_expansion: int) -> Graph:
    """The context as an rdflib graph (for pySHACL), blank nodes renamed apart."""
    graph = Graph()
    for index, (name, data, content_type) in enumerate(context.parts):
        remaining = None if max_triples is None else max_triples - len(graph)
        try:
            parse_data(
                data,
                content_type,
                max_triples=remaining,
                into=graph,
                name=name,
                bnode_prefix=f"{BNODE_PREFIX}{index}_",
                max_expansion=max_expansion,
            )
        except LimitExceeded:
            raise _too_many(max_triples or 0, context.name) from None
    return graph


def triples_in(text: bytes) -> int:
    """How many triples N-Triples ``text`` holds (one a line, as pyoxigraph writes them)."""
    return text.count(b"\n")


def left_for_delivery(max_triples: int | None, context_triples: int) -> int | None:
    """What of the triple cap the delivery may use once the context is counted."""
    return None if max_triples is None else max(0, max_triples - context_triples)


def shared_cap_exceeded(max_triples: int, context_triples: int, name: str) -> LimitExceeded:
    return LimitExceeded(
        Said(
            "The delivery and the context %(name)s together hold more than %(count)s triples (the context alone "
            "holds %(held)s)",
            name=name,
            count=max_triples,
            held=context_triples,
        ),
        limit="max_triples",
        context_triples=context_triples,
    )


def subjects_of_ntriples(text: bytes) -> set[Node]:
    """The delivery's own nodes: every subject of its triples, as the report graph names them."""
    found: set[Node] = set()
    for triple in ox.parse(text, format=ox.RdfFormat.N_TRIPLES):
        subject = triple.subject
        if isinstance(subject, ox.NamedNode):
            found.add(URIRef(subject.value))
        elif isinstance(subject, ox.BlankNode):
            found.add(BNode(subject.value))
    return found


def subjects_of_graph(graph: Graph) -> set[Node]:
    return set(graph.subjects(unique=True))


__all__: Sequence[str] = (
    "CHECKED_AGAINST",
    "CONTEXT_NODE",
    "Context",
    "context_graph",
    "context_ntriples",
    "marker",
    "marker_ntriples",
    "subjects_of_graph",
    "subjects_of_ntriples",
)
