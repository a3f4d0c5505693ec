"""CORS on the reconciliation routes: every origin may read them, by default and whatever ``cors_origins`` says;
credentials are never allowed; other routes keep the opt-in policy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.conftest import UNLIMITED

from cityref import Settings, create_app

ORIGIN = {"Origin": "https://bench.example"}
PREFLIGHT = {
    **ORIGIN,
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "content-type, accept-language",
}
ID_B5 = {"matchType": "id", "propertyValue": "B5"}
READS = [
    ("GET", "/reconcile", {}),
    ("POST", "/reconcile", {"data": {"queries": '{"q": {"query": "B5"}}'}}),
    ("GET", "/reconcile/v1", {}),
    ("POST", "/reconcile/v1/match", {"json": {"queries": [{"conditions": [ID_B5]}]}}),
    ("POST", "/reconcile/v1/extend", {"json": {"ids": ["B5"], "properties": [{"id": "iri"}]}}),
    ("GET", "/reconcile/v1/extend/propose?type=Practice", {}),
    ("GET", "/reconcile/v1/suggest/entity?prefix=B5", {}),
    ("GET", "/reconcile/v1/preview?id=B5", {}),
    ("GET", "/reconcile/suggest/type?prefix=risk", {}),
]  # fmt: skip


@pytest.fixture(scope="module")
def listed_client() -> Iterator[TestClient]:
    """An app whose operator opened the other routes to one origin only."""
    settings = Settings(data_dir=None, cors_origins=["https://allowed.example"], **UNLIMITED)
    with TestClient(create_app(settings)) as client:
        yield client


def assert_open(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    assert headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in headers
    assert "Retry-After" in headers["access-control-expose-headers"]


@pytest.mark.parametrize(("method", "path", "kwargs"), READS)
def test_every_origin_may_read_by_default(
    open_client: TestClient, method: str, path: str, kwargs: dict[str, object]
) -> None:
    assert open_client.app.state.settings.cors_origins == []  # type: ignore[attr-defined]
    response = open_client.request(method, path, headers=ORIGIN, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 200, response.text
    assert_open(response)


@pytest.mark.parametrize("path", ["/reconcile/v1/match", "/reconcile/v1/extend", "/reconcile", "/reconcile/v1"])
def test_preflights_are_answered(open_client: TestClient, path: str) -> None:
    response = open_client.options(path, headers=PREFLIGHT)
    assert response.status_code == 204 and response.content == b""
    assert_open(response)
    assert "POST" in response.headers["access-control-allow-methods"].split(", ")
    assert response.headers["access-control-allow-headers"] == "content-type, accept-language"
    assert int(response.headers["access-control-max-age"]) > 0


def test_a_malformed_header_list_is_not_echoed(open_client: TestClient) -> None:
    response = open_client.options(
        "/reconcile/v1/match", headers={**PREFLIGHT, "Access-Control-Request-Headers": "content-type;evil"}
    )
    assert response.status_code == 204 and "access-control-allow-headers" not in response.headers


def test_errors_are_readable_too(open_client: TestClient) -> None:
    """A page must be able to read why its request failed (400) or when to retry (429 below)."""
    response = open_client.post("/reconcile/v1/match", json={"queries": "nope"}, headers=ORIGIN)
    assert response.status_code == 400
    assert_open(response)


def test_a_rate_limited_answer_says_when_to_retry_to_any_origin() -> None:
    settings = Settings(data_dir=None, **{**UNLIMITED, "rate_limit_reconcile": "2/minute"})
    with TestClient(create_app(settings)) as client:
        codes = [client.get("/reconcile/v1", headers=ORIGIN).status_code for _ in range(3)]
        limited = client.get("/reconcile/v1", headers=ORIGIN)
    assert codes == [200, 200, 429] and limited.status_code == 429
    assert_open(limited)
    assert int(limited.headers["retry-after"]) >= 1


def test_other_routes_keep_the_opt_in_policy(open_client: TestClient) -> None:
    assert "access-control-allow-origin" not in open_client.get("/terms/B5", headers=ORIGIN).headers
    preflight = open_client.options("/resolve", headers=PREFLIGHT)
    assert "access-control-allow-origin" not in preflight.headers


def test_listed_origins_do_not_narrow_the_reconciliation_routes(listed_client: TestClient) -> None:
    stranger = {"Origin": "https://stranger.example"}
    assert_open(listed_client.get("/reconcile/v1", headers=stranger))
    preflight = listed_client.options("/reconcile/v1/match", headers={**PREFLIGHT, **stranger})
    assert preflight.status_code == 204
    assert_open(preflight)
    listed = listed_client.get("/reconcile", headers={"Origin": "https://allowed.example"})
    assert_open(listed)  # "*", not the echoed origin the general policy would send
    # ...while elsewhere the operator's list still decides.
    assert "access-control-allow-origin" not in listed_client.get("/terms/B5", headers=stranger).headers
    allowed = listed_client.get("/terms/B5", headers={"Origin": "https://allowed.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://allowed.example"
