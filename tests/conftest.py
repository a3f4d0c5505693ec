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


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(data_dir=None)


@pytest.fixture(scope="session")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client
