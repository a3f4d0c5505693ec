"""The second line of defence against outbound requests: whatever gets past the check of a query's text, the
process that runs it cannot open a connection.

Each test switches the text check off (or goes around it) and sends the bypasses found on the old lexer; a local
HTTP listener, which answers like a SPARQL endpoint, records every request that reaches it. It must record none.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient
from tests.security.conftest import AUTH
from tests.sparql.conftest import embedded_settings

from cityref import create_app
from cityref.sparql import service as sparql_service
from cityref.validation import worker_spec
from cityref.workers import WorkerPool

EMPTY_RESULTS = b'{"head":{"vars":["a","b","c"]},"results":{"bindings":[{"a":{"type":"literal","value":"leak"}}]}}'


class Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared on purpose: one handler object per request

    def _answer(self) -> None:
        Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(EMPTY_RESULTS)))
        self.end_headers()
        self.wfile.write(EMPTY_RESULTS)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def listener() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_hits_before() -> None:
    Recorder.hits.clear()


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(embedded_settings(load_examples=False))) as made:
        yield made


@pytest.fixture
def no_text_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first line of defence, gone: every SERVICE and LOAD passes the allow-list check."""
    monkeypatch.setattr(sparql_service, "check_services", lambda analysis, allowed: None)


def test_the_listener_records_a_request_from_the_engine(listener: str) -> None:
    """The proof below means something only if the engine, unsandboxed, does reach the listener."""
    import pyoxigraph as ox

    rows = list(ox.Store().query(f"SELECT * {{ SERVICE <{listener}/sparql> {{ ?a ?b ?c }} }}"))
    assert Recorder.hits and rows


QUERY_BYPASSES = [
    "SELECT * {{ SERVICESILENT<{u}/x> {{ ?a ?b ?c }} }}",
    "SELECT * {{ serviceSILENT<{u}/x> {{ ?a ?b ?c }} }}",
    "PREFIX : <{u}/> SELECT * {{ SERVICE:x {{ ?a ?b ?c }} }}",
    "PREFIX c: <{u}/> SELECT * {{ SERVICEc:x {{ ?a ?b ?c }} }}",
    "SELECT * {{ SERVICE <{u}/x> {{ ?a ?b ?c }} }}",
]


@pytest.mark.parametrize("text", QUERY_BYPASSES)
def test_queries_cannot_reach_out_without_the_text_check(
    client: TestClient, listener: str, no_text_check: None, text: str
) -> None:
    response = client.get("/sparql", params={"query": text.format(u=listener)})
    assert Recorder.hits == []
    if "SILENT" in text:  # the spec's SILENT: a failed service gives one empty solution
        assert response.status_code == 200
        assert response.json()["results"]["bindings"] == [{}]
    else:
        assert response.status_code == 400 and "failed" in response.json()["detail"]


UPDATE_BYPASSES = [
    "LOADSILENT<{u}/data.ttl>",
    "PREFIX : <{u}/> LOAD:data.ttl",
    "INSERT {{ ?a ?b ?c }} WHERE {{ SERVICESILENT<{u}/x> {{ ?a ?b ?c }} }}",
    "LOAD <{u}/data.ttl> INTO GRAPH <urn:x:g>",
]


@pytest.mark.parametrize("text", UPDATE_BYPASSES)
def test_updates_cannot_reach_out_without_the_text_check(
    client: TestClient, listener: str, no_text_check: None, text: str
) -> None:
    response = client.post("/sparql", data={"update": text.format(u=listener)}, headers=AUTH)
    assert Recorder.hits == []
    assert response.status_code in (204, 400)
    if "SILENT" not in text:
        assert response.status_code == 400


def test_with_the_text_check_the_same_texts_are_refused_before_running(client: TestClient, listener: str) -> None:
    for text in QUERY_BYPASSES:
        assert client.get("/sparql", params={"query": text.format(u=listener)}).status_code == 403
    assert Recorder.hits == []


def test_user_shapes_cannot_reach_out_from_the_validation_worker(listener: str) -> None:
    """The validation worker's own sandbox, with a handler that runs the shapes unchecked: pySHACL's SPARQL
    engine evaluates the SERVICE and fails to connect."""
    spec = replace(worker_spec(1024, 0, 60.0), handler="tests.security.handlers:UncheckedShapes")
    pool = WorkerPool(spec, 1)
    shapes = f"""@prefix sh: <http://www.w3.org/ns/shacl#> .
    <urn:S> a sh:NodeShape ; sh:targetNode <urn:a> ;
        sh:sparql [ sh:select "SELECT $this WHERE {{ SERVICE <{listener}/u> {{ ?a ?b ?c }} }}" ] ."""
    try:
        # the engine's failure to connect, however pySHACL reports it, is not the point: the listener is
        with contextlib.suppress(Exception):
            pool.run("run", ("<urn:a> <urn:b> <urn:c> .", shapes), deadline=time.monotonic() + 60)
    finally:
        pool.close()
    assert Recorder.hits == []
