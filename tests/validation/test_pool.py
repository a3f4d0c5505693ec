"""The worker pool's budget: waiting for a slot counts against it, and running out of it while waiting kills
nothing."""

from __future__ import annotations

from typing import Any

import pytest

from cityref.errors import Busy
from cityref.validation.pool import WorkerPool


def _echo(job: Any) -> tuple[str, Any]:
    return "ok", job


def test_no_free_slot_within_the_budget_is_busy() -> None:
    workers = WorkerPool(1)
    held = workers._free.get()  # another caller holds the only slot
    try:
        with pytest.raises(Busy):
            workers.run(_echo, 1, timeout_s=0.01)
    finally:
        workers._free.put(held)


def test_a_budget_spent_before_the_run_starts_spawns_no_worker() -> None:
    workers = WorkerPool(1)
    with pytest.raises(Busy):
        workers.run(_echo, 1, timeout_s=0)
    assert workers._executors == {0: None}, "no process was started for a job that had no time left"
    assert workers._free.qsize() == 1, "the slot is free again"
