"""``/metrics``, the JSON access log with request ids, and CORS only when configured."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph

from cityref import Settings, create_app
from cityref.api.observability import ACCESS_LOGGER, access_line

CITY_GRAPH = "https://w3id.org/cityref/graph/city/exampleton"


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample in Prometheus text format (0 when absent)."""
    for line in text.splitlines():
        m = re.fullmatch(re.escape(name) + r"(?:\{(.*)\})? (\S+)", line)
        if m:
            found = dict(re.findall(r'(\w+)="([^"]*)"', m[1] or ""))
            if all(found.get(k) == v for k, v in labels.items()):
                return float(m[2])
    return 0.0


def test_request_counter_and_latency_follow_requests(app_client: TestClient) -> None:
    labels = {"method": "GET", "route": "/queries/{name}", "status": "200"}
    before = sample(app_client.get("/metrics").text, "cityref_http_requests_total", **labels)
    for _ in range(3):
        assert app_client.get("/queries/silo-systems").status_code == 200
    assert app_client.get("/queries/silo-systems", params={"city": "bad iri"}).status_code == 400
    metrics = app_client.get("/metrics")
    assert metrics.status_code == 200 and metrics.headers["content-type"].startswith("text/plain")
    assert sample(metrics.text, "cityref_http_requests_total", **labels) == before + 3
    assert sample(metrics.text, "cityref_http_requests_total", route="/queries/{name}", status="400") >= 1
    count = sample(metrics.text, "cityref_http_request_duration_seconds_count", route="/queries/{name}")
    assert count >= before + 4


def test_unmatched_paths_share_one_label(app_client: TestClient) -> None:
    app_client.get("/no/such/path/12345")
    text = app_client.get("/metrics").text
    assert "/no/such/path/12345" not in text
    assert sample(text, "cityref_http_requests_total", route="<unmatched>", status="404") >= 1


def test_made_up_methods_share_one_label(app_client: TestClient) -> None:
    """Any token is a method: counted each under its own name, they would grow the metrics without end."""

    def others(text: str) -> float:
        series = re.findall(r'^cityref_http_requests_total\{method="OTHER",[^}]*\} (\S+)$', text, re.M)
        return sum(float(value) for value in series)

    before = others(app_client.get("/metrics").text)
    for method in ("BREW", "WHEN1", "WHEN2"):
        app_client.request(method, "/")
    text = app_client.get("/metrics").text
    assert "BREW" not in text and "WHEN1" not in text
    assert others(text) == before + 3


def test_store_size_gauge_counts_triples_per_graph(app_client: TestClient, city: Graph) -> None:
    text = app_client.get("/metrics").text
    assert sample(text, "cityref_store_triples", graph=CITY_GRAPH) == len(city) + 2  # + its source digest, version
    assert sample(text, "cityref_store_triples", graph="https://w3id.org/cityref/graph/ontology") > 1000


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_query_timeouts_are_counted() -> None:
    """A runaway query on /sparql is stopped at its budget, and the timeout counter says so."""
    with TestClient(create_app(Settings(data_dir=None, load_examples=False))) as client:
        assert sample(client.get("/metrics").text, "cityref_query_timeouts_total") == 0
        response = client.get("/sparql", params={"query": RUNAWAY, "timeout": "0.5"})
        assert response.status_code == 504 and response.json()["code"] == "timeout"
        assert sample(client.get("/metrics").text, "cityref_query_timeouts_total", route="/sparql") == 1


def test_registries_are_per_app() -> None:
    first, second = create_app(Settings(data_dir=None)), create_app(Settings(data_dir=None))
    assert first.state.metrics.registry is not second.state.metrics.registry


def test_access_log_is_json_with_request_id(app_client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger=ACCESS_LOGGER):
        response = app_client.get("/queries/silo-systems", headers={"X-Request-ID": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    entries = [json.loads(r.getMessage()) for r in caplog.records if r.name == ACCESS_LOGGER]
    entry = next(e for e in entries if e["path"] == "/queries/silo-systems")
    assert entry["request_id"] == "abc-123" and entry["status"] == 200 and entry["route"] == "/queries/{name}"
    assert entry["method"] == "GET" and entry["duration_ms"] >= 0


@given(
    request_id=st.text(max_size=40),
    method=st.none() | st.text(max_size=10),
    path=st.none() | st.text(max_size=60),
    route=st.text(max_size=30),
    status=st.integers(100, 599),
    duration=st.floats(min_value=0, max_value=1e6, allow_nan=False),
    client=st.none() | st.text(max_size=40),
)
def test_access_line_is_what_json_dumps_writes(
    request_id: str, method: str | None, path: str | None, route: str, status: int, duration: float, client: str | None
) -> None:
    entry = {
        "event": "request",
        "request_id": request_id,
        "method": method,
        "path": path,
        "route": route,
        "status": status,
        "duration_ms": duration,
        "client": client,
    }
    assert access_line(request_id, method, path, route, status, duration, client) == json.dumps(
        entry, ensure_ascii=False
    )


@pytest.mark.parametrize("given", [None, "bad id with spaces", "x" * 300])
def test_request_id_is_generated_when_absent_or_unsafe(app_client: TestClient, given: str | None) -> None:
    headers = {"X-Request-ID": given} if given else {}
    response = app_client.get("/health", headers=headers)
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])


@pytest.fixture(scope="module")
def cors_client() -> Iterator[TestClient]:
    settings = Settings(data_dir=None, load_examples=False, cors_origins=["https://ui.example"])
    with TestClient(create_app(settings)) as client:
        yield client


def test_cors_headers_only_when_configured(app_client: TestClient, cors_client: TestClient) -> None:
    origin = {"Origin": "https://ui.example"}
    assert "access-control-allow-origin" not in app_client.get("/health", headers=origin).headers
    allowed = cors_client.get("/health", headers=origin)
    assert allowed.headers["access-control-allow-origin"] == "https://ui.example"
    assert "x-request-id" in allowed.headers["access-control-expose-headers"].lower()
    other = cors_client.get("/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    preflight = cors_client.options("/queries/silo-systems", headers={**origin, "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200 and preflight.headers["access-control-allow-origin"] == "https://ui.example"
