"""Memory is a budget like time: each attack that made the server grow by gigabytes now meets a limit, is
answered with a problem naming it, and the server goes on serving.

The limits are the test's own (see the ``tight`` fixture): small enough that each attack reaches them quickly.
"""

from __future__ import annotations

import threading

import pytest
from fastapi.testclient import TestClient
from tests.security.conftest import AUTH, billion_laughs

RDFXML = {"Content-Type": "application/rdf+xml"}
PAIRS = "SELECT (STRLEN(GROUP_CONCAT(CONCAT(STR(?o), STR(?o2)))) AS ?x) {{ ?s ?p ?o . ?s2 ?p2 ?o2 {} }}"
FILTER = "FILTER(isLiteral(?o) && isLiteral(?o2))"


def serving(client: TestClient) -> bool:
    """The server answers a lookup and a small query as usual."""
    term = client.get("/terms/B5")
    ask = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    return term.status_code == 200 and ask.status_code == 200 and ask.json()["boolean"] is True


@pytest.mark.parametrize("levels", [8, 9])
def test_billion_laughs_in_a_delivery_is_refused(tight: TestClient, levels: int) -> None:
    body = billion_laughs(levels)
    assert len(body) < 1000
    response = tight.post("/validate", params={"profile": "roadmap"}, content=body, headers=RDFXML)
    assert response.status_code == 413
    problem = response.json()
    assert problem["limit"] == "max_body_bytes" and "entities" in problem["detail"]
    assert serving(tight)


@pytest.mark.parametrize("levels", [8, 9])
def test_billion_laughs_in_a_graph_upload_is_refused_and_nothing_is_written(tight: TestClient, levels: int) -> None:
    graph = f"http://example.org/laughs{levels}"
    response = tight.put("/graphs", params={"graph": graph}, content=billion_laughs(levels), headers={**RDFXML, **AUTH})
    assert response.status_code == 413
    assert response.json()["limit"] == "max_body_bytes"
    assert tight.get("/graphs", params={"graph": graph}).status_code == 404
    assert serving(tight)


def test_flat_entities_as_namespace_abbreviations_are_fine(tight: TestClient) -> None:
    """Ontology editors write RDF/XML with entities for namespaces; those expand linearly and stay accepted."""
    body = (
        b'<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY e "http://example.org/">]>'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="&e;">'
        b'<rdf:Description rdf:about="&e;s"><e:p>x</e:p></rdf:Description></rdf:RDF>'
    )
    graph = "http://example.org/flat"
    assert tight.put("/graphs", params={"graph": graph}, content=body, headers={**RDFXML, **AUTH}).status_code == 201
    stored = tight.get("/graphs", params={"graph": graph}, headers={"Accept": "application/n-triples"}).text
    assert '<http://example.org/s> <http://example.org/p> "x" .' in stored


def test_external_entities_are_refused(tight: TestClient) -> None:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://example.org/">'
        b'<rdf:Description rdf:about="http://example.org/s"><e:p>&x;</e:p></rdf:Description></rdf:RDF>'
    )
    response = tight.post("/validate", params={"profile": "roadmap"}, content=body, headers=RDFXML)
    assert response.status_code == 400 and "External XML entities" in response.json()["detail"]


@pytest.mark.parametrize(("profile", "engine"), [("roadmap", "pyshacl"), ("iot-device-register", "shacl-rust")])
def test_a_flood_of_blank_nodes_meets_the_validation_workers_memory_limit(
    tight: TestClient, profile: str, engine: str
) -> None:
    """1.9 million triples in 5.7 MB (``[]`` is a new node each time): the worker that reads them stops at its
    memory limit; the server itself never held them. On both engines (the roadmap profile runs on pySHACL)."""
    assert {p["id"]: p["engine"] for p in tight.get("/profiles").json()["profiles"]}[profile] == engine
    body = b"<urn:s> <urn:p> " + b",".join([b"[]"] * 1_900_000) + b" ."
    assert len(body) < 6 * 1024 * 1024
    response = tight.post(
        "/validate", params={"profile": profile}, content=body, headers={"Content-Type": "text/turtle"}
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["limit"] == "validation_worker_memory_mb" and problem["limit_mib"] == 500
    validators = tight.app.state.work.validators  # type: ignore[attr-defined]
    assert validators.stats.out_of_memory >= 1
    assert serving(tight)
    valid = tight.post(
        "/validate",
        params={"profile": profile},
        content=b"<urn:a> <urn:b> <urn:c> .",
        headers={"Content-Type": "text/turtle"},
    )
    assert valid.status_code == 200


def test_a_query_building_a_huge_string_meets_the_query_workers_memory_limit(tight: TestClient) -> None:
    response = tight.get("/sparql", params={"query": PAIRS.format(FILTER), "timeout": "60"})
    assert response.status_code == 422
    problem = response.json()
    assert problem["limit"] == "query_worker_memory_mb" and "memory limit" in problem["detail"]
    assert serving(tight)


DOUBLING = "SELECT (STRLEN(?v30) AS ?n) {{ BIND('0123456789' AS ?v0) {} }}".format(
    " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(30))
)


def test_four_memory_hungry_queries_at_once_are_each_stopped(tight: TestClient) -> None:
    """Four anonymous requests used to make 10 to 12 GB together; each now stops at its own limit. (A string
    doubled thirty times reaches the limit faster than the cartesian GROUP_CONCAT, for the same effect.)"""
    statuses: list[int] = []

    def attack() -> None:
        statuses.append(tight.get("/sparql", params={"query": DOUBLING, "timeout": "60"}).status_code)

    threads = [threading.Thread(target=attack) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [422] * 4
    assert serving(tight)


@pytest.mark.parametrize(
    ("form", "accept"),
    [
        ("CONSTRUCT { ?s ?p ?o2 } WHERE { ?s ?p ?o . ?s2 ?p2 ?o2 }", "text/turtle"),
        ("CONSTRUCT { ?s ?p ?o2 } WHERE { ?s ?p ?o . ?s2 ?p2 ?o2 }", "application/n-triples"),
        ("CONSTRUCT { ?s ?p ?o2 } WHERE { ?s ?p ?o . ?s2 ?p2 ?o2 }", "application/ld+json"),
        ("DESCRIBE ?s WHERE { ?s ?p ?o }", "text/turtle"),
    ],
)
def test_construct_and_describe_are_capped_with_an_explicit_signal(tight: TestClient, form: str, accept: str) -> None:
    response = tight.get("/sparql", params={"query": form}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["x-cityref-truncated"] == "true"
    import pyoxigraph as ox

    fmt = ox.RdfFormat.from_media_type(accept)
    triples = list(ox.parse(response.content, format=fmt))
    assert 0 < len(triples) <= 5000
    if accept != "application/ld+json":
        assert "tripleCap=5000" in response.text.splitlines()[0]


def test_a_small_construct_is_whole_and_unmarked(tight: TestClient) -> None:
    query = "CONSTRUCT WHERE { <https://w3id.org/cityref/def/B5> ?p ?o }"
    response = tight.get("/sparql", params={"query": query}, headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and "x-cityref-truncated" not in response.headers
    assert "truncated" not in response.text


def test_a_result_past_the_byte_cap_is_cut_at_a_whole_row(tight: TestClient) -> None:
    app_settings = tight.app.state.settings  # type: ignore[attr-defined]
    original = app_settings.result_max_bytes
    app_settings.result_max_bytes = 20_000
    try:
        response = tight.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
    finally:
        app_settings.result_max_bytes = original
    assert response.status_code == 200 and response.headers["x-cityref-truncated"] == "true"
    assert len(response.content) <= 20_000
    assert response.text.endswith("\n")
