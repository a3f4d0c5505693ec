"""Request inputs the protocol routes must refuse cleanly (4xx, never a 500 or an unbounded read), and the
dataset a request gets when it names only part of one."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import Request
from fastapi.testclient import TestClient
from rdflib import Graph
from tests.sparql.conftest import AUTH, embedded_settings
from typer.testing import CliRunner

from cityref import create_app
from cityref.api.body import read_limited
from cityref.api.sparql_page import SD, service_description
from cityref.cli import app as cli_app
from cityref.errors import PayloadTooLarge
from cityref.services.sparql import effective_timeout
from cityref.store import SYSTEM_GRAPH, GraphInfo

TTL = {"Content-Type": "text/turtle", **AUTH}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = embedded_settings(
        load_examples=False, max_body_bytes=10_000, api_key_hashes=["é", *embedded_settings().api_key_hashes]
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _chunks() -> Iterator[bytes]:
    for _ in range(30):
        yield b"#" * 999 + b"\n"


def test_body_reading_stops_at_the_limit() -> None:
    """A client streaming without end is cut off at the limit, not read into memory until it stops."""
    received = 0

    async def endless() -> dict[str, object]:
        nonlocal received
        received += 1
        if received > 100:
            raise AssertionError("the body was read far past the limit")
        return {"type": "http.request", "body": b"#" * 1000, "more_body": True}

    request = Request({"type": "http", "method": "POST", "headers": []}, endless)
    with pytest.raises(PayloadTooLarge):
        asyncio.run(read_limited(request, 10_000))
    assert received == 11


def test_chunked_body_over_the_limit_is_413(client: TestClient) -> None:
    """No Content-Length: the limit must hold while the body streams, not after it is all in memory."""
    headers = {"Content-Type": "application/sparql-query"}
    response = client.post("/sparql", content=_chunks(), headers=headers)
    assert response.status_code == 413 and response.json()["limit"] == "max_body_bytes"
    put = client.put("/graphs", params={"graph": "http://example.org/g"}, content=_chunks(), headers=TTL)
    assert put.status_code == 413


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "soon"])
def test_timeout_must_be_a_finite_number(client: TestClient, value: str) -> None:
    response = client.get("/sparql", params={"query": "ASK {}", "timeout": value})
    assert response.status_code == 400 and "timeout" in response.json()["detail"]
    canned = client.get("/queries/model-outline", params={"timeout": value})
    assert canned.status_code == 400


@pytest.mark.parametrize("iri", ["http://example.org/a\nb", "http://example.org/a\tb", "http://example.org/\x01"])
def test_graph_iri_with_control_characters_is_400(client: TestClient, iri: str) -> None:
    for method in ("PUT", "POST"):
        response = client.request(method, "/graphs", params={"graph": iri}, content=b"", headers=TTL)
        assert response.status_code == 400, (method, response.text)
        assert "absolute IRI" in response.json()["detail"]


def test_multipart_post_to_the_store_keeps_every_document(client: TestClient) -> None:
    files = [
        ("file", ("a.ttl", b"<http://example.org/a> <http://example.org/p> 1 .", "text/turtle")),
        ("file", ("b.nt", b'<http://example.org/b> <http://example.org/p> "2" .\n', "application/n-triples")),
    ]
    response = client.post("/graphs", files=files, headers=AUTH)
    assert response.status_code == 201
    graph = client.get("/graphs", params={"graph": response.headers["location"]}, headers={"Accept": "text/turtle"})
    assert len(Graph().parse(data=graph.text, format="turtle")) == 2


def test_default_graph_uri_alone_gives_no_named_graphs(client: TestClient) -> None:
    """The protocol's dataset is what the request names; the bookkeeping graph must not show up through GRAPH."""
    put = client.put(
        "/graphs", params={"graph": "http://example.org/only"}, content=b"<http://a> <http://b> 1 .", headers=TTL
    )
    assert put.status_code in (201, 204)
    params = {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", "default-graph-uri": "http://example.org/only"}
    rows = client.get("/sparql", params=params).json()["results"]["bindings"]
    assert rows == []
    named = client.get("/sparql", params={**params, "named-graph-uri": SYSTEM_GRAPH}).json()["results"]["bindings"]
    assert [r["g"]["value"] for r in named] == [SYSTEM_GRAPH]  # named explicitly, it is there


def test_named_graph_uri_alone_gives_an_empty_default_graph(client: TestClient) -> None:
    put = client.put(
        "/graphs", params={"graph": "http://example.org/named"}, content=b"<http://a> <http://b> 1 .", headers=TTL
    )
    assert put.status_code in (201, 204)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    union = client.get("/sparql", params={"query": count}).json()["results"]["bindings"]
    assert int(union[0]["n"]["value"]) > 0
    params = {"query": count, "named-graph-uri": "http://example.org/named"}
    rows = client.get("/sparql", params=params).json()["results"]["bindings"]
    assert rows[0]["n"]["value"] == "0"


def test_non_ascii_key_digest_in_settings_is_401_not_500(client: TestClient) -> None:
    response = client.post("/sparql", data={"update": "CLEAR DEFAULT"}, headers={"X-API-Key": "nope"})
    assert response.status_code == 401


def test_service_description_claims_federation_only_when_some_host_is_allowed() -> None:
    graphs = [GraphInfo(None, 0)]
    closed = service_description("http://x/sparql", graphs, union=True)
    assert (None, SD.feature, SD.BasicFederatedQuery) not in closed
    opened = service_description("http://x/sparql", graphs, union=True, federated=True)
    assert (None, SD.feature, SD.BasicFederatedQuery) in opened


def test_load_with_a_bad_graph_iri_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "a.nt"
    source.write_text("<http://example.org/a> <http://example.org/p> 1 .\n")
    for graph in ("not an iri", "relative/path"):
        result = CliRunner().invoke(cli_app, ["load", str(source), "--graph", graph, "--data-dir", str(tmp_path / "d")])
        assert result.exit_code == 2, result.output
        assert "absolute IRI" in result.output


def test_nan_budget_falls_back_to_the_default() -> None:
    """The CLI passes floats straight through: NaN must not reach the worker's deadline arithmetic."""
    settings = embedded_settings(query_timeout_s=7.0)
    assert effective_timeout(settings, math.nan) == 7.0
    assert effective_timeout(settings, math.inf) == settings.max_query_timeout_s


def test_using_graph_uri_must_be_an_iri(client: TestClient) -> None:
    update = "INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    for bad in ("http://example.org/a b", "http://example.org/a>\nWHERE"):
        response = client.post("/sparql", data={"update": update, "using-graph-uri": bad}, headers=AUTH)
        assert response.status_code == 400 and response.json()["code"] == "bad-request", response.text


def test_every_write_route_needs_the_key(client: TestClient) -> None:
    turtle = {"Content-Type": "text/turtle"}
    data = b"<http://example.org/a> <http://example.org/p> 1 ."
    attempts = [
        client.post("/graphs", content=data, headers=turtle),
        client.post("/graphs", params={"graph": "http://example.org/k"}, content=data, headers=turtle),
        client.post("/graphs", files=[("file", ("a.ttl", data, "text/turtle"))]),
        client.put("/graphs", params={"default": ""}, content=data, headers=turtle),
        client.delete("/graphs", params={"default": ""}),
        client.post("/sparql", content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"}),
        client.post("/sparql", data={"update": "CLEAR ALL"}, headers={"Authorization": "Bearer wrong"}),
    ]
    assert [r.status_code for r in attempts] == [401] * len(attempts)
    assert all(r.headers["www-authenticate"].startswith("Bearer") for r in attempts)
