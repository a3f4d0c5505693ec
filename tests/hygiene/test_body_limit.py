"""One cap on every request body, over real HTTP: a 200 MB chunked upload is cut off with 413, not read whole."""

from __future__ import annotations

from collections.abc import Iterator

import httpx2 as httpx
import pytest
from tests.hygiene.conftest import hygiene_settings
from tests.sparql.conftest import LiveServer

from cityref import create_app
from cityref.api.security import _may_have_body

MB = 1024 * 1024
LIMIT = 1 * MB


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with LiveServer(create_app(hygiene_settings(max_body_bytes=LIMIT))) as live:
        yield live


def json_chunks(total: int = 200 * MB) -> Iterator[bytes]:
    """A syntactically plausible JSON list, 64 KiB at a time, with no Content-Length (chunked transfer)."""
    yield b'["'
    chunk = b"a" * (64 * 1024)
    for _ in range(total // len(chunk)):
        yield chunk
    yield b'"]'


ROUTES = [
    ("/resolve", "application/json"),
    ("/reconcile/v1/reconcile", "application/json"),
    ("/reconcile", "application/x-www-form-urlencoded"),
    ("/sparql", "application/sparql-query"),
    ("/validate?profile=iot-device-register", "text/turtle"),
]


@pytest.mark.parametrize(("path", "content_type"), ROUTES)
def test_a_200_mb_chunked_body_gets_413_and_the_server_stays_up(
    server: LiveServer, path: str, content_type: str
) -> None:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        response = client.post(path, content=json_chunks(), headers={"Content-Type": content_type})
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        body = response.json()
        assert body["limit"] == "max_body_bytes" and body["max_bytes"] == LIMIT
        assert response.headers["connection"] == "close", "the client is told to stop sending"
    with httpx.Client(base_url=server.url, timeout=10) as client:
        assert client.get("/health").status_code == 200


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_read(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        response = client.post(
            "/reconcile/v1/reconcile",
            content=b"{" + b" " * (LIMIT + 10) + b"}",
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 413 and response.json()["code"] == "payload-too-large"
        assert client.get("/health").status_code == 200


def test_bodies_under_the_limit_still_work(server: LiveServer) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'["B5", '
        yield b'"interoperability"]'

    with httpx.Client(base_url=server.url, timeout=60) as client:
        response = client.post("/resolve", content=chunks(), headers={"Content-Type": "application/json"})
        assert response.status_code == 200
        assert [r["input"] for r in response.json()["results"]] == ["B5", "interoperability"]


@pytest.mark.parametrize(
    ("version", "headers", "counted"),
    [
        ("1.1", [(b"host", b"x")], False),
        ("1.1", [(b"Content-Length", b"5")], True),
        ("1.1", [(b"transfer-encoding", b"chunked")], True),
        ("1.0", [], False),
        ("2", [], True),  # HTTP/2 may send a body without declaring it: always counted
    ],
)
def test_which_requests_have_their_body_counted(
    version: str, headers: list[tuple[bytes, bytes]], counted: bool
) -> None:
    scope = {"type": "http", "http_version": version, "headers": headers}
    assert _may_have_body(scope) is counted
