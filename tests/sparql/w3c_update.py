"""Reading the W3C SPARQL 1.1 Update test manifests (syntax and evaluation) and comparing datasets.

An evaluation test names the dataset before (``ut:data`` for the default graph, ``ut:graphData`` with
``ut:graph`` and the graph's name as ``rdfs:label``), the request, and the dataset after; datasets are compared
graph by graph, blank nodes up to renaming, empty graphs left out (a store may keep an empty named graph).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Namespace
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from tests.sparql.w3c import MF, SPARQL11

from cityref.cli.load import prepare_local
from cityref.store import Store

UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SYNTAX_DIRS = ("syntax-update-1", "syntax-update-2")
EVAL_DIRS = (
    "add",
    "basic-update",
    "clear",
    "copy",
    "delete",
    "delete-data",
    "delete-insert",
    "delete-where",
    "drop",
    "move",
    "update-silent",
)
SYNTAX_KINDS = {"PositiveUpdateSyntaxTest11": "positive", "NegativeUpdateSyntaxTest11": "negative"}

GraphFile = tuple[str | None, Path]
"""A graph's name (``None``: the default graph) and the file that holds its triples."""


@dataclass
class UpdateCase:
    id: str
    kind: str
    """``positive``, ``negative`` (syntax) or ``eval``."""
    request: Path
    before: list[GraphFile] = field(default_factory=list)
    after: list[GraphFile] = field(default_factory=list)

    def text(self) -> str:
        return self.request.read_text(encoding="utf-8")


def _path(node: Any) -> Path:
    return Path(str(node).removeprefix("file://"))


def _graph_files(graph: Graph, node: Any) -> list[GraphFile]:
    files: list[GraphFile] = [(None, _path(d)) for d in graph.objects(node, UT.data)]
    for item in graph.objects(node, UT.graphData):
        files.append((str(graph.value(item, RDFS.label)), _path(graph.value(item, UT.graph))))
    return files


def _entries(directory: str) -> Iterable[tuple[Graph, Any, str]]:
    graph = Graph().parse(SPARQL11 / directory / "manifest.ttl", format="turtle")
    for head in graph.objects(None, MF.entries):
        for entry in Collection(graph, head):
            yield graph, entry, f"{directory}/{str(entry).rsplit('#', 1)[-1]}"


def load_syntax_cases() -> list[UpdateCase]:
    cases = []
    for directory in SYNTAX_DIRS:
        for graph, entry, test_id in _entries(directory):
            types = {str(t).rsplit("#", 1)[-1] for t in graph.objects(entry, RDF.type)}
            kind = next((SYNTAX_KINDS[t] for t in types if t in SYNTAX_KINDS), None)
            if kind is not None:
                cases.append(UpdateCase(test_id, kind, _path(graph.value(entry, MF.action))))
    return cases


def load_eval_cases() -> list[UpdateCase]:
    cases = []
    for directory in EVAL_DIRS:
        for graph, entry, test_id in _entries(directory):
            if (entry, RDF.type, MF.UpdateEvaluationTest) not in graph:
                continue
            action, result = graph.value(entry, MF.action), graph.value(entry, MF.result)
            request = _path(graph.value(action, UT.request))
            cases.append(UpdateCase(test_id, "eval", request, _graph_files(graph, action), _graph_files(graph, result)))
    return cases


def load_before(store: Store, case: UpdateCase) -> None:
    """The dataset before the request into ``store``, through its public write path as ``cityref load`` writes."""
    for name, path in case.before:
        store.graph_post(name, prepare_local(store, path, None, lambda done, total: None))


def expected_dataset(case: UpdateCase) -> dict[str | None, Graph]:
    dataset: dict[str | None, Graph] = {}
    for name, path in case.after:
        graph = dataset.setdefault(name, Graph())
        graph.parse(path, format="turtle", publicID=path.as_uri())
    return {name: graph for name, graph in dataset.items() if len(graph)}


def store_dataset(store: Store) -> dict[str | None, Graph]:
    """The store's graphs as rdflib graphs, read back through the store's Graph Store read."""
    dataset: dict[str | None, Graph] = {}
    for info in store.graphs():
        if not info.triples:
            continue
        body = store.graph_get(info.iri, "application/n-triples") or b""
        dataset[info.iri] = Graph().parse(data=body.decode("utf-8"), format="nt")
    return dataset


def same_dataset(expected: dict[str | None, Graph], actual: dict[str | None, Graph]) -> bool:
    return expected.keys() == actual.keys() and all(isomorphic(expected[k], actual[k]) for k in expected)


def engine_parses(case: UpdateCase, read_only: ox.Store) -> bool:
    """Whether the engine parses the request: an update on a read-only store is parsed, then refused unrun (a
    positive syntax test may LOAD a far host or DROP a graph that is not there; whether it runs is no matter)."""
    try:
        read_only.update(case.text(), base_iri=case.request.as_uri())
    except SyntaxError:
        return False
    except (OSError, RuntimeError, ValueError):
        return True
    return True


def run_direct(case: UpdateCase) -> bool:
    """The engine itself, without HTTP: whether it passes the evaluation test (the reference pass rate)."""
    store = ox.Store()
    try:
        for name, path in case.before:
            graph = ox.NamedNode(name) if name else ox.DefaultGraph()
            store.load(path=str(path), base_iri=path.as_uri(), to_graph=graph)
        store.update(case.text(), base_iri=case.request.as_uri())
    except Exception:
        return False
    triples: dict[str | None, list[ox.Triple]] = {}
    for quad in store:
        name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        triples.setdefault(name, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
    actual = {
        name: Graph().parse(data=(ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES) or b"").decode(), format="nt")
        for name, ts in triples.items()
    }
    return same_dataset(expected_dataset(case), actual)
