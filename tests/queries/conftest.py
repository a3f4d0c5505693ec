"""Fixtures for the canned queries: the shipped data in a plain pyoxigraph store (fast, in-process) and as rdflib
graphs (to derive what each query must answer without SPARQL), plus an app whose store holds the same data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from cityref import Settings, create_app, resources
from cityref.sparql import canned

ONTOLOGY_GRAPH = "https://w3id.org/cityref/graph/ontology"
CITY_GRAPH = "https://w3id.org/cityref/graph/city/exampleton"


def exampleton_files() -> list[Any]:
    return sorted((resources.examples_dir() / "exampleton").glob("*.ttl"))


@pytest.fixture(scope="session")
def oxstore() -> ox.Store:
    store = ox.Store()
    for path in sorted(resources.ontology_dir().glob("*.ttl")):
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    for path in exampleton_files():
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(CITY_GRAPH))
    return store


@pytest.fixture(scope="session")
def onto() -> Graph:
    graph = Graph()
    for path in sorted(resources.ontology_dir().glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="session")
def city() -> Graph:
    graph = Graph()
    for path in exampleton_files():
        graph.parse(path, format="turtle")
    return graph


def solutions(store: ox.Store, text: str, **kwargs: Any) -> list[dict[str, str]]:
    """Rows as {variable: lexical value}, unbound variables left out."""
    result = store.query(text, **kwargs)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


@pytest.fixture(scope="session")
def run(oxstore: ox.Store) -> Any:
    """run(name, **params) -> rows of the canned query, bound as the service binds it."""

    def _run(name: str, **values: str) -> list[dict[str, str]]:
        return solutions(oxstore, canned.get(name).bind(values))

    return _run


@pytest.fixture(scope="module")
def app_client() -> Iterator[TestClient]:
    """An app of its own (in-memory store with the shipped data), so that metric counts start from zero."""
    with TestClient(create_app(Settings(data_dir=None))) as client:
        yield client
