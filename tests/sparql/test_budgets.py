"""Query budgets that really hold: a runaway query is stopped (its worker process is gone), the server keeps
answering, the client's timeout is capped by the server's, a query waits for a slot that frees within its budget,
and a full queue answers 503 with Retry-After at once."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from tests.sparql.conftest import embedded_settings, remote_settings

from cityref import create_app
from cityref.store import EmbeddedStore

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUICK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = embedded_settings(max_concurrent_queries=2, max_query_timeout_s=2.0, load_examples=False, query_queue=1)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _store(client: TestClient) -> EmbeddedStore:
    store = client.app.state.store  # type: ignore[attr-defined]
    assert isinstance(store, EmbeddedStore)
    return store


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _busy_pids(store: EmbeddedStore, count: int) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pids = store.queries.busy_pids()
        if len(pids) >= count:
            return pids
        time.sleep(0.01)
    raise AssertionError("the queries never reached their workers")


def test_runaway_query_is_stopped_and_the_server_keeps_answering(client: TestClient) -> None:
    store = _store(client)
    results: dict[str, httpx.Response] = {}
    runner = threading.Thread(
        target=lambda: results.setdefault("r", client.get("/sparql", params={"query": RUNAWAY, "timeout": "1"}))
    )
    runner.start()
    (pid,) = _busy_pids(store, 1)
    assert _alive(pid)
    answered = client.get("/sparql", params={"query": QUICK})  # while the runaway runs
    assert answered.status_code == 200 and answered.json()["boolean"] is True
    runner.join()
    response = results["r"]
    assert response.status_code == 504
    problem = response.json()
    assert problem["code"] == "timeout" and "stopped" in problem["detail"] and problem["timeout_s"] == 1
    assert not _alive(pid), "the worker that ran the runaway query must be gone"
    assert client.get("/sparql", params={"query": QUICK}).status_code == 200


def test_client_timeout_is_capped_by_the_server_maximum(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": RUNAWAY, "timeout": "3600"})
    assert response.status_code == 504
    assert response.json()["timeout_s"] == 2.0


def test_a_full_queue_is_503_at_once_and_a_waiting_query_gets_the_next_slot(client: TestClient) -> None:
    """Two slots busy with runaways (2 s each), one query waiting (the queue holds one): the next is refused at
    once; the waiting one runs when a slot frees, within its own budget."""
    store = _store(client)
    gate = client.app.state.work.query  # type: ignore[attr-defined]
    results: dict[str, httpx.Response] = {}

    def get(name: str, query: str, timeout: str) -> None:
        results[name] = client.get("/sparql", params={"query": query, "timeout": timeout})

    runners = [threading.Thread(target=get, args=(f"runaway{i}", RUNAWAY, "1")) for i in range(2)]
    for runner in runners:
        runner.start()
    _busy_pids(store, 2)
    waiting = threading.Thread(target=get, args=("waiting", QUICK, "2"))
    waiting.start()
    deadline = time.monotonic() + 10
    while gate.waiting < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gate.waiting == 1
    refused = client.get("/sparql", params={"query": QUICK})
    assert refused.status_code == 503
    assert int(refused.headers["retry-after"]) > 0
    assert refused.json()["code"] == "busy" and "queue is full" in refused.json()["detail"]
    for thread in (*runners, waiting):
        thread.join()
    assert [results[f"runaway{i}"].status_code for i in range(2)] == [504, 504]
    assert results["waiting"].status_code == 200 and results["waiting"].json()["boolean"] is True
    assert client.get("/sparql", params={"query": QUICK}).status_code == 200


def test_remote_backend_times_out_too(oxigraph_server: str) -> None:
    settings = remote_settings(oxigraph_server, max_query_timeout_s=1.0, load_examples=False)
    with TestClient(create_app(settings)) as remote:
        response = remote.get("/sparql", params={"query": RUNAWAY})
        assert response.status_code == 504
        assert remote.get("/sparql", params={"query": QUICK}).status_code == 200


def test_a_crashed_worker_is_a_500_crash_not_a_timeout(client: TestClient) -> None:
    """A worker that dies under a query (here: killed from outside) is reported as what it is, and counted."""
    store = _store(client)
    results: dict[str, httpx.Response] = {}
    runner = threading.Thread(
        target=lambda: results.setdefault("r", client.get("/sparql", params={"query": RUNAWAY, "timeout": "2"}))
    )
    runner.start()
    (pid,) = _busy_pids(store, 1)
    os.kill(pid, signal.SIGKILL)
    runner.join()
    response = results["r"]
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "worker-crashed"
    assert store.queries.stats.crashes >= 1
    metrics = client.get("/metrics").text
    assert 'cityref_worker_events_total{event="crashes",pool="query"} 1.0' in metrics
    assert client.get("/sparql", params={"query": QUICK}).status_code == 200
