"""The Graph Store Protocol at /graphs on both backends: status codes, atomic PUT, auth, limits."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph
import pytest
from fastapi.testclient import TestClient
from tests.sparql.conftest import AUTH, backend_settings

from cityref import create_app
from cityref.store import ONTOLOGY_GRAPH

G = "http://example.org/gsp/people"
TTL = {"Content-Type": "text/turtle", **AUTH}
ALICE = b"@prefix ex: <http://example.org/> . ex:alice ex:name 'Alice' ; ex:knows ex:bob ."
BOB = b"@prefix ex: <http://example.org/> . ex:bob ex:name 'Bob' ."


@pytest.fixture(scope="module", params=["embedded", "remote"])
def client(request: pytest.FixtureRequest) -> Iterator[TestClient]:
    settings = backend_settings(request, load_examples=False, max_body_bytes=10_000)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def triples(client: TestClient, graph: str) -> set[tuple[str, str, str]]:
    response = client.get("/graphs", params={"graph": graph}, headers={"Accept": "application/n-triples"})
    assert response.status_code == 200, response.text
    parsed = pyoxigraph.parse(response.content, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in parsed}


def test_put_get_post_delete_cycle(client: TestClient) -> None:
    client.delete("/graphs", params={"graph": G}, headers=AUTH)
    assert client.get("/graphs", params={"graph": G}).status_code == 404
    assert client.head("/graphs", params={"graph": G}).status_code == 404
    assert client.put("/graphs", params={"graph": G}, content=ALICE, headers=TTL).status_code == 201
    assert len(triples(client, G)) == 2
    assert client.put("/graphs", params={"graph": G}, content=BOB, headers=TTL).status_code == 204
    assert len(triples(client, G)) == 1  # replaced, not merged
    assert client.post("/graphs", params={"graph": G}, content=ALICE, headers=TTL).status_code == 204
    assert len(triples(client, G)) == 3  # merged
    head = client.head("/graphs", params={"graph": G}, headers={"Accept": "text/turtle"})
    assert head.status_code == 200 and head.content == b""
    assert client.delete("/graphs", params={"graph": G}, headers=AUTH).status_code == 204
    assert client.delete("/graphs", params={"graph": G}, headers=AUTH).status_code == 404
    assert client.get("/graphs", params={"graph": G}).status_code == 404


def test_post_creates_a_missing_graph_with_201(client: TestClient) -> None:
    graph = G + "/created-by-post"
    client.delete("/graphs", params={"graph": graph}, headers=AUTH)
    assert client.post("/graphs", params={"graph": graph}, content=BOB, headers=TTL).status_code == 201


def test_post_to_the_store_creates_a_new_graph(client: TestClient) -> None:
    response = client.post("/graphs", content=BOB, headers=TTL)
    assert response.status_code == 201
    iri = response.headers["location"]
    assert len(triples(client, iri)) == 1


def test_malformed_put_leaves_the_old_graph_intact(client: TestClient) -> None:
    graph = G + "/atomic"
    assert client.put("/graphs", params={"graph": graph}, content=ALICE, headers=TTL).status_code in (201, 204)
    before = triples(client, graph)
    broken = BOB + b"\nex:carol ex:name 'Carol' ;\n  ex:knows ."
    response = client.put("/graphs", params={"graph": graph}, content=broken, headers=TTL)
    assert response.status_code == 400
    problem = response.json()
    assert problem["code"] == "syntax-error" and problem["line"] == 3 and problem["column"] >= 1
    assert triples(client, graph) == before


def test_status_codes_for_bad_requests(client: TestClient) -> None:
    assert (
        client.put("/graphs", params={"graph": G}, content=ALICE, headers={"Content-Type": "text/turtle"}).status_code
        == 401
    )
    assert client.delete("/graphs", params={"graph": G}).status_code == 401
    wrong_type = client.put(
        "/graphs", params={"graph": G}, content=b"{}", headers={"Content-Type": "image/png", **AUTH}
    )
    assert wrong_type.status_code == 415
    too_big = client.put("/graphs", params={"graph": G}, content=b"#" * 20_000, headers=TTL)
    assert too_big.status_code == 413
    assert client.get("/graphs").status_code == 400
    assert client.get("/graphs", params={"graph": "not an iri"}).status_code == 400
    assert client.get("/graphs", params={"graph": G}, headers={"Accept": "image/png"}).status_code == 406


def test_default_graph_and_formats(client: TestClient) -> None:
    assert client.put("/graphs?default", content=BOB, headers=TTL).status_code in (201, 204)
    response = client.get("/graphs?default", headers={"Accept": "application/ld+json"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/ld+json")
    assert b"http://example.org/bob" in response.content
    assert client.delete("/graphs?default", headers=AUTH).status_code == 204
    ontology = client.get("/graphs", params={"graph": ONTOLOGY_GRAPH}, headers={"Accept": "text/turtle"})
    assert ontology.status_code == 200 and len(ontology.content) > 10_000


def test_gsp_writes_are_visible_to_sparql(client: TestClient) -> None:
    graph = G + "/visible"
    client.put("/graphs", params={"graph": graph}, content=ALICE, headers=TTL)
    ask = f"ASK {{ GRAPH <{graph}> {{ <http://example.org/alice> ?p ?o }} }}"
    assert client.get("/sparql", params={"query": ask}).json()["boolean"] is True
    client.delete("/graphs", params={"graph": graph}, headers=AUTH)
    assert client.get("/sparql", params={"query": ask}).json()["boolean"] is False


def _multipart(*parts: tuple[str, bytes, str]) -> tuple[bytes, dict[str, str]]:
    boundary = "cityref-test-boundary"
    chunks = []
    for name, data, media_type in parts:
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: {media_type}\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    body = b"".join(chunks) + f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}", **AUTH}


def test_a_multipart_post_with_one_bad_part_writes_nothing(client: TestClient) -> None:
    """Every document of a multipart body is read before anything is written: a malformed second part leaves
    the target graph as it was, and a POST to the store itself creates no graph."""
    graph = G + "/multipart"
    assert client.put("/graphs", params={"graph": graph}, content=ALICE, headers=TTL).status_code in (201, 204)
    before = triples(client, graph)
    body, headers = _multipart(("bob.ttl", BOB, "text/turtle"), ("bad.ttl", b"<http://a> <http://b> .", "text/turtle"))
    response = client.post("/graphs", params={"graph": graph}, content=body, headers=headers)
    assert response.status_code == 400 and response.json()["line"] == 1
    assert triples(client, graph) == before
    listed = client.get("/sparql", params={"query": "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g {} }"})
    graphs_before = listed.json()["results"]["bindings"][0]["n"]["value"]
    assert client.post("/graphs", content=body, headers=headers).status_code == 400
    listed = client.get("/sparql", params={"query": "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g {} }"})
    assert listed.json()["results"]["bindings"][0]["n"]["value"] == graphs_before


def test_a_multipart_post_lands_whole_and_a_created_graph_has_a_location(client: TestClient) -> None:
    graph = G + "/multipart-new"
    client.delete("/graphs", params={"graph": graph}, headers=AUTH)
    body, headers = _multipart(
        ("alice.ttl", ALICE, "text/turtle"),
        ("bob.nt", b'<http://example.org/bob> <http://example.org/name> "Bob" .', "application/n-triples"),
    )
    response = client.post("/graphs", params={"graph": graph}, content=body, headers=headers)
    assert response.status_code == 201 and response.headers["location"] == graph
    assert len(triples(client, graph)) == 3
