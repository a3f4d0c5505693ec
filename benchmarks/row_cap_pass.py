"""What the row cap's second pass costs a SELECT, against the ways to enforce the cap in one pass.

cityref cuts SELECT results at ``result_row_cap`` rows in two passes (``cityref.store.results.render_solutions``):
the engine writes TSV into a sink that counts lines and stops at the cap, then the kept TSV is parsed and written
again in the format asked for. Contenders, each over the same read-only checkpoint of a generated city on disk (as
the query worker reads it), SPARQL JSON, the 64 MiB byte cap on:

- ``engine bytes``: the engine writes JSON straight into bytes with no cap at all, the floor of any way to do it
  (what a ``LIMIT cap+1`` added to the query text would cost, before counting the rows of the answer);
- ``two passes``: cityref's ``render_solutions``;
- ``one pass``: the engine writes JSON into a Python sink that counts rows as the chunks go by (``,{"`` starts every
  row but the first, and never occurs inside a JSON string, where ``"`` is escaped), the least such a sink can do;
  a real one would also cut at the cap, close the document and find a way around empty rows.

    python benchmarks/row_cap_pass.py --triples 100000 --repeat 40
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
from citygen import generate
from sparql_path import QUERIES, city_checkpoint

from cityref.store.results import render_solutions

JSON = "application/sparql-results+json"
MAX_BYTES = 64 * 1024 * 1024


class CountingSink(io.RawIOBase):
    """Keeps the chunks the engine writes and counts row starts, marks cut by a chunk boundary included."""

    MARK = b',{"'

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.rows = 0
        self.tail = b""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.rows += (self.tail + chunk[:2]).count(self.MARK) + chunk.count(self.MARK)
        self.tail = chunk[-2:]
        self.chunks.append(chunk)
        return len(chunk)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40, help="timed runs of each contender, in turn")
    args = parser.parse_args()
    lines, _ = generate(args.triples)
    with tempfile.TemporaryDirectory() as folder:
        checkpoint = city_checkpoint(lines, folder)
        print(f"{len(lines)} triples; median of {args.repeat} runs of each, in turn; ms\n")
        print("| query | rows | engine bytes | two passes | one pass | two passes / engine | one pass / two passes |")
        print("|---|---|---|---|---|---|---|")
        for name in ("2-hop join", "GROUP BY COUNT", "OPTIONAL-heavy"):
            text = QUERIES[name]

            def run(text: str = text) -> Any:
                return checkpoint.query(text, use_default_graph_as_union=True)

            def one_pass(run: Callable[[], Any] = run) -> bytes:
                sink = CountingSink()
                run().serialize(sink, ox.QueryResultsFormat.JSON)
                return b"".join(sink.chunks)

            contenders: dict[str, Callable[[], Any]] = {
                "engine bytes": lambda run=run: run().serialize(format=ox.QueryResultsFormat.JSON),
                "two passes": lambda run=run: render_solutions(run(), JSON, 10_000, MAX_BYTES)[0],
                "one pass": one_pass,
            }
            answers = {key: contender() for key, contender in contenders.items()}  # and warm
            assert answers["engine bytes"] == answers["one pass"], name
            rows = len(list(ox.parse_query_results(answers["two passes"], ox.QueryResultsFormat.JSON)))
            times: dict[str, list[float]] = {key: [] for key in contenders}
            for _ in range(args.repeat):
                for key, contender in contenders.items():
                    started = time.perf_counter_ns()
                    contender()
                    times[key].append((time.perf_counter_ns() - started) / 1e6)
            engine, two, one = (statistics.median(times[key]) for key in contenders)
            print(f"| {name} | {rows} | {engine:.3f} | {two:.3f} | {one:.3f} | {two / engine:.2f} | {one / two:.2f} |")


if __name__ == "__main__":
    main()
