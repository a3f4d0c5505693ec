"""Shared fixtures: an app with in-memory defaults, and a client that runs its lifespan."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cityref import Settings, create_app

# Resolved, so that IRIs built from it match those of manifests read through a symlinked shared/.
SHARED = (Path(__file__).resolve().parents[1].parent / "shared").resolve()
CONFORMANCE = Path(os.environ.get("CITYREF_CONFORMANCE") or SHARED / "conformance").resolve()
"""The third-party conformance suites (W3C SPARQL 1.1 and SHACL, the reconciliation schemas): CI has them in
``../shared/conformance``; ``CITYREF_CONFORMANCE`` names another folder. A clone without them runs everything else
and says once, at the end, what it did not run."""
HAVE_CONFORMANCE = all((CONFORMANCE / part).is_dir() for part in ("sparql11", "shacl", "reconciliation"))
_NOT_RUN: dict[str, int] = {"modules": 0, "tests": 0, "dash": 0}


def _reads_suites_on_import(path: Path) -> bool:
    """Test modules that read a suite's files when imported (the W3C runners): not collected without the suites."""
    if path.name.startswith("test_w3c"):
        return True
    text = path.read_text(encoding="utf-8")
    return "from tests.sparql import w3c" in text or "from tests.validation.w3c import" in text


DASH_TESTS = os.environ.get("CITYREF_DASH_TESTS")
"""pySHACL's DASH cases (a folder of its source distribution; ``.ci/run`` downloads it): not part of the project."""


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if collection_path.name == "test_dash.py" and not DASH_TESTS:
        _NOT_RUN["dash"] = 1
        return True
    if HAVE_CONFORMANCE or collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    if _reads_suites_on_import(collection_path):
        _NOT_RUN["modules"] += 1
        return True
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without the suites, tests that check answers against the published reconciliation schemas are not run."""
    if HAVE_CONFORMANCE:
        return
    needing = [item for item in items if "schemas" in getattr(item, "fixturenames", ())]
    if needing:
        _NOT_RUN["tests"] += len(needing)
        config.hook.pytest_deselected(items=needing)
        items[:] = [item for item in items if item not in needing]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Under pytest-xdist each worker collects, so each tells the controller, which writes the summary, what it
    left out."""
    out = getattr(session.config, "workeroutput", None)
    if out is not None:
        out["cityref_not_run"] = dict(_NOT_RUN)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    told = getattr(node, "workeroutput", {}).get("cityref_not_run", {})
    for key, count in told.items():  # every worker collects the whole suite: the same counts, not a share each
        _NOT_RUN[key] = max(_NOT_RUN[key], count)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _NOT_RUN["dash"]:
        terminalreporter.write_line(
            "pySHACL's DASH cases not run: CITYREF_DASH_TESTS names no folder. .ci/run downloads pySHACL's source "
            "distribution and points it at test/resources/dash_tests (docs/validation.md).",
            yellow=True,
        )
    if HAVE_CONFORMANCE or not (_NOT_RUN["modules"] or _NOT_RUN["tests"]):
        return
    terminalreporter.write_line(
        f"conformance suites not run: {CONFORMANCE} is missing, so {_NOT_RUN['modules']} W3C runner modules were "
        f"not collected and {_NOT_RUN['tests']} schema-checked tests were deselected; every other test is "
        "unaffected. To run them, put the shared conformance folder (W3C SPARQL 1.1 and SHACL suites, "
        "reconciliation schemas) at ../shared/conformance or name it with CITYREF_CONFORMANCE=DIR.",
        yellow=True,
    )


UNLIMITED = {f"rate_limit_{group}": "none" for group in ("sparql", "queries", "validate", "resolve", "reconcile")}
"""The suite's clients send hundreds of requests a minute from one address (the conformance runs above all); the
per-client limits are tested by tests/hygiene with apps of their own."""


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(data_dir=None)


@pytest.fixture(scope="session")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client
