"""Apps with their own settings for the HTTP hygiene tests: keys with and without scopes, low limits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cityref import Settings, create_app
from cityref.api.auth import key_digest

ADMIN = "admin-key-with-every-scope"
LOADER = "loader-key-graphs-only"
UPDATER = "updater-key-sparql-update-only"


def hygiene_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": None,
        "load_examples": False,
        "api_key_hashes": [key_digest(ADMIN)],
        "api_keys": [
            {"sha256": key_digest(LOADER), "scopes": ["graphs:write"], "name": "loader"},
            {"sha256": key_digest(UPDATER).upper(), "scopes": ["sparql:update"], "name": "updater"},
        ],
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(hygiene_settings())) as test_client:
        yield test_client
