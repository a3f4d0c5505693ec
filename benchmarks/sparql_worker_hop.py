"""What the killable worker process costs a query: run_query (worker hop) against pyoxigraph in this process.

Run: python benchmarks/sparql_worker_hop.py [REPEAT] [DATA_DIR]   (no DATA_DIR: in-memory store)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pyoxigraph as ox

from cityref.ontology.model import Ontology
from cityref.settings import Settings
from cityref.sparql.service import run_query
from cityref.store import EmbeddedStore, bootstrap

QUERIES = {
    "ASK": "ASK { ?s ?p ?o }",
    "SELECT 100 rows": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100",
    "SELECT 5000 rows": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5000",
}


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    fn()
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat * 1000


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    settings = Settings(data_dir=None, result_row_cap=10_000)
    store = EmbeddedStore(Path(sys.argv[2]) if len(sys.argv) > 2 else None)
    bootstrap(store, Ontology())
    raw = ox.Store.read_only(str(store.newest_checkpoint()))  # the same data, in this process
    print("| query | in-process pyoxigraph (ms) | run_query via worker (ms) |\n|---|---|---|")
    for name, query in QUERIES.items():
        direct = timed(
            lambda q=query: (
                raw.query(q, use_default_graph_as_union=True).serialize(  # type: ignore[misc]
                    format=ox.QueryResultsFormat.JSON
                )
                if not q.startswith("ASK")
                else raw.query(q)
            ),
            repeat,
        )
        hop = timed(lambda q=query: run_query(store, settings, q), repeat)
        print(f"| {name} | {direct:.3f} | {hop:.3f} |")
    start = time.perf_counter()
    store.update("INSERT DATA { <http://example.org/x> <http://example.org/p> 1 }")
    run_query(store, settings, "ASK {}")
    print(
        f"\nfirst query after a write (new checkpoint and worker re-open, {len(raw)} quads): "
        f"{(time.perf_counter() - start) * 1000:.1f} ms"
    )
    store.close()


if __name__ == "__main__":
    main()
