"""What writing a CONSTRUCT answer costs the query worker, against the engine writing it with no cap at all.

Over a read-only checkpoint of a generated city on disk (as the query worker reads it), each CONSTRUCT below is run
in each graph format two ways, in turn:

- ``engine``: ``Store.query`` and the engine's own writer straight to bytes, no cap (the floor);
- ``cityref``: the query worker's whole path (``cityref.store.query_worker.execute``: dataset, triple and byte caps,
  the truncation signal), with the server's default caps and no streaming.

Medians of ``--repeat`` runs, ms. The same command with ``PYTHONPATH=<an older checkout>/src`` measures older code.

    python benchmarks/construct_answer.py --triples 100000 --repeat 7
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from typing import Any

import pyoxigraph as ox
from citygen import generate
from sparql_path import PREFIXES, city_checkpoint

from cityref.settings import Settings
from cityref.store.query_worker import execute

QUERIES = {
    "devices, 1,000 triples": "CONSTRUCT { ?s ?p ?o } WHERE { ?s a cityref:IoTDevice ; ?p ?o } LIMIT 1000",
    "devices, 10,000 triples": "CONSTRUCT { ?s ?p ?o } WHERE { ?s a cityref:IoTDevice ; ?p ?o } LIMIT 10000",
    "everything, to the triple cap": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
}
FORMATS = ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json")


def request(text: str, media_type: str, settings: Settings) -> dict[str, Any]:
    return {
        "sparql": PREFIXES + text,
        "base_iri": None,
        "default_graph_uris": [],
        "named_graph_uris": [],
        "union_default_graph": True,
        "query_has_dataset": False,
        "results_media_type": None,
        "graph_media_type": media_type,
        "row_cap": settings.result_row_cap,
        "triple_cap": settings.result_triple_cap,
        "max_bytes": settings.result_max_bytes,
        "stream_bytes": 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    settings = Settings(data_dir=None)
    lines, _ = generate(args.triples)
    with tempfile.TemporaryDirectory() as folder:
        checkpoint = city_checkpoint(lines, folder)
        print(f"{len(lines)} triples, triple cap {settings.result_triple_cap:,}; medians of {args.repeat}, ms\n")
        print("| query | format | triples | engine | cityref | cityref / engine |")
        print("|---|---|---|---|---|---|")
        for name, text in QUERIES.items():
            for media_type in FORMATS:
                graph_format = ox.RdfFormat.from_media_type(media_type)

                def engine(text: str = text, graph_format: Any = graph_format) -> bytes:
                    result = checkpoint.query(PREFIXES + text, use_default_graph_as_union=True)
                    return result.serialize(format=graph_format) or b""

                def ours(text: str = text, media_type: str = media_type) -> bytes:
                    body = execute(checkpoint, request(text, media_type, settings))[0]
                    assert body is not None
                    return body

                triples = len(list(ox.parse(ours(), format=graph_format)))
                times: dict[str, list[float]] = {"engine": [], "ours": []}
                for _ in range(args.repeat):  # in turn, so that the machine's load falls on both alike
                    for key, contender in (("engine", engine), ("ours", ours)):
                        started = time.perf_counter()
                        contender()
                        times[key].append((time.perf_counter() - started) * 1000)
                floor, cost = statistics.median(times["engine"]), statistics.median(times["ours"])
                print(f"| {name} | {media_type} | {triples:,} | {floor:.1f} | {cost:.1f} | {cost / floor:.2f} |")


if __name__ == "__main__":
    main()
