"""How fast ``/health`` and ``/terms/B5`` answer while the validation and query queues are full.

50 validations of a 6,000-triple register and 50 slow queries are sent at once to a real server (``python -m
cityref serve``, two validation workers, two query slots, eight waiting places each); while requests wait,
``/health`` and ``/terms/B5`` are timed from one client. The target (issue 8): each within 100 ms.
``tests/security/test_starvation.py`` asserts that they answer at all; this script measures.

    python benchmarks/starvation.py [--samples 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx2 as httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.validate_devices import register
from tests.faults.conftest import ServerProcess

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def waiting(client: httpx.Client) -> float:
    text = client.get("/metrics").text
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith("cityref_work_waiting"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=50)
    args = parser.parse_args()
    body = register(6000 // 18).encode()
    with tempfile.TemporaryDirectory() as tmp:
        server = ServerProcess(
            Path(tmp) / "data",
            validation_workers=2,
            validation_queue=8,
            validation_timeout_s=60,
            max_concurrent_queries=2,
            query_queue=8,
            max_query_timeout_s=30,
            rate_limit_validate="none",
            rate_limit_sparql="none",
        )
        server.start()
        try:

            def send(kind: str) -> None:
                with httpx.Client(base_url=server.url, timeout=120) as client:
                    if kind == "validate":
                        client.post(
                            "/validate",
                            params={"profile": "iot-device-register"},
                            content=body,
                            headers={"Content-Type": "text/turtle"},
                        )
                    else:
                        client.get("/sparql", params={"query": RUNAWAY, "timeout": "30"})

            threads = [threading.Thread(target=send, args=(k,)) for k in ["validate", "query"] * 50]
            for thread in threads:
                thread.start()
            timings: dict[str, list[float]] = {"/health": [], "/terms/B5": []}
            with httpx.Client(base_url=server.url, timeout=30) as quick:
                deadline = time.monotonic() + 30
                while waiting(quick) < 16 and time.monotonic() < deadline:
                    time.sleep(0.05)
                full = waiting(quick)
                for _ in range(args.samples):
                    for path in timings:
                        started = time.perf_counter()
                        assert quick.get(path).status_code == 200
                        timings[path].append(time.perf_counter() - started)
                still = waiting(quick)
            for thread in threads:
                thread.join()
        finally:
            server.stop()
    print(f"requests waiting when sampling began: {full:.0f}; when it ended: {still:.0f}")
    print("| route | samples | median (ms) | p95 (ms) | max (ms) |\n|---|---|---|---|---|")
    for path, times in timings.items():
        cuts = statistics.quantiles(times, n=20)
        print(
            f"| {path} | {len(times)} | {statistics.median(times) * 1000:.1f} | {cuts[18] * 1000:.1f} | "
            f"{max(times) * 1000:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
