"""The W3C SPARQL 1.1 Protocol test manifest (sparql11/protocol/manifest.ttl), test by test, as HTTP exchanges.

Each test names its manifest entry. The manifest describes exchanges in prose and HAML templates rather than as
machine-readable requests, so the requests are written out here; every entry of the manifest is covered (the
test below checks the list against the manifest).
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from tests.conftest import CONFORMANCE
from tests.sparql.conftest import AUTH, embedded_settings

from cityref import create_app

D1 = (CONFORMANCE / "sparql11/protocol/data1.nt").read_bytes()
D2 = (CONFORMANCE / "sparql11/protocol/data2.nt").read_bytes()
G1, G2 = "http://kasei.us/2009/09/sparql/data/data1.rdf", "http://kasei.us/2009/09/sparql/data/data2.rdf"
NT = {"Content-Type": "application/n-triples", **AUTH}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
FORM = "application/x-www-form-urlencoded"
COVERED: set[str] = set()


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(embedded_settings(union_default_graph=False, load_examples=False))) as test_client:
        for graph, data in ((G1, D1), (G2, D2)):
            assert test_client.put("/graphs", params={"graph": graph}, content=data, headers=NT).status_code in (
                201,
                204,
            )
        yield test_client


def covers(*names: str):  # type: ignore[no-untyped-def]
    COVERED.update(names)
    return lambda f: f


def form(pairs: list[tuple[str, str]]) -> dict[str, object]:
    return {"content": urlencode(pairs), "headers": {"Content-Type": FORM, **AUTH}}


def n(response) -> int:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@covers("query_get", "query_post_form", "query_post_direct")
def test_query_operations(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    assert client.post("/sparql", data={"query": "ASK {}"}).status_code == 200
    direct = client.post("/sparql", content="ASK {}", headers={"Content-Type": "application/sparql-query"})
    assert direct.status_code == 200


@covers(
    "query_dataset_default_graphs_get",
    "query_dataset_default_graphs_post",
    "query_dataset_named_graphs_post",
    "query_dataset_named_graphs_get",
    "query_dataset_full",
    "query_multiple_dataset",
)
def test_protocol_dataset(client: TestClient) -> None:
    one = n(client.get("/sparql", params={"query": COUNT, "default-graph-uri": G1}))
    two = n(client.post("/sparql", **form([("query", COUNT), ("default-graph-uri", G1), ("default-graph-uri", G2)])))
    assert 0 < one < two
    named = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert n(client.get("/sparql", params={"query": named, "named-graph-uri": G2})) == 1
    assert n(client.post("/sparql", **form([("query", named), ("named-graph-uri", G1), ("named-graph-uri", G2)]))) == 2
    full = client.get("/sparql", params={"query": COUNT, "default-graph-uri": G1, "named-graph-uri": G2})
    assert n(full) == one
    overridden = f"SELECT (COUNT(*) AS ?n) FROM <{G2}> WHERE {{ ?s ?p ?o }}"
    assert n(client.get("/sparql", params={"query": overridden, "default-graph-uri": G1})) == one


@covers(
    "query_content_type_select", "query_content_type_ask", "query_content_type_describe", "query_content_type_construct"
)
def test_content_types(client: TestClient) -> None:
    select = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"})
    assert select.headers["content-type"].startswith("application/sparql-results+json")
    ask = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+xml"})
    assert ask.headers["content-type"].startswith("application/sparql-results+xml")
    for query in (
        f"DESCRIBE <{G1}>",
        f"CONSTRUCT WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}".replace("CONSTRUCT WHERE", "CONSTRUCT { ?s ?p ?o } WHERE"),
    ):
        response = client.get("/sparql", params={"query": query}, headers={"Accept": "application/rdf+xml"})
        assert response.headers["content-type"].startswith("application/rdf+xml")
        Graph().parse(data=response.content, format="xml")
    # query_content_type_construct as the manifest writes it: relative IRIs, no Accept, expect RDF.
    construct = client.post(
        "/sparql",
        params={"default-graph-uri": "http://kasei.us/2009/09/sparql/data/data0.rdf"},
        content="CONSTRUCT { <s> <p> 1 } WHERE {}",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert construct.status_code == 200, construct.text
    assert construct.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=construct.text, format="turtle")) == 1


@covers("update_post_form", "update_post_direct", "update_base_uri")
def test_update_operations(client: TestClient) -> None:
    form = client.post("/sparql", data={"update": "INSERT DATA { <http://e/a> <http://e/p> 1 }"}, headers=AUTH)
    assert form.status_code == 204
    direct = client.post(
        "/sparql", content="CLEAR DEFAULT", headers={"Content-Type": "application/sparql-update", **AUTH}
    )
    assert direct.status_code == 204
    # update_base_uri: the service defines the base (its own endpoint), so <test> becomes an absolute IRI.
    graph = "http://example.org/protocol-base-test/"
    update = (
        f"CLEAR SILENT GRAPH <{graph}> ;\n"
        f"INSERT DATA {{ GRAPH <{graph}> {{ <http://example.org/s> <http://example.org/p> <test> }} }}"
    )
    sent = client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update", **AUTH})
    assert sent.status_code == 204, sent.text
    ask = (
        f"ASK {{ GRAPH <{graph}> {{ <http://example.org/s> <http://example.org/p> ?o "
        'FILTER (isIRI(?o) && STR(?o) != "test") } }'
    )
    answer = client.post("/sparql", content=ask, headers={"Content-Type": "application/sparql-query"})
    assert answer.status_code == 200 and answer.json()["boolean"] is True
    where = client.get("/sparql", params={"query": f"SELECT ?o {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"})
    assert where.json()["results"]["bindings"][0]["o"]["value"].endswith("/test")


@covers(
    "update_dataset_default_graph",
    "update_dataset_default_graphs",
    "update_dataset_named_graphs",
    "update_dataset_full",
)
def test_update_dataset(client: TestClient) -> None:
    target = "http://example.org/protocol/copy"
    update = f"INSERT {{ GRAPH <{target}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }}"
    response = client.post("/sparql", data={"update": update, "using-graph-uri": G1}, headers=AUTH)
    assert response.status_code == 204
    copied = n(client.get("/sparql", params={"query": COUNT, "default-graph-uri": target}))
    assert copied == n(client.get("/sparql", params={"query": COUNT, "default-graph-uri": G1}))
    named = f"INSERT {{ GRAPH <{target}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    both = client.post("/sparql", **form([("update", named), ("using-graph-uri", G1), ("using-named-graph-uri", G2)]))
    assert both.status_code == 204


@covers(
    "bad_query_method",
    "bad_multiple_queries",
    "bad_query_wrong_media_type",
    "bad_query_missing_form_type",
    "bad_query_missing_direct_type",
    "bad_query_non_utf8",
    "bad_query_syntax",
    "bad_update_get",
    "bad_multiple_updates",
    "bad_update_wrong_media_type",
    "bad_update_missing_form_type",
    "bad_update_non_utf8",
    "bad_update_syntax",
    "bad_update_dataset_conflict",
)
def test_bad_requests(client: TestClient) -> None:
    assert client.put("/sparql", params={"query": "ASK {}"}).status_code == 405
    assert client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D").status_code == 400
    assert client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"}).status_code == 415
    assert client.post("/sparql", content="query=ASK%20%7B%7D").status_code == 415
    utf16 = {"Content-Type": "application/sparql-query; charset=UTF-16"}
    assert client.post("/sparql", content="ASK {}".encode("utf-16"), headers=utf16).status_code in (400, 415)
    assert client.get("/sparql", params={"query": "ASK {"}).status_code == 400
    assert client.get("/sparql", params={"update": "CLEAR DEFAULT"}).status_code == 400
    two = client.post(
        "/sparql", content="update=CLEAR%20DEFAULT&update=CLEAR%20ALL", headers={"Content-Type": FORM, **AUTH}
    )
    assert two.status_code == 400
    assert (
        client.post("/sparql", content="CLEAR DEFAULT", headers={"Content-Type": "text/plain", **AUTH}).status_code
        == 415
    )
    assert client.post("/sparql", content="update=CLEAR%20DEFAULT", headers=AUTH).status_code == 415
    bad_charset = {"Content-Type": "application/sparql-update; charset=UTF-16", **AUTH}
    assert client.post("/sparql", content="CLEAR DEFAULT".encode("utf-16"), headers=bad_charset).status_code in (
        400,
        415,
    )
    assert client.post("/sparql", data={"update": "CLEAR DEFALT"}, headers=AUTH).status_code == 400
    conflict = f"INSERT {{ ?s ?p ?o }} USING <{G2}> WHERE {{ ?s ?p ?o }}"
    response = client.post("/sparql", data={"update": conflict, "using-graph-uri": G1}, headers=AUTH)
    assert response.status_code == 400


def test_every_manifest_entry_is_covered() -> None:
    manifest = (CONFORMANCE / "sparql11/protocol/manifest.ttl").read_text()
    names = {
        line.split()[0][1:] for line in manifest.splitlines() if line.startswith(":") and "mf:ProtocolTest" in line
    }
    assert names and names <= COVERED, sorted(names - COVERED)
    print(f"W3C protocol tests covered through HTTP: {len(names & COVERED)}/{len(names)}")
    assert len(names) == 34
