"""What an engine found, as records: the input of the typed report (:mod:`cityref.validation.report`).

One :class:`Found` record a result, in rdflib terms, and beside them a graph holding what the records point into
(blank paths, the descriptions of blank focus nodes and values). The compiled engine's results are made records
directly (:mod:`cityref.validation.fast`); pySHACL's report graph is read into them (:func:`read_report_graph`) and
kept as that graph, so that a W3C rendering copies each kept result's whole description (``sh:detail``...). A W3C
graph of every result is built only when asked for (:meth:`Findings.to_graph`): at a million triples, a report of
11,000 results cost 3.4 s to build as an rdflib graph and 1.8 s more to read back.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH
from rdflib.term import Node


@dataclass(frozen=True, slots=True)
class Found:
    """One result as an engine gave it. ``node`` is its node in the report graph it was read from (pySHACL's),
    ``None`` for one the compiled engine or the context check gave."""

    focus: Node | None
    severity: Node | None
    component: Node | None
    shape: Node | None = None
    value: Node | None = None
    path: Node | None = None
    messages: tuple[Node, ...] = ()
    node: Node | None = None

    def write(self, graph: Graph, root: Node, source: Graph, seen: set[Node], *, messages: bool = True) -> Node:
        """Add this result to the W3C report ``graph`` under ``root``, with what its blank terms are in ``source``
        (paths, described blank nodes; for a result read from a report graph, its whole description)."""
        if self.node is not None:
            graph.add((root, SH.result, self.node))
            copy_tree(source, graph, self.node, seen)
            if not messages:
                graph.remove((self.node, SH.resultMessage, None))
            return self.node
        node = BNode()
        triples: list[tuple[Node, Node, Node, Graph]] = [
            (root, SH.result, node, graph),
            (node, RDF.type, SH.ValidationResult, graph),
        ]
        for predicate, value in (
            (SH.focusNode, self.focus), (SH.resultSeverity, self.severity),
            (SH.sourceConstraintComponent, self.component), (SH.sourceShape, self.shape), (SH.value, self.value),
            (SH.resultPath, self.path),
        ):  # fmt: skip
            if value is not None:
                triples.append((node, predicate, value, graph))
        if messages:
            triples += [(node, SH.resultMessage, m, graph) for m in self.messages]
        graph.addN(triples)
        for value in (self.path, self.focus, self.value):
            if isinstance(value, BNode):
                copy_tree(source, graph, value, seen)
        return node


@dataclass
class Findings:
    """Every result of one validation, and the graph its blank terms are described in. ``conforms`` is the
    engine's own verdict (the typed report makes its own, by the minimum severity)."""

    results: list[Found]
    graph: Graph
    conforms: bool | None = None

    def to_graph(self) -> Graph:
        """Every result as a standard ``sh:ValidationReport`` (what :func:`cityref.validation.run_shacl` returns)."""
        graph = Graph()
        graph.bind("sh", SH)
        root = BNode()
        conforms = self.conforms if self.conforms is not None else not self.results
        graph.add((root, RDF.type, SH.ValidationReport))
        graph.add((root, SH.conforms, Literal(conforms)))
        seen: set[Node] = set()
        for found in self.results:
            found.write(graph, root, self.graph, seen)
        return graph


def copy_tree(source: Graph, target: Graph, node: Node, seen: set[Node]) -> None:
    """Copy a node's triples, following blank nodes (paths, lists, nested details) but never IRIs."""
    todo = [node]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for p, o in source.predicate_objects(current):
            target.add((current, p, o))
            if isinstance(o, BNode):
                todo.append(o)


def read_report_graph(graph: Graph) -> Findings:
    """A W3C report graph (pySHACL's) as records, each knowing its node there."""
    root = next(graph.subjects(RDF.type, SH.ValidationReport), None)
    found = [
        Found(
            focus=graph.value(node, SH.focusNode),
            severity=graph.value(node, SH.resultSeverity),
            component=graph.value(node, SH.sourceConstraintComponent),
            shape=graph.value(node, SH.sourceShape),
            value=graph.value(node, SH.value),
            path=graph.value(node, SH.resultPath),
            messages=tuple(graph.objects(node, SH.resultMessage)),
            node=node,
        )
        for node in (graph.objects(root, SH.result) if root is not None else ())
    ]
    return Findings(found, graph)
