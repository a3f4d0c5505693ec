"""An exception nothing handles: a problem+json 500 with the request id, logged once as one JSON line."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.hygiene.conftest import hygiene_settings
from tests.sparql.conftest import LiveServer

from cityref import create_app
from cityref.api.observability import ACCESS_LOGGER
from cityref.api.problems import ERROR_LOGGER


class Boom(RuntimeError):
    pass


def failing_app() -> FastAPI:
    app = create_app(hygiene_settings())

    @app.get("/test-only/boom")
    def boom() -> None:
        raise Boom("the test route fails on purpose")

    @app.get("/test-only/boom-async")
    async def boom_async() -> None:
        raise KeyError("missing")

    return app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    # raise_server_exceptions stays on: had the error escaped to the server, the client would raise it here.
    with TestClient(failing_app()) as test_client:
        yield test_client


def error_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, object]]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == ERROR_LOGGER]


def test_an_unexpected_exception_is_a_problem_500_with_the_request_id(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    response = client.get("/test-only/boom", headers={"X-Request-ID": "req-boom-1"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "internal-error" and body["status"] == 500
    assert body["request_id"] == "req-boom-1" == response.headers["x-request-id"]
    assert "on purpose" not in response.text, "the message stays in the log"
    assert response.headers["x-content-type-options"] == "nosniff"

    (line,) = error_lines(caplog)
    assert line["event"] == "unhandled-exception" and line["request_id"] == "req-boom-1"
    assert line["route"] == "/test-only/boom" and line["message"] == "the test route fails on purpose"
    assert str(line["exception"]).endswith("Boom")
    assert isinstance(line["traceback"], str) and "raise Boom" in line["traceback"]
    logged = [r for r in caplog.records if r.name == ERROR_LOGGER]
    assert "\n" not in logged[0].getMessage() and logged[0].exc_info is None, "one line, the traceback inside it"

    access = [json.loads(r.getMessage()) for r in caplog.records if r.name == ACCESS_LOGGER]
    assert [(a["status"], a["request_id"]) for a in access] == [(500, "req-boom-1")]


def test_async_routes_too(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    response = client.get("/test-only/boom-async")
    assert response.status_code == 500 and response.json()["request_id"] == response.headers["x-request-id"]
    assert [line["exception"] for line in error_lines(caplog)] == ["builtins.KeyError"]


def test_expected_errors_are_not_logged_as_unexpected(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    assert client.get("/terms/no-such-term").status_code == 404
    assert error_lines(caplog) == []


class Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_over_real_http_the_server_logs_nothing_more(caplog: pytest.LogCaptureFixture) -> None:
    """Starlette's own 500 handling re-raises, and uvicorn then logs the traceback again: not so here."""
    caplog.set_level(logging.INFO)
    server_log = Recorder()
    with LiveServer(failing_app()) as server, httpx.Client(base_url=server.url) as http:
        logging.getLogger("uvicorn").addHandler(server_log)  # after uvicorn configured its loggers
        try:
            response = http.get("/test-only/boom")
            assert response.status_code == 500 and response.json()["code"] == "internal-error"
            assert http.get("/health").status_code == 200
        finally:
            logging.getLogger("uvicorn").removeHandler(server_log)
    assert len(error_lines(caplog)) == 1
    assert [r.getMessage() for r in server_log.records if r.levelno >= logging.WARNING] == []
