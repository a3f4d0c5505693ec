"""A store in a data directory survives a restart, and an unchanged ontology is not reloaded over it."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from tests.sparql.conftest import AUTH, embedded_settings

from cityref import create_app
from cityref.ontology.model import Ontology
from cityref.store import ONTOLOGY_GRAPH, EmbeddedStore, bootstrap
from cityref.store.base import SOURCE_DIGEST

MARK = f"INSERT DATA {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <http://example.org/mark> <http://example.org/p> 1 }} }}"
ASK_MARK = f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <http://example.org/mark> ?p ?o }} }}"
ASK_CITY = "ASK { GRAPH <http://example.org/city/kept> { ?s ?p ?o } }"


def test_data_survives_a_restart_and_unchanged_ontology_is_kept(tmp_path: Path) -> None:
    settings = embedded_settings(data_dir=tmp_path / "data", load_examples=False)
    with TestClient(create_app(settings)) as first:
        kept = b"<http://example.org/a> <http://example.org/b> <http://example.org/c> ."
        put = first.put(
            "/graphs",
            params={"graph": "http://example.org/city/kept"},
            content=kept,
            headers={"Content-Type": "application/n-triples", **AUTH},
        )
        assert put.status_code == 201
        # A triple written into the ontology graph only survives if the restart does not reload the ontology.
        assert first.post("/sparql", data={"update": MARK}, headers=AUTH).status_code == 204
    with TestClient(create_app(settings)) as second:
        assert second.get("/sparql", params={"query": ASK_CITY}).json()["boolean"] is True
        assert second.get("/sparql", params={"query": ASK_MARK}).json()["boolean"] is True


def test_changed_ontology_is_reloaded(tmp_path: Path) -> None:
    ontology = Ontology()
    store = EmbeddedStore(tmp_path / "data")
    try:
        first = bootstrap(store, ontology, load_examples=False)
        assert all(loaded.reloaded for loaded in first)
        again = bootstrap(store, ontology, load_examples=False)
        assert not any(loaded.reloaded for loaded in again)
        digest = f"<{ONTOLOGY_GRAPH}> <{SOURCE_DIGEST}>"
        store.update(
            f"DELETE WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ {digest} ?d }} }} ; "
            f'INSERT DATA {{ GRAPH <{ONTOLOGY_GRAPH}> {{ {digest} "an older digest" }} }}'
        )
        redone = {loaded.graph: loaded.reloaded for loaded in bootstrap(store, ontology, load_examples=False)}
        assert redone[ONTOLOGY_GRAPH] is True
    finally:
        store.close()
