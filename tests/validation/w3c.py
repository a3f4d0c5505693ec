"""Read the W3C SHACL test suite manifests and compare validation reports by the suite's rules.

A report matches the expected one when ``sh:conforms`` agrees and both hold the same set of results, each result
reduced to (focus node, path, value, constraint component, severity, source shape). Blank nodes cannot be compared
by label across parses, so they are reduced to a signature of their outgoing triples; a path is reduced to its
structure (sequence, inverse, alternatives...).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from cityref.validation.parse import parse_data

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
SH = Namespace("http://www.w3.org/ns/shacl#")

ResultKey = tuple[str, str, str, str, str, str]


@dataclass
class SuiteCase:
    """One ``sht:Validate`` entry: its IRI, files, and expected outcome (``None`` when validation must fail)."""

    iri: str
    label: str
    data_path: Path
    shapes_path: Path
    expected_conforms: bool | None
    expected_results: frozenset[ResultKey]


def _file_of(node: Node, base: Path) -> Path:
    text = str(node)
    if text.startswith("file://"):
        return Path(text[len("file://") :])
    return base / text


def cases(manifest: Path) -> Iterator[SuiteCase]:
    """Every test case reachable from ``manifest`` through ``mf:include``."""
    # Read with the service's own parser, so expected and actual literals keep the same lexical forms
    graph = parse_data(manifest, "text/turtle", base_iri=manifest.resolve().as_uri())
    for included in graph.objects(None, MF.include):
        yield from cases(_file_of(included, manifest.parent))
    for entries in graph.objects(None, MF.entries):
        for entry in Collection(graph, entries):
            action = graph.value(entry, MF.action)
            data = _file_of(graph.value(action, SHT.dataGraph), manifest.parent)
            shapes = _file_of(graph.value(action, SHT.shapesGraph), manifest.parent)
            result = graph.value(entry, MF.result)
            if result == SHT.Failure:
                conforms, results = None, frozenset()
            else:
                conforms = bool(graph.value(result, SH.conforms).toPython())
                results = frozenset(result_key(graph, r) for r in graph.objects(result, SH.result))
            yield SuiteCase(str(entry), str(graph.value(entry, MF.label) or ""), data, shapes, conforms, results)


def _signature(graph: Graph, node: Node, depth: int = 0) -> str:
    """A label-free description of a term; blank nodes by their outgoing triples (lists and paths by structure)."""
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, URIRef):
        return f"<{node}>"
    if depth > 4:
        return "[]"
    if graph.value(node, RDF.first) is not None:
        items = [_signature(graph, item, depth + 1) for item in Collection(graph, node)]
        return "(" + " ".join(items) + ")"
    pairs = sorted(f"{p.n3()} {_signature(graph, o, depth + 1)}" for p, o in graph.predicate_objects(node))
    return "[" + "; ".join(pairs) + "]"


def result_key(graph: Graph, result: Node) -> ResultKey:
    def part(predicate: URIRef) -> str:
        value = graph.value(result, predicate)
        return "" if value is None else _signature(graph, value)

    return (
        part(SH.focusNode),
        part(SH.resultPath),
        part(SH.value),
        part(SH.sourceConstraintComponent),
        part(SH.resultSeverity),
        part(SH.sourceShape) if isinstance(graph.value(result, SH.sourceShape), URIRef) else "",
    )


def report_outcome(report: Graph) -> tuple[bool, frozenset[ResultKey]]:
    """``sh:conforms`` and the result keys of a report graph."""
    node = next(report.subjects(RDF.type, SH.ValidationReport))
    conforms = bool(report.value(node, SH.conforms).toPython())
    return conforms, frozenset(result_key(report, r) for r in report.objects(node, SH.result))
