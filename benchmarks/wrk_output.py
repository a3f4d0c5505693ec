"""Reading what ``wrk --latency`` prints: answered requests per second (a refusal such as a 503 is not
throughput), the 99th-percentile latency, and how many answers were not 2xx or 3xx."""

from __future__ import annotations

import re

_SCALE = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def read(out: str) -> dict[str, float]:
    total = int(re.search(r"(\d+) requests in", out)[1])  # type: ignore[index]
    seconds = total / float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    refused = int(bad[1]) if bad else 0
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    return {
        "rps": (total - refused) / seconds,
        "non2xx": refused,
        "socket_errors": sum(int(x) for x in errors.groups()) if errors else 0,
        "p99_ms": float(p99[1]) * _SCALE[p99[2]] if p99 else float("nan"),
    }
