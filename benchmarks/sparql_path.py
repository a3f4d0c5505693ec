"""Where a query's time goes between the engine and the client, in process: pyoxigraph alone against cityref's
``run_query`` (worker hop, dataset, caps, serialisation), over a generated city on disk.

Each query is run the plain way (``Store.query`` on the same checkpoint with the union default graph, results
serialised by the engine in SPARQL JSON) and through ``run_query``; the medians of ``--repeat`` runs are printed
with their ratio.

    python benchmarks/sparql_path.py --triples 10000,100000,1000000 --repeat 5 --json /tmp/sparql_path.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from citygen import generate

from cityref.cli.load import prepare_local
from cityref.settings import Settings
from cityref.sparql.service import run_query
from cityref.store import EmbeddedStore

PREFIXES = "PREFIX cityref: <https://w3id.org/cityref/def/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
QUERIES = {
    "ASK {}": "ASK {}",
    "label lookup": PREFIXES + 'SELECT ?s WHERE { ?s rdfs:label "Sensor 42"@en }',
    "2-hop join": PREFIXES
    + "SELECT ?service ?system ?owner WHERE { ?service cityref:supportedBy ?system . ?system cityref:owner ?owner . "
    '?owner rdfs:label "Department 1"@en }',
    "GROUP BY COUNT": PREFIXES
    + "SELECT ?operator (COUNT(?device) AS ?n) WHERE { ?device cityref:operator ?operator } GROUP BY ?operator",
    "OPTIONAL-heavy": PREFIXES + "SELECT ?device ?operator ?retention WHERE { ?device a cityref:IoTDevice "
    "OPTIONAL { ?device cityref:operator ?operator } OPTIONAL { ?device cityref:retentionDays ?retention } } "
    "LIMIT 5000",
}
GRAPH = "https://city.example/graph/city"


def city_checkpoint(lines: list[str], folder: str) -> ox.Store:
    """The generated city's lines in the named graph :data:`GRAPH` of a store on disk at ``folder``, opened
    read-only as the query worker opens its checkpoint."""
    store = ox.Store(folder)
    store.load("\n".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPH))
    store.flush()
    del store
    return ox.Store.read_only(folder)


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(triples: int, repeat: int) -> list[dict[str, object]]:
    """One row per query: rows answered, pyoxigraph's median and cityref's, in ms."""
    found: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "city.nt"
        lines, _ = generate(triples)
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        store = EmbeddedStore(Path(folder) / "data")
        settings = Settings(data_dir=None, result_row_cap=10_000)
        try:
            store.graph_put(GRAPH, prepare_local(store, source, None, lambda done, total: None))
            raw = ox.Store.read_only(str(store.newest_checkpoint()))
            for name, text in QUERIES.items():

                def plain(text: str = text) -> bytes:
                    result = raw.query(text, use_default_graph_as_union=True)
                    return result.serialize(format=ox.QueryResultsFormat.JSON) or b""

                direct = median_ms(plain, repeat)
                hop = median_ms(lambda text=text: run_query(store, settings, text), repeat)
                found.append({"triples": len(lines), "query": name, "rows": _rows(plain()), "pyoxigraph_ms": direct,
                              "cityref_ms": hop})  # fmt: skip
        finally:
            store.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", default="100000", help="one size or several, comma-separated")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    args = parser.parse_args()
    rows: list[dict[str, object]] = []
    print("| triples | query | rows | pyoxigraph (ms) | cityref run_query (ms) | ratio |")
    print("|---|---|---|---|---|---|")
    for size in (int(x) for x in args.triples.split(",")):
        for row in measure(size, args.repeat):
            rows.append(row)
            ratio = float(row["pyoxigraph_ms"]) / float(row["cityref_ms"])  # type: ignore[arg-type]
            print(f"| {row['triples']} | {row['query']} | {row['rows']} | {row['pyoxigraph_ms']:.2f} "
                  f"| {row['cityref_ms']:.2f} | {ratio:.2f} |", flush=True)  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


def _rows(body: bytes) -> int:
    result = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
    return 1 if isinstance(result, ox.QueryBoolean) else sum(1 for _ in result)


if __name__ == "__main__":
    main()
