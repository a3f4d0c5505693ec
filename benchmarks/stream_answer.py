"""A long `/sparql` answer sent whole or in parts: time to the first byte, time to the last, and the server's peak
memory, over real HTTP on loopback.

Each run starts ``cityref serve`` on its embedded defaults (Exampleton in memory), once with
``CITYREF_RESULT_STREAM_BYTES=0`` (the answer is held whole by the worker and by the server, then sent) and once
with the default (sent on in parts as the worker writes it), in turn. Each asks one ``SELECT`` of every triple
``--copies`` times over (a ``VALUES`` of that many numbers), row cap and byte cap raised to let it through, reads it
to the end over a plain socket, and reads the server's peak resident memory (``VmHWM``) before and after. Only the
servers it started are stopped, by PID.

With ``--remote`` cityref's store is an ``oxigraph serve`` of its own (started on an empty folder for each run,
cityref puts Exampleton in it): the store's capped answer is written again in the server, whole or in parts, and
the peak is cityref's process alone.

    python benchmarks/stream_answer.py --copies 4 --runs 3
    python benchmarks/stream_answer.py --copies 4 --runs 3 --remote
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

import httpx2
from http_load import free_ports, status_mb, stop

FORMATS = {"json": "application/sparql-results+json", "csv": "text/csv"}


def peak_mb(pid: int) -> float:
    return status_mb(pid, "VmHWM")


def one(mode: str, copies: int, accept: str, remote: bool = False) -> dict[str, float]:
    if not remote:
        return served(mode, copies, accept, {})
    (port,) = free_ports(1)
    with tempfile.TemporaryDirectory() as folder:
        command = ["oxigraph", "serve", "--location", folder, "--bind", f"127.0.0.1:{port}", "--timeout-s", "120"]
        store = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            extra = {
                "CITYREF_STORE": "remote",
                "CITYREF_REMOTE_QUERY_URL": base + "/query",
                "CITYREF_REMOTE_UPDATE_URL": base + "/update",
                "CITYREF_REMOTE_GSP_URL": base + "/store",
            }
            return served(mode, copies, accept, extra)
        finally:
            stop(store)


def served(mode: str, copies: int, accept: str, extra: dict[str, str]) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITYREF_")}
    env.update(CITYREF_LOG_JSON="false", CITYREF_RESULT_ROW_CAP="100000000", CITYREF_RESULT_MAX_BYTES=str(2**31),
               CITYREF_QUERY_TIMEOUT_S="120", CITYREF_MAX_QUERY_TIMEOUT_S="120",
               CITYREF_RATE_LIMIT_SPARQL="none")  # fmt: skip
    env.update(extra)
    if mode == "whole":
        env["CITYREF_RESULT_STREAM_BYTES"] = "0"
    (port,) = free_ports(1)
    serve = [sys.executable, "-m", "cityref", "serve", "--port", str(port)]
    process = subprocess.Popen(serve, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx2.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                    break
            except httpx2.TransportError:
                time.sleep(0.1)
        numbers = " ".join(str(n) for n in range(copies))
        query = f"SELECT * WHERE {{ ?s ?p ?o VALUES ?n {{ {numbers} }} }}"
        before = peak_mb(process.pid)
        path = "/sparql?" + urllib.parse.urlencode({"query": query})
        # a raw socket read to the end (Connection: close): http.client's chunked decoding would be what is timed
        with socket.create_connection(("127.0.0.1", port), timeout=300) as sock:
            started = time.perf_counter()
            sock.sendall(
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {accept}\r\nConnection: close\r\n\r\n".encode()
            )
            first = sock.recv(1 << 20)
            first_s = time.perf_counter() - started
            size = len(first)
            while chunk := sock.recv(1 << 20):
                size += len(chunk)
            last_s = time.perf_counter() - started
        assert first.startswith(b"HTTP/1.1 200"), first[:100]
        return {"first_s": first_s, "last_s": last_s, "mb": size / 1e6, "peak_before": before,
                "peak_after": peak_mb(process.pid)}  # fmt: skip
    finally:
        stop(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", choices=sorted(FORMATS), default="json")
    parser.add_argument("--remote", action="store_true", help="cityref over an oxigraph serve of its own")
    args = parser.parse_args()
    found: dict[str, list[dict[str, float]]] = {"whole": [], "parts": []}
    for _ in range(args.runs):
        for mode in ("whole", "parts"):
            found[mode].append(one(mode, args.copies, FORMATS[args.format], args.remote))
    store = "the remote backend" if args.remote else "the embedded store"
    print(f"`SELECT * {{ ?s ?p ?o }}` x {args.copies} over Exampleton on {store}, {args.format}, ", end="")
    print(f"medians of {args.runs}")
    print()
    print("| sent | answer MB | first byte s | last byte s | server peak MiB before | after | growth |")
    print("|---|---|---|---|---|---|---|")
    for mode, runs in found.items():

        def med(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(r[key] for r in runs)

        growth = statistics.median(r["peak_after"] - r["peak_before"] for r in runs)
        print(f"| {mode} | {med('mb'):.1f} | {med('first_s'):.2f} | {med('last_s'):.2f} | {med('peak_before'):.0f} "
              f"| {med('peak_after'):.0f} | {growth:.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()
