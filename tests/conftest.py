"""Shared fixtures: an app with in-memory defaults, and a client that runs its lifespan."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cityref import Settings, create_app

# Resolved, so that IRIs built from it match those of manifests read through a symlinked shared/.
SHARED = (Path(__file__).resolve().parents[1].parent / "shared").resolve()
CONFORMANCE = SHARED / "conformance"


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
