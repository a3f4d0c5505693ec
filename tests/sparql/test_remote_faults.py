"""The remote store failing and coming back, against a real ``oxigraph serve`` that the tests kill (SIGKILL), freeze
(SIGSTOP), thaw (SIGCONT) and restart on the same port, with cityref never restarted.

Bounds are checked by calls returning: every client call has a timeout, and pytest-timeout bounds each test; no
test measures elapsed time. Waiting for the service to notice a change polls with a deadline.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from tests.sparql.conftest import AUTH, LiveServer, free_port, remote_settings, wait_http

from cityref import create_app
from cityref.errors import BudgetExceeded
from cityref.settings import Settings
from cityref.store import ONTOLOGY_GRAPH, SHAPES_GRAPH
from cityref.store.remote import RemoteLimits, RemoteStore

pytestmark = pytest.mark.timeout(120)

RETRY_AFTER = 3
ASK = {"query": "ASK {}"}
G = "http://example.org/faults"
TURTLE = b"<http://example.org/s> <http://example.org/p> 1 ."
PUT_HEADERS = {**AUTH, "Content-Type": "text/turtle"}
# Words of the network stack that must never reach a client: ours say what happened instead.
RAW = ("urlopen", "errno", "httpx", "httpcore", "connecterror", "traceback", "[", "127.0.0.1")


class OxigraphProcess:
    """One ``oxigraph serve`` on a fixed loopback port and data directory, so that a restart is the same store."""

    def __init__(self, location: Path, port: int) -> None:
        self.location = location
        self.port = port
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        binary = shutil.which("oxigraph")
        assert binary, "the oxigraph server (PyPI package 'oxigraph') must be installed"
        self.process = subprocess.Popen(
            [binary, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}", "--timeout-s", "5"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_http(self.base + "/query?query=ASK%7B%7D")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def freeze(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        """Whatever state the test left it in: thawed first, so that it can die."""
        if self.process is not None:
            os.kill(self.process.pid, signal.SIGCONT)
            self.kill()


@pytest.fixture
def store_server(tmp_path: Path) -> Iterator[OxigraphProcess]:
    """A store not started yet: each test starts it (or not) itself."""
    server = OxigraphProcess(tmp_path / "store", free_port())
    try:
        yield server
    finally:
        server.stop()


def fault_settings(base: str, **overrides: object) -> Settings:
    """Small limits, so that a frozen store costs seconds, and a monitor that notices quickly."""
    values: dict[str, object] = {
        "load_examples": False,
        "query_timeout_s": 2.0,
        "max_query_timeout_s": 3.0,
        "remote_connect_timeout_s": 1.0,
        "remote_read_timeout_s": 2.0,
        "remote_timeout_s": 3.0,
        "remote_query_margin_s": 0.5,
        "remote_cooldown_s": 0.5,
        "remote_retry_after_s": RETRY_AFTER,
        "remote_probe_interval_s": 0.3,
        "remote_probe_timeout_s": 0.5,
        "remote_bootstrap_retry_s": 0.3,
    }
    values.update(overrides)
    return remote_settings(base, **values)


def eventually(check: Callable[[], bool], what: str, deadline_s: float = 30.0) -> None:
    """Poll ``check`` until it holds; fail naming ``what`` when the deadline passes first."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {deadline_s:g} s: {what}")


def store_calls() -> list[tuple[str, str, dict[str, Any]]]:
    """One of each kind of call that needs the store: query, update, Graph Store read and writes, description."""
    insert = f"INSERT DATA {{ GRAPH <{G}> {{ {TURTLE.decode()} }} }}"
    return [
        ("query", "GET", {"url": "/sparql", "params": ASK}),
        ("update", "POST", {"url": "/sparql", "data": {"update": insert}, "headers": AUTH}),
        ("graph get", "GET", {"url": "/graphs", "params": {"graph": ONTOLOGY_GRAPH}}),
        ("graph put", "PUT", {"url": "/graphs", "params": {"graph": G}, "content": TURTLE, "headers": PUT_HEADERS}),
        ("graph delete", "DELETE", {"url": "/graphs", "params": {"graph": G}, "headers": AUTH}),
        ("description", "GET", {"url": "/sparql", "headers": {"Accept": "text/turtle"}}),
    ]


def triples_in_metrics(text: str, graph: str) -> float | None:
    for line in text.splitlines():
        if line.startswith("cityref_store_triples{") and f'graph="{graph}"' in line:
            return float(line.rsplit(" ", 1)[1])
    return None


def assert_unavailable(response: Any, what: str) -> None:
    assert response.status_code == 503, (what, response.status_code, response.text)
    assert response.headers["retry-after"] == str(RETRY_AFTER), what
    body = response.json()
    assert body["code"] == "store-unavailable", what
    detail = body["detail"].lower()
    assert "store cannot be reached" in detail, (what, detail)
    assert not any(word in detail for word in RAW), (what, detail)


def test_killed_store_answers_503_and_everything_returns_after_a_restart(store_server: OxigraphProcess) -> None:
    store_server.start()
    with TestClient(create_app(fault_settings(store_server.base))) as client:
        assert client.get("/sparql", params=ASK).status_code == 200
        # /metrics counts in the background: once counted, the sizes are what it reports while the store is gone.
        eventually(
            lambda: triples_in_metrics(client.get("/metrics").text, ONTOLOGY_GRAPH) is not None, "graph sizes counted"
        )
        before = triples_in_metrics(client.get("/metrics").text, ONTOLOGY_GRAPH)
        assert before is not None and before > 1000

        store_server.kill()
        for what, method, call in store_calls():
            assert_unavailable(client.request(method, **call), what)
        health = client.get("/health")
        assert health.status_code == 200
        body = health.json()
        assert body["status"] == "degraded"
        assert body["store"]["kind"] == "remote" and body["store"]["state"] == "down"
        assert body["store"]["lastError"] == "the connection was refused"
        assert body["store"]["since"].endswith("Z")
        metrics = client.get("/metrics")
        assert metrics.status_code == 200
        assert triples_in_metrics(metrics.text, ONTOLOGY_GRAPH) == before
        assert client.get("/terms/B5").status_code == 200  # terms never needed the store

        store_server.start()  # same port, same data: no cityref restart
        eventually(lambda: client.get("/health").json()["status"] == "ok", "/health ok again")
        assert client.get("/sparql", params=ASK).json()["boolean"] is True
        for what, method, call in store_calls():
            response = client.request(method, **call)
            assert response.status_code < 300, (what, response.status_code, response.text)
        assert client.get("/graphs", params={"graph": ONTOLOGY_GRAPH}).status_code == 200


def test_store_down_at_start_serves_terms_then_loads_the_shipped_graphs(store_server: OxigraphProcess) -> None:
    with TestClient(create_app(fault_settings(store_server.base))) as client:  # nothing listens on the port yet
        assert client.get("/terms/B5").status_code == 200
        assert client.get("/").status_code == 200
        assert_unavailable(client.get("/sparql", params=ASK), "query")
        assert_unavailable(client.get("/graphs", params={"graph": ONTOLOGY_GRAPH}), "graph get")
        health = client.get("/health").json()
        assert health["status"] == "degraded"
        assert health["store"]["state"] == "down" and health["store"]["graphsLoaded"] is False
        assert client.get("/metrics").status_code == 200

        store_server.start()
        eventually(lambda: client.get("/health").json()["store"]["graphsLoaded"], "shipped graphs loaded")
        assert client.get("/health").json()["status"] == "ok"
        for graph in (ONTOLOGY_GRAPH, SHAPES_GRAPH):
            response = client.get("/graphs", params={"graph": graph}, headers={"Accept": "application/n-triples"})
            assert response.status_code == 200 and response.text.count("\n") > 10, graph
        count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        rows = client.get("/sparql", params={"query": count}).json()["results"]["bindings"]
        assert int(rows[0]["n"]["value"]) > 1000


def test_store_frozen_at_start_does_not_hold_the_start(store_server: OxigraphProcess) -> None:
    store_server.start()
    store_server.freeze()
    # The start probes first, with its short timeout, instead of waiting on the load's longer ones.
    with TestClient(create_app(fault_settings(store_server.base, remote_cooldown_s=5.0))) as client:
        assert client.get("/terms/B5").status_code == 200
        health = client.get("/health").json()
        assert health["store"]["state"] == "down" and health["store"]["graphsLoaded"] is False
        assert_unavailable(client.get("/graphs", params={"graph": ONTOLOGY_GRAPH}), "graph get")
        store_server.thaw()
        eventually(lambda: client.get("/health").json()["status"] == "ok", "shipped graphs loaded after SIGCONT")
        assert client.get("/graphs", params={"graph": ONTOLOGY_GRAPH}).status_code == 200


def _live_store_calls(base: str) -> list[Callable[[], httpx.Response]]:
    """Store calls for a live server, each with its own client and a generous client timeout."""

    def call(method: str, **kwargs: Any) -> Callable[[], httpx.Response]:
        def send() -> httpx.Response:
            with httpx.Client(base_url=base, timeout=30) as client:
                return client.request(method, **kwargs)

        return send

    return [call(method, **spec) for _, method, spec in store_calls()]


def test_frozen_store_bounds_every_call_while_health_and_terms_keep_answering(store_server: OxigraphProcess) -> None:
    store_server.start()
    # The probe interval is long here, so that the breaker stays closed and every call really waits on the frozen
    # store: this is the case that used to hold worker threads for minutes.
    # The pool has room for all of them, so that none is turned away with 503 for want of a connection. The limits
    # are some seconds long, so that the quick routes below are asked well inside the time the calls must wait.
    settings = fault_settings(
        store_server.base,
        remote_probe_interval_s=60.0,
        remote_max_connections=32,
        query_timeout_s=5.0,
        max_query_timeout_s=6.0,
        remote_query_margin_s=1.0,
        remote_read_timeout_s=6.0,
        remote_timeout_s=8.0,
        # Room for every query to run, and for writes (one at a time) to wait their whole budget at the gate.
        max_concurrent_queries=20,
        query_queue=20,
        write_queue=20,
        write_timeout_s=8.0,
    )
    with LiveServer(create_app(settings)) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        assert client.get("/sparql", params=ASK).status_code == 200
        # A write makes the graph counts stale, so that the description must ask the store too: with fresh counts
        # it answers without it, which is right but would race the writes below.
        assert client.post("/sparql", data={"update": "INSERT DATA {}"}, headers=AUTH).status_code == 204
        store_server.freeze()
        calls = _live_store_calls(server.url)
        stuck = [calls[i % len(calls)] for i in range(20)]
        done: list[httpx.Response] = []
        with ThreadPoolExecutor(max_workers=len(stuck)) as pool:
            futures = [pool.submit(send) for send in stuck]
            # A frozen store cannot answer: while those calls wait, the service's own routes must.
            for _ in range(2):
                with httpx.Client(base_url=server.url, timeout=2) as quick:
                    health = quick.get("/health")
                    term = quick.get("/terms/B5")
                    metrics = quick.get("/metrics")
                assert health.status_code == 200 and health.json()["version"]
                assert term.status_code == 200 and metrics.status_code == 200
                assert not any(f.done() for f in futures), "a call to the frozen store returned before its timeout"
            for future in futures:
                done.append(future.result(timeout=30))
        # Each one timed out on the socket and said so in our words, or (a write queued behind the one write that
        # waited on the store) waited its whole budget at the write gate and was told the service is busy.
        assert {r.status_code for r in done} <= {503, 504}, [r.text for r in done]
        for response in done:
            body = response.json()
            if response.status_code == 503:
                assert body["code"] == "busy" and body["work"] == "write", body
            else:
                assert body["code"] == "timeout" and body["detail"].startswith("The store did not finish"), body

        store_server.thaw()
        response = client.get("/sparql", params=ASK)
        assert response.status_code == 200 and response.json()["boolean"] is True


def test_frozen_store_is_marked_down_and_recovers_on_sigcont(store_server: OxigraphProcess) -> None:
    store_server.start()
    # Each failed probe keeps the breaker open for a cooldown longer than the probe interval: while the store stays
    # frozen, no call is let through to wait on it.
    app = create_app(fault_settings(store_server.base, remote_cooldown_s=5.0))
    with LiveServer(app) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        assert client.get("/health").json()["status"] == "ok"
        store_server.freeze()
        eventually(lambda: client.get("/health").json()["status"] == "degraded", "/health degraded")
        store = client.get("/health").json()["store"]
        assert store["state"] == "down" and store["lastError"] == "no answer to a probe within 0.5 s"
        for what, method, call in store_calls():
            assert_unavailable(client.request(method, **call), what)  # at once, not after a timeout
        assert client.get("/terms/B5").status_code == 200

        store_server.thaw()
        # Nothing but the monitor's probe calls the store here: it alone closes the breaker.
        eventually(lambda: client.get("/health").json()["status"] == "ok", "/health ok after SIGCONT")
        eventually(lambda: client.get("/sparql", params=ASK).status_code == 200, "queries answered again")
        response = client.put("/graphs", params={"graph": G}, content=TURTLE, headers=PUT_HEADERS)
        assert response.status_code in (201, 204)


class DripServer:
    """A loopback HTTP server that sends its headers at once, then one byte of the body every 0.2 s for a minute:
    every wait for the next bytes is short, so only a total deadline can end the call."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # closed by close()
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            try:
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/n-triples\r\nContent-Length: 300\r\n\r\n")
                for _ in range(300):
                    if self.stop.wait(0.2):
                        return
                    conn.sendall(b" ")
            except OSError:
                return  # the client cut the connection, as it should

    def close(self) -> None:
        self.stop.set()
        self.sock.close()
        self.thread.join(timeout=5)


@pytest.mark.timeout(30)
def test_a_store_that_trickles_its_answer_is_cut_at_the_total_deadline() -> None:
    drip = DripServer()
    base = f"http://127.0.0.1:{drip.port}"
    limits = RemoteLimits.from_settings(Settings.model_construct(remote_read_timeout_s=1.0, remote_timeout_s=1.5))
    store = RemoteStore(base + "/query", gsp_url=base + "/store", limits=limits)
    try:
        with pytest.raises(BudgetExceeded) as caught:
            store.graph_get(G, "application/n-triples")
        assert caught.value.status == 504 and "1.5 s" in caught.value.detail
        assert store.breaker.up  # slow is not down
    finally:
        store.close()
        drip.close()


def test_an_http_error_from_the_store_stays_502_in_our_words(store_server: OxigraphProcess) -> None:
    store_server.start()
    # A wrong update URL: the store is up and answers, with an error status, so it is not marked down.
    settings = fault_settings(store_server.base).model_copy(
        update={"remote_update_url": store_server.base + "/no-such-endpoint"}
    )
    with TestClient(create_app(settings)) as client:
        response = client.post("/sparql", data={"update": "CLEAR DEFAULT"}, headers=AUTH)
        assert response.status_code == 502, response.text
        body = response.json()
        assert body["code"] == "upstream-error"
        assert body["detail"].startswith("The store answered 404 to the update")
        assert "\n" not in body["detail"] and len(body["detail"]) < 400
        store = client.get("/health").json()["store"]
        assert store["state"] == "up" and store["lastError"] is None
        assert client.get("/sparql", params=ASK).status_code == 200  # queries go elsewhere and still work
