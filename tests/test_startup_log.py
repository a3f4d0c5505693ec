"""At start the server says what it loaded and how it is bounded: graphs with their sizes, profiles, queries,
terms, the sandbox, the limits."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from cityref import Settings, create_app, resources


def test_the_server_says_what_it_loaded(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="cityref"), TestClient(create_app(Settings(data_dir=None))):
        pass
    lines = [r.getMessage() for r in caplog.records if r.name == "cityref"]
    store, catalogue, limits = lines[:3]
    assert store.startswith("store: embedded at ") and "graph/ontology (" in store and "triples)" in store
    profiles = len(list(resources.shapes_dir().glob("*.ttl")))
    queries = len(list(resources.queries_dir().glob("*.rq"))) + len(list(resources.queries_dir().glob("gaps/*.rq")))
    assert profiles >= 9 and queries >= 18, "the shipped profiles and canned queries are counted below"
    assert f"profiles: {profiles};" in catalogue and f"canned queries: {queries};" in catalogue
    assert "network sandbox: in place" in catalogue
    assert "query slots" in limits and "worker memory 1536/3072/1024 MiB" in limits
