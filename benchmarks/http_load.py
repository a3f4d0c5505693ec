"""HTTP load on loopback: cityref's routes, and its SPARQL endpoint against ``oxigraph serve`` over the same data.

Why: the worker-hop benchmark (``sparql_worker_hop.py``) prices the killable query worker alone; this one prices
the whole request path a client sees (uvicorn, FastAPI, content negotiation, the worker hop) next to a native
SPARQL server, and checks that autocomplete is cheap enough to call on every keystroke (issue 5).

The script starts ``python -m cityref serve`` (in-memory store with Exampleton) on a free port, copies every named
graph of that store into an ``oxigraph`` directory (``GET /graphs`` then ``oxigraph load``), starts
``oxigraph serve --union-default-graph`` on it (cityref's default graph is the union too) and a second cityref that
uses that oxigraph as its remote store, checks that the servers agree, and runs each scenario for a fixed time at
each concurrency with one thread and one keep-alive connection per simulated client. Only servers it started are
stopped, by PID. The load generator is Python and shares the machine with the servers.

Run: python benchmarks/http_load.py [--duration 10] [--concurrency 1,8] [--only ask,select] [--json out.json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

SPARQL_JSON = {"Accept": "application/sparql-results+json"}
PRACTICES = (
    "PREFIX cityref: <https://w3id.org/cityref/def/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?practice ?notation ?label WHERE { ?practice a cityref:Practice ; skos:notation ?notation ; "
    'skos:prefLabel ?label FILTER(LANG(?label) = "en") } ORDER BY ?notation'
)
CANNED = "interoperability-needs"
EXAMPLETON = "https://w3id.org/cityref/graph/city/exampleton"


@dataclass
class Scenario:
    """One request repeated for the duration: ``group`` is what ``--only`` selects, ``server`` which base URL."""

    group: str
    name: str
    server: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def scenarios(canned_text: str) -> list[Scenario]:
    """The brief's five groups. SPARQL runs on cityref (embedded store), on oxigraph directly, and on a second
    cityref whose store is that oxigraph (``cityref-remote``); the canned query runs on oxigraph as plain SPARQL
    with its graph parameter bound."""
    canned_bound = f"{canned_text}\nVALUES ?city {{ <{EXAMPLETON}> }}"
    sparql = [
        Scenario(group, name, server, "/query" if server == "oxigraph" else "/sparql", {"query": text}, SPARQL_JSON)
        for group, name, text in (("ask", "ASK {}", "ASK {}"), ("select", "SELECT 17 practices, JSON", PRACTICES))
        for server in ("cityref", "oxigraph", "cityref-remote")
    ]
    return [
        *sparql,
        Scenario("autocomplete", "/autocomplete?q=inter", "cityref", "/autocomplete", {"q": "inter"}),
        Scenario("term", "/terms/B5, JSON", "cityref", "/terms/B5", headers={"Accept": "application/json"}),
        Scenario("term", "/def/B5, Turtle", "cityref", "/def/B5", headers={"Accept": "text/turtle"}),
        Scenario("canned", f"/queries/{CANNED}", "cityref", f"/queries/{CANNED}", headers=SPARQL_JSON),
        Scenario("canned", f"/queries/{CANNED}", "cityref-remote", f"/queries/{CANNED}", headers=SPARQL_JSON),
        Scenario("canned", f"{CANNED} as SPARQL", "oxigraph", "/query", {"query": canned_bound}, SPARQL_JSON),
    ]


def status_mb(pid: int, field: str) -> float:
    """One memory line of ``/proc/PID/status`` (``VmRSS``, ``VmHWM``...) in MiB; 0 when it is missing."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def free_ports(count: int) -> list[int]:
    """Ports the kernel hands out, all held open together so that no two are the same."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout_s: float = 60.0) -> None:
    """Poll until the server answers; fail early if the process has already ended."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            if httpx2.get(url, timeout=2.0).status_code < 500:
                return
        except httpx2.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"no answer from {url} after {timeout_s:.0f} s")


def copy_store(cityref_url: str, tmp: Path) -> Path:
    """Every named graph of the running cityref store, loaded into a fresh oxigraph directory."""
    listing = httpx2.get(
        f"{cityref_url}/sparql",
        params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers=SPARQL_JSON,
    ).json()
    location = tmp / "oxigraph"
    for number, row in enumerate(listing["results"]["bindings"]):
        graph = row["g"]["value"]
        dump = httpx2.get(f"{cityref_url}/graphs", params={"graph": graph}, headers={"Accept": "application/n-triples"})
        dump.raise_for_status()
        file = tmp / f"graph{number}.nt"
        file.write_bytes(dump.content)
        subprocess.run(
            ["oxigraph", "load", "--location", str(location), "--file", str(file), "--graph", graph],
            check=True,
            capture_output=True,
        )
        triples = dump.content.count(b"\n")
        print(f"copied {graph} ({triples} triples)", file=sys.stderr)
    return location


def summary(response: httpx2.Response) -> str:
    """What the answer holds, so the check lines show both servers returned the same thing."""
    if "sparql-results" not in response.headers["content-type"]:
        return response.headers["content-type"].split(";")[0]
    body = response.json()
    return f"boolean {body['boolean']}" if "boolean" in body else f"{len(body['results']['bindings'])} rows"


def run(base: str, scenario: Scenario, concurrency: int, duration_s: float, warmup_s: float) -> dict[str, Any]:
    """Closed loop: each thread sends its next request as soon as the previous answer is read."""
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors: dict[str, int] = {}
    lock = threading.Lock()
    stop_at = [0.0]

    def set_deadline() -> None:  # runs once, when every client has warmed up, before any is released
        stop_at[0] = time.perf_counter() + duration_s

    start_gate = threading.Barrier(concurrency + 1, action=set_deadline)

    def client(slot: int) -> None:
        with httpx2.Client(base_url=base, headers=scenario.headers, timeout=30.0) as http:
            warm_until = time.perf_counter() + warmup_s
            while time.perf_counter() < warm_until:
                with contextlib.suppress(httpx2.HTTPError):  # a failure here must not leave the others at the gate
                    http.get(scenario.path, params=scenario.params)
            start_gate.wait()
            mine = latencies[slot]
            while True:
                began = time.perf_counter()
                if began >= stop_at[0]:
                    return
                try:
                    status = http.get(scenario.path, params=scenario.params).status_code
                    failure = None if status < 400 else str(status)
                except httpx2.HTTPError as error:
                    failure = type(error).__name__
                if failure is None:
                    mine.append(time.perf_counter() - began)
                else:
                    with lock:
                        errors[failure] = errors.get(failure, 0) + 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    start_gate.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    ok = sorted(x for per_thread in latencies for x in per_thread)

    def pct(p: float) -> float:
        return ok[min(len(ok) - 1, int(p / 100 * len(ok)))] * 1000 if ok else float("nan")

    return {
        "scenario": scenario.name,
        "server": scenario.server,
        "concurrency": concurrency,
        "ok": len(ok),
        "rps": len(ok) / elapsed,
        "p50_ms": pct(50),
        "p95_ms": pct(95),
        "p99_ms": pct(99),
        "errors": errors,
    }


def stop(process: subprocess.Popen[bytes] | None) -> None:
    """End a server this script started (by its PID, via the Popen handle), forcefully if it lingers."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured per scenario and concurrency")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of unmeasured requests before each run")
    parser.add_argument("--concurrency", default="1,8", help="comma-separated client counts")
    parser.add_argument("--only", default="", help="groups to run: ask,select,autocomplete,term,canned")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--no-remote", action="store_true", help="skip cityref with oxigraph as its remote store")
    parser.add_argument(
        "--cityref-env", action="append", default=[], metavar="KEY=VALUE", help="extra setting for both cityrefs"
    )
    args = parser.parse_args()
    levels = [int(x) for x in args.concurrency.split(",") if x]
    groups = {x for x in args.only.split(",") if x}
    if shutil.which("oxigraph") is None:
        sys.exit("the `oxigraph` command is needed (pip install oxigraph)")

    tmp = Path(tempfile.mkdtemp(prefix="cityref-http-load-"))
    names = ("cityref", "oxigraph", "cityref-remote")
    urls = {name: f"http://127.0.0.1:{port}" for name, port in zip(names, free_ports(len(names)), strict=True)}
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITYREF_")}
    env.update({"CITYREF_LOG_JSON": "false", **dict(x.split("=", 1) for x in args.cityref_env)})
    oxigraph = None
    cityrefs: list[subprocess.Popen[bytes]] = []
    results: list[dict[str, Any]] = []

    def start_cityref(name: str, extra: dict[str, str]) -> None:
        port = urls[name].rsplit(":", 1)[1]
        with (tmp / f"{name}.log").open("wb") as log:
            cityrefs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "cityref", "serve", "--host", "127.0.0.1", "--port", port],
                    env={**env, **extra},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        wait_until_up(f"{urls[name]}/health", cityrefs[-1])

    try:
        start_cityref("cityref", {})
        location = copy_store(urls["cityref"], tmp)
        bind = urls["oxigraph"].removeprefix("http://")
        oxigraph = subprocess.Popen(
            ["oxigraph", "serve", "--location", str(location), "--bind", bind, "--union-default-graph"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(f"{urls['oxigraph']}/query?query=ASK%7B%7D", oxigraph)
        if not args.no_remote:  # it re-puts the same graphs into oxigraph at start-up, through the GSP
            ox = urls["oxigraph"]
            remote = {"STORE": "remote", "REMOTE_QUERY_URL": f"{ox}/query", "REMOTE_UPDATE_URL": f"{ox}/update"}
            remote["REMOTE_GSP_URL"] = f"{ox}/store"
            start_cityref("cityref-remote", {f"CITYREF_{k}": v for k, v in remote.items()})
        canned_text = httpx2.get(f"{urls['cityref']}/queries/{CANNED}.rq").text
        chosen = [
            s
            for s in scenarios(canned_text)
            if (not groups or s.group in groups) and not (args.no_remote and s.server == "cityref-remote")
        ]
        answers: dict[str, set[str]] = {}
        for scenario in chosen:  # same answers from every server, or the comparison means nothing
            answer = httpx2.get(urls[scenario.server] + scenario.path, params=scenario.params, headers=scenario.headers)
            answer.raise_for_status()
            if "sparql-results" in answer.headers["content-type"]:
                answers.setdefault(scenario.group, set()).add(summary(answer))
            what = f"{summary(answer)}, {len(answer.content)} bytes"
            print(f"check {scenario.server:8} {scenario.name}: {what}", file=sys.stderr)
        if differing := {group: found for group, found in answers.items() if len(found) > 1}:
            raise SystemExit(f"the servers disagree: {differing}")
        print("| scenario | server | clients | req/s | p50 ms | p95 ms | p99 ms | errors |")
        print("|---|---|---|---|---|---|---|---|")
        for scenario in chosen:
            for level in levels:
                r = run(urls[scenario.server], scenario, level, args.duration, args.warmup)
                results.append(r)
                errors = ", ".join(f"{n}× {k}" for k, n in sorted(r["errors"].items())) or "0"
                print(
                    f"| {r['scenario']} | {r['server']} | {level} | {r['rps']:.0f} | {r['p50_ms']:.2f} "
                    f"| {r['p95_ms']:.2f} | {r['p99_ms']:.2f} | {errors} |",
                    flush=True,
                )
    finally:
        for process in reversed(cityrefs):
            stop(process)
        stop(oxigraph)
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
