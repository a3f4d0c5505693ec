"""Fixtures for the attack tests: an app with small limits of the test's choosing, and the attack documents."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.sparql.conftest import AUTH, embedded_settings

from cityref import create_app

__all__ = ["AUTH", "billion_laughs"]


def billion_laughs(levels: int) -> bytes:
    """RDF/XML whose one literal is ``&l{levels};``: each entity is ten of the one before, so ``levels`` of them
    expand 10 characters to 10 ** (levels + 1). Nine levels take 981 bytes to say three gigabytes."""
    entities = ['<!ENTITY l0 "laughlaugh">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels + 1)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n'
        + "\n".join(entities)
        + '\n]>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://example.org/">'
        + f'<rdf:Description rdf:about="http://example.org/s"><e:p>&l{levels};</e:p></rdf:Description></rdf:RDF>'
    ).encode()


@pytest.fixture(scope="module")
def tight() -> Iterator[TestClient]:
    """Exampleton loaded, workers with small memory limits, the default body limit."""
    settings = embedded_settings(
        query_worker_memory_mb=900,
        validation_worker_memory_mb=500,
        parse_worker_memory_mb=700,
        worker_recycle_mb=400,
        max_query_timeout_s=60,
        result_row_cap=1000,
        result_triple_cap=5000,
    )
    with TestClient(create_app(settings)) as client:
        yield client
