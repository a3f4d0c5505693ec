"""The remote backend keeps the same caps on an answer as the embedded store: the triple cap and the byte cap, with
the same truncation signals, against a real ``oxigraph serve``; and a store that sends without end (one endless
value, endless triples, an endless ASK answer) or sends garbage costs no more than the caps, over real loopback HTTP.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.sparql.conftest import backend_settings

from cityref import create_app
from cityref.errors import LimitExceeded, StoreUnavailable, UpstreamError
from cityref.store.base import QueryRequest
from cityref.store.remote import RemoteLimits, RemoteStore

pytestmark = pytest.mark.timeout(120)

TRIPLE_CAP = 30
GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
EVERYTHING = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
SIGNAL = b"https://w3id.org/cityref/def/truncated?tripleCap=30"
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")


@pytest.fixture(scope="module", params=["embedded", "remote"])
def capped(request: pytest.FixtureRequest) -> Iterator[TestClient]:
    settings = backend_settings(request, result_triple_cap=TRIPLE_CAP, result_row_cap=100_000, result_max_bytes=20_000)
    with TestClient(create_app(settings)) as client:
        yield client


def ask(client: TestClient, query: str, accept: str) -> tuple[bytes, bool]:
    answer = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith(accept)
    return answer.content, answer.headers.get("x-cityref-truncated") == "true"


@pytest.mark.parametrize("accept", GRAPH_TYPES)
def test_a_construct_is_cut_at_the_triple_cap_and_says_so(capped: TestClient, accept: str) -> None:
    body, truncated = ask(capped, GRAPH, accept)
    assert truncated
    if accept == "application/n-triples":
        assert body.startswith(b"# truncated: " + SIGNAL) and body.count(b"\n") == TRIPLE_CAP + 1
    elif accept == "application/ld+json":
        assert len(json.loads(body)) <= TRIPLE_CAP  # at most one node object per triple
    else:
        assert SIGNAL in body[:300]


def test_a_small_construct_is_not_marked(capped: TestClient) -> None:
    body, truncated = ask(capped, GRAPH.replace("}  WHERE", "}") + " LIMIT 5", "application/n-triples")
    assert not truncated and not body.startswith(b"#") and body.count(b"\n") == 5


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/tab-separated-values"])
def test_a_select_is_cut_at_the_byte_cap_on_both_backends(capped: TestClient, accept: str) -> None:
    body, truncated = ask(capped, EVERYTHING, accept)
    assert truncated
    if accept == "text/tab-separated-values":
        assert len(body) <= 20_000 and body.startswith(b"?s\t?p\t?o\n")
    else:
        parsed = json.loads(body)
        assert parsed["truncated"] is True and 0 < len(parsed["results"]["bindings"]) < 1000


def test_a_construct_is_cut_at_the_byte_cap_on_both_backends(capped: TestClient) -> None:
    # 25 triples of about 2 KB each: under the triple cap, over the byte cap.
    query = (
        "CONSTRUCT { ?s <http://example.org/long> ?long } WHERE {"
        " { SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) } LIMIT 25 }"
        ' BIND(REPLACE(STR(?s), ".", "0123456789012345678901234567890123456789") AS ?long) }'
    )
    body, truncated = ask(capped, query, "application/n-triples")
    assert truncated and len(body) <= 20_000 + 200  # the signal's line on top of the cap
    assert 0 < body.count(b"\n") - 1 < TRIPLE_CAP


@pytest.mark.parametrize(
    "accept",
    ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"],
)
def test_an_ask_answer_is_the_same_on_both_backends(capped: TestClient, accept: str) -> None:
    """The remote store is asked for JSON and the answer written again in the form asked for, as the embedded
    store writes it."""
    body, truncated = ask(capped, "ASK { ?s ?p ?o }", accept)
    assert not truncated
    if accept.endswith("json"):
        assert json.loads(body)["boolean"] is True
    elif accept.endswith("xml"):
        assert b"<boolean>true</boolean>" in body
    else:
        assert body == b"true"


# A store that never stops sending.

LIMIT = 64 * 1024 * 1024
"""The fake store stops here: a client that read everything would have taken this much."""


class EndlessStore(ThreadingHTTPServer):
    """Answers every query with ``head`` then ``tail`` repeated until the client goes away (or :data:`LIMIT`); with
    no ``tail``, with ``head`` alone."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Endless)
        self.daemon_threads = True
        self.head = b""
        self.tail = b""
        self.media_type = "text/plain"
        self.sent = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/query"

    def answer(self, media_type: str, head: bytes, tail: bytes) -> None:
        self.media_type, self.head, self.tail, self.sent = media_type, head, tail, 0
        self.done.clear()


class _Endless(BaseHTTPRequestHandler):
    server: EndlessStore

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # the Graph Store endpoint
        self.do_POST()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Type", self.server.media_type)
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            self.wfile.write(self.server.head)
            while self.server.tail and self.server.sent < LIMIT:
                self.wfile.write(self.server.tail)
                self.server.sent += len(self.server.tail)
        except OSError:
            pass  # the client went away
        finally:
            self.server.done.set()


@pytest.fixture(scope="module")
def endless() -> Iterator[tuple[EndlessStore, RemoteStore]]:
    fake = EndlessStore()
    fake.thread.start()
    limits = dataclasses.replace(RemoteLimits.from_settings(), max_graph_bytes=4 * 1024 * 1024)
    store = RemoteStore(fake.url, gsp_url=fake.url.replace("/query", "/store"), limits=limits)
    try:
        yield fake, store
    finally:
        store.close()
        fake.shutdown()
        fake.server_close()


def query(store: RemoteStore, kind: str, accept: str) -> tuple[bytes, bool]:
    request = QueryRequest(
        sparql="SELECT * WHERE { ?s ?p ?o }",
        results_media_type=accept if kind != "construct" else None,
        graph_media_type=accept if kind == "construct" else None,
        row_cap=1000,
        kind=kind,
        triple_cap=1000,
        max_bytes=1024 * 1024,
    )
    outcome = store.query(request, 30)
    return outcome.body, outcome.truncated


def sent_little(fake: EndlessStore) -> bool:
    assert fake.done.wait(30), "the fake store was still sending"
    return fake.sent < LIMIT


def test_one_endless_value_is_cut_at_the_byte_cap(endless: tuple[EndlessStore, RemoteStore]) -> None:
    fake, store = endless
    fake.answer("text/tab-separated-values", b'?s\n"', b"z" * 65536)
    body, truncated = query(store, "select", "application/sparql-results+json")
    assert truncated and json.loads(body)["results"]["bindings"] == []
    assert sent_little(fake)


def test_endless_triples_are_cut_at_the_triple_cap(endless: tuple[EndlessStore, RemoteStore]) -> None:
    fake, store = endless
    fake.answer("application/n-triples", b"", b'<http://example.org/s> <http://example.org/p> "1" .\n' * 1000)
    body, truncated = query(store, "construct", "application/n-triples")
    assert truncated and body.count(b"\n") == 1001 and body.startswith(b"# truncated: ")
    assert sent_little(fake)


def test_an_endless_ask_answer_is_refused(endless: tuple[EndlessStore, RemoteStore]) -> None:
    fake, store = endless
    fake.answer("application/sparql-results+json", b'{"head":{},"boolean":true', b" " * 65536)
    with pytest.raises(UpstreamError, match="ran past 64 KiB"):
        query(store, "ask", "application/sparql-results+json")
    assert sent_little(fake)


@pytest.mark.parametrize(("kind", "accept"), [("select", "application/sparql-results+json"),
                                              ("construct", "text/turtle"),
                                              ("ask", "application/sparql-results+json")])  # fmt: skip
def test_an_answer_that_cannot_be_read_is_the_stores_fault(
    endless: tuple[EndlessStore, RemoteStore], kind: str, accept: str
) -> None:
    fake, store = endless
    fake.answer("text/html", b"<html><body>Oops \x00\x01", b"")
    with pytest.raises(UpstreamError, match="answer could not be read") as raised:
        query(store, kind, accept)
    assert raised.value.status == 502


def test_the_other_answers_of_the_store_are_bounded_too(endless: tuple[EndlessStore, RemoteStore]) -> None:
    """A probe, cityref's own counting queries and a graph read for GET /graphs: each is read no further than its
    bound, then refused."""
    fake, store = endless
    fake.answer("application/sparql-results+json", b'{"head":{},"boolean":true', b" " * 65536)
    with pytest.raises(StoreUnavailable, match="probe ran past 64 KiB"):
        store.probe()
    assert sent_little(fake)
    store.breaker.succeeded()  # the probe marked the store down; the next calls are to reach it
    fake.answer("application/sparql-results+json", b'{"head":{"vars":["n"]},"results":{"bindings":[', b" " * 65536)
    with pytest.raises(UpstreamError, match="ran past 16 MiB"):
        store.graph_size("https://x.example/g")
    assert sent_little(fake)
    fake.answer("application/n-triples", b"", b'<https://x.example/s> <https://x.example/p> "1" .\n' * 1000)
    with pytest.raises(UpstreamError, match="CITYREF_REMOTE_MAX_GRAPH_BYTES"):
        store.graph_get("https://x.example/g", "application/n-triples")
    assert sent_little(fake)


def test_a_graph_read_line_by_line_is_bounded(endless: tuple[EndlessStore, RemoteStore], tmp_path: Path) -> None:
    """The city's graph read for validation in context: endless triples stop at the triple cap, one endless line
    at 16 MiB; neither is held whole."""
    fake, store = endless
    target = tmp_path / "city.nt"
    fake.answer("application/n-triples", b"", b'<https://x.example/s> <https://x.example/p> "1" .\n' * 1000)
    with pytest.raises(LimitExceeded):
        store.export_graph("https://x.example/g", target, max_triples=5000)
    assert sent_little(fake)
    fake.answer("application/n-triples", b'<https://x.example/s> <https://x.example/p> "', b"z" * 65536)
    with pytest.raises(UpstreamError, match="line longer than 16 MiB"):
        store.export_graph("https://x.example/g", target, max_triples=5000)
    assert sent_little(fake)
