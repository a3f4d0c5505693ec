"""Query worker processes that can be killed: how the embedded backend makes a query timeout really stop the work.

Each worker is a child process running :mod:`cityref.store._worker` over a snapshot of the store (a read-only
on-disk checkpoint, or an N-Quads copy for an in-memory store). The parent hands it one query at a time and waits
for the answer with a deadline; past the deadline the process is killed and forgotten, and the next query starts a
fresh one. Workers are started lazily, so an app that never answers a query never starts a process.
"""

from __future__ import annotations

import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cityref.store import _worker

WORKER_SCRIPT = Path(_worker.__file__).resolve()
START_TIMEOUT_S = 60.0

Snapshot = tuple[int, str, Any]
"""(generation, "path" | "nquads", directory or dump bytes)"""


class WorkerTimeout(Exception):
    """The worker did not answer before the deadline and has been killed."""


class WorkerDied(Exception):
    """The worker process ended without answering (crash, out of memory)."""


class Worker:
    """One child process and the pipes to it."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER_SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            close_fds=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._in = self.process.stdin
        self._out_fd = self.process.stdout.fileno()
        self.generation = -1
        self.call_ready()

    def call_ready(self) -> None:
        reply = self._receive(time.monotonic() + START_TIMEOUT_S)
        if not reply or reply[0] != "ready":
            self.kill()
            raise WorkerDied(f"query worker did not start: {reply!r}")

    def call(self, message: tuple[Any, ...], timeout_s: float) -> Any:
        deadline = time.monotonic() + timeout_s
        try:
            _worker.write_frame(self._in, message)
        except (BrokenPipeError, OSError) as error:
            self.kill()
            raise WorkerDied(str(error)) from error
        return self._receive(deadline)

    def _read_exact(self, size: int, deadline: float) -> bytes:
        chunks: list[bytes] = []
        remaining = size
        while remaining:
            wait = deadline - time.monotonic()
            if wait <= 0:
                self.kill()
                raise WorkerTimeout
            ready, _, _ = select.select([self._out_fd], [], [], wait)
            if not ready:
                continue
            chunk = os.read(self._out_fd, min(remaining, 1 << 20))
            if not chunk:
                self.kill()
                raise WorkerDied("query worker ended unexpectedly")
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def _receive(self, deadline: float) -> Any:
        (size,) = struct.unpack(">I", self._read_exact(4, deadline))
        return pickle.loads(self._read_exact(size, deadline))

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


class WorkerPool:
    """Idle workers kept for reuse. The pool sets no cap of its own: the store's query slots bound how many
    queries, and so how many workers, run at once."""

    def __init__(self, snapshot: Callable[[], Snapshot]) -> None:
        """``snapshot()`` gives the newest snapshot; it is called under the pool's lock, so it may call
        :meth:`generations_in_use` but must not wait on a thread that needs the pool."""
        self._snapshot = snapshot
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        # Re-entrant: the snapshot callback runs under it and asks generations_in_use() for the claims.
        self._lock = threading.RLock()
        self._closed = False
        self.started = 0
        self.killed = 0

    def run(self, request: dict[str, Any], timeout_s: float) -> Any:
        """Run one query on a worker holding the newest snapshot; kill it on timeout (``WorkerTimeout``)."""
        worker = self._take()
        try:
            with self._lock:
                # The snapshot is claimed for this worker under the lock that pruning reads the claims with, so
                # writes landing meanwhile cannot get its directory removed before the worker has opened it.
                generation, how, ref = self._snapshot()
                stale, worker.generation = worker.generation != generation, generation
            if stale:
                # Opening a snapshot is not the query's time: give it a deadline of its own.
                reply = worker.call(("snapshot", generation, how, ref), START_TIMEOUT_S)
                if reply != ("ok",):
                    raise WorkerDied(f"snapshot not opened: {reply!r}")
            reply = worker.call(("query", request), timeout_s)
        except (WorkerTimeout, WorkerDied):
            with self._lock:
                self.killed += 1
            worker.kill()
            raise
        except BaseException:
            worker.kill()
            raise
        finally:
            with self._lock:
                self._busy.discard(worker)
        self._give_back(worker)
        return reply

    def generations_in_use(self) -> set[int]:
        with self._lock:
            return {w.generation for w in (*self._idle, *self._busy)}

    def _take(self) -> Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive:
                    self._busy.add(worker)
                    return worker
            self.started += 1
        worker = Worker()
        with self._lock:
            self._busy.add(worker)
        return worker

    def _give_back(self, worker: Worker) -> None:
        with self._lock:
            if not self._closed:
                self._idle.append(worker)
                return
        worker.kill()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = [*self._idle, *self._busy], []
        for worker in idle:
            worker.kill()
