"""Per-client rate limits on the routes that cost work, in apps with limits set low on purpose."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from tests.hygiene.conftest import hygiene_settings

from cityref import create_app
from cityref.settings import Settings

TURTLE = b"@prefix ex: <http://example.org/> . ex:a ex:p 1 ."

Call = Callable[[TestClient], int]
ROUTES: dict[str, list[Call]] = {
    "sparql": [
        lambda c: c.get("/sparql", params={"query": "ASK {}"}).status_code,
        lambda c: c.post("/sparql", data={"query": "ASK {}"}).status_code,
        lambda c: c.get("/sparql", headers={"Accept": "text/turtle"}).status_code,
    ],
    "queries": [lambda c: c.get("/queries/model-outline").status_code],
    "validate": [
        lambda c: (
            c.post(
                "/validate?profile=iot-device-register", content=TURTLE, headers={"Content-Type": "text/turtle"}
            ).status_code
        ),
        # the validation page's form counts against the same allowance (it validates too)
        lambda c: (
            c.post(
                "/validate/runs",
                data={"text": TURTLE.decode(), "profile": "iot-device-register"},
                files={"file": ("", b"", "application/octet-stream")},
                follow_redirects=False,
            ).status_code
        ),
    ],
    "resolve": [lambda c: c.post("/resolve", json=["B5"]).status_code],
    "reconcile": [
        lambda c: c.get("/reconcile").status_code,
        lambda c: c.post("/reconcile", data={"queries": '{"q0": {"query": "B5"}}'}).status_code,
        lambda c: c.get("/reconcile/suggest/entity", params={"prefix": "inter"}).status_code,
        lambda c: c.post("/reconcile/v1/reconcile", json={"queries": [{"query": "B5"}]}).status_code,
    ],
}
LOW = {f"rate_limit_{group}": "3/minute" for group in ROUTES}


@pytest.fixture(scope="module")
def low_app() -> Iterator[object]:
    app = create_app(hygiene_settings(**LOW))
    with TestClient(app):
        yield app


@pytest.mark.parametrize("group", list(ROUTES))
def test_a_client_past_the_limit_gets_429_with_retry_after(low_app: object, group: str) -> None:
    client = TestClient(low_app, client=(f"198.51.100.{list(ROUTES).index(group) + 1}", 1))  # type: ignore[arg-type]
    calls = ROUTES[group]
    answers = [calls[i % len(calls)](client) for i in range(3)]
    assert all(status < 400 for status in answers), answers
    refused = {
        "sparql": lambda: client.get("/sparql", params={"query": "ASK {}"}),
        "queries": lambda: client.get("/queries/silo-systems"),
        "validate": lambda: client.post("/validate?profile=x", content=TURTLE, headers={"Content-Type": "text/turtle"}),
        "resolve": lambda: client.post("/resolve", json=["B5"]),
        "reconcile": lambda: client.get("/reconcile/v1"),
    }[group]()
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    body = refused.json()
    assert body["code"] == "too-many-requests" and body["limit"] == f"rate_limit_{group}"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert "x-request-id" in refused.headers, "the access log saw the refusal"


def test_limits_count_per_client_and_per_route_group(low_app: object) -> None:
    first = TestClient(low_app, client=("203.0.113.1", 1))  # type: ignore[arg-type]
    second = TestClient(low_app, client=("203.0.113.2", 1))  # type: ignore[arg-type]
    assert [first.post("/resolve", json=["B5"]).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert second.post("/resolve", json=["B5"]).status_code == 200, "another address has its own allowance"
    assert first.get("/sparql", params={"query": "ASK {}"}).status_code == 200, "another group has its own"


def test_cheap_routes_are_not_limited(low_app: object) -> None:
    client = TestClient(low_app, client=("203.0.113.9", 1))  # type: ignore[arg-type]
    for path in ("/health", "/validate", "/terms/B5", "/search?q=data", "/autocomplete?q=in", "/queries"):
        assert [client.get(path).status_code for _ in range(5)] == [200] * 5, path


def test_a_limit_set_to_none_is_off() -> None:
    with TestClient(create_app(hygiene_settings(rate_limit_resolve="none"))) as client:
        assert hygiene_settings(rate_limit_resolve="none").rate_limit_resolve is None
        assert {client.post("/resolve", json=["B5"]).status_code for _ in range(20)} == {200}


def test_several_windows_in_one_setting() -> None:
    app = create_app(hygiene_settings(rate_limit_resolve="100/hour;2/minute"))
    with TestClient(app) as client:
        assert [client.post("/resolve", json=["B5"]).status_code for _ in range(3)] == [200, 200, 429]


def test_the_defaults_allow_an_ordinary_session() -> None:
    defaults = Settings()
    for group in ROUTES:
        value = getattr(defaults, f"rate_limit_{group}")
        assert value is not None and int(value.split("/")[0]) >= 120, group
