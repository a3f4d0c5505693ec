"""Load and faults, proven: 16 clients for 60 s mixing term lookups, searches, canned queries and small
validations while a city graph is replaced every 2 s. No answer may be an error other than a deliberate 503 or
429, and every read of the replaced graph must see one whole version of it.

The latencies it measures are recorded in docs/benchmarks.md (``python benchmarks/load_mix.py``); this test
asserts correctness only.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.load_mix import run
from tests.conftest import UNLIMITED
from tests.faults.conftest import KEY, ServerProcess


def test_sixteen_clients_for_a_minute_while_a_graph_is_replaced_every_two_seconds(tmp_path: Path) -> None:
    # all sixteen clients share 127.0.0.1: without this the per-address rate limits would answer most requests
    server = ServerProcess(tmp_path / "data", load_examples=True, **UNLIMITED)
    server.start()
    try:
        report = run(server.url, KEY, clients=16, duration_s=60.0, every_s=2.0)
    finally:
        server.stop()
    print(report.table())
    assert report.errors == []
    assert report.mixed_reads == []
    assert report.replacements >= 25, "the graph was not replaced often enough to test anything"
    for kind in ("term", "search", "canned", "validate", "census"):
        assert report.statuses[kind][200] > 0, f"no {kind} request succeeded"
