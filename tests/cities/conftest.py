"""Fixtures for the city tests: the real app over an in-memory store with the shipped ontology and Exampleton, a
key for writing other cities' graphs, and the model and Exampleton parsed with rdflib, read independently of the
code under test."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from cityref import Settings, create_app, resources
from cityref.api.auth import key_digest

KEY = "test-key-for-city-assessments"
CITY_GRAPH = "https://w3id.org/cityref/graph/city/"


@cache
def model() -> Graph:
    graph = Graph()
    for path in sorted(resources.ontology_dir().glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@cache
def exampleton_text() -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((resources.examples_dir() / "exampleton").glob("*.ttl"))
    )


def exampleton() -> Graph:
    graph = Graph()
    for path in sorted((resources.examples_dir() / "exampleton").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = Settings(data_dir=None, api_key_hashes=[key_digest(KEY)], rate_limit_queries=None)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def put_city(client: TestClient, ident: str, turtle: str) -> None:
    response = client.put(
        "/graphs",
        params={"graph": CITY_GRAPH + ident},
        content=turtle.encode(),
        headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {KEY}"},
    )
    assert response.status_code in (201, 204), response.text
