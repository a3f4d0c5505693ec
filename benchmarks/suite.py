"""Every benchmark table of ``docs/benchmarks.md`` from one command, side by side in one run, with PNG plots of
time against size.

    pip install '.[bench]'    # matplotlib, for the plots
    python benchmarks/suite.py --out /tmp/cityref-bench [--quick] [--rdflib-endpoint /path/to/venv/bin/rdflib-endpoint]

It runs, in turn, each script of this folder (each also runs alone; its docstring says how) and writes what they
print to ``OUT/results.md`` with the command of each table, plus ``OUT/validation.png`` and ``OUT/sparql_path.png``:

- ``validate_devices.py``: validation through the CLI on both engines, plain pySHACL and plain shacl-rust;
- ``sparql_path.py``: a query's time in process, pyoxigraph alone against cityref's ``run_query``;
- ``row_cap_pass.py``: what the row cap costs a SELECT in one pass, against the two passes it replaced and the
  engine alone;
- ``construct_answer.py``: what writing a CONSTRUCT answer costs the query worker, against the engine alone;
- ``stream_answer.py``: a long ``/sparql`` answer sent whole or in parts (first byte, last byte, server memory), on
  the embedded store and on the remote backend;
- ``remote_answers.py``: the remote backend's capped read and rewrite of an answer, against passing it on;
- ``worker_hop_alternatives.py``: the query worker's round trip against other ways to cross to a process;
- ``sparql_wrk.py``: ``/sparql`` under wrk against ``oxigraph serve`` and, when named, rdflib-endpoint;
- ``terms_wrk.py``: term lookups and search against a bare FastAPI route with the same bytes;
- ``bulk_load.py``: ``cityref load`` against pyoxigraph's bulk loader, medians of three whole processes;
- ``startup.py``: start-up time and memory with the city on disk;
- ``starvation.py``, ``load_mix.py`` and ``http_load.py``: the hardening tables (quick routes while the queues are
  full, a mixed load while a graph is replaced, the whole request path against ``oxigraph serve``).

Tables that compare the code with an older version of itself are made by running a script twice, the older code
through ``PYTHONPATH`` (each says how in ``docs/benchmarks.md``); the suite runs the code it is part of.

``--quick`` uses 10k and 100k triples and short load runs (11.6 minutes on the 2-core build machine on
2026-12-02); without it the sizes go to 1M (about 45 minutes when last timed, before the hardening benchmarks were
added). Nothing here is part of the test suite: a benchmark measures, a test checks.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(command: list[str], timeout_s: float = 7200) -> str:
    print("$ " + " ".join(command), file=sys.stderr, flush=True)
    done = subprocess.run(
        [sys.executable, *command], cwd=HERE, capture_output=True, text=True, timeout=timeout_s, check=True
    )
    return done.stdout


def bulk_load(file: Path) -> str:
    """cityref load and pyoxigraph's loader in turn, three times each; medians and their ratio."""
    times: dict[str, list[float]] = {"cityref": [], "pyoxigraph": []}
    for _ in range(3):
        for how in times:
            started = time.perf_counter()
            subprocess.run([sys.executable, "bulk_load.py", how, str(file)], cwd=HERE, check=True, capture_output=True)
            times[how].append(time.perf_counter() - started)
    ours, theirs = statistics.median(times["cityref"]), statistics.median(times["pyoxigraph"])
    return (
        "| loader | wall s (median of 3) |\n|---|---|\n"
        f"| `cityref load` | {ours:.2f} |\n| pyoxigraph `bulk_load` | {theirs:.2f} |\n\n"
        f"cityref load runs at {theirs / ours:.0%} of pyoxigraph's bulk loader's speed.\n"
    )


def validation_rows(table: str) -> list[tuple[str, int, float]]:
    """(contender, triples, median wall s) from validate_devices.py's table."""
    rows = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"[\d,]+", cells[1]) and re.fullmatch(r"[\d.]+", cells[2]):
            rows.append((cells[0], int(cells[1].replace(",", "")), float(cells[2])))
    return rows


def plot_validation(rows: list[tuple[str, int, float]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4.5))
    for contender in dict.fromkeys(r[0] for r in rows):
        points = sorted((t, s) for c, t, s in rows if c == contender)
        axes.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=contender)
    axes.set(xscale="log", yscale="log", xlabel="triples in the register", ylabel="wall time, s (median)")
    axes.set_title("Validating an IoT device register, whole process")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(out, dpi=110)


def plot_sparql(rows: list[dict[str, object]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4.5))
    for query in dict.fromkeys(str(r["query"]) for r in rows):
        mine = sorted((int(r["triples"]), float(r["cityref_ms"])) for r in rows if r["query"] == query)  # type: ignore[call-overload]
        base = sorted((int(r["triples"]), float(r["pyoxigraph_ms"])) for r in rows if r["query"] == query)  # type: ignore[call-overload]
        line = axes.plot([p[0] for p in mine], [p[1] for p in mine], marker="o", label=f"{query}, cityref")
        axes.plot([p[0] for p in base], [p[1] for p in base], marker="x", ls="--", color=line[0].get_color())
    axes.set(xscale="log", yscale="log", xlabel="triples in the city", ylabel="ms per query (median)")
    axes.set_title("A query in process: cityref (solid) and pyoxigraph alone (dashed)")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(out, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rdflib-endpoint", help="the rdflib-endpoint command of a venv that has it")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
    duration = "5" if args.quick else "10"
    sections: list[tuple[str, str, str]] = []

    def section(title: str, command: list[str], text: str | None = None) -> str:
        body = text if text is not None else run(command)
        sections.append((title, "python benchmarks/" + " ".join(command), body))
        (args.out / "results.md").write_text(_markdown(sections), encoding="utf-8")
        return body

    validation = section(
        "Validation, whole process",
        ["validate_devices.py", "--triples", *map(str, sizes), "--runs", "3", "--skip-pyshacl-above", "200000"],
    )
    section(
        "Validation, warm in process, by phase",
        ["validate_phases.py", "--triples", *map(str, sizes[1:]), "--runs", "2"],
    )
    path_json = args.out / "sparql_path.json"
    section(
        "A query in process",
        ["sparql_path.py", "--triples", ",".join(map(str, sizes)), "--repeat", "5", "--json", str(path_json)],
    )
    section("The row cap in one pass", ["row_cap_pass.py", "--triples", "100000", "--repeat", "40"])
    section("CONSTRUCT answers written by the engine", ["construct_answer.py", "--triples", "100000", "--repeat", "5"])
    section("A long answer, whole or in parts", ["stream_answer.py", "--copies", "4", "--runs", "3"])
    section(
        "A long answer, whole or in parts, on the remote backend",
        ["stream_answer.py", "--copies", "4", "--runs", "3", "--remote"],
    )
    section("The remote backend's answers, capped", ["remote_answers.py", "--triples", "100000", "--repeat", "20"])
    section("The worker hop: transports measured", ["worker_hop_alternatives.py", "--repeat", "2000"])
    wrk = ["sparql_wrk.py", "--triples", "100000", "--duration", duration]
    if args.rdflib_endpoint:
        wrk += ["--rdflib-endpoint", args.rdflib_endpoint]
    section("/sparql under wrk", wrk)
    section("Term lookups under wrk, 16 clients", ["terms_wrk.py", "--duration", duration])
    section("A term lookup in process", ["terms_inprocess.py"])
    city = args.out / "city.nt"
    run(["citygen.py", "--triples", str(sizes[-1]), "--output", str(city)])
    section("Bulk load", ["bulk_load.py", "cityref|pyoxigraph", str(city)], bulk_load(city))
    city.unlink()
    section("Start-up", ["startup.py", "--triples", str(sizes[-1])])
    section("Hardening: quick routes while the queues are full", ["starvation.py"])
    section("Hardening: a mixed load while a graph is replaced", ["load_mix.py", "--duration", duration])
    section("HTTP: cityref against oxigraph serve", ["http_load.py", "--duration", duration, "--concurrency", "1,8"])
    try:
        plot_validation(validation_rows(validation), args.out / "validation.png")
        plot_sparql(json.loads(path_json.read_text()), args.out / "sparql_path.png")
    except ImportError:
        print("matplotlib is missing (pip install '.[bench]'): no plots", file=sys.stderr)
    print(f"wrote {args.out / 'results.md'}", file=sys.stderr)


def _markdown(sections: list[tuple[str, str, str]]) -> str:
    parts = ["# cityref benchmark results\n"]
    for title, command, body in sections:
        parts.append(f"## {title}\n\nCommand: `{command}`\n\n{body.strip()}\n")
    return "\n".join(parts)


if __name__ == "__main__":
    main()
