"""The compiled SHACL engine (`shacl-rust`_) that runs validation by default; pySHACL remains the reference.

The engine reads N-Triples and returns its results as dictionaries of N-Triples terms. This module turns those
into the records (:class:`cityref.validation.report.Findings`) that pySHACL's report graph is read into, so that
:mod:`cityref.validation.report` and every renderer serve both engines alike:

- the blank nodes of the shapes graph are renamed to IRIs before the engine sees them (the engine relabels them
  otherwise), and the report names the profile's own nodes again, so fix hints and ``sh:class`` are found;
- a result's path is the source shape's ``sh:path``, copied into the report as pySHACL does;
- messages are the shape's own ``sh:message`` literals, language tags included; the engine's built-in English
  explanations are dropped, as pySHACL's stand-ins would differ from them anyway.

:func:`unsupported` says why a shapes graph needs pySHACL (a feature the engine lacks); profiles are sorted by it
once, when they load.

.. _shacl-rust: https://pypi.org/project/shacl-rust/
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyoxigraph as ox
import shacl_rust
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from cityref.errors import BadRequest
from cityref.validation.findings import Findings, Found
from cityref.validation.parse import rdflib_converter, strict_literals

FAST = "shacl-rust"
REFERENCE = "pyshacl"
ENGINES = (FAST, REFERENCE)
_SKOLEM = "urn:cityref:shape-node:"
_VALUES = re.compile(r"\bVALUES\b", re.IGNORECASE)
_TEMPLATE = re.compile(r"\{[$?][A-Za-z_][A-Za-z0-9_]*\}")
_SPARQL_COMPONENT = f"<{SH.SPARQLConstraintComponent}>"

# What a shapes graph may use that the engine does not run as pySHACL does (measured on the W3C suite and on
# pySHACL's DASH cases, see docs/validation.md): each is a reason to run it on pySHACL.
_NEEDS_REFERENCE: tuple[tuple[URIRef, str], ...] = (
    (SH.rule, "SHACL rules (sh:rule)"),
    (SH.js, "SHACL-JS"),
    (SH.jsFunctionName, "SHACL-JS"),
    (SH.validator, "custom constraint components"),
    (SH.nodeValidator, "custom constraint components"),
    (SH.propertyValidator, "custom constraint components"),
    (SH.entailment, "sh:entailment"),
    (SH.expression, "SHACL-AF node expressions"),
    # shacl-rust 0.2.12 reports no result where the two values cannot be compared; SHACL (and pySHACL) do.
    (SH.lessThan, "sh:lessThan with values that cannot be compared"),
    (SH.lessThanOrEquals, "sh:lessThanOrEquals with values that cannot be compared"),
)

_TYPES_NEEDING_REFERENCE = (
    (SH.SPARQLTargetType, "SHACL-AF target types"),
    (SH.SPARQLFunction, "SHACL-AF functions"),
)


def unsupported(shapes: Graph) -> str | None:
    """Why ``shapes`` must run on pySHACL, or ``None`` when the compiled engine runs it the same way."""
    for prop, reason in _NEEDS_REFERENCE:
        if (None, prop, None) in shapes:
            return reason
    for kind, reason in _TYPES_NEEDING_REFERENCE:
        if (None, RDF.type, kind) in shapes:
            return reason
    for query in (*shapes.objects(None, SH.select), *shapes.objects(None, SH.ask)):
        if _VALUES.search(str(query)):  # SHACL forbids VALUES in constraints; the engine runs it, pySHACL refuses
            return "SPARQL with VALUES"
    for prop in (SH.message,):
        for message in shapes.objects(None, prop):
            if _TEMPLATE.search(str(message)):
                return "message templates ({$this}, {?value}...)"
    return None


@dataclass(frozen=True)
class CompiledShapes:
    """A shapes graph as the engine reads it (N-Triples, blank nodes named), and the way back to its nodes."""

    text: str
    graph: Graph
    original: dict[str, Node]
    uses_sparql: bool = False

    def node(self, term: str) -> Node:
        """The shapes-graph node an engine term names (a renamed blank node, an IRI)."""
        return self.original.get(term) or _term(term)


_SHAPE_VALUES = (SH.property, SH.node, SH.qualifiedValueShape, SH["not"])
_SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)
_SHAPE_TYPES = (SH.NodeShape, SH.PropertyShape)


def _shape_nodes(shapes: Graph) -> set[BNode]:
    """The blank nodes the engine may report as a source shape. Paths and lists stay blank: they are structure,
    and a path written as an IRI would be read as a predicate."""
    found: set[Node] = set(shapes.subjects(SH.path, None))
    for prop in _SHAPE_VALUES:
        found.update(shapes.objects(None, prop))
    for kind in _SHAPE_TYPES:
        found.update(shapes.subjects(RDF.type, kind))
    for prop in _SHAPE_LISTS:
        for head in shapes.objects(None, prop):
            found.update(_members(shapes, head))
    return {node for node in found if isinstance(node, BNode)}


def _members(graph: Graph, head: Node | None) -> Iterator[Node]:
    seen: set[Node] = set()
    while isinstance(head, BNode) and head not in seen:
        seen.add(head)
        first = graph.value(head, RDF.first)
        if first is not None:
            yield first
        head = graph.value(head, RDF.rest)


# pySHACL declares these in every query on its own, and the shapes graph's own prefixes too (the DASH cases rely
# on both); the engine reads only sh:declare.
_OWN_PREFIXES = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}


def _implicit_prefixes(shapes: Graph) -> dict[str, str]:
    """The prefixes pySHACL would add to a query that the shapes do not declare with sh:declare."""
    declared = {str(p) for p in shapes.objects(None, SH.prefix)}
    bound = {prefix: str(namespace) for prefix, namespace in shapes.namespaces() if prefix}
    return {p: ns for p, ns in {**bound, **_OWN_PREFIXES}.items() if p not in declared}


def _declared(predicate: Node, value: Node, prefixes: dict[str, str]) -> Node:
    """A SPARQL text with the implicit prefixes it uses written in front."""
    if predicate not in (SH.select, SH.ask, SH.construct) or not isinstance(value, Literal):
        return value
    text = str(value)
    missing = [
        f"PREFIX {p}: <{ns}>\n"
        for p, ns in prefixes.items()
        if re.search(rf"(?<![\w.-]){re.escape(p)}:", text)
        and not re.search(rf"PREFIX\s+{re.escape(p)}\s*:", text, re.I)
    ]
    return Literal("".join(missing) + text, lang=value.language, datatype=value.datatype) if missing else value


def _imported_declarations(shapes: Graph) -> Iterator[tuple[Node, Node]]:
    """The ``sh:declare`` of the graphs a ``sh:prefixes`` node names through ``owl:imports``: pySHACL follows them
    within the shapes graph, the engine reads a node's own declarations only."""
    for holder in set(shapes.objects(None, SH.prefixes)):
        todo, seen = list(shapes.objects(holder, OWL.imports)), {holder}
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for declaration in shapes.objects(node, SH.declare):
                yield holder, declaration
            todo.extend(shapes.objects(node, OWL.imports))


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """Name the shapes' blank shape nodes so that the engine's results point back into the graph."""
    renamed: dict[Node, Node] = {node: URIRef(f"{_SKOLEM}{n}") for n, node in enumerate(_shape_nodes(shapes))}
    copy = Graph()
    implicit = _implicit_prefixes(shapes)
    copy.addN((renamed.get(s, s), p, _declared(p, renamed.get(o, o), implicit), copy) for s, p, o in shapes)
    for holder, declaration in _imported_declarations(shapes):
        copy.add((renamed.get(holder, holder), SH.declare, renamed.get(declaration, declaration)))
    original = {f"<{iri}>": node for node, iri in renamed.items()}
    sparql = any((None, prop, None) in shapes for prop in (SH.select, SH.ask))
    return CompiledShapes(copy.serialize(format="nt", encoding="utf-8").decode("utf-8"), shapes, original, sparql)


class _Joined:
    """Several byte strings read as one binary file, for the engine's streaming reader: the delivery and the
    ontology are not copied into one string (at a million triples, 0.4 s and 150 MB saved)."""

    def __init__(self, parts: Sequence[bytes]) -> None:
        self._parts = [memoryview(part) for part in parts if part]
        self._at = 0

    def read(self, size: int = -1) -> bytes:
        while self._parts:
            part = self._parts[0]
            if self._at < len(part):
                end = len(part) if size is None or size < 0 else self._at + size
                chunk = part[self._at : end]
                self._at += len(chunk)
                return bytes(chunk)
            self._parts.pop(0)
            self._at = 0
        return b""


def run(data: Sequence[bytes], shapes: CompiledShapes, inference: str) -> Findings:
    """Validate N-Triples ``data`` (one document in several parts) with the compiled engine; its results as the
    records pySHACL's report graph is read into."""
    if inference != "none":
        raise BadRequest("The compiled engine does not infer; use engine=pyshacl", engine=FAST)
    try:
        outcome = shacl_rust.validate_file(
            _Joined(data),
            _Joined([shapes.text.encode("utf-8")]),
            data_format="nt",
            shapes_format="nt",
            experimental_index=True,
        )
    except (ValueError, RuntimeError) as error:  # ill-formed shapes: the caller's input
        raise BadRequest(f"The shapes cannot be used: {error}", engine=FAST) from None
    with strict_literals():  # an ill-typed value stays ill-typed, as when parse.py reads it for pySHACL
        findings = _findings(outcome, shapes)
        _describe_blank_nodes(findings, data)
    return findings


def _describe_blank_nodes(findings: Findings, data: Sequence[bytes]) -> None:
    """Copy what the data says about blank focus nodes and values into the findings' graph, as pySHACL does: a
    blank node is known only by its description. Read only when some result names one."""
    wanted = [t for f in findings.results for t in (f.focus, f.value) if isinstance(t, BNode)]
    if not wanted:
        return
    about: dict[str, list[ox.Triple]] = {}
    for part in data:
        for triple in ox.parse(part, format=ox.RdfFormat.N_TRIPLES):
            if isinstance(triple.subject, ox.BlankNode):
                about.setdefault(triple.subject.value, []).append(triple)
    todo, seen = [str(node) for node in wanted], set()
    while todo:
        label = todo.pop()
        if label in seen:
            continue
        seen.add(label)
        for triple in about.get(label, ()):
            obj = _CONVERT(triple.object)
            findings.graph.add((BNode(label), _CONVERT(triple.predicate), obj))
            if isinstance(obj, BNode):
                todo.append(str(obj))


def _findings(outcome: dict[str, Any], shapes: CompiledShapes) -> Findings:
    """The engine's results as records, and a graph of the blank paths they name. A large report repeats few
    shapes, paths and messages, and often the same terms: each is looked up once."""
    graph = Graph()
    graph.bind("sh", SH)
    term = cache(_term)
    per_shape: dict[tuple[str | None, str | None], tuple[Node | None, Node | None, dict[str, Literal]]] = {}
    copied: set[Node] = set()
    found: list[Found] = []
    for result in outcome["results"]:
        focus = term(result["focusNode"])
        component = result["sourceConstraintComponent"]
        key = (result.get("sourceShape"), result.get("resultPath"))
        if key not in per_shape:
            shape = shapes.node(key[0]) if key[0] else None
            path = _path(key[1], shape, shapes.graph) if key[1] is not None else None
            per_shape[key] = (shape, path, _authored_messages(shape, shapes.graph))
            if path is not None and path not in copied:
                copied.add(path)
                _copy(path, shapes.graph, graph)
        shape, path, authored = per_shape[key]
        value = result.get("value")
        # the shape's own messages among the engine's, with their languages; the engine's explanations dropped
        messages = tuple(authored[text] for text in dict.fromkeys(result.get("messages") or ()) if text in authored)
        found.append(
            Found(
                focus=focus,
                severity=term(result["severity"]),
                component=term(component),
                shape=shape,
                # SHACL: a SPARQL constraint without ?value reports the focus node as the value
                value=term(value) if value is not None else focus if component == _SPARQL_COMPONENT else None,
                path=path,
                messages=messages,
            )
        )
    return Findings(found, graph, bool(outcome["conforms"]))


def _path(text: str, shape: Node | None, shapes: Graph) -> Node | None:
    if text.startswith("<") and text.endswith(">") and " " not in text:
        return URIRef(text[1:-1])
    return shapes.value(shape, SH.path) if shape is not None else None


def _copy(path: Node, source: Graph, target: Graph) -> Node:
    """A path node and everything under it, into the report graph (as pySHACL copies it)."""
    todo, seen = [path], set()
    while todo:
        node = todo.pop()
        if not isinstance(node, BNode) or node in seen:
            continue
        seen.add(node)
        for p, o in source.predicate_objects(node):
            target.add((node, p, o))
            todo.append(o)
    return path


def _authored_messages(shape: Node | None, shapes: Graph) -> dict[str, Literal]:
    """The messages a shape (or its SPARQL constraints) states, by their text."""
    if shape is None:
        return {}
    return {str(m): m for m in _authored(shape, shapes) if isinstance(m, Literal)}


def _authored(shape: Node, shapes: Graph) -> Iterator[Node]:
    yield from shapes.objects(shape, SH.message)
    for constraint in shapes.objects(shape, SH.sparql):
        yield from shapes.objects(constraint, SH.message)


_CONVERT = rdflib_converter("")


def _term(text: str) -> Node:
    """One N-Triples term as the rdflib term :mod:`cityref.validation.parse` would have made of it."""
    if text.startswith("_:"):
        return BNode(text[2:])
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    triple = next(iter(ox.parse(f"<urn:x:s> <urn:x:p> {text} .", format=ox.RdfFormat.N_TRIPLES)))
    return _CONVERT(triple.object)
