"""Term lookups and search under ``wrk`` at 16 clients: cityref against a bare FastAPI route that answers the same
bytes (``bare_app.py``), the ceiling of the framework on this machine.

The script starts ``cityref serve`` (embedded defaults) and, for each request, a bare app serving the bytes cityref
gave for it; each runs ``--duration`` seconds under ``wrk -t2 -c16``. Only servers it started are stopped, by PID.

    python benchmarks/terms_wrk.py --duration 10 [--cityref-env CITYREF_HOT_ROUTES=false] [--only /terms/B5]
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
from http_load import free_ports, stop, wait_until_up

REQUESTS = [
    ("/terms/B5", "application/json"),
    ("/def/B5", "text/turtle"),
    ("/search?q=interoperability", "application/json"),
    ("/autocomplete?q=inter", "application/json"),
]
HERE = Path(__file__).resolve().parent


def wrk(url: str, accept: str, clients: int, duration: float) -> tuple[float, float, int]:
    """(answered req/s, p99 ms, non-2xx) for ``url``."""
    done = subprocess.run(
        ["wrk", "-t2", f"-c{clients}", f"-d{duration:.0f}s", "--latency", "-H", f"Accept: {accept}", url],
        capture_output=True,
        text=True,
        check=True,
    )
    got = wrk_output.read(done.stdout)
    return got["rps"], got["p99_ms"], int(got["non2xx"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument(
        "--cityref-env", action="append", default=[], metavar="NAME=VALUE", help="a setting for cityref serve"
    )
    parser.add_argument("--only", action="append", default=[], metavar="PATH", help="measure this request alone")
    args = parser.parse_args()
    wanted = [(path, accept) for path, accept in REQUESTS if not args.only or path in args.only]
    if not wanted:
        sys.exit(f"--only names none of {[path for path, _ in REQUESTS]}")
    if shutil.which("wrk") is None:
        sys.exit("the `wrk` command is needed (apt-get install wrk)")
    tmp = Path(tempfile.mkdtemp(prefix="cityref-terms-wrk-"))
    cityref_port, bare_port = free_ports(2)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITYREF_")}
    env.update({"CITYREF_LOG_JSON": "false", "CITYREF_RATE_LIMIT_RESOLVE": "none"})
    cityref_env = dict(pair.split("=", 1) for pair in args.cityref_env)
    base = f"http://127.0.0.1:{cityref_port}"
    processes: list[subprocess.Popen[bytes]] = []
    try:
        serve = [sys.executable, "-m", "cityref", "serve", "--port", str(cityref_port)]
        with (tmp / "cityref.log").open("wb") as log:
            processes.append(subprocess.Popen(serve, env={**env, **cityref_env}, stdout=log, stderr=subprocess.STDOUT))
        wait_until_up(f"{base}/health", processes[0], timeout_s=120)
        print(f"wrk -t2 -c{args.clients}, {args.duration:.0f} s per cell\n")
        print("| request | cityref req/s (p99 ms) | bare FastAPI req/s (p99 ms) | ratio |")
        print("|---|---|---|---|")
        for path, accept in wanted:
            answer = httpx2.get(base + path, headers={"Accept": accept})
            answer.raise_for_status()
            body = tmp / "body"
            body.write_bytes(answer.content)
            bare_env = {**env, "CITYREF_BARE_BODY": str(body), "CITYREF_BARE_TYPE": answer.headers["content-type"]}
            bare = [sys.executable, "-m", "uvicorn", "bare_app:app", "--port", str(bare_port), "--no-access-log"]
            processes.append(
                subprocess.Popen(bare, env=bare_env, cwd=HERE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            )
            wait_until_up(f"http://127.0.0.1:{bare_port}/x", processes[-1])
            ours = wrk(base + path, accept, args.clients, args.duration)
            ceiling = wrk(f"http://127.0.0.1:{bare_port}{path}", accept, args.clients, args.duration)
            stop(processes.pop())
            refused = f", {ours[2]} refused" if ours[2] else ""
            print(
                f"| `{path}` | {ours[0]:.0f} ({ours[1]:.1f}{refused}) | {ceiling[0]:.0f} ({ceiling[1]:.1f}) "
                f"| {ours[0] / ceiling[0]:.2f} |",
                flush=True,
            )
    finally:
        for process in reversed(processes):
            stop(process)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
