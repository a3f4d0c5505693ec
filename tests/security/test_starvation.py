"""No route can starve the others: with the validation and query queues full, the routes that need no worker
(``/health``, term lookups, pages) keep answering, and what does not fit in a queue is told at once to retry.

A real uvicorn server on loopback; 50 validations of a 6,000-triple register and 50 slow queries sent at once.
Latencies are measured in benchmarks/ (docs/benchmarks.md); here the test asserts only that the quick routes
answer while the queues are full, and that every refused request got 503 with Retry-After.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx2 as httpx
from benchmarks.validate_devices import register
from tests.sparql.conftest import LiveServer, embedded_settings

from cityref import create_app

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_full_queues_starve_nothing() -> None:
    settings = embedded_settings(
        validation_workers=2,
        validation_queue=8,
        validation_timeout_s=15,
        max_concurrent_queries=2,
        query_queue=8,
        max_query_timeout_s=5,
    )
    body = register(6000 // 18).encode()
    with LiveServer(create_app(settings)) as server:
        app = server.server.config.app
        work = app.state.work
        results: list[httpx.Response] = []
        lock = threading.Lock()

        def send(kind: str) -> None:
            with httpx.Client(base_url=server.url, timeout=120) as client:
                if kind == "validate":
                    response = client.post(
                        "/validate",
                        params={"profile": "iot-device-register"},
                        content=body,
                        headers={"Content-Type": "text/turtle"},
                    )
                else:
                    response = client.get("/sparql", params={"query": RUNAWAY, "timeout": "5"})
            with lock:
                results.append(response)

        with ThreadPoolExecutor(max_workers=100) as pool:
            futures = [pool.submit(send, kind) for kind in ["validate", "query"] * 50]
            deadline = time.monotonic() + 60
            while not (work.validation.waiting == 8 and work.query.waiting == 8) and time.monotonic() < deadline:
                time.sleep(0.02)
            assert work.validation.waiting == 8 and work.query.waiting == 8, "the queues never filled"
            answered = 0
            with httpx.Client(base_url=server.url, timeout=30) as quick:
                while work.validation.waiting or work.query.waiting:
                    health = quick.get("/health")
                    term = quick.get("/terms/B5")
                    page = quick.get("/")
                    assert health.status_code == 200 and term.status_code == 200 and page.status_code == 200
                    assert term.json()["notation"] == "B5"
                    answered += 1
                    if answered >= 20:
                        break
            assert answered >= 1
            for future in futures:
                future.result()
    refused = [r for r in results if r.status_code == 503]
    assert len(results) == 100
    # Two running and eight waiting of each kind: everything else was refused at once, with a time to come back.
    assert len(refused) >= 80
    for response in refused:
        assert int(response.headers["retry-after"]) > 0
        assert response.json()["code"] == "busy"
    assert {r.status_code for r in results} <= {200, 503, 504}
