"""The SPARQL 1.1 Protocol at /sparql, run against both backends (embedded Oxigraph, a real Oxigraph server)."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from rdflib.plugins.sparql.results.xmlresults import XMLResultParser
from tests.sparql.conftest import AUTH

from cityref.store import EXAMPLETON_GRAPH, ONTOLOGY_GRAPH
from cityref.store.base import SOURCE_DIGEST

COUNT_ONTOLOGY = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"
SUBCOMPONENTS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?c ?n WHERE { ?c skos:notation ?n } ORDER BY ?n"""


def bindings(response) -> list[dict]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return response.json()["results"]["bindings"]


def test_fresh_server_holds_the_ontology_and_exampleton(backend_client: TestClient) -> None:
    rows = bindings(backend_client.get("/sparql", params={"query": COUNT_ONTOLOGY}))
    assert int(rows[0]["n"]["value"]) > 1000
    ask = f"ASK {{ GRAPH <{EXAMPLETON_GRAPH}> {{ ?s ?p ?o }} }}"
    assert backend_client.get("/sparql", params={"query": ask}).json()["boolean"] is True


def test_default_graph_is_the_union_of_graphs(backend_client: TestClient) -> None:
    rows = bindings(backend_client.get("/sparql", params={"query": SUBCOMPONENTS}))
    assert {"B5", "C1"} <= {r["n"]["value"] for r in rows}


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.4, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("application/json", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_negotiates_result_formats(backend_client: TestClient, accept: str, media_type: str) -> None:
    response = backend_client.get("/sparql", params={"query": SUBCOMPONENTS + " LIMIT 3"}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.headers["vary"] == "Accept"
    body = response.content
    if media_type == "text/csv":
        rows = list(csv.reader(io.StringIO(body.decode())))
        assert rows[0] == ["c", "n"] and len(rows) == 4
    elif media_type == "text/tab-separated-values":
        assert body.decode().splitlines()[0] == "?c\t?n"
    elif media_type.endswith("xml"):
        assert len(list(XMLResultParser().parse(io.BytesIO(body)))) == 3
    else:
        assert len(json.loads(body)["results"]["bindings"]) == 3


@pytest.mark.parametrize(
    "accept", ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
)
def test_construct_negotiates_graph_formats(backend_client: TestClient, accept: str) -> None:
    query = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "CONSTRUCT { ?c skos:notation ?n } WHERE { ?c skos:notation ?n }"
    )
    response = backend_client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(accept)
    fmt = pyoxigraph.RdfFormat.from_media_type(accept)
    subjects = {q.subject.value for q in pyoxigraph.parse(response.content, format=fmt)}
    assert "https://w3id.org/cityref/def/B5" in subjects


def test_nothing_acceptable_is_406(backend_client: TestClient) -> None:
    response = backend_client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"
    construct = backend_client.get(
        "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "text/csv"}
    )
    assert construct.status_code == 406


def test_post_forms(backend_client: TestClient) -> None:
    form = backend_client.post("/sparql", data={"query": "ASK { ?s ?p ?o }"})
    assert form.status_code == 200 and form.json()["boolean"] is True
    direct = backend_client.post(
        "/sparql", content="ASK { ?s ?p ?o }", headers={"Content-Type": "application/sparql-query"}
    )
    assert direct.status_code == 200 and direct.json()["boolean"] is True
    wrong = backend_client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"})
    assert wrong.status_code == 415
    two = backend_client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert two.status_code == 400


def test_syntax_error_is_400_with_position(backend_client: TestClient) -> None:
    response = backend_client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert response.status_code == 400
    problem = response.json()
    assert problem["code"] == "syntax-error"
    assert problem["line"] == 3 and problem["column"] >= 1


def test_updates_need_the_key(backend_client: TestClient) -> None:
    update = "INSERT DATA { GRAPH <http://example.org/g/auth> { <http://example.org/a> <http://example.org/p> 1 } }"
    assert backend_client.post("/sparql", data={"update": update}).status_code == 401
    bad = backend_client.post("/sparql", data={"update": update}, headers={"X-API-Key": "wrong"})
    assert bad.status_code == 401
    ask = "ASK { GRAPH <http://example.org/g/auth> { ?s ?p ?o } }"
    assert backend_client.get("/sparql", params={"query": ask}).json()["boolean"] is False
    ok = backend_client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update", **AUTH})
    assert ok.status_code == 204, ok.text
    assert backend_client.get("/sparql", params={"query": ask}).json()["boolean"] is True
    assert backend_client.get("/sparql", params={"update": update}).status_code == 400


def test_protocol_dataset_parameters(backend_client: TestClient) -> None:
    setup = (
        "INSERT DATA { GRAPH <http://example.org/ds/1> { <http://example.org/x> <http://example.org/p> 1 } "
        "GRAPH <http://example.org/ds/2> { <http://example.org/x> <http://example.org/p> 2 } }"
    )
    assert backend_client.post("/sparql", data={"update": setup}, headers=AUTH).status_code == 204
    query = "SELECT ?v WHERE { ?s <http://example.org/p> ?v }"
    one = backend_client.get("/sparql", params={"query": query, "default-graph-uri": "http://example.org/ds/1"})
    assert [r["v"]["value"] for r in bindings(one)] == ["1"]
    both = backend_client.get(
        "/sparql",
        params=[
            ("query", query),
            ("default-graph-uri", "http://example.org/ds/1"),
            ("default-graph-uri", "http://example.org/ds/2"),
        ],
    )
    assert sorted(r["v"]["value"] for r in bindings(both)) == ["1", "2"]
    named = backend_client.get(
        "/sparql",
        params={"query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": "http://example.org/ds/2"},
    )
    assert {r["g"]["value"] for r in bindings(named)} == {"http://example.org/ds/2"}


def test_row_cap_is_signalled(backend_client: TestClient) -> None:
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 200"  # the test app caps at 50 rows
    response = backend_client.get("/sparql", params={"query": query})
    assert response.headers["x-cityref-truncated"] == "true"
    body = response.json()
    assert body["truncated"] is True and body["rowCap"] == 50
    assert len(body["results"]["bindings"]) == 50
    xml = backend_client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+xml"})
    assert b"https://w3id.org/cityref/def/truncated" in xml.content
    tsv = backend_client.get("/sparql", params={"query": query}, headers={"Accept": "text/tab-separated-values"})
    assert len(tsv.text.splitlines()) == 51 and tsv.headers["x-cityref-truncated"] == "true"
    exact = backend_client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 50"})
    assert "x-cityref-truncated" not in exact.headers and "truncated" not in exact.json()


def test_service_is_refused_unless_allow_listed(backend_client: TestClient) -> None:
    for query in (
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "PREFIX r: <http://remote.example/> SELECT * WHERE { SERVICE SILENT r:sparql { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    ):
        response = backend_client.get("/sparql", params={"query": query})
        assert response.status_code == 403, query
        assert response.json()["code"] == "forbidden"
    quoted = backend_client.get(
        "/sparql", params={"query": 'ASK { ?s ?p "SERVICE <http://x/>" } # SERVICE <http://y/>'}
    )
    assert quoted.status_code == 200


def test_service_description_and_query_page(backend_client: TestClient) -> None:
    described = backend_client.get("/sparql", headers={"Accept": "text/turtle"})
    assert described.status_code == 200 and described.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=described.text, format="turtle")
    rows = list(
        graph.query(
            """PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> PREFIX void: <http://rdfs.org/ns/void#>
            SELECT ?name ?n WHERE { ?s a sd:Service ; sd:endpoint ?e ; sd:supportedLanguage sd:SPARQL11Query ;
              sd:defaultDataset/sd:namedGraph [ sd:name ?name ; sd:graph/void:triples ?n ] }"""
        )
    )
    sizes = {str(name): int(n) for name, n in rows}
    assert sizes[ONTOLOGY_GRAPH] > 1000 and EXAMPLETON_GRAPH in sizes
    page = backend_client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and "<textarea" in page.text


def test_format_parameter_overrides_accept(backend_client: TestClient) -> None:
    response = backend_client.get(
        "/sparql", params={"query": "ASK {}", "format": "xml"}, headers={"Accept": "text/csv"}
    )
    assert response.headers["content-type"].startswith("application/sparql-results+xml")


def test_shipped_graphs_say_where_they_come_from(backend_client: TestClient) -> None:
    """No hidden bookkeeping graph: each shipped graph states its source digest and version in the open, and the
    dataset holds nothing but the graphs a listing shows."""
    rows = bindings(backend_client.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"}))
    graphs = {r["g"]["value"] for r in rows}
    assert {ONTOLOGY_GRAPH, EXAMPLETON_GRAPH} <= graphs
    assert not any("/system" in g for g in graphs)
    g = f"<{ONTOLOGY_GRAPH}>"
    query = f"PREFIX owl: <http://www.w3.org/2002/07/owl#> SELECT ?d ?v {{ GRAPH {g} {{ {g} <{SOURCE_DIGEST}> ?d ; "
    query += "owl:versionInfo ?v } }"
    (row,) = bindings(backend_client.get("/sparql", params={"query": query}))
    assert len(row["d"]["value"]) == 64 and row["v"]["value"]


def test_from_clause_names_the_dataset(backend_client: TestClient) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{EXAMPLETON_GRAPH}> WHERE {{ ?s ?p ?o }}"
    assert int(bindings(backend_client.get("/sparql", params={"query": query}))[0]["n"]["value"]) > 0
    city_only = f"ASK FROM <{EXAMPLETON_GRAPH}> {{ <https://w3id.org/cityref/def/B5> ?p ?o }}"
    assert backend_client.get("/sparql", params={"query": city_only}).json()["boolean"] is False


def test_update_load_from_the_network_is_refused(backend_client: TestClient) -> None:
    update = "LOAD <http://127.0.0.1:1/data.ttl> INTO GRAPH <http://example.org/loaded>"
    response = backend_client.post("/sparql", data={"update": update}, headers=AUTH)
    assert response.status_code == 403


@pytest.mark.parametrize("accept", ["application/ld+json", "application/rdf+xml", "application/n-triples"])
def test_service_description_in_other_rdf_formats(backend_client: TestClient, accept: str) -> None:
    response = backend_client.get("/sparql", headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    fmt = pyoxigraph.RdfFormat.from_media_type(accept)
    types = {
        q.object.value for q in pyoxigraph.parse(response.content, format=fmt) if q.predicate.value.endswith("#type")
    }
    assert "http://www.w3.org/ns/sparql-service-description#Service" in types
