"""A SPARQL text is parsed before anything else is decided: a syntax error is a 400 at its position even where the
Accept header cannot be met (406) or the allow-list would refuse the operation (403); relative IRIs resolve
against the endpoint's own address."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from tests.sparql.conftest import AUTH

from cityref.errors import SyntaxProblem
from cityref.sparql import syntax as sparql_syntax

SPARQL_QUERY = {"Content-Type": "application/sparql-query"}
SPARQL_UPDATE = {"Content-Type": "application/sparql-update", **AUTH}


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ("SELECT * { ?s ?p ", "image/png"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ", "application/sparql-results+json;q=1, */*;q=0"),
        ("SELECT * { SERVICE <http://far.example/> { ?s ?p } }", None),
        ("SELECT * { SERVICE <http://far.example/> { ?s ?p ?o } ", "image/png"),
    ],
)
def test_query_syntax_errors_come_first(embedded_client: TestClient, query: str, accept: str | None) -> None:
    headers = {**SPARQL_QUERY, **({"Accept": accept} if accept else {})}
    response = embedded_client.post("/sparql", content=query, headers=headers)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["code"] == "syntax-error" and body["line"] == 1 and body["column"] > 1


@pytest.mark.parametrize(
    "update",
    [
        "LOAD ;",
        "LOAD <http://far.example/x> INTO",
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://far.example/> { ?s } }",
    ],
)
def test_update_syntax_errors_come_before_the_allow_list(embedded_client: TestClient, update: str) -> None:
    response = embedded_client.post("/sparql", content=update, headers=SPARQL_UPDATE)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "syntax-error"


def test_a_well_formed_refusal_is_still_a_refusal(embedded_client: TestClient) -> None:
    response = embedded_client.post("/sparql", content="LOAD <http://far.example/x>", headers=SPARQL_UPDATE)
    assert response.status_code == 403
    response = embedded_client.post(
        "/sparql", content="SELECT * { ?s ?p ?o }", headers={**SPARQL_QUERY, "Accept": "image/png"}
    )
    assert response.status_code == 406


def test_relative_iris_resolve_against_the_endpoint(backend_client: TestClient) -> None:
    """On both backends: the remote store gets the endpoint's address as a BASE ahead of the text."""
    graph = "http://example.org/parse-first/relative"
    update = f"INSERT DATA {{ GRAPH <{graph}> {{ <s> <p> 'o1' }} }}"
    assert backend_client.post("/sparql", content=update, headers=SPARQL_UPDATE).status_code == 204
    query = f"SELECT ?s ?p {{ GRAPH <{graph}> {{ ?s ?p 'o1' }} }}"
    rows = backend_client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    base = backend_client.app.state.settings.public_base_url()  # type: ignore[attr-defined]
    assert rows == [{"s": {"type": "uri", "value": f"{base}/s"}, "p": {"type": "uri", "value": f"{base}/p"}}]
    ask = "ASK { GRAPH ?g { <s> <p> 'o1' } }"
    assert backend_client.get("/sparql", params={"query": ask}).json()["boolean"] is True
    backend_client.post("/sparql", content=f"DROP GRAPH <{graph}>", headers=SPARQL_UPDATE)


def test_the_parse_only_calls_evaluate_nothing() -> None:
    """Pins what sparql_syntax relies on in this pyoxigraph: a query given two dataset arguments that exclude each
    other, and an update on a read-only store, are parsed and then refused unrun. Run, these would reach port 1
    (and fail with OSError); the parse workers also have no network, should a new engine version run them."""
    sparql_syntax.check_query("ASK { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
    sparql_syntax.check_update("LOAD <http://127.0.0.1:1/x> ; INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(OSError, match="port 1"):
        ox.Store().query("ASK { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")


def test_the_server_parses_in_its_workers(embedded_client: TestClient) -> None:
    pool = embedded_client.app.state.work.sparql.pool  # type: ignore[attr-defined]
    before = pool.stats.started
    assert embedded_client.post("/sparql", content="ASK {", headers=SPARQL_QUERY).status_code == 400
    assert pool.pids() and pool.stats.started == before


def test_a_query_to_run_is_parsed_once_by_the_embedded_worker_and_first_wherever_it_is_refused() -> None:
    """The embedded store's query worker parses before it runs, so a query that will run costs one worker hop; a
    query about to be refused, or sent to a store that does not parse first, is parsed on its own beforehand."""
    from cityref.errors import NotAcceptable, SyntaxProblem
    from cityref.settings import Settings
    from cityref.sparql.service import run_query
    from cityref.store import EmbeddedStore

    checked: list[str] = []

    def syntax(kind: str, text: str, base_iri: str | None) -> None:
        checked.append(text)
        sparql_syntax.in_process(kind, text, base_iri)

    store, settings = EmbeddedStore(None), Settings(data_dir=None)
    try:
        assert run_query(store, settings, "ASK {}", syntax=syntax).body
        assert checked == [], "no separate parse for a query the worker runs"
        with pytest.raises(SyntaxProblem) as raised:
            run_query(store, settings, "SELECT * { ?s ?p ", syntax=syntax)
        assert (raised.value.extra["line"], raised.value.extra["column"]) == (1, 18), "the worker's parse, placed"
        with pytest.raises(NotAcceptable):
            run_query(store, settings, "ASK {}", accept="image/png", syntax=syntax)
        assert checked == ["ASK {}"], "parsed before the 406"
        store.parses_queries_first = False  # as a remote store, whose answer to a bad text has no position
        run_query(store, settings, "ASK { }", syntax=syntax)
        assert checked == ["ASK {}", "ASK { }"]
    finally:
        store.close()


def test_the_update_parser_leaves_no_folder_behind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The empty read-only store updates are parsed against is removed from disk as soon as it is open, so that a
    parse worker killed at its budget (no exit handlers run) leaves nothing in the temporary folder; it still
    parses and refuses updates as before."""
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    sparql_syntax._read_only.cache_clear()
    try:
        sparql_syntax.check_update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        assert not any(tmp_path.iterdir())
        with pytest.raises(SyntaxProblem):
            sparql_syntax.check_update("INSERT DATA {")
    finally:
        sparql_syntax._read_only.cache_clear()
