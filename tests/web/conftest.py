"""A real server process on loopback and a real headless Chromium, for the pages people use."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(extra_env: dict[str, str] | None = None, ready: str = "/health") -> Iterator[str]:
    """``cityref serve`` as a separate process on a free loopback port, as a user starts it, with ``extra_env``
    added to its environment; yields its base URL once ``ready`` answers, and ends the process after."""
    port = _free_port()
    env = {**os.environ, "CITYREF_LOG_JSON": "false", **(extra_env or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cityref", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(base + ready, timeout=5):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("cityref serve did not start") from None
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """``cityref serve`` on its embedded defaults."""
    with serving() as base:
        yield base


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is required for the web page tests (.ci/run installs the Debian package 'chromium')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


class Outside:
    """Every request a browser context makes to a host other than the server: logged, then refused."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.asked: list[str] = []

    def __call__(self, route: Any) -> None:
        url = route.request.url
        if url == self.base or url.startswith(self.base + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.asked.append(url)
            route.abort()


@pytest.fixture()
def guarded(browser: object, live_server: str) -> Iterator[tuple[Any, Outside]]:
    """A page whose every request to another host is logged and refused: ``(page, outside)``."""
    context = browser.new_context()  # type: ignore[attr-defined]
    outside = Outside(live_server)
    context.route("**/*", outside)
    yield context.new_page(), outside
    context.close()


def suggested(page: Any, text: str, where: str = "") -> Any:
    """The term finder's options (those matching the CSS ``where`` too) once they answer ``text``. Typing asks for
    suggestions at every pause, so the answer to a shorter text may show first, and the answer to ``text`` then
    replaces it, and any choice made in it."""
    return page.locator(f'#suggestions[data-q="{text}"] [role=option]{where}')
