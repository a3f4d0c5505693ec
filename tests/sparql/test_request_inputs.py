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

from cityref import Settings, create_app
from cityref.api.body import read_limited
from cityref.api.sparql_page import SD, service_description
from cityref.cli import app as cli_app
from cityref.errors import BadRequest, PayloadTooLarge, SyntaxProblem
from cityref.intake import check_json_ld
from cityref.sparql.service import effective_timeout
from cityref.store import ONTOLOGY_GRAPH, GraphInfo

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


def test_a_client_hanging_up_mid_body_is_a_client_error() -> None:
    """It was logged and counted as a 500 (found sending 3 of 100 declared bytes, then closing)."""
    messages = iter([{"type": "http.request", "body": b"<a>", "more_body": True}, {"type": "http.disconnect"}])

    async def receive() -> dict[str, object]:
        return next(messages)

    request = Request({"type": "http", "method": "POST", "headers": [(b"content-length", b"100")]}, receive)
    with pytest.raises(BadRequest, match="closed the connection"):
        asyncio.run(read_limited(request, 10_000))


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
    """The protocol's dataset is what the request names: no other graph shows up through GRAPH."""
    put = client.put(
        "/graphs", params={"graph": "http://example.org/only"}, content=b"<http://a> <http://b> 1 .", headers=TTL
    )
    assert put.status_code in (201, 204)
    params = {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", "default-graph-uri": "http://example.org/only"}
    rows = client.get("/sparql", params=params).json()["results"]["bindings"]
    assert rows == []
    named = client.get("/sparql", params={**params, "named-graph-uri": ONTOLOGY_GRAPH}).json()["results"]["bindings"]
    assert [r["g"]["value"] for r in named] == [ONTOLOGY_GRAPH]  # named explicitly, it is there


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


@pytest.mark.parametrize("iri", ["\x00", "a> }", "urn:%zz", "http://host:port/"])
@pytest.mark.parametrize("name", ["default-graph-uri", "named-graph-uri"])
def test_dataset_iris_the_engine_refuses_are_400(client: TestClient, name: str, iri: str) -> None:
    """They used to reach the query worker unchecked and end it, which answered 504 as if a budget had run out."""
    response = client.get("/sparql", params={"query": "ASK {}", name: iri})
    assert response.status_code == 400, response.text
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200  # the worker is still there


@pytest.mark.parametrize("iri", ["urn:%zz", "http://host:port/"])
def test_graph_iris_the_engine_refuses_are_400_on_every_method(client: TestClient, iri: str) -> None:
    """The lexical check let these through to ``pyoxigraph.NamedNode`` in the store, which raised: a 500."""
    assert client.get("/graphs", params={"graph": iri}).status_code == 400
    assert client.put("/graphs", params={"graph": iri}, content=b"", headers=TTL).status_code == 400
    assert client.delete("/graphs", params={"graph": iri}, headers=AUTH).status_code == 400


@pytest.fixture(scope="module")
def roomy() -> Iterator[TestClient]:
    """A client with the default body limit, for texts and documents too big for ``client``'s 10,000 bytes."""
    with TestClient(create_app(embedded_settings(load_examples=False))) as test_client:
        yield test_client


# Each of these overflowed the engine's native stack (a segmentation fault, measured with pyoxigraph): in the query
# worker that answered 504, in the server itself (updates, graph uploads) it ended the process.
DEEP_QUERIES = {
    "nested groups": "ASK {" + "{" * 5000 + "}" * 5000 + "}",
    "nested calls": "ASK { FILTER(" + "STR(" * 1000 + "1" + ")" * 1000 + ")}",
    "or chain": "ASK { FILTER(" + " || ".join(["true"] * 20000) + ")}",
    "negations": "ASK { FILTER(" + "!" * 20000 + "true)}",
    "unions": "ASK { " + "{} UNION " * 20000 + "{} }",
    "binds": "SELECT * { " + " ".join(f"BIND(1 AS ?v{i})" for i in range(3000)) + "}",
}


@pytest.mark.parametrize("text", DEEP_QUERIES.values(), ids=DEEP_QUERIES.keys())
def test_queries_too_deep_for_the_engine_are_422(roomy: TestClient, text: str) -> None:
    response = roomy.post("/sparql", content=text.encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 422, response.text
    assert response.json()["limit"] in ("sparql_max_nesting", "sparql_max_operators")


def test_updates_too_deep_for_the_engine_are_422(roomy: TestClient) -> None:
    text = "INSERT DATA { <urn:a> <urn:b> " + "[ <urn:p> " * 20000 + "<urn:o>" + " ]" * 20000 + " }"
    headers = {"Content-Type": "application/sparql-update", **AUTH}
    response = roomy.post("/sparql", content=text.encode(), headers=headers)
    assert response.status_code == 422 and response.json()["limit"] == "sparql_max_nesting"


def test_ordinary_nesting_and_chains_still_run(roomy: TestClient) -> None:
    text = "ASK { " + "{ " * 100 + "FILTER(" + " || ".join(["false"] * 200) + " || true)" + " }" * 100 + " }"
    response = roomy.post("/sparql", content=text.encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 200 and response.json()["boolean"] is True


def test_deeply_nested_json_ld_upload_is_400_not_a_crash(roomy: TestClient) -> None:
    """pyoxigraph's JSON-LD reader recursed until the server process died (10,000 nested objects)."""
    body = b'{"@context": {"@vocab": "http://x/"}, "p": ' + b'{"p": ' * 20000 + b'"v"' + b"}" * 20001
    headers = {"Content-Type": "application/ld+json", **AUTH}
    with pytest.raises(SyntaxProblem, match="nested too deeply"):
        check_json_ld(body)
    small = b'{"@context": {"@vocab": "http://x/"}, "p": ' + b'{"p": ' * 1500 + b'"v"' + b"}" * 1501
    response = roomy.put("/graphs", params={"graph": "urn:x:deep"}, content=small, headers=headers)
    assert response.status_code == 400 and "nested too deeply" in response.json()["detail"]


def test_the_shape_limits_are_settings() -> None:
    text = "ASK { " + "{ " * 20 + "}" * 20 + " }"
    with TestClient(create_app(Settings(data_dir=None, load_examples=False, sparql_max_nesting=10))) as client:
        response = client.post("/sparql", content=text.encode(), headers={"Content-Type": "application/sparql-query"})
        assert response.status_code == 422 and response.json()["limit"] == "sparql_max_nesting"
        assert "limit is 10" in response.json()["detail"]
    with pytest.raises(ValueError, match="less than or equal to 256"):
        Settings(data_dir=None, sparql_max_nesting=5000)
