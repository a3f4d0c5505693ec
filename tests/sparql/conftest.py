"""Fixtures for the store and the SPARQL endpoint: both backends, a real Oxigraph server, a real uvicorn server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.conftest import UNLIMITED

from cityref import Settings, create_app
from cityref.api.auth import key_digest

KEY = "test-write-key"
AUTH = {"Authorization": f"Bearer {KEY}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_http(url: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers, even if not 2xx
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``oxigraph serve`` on 127.0.0.1 (its own 5 s query timeout); yields its base URL."""
    binary = shutil.which("oxigraph")
    assert binary, "the oxigraph server (PyPI package 'oxigraph') must be installed for the remote backend tests"
    location = tmp_path_factory.mktemp("oxigraph-server")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--timeout-s", "5"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/query?query=ASK%7B%7D")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def embedded_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": None,
        "api_key_hashes": [key_digest(KEY)],
        "result_row_cap": 50,
        **UNLIMITED,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def remote_settings(base: str, **overrides: object) -> Settings:
    return embedded_settings(
        store="remote",
        remote_query_url=base + "/query",
        remote_update_url=base + "/update",
        remote_gsp_url=base + "/store",
        **overrides,
    )


def backend_settings(request: pytest.FixtureRequest, backend: str | None = None, **overrides: object) -> Settings:
    """Settings for ``backend`` (by default the fixture's own parameter): ``embedded``, or ``remote`` over the
    session's real ``oxigraph serve``."""
    if (backend or request.param) == "embedded":
        return embedded_settings(**overrides)
    return remote_settings(request.getfixturevalue("oxigraph_server"), **overrides)


@pytest.fixture(scope="module", params=["embedded", "remote"])
def backend_client(request: pytest.FixtureRequest) -> Iterator[TestClient]:
    """A client over an app on each backend, Exampleton loaded; the endpoint tests run once per backend."""
    with TestClient(create_app(backend_settings(request))) as client:
        yield client


@pytest.fixture(scope="module")
def embedded_client() -> Iterator[TestClient]:
    with TestClient(create_app(embedded_settings())) as client:
        yield client


class LiveServer:
    """A uvicorn server in a thread on a free port of 127.0.0.1."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def live_server() -> Iterator[LiveServer]:
    with LiveServer(create_app(embedded_settings())) as server:
        yield server
