"""Deliveries as N-Triples text for the compiled engine, read by pyoxigraph alone (no rdflib graph is built).

The same guards and limits as :func:`cityref.validation.parse.parse_data` apply (JSON-LD contexts by IRI and
XML entities refused before parsing, the triple cap counted over all files, blank nodes of several files kept
apart, quads merged into one graph), and a syntax error is reported the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from io import BytesIO
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from cityref.errors import LimitExceeded, SyntaxProblem
from cityref.intake.guards import check_json_ld, check_xml
from cityref.validation.parse import _OX_FORMATS, DEFAULT_BASE, Part, _syntax_problem, expansion_limit, format_for


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
) -> list[ox.Triple]:
    """One file's triples (quads merged), parsed and checked as :func:`parse_data` does."""
    fmt = format_for(content_type, name)
    triples: list[ox.Triple] = []
    try:
        if fmt.name == "jsonld":
            check_json_ld(data)
        elif fmt.name == "rdfxml":
            check_xml(data, max_expansion=expansion_limit(data, max_expansion))
        try:
            for number, quad in enumerate(ox.parse(data, format=_OX_FORMATS[fmt.name], base_iri=DEFAULT_BASE), 1):
                if max_triples is not None and number > max_triples:
                    raise LimitExceeded(f"The data holds more than {max_triples} triples", limit="max_triples")
                subject, obj = quad.subject, quad.object
                if isinstance(subject, ox.Triple) or isinstance(obj, ox.Triple):
                    raise SyntaxProblem("RDF-star triple terms are not supported in deliveries")
                triples.append(ox.Triple(_renamed(subject, bnode_prefix), quad.predicate, _renamed(obj, bnode_prefix)))
        except SyntaxError as error:
            raise _syntax_problem(error, fmt, data) from None
    except SyntaxProblem as problem:
        if name:
            problem.detail = f"{name}: {problem.detail}"
            problem.extra["file"] = name
        raise
    return triples


def parts_ntriples(parts: Sequence[Part], *, max_triples: int | None = None, max_expansion: int = 0) -> bytes:
    """Several files (name, bytes, content type) as one N-Triples document; the triple cap counts them together.

    Triples repeated across files count once, as in the graph :func:`parse_parts` builds.
    """
    seen: set[ox.Triple] = set()
    for index, (name, data, content_type) in enumerate(parts):
        remaining = None if max_triples is None else max_triples - len(seen)
        prefix = f"f{index}_" if len(parts) > 1 else ""
        try:
            seen.update(
                read_triples(
                    data,
                    content_type,
                    name=name,
                    max_triples=remaining,
                    bnode_prefix=prefix,
                    max_expansion=max_expansion,
                )
            )
        except LimitExceeded:
            raise LimitExceeded(f"The data holds more than {max_triples} triples", limit="max_triples") from None
        if max_triples is not None and len(seen) > max_triples:
            raise LimitExceeded(f"The data holds more than {max_triples} triples", limit="max_triples")
    out = BytesIO()
    ox.serialize(seen, out, format=ox.RdfFormat.N_TRIPLES)
    return out.getvalue()


def graph_ntriples(graph: Graph) -> bytes:
    """An rdflib graph as N-Triples."""
    return graph.serialize(format="nt", encoding="utf-8")


@cache
def ontology_ntriples(graph: Graph) -> bytes:
    """The merged ontology as N-Triples, written once per process and graph."""
    return graph_ntriples(graph)
