"""Content negotiation on every route that negotiates, one table: RFC 9110 q-values, aliases, wildcards, 406.

Each row is a route, an Accept header and the media type that must answer (``None``: 406). The rules, from
:mod:`cityref.media`: the most specific range decides; ``q=0`` excludes a format under all its names; a wildcard
reaches a format's canonical type only, never an alias (``text/*`` is not ``text/xml``); generic types
(``text/plain``, ``application/xml`` for RDF) are never negotiated for RDF; ties go to the server's order.
The /terms routes answer JSON only and do not negotiate; their RDF download takes ``?format=`` (last rows).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.sparql.conftest import embedded_settings

from cityref import create_app

SELECT = {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}
ASK = {"query": "ASK {}"}
CONSTRUCT = {"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1"}
DESCRIBE = {"query": "DESCRIBE <https://w3id.org/cityref/def/B5>"}
GRAPH = {"graph": "https://w3id.org/cityref/graph/ontology"}

SRJ, SRX = "application/sparql-results+json", "application/sparql-results+xml"
CSV, TSV = "text/csv", "text/tab-separated-values"
TTL, JSONLD, RDFXML, NT, HTML = (
    "text/turtle",
    "application/ld+json",
    "application/rdf+xml",
    "application/n-triples",
    "text/html",
)
JSON, JUNIT = "application/json", "application/junit+xml"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
NO_TTL = "text/turtle;q=0, */*;q=0.5"
NO_TTL_ALIAS = "application/x-turtle;q=0, */*;q=0.5"

ROWS: list[tuple[str, str, dict[str, str], str | None, str | None]] = [
    # /sparql SELECT and ASK
    ("select", "/sparql", SELECT, None, SRJ),
    ("select", "/sparql", SELECT, "*/*", SRJ),
    ("select", "/sparql", SELECT, f"{SRJ};q=0, */*;q=0.1", SRX),
    ("select", "/sparql", SELECT, "application/json;q=0, */*;q=0.1", SRX),
    ("select", "/sparql", SELECT, "application/json", SRJ),
    ("select", "/sparql", SELECT, "text/*", CSV),
    ("select", "/sparql", SELECT, "text/xml", SRX),
    ("select", "/sparql", SELECT, f"{CSV};q=0.5, {TSV}", TSV),
    ("select", "/sparql", SELECT, f"text/*;q=0.9, {CSV};q=0.1", TSV),
    ("select", "/sparql", SELECT, f"{SRX}, {SRJ}", SRJ),
    ("select", "/sparql", SELECT, "image/png", None),
    ("select", "/sparql", SELECT, f"{SRJ};q=0", None),
    ("select", "/sparql", SELECT, "text/turtle", None),
    ("ask", "/sparql", ASK, f"{SRX};q=0.5, {SRJ};q=0.4", SRX),
    ("ask", "/sparql", ASK, "application/*", SRJ),
    ("ask", "/sparql", ASK, "application/json;q=0, application/*", SRX),
    # /sparql CONSTRUCT and DESCRIBE
    ("construct", "/sparql", CONSTRUCT, None, TTL),
    ("construct", "/sparql", CONSTRUCT, NO_TTL, JSONLD),
    ("construct", "/sparql", CONSTRUCT, NO_TTL_ALIAS, JSONLD),
    ("construct", "/sparql", CONSTRUCT, "application/x-turtle", TTL),
    ("construct", "/sparql", CONSTRUCT, "text/*", TTL),
    # A browser opening a query's link gets the workbench, which runs the query in the page (the query pages);
    # without text/html, application/xml still never picks RDF/XML for a graph.
    ("construct", "/sparql", CONSTRUCT, BROWSER, HTML),
    ("construct", "/sparql", CONSTRUCT, "application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", TTL),
    ("construct", "/sparql", CONSTRUCT, RDFXML, RDFXML),
    ("construct", "/sparql", CONSTRUCT, "text/plain", None),
    ("construct", "/sparql", CONSTRUCT, SRJ, None),
    ("describe", "/sparql", DESCRIBE, NT, NT),
    ("describe", "/sparql", DESCRIBE, f"{NT};q=0, application/*", JSONLD),
    # /sparql without a query: the service description
    ("description", "/sparql", {}, None, TTL),
    ("description", "/sparql", {}, BROWSER, HTML),
    ("description", "/sparql", {}, NO_TTL, JSONLD),
    ("description", "/sparql", {}, "image/png", None),
    # canned queries
    ("canned", "/queries/model-outline", {}, None, SRJ),
    ("canned", "/queries/model-outline", {}, f"{SRJ};q=0, */*;q=0.1", SRX),
    ("canned", "/queries/model-outline", {}, "text/*", CSV),
    ("canned", "/queries/model-outline", {}, "image/png", None),
    # the Graph Store read
    ("graphs", "/graphs", GRAPH, None, TTL),
    ("graphs", "/graphs", GRAPH, NO_TTL, JSONLD),
    ("graphs", "/graphs", GRAPH, "application/n-quads", None),
    ("graphs", "/graphs", GRAPH, "text/plain", None),
    # the ontology and the term IRIs
    ("ontology", "/ontology", {}, None, TTL),
    ("ontology", "/ontology", {}, NO_TTL, JSONLD),
    ("ontology", "/ontology", {}, NO_TTL_ALIAS, JSONLD),
    ("ontology", "/ontology", {}, BROWSER, HTML),
    ("ontology", "/ontology", {}, "text/*", TTL),
    ("ontology", "/ontology", {}, "text/*;q=0.5, text/html", HTML),
    ("ontology", "/ontology", {}, "application/xml", None),
    ("def", "/def/B5", {}, None, TTL),
    ("def", "/def/B5", {}, NO_TTL, JSONLD),
    ("def", "/def/B5", {}, f"{NO_TTL}, {JSONLD};q=0", RDFXML),
    ("def", "/def/B5", {}, BROWSER, HTML),
    ("def", "/def/B5", {}, "application/json-ld", JSONLD),
    ("def", "/def/B5", {}, "image/png", None),
    ("def", "/def/B5", {"format": "ntriples"}, "image/png", NT),  # ?format= overrides Accept
    # a profile: JSON summary first, its shapes as RDF
    ("profile", "/profiles/{profile}", {}, None, JSON),
    ("profile", "/profiles/{profile}", {}, "application/json;q=0, */*", TTL),
    ("profile", "/profiles/{profile}", {}, "image/png", None),
    # /terms: JSON only; the download names its format
    ("terms", "/terms/B5", {}, None, JSON),
    ("download", "/download", {"format": "turtle"}, None, TTL),
    ("download", "/download", {"format": "jsonld"}, None, JSONLD),
]
VALIDATE: list[tuple[str | None, str | None]] = [
    (None, JSON),
    ("application/json;q=0, */*;q=0.1", TTL),
    ("text/*", TTL),
    ("application/xml", "application/xml"),
    (JUNIT, JUNIT),
    ("application/junit+xml;q=0, application/xml", None),
    ("text/plain", "text/plain"),
    ("image/png", None),
]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(embedded_settings(result_row_cap=5))) as test_client:
        yield test_client


def _answer(client: TestClient, path: str, params: dict[str, str], accept: str | None) -> tuple[int, str]:
    if "{profile}" in path:
        path = path.format(profile=client.get("/profiles").json()["profiles"][0]["id"])
    headers = {"Accept": accept} if accept is not None else {}
    response = client.get(path, params=params, headers=headers, follow_redirects=False)
    return response.status_code, response.headers.get("content-type", "").split(";")[0]


@pytest.mark.parametrize(
    ("path", "params", "accept", "expected"),
    [
        pytest.param(path, params, accept, expected, id=f"{kind}:{accept}")
        for kind, path, params, accept, expected in ROWS
    ],
)
def test_negotiation(
    client: TestClient, path: str, params: dict[str, str], accept: str | None, expected: str | None
) -> None:
    status, media_type = _answer(client, path, params, accept)
    if expected is None:
        assert status == 406, (status, media_type)
    else:
        assert (status, media_type) == (200, expected)


@pytest.mark.parametrize(("accept", "expected"), VALIDATE, ids=[str(a) for a, _ in VALIDATE])
def test_validate_negotiation(client: TestClient, accept: str | None, expected: str | None) -> None:
    profile = client.get("/profiles").json()["profiles"][0]["id"]
    headers = {"Content-Type": "text/turtle", **({"Accept": accept} if accept is not None else {})}
    response = client.post(f"/validate?profile={profile}", content=b"<urn:a> <urn:b> <urn:c> .", headers=headers)
    if expected is None:
        assert response.status_code == 406, response.text
    else:
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == expected
