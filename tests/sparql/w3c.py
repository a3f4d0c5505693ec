"""Reading the W3C SPARQL 1.1 test manifests and comparing results, blank nodes up to renaming."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from tests.conftest import CONFORMANCE

from cityref.cli.load import prepare_local
from cityref.store import Store

SPARQL11 = CONFORMANCE / "sparql11"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")
QUERY_DIRS = (
    "aggregates",
    "bind",
    "bindings",
    "cast",
    "construct",
    "exists",
    "functions",
    "grouping",
    "negation",
    "project-expression",
    "property-path",
    "subquery",
    "syntax-query",
    "csv-tsv-res",
    "json-res",
)
KINDS = {"QueryEvaluationTest": "eval", "PositiveSyntaxTest11": "positive", "NegativeSyntaxTest11": "negative"}


@dataclass
class Case:
    id: str
    kind: str
    query: Path
    data: list[Path] = field(default_factory=list)
    graph_data: list[Path] = field(default_factory=list)
    result: Path | None = None

    def query_text(self) -> str:
        """The query with its own location as base, so relative IRIs resolve as in the suite."""
        return f"BASE <{self.query.as_uri()}>\n" + self.query.read_text(encoding="utf-8")


def _path(node: Any) -> Path:
    return Path(str(node).removeprefix("file://"))


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for name in QUERY_DIRS:
        manifest = SPARQL11 / name / "manifest.ttl"
        graph = Graph().parse(manifest, format="turtle")
        for head in graph.objects(None, MF.entries):
            for entry in Collection(graph, head):
                types = {str(t).rsplit("#", 1)[-1] for t in graph.objects(entry, RDF.type)}
                kind = next((KINDS[t] for t in types if t in KINDS), None)
                if kind is None:
                    continue
                action = graph.value(entry, MF.action)
                test_id = f"{name}/{str(entry).rsplit('#', 1)[-1]}"
                if kind == "eval":
                    query = graph.value(action, QT.query)
                    result = graph.value(entry, MF.result)
                    case = Case(test_id, kind, _path(query), result=_path(result) if result else None)
                    case.data = [_path(d) for d in graph.objects(action, QT.data)]
                    case.graph_data = [_path(d) for d in graph.objects(action, QT.graphData) if isinstance(d, URIRef)]
                else:
                    case = Case(test_id, kind, _path(action))
                cases.append(case)
    return cases


def load_data(store: Store, case: Case) -> None:
    """The case's data into ``store`` through its public write path, as ``cityref load`` writes a file."""
    for path, graph in [*((p, None) for p in case.data), *((p, p.as_uri()) for p in case.graph_data)]:
        store.graph_post(graph, prepare_local(store, path, None, lambda done, total: None))


def accept_for(case: Case) -> str:
    suffix = case.result.suffix if case.result else ".srj"
    return {
        ".csv": "text/csv",
        ".tsv": "text/tab-separated-values",
        ".ttl": "application/n-triples, application/sparql-results+json",
    }.get(suffix, "application/sparql-results+json, application/n-triples;q=0.5")


# Comparison.


def _solutions(results: Any) -> tuple[list[str], list[dict[str, Any]]] | bool:
    if isinstance(results, ox.QueryBoolean):
        return bool(results)
    variables = [v.value for v in results.variables]
    return variables, [{v.value: s[v] for v in results.variables if s[v] is not None} for s in results]


_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {_XSD + t for t in ("integer", "decimal", "double", "float")}


def _same_number(e: Any, a: Any) -> bool:
    """Numeric literals of one datatype compare by value: "1.0" and "1" are the same xsd:decimal."""
    if not (isinstance(e, ox.Literal) and isinstance(a, ox.Literal)):
        return False
    if e.datatype != a.datatype or e.datatype.value not in _NUMERIC:
        return False
    try:
        return float(e.value) == float(a.value)
    except ValueError:
        return False


def _match_rows(expected: list[dict], actual: list[dict]) -> bool:
    """Multiset equality of rows with a consistent bijection between blank node labels (backtracking)."""
    if len(expected) != len(actual):
        return False

    def term_ok(e: Any, a: Any, mapping: dict[str, str]) -> tuple[bool, dict[str, str]]:
        if isinstance(e, ox.BlankNode) and isinstance(a, ox.BlankNode):
            if e.value in mapping:
                return mapping[e.value] == a.value, mapping
            if a.value in mapping.values():
                return False, mapping
            return True, {**mapping, e.value: a.value}
        return e == a or _same_number(e, a), mapping

    def solve(i: int, used: set[int], mapping: dict[str, str]) -> bool:
        if i == len(expected):
            return True
        row = expected[i]
        for j, candidate in enumerate(actual):
            if j in used or candidate.keys() != row.keys():
                continue
            current, ok = mapping, True
            for key in row:
                ok, current = term_ok(row[key], candidate[key], current)
                if not ok:
                    break
            if ok and solve(i + 1, used | {j}, current):
                return True
        return False

    return solve(0, set(), {})


def same_results(case: Case, body: bytes, media_type: str) -> bool:
    """Whether ``body`` holds the expected results; an unreadable answer is a mismatch."""
    try:
        return _same_results(case, body, media_type)
    except (SyntaxError, ValueError, UnicodeDecodeError, KeyError, Exception):
        return False


def _same_results(case: Case, body: bytes, media_type: str) -> bool:
    assert case.result is not None
    suffix = case.result.suffix
    if suffix == ".ttl":
        expected_graph = Graph().parse(case.result, format="turtle", publicID=case.result.as_uri())
        if (None, RDF.type, RS.ResultSet) in expected_graph:
            return _same_as_result_set(expected_graph, body)
        actual_graph = Graph().parse(data=body.decode("utf-8"), format="nt")
        return isomorphic(expected_graph, actual_graph)
    if suffix == ".csv":
        return _csv_rows(case.result.read_bytes()) == _csv_rows(body)
    fmt = {".srx": ox.QueryResultsFormat.XML, ".srj": ox.QueryResultsFormat.JSON, ".tsv": ox.QueryResultsFormat.TSV}[
        suffix
    ]
    expected = _solutions(ox.parse_query_results(path=str(case.result), format=fmt))
    actual_format = ox.QueryResultsFormat.from_media_type(media_type)
    if actual_format is None:
        return False
    actual = _solutions(ox.parse_query_results(body, format=actual_format))
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected == actual
    return set(expected[0]) == set(actual[0]) and _match_rows(expected[1], actual[1])


def _csv_rows(data: bytes) -> list[tuple[str, ...]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8").replace("\r\n", "\n"))))
    header, body = rows[0], rows[1:]
    normal = [tuple("_:" if cell.startswith("_:") else cell for cell in row) for row in body if row]
    return [tuple(header), *sorted(normal)]


def run_direct(case: Case) -> tuple[bytes, str]:
    """The engine itself, without HTTP: the reference pass rate."""
    store = ox.Store()
    for path in case.data:
        store.load(path=str(path), base_iri=path.as_uri())
    for path in case.graph_data:
        store.load(path=str(path), base_iri=path.as_uri(), to_graph=ox.NamedNode(path.as_uri()))
    results = store.query(case.query_text())
    if isinstance(results, ox.QueryTriples):
        return results.serialize(format=ox.RdfFormat.N_TRIPLES) or b"", "application/n-triples"
    media_type = accept_for(case).split(",")[0].strip()
    if media_type == "application/n-triples":
        media_type = "application/sparql-results+json"
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    return results.serialize(format=fmt) or b"", media_type


def _oxigraph_term(term: Any) -> Any:
    """An rdflib term as the pyoxigraph term the engine would return."""
    from rdflib import BNode, Literal

    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)
    return ox.NamedNode(str(term))


def _same_as_result_set(expected: Graph, body: bytes) -> bool:
    """Compare a SELECT answer with results written in the RDF result-set vocabulary (rs:ResultSet)."""
    result_set = next(expected.subjects(RDF.type, RS.ResultSet))
    variables = {str(v) for v in expected.objects(result_set, RS.resultVariable)}
    rows = []
    for solution in expected.objects(result_set, RS.solution):
        row = {}
        for binding in expected.objects(solution, RS.binding):
            row[str(expected.value(binding, RS.variable))] = _oxigraph_term(expected.value(binding, RS.value))
        rows.append(row)
    actual = _solutions(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))
    if isinstance(actual, bool):
        return False
    return variables == set(actual[0]) and _match_rows(rows, actual[1])
