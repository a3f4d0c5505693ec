"""Deliveries as N-Triples text for the compiled engine, read by pyoxigraph alone (no rdflib graph is built).

The same guards and limits as :func:`cityref.validation.parse.parse_data` apply (JSON-LD contexts by IRI and
XML entities refused before parsing, the triple cap counted over all files, blank nodes of several files kept
apart, quads merged into one graph), and a syntax error is reported the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from itertools import islice
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from cityref import media
from cityref.errors import LimitExceeded, SyntaxProblem, too_many_triples
from cityref.validation.parse import DEFAULT_BASE, Part, format_for, reading

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    _XSD + name
    for name in (
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}
_CANONICAL_INTEGER = re.compile(r"0|-?[1-9][0-9]*")


def is_canonical(literal: ox.Literal) -> bool:
    """Whether a boolean or integer literal is written in its canonical form (``true``, ``12``, not ``1``,
    ``012``). The compiled engine's SPARQL matches such literals by value, so ``"1"^^xsd:boolean`` matches the
    ``true`` of a query, where SPARQL (and pySHACL) compare RDF terms: a delivery holding one runs on pySHACL when
    the shapes use SPARQL. Other datatypes are compared as written by both engines' core constraints."""
    datatype = literal.datatype.value
    if datatype == _XSD + "boolean":
        return literal.value in ("true", "false")
    if datatype in _INTEGERS:
        return _CANONICAL_INTEGER.fullmatch(literal.value) is not None
    return True


@dataclass
class Delivery:
    """A delivery as N-Triples, and whether it holds a literal the compiled engine's SPARQL would read by value."""

    text: bytes
    non_canonical: bool = False


def _renamed(term: Any, prefix: str) -> Any:
    return ox.BlankNode(prefix + term.value) if prefix and isinstance(term, ox.BlankNode) else term


def read_triples(
    data: bytes,
    content_type: str | None,
    *,
    name: str | None,
    max_triples: int | None,
    bnode_prefix: str,
    max_expansion: int,
) -> tuple[list[ox.Triple], bool]:
    """One file's triples (quads merged), parsed and checked as :func:`parse_data` does."""
    fmt = format_for(content_type, name)
    triples: list[ox.Triple] = []
    non_canonical = False
    with reading(data, fmt, name=name, max_expansion=max_expansion):
        for number, quad in enumerate(ox.parse(data, format=media.oxigraph_format(fmt), base_iri=DEFAULT_BASE), 1):
            if max_triples is not None and number > max_triples:
                raise too_many_triples(max_triples)
            subject, obj = quad.subject, quad.object
            if isinstance(subject, ox.Triple) or isinstance(obj, ox.Triple):
                raise SyntaxProblem("RDF-star triple terms are not supported in deliveries")
            if isinstance(obj, ox.Literal) and not non_canonical and not is_canonical(obj):
                non_canonical = True
            triples.append(ox.Triple(_renamed(subject, bnode_prefix), quad.predicate, _renamed(obj, bnode_prefix)))
    return triples, non_canonical


_TRIPLE_FORMATS = ("turtle", "ntriples", "rdfxml", "jsonld")
_BOOLEAN = b'"^^<http://www.w3.org/2001/XMLSchema#boolean>'
_INTEGER_TYPED = re.compile(
    rb'"\^\^<http://www\.w3\.org/2001/XMLSchema#(?:'
    + b"|".join(re.escape(t[len(_XSD) :].encode()) for t in sorted(_INTEGERS))
    + rb")>"
)
"""The end of an integer literal in N-Triples: one scan of the text finds them all (a search per datatype took
13 scans, 20 ms of a 100k-triple delivery). The pattern starts with a fixed string, which the regex engine looks
for first."""


def non_canonical_in(text: bytes) -> bool:
    """Whether N-Triples ``text`` holds a boolean or integer literal not in its canonical form (:func:`is_canonical`).
    Booleans are counted (every one is ``"true"``, ``"false"`` or odd); integers are looked at one by one."""
    booleans = text.count(_BOOLEAN)
    if booleans and booleans != text.count(b'"true' + _BOOLEAN) + text.count(b'"false' + _BOOLEAN):
        return True
    for found in _INTEGER_TYPED.finditer(text):
        end = found.start()
        start = text.rfind(b'"', 0, end) + 1
        if text[start - 2 : start - 1] == b"\\":  # an escaped quote inside the value: no integer is written so
            return True
        if _CANONICAL_INTEGER.fullmatch(text[start:end].decode("utf-8", "replace")) is None:
            return True
    return False


def one_file(
    data: bytes, content_type: str | None, *, name: str | None, max_triples: int | None, max_expansion: int
) -> Delivery | None:
    """One file of a triple format, parsed and written by pyoxigraph without a Python step per triple (a 1M-triple
    register in about 2 s); ``None`` where :func:`read_triples` must look at each (quads, RDF-star)."""
    fmt = format_for(content_type, name)
    if fmt.name not in _TRIPLE_FORMATS or b"<<" in data:
        return None
    with reading(data, fmt, name=name, max_expansion=max_expansion):
        parsed = ox.parse(data, format=media.oxigraph_format(fmt), base_iri=DEFAULT_BASE)
        # islice stops reading one triple past the cap, in C
        text = ox.serialize(
            parsed if max_triples is None else islice(parsed, max_triples + 1), format=ox.RdfFormat.N_TRIPLES
        )
    assert text is not None  # serialize returns bytes when given no output
    if max_triples is not None and text.count(b"\n") > max_triples:
        raise too_many_triples(max_triples)
    return Delivery(text, non_canonical_in(text))


def parts_ntriples(parts: Sequence[Part], *, max_triples: int | None = None, max_expansion: int = 0) -> Delivery:
    """Several files (name, bytes, content type) as one N-Triples document; the triple cap counts them together.

    Triples repeated across files count once, as in the graph :func:`parse_parts` builds.
    """
    if len(parts) == 1:
        name, data, content_type = parts[0]
        single = one_file(data, content_type, name=name, max_triples=max_triples, max_expansion=max_expansion)
        if single is not None:
            return single
    seen: set[ox.Triple] = set()
    non_canonical = False
    for index, (name, data, content_type) in enumerate(parts):
        remaining = None if max_triples is None else max_triples - len(seen)
        prefix = f"f{index}_" if len(parts) > 1 else ""
        try:
            triples, odd = read_triples(
                data, content_type, name=name, max_triples=remaining, bnode_prefix=prefix, max_expansion=max_expansion
            )
            seen.update(triples)
            non_canonical = non_canonical or odd
        except LimitExceeded:
            if max_triples is None:
                raise
            raise too_many_triples(max_triples) from None
        if max_triples is not None and len(seen) > max_triples:
            raise too_many_triples(max_triples)
    out = BytesIO()
    ox.serialize(seen, out, format=ox.RdfFormat.N_TRIPLES)
    return Delivery(out.getvalue(), non_canonical)


def graph_ntriples(graph: Graph) -> bytes:
    """An rdflib graph as N-Triples."""
    return graph.serialize(format="nt", encoding="utf-8")


@cache
def ontology_ntriples(graph: Graph) -> bytes:
    """The merged ontology as N-Triples, written once per process and graph."""
    return graph_ntriples(graph)
