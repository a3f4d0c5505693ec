"""A mixed load on loopback while a city graph is replaced every two seconds: term lookups, searches, canned
queries, small validations and reads of the graph being replaced, from many clients at once.

It prints latencies per kind of request and checks two things a city relies on: no answer is an error other than
the deliberate 503 (busy) and 429 (rate limit), and every read of the replaced graph sees one whole version of it,
never a mix. ``tests/faults/test_load.py`` runs it against a real server and asserts those two things; the
figures in docs/benchmarks.md come from running it by hand:

    python benchmarks/load_mix.py --clients 16 --duration 60

It starts ``python -m cityref serve`` on a data directory of its own (and stops it, by PID) unless ``--url`` names
a running server, which must then accept the write key given with ``--key``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx2 as httpx

GRAPH = "https://w3id.org/cityref/graph/city/load-test"
SIZES = {"A": 3000, "B": 2000}
ALLOWED = {200, 201, 204, 429, 503}
CENSUS = (
    f"SELECT ?tag (COUNT(*) AS ?n) {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} "
    'BIND(REPLACE(STR(?o), "-[0-9]+$", "") AS ?tag) } GROUP BY ?tag'
)
DELIVERY = b"""@prefix cityref: <https://w3id.org/cityref/def/> .
@prefix ex: <https://exampleton.example/id/> .
ex:roadmap-2030 a cityref:Roadmap ; cityref:hasInitiative ex:initiative-1 .
"""


def version(tag: str) -> bytes:
    line = '<https://exampleton.example/id/thing-{i}> <https://w3id.org/cityref/def/note> "{tag}-{i}" .\n'
    return "".join(line.format(tag=tag, i=i) for i in range(SIZES[tag])).encode()


@dataclass
class Report:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    mixed_reads: list[dict[str, int]] = field(default_factory=list)
    replacements: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, status: int, seconds: float, detail: str = "") -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[kind][status] += 1
            if status not in ALLOWED:
                self.errors.append(f"{kind}: {status} {detail[:200]}")

    def table(self) -> str:
        rows = ["| request | count | statuses | p50 (ms) | p95 (ms) | p99 (ms) |", "|---|---|---|---|---|---|"]
        for kind in sorted(self.latencies):
            times = sorted(self.latencies[kind])
            cuts = statistics.quantiles(times, n=100) if len(times) > 1 else times * 99
            status = ", ".join(f"{code}×{n}" for code, n in sorted(self.statuses[kind].items()))
            rows.append(
                f"| {kind} | {len(times)} | {status} | {cuts[49] * 1000:.1f} | {cuts[94] * 1000:.1f} | "
                f"{cuts[98] * 1000:.1f} |"
            )
        return "\n".join(rows)


def _client_loop(url: str, stop: threading.Event, report: Report, seed: int) -> None:
    chooser = random.Random(seed)
    kinds = ["term", "search", "canned", "validate", "census"]
    with httpx.Client(base_url=url, timeout=60) as client:
        while not stop.is_set():
            kind = chooser.choice(kinds)
            started = time.perf_counter()
            if kind == "term":
                response = client.get("/terms/B5")
            elif kind == "search":
                response = client.get("/search", params={"q": chooser.choice(["interop", "données", "risk"])})
            elif kind == "canned":
                response = client.get("/queries/interoperability-needs", headers={"Accept": "application/json"})
            elif kind == "validate":
                response = client.post(
                    "/validate",
                    params={"profile": "roadmap"},
                    content=DELIVERY,
                    headers={"Content-Type": "text/turtle"},
                )
            else:
                response = client.get("/sparql", params={"query": CENSUS})
            report.record(kind, response.status_code, time.perf_counter() - started, response.text)
            if kind == "census" and response.status_code == 200:
                rows = response.json()["results"]["bindings"]
                seen = {r["tag"]["value"]: int(r["n"]["value"]) for r in rows}
                if seen not in ({"A": SIZES["A"]}, {"B": SIZES["B"]}):
                    with report.lock:
                        report.mixed_reads.append(seen)


def _replacer(url: str, key: str, stop: threading.Event, report: Report, every_s: float) -> None:
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/n-triples"}
    bodies = {tag: version(tag) for tag in SIZES}
    tag = "B"
    with httpx.Client(base_url=url, timeout=60) as client:
        next_at = time.monotonic() + every_s
        while not stop.wait(max(0.0, next_at - time.monotonic())):  # a fixed rate: one every every_s seconds
            next_at += every_s
            tag = "A" if tag == "B" else "B"
            started = time.perf_counter()
            response = client.put("/graphs", params={"graph": GRAPH}, content=bodies[tag], headers=headers)
            report.record("replace graph", response.status_code, time.perf_counter() - started, response.text)
            if response.status_code in (201, 204):
                report.replacements += 1


def run(url: str, key: str, *, clients: int = 16, duration_s: float = 60.0, every_s: float = 2.0) -> Report:
    """Seed the graph with version A, then run the clients and the replacer for ``duration_s``."""
    report = Report()
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/n-triples"}
    seeded = httpx.put(url + "/graphs", params={"graph": GRAPH}, content=version("A"), headers=headers, timeout=60)
    if seeded.status_code not in (201, 204):
        raise RuntimeError(f"could not seed the graph: {seeded.status_code} {seeded.text}")
    stop = threading.Event()
    threads = [threading.Thread(target=_client_loop, args=(url, stop, report, seed)) for seed in range(clients)]
    threads.append(threading.Thread(target=_replacer, args=(url, key, stop, report, every_s)))
    for thread in threads:
        thread.start()
    time.sleep(duration_s)
    stop.set()
    for thread in threads:
        thread.join()
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--key", default="load-test-key", help="its write key")
    args = parser.parse_args()
    if args.url:
        report = run(args.url, args.key, clients=args.clients, duration_s=args.duration)
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from tests.conftest import UNLIMITED
        from tests.faults.conftest import KEY, ServerProcess

        with tempfile.TemporaryDirectory() as tmp:
            # every client comes from 127.0.0.1: per-address rate limits would measure the limiter, not the server
            server = ServerProcess(Path(tmp) / "data", load_examples=True, **UNLIMITED)
            server.start()
            try:
                report = run(server.url, KEY, clients=args.clients, duration_s=args.duration)
            finally:
                server.stop()
    print(report.table())
    print(f"\n{report.replacements} replacements; {len(report.mixed_reads)} mixed reads; {len(report.errors)} errors")
    for error in report.errors[:20]:
        print("  " + error)
    return 1 if report.errors or report.mixed_reads else 0


if __name__ == "__main__":
    sys.exit(main())
