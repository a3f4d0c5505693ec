"""OWL class expressions and data ranges written out in Manchester syntax, for people reading the documentation.

The ontology states some of its axioms with anonymous expressions (a domain that is a union, a range that is an
integer from 1 to 5, a qualified cardinality on a restriction). Shown as a blank node they say nothing; written as
``Practice or OperatingModelComponent`` or ``xsd:integer[>= 1, <= 5]`` they can be read. This is our own small
renderer for the constructs the ontology uses, and for the rest of OWL 2's class and data-range constructs, so that
a new axiom does not silently fall back to a placeholder.

The result is a list of :class:`Piece`: keyword and punctuation pieces have no ``iri``; named terms carry theirs, so
that a page can link them (its own way) while the text stays plain for every other use.

>>> from rdflib import Graph, URIRef
>>> g = Graph().parse(data='''@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix : <urn:x:> .
... :p :range [ owl:unionOf ( :A [ owl:complementOf :B ] ) ] .''', format="turtle")
>>> text(g, g.value(URIRef("urn:x:p"), URIRef("urn:x:range")), lambda iri: iri[6:])
'A or (not B)'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, XSD
from rdflib.term import Node

XSD_NS = str(XSD)
FACETS = {
    XSD.minInclusive: ">=",
    XSD.maxInclusive: "<=",
    XSD.minExclusive: ">",
    XSD.maxExclusive: "<",
    XSD.length: "length",
    XSD.minLength: "minLength",
    XSD.maxLength: "maxLength",
    XSD.pattern: "pattern",
    URIRef(str(RDF) + "langRange"): "langRange",
}
"""Manchester syntax's name for each facet of a datatype restriction."""
CARDINALITIES = (
    (OWL.cardinality, "exactly", False),
    (OWL.minCardinality, "min", False),
    (OWL.maxCardinality, "max", False),
    (OWL.qualifiedCardinality, "exactly", True),
    (OWL.minQualifiedCardinality, "min", True),
    (OWL.maxQualifiedCardinality, "max", True),
)
MAX_DEPTH = 12
"""Expressions nested deeper than this (or a cycle of blank nodes) are cut short with an ellipsis."""


@dataclass(frozen=True)
class Piece:
    """One piece of a written-out expression: a keyword or punctuation (``iri`` is ``None``) or a named term."""

    text: str
    iri: str | None = None


Name = Callable[[str], str]
"""How a named term is written: its IRI to a short name (a label or a CURIE)."""


def text(graph: Graph, node: Node, name: Name) -> str:
    """The expression as plain text."""
    return "".join(p.text for p in pieces(graph, node, name))


def pieces(graph: Graph, node: Node, name: Name) -> list[Piece]:
    """The expression ``node`` (a named class or datatype, a literal, or a blank node) in Manchester syntax."""
    return _Writer(graph, name).write(node, 0, top=True)


class _Writer:
    def __init__(self, graph: Graph, name: Name) -> None:
        self.graph, self.name = graph, name

    def write(self, node: Node, depth: int, *, top: bool = False) -> list[Piece]:
        if isinstance(node, URIRef):
            return [Piece(self.name(str(node)), str(node))]
        if isinstance(node, Literal):
            return [Piece(_literal(node, self.name))]
        if depth > MAX_DEPTH or not isinstance(node, BNode):
            return [Piece("…")]
        out = self._compound(node, depth)
        if out is None:
            return [Piece("…")]
        body, simple = out
        if top or simple:
            return body
        return [Piece("("), *body, Piece(")")]

    def _list(self, head: Node) -> list[Node]:
        return list(Collection(self.graph, head)) if isinstance(head, BNode | URIRef) else []

    def _joined(self, members: list[Node], word: str, depth: int) -> list[Piece]:
        out: list[Piece] = []
        for i, member in enumerate(members):
            if i:
                out.append(Piece(word))
            out.extend(self.write(member, depth + 1))
        return out

    def _compound(self, node: BNode, depth: int) -> tuple[list[Piece], bool] | None:
        """The expression's pieces and whether it needs no brackets when nested; ``None``: not an expression."""
        g = self.graph
        for predicate, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
            head = g.value(node, predicate)
            if head is not None:
                return self._joined(self._list(head), word, depth), False
        for predicate in (OWL.complementOf, OWL.datatypeComplementOf):
            inner = g.value(node, predicate)
            if inner is not None:
                return [Piece("not "), *self.write(inner, depth + 1)], False
        head = g.value(node, OWL.oneOf)
        if head is not None:
            return [Piece("{"), *self._joined(self._list(head), ", ", depth), Piece("}")], True
        inverse = g.value(node, OWL.inverseOf)
        if inverse is not None:
            return [Piece("inverse "), *self.write(inverse, depth + 1)], False
        if g.value(node, OWL.onDatatype) is not None:
            return self._datatype(node, depth), True
        if g.value(node, OWL.onProperty) is not None or g.value(node, OWL.onProperties) is not None:
            return self._restriction(node, depth), False
        if g.value(node, RDF.first) is not None:  # a bare list, e.g. a property chain
            return self._joined(self._list(node), " o ", depth), False
        return None

    def _datatype(self, node: BNode, depth: int) -> list[Piece]:
        g = self.graph
        out = self.write(g.value(node, OWL.onDatatype), depth + 1)  # type: ignore[arg-type]
        facets: list[Piece] = []
        for restriction in self._list(g.value(node, OWL.withRestrictions)):  # type: ignore[arg-type]
            for facet, value in g.predicate_objects(restriction):
                if isinstance(facet, URIRef) and facet in FACETS:
                    if facets:
                        facets.append(Piece(", "))
                    facets.extend([Piece(FACETS[facet] + " "), *self.write(value, depth + 1)])
        return [*out, Piece("["), *facets, Piece("]")]

    def _restriction(self, node: BNode, depth: int) -> list[Piece]:
        g = self.graph
        on = g.value(node, OWL.onProperty)
        prop = self.write(on, depth + 1) if on is not None else [Piece("…")]
        for predicate, word in ((OWL.someValuesFrom, "some"), (OWL.allValuesFrom, "only"), (OWL.hasValue, "value")):
            filler = g.value(node, predicate)
            if filler is not None:
                return [*prop, Piece(f" {word} "), *self.write(filler, depth + 1)]
        if g.value(node, OWL.hasSelf) is not None:
            return [*prop, Piece(" Self")]
        for predicate, word, qualified in CARDINALITIES:
            number = g.value(node, predicate)
            if number is None:
                continue
            out = [*prop, Piece(f" {word} {number}")]
            filler = (g.value(node, OWL.onClass) or g.value(node, OWL.onDataRange)) if qualified else None
            if filler is not None:
                out.extend([Piece(" "), *self.write(filler, depth + 1)])
            return out
        return [*prop, Piece(" …")]


def _literal(value: Literal, name: Name) -> str:
    """Numbers and booleans as they are; strings quoted, with their language or a datatype other than a string."""
    if value.datatype in (XSD.integer, XSD.decimal, XSD.nonNegativeInteger, XSD.boolean):
        return str(value)
    quoted = '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value.language:
        return f"{quoted}@{value.language}"
    if value.datatype is not None and value.datatype != XSD.string:
        return f"{quoted}^^{name(str(value.datatype))}"
    return quoted
