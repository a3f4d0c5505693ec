"""What holding a remote store's answers to the caps costs, against passing them on as the store wrote them.

Since 2026-12-03 the remote backend asks the store for TSV (SELECT), N-Triples (CONSTRUCT) and JSON (ASK), reads
only as far as the row, triple and byte caps, and writes the answer again with pyoxigraph in the format the client
asked for (``cityref.store.remote.RemoteStore.query``). Before, CONSTRUCT and ASK answers were passed on whole in
the client's format. Contenders, over one ``oxigraph serve`` on 127.0.0.1 holding a generated city, in turn, one
call after the other:

- ``pass-through``: one POST of the query with the client's Accept, the body read whole (the floor: what the
  backend did before for CONSTRUCT and ASK, with no cap at all);
- ``cityref``: ``RemoteStore.query`` with the default caps (10,000 rows, 100,000 triples, 64 MiB).

    python benchmarks/remote_answers.py --triples 100000 --repeat 20
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx2 as httpx
from citygen import generate
from http_load import free_ports, stop, wait_until_up

from cityref.store.base import QueryRequest
from cityref.store.remote import RemoteStore

QUERIES = {
    "SELECT, 10,000 rows, JSON": (
        "select",
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10000",
        "application/sparql-results+json",
    ),
    "CONSTRUCT, 10,000 triples, Turtle": (
        "construct",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 10000",
        "text/turtle",
    ),
    "CONSTRUCT, 10,000 triples, N-Triples": (
        "construct",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 10000",
        "application/n-triples",
    ),
    "ASK, JSON": ("ask", "ASK { ?s ?p ?o }", "application/sparql-results+json"),
}


def pass_through(client: httpx.Client, url: str, sparql: str, accept: str) -> int:
    response = client.post(url, data={"query": sparql}, headers={"Accept": accept})
    response.raise_for_status()
    return len(response.content)


def capped(store: RemoteStore, kind: str, sparql: str, accept: str) -> int:
    request = QueryRequest(
        sparql=sparql,
        results_media_type=None if kind == "construct" else accept,
        graph_media_type=accept if kind == "construct" else None,
        row_cap=10_000,
        kind=kind,
        triple_cap=100_000,
        max_bytes=64 * 1024 * 1024,
    )
    return len(store.query(request, 30).body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    binary = shutil.which("oxigraph")
    assert binary, "the oxigraph server (PyPI package 'oxigraph') is needed"
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "city.nt"
        lines, city = generate(args.triples)
        data.write_text("\n".join(lines) + "\n", encoding="utf-8")
        location = Path(tmp) / "store"
        subprocess.run(
            [binary, "load", "--location", str(location), "--file", str(data)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        (port,) = free_ports(1)
        process = subprocess.Popen(
            [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/query"
        try:
            wait_until_up(url + "?query=ASK%7B%7D", process)
            store = RemoteStore(url)
            print(f"{city.triples} triples; median of {args.repeat} calls each, in turn\n")
            print("| query | pass-through ms | cityref ms | cityref / pass-through | bytes (pass-through, cityref) |")
            print("|---|---|---|---|---|")
            with httpx.Client() as client:
                for name, (kind, sparql, accept) in QUERIES.items():
                    times: dict[str, list[float]] = {"pass": [], "cityref": []}
                    sizes = {"pass": 0, "cityref": 0}
                    for _ in range(args.repeat):
                        for contender in ("pass", "cityref"):
                            started = time.perf_counter()
                            if contender == "pass":
                                sizes[contender] = pass_through(client, url, sparql, accept)
                            else:
                                sizes[contender] = capped(store, kind, sparql, accept)
                            times[contender].append((time.perf_counter() - started) * 1000)
                    before, after = statistics.median(times["pass"]), statistics.median(times["cityref"])
                    print(
                        f"| {name} | {before:.1f} | {after:.1f} | {after / before:.2f} | "
                        f"{sizes['pass']:,}, {sizes['cityref']:,} |"
                    )
            store.close()
        finally:
            stop(process)


if __name__ == "__main__":
    main()
