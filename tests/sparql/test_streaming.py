"""Long answers go from the query worker to the socket in parts (``result_stream_bytes``), over real HTTP.

Exampleton's ``SELECT * { ?s ?p ?o }`` is 2 to 4 MB in every format: with a 4 KiB threshold it is streamed, with 0 it
is sent whole, by the same server over the same store, so the two bodies must be the same bytes. On both backends.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager

import pyoxigraph as ox
import pytest
from fastapi import FastAPI
from tests.sparql.conftest import LiveServer, embedded_settings, remote_settings

from cityref import Settings, create_app

EVERYTHING = "SELECT * WHERE { ?s ?p ?o }"
GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
SELECT_TYPES = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values")  # fmt: skip
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")


@pytest.fixture(scope="module")
def streaming() -> Iterator[tuple[FastAPI, Settings, LiveServer]]:
    settings = embedded_settings(result_stream_bytes=4096, result_row_cap=1_000_000)
    app = create_app(settings)
    with LiveServer(app) as server:
        yield app, settings, server


@pytest.fixture(scope="module")
def remote_streaming(request: pytest.FixtureRequest) -> Iterator[tuple[FastAPI, Settings, LiveServer]]:
    """The same over the remote backend (a real ``oxigraph serve``): the store's capped answer is written again in
    the server, on a thread of its own, and sent on in parts."""
    settings = remote_settings(
        request.getfixturevalue("oxigraph_server"), result_stream_bytes=4096, result_row_cap=1_000_000
    )
    app = create_app(settings)
    with LiveServer(app) as server:
        yield app, settings, server


def relays() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "cityref-relay"]


@pytest.fixture(scope="module", params=["embedded", "remote"])
def served(request: pytest.FixtureRequest) -> tuple[FastAPI, Settings, LiveServer]:
    """Either backend's streaming server, for the tests that hold on both."""
    served: tuple[FastAPI, Settings, LiveServer] = request.getfixturevalue(
        "streaming" if request.param == "embedded" else "remote_streaming"
    )
    return served


@contextmanager
def opened(server: LiveServer, query: str, accept: str) -> Iterator[http.client.HTTPResponse]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
        yield connection.getresponse()
    finally:
        connection.close()


def fetch(server: LiveServer, query: str, accept: str) -> tuple[http.client.HTTPResponse, bytes]:
    with opened(server, query, accept) as response:
        return response, response.read()


def wait_for(condition: object, timeout_s: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize(
    ("query", "accept"), [(EVERYTHING, t) for t in SELECT_TYPES] + [(GRAPH, t) for t in GRAPH_TYPES]
)
def test_an_answer_in_parts_is_the_whole_answer(
    served: tuple[FastAPI, Settings, LiveServer], query: str, accept: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, settings, server = served
    parts, streamed = fetch(server, query, accept)
    assert parts.status == 200 and parts.getheader("transfer-encoding") == "chunked"
    assert parts.getheader("content-length") is None and parts.getheader("content-type", "").startswith(accept)
    monkeypatch.setattr(settings, "result_stream_bytes", 0)
    whole, body = fetch(server, query, accept)
    assert whole.getheader("content-length") == str(len(body)) and len(body) > 1_000_000
    assert streamed == body
    assert app.state.work.query.running == 0 and wait_for(lambda: not relays())


def test_a_short_answer_still_comes_whole(streaming: tuple[FastAPI, Settings, LiveServer]) -> None:
    _, _, server = streaming
    answer, body = fetch(server, "ASK {}", "application/sparql-results+json")
    assert answer.getheader("content-length") == str(len(body)) and json.loads(body)["boolean"] is True


def test_a_cut_answer_in_parts_says_so(
    served: tuple[FastAPI, Settings, LiveServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, settings, server = served
    monkeypatch.setattr(settings, "result_row_cap", 5000)
    monkeypatch.setattr(settings, "result_triple_cap", 5000)
    answer, body = fetch(server, EVERYTHING, "application/sparql-results+json")
    assert answer.getheader("transfer-encoding") == "chunked" and answer.getheader("x-cityref-truncated") == "true"
    parsed = json.loads(body)
    assert parsed["truncated"] is True and parsed["rowCap"] == 5000 and len(parsed["results"]["bindings"]) == 5000
    _, xml = fetch(server, EVERYTHING, "application/sparql-results+xml")
    assert xml.count(b"<result>") == 5000 and b"https://w3id.org/cityref/def/truncated?rowCap=5000" in xml[:4096]
    answer, turtle = fetch(server, GRAPH, "text/turtle")
    assert answer.getheader("transfer-encoding") == "chunked" and answer.getheader("x-cityref-truncated") == "true"
    assert turtle.startswith(b"# truncated: https://w3id.org/cityref/def/truncated?tripleCap=5000\n")
    assert len(list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))) == 5000


def writers(app: FastAPI) -> list[object]:
    """What is writing answers: the busy query workers' PIDs on the embedded store, the relay threads on the remote."""
    pool = getattr(app.state.store, "queries", None)
    return list(pool.busy_pids()) if pool is not None else list(relays())


def ended(app: FastAPI, writer: object) -> bool:
    """Whether ``writer`` (one of :func:`writers`) is gone: the worker ended, or the thread done."""
    pool = getattr(app.state.store, "queries", None)
    return writer not in (pool.pids() if pool is not None else relays())


def test_the_slot_is_held_until_the_last_part_and_a_client_that_leaves_frees_it(
    served: tuple[FastAPI, Settings, LiveServer],
) -> None:
    """The gate counts a streaming answer as running until it ends; a client that goes away after the first bytes
    ends the worker still sending (the rest of the answer is in its pipe), or the remote backend's writing thread,
    and frees the slot."""
    app, _, server = served
    with opened(server, EVERYTHING, "application/sparql-results+xml") as answer:
        assert answer.read(1000).startswith(b"<?xml")
        assert app.state.work.query.running == 1
        busy = writers(app)
        assert len(busy) == 1
    assert wait_for(lambda: app.state.work.query.running == 0)
    assert wait_for(lambda: ended(app, busy[0]))
    assert json.loads(fetch(server, "ASK {}", "application/sparql-results+json")[1])["boolean"] is True


def test_a_worker_that_dies_while_sending_cuts_the_connection_short(
    streaming: tuple[FastAPI, Settings, LiveServer],
) -> None:
    """No client may take a cut answer for a whole one: the chunked body is left without its end."""
    app, _, server = streaming
    with opened(server, EVERYTHING, "application/sparql-results+json") as answer:
        assert answer.read(100).startswith(b"{")
        (pid,) = app.state.store.queries.busy_pids()
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(http.client.IncompleteRead):
            answer.read()
    assert wait_for(lambda: app.state.work.query.running == 0)
    assert json.loads(fetch(server, "ASK {}", "application/sparql-results+json")[1])["boolean"] is True


def test_a_client_that_stops_reading_is_given_up_at_the_budget(
    served: tuple[FastAPI, Settings, LiveServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow reader cannot hold a slot and a worker (or the remote backend's writing thread) past the query's
    budget: the budget covers sending."""
    app, settings, server = served
    monkeypatch.setattr(settings, "result_max_bytes", 256 * 1024 * 1024)
    sock = socket.create_connection(("127.0.0.1", server.port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    # about 900,000 rows, 14 MB of CSV: more than the pipes, the queue and the socket buffers hold unread
    query = EVERYTHING.replace("?s ?p ?o }", "?s ?p ?o . VALUES ?n { 1 2 3 4 5 6 } }")
    path = "/sparql?" + urllib.parse.urlencode({"query": query, "timeout": "4"})
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/csv\r\n\r\n".encode())
    try:
        assert sock.recv(64).startswith(b"HTTP/1.1 200")
        busy = writers(app)
        assert app.state.work.query.running == 1 and len(busy) == 1
        assert wait_for(lambda: app.state.work.query.running == 0, timeout_s=15)
        assert wait_for(lambda: ended(app, busy[0]))
    finally:
        sock.close()


def test_a_posted_query_is_streamed_too(streaming: tuple[FastAPI, Settings, LiveServer]) -> None:
    """POST bodies are read before the answer starts; the disconnect watch then reads only the end of the request."""
    _, _, server = streaming
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request(
            "POST",
            "/sparql",
            body=EVERYTHING.encode(),
            headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
        )
        answer = connection.getresponse()
        body = json.loads(answer.read())
    finally:
        connection.close()
    assert answer.getheader("transfer-encoding") == "chunked"
    _, whole = fetch(server, EVERYTHING, "application/sparql-results+json")
    assert body == json.loads(whole)


def test_a_canned_query_is_streamed_as_sparql_is(
    streaming: tuple[FastAPI, Settings, LiveServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``/queries/{name}`` runs through the same gate and worker as ``/sparql``: a long answer comes in parts."""
    app, settings, server = streaming

    def canned(name: str) -> tuple[http.client.HTTPResponse, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        try:
            connection.request("GET", f"/queries/{name}", headers={"Accept": "application/sparql-results+json"})
            answer = connection.getresponse()
            return answer, answer.read()
        finally:
            connection.close()

    parts, streamed = canned("model-outline")
    assert parts.status == 200 and parts.getheader("transfer-encoding") == "chunked"
    monkeypatch.setattr(settings, "result_stream_bytes", 0)
    whole, body = canned("model-outline")
    assert whole.getheader("content-length") == str(len(body)) and len(body) > 4096
    assert streamed == body and json.loads(body)["results"]["bindings"]
    assert app.state.work.query.running == 0
