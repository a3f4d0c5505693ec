"""A worker that does nothing useful on purpose: it proves the sandbox works.

The server starts one at start-up and asks it to open a connection and to allocate past its limit; ``/health``
reports what happened. The tests use the same operations to show each defence on its own, without any check of a
query's text in the way.
"""

from __future__ import annotations

import functools
import os
import socket
import time
from typing import Any

from cityref.errors import BadRequest
from cityref.workers.process import WorkerCrashed, WorkerPool, WorkerSpec


class Probe:
    def handle(self, op: str, payload: Any) -> Any:
        if op == "echo":
            return payload
        if op == "connect":
            host, port = payload
            try:
                with socket.create_connection((host, port), timeout=2):
                    return "connected"
            except PermissionError:
                return "denied"
            except OSError as error:
                return f"failed: {error}"
        if op == "allocate":
            block = bytearray(int(payload))  # touched, so it is really resident
            block[::4096] = b"x" * len(block[::4096])
            return len(block)
        if op == "hold":
            self.held = bytearray(int(payload))  # stays resident after the reply: a worker to recycle
            self.held[::4096] = b"x" * len(self.held[::4096])
            return len(self.held)
        if op == "sleep":
            time.sleep(float(payload))
            return "slept"
        if op == "abort":
            os.abort()
        if op == "raise":
            raise RuntimeError(str(payload))
        if op == "refuse":
            raise BadRequest(str(payload), reason="probe")
        raise BadRequest(f"unknown probe operation {op!r}")


@functools.cache
def sandbox_self_test() -> dict[str, object]:
    """Whether a worker started here really cannot open a connection, checked once per process by starting a probe
    worker and asking it to: the kernel's answer, not the configuration's claim. ``/health`` reports it."""
    pool = WorkerPool(WorkerSpec("probe", "cityref.workers.probe:Probe", require_sandbox=False), 1)
    try:
        outcome = pool.run("connect", ("127.0.0.1", 9), deadline=time.monotonic() + 30)
        facts = pool.facts()
    except WorkerCrashed as error:
        return {"networkDenied": False, "problem": str(error)}
    finally:
        pool.close()
    return {"networkDenied": outcome == "denied", "problem": facts.get("sandbox_problem")}
