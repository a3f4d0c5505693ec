"""The gate's slots: work that goes on after ``run`` has returned (``then``) keeps its slot until it ends."""

from __future__ import annotations

import asyncio
import threading

import pytest

from cityref.errors import Busy
from cityref.workers.gate import Gate


def test_work_that_goes_on_keeps_the_slot_until_it_ends() -> None:
    async def scenario() -> None:
        gate = Gate("test", slots=1, queue=0)
        go_on = threading.Event()
        ended = threading.Event()

        def follow() -> None:
            go_on.wait(10)
            ended.set()

        result = await gate.run(5, lambda remaining: remaining > 0, then=lambda ok: follow if ok else None)
        assert result is True  # the caller has its answer while the slot is still taken
        assert gate.running == 1
        with pytest.raises(Busy):  # one slot, no queue: a second request is refused at once
            await gate.run(5, lambda remaining: None)
        go_on.set()
        for _ in range(200):
            if gate.running == 0:
                break
            await asyncio.sleep(0.01)
        assert ended.is_set() and gate.running == 0
        assert await gate.run(5, lambda remaining: "free again") == "free again"
        gate.close()

    asyncio.run(scenario())


def test_nothing_to_go_on_with_and_a_failing_then_both_free_the_slot() -> None:
    async def scenario() -> None:
        gate = Gate("test", slots=1, queue=0)
        assert await gate.run(5, lambda remaining: 1, then=lambda value: None) == 1
        assert gate.running == 0

        def broken(value: int) -> None:
            raise RuntimeError("no")

        assert await gate.run(5, lambda remaining: 2, then=broken) == 2
        assert gate.running == 0
        with pytest.raises(ZeroDivisionError):  # the work's own failure: nothing goes on, the slot is freed
            await gate.run(5, lambda remaining: 1 / 0, then=lambda value: lambda: None)
        assert gate.running == 0
        gate.close()

    asyncio.run(scenario())
