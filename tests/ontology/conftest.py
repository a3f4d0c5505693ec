"""Session fixtures for the ontology tests: the ontology parsed once, the quality store, the sample city, and the
HermiT verdicts (each a Java run of about a second, so each is computed once per session)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

from cityref import resources
from cityref.ontology import qa, reasoning
from cityref.ontology.checks import load_examples
from cityref.ontology.model import Ontology


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return Ontology()


@pytest.fixture(scope="session")
def merged(ontology: Ontology) -> Graph:
    return ontology.merged


@pytest.fixture(scope="session")
def qa_store(merged: Graph) -> ox.Store:
    return qa.store_of(merged)


@pytest.fixture(scope="session")
def exampleton() -> Graph:
    graph, problems = load_examples(resources.examples_dir() / "exampleton")
    assert not problems, problems
    return graph


def _hermit(*graphs: Graph) -> reasoning.ConsistencyResult:
    try:
        return reasoning.check_consistency(*graphs)
    except reasoning.JavaMissing as error:  # never a skip: CI must have Java (.ci/run installs it)
        pytest.fail(f"HermiT cannot run: {error.detail}")


@pytest.fixture(scope="session")
def hermit_ontology(merged: Graph) -> reasoning.ConsistencyResult:
    return _hermit(merged)


@pytest.fixture(scope="session")
def hermit_exampleton(merged: Graph, exampleton: Graph) -> reasoning.ConsistencyResult:
    return _hermit(merged, exampleton)


@pytest.fixture(scope="session")
def merged_ntriples(merged: Graph) -> bytes:
    return merged.serialize(format="nt", encoding="utf-8")


@pytest.fixture
def merged_store_copy(merged_ntriples: bytes) -> ox.Store:
    """A fresh store of the merged ontology that a test may damage."""
    store = ox.Store()
    store.load(merged_ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    return store
