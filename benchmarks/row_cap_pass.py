"""What the row cap costs a SELECT: cityref's one pass against the two passes it replaced and the engine alone.

Contenders, each in turn over the same read-only checkpoint of a generated city on disk (as the query worker reads
it), the 64 MiB byte cap on:

- ``engine``: the engine writes the answer straight into bytes with no cap at all, the floor of any way to do it;
- ``two passes``: the way cityref cut SELECT answers until 2026-12-07, kept here to compare with: the engine writes
  TSV into a sink that stops at the cap (``_CappedLines``), the kept TSV is parsed back and written again in the
  format asked for;
- ``one pass``: ``cityref.store.results.render_solutions`` now: the engine writes once in the format asked for, rows
  are counted in its writing (``cityref.store.row_cap``) and the answer is cut at a row's start.

The cases are the canned shapes of ``sparql_path.py`` at the default row cap (nothing cut), and the OPTIONAL-heavy
query with a row cap below its rows (cut), in each of the four results formats. A second table takes 100k rows
of SPARQL JSON whose values look like what the JSON row counter must tell apart from rows (``{}`` and ``[{},``
inside strings, rows with nothing bound), whole, cut by the row cap and cut by a 4 MiB byte cap.

    python benchmarks/row_cap_pass.py --triples 100000 --repeat 40

With ``--only``, one path alone answers one case ``--runs`` times over a checkpoint kept at ``--checkpoint`` (built
there the first time), so that two processes can be set side by side from outside, peak memory included:

    farm-bench -n 10 --vs 'python benchmarks/row_cap_pass.py --only two --case everything --checkpoint /tmp/rc' -- \
        python benchmarks/row_cap_pass.py --only one --case everything --checkpoint /tmp/rc
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
from citygen import generate
from sparql_path import QUERIES, city_checkpoint

from cityref.store.results import _CappedLines, _CapReached, mark_truncated, render_solutions

MAX_BYTES = 64 * 1024 * 1024
JSON = "application/sparql-results+json"
FORMATS = {
    "JSON": JSON,
    "XML": "application/sparql-results+xml",
    "CSV": "text/csv",
    "TSV": "text/tab-separated-values",
}


def two_passes(solutions: Any, media_type: str, row_cap: int) -> bytes:
    """The earlier path: TSV cut at the cap, parsed back, written again in ``media_type``."""
    sink = _CappedLines(row_cap + 1, MAX_BYTES)
    with contextlib.suppress(_CapReached, OSError):
        solutions.serialize(sink, ox.QueryResultsFormat.TSV)
    tsv = sink.finish()
    if media_type == FORMATS["TSV"] and not sink.truncated:
        return tsv
    target = ox.QueryResultsFormat.from_media_type(media_type)
    assert target is not None
    body = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(format=target)
    assert body is not None
    return mark_truncated(body, media_type, row_cap) if sink.truncated else body


EVERYTHING = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
CASES = {  # for --only: (query, row cap, format)
    "everything": (EVERYTHING, 200_000, "JSON"),
    "everything cut": (EVERYTHING, 50_000, "JSON"),
    "everything XML": (EVERYTHING, 200_000, "XML"),
    "label lookup": (QUERIES["label lookup"], 10_000, "JSON"),
}


class Discard:
    """A sender that counts what it is sent and keeps nothing."""

    size = 0

    def start(self, head: Any) -> None:
        pass

    def chunk(self, data: bytes) -> None:
        self.size += len(data)


def only(path: str, case: str, checkpoint_dir: str, triples: int, runs: int, stream: bool = False) -> None:
    """One path answering one case ``runs`` times, for a side-by-side from outside (``farm-bench``)."""
    if not os.path.isdir(checkpoint_dir):
        city_checkpoint(generate(triples)[0], checkpoint_dir)
    checkpoint = ox.Store.read_only(checkpoint_dir)
    text, row_cap, kind = CASES[case]
    media_type = FORMATS[kind]
    for _ in range(runs):
        solutions = checkpoint.query(text, use_default_graph_as_union=True)
        if path == "two":
            assert two_passes(solutions, media_type, row_cap)
        elif stream:  # as the query worker does: past 1 MiB the answer goes to the server in parts
            sent = Discard()
            body = render_solutions(
                solutions, media_type, row_cap, MAX_BYTES, sender=sent, stream_bytes=1 << 20, head=lambda cut: cut
            )[0]
            assert body or sent.size
        else:
            assert render_solutions(solutions, media_type, row_cap, MAX_BYTES)[0]


SHAPES = {
    "plain values": "plain value {}",
    "{} in values": "{{}} value {}",
    "JSON in values": '[{{}},{{"a":[{{}}]}}] json {}',
    "nothing bound": "",
}


def shapes(repeat: int) -> None:
    """The second table: values shaped like the JSON counter's marks, in memory, 100k rows."""
    print("\n100,000 rows of SPARQL JSON, in memory; median of", repeat, "runs of each, in turn; ms\n")
    print("| values | engine | two passes | one pass | two, cut at 50k | one, cut at 50k | one, byte cap 4 MiB |")
    print("|---|---|---|---|---|---|---|")
    for name, value in SHAPES.items():
        store = ox.Store()
        store.extend(
            ox.Quad(
                ox.NamedNode(f"http://example.org/s{n}"),
                ox.NamedNode("http://example.org/p"),
                ox.Literal(value.format(n) or str(n)),
            )
            for n in range(100_000)
        )
        text = "SELECT ?x ?y { ?s ?p ?o }" if not value else "SELECT ?s ?o { ?s ?p ?o }"

        def run(text: str = text, store: ox.Store = store) -> Any:
            return store.query(text)

        contenders: dict[str, Callable[[], Any]] = {
            "engine": lambda run=run: run().serialize(format=ox.QueryResultsFormat.JSON),
            "two": lambda run=run: two_passes(run(), JSON, 200_000),
            "one": lambda run=run: render_solutions(run(), JSON, 200_000, MAX_BYTES),
            "two cut": lambda run=run: two_passes(run(), JSON, 50_000),
            "one cut": lambda run=run: render_solutions(run(), JSON, 50_000, MAX_BYTES),
            "one byte cap": lambda run=run: render_solutions(run(), JSON, 200_000, 4 * 1024 * 1024),
        }
        one, two = contenders["one cut"]()[0], contenders["two cut"]()
        assert one is not None
        assert list(ox.parse_query_results(one, ox.QueryResultsFormat.JSON)) == list(
            ox.parse_query_results(two, ox.QueryResultsFormat.JSON)
        ), name
        times: dict[str, list[float]] = {key: [] for key in contenders}
        for _ in range(repeat):
            for key, contender in contenders.items():
                started = time.perf_counter_ns()
                contender()
                times[key].append((time.perf_counter_ns() - started) / 1e6)
        print(f"| {name} | " + " | ".join(f"{statistics.median(times[key]):.0f}" for key in contenders) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40, help="timed runs of each contender, in turn")
    parser.add_argument("--only", choices=("one", "two"), help="run one path alone (see above)")
    parser.add_argument("--case", choices=sorted(CASES), default="everything")
    parser.add_argument("--checkpoint", default="/tmp/cityref-row-cap", help="with --only: where the city is kept")
    parser.add_argument("--runs", type=int, default=5, help="with --only: answers in one process")
    parser.add_argument("--stream", action="store_true", help="with --only one: send past 1 MiB in parts")
    args = parser.parse_args()
    if args.only:
        only(args.only, args.case, args.checkpoint, args.triples, args.runs, args.stream)
        return
    lines, _ = generate(args.triples)
    cases = [(name, 10_000, "JSON") for name in ("label lookup", "2-hop join", "GROUP BY COUNT", "OPTIONAL-heavy")]
    cases += [("OPTIONAL-heavy", 10_000, kind) for kind in ("XML", "CSV", "TSV")]
    cases += [("OPTIONAL-heavy", 1_000, kind) for kind in FORMATS]
    with tempfile.TemporaryDirectory() as folder:
        checkpoint = city_checkpoint(lines, folder)
        print(f"{len(lines)} triples; median of {args.repeat} runs of each, in turn; ms\n")
        print("| query | format | row cap | rows kept | engine | two passes | one pass | one pass / two passes |")
        print("|---|---|---|---|---|---|---|---|")
        for name, row_cap, kind in cases:
            text, media_type = QUERIES[name], FORMATS[kind]
            fmt = ox.QueryResultsFormat.from_media_type(media_type)
            assert fmt is not None

            def run(text: str = text) -> Any:
                return checkpoint.query(text, use_default_graph_as_union=True)

            contenders: dict[str, Callable[[], Any]] = {
                "engine": lambda run=run, fmt=fmt: run().serialize(format=fmt),
                "two passes": lambda run=run, m=media_type, cap=row_cap: two_passes(run(), m, cap),
                "one pass": lambda run=run, m=media_type, cap=row_cap: render_solutions(run(), m, cap, MAX_BYTES)[0],
            }
            answers = {key: contender() for key, contender in contenders.items()}  # and warm
            kept = render_solutions(run(), JSON, row_cap, MAX_BYTES)[0]
            assert kept is not None
            rows = len(list(ox.parse_query_results(kept, ox.QueryResultsFormat.JSON)))
            if kind != "CSV":  # the two ways agree on the rows (CSV is not read back by the engine)
                assert list(ox.parse_query_results(answers["two passes"], fmt)) == list(
                    ox.parse_query_results(answers["one pass"], fmt)
                ), (name, kind)
            times: dict[str, list[float]] = {key: [] for key in contenders}
            for _ in range(args.repeat):
                for key, contender in contenders.items():
                    started = time.perf_counter_ns()
                    contender()
                    times[key].append((time.perf_counter_ns() - started) / 1e6)
            engine, two, one = (statistics.median(times[key]) for key in contenders)
            print(
                f"| {name} | {kind} | {row_cap:,} | {rows:,} | {engine:.3f} | {two:.3f} | {one:.3f} | {one / two:.2f} |"
            )
    shapes(max(args.repeat // 5, 3))


if __name__ == "__main__":
    main()
