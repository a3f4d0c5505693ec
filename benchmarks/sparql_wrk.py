"""``/sparql`` under a C load generator: cityref against ``oxigraph serve`` (the ceiling) and rdflib-endpoint (the
Python peer), over the same generated city, side by side in one run.

The script generates a city (``citygen.py``), loads it into a cityref data directory with ``cityref load``, starts
``cityref serve`` on it, copies every graph cityref holds (the city, the ontology, the profiles, Exampleton) into
an oxigraph directory served with ``--union-default-graph`` (cityref's default graph is the union too) and into
one N-Triples file served by rdflib-endpoint. It checks that the three give the same number of rows for each
query, then runs ``wrk`` (POST, ``application/sparql-query``, JSON results) for ``--duration`` seconds per query
and client count. Only the servers it started are stopped, by PID.

    python benchmarks/sparql_wrk.py --triples 100000 --duration 10 --rdflib-endpoint /path/to/venv/bin/rdflib-endpoint

rdflib-endpoint is not a dependency of cityref: install it in a virtual environment of its own
(``python3 -m venv /tmp/rdfep && /tmp/rdfep/bin/pip install rdflib-endpoint uvicorn``) and name its command;
without ``--rdflib-endpoint`` that column is left out.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx2
import wrk_output
from citygen import generate
from http_load import copy_store, free_ports, stop, wait_until_up
from sparql_path import GRAPH, QUERIES

JSON = "application/sparql-results+json"
LUA = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/sparql-query"
wrk.headers["Accept"] = "{accept}"
wrk.body = {body}
"""


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def wrk(url: str, query: str, clients: int, duration: float, folder: Path) -> dict[str, float]:
    script = folder / "post.lua"
    script.write_text(LUA.format(accept=JSON, body=lua_string(query)), encoding="utf-8")
    threads = min(clients, 2)
    done = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{clients}", f"-d{duration:.0f}s", "--latency", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    )
    return wrk_output.read(done.stdout)


def rows(url: str, query: str) -> str:
    answer = httpx2.post(
        url, content=query.encode(), headers={"Content-Type": "application/sparql-query", "Accept": JSON}, timeout=120
    )
    answer.raise_for_status()
    body = answer.json()
    return f"boolean {body['boolean']}" if "boolean" in body else f"{len(body['results']['bindings'])} rows"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--clients", default="1,8")
    parser.add_argument("--only", default="", help="comma-separated query names (see sparql_path.QUERIES)")
    parser.add_argument("--rdflib-endpoint", help="the rdflib-endpoint command of a venv that has it")
    parser.add_argument("--cityref-env", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args()
    for command in ("wrk", "oxigraph"):
        if shutil.which(command) is None:
            sys.exit(f"the `{command}` command is needed (wrk: apt-get install wrk; oxigraph: pip install oxigraph)")
    levels = [int(x) for x in args.clients.split(",") if x]
    chosen = {k: v for k, v in QUERIES.items() if not args.only or k in args.only.split(",")}
    tmp = Path(tempfile.mkdtemp(prefix="cityref-wrk-"))
    names = ("cityref", "oxigraph", "rdflib-endpoint")
    ports = dict(zip(names, free_ports(len(names)), strict=True))
    urls = {
        "cityref": f"http://127.0.0.1:{ports['cityref']}/sparql",
        "oxigraph": f"http://127.0.0.1:{ports['oxigraph']}/query",
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITYREF_")}
    env.update({"CITYREF_LOG_JSON": "false"})
    env.update({f"CITYREF_RATE_LIMIT_{g}": "none" for g in ("SPARQL", "QUERIES", "VALIDATE", "RESOLVE", "RECONCILE")})
    env.update(dict(x.split("=", 1) for x in args.cityref_env))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        city = tmp / "city.nt"
        lines, _ = generate(args.triples)
        city.write_text("\n".join(lines) + "\n", encoding="utf-8")
        data = tmp / "data"
        subprocess.run(
            [sys.executable, "-m", "cityref", "load", str(city), "--graph", GRAPH, "--data-dir", str(data)],
            env=env,
            check=True,
            capture_output=True,
        )
        serve = [sys.executable, "-m", "cityref", "serve", "--data-dir", str(data), "--port", str(ports["cityref"])]
        with (tmp / "cityref.log").open("wb") as log:
            processes.append(subprocess.Popen(serve, env=env, stdout=log, stderr=subprocess.STDOUT))
        base = urls["cityref"].removesuffix("/sparql")
        wait_until_up(f"{base}/health", processes[-1], timeout_s=300)
        location = copy_store(base, tmp)
        bind = f"127.0.0.1:{ports['oxigraph']}"
        serve = ["oxigraph", "serve", "--location", str(location), "--bind", bind, "--union-default-graph"]
        processes.append(subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_until_up(urls["oxigraph"] + "?query=ASK%7B%7D", processes[-1])
        if args.rdflib_endpoint:
            merged = tmp / "all.nt"
            with merged.open("wb") as out:
                for dump in sorted(tmp.glob("graph*.nt")):
                    out.write(dump.read_bytes())
            port = str(ports["rdflib-endpoint"])
            serve = [args.rdflib_endpoint, "serve", str(merged), "--host", "127.0.0.1", "--port", port]
            processes.append(subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            urls["rdflib-endpoint"] = f"http://127.0.0.1:{ports['rdflib-endpoint']}/"
            wait_until_up(urls["rdflib-endpoint"] + "?query=ASK%7B%7D", processes[-1], timeout_s=600)
        for name, query in chosen.items():  # the same answer everywhere, or the comparison means nothing
            found = {server: rows(url, query) for server, url in urls.items()}
            print(f"check {name}: {found}", file=sys.stderr)
            if len(set(found.values())) > 1:
                sys.exit(f"the servers disagree on {name}: {found}")
        servers = list(urls)
        print(f"{len(lines)} generated triples; wrk {args.duration:.0f} s per cell; req/s (p99 ms)\n")
        head = " | ".join(servers)
        print(f"| query | clients | {head} | cityref / oxigraph | cityref / rdflib-endpoint |")
        print("|---|---|" + "---|" * (len(servers) + 2))
        for name, query in chosen.items():
            for level in levels:
                got = {server: wrk(url, query, level, args.duration, tmp) for server, url in urls.items()}
                cells = []
                for server in servers:
                    g = got[server]
                    refused = f", {g['non2xx']:.0f} refused" if g["non2xx"] else ""
                    cells.append(f"{g['rps']:.0f} ({g['p99_ms']:.1f}{refused})")
                ratio_ox = got["cityref"]["rps"] / got["oxigraph"]["rps"]
                ratio_rdflib = (
                    f"{got['cityref']['rps'] / got['rdflib-endpoint']['rps']:.2f}" if "rdflib-endpoint" in got else "-"
                )
                print(f"| {name} | {level} | {' | '.join(cells)} | {ratio_ox:.2f} | {ratio_rdflib} |", flush=True)
    finally:
        for process in reversed(processes):
            stop(process)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
