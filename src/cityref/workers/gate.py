"""Admission to one kind of work (queries, validations, writes): a few run at once, a bounded number wait, the rest
hear at once that the service is busy.

Waiting happens on the event loop, not in a thread: a request queued behind slow validations holds no thread, so
the threads that serve ``/health``, term lookups and pages stay free however long the queue. Work that is admitted
runs on the gate's own threads (one per slot), never on the pool that synchronous routes share. The time spent
waiting comes out of the request's budget.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from cityref.errors import Busy, Said

log = logging.getLogger("cityref.workers")

T = TypeVar("T")


class Gate:
    """``slots`` run at once, ``queue`` more may wait; a request beyond that gets :class:`Busy` (503) at once."""

    def __init__(self, name: str, slots: int, queue: int, retry_after_s: int = 2) -> None:
        self.name = name
        self.slots = max(1, slots)
        self.queue = max(0, queue)
        self.retry_after_s = retry_after_s
        self.running = 0
        self.waiting = 0
        self.refused = 0
        self._semaphore: asyncio.Semaphore | None = None
        self._executor = ThreadPoolExecutor(max_workers=self.slots, thread_name_prefix=f"cityref-{name}")

    def _busy(self, detail: str) -> Busy:
        self.refused += 1
        return Busy(detail, headers={"Retry-After": str(self.retry_after_s)}, work=self.name)

    async def run(
        self,
        timeout_s: float,
        work: Callable[[float], T],
        *,
        then: Callable[[T], Callable[[], object] | None] | None = None,
    ) -> T:
        """Wait for a slot (at most ``timeout_s``), then run ``work(remaining_s)`` on the gate's threads.

        ``remaining_s`` is what is left of the budget once a slot is free. If the caller goes away (the client
        disconnected), the slot stays taken until the work itself ends: the worker it drives is still busy.

        ``then(result)``, when given, may return more work that goes on in the same slot after ``work`` has
        returned (sending a long answer on, say): it runs on the gate's threads, whether or not the caller is still
        there, and the slot is freed when it ends.
        """
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.slots)
        semaphore = self._semaphore
        deadline = time.monotonic() + timeout_s
        if semaphore.locked():
            if self.waiting >= self.queue:
                raise self._busy(
                    Said(
                        "The %(work)s queue is full (%(waiting)s waiting); try again shortly",
                        work=Said(self.name),
                        waiting=self.queue,
                    )
                )
            self.waiting += 1
            try:
                await asyncio.wait_for(semaphore.acquire(), timeout=max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise self._busy(
                    Said(
                        "Every %(work)s slot stayed busy for the whole %(seconds)s s budget; try again later",
                        work=Said(self.name),
                        seconds=f"{timeout_s:g}",
                    )
                ) from None
            finally:
                self.waiting -= 1
        else:
            await semaphore.acquire()
        self.running += 1
        loop = asyncio.get_running_loop()

        def release(finished: asyncio.Future[object] | None = None) -> None:
            if finished is not None and not finished.cancelled() and finished.exception() is not None:
                log.error("work that went on in a %s slot failed: %s", self.name, finished.exception())
            self.running -= 1
            semaphore.release()

        def done(future: asyncio.Future[T]) -> None:
            follow = None
            if then is not None and not future.cancelled() and future.exception() is None:
                try:
                    follow = then(future.result())
                except Exception:
                    log.exception("deciding what goes on in a %s slot failed", self.name)
            if follow is None:
                release()
            else:
                loop.run_in_executor(self._executor, follow).add_done_callback(release)

        remaining = max(0.0, deadline - time.monotonic())
        future = loop.run_in_executor(self._executor, work, remaining)
        future.add_done_callback(done)
        return await asyncio.shield(future)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
