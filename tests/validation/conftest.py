"""Fixtures for the validation tests: a small demo profile, and an app that serves it with user shapes allowed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cityref import Settings, create_app
from cityref.validation import load_profiles

DATA = Path(__file__).resolve().parents[1] / "data" / "validation"
PROFILES = DATA / "profiles"
VALID = DATA / "valid.ttl"
BROKEN = DATA / "broken.ttl"


@pytest.fixture(scope="session")
def demo_client() -> Iterator[TestClient]:
    """An app whose profiles are the test profiles, with user shapes on and a small body limit."""
    settings = Settings(data_dir=None, load_examples=False, allow_user_shapes=True, max_body_bytes=100_000)
    app = create_app(settings)
    with TestClient(app) as client:
        app.state.profiles = load_profiles(PROFILES)
        app.state.profiles_dir = PROFILES
        yield client
