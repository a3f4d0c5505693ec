"""Reads are never blocked by writes, and never see one half done: while a large graph is being replaced, queries
answer at once from the store as it was, then from the store as it is.

The embedded store's reads use the newest checkpoint; the writer makes a new one only when a write is complete.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.sparql.conftest import AUTH, embedded_settings

from cityref import create_app

G = "http://example.org/big"
COUNT = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"


def graph_of(size: int, tag: str) -> bytes:
    return "".join(f'<http://example.org/{tag}/s{i}> <http://example.org/p> "{i}" .\n' for i in range(size)).encode()


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = embedded_settings(load_examples=False, max_body_bytes=100 * 1024 * 1024, max_triples=1_000_000)
    with TestClient(create_app(settings)) as made:
        yield made


def count(client: TestClient, timeout: str = "10") -> int:
    response = client.get("/sparql", params={"query": COUNT, "timeout": timeout})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_queries_see_the_old_graph_then_the_new_one_never_a_mix(client: TestClient) -> None:
    headers = {"Content-Type": "application/n-triples", **AUTH}
    assert (
        client.put("/graphs", params={"graph": G}, content=graph_of(150_000, "old"), headers=headers).status_code == 201
    )
    assert count(client) == 150_000
    done = threading.Event()
    status: list[int] = []

    def replace() -> None:
        response = client.put("/graphs", params={"graph": G}, content=graph_of(100_000, "new"), headers=headers)
        status.append(response.status_code)
        done.set()

    writer = threading.Thread(target=replace)
    writer.start()
    seen: list[int] = []
    during = 0
    while not done.is_set():
        seen.append(count(client, timeout="1"))  # a 1 s budget: waiting on the write would exceed it
        during += not done.is_set()
    writer.join()
    seen.append(count(client))
    assert status == [204]
    assert during > 0, "no query ran while the write was in progress"
    assert set(seen) <= {150_000, 100_000}
    assert seen[-1] == 100_000
    assert seen == sorted(seen, reverse=True)  # old until the switch, new after it
