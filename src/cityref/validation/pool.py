"""Worker processes for validations with a time budget: killed, really stopping the work, when time runs out.

Each slot is a one-process pool, so a timeout kills only its own job and the slot gets a fresh process on its next
job. Workers are spawned (not forked) so that they never inherit a server's threads and locks. Callers queue for a
free slot within their budget, then get :class:`Busy`; the wait counts against the budget.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any, TypeVar

from cityref.errors import BudgetExceeded, Busy, CityrefError

J = TypeVar("J")


class WorkerPool:
    """Worker slots, each a one-process pool that is killed and replaced when its job runs out of time."""

    def __init__(self, slots: int = 2) -> None:
        self.slots = slots
        self._free: queue.Queue[int] = queue.Queue()
        self._executors: dict[int, ProcessPoolExecutor | None] = {}
        self._lock = threading.Lock()
        for slot in range(slots):
            self._executors[slot] = None
            self._free.put(slot)

    def _executor(self, slot: int) -> ProcessPoolExecutor:
        with self._lock:
            executor = self._executors[slot]
            if executor is None:
                executor = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
                self._executors[slot] = executor
            return executor

    def _kill(self, slot: int) -> None:
        with self._lock:
            executor, self._executors[slot] = self._executors[slot], None
        if executor is not None:
            for process in list(getattr(executor, "_processes", {}).values()):
                process.kill()
            executor.shutdown(wait=False, cancel_futures=True)

    def run(self, function: Callable[[J], tuple[str, Any]], job: J, timeout_s: float) -> tuple[str, Any]:
        """Run ``function(job)`` in a worker; it must be importable by name (the worker is a fresh process).

        ``timeout_s`` is the whole budget: time spent waiting for a free slot is taken from the run's share.
        """
        deadline = time.monotonic() + timeout_s
        try:
            slot = self._free.get(timeout=timeout_s)
        except queue.Empty:
            raise Busy("Every validation worker is busy; try again later") from None
        try:
            remaining = deadline - time.monotonic()
            if remaining <= 0:  # the wait used the whole budget: say so without killing a warm worker
                raise Busy("Every validation worker was busy for the whole time budget; try again later")
            try:
                # submit inside the try: an executor whose process died while idle is broken and must be replaced
                future: Future[tuple[str, Any]] = self._executor(slot).submit(function, job)
                return future.result(timeout=remaining)
            except FutureTimeout:
                self._kill(slot)
                raise BudgetExceeded(
                    f"Validation did not finish within {timeout_s:g} s and was stopped", limit="validation_timeout_s"
                ) from None
            except BrokenProcessPool:
                self._kill(slot)
                raise CityrefError("The validation worker stopped unexpectedly") from None
        finally:
            self._free.put(slot)

    def shutdown(self) -> None:
        for slot in list(self._executors):
            self._kill(slot)


_POOL: WorkerPool | None = None


def pool() -> WorkerPool:
    """The process-wide pool, made on first use."""
    global _POOL
    if _POOL is None:
        _POOL = WorkerPool()
    return _POOL


def configure(slots: int) -> WorkerPool:
    """Size the process-wide pool (the app's lifespan does this from ``Settings.validation_workers``)."""
    global _POOL
    if _POOL is None or _POOL.slots != slots:
        if _POOL is not None:
            _POOL.shutdown()
        _POOL = WorkerPool(slots)
    return _POOL
