"""Start-up time and memory of ``cityref serve`` with a generated city on disk.

The script loads a city of ``--triples`` (``citygen.py``) into a new data directory with ``cityref load``, then
starts ``cityref serve`` on it ``--runs`` times: each run is timed from the process start to the first 200 from
``/health``, then the resident memory of the server and of each worker it started is read from ``/proc``. Only
the servers it started are stopped, by PID.

    python benchmarks/startup.py --triples 1000000
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2
from citygen import generate
from http_load import free_ports, status_mb, stop

GRAPH = "https://city.example/graph/city"


def rss_mb(pid: int) -> float:
    return status_mb(pid, "VmRSS")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cityref-startup-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITYREF_")}
    env["CITYREF_LOG_JSON"] = "false"
    try:
        city = tmp / "city.nt"
        lines, _ = generate(args.triples)
        city.write_text("\n".join(lines) + "\n", encoding="utf-8")
        data = tmp / "data"
        load = [sys.executable, "-m", "cityref", "load", str(city), "--graph", GRAPH, "--data-dir", str(data)]
        subprocess.run(load, env=env, check=True, capture_output=True)
        times, servers, workers = [], [], []
        for _ in range(args.runs):
            (port,) = free_ports(1)
            started = time.perf_counter()
            serve = [sys.executable, "-m", "cityref", "serve", "--data-dir", str(data), "--port", str(port)]
            process = subprocess.Popen(serve, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                while True:
                    try:
                        if httpx2.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                            break
                    except httpx2.TransportError:
                        pass
                    if process.poll() is not None:
                        sys.exit(f"cityref serve exited with {process.returncode}")
                    time.sleep(0.05)
                times.append(time.perf_counter() - started)
                servers.append(rss_mb(process.pid))
                workers.append(sum(rss_mb(c) for c in children(process.pid)))
            finally:
                stop(process)
        print(f"{len(lines)} triples on disk; {args.runs} starts\n")
        print("| start to first /health (s) | server RSS (MB) | its workers' RSS, together (MB) |")
        print("|---|---|---|")
        median = statistics.median
        print(f"| {median(times):.2f} | {median(servers):.0f} | {median(workers):.0f} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
