"""One term lookup's CPU cost in process: the ASGI app called directly, no HTTP, no load generator, so that a few
microseconds show through a noisy machine where ``terms_wrk.py`` cannot resolve them. cityref's app (JSON or text
access log, as set) against ``bare_app.py`` answering the same bytes.

    python benchmarks/terms_inprocess.py --path /terms/B5 --rounds 5 --calls 2000

Each figure is CPU seconds over ``--calls`` calls divided by the calls, after 1,000 calls of warm-up; the table
gives the minimum and the median of ``--rounds`` rounds. Run it with ``PYTHONPATH=<other checkout>/src`` for a
before-and-after comparison, in turn.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


async def _call(app: Any, path: str, accept: bytes) -> int:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"accept", accept)], "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 80),
    }  # fmt: skip
    await app(scope, receive, send)
    return int(sent[0]["status"])


async def _measure(app: Any, path: str, accept: bytes, rounds: int, calls: int) -> list[float]:
    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    lifespan = asyncio.create_task(
        app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, inbox.get, outbox.put)
    )
    await inbox.put({"type": "lifespan.startup"})
    await outbox.get()
    status = await _call(app, path, accept)
    if status != 200:
        sys.exit(f"{path} answered {status}")
    for _ in range(1000):
        await _call(app, path, accept)
    costs = []
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(calls):
            await _call(app, path, accept)
        costs.append((time.process_time() - started) / calls)
    await inbox.put({"type": "lifespan.shutdown"})
    await outbox.get()
    await lifespan
    return costs


def _cityref_app(log_json: bool) -> Any:
    from cityref import Settings, create_app

    return create_app(Settings(log_json=log_json))


def _bare_app(path: str, accept: bytes) -> Any:
    from fastapi.testclient import TestClient

    with TestClient(_cityref_app(True)) as client:
        answer = client.get(path, headers={"Accept": accept.decode()})
    body = Path(tempfile.mkdtemp(prefix="cityref-bare-")) / "body"
    body.write_bytes(answer.content)
    os.environ["CITYREF_BARE_BODY"] = str(body)
    os.environ["CITYREF_BARE_TYPE"] = answer.headers["content-type"]
    sys.path.insert(0, str(HERE))
    import bare_app

    return bare_app.app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/terms/B5")
    parser.add_argument("--accept", default="application/json")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    accept = args.accept.encode()
    print(f"`{args.path}`, CPU µs a call, {args.rounds} rounds of {args.calls}\n")
    print("| app | min | median |")
    print("|---|---|---|")
    apps = {
        "bare FastAPI route": lambda: _bare_app(args.path, accept),
        "cityref, JSON access log": lambda: _cityref_app(True),
        "cityref, text access log": lambda: _cityref_app(False),
    }
    for name, make in apps.items():
        costs = asyncio.run(_measure(make(), args.path, accept, args.rounds, args.calls))
        print(f"| {name} | {min(costs) * 1e6:.1f} | {statistics.median(costs) * 1e6:.1f} |", flush=True)


if __name__ == "__main__":
    main()
