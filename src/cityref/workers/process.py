"""Worker processes seen from the server: start one, hand it a message with a deadline, kill it when time or memory
runs out, and keep a few warm in a pool.

Every kind of work that reads what a client sent (a query, an upload, a delivery to validate) or can run away
(SPARQL, SHACL) runs in one of these, so that the server's own process only moves bytes: a worker can be killed at
its deadline (pyoxigraph and pySHACL cannot be interrupted from Python), it has a memory limit of its own, and it
cannot open network connections unless its spec allows it (:mod:`cityref.workers.sandbox`).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import pickle
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cityref import errors
from cityref.errors import CityrefError, Said
from cityref.workers import sandbox
from cityref.workers.protocol import HEADER_SIZE, frame_size, write_frame

log = logging.getLogger("cityref.workers")

_STDERR_TAIL = 4096


@dataclass(frozen=True)
class WorkerSpec:
    """What kind of worker to start: the handler it loads and the limits it runs under."""

    name: str
    handler: str
    """``module:Class``; the class is built with ``config`` and answers ``handle(op, payload)``."""
    memory_bytes: int = 0
    """Address-space limit (0: none)."""
    network: bool = False
    """Whether the worker may open IPv4/IPv6 sockets."""
    recycle_bytes: int = 0
    """A worker resident above this after a job is replaced (it gives its memory back); 0: never."""
    start_timeout_s: float = 60.0
    config: dict[str, Any] = field(default_factory=dict)
    require_sandbox: bool = True
    """Refuse to use a network-free worker whose sandbox could not be installed."""


class WorkerTimeout(Exception):
    """The worker did not answer before the deadline and has been killed."""


class WorkerOutOfMemory(Exception):
    """The worker passed its memory limit and has been killed (or stopped itself with MemoryError)."""


class WorkerCrashed(Exception):
    """The worker ended or failed without an answer for a reason other than time or memory: our fault."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details


def _rebuild(name: str, detail: str, extra: dict[str, Any], headers: dict[str, str]) -> CityrefError:
    cls = getattr(errors, name, None)
    if not (isinstance(cls, type) and issubclass(cls, CityrefError)):
        cls = CityrefError
    return cls(detail, headers=headers, **extra)


_PIPE_BYTES = 1 << 20  # Linux's default ceiling for an unprivileged process (/proc/sys/fs/pipe-max-size)


def _widen(fd: int) -> None:
    """Let the answer pipe hold up to 1 MiB, where the default is 64 KiB: a large answer then crosses in a few
    reads instead of one wake-up of each side per 64 KiB (``benchmarks/worker_hop_alternatives.py``). Where the
    system refuses or has no such call, the pipe stays as it is."""
    with contextlib.suppress(OSError, AttributeError):
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)


def read_exact(fd: int, size: int, deadline: float) -> bytes:
    """``size`` bytes from ``fd``, waiting with ``select`` until ``deadline`` (``time.monotonic()``) and reading at
    most 1 MiB at a time: ``TimeoutError`` once the deadline passes, ``EOFError`` if the other side closes first."""
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        wait = deadline - time.monotonic()
        if wait <= 0:
            raise TimeoutError
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            continue
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


class WorkerProcess:
    """One child process running :mod:`cityref.workers.child`, and the pipes to it."""

    def __init__(self, spec: WorkerSpec) -> None:
        self.spec = spec
        self.setup_key: Any = None
        """What the worker has been prepared with (e.g. the snapshot it has open); the pool compares it."""
        self.resident = 0
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the worker)
        child_spec = {
            "handler": spec.handler,
            "memory_bytes": spec.memory_bytes,
            "network": spec.network,
            "config": spec.config,
        }
        # glibc gives each thread that meets contention an arena of its own, reserving up to 128 MB of address
        # space while it aligns it: a worker whose native code starts threads (the store's background threads) can
        # pass its RLIMIT_AS that way with little memory in use, and thread creation then fails (SIGABRT, seen in
        # about 1 start in 100). Two arenas keep the reservations inside the budget; an operator's value wins.
        env = {
            "MALLOC_ARENA_MAX": "2",
            **os.environ,
            "PYTHONDONTWRITEBYTECODE": "1",
            "RUST_BACKTRACE": "0",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cityref.workers.child", json.dumps(child_spec)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
            close_fds=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._in = self.process.stdin
        self._out_fd = self.process.stdout.fileno()
        _widen(self._out_fd)
        reply = self._receive(time.monotonic() + spec.start_timeout_s)
        if reply[0] != "ready":
            self.kill()
            raise WorkerCrashed(f"{spec.name} worker did not start: {reply!r}")
        self.pid: int = reply[1]
        self.facts: dict[str, Any] = reply[2]
        if not spec.network and spec.require_sandbox and not self.facts.get("network_denied"):
            self.kill()
            raise WorkerCrashed(
                f"{spec.name} worker could not give up the network: {self.facts.get('sandbox_problem')}"
            )

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def call(self, op: str, payload: Any, deadline: float) -> Any:
        """Send one message and wait for its answer until ``deadline`` (``time.monotonic()``)."""
        self._stderr.seek(0)
        self._stderr.truncate()
        try:
            write_frame(self._in, (op, payload))
        except OSError as error:
            raise self._death(f"could not send {op!r}: {error}") from error
        return self.outcome(self._receive(deadline))

    def outcome(self, reply: tuple[Any, ...]) -> Any:
        """What a final reply stands for: its value, the head of an answer in parts, or its error raised."""
        status = reply[0]
        self.resident = int(reply[-1])
        if status == "ok":
            return reply[1]
        if status == "stream":
            return _StreamHead(reply[1])
        if status == "error":
            raise _rebuild(*reply[1:5])
        if status == "memory":
            self.kill()
            raise WorkerOutOfMemory(reply[1])
        raise WorkerCrashed(reply[1], reply[2])

    def _receive(self, deadline: float) -> tuple[Any, ...]:
        size = frame_size(self._read_exact(HEADER_SIZE, deadline))
        message: tuple[Any, ...] = pickle.loads(self._read_exact(size, deadline))
        return message

    def _read_exact(self, size: int, deadline: float) -> bytes:
        try:
            return read_exact(self._out_fd, size, deadline)
        except TimeoutError:
            self.kill()
            raise WorkerTimeout from None
        except EOFError:
            raise self._death("ended without answering") from None

    def stderr_tail(self) -> str:
        try:
            self._stderr.seek(max(0, self._stderr.seek(0, os.SEEK_END) - _STDERR_TAIL))
            return self._stderr.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            return ""

    def _death(self, what: str) -> Exception:
        """The exception for a worker found dead: out of memory or crashed, by what it wrote last."""
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
            code = self.process.returncode
        tail = self.stderr_tail()
        self.kill()
        if sandbox.out_of_memory_text(tail):
            return WorkerOutOfMemory(f"the {self.spec.name} worker ran out of its memory limit")
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        return WorkerCrashed(f"the {self.spec.name} worker {what} ({how})", tail)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        self._stderr.close()


@dataclass(frozen=True)
class _StreamHead:
    head: Any


class StreamedReply:
    """An answer a worker sends in parts: :attr:`head` at once, the parts as they are iterated (each read before
    the job's deadline, so a stalled worker is ended as any other). The worker goes back to its pool after the
    final reply; a reader that stops early, or :meth:`close` before the end, ends the worker instead: the rest of
    the answer is still in its pipe."""

    def __init__(self, head: Any, worker: WorkerProcess, deadline: float, release: Callable[[bool], None]) -> None:
        self.head = head
        self._worker = worker
        self._deadline = deadline
        self._release: Callable[[bool], None] | None = release

    def _finish(self, healthy: bool) -> None:
        release, self._release = self._release, None
        if release is not None:
            release(healthy)

    def __iter__(self) -> Iterator[bytes]:
        if self._release is None:
            return
        healthy = False
        try:
            while (reply := self._worker._receive(self._deadline))[0] == "chunk":
                yield reply[1]
            try:
                self._worker.outcome(reply)
            except CityrefError:
                healthy = True  # the input's fault, told after the first part: the worker is fine
                raise
            healthy = True
        finally:
            self._finish(healthy)

    def close(self) -> None:
        """Give the worker up before the end of the answer (the client went away): it is ended, not reused."""
        self._finish(False)


@dataclass(frozen=True)
class Setup:
    """A message a worker must have handled before the job (e.g. opening a snapshot), identified by ``key``."""

    key: Any
    op: str
    payload: Any


@dataclass
class PoolStats:
    started: int = 0
    timeouts: int = 0
    out_of_memory: int = 0
    crashes: int = 0
    recycled: int = 0


class WorkerPool:
    """Up to ``size`` warm workers of one spec. :meth:`run` takes an idle one (starting one when there is room),
    waits for one otherwise (never past the deadline), and replaces any worker that timed out, ran out of memory,
    crashed or grew past ``recycle_bytes``."""

    def __init__(self, spec: WorkerSpec, size: int) -> None:
        self.spec = spec
        self.size = max(1, size)
        self.stats = PoolStats()
        self._idle: list[WorkerProcess] = []
        self._busy: set[WorkerProcess] = set()
        self._starting = 0
        self._cond = threading.Condition()
        self._closed = False

    def run(self, op: str, payload: Any, *, deadline: float, setup: Setup | None = None) -> Any:
        """Run one message on a worker before ``deadline``; raises ``WorkerTimeout``, ``WorkerOutOfMemory``,
        ``WorkerCrashed``, or the :class:`CityrefError` the handler raised. An answer the worker sends in parts
        is a :class:`StreamedReply`, which keeps the worker until it has been read (or closed)."""
        worker = self._acquire(deadline)
        healthy = False
        handed = False
        try:
            if setup is not None and worker.setup_key != setup.key:
                worker.setup_key = None
                worker.call(setup.op, setup.payload, deadline)
                worker.setup_key = setup.key
            result = worker.call(op, payload, deadline)
            healthy = True
            if isinstance(result, _StreamHead):
                handed = True
                return StreamedReply(result.head, worker, deadline, lambda ok: self._release(worker, ok))
            return result
        except CityrefError:
            healthy = True  # the input's fault: the worker is fine
            raise
        except WorkerTimeout:
            self.stats.timeouts += 1
            raise
        except WorkerOutOfMemory:
            self.stats.out_of_memory += 1
            raise
        except WorkerCrashed:
            self.stats.crashes += 1
            healthy = worker.alive
            raise
        finally:
            if not handed:
                self._release(worker, healthy)

    def facts(self) -> dict[str, Any]:
        """What a live worker of the pool reported when it started (sandbox in place, and if not, why)."""
        with self._cond:
            for worker in (*self._idle, *self._busy):
                if hasattr(worker, "facts"):
                    return dict(worker.facts)
        return {}

    def pids(self) -> list[int]:
        """Process ids of every live worker of the pool, idle or busy."""
        with self._cond:
            return [w.pid for w in (*self._idle, *self._busy) if hasattr(w, "pid")]

    def busy_pids(self) -> list[int]:
        """Process ids of the workers running a job now (for tests and diagnostics)."""
        with self._cond:
            return [w.pid for w in self._busy if hasattr(w, "pid")]

    def setup_keys_in_use(self) -> set[Any]:
        with self._cond:
            return {w.setup_key for w in (*self._idle, *self._busy)}

    def _acquire(self, deadline: float) -> WorkerProcess:
        with self._cond:
            while True:
                if self._closed:
                    raise WorkerCrashed(f"the {self.spec.name} pool is closed")
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive:
                        self._busy.add(worker)
                        return worker
                    worker.kill()
                if len(self._busy) + self._starting < self.size:
                    self._starting += 1
                    break
                wait = deadline - time.monotonic()
                if wait <= 0:
                    raise WorkerTimeout
                self._cond.wait(wait)
        try:
            worker = WorkerProcess(self.spec)
        finally:
            with self._cond:
                self._starting -= 1
                self._cond.notify()
        with self._cond:
            self.stats.started += 1
            self._busy.add(worker)
        return worker

    def _release(self, worker: WorkerProcess, healthy: bool) -> None:
        recycle = self.spec.recycle_bytes and worker.resident > self.spec.recycle_bytes
        with self._cond:
            self._busy.discard(worker)
            keep = healthy and worker.alive and not recycle and not self._closed
            if keep:
                self._idle.append(worker)
            if recycle:
                self.stats.recycled += 1
            self._cond.notify()
        if not keep:
            worker.kill()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            workers, self._idle = [*self._idle, *self._busy], []
            self._cond.notify_all()
        for worker in workers:
            worker.kill()


def run_bounded(
    pool: WorkerPool, op: str, payload: Any, *, timeout_s: float, doing: str, budget_setting: str, memory_setting: str
) -> Any:
    """``pool.run(op, payload)`` within ``timeout_s``, a worker's end told as the request's error: past the budget
    :class:`~cityref.errors.BudgetExceeded` (504), past its memory :class:`~cityref.errors.LimitExceeded` (422),
    each naming the setting that bounds it; a crash :class:`~cityref.errors.WorkerFailed` (500). ``doing`` starts
    the messages ("Parsing the SPARQL text")."""
    try:
        return pool.run(op, payload, deadline=time.monotonic() + timeout_s)
    except WorkerTimeout:
        raise errors.BudgetExceeded(
            Said("%(doing)s took longer than %(seconds)s s and was stopped", doing=doing, seconds=f"{timeout_s:g}"),
            limit=budget_setting,
        ) from None
    except WorkerOutOfMemory:
        mib = pool.spec.memory_bytes // (1024 * 1024)
        raise errors.LimitExceeded(
            Said("%(doing)s needed more than the %(mib)s MiB memory limit and was stopped", doing=doing, mib=mib),
            limit=memory_setting,
            limit_mib=mib,
        ) from None
    except WorkerCrashed as error:
        raise errors.WorkerFailed(f"{doing} crashed its worker: {error}") from None
