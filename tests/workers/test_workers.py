"""Worker processes: each limit holds on its own, without any check of the work's text in the way.

The probe worker (cityref.workers.probe) does the harmful things directly: open a connection, allocate past the
limit, sleep past the deadline, abort, raise. A local listener on 127.0.0.1 records every connection it gets.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from cityref.errors import BadRequest
from cityref.workers import Setup, WorkerCrashed, WorkerOutOfMemory, WorkerPool, WorkerSpec, WorkerTimeout

MiB = 1024 * 1024
PROBE = "cityref.workers.probe:Probe"


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port: int = self.sock.getsockname()[1]
        self.hits = 0
        self._hit = threading.Condition()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with self._hit:
                self.hits += 1
                self._hit.notify_all()
            conn.close()

    def hits_within(self, seconds: float, at_least: int = 1) -> int:
        """The connections accepted, once ``at_least`` have come or ``seconds`` have passed: the accepting thread
        may run after the worker has already said it connected (it did, under a loaded test run)."""
        with self._hit:
            self._hit.wait_for(lambda: self.hits >= at_least, timeout=seconds)
            return self.hits

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    made = WorkerPool(WorkerSpec("probe", PROBE, memory_bytes=1024 * MiB, recycle_bytes=300 * MiB), 2)
    yield made
    made.close()


def soon(seconds: float = 10.0) -> float:
    return time.monotonic() + seconds


def test_the_listener_sees_a_connection_from_an_unsandboxed_worker(listener: Listener) -> None:
    """The proof below means something only if a worker allowed the network does get through."""
    open_pool = WorkerPool(WorkerSpec("probe", PROBE, network=True), 1)
    try:
        assert open_pool.run("connect", ("127.0.0.1", listener.port), deadline=soon()) == "connected"
    finally:
        open_pool.close()
    assert listener.hits_within(10) == 1


def test_a_worker_without_network_cannot_open_a_connection(pool: WorkerPool, listener: Listener) -> None:
    assert pool.run("connect", ("127.0.0.1", listener.port), deadline=soon()) == "denied"
    assert pool.run("connect", ("::1", listener.port), deadline=soon()) == "denied"
    assert listener.hits_within(0.5) == 0


def test_past_its_memory_limit_a_worker_is_stopped_and_replaced(pool: WorkerPool) -> None:
    with pytest.raises(WorkerOutOfMemory):
        pool.run("allocate", 2048 * MiB, deadline=soon())
    assert pool.stats.out_of_memory == 1
    assert pool.run("echo", "still here", deadline=soon()) == "still here"


def test_native_code_past_the_limit_is_told_from_a_crash(tmp_path: Path) -> None:
    """The SPARQL engine aborts when an allocation fails; the pool reads the worker's last words to say why it
    died: out of memory, not a crash."""
    store = ox.Store(str(tmp_path / "db"))
    store.extend(
        ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal("x" * 100 + str(i))) for i in range(2000)
    )
    store.backup(str(tmp_path / "snapshot"))
    del store
    query_pool = WorkerPool(WorkerSpec("query", "cityref.store.query_worker:QueryWorker", memory_bytes=900 * MiB), 1)
    request = {
        "sparql": "SELECT (STRLEN(GROUP_CONCAT(CONCAT(?a, ?b))) AS ?n) { ?s ?p ?a . ?t ?q ?b }",
        "results_media_type": "application/sparql-results+json",
        "graph_media_type": None,
        "row_cap": 10,
        "default_graph_uris": [],
        "named_graph_uris": [],
        "union_default_graph": False,
    }
    try:
        with pytest.raises(WorkerOutOfMemory):
            query_pool.run("query", request, deadline=soon(120), setup=Setup(1, "snapshot", str(tmp_path / "snapshot")))
        assert query_pool.stats.out_of_memory == 1 and query_pool.stats.crashes == 0
    finally:
        query_pool.close()


def _environment(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def test_a_worker_caps_its_malloc_arenas_unless_the_operator_did(monkeypatch: pytest.MonkeyPatch) -> None:
    """Arena reservations count against RLIMIT_AS: without a cap, threads started by native code can exhaust the
    address space of a nearly idle worker (pthread_create fails, the worker aborts)."""
    for operator, expected in ((None, "2"), ("4", "4")):
        if operator is None:
            monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
        else:
            monkeypatch.setenv("MALLOC_ARENA_MAX", operator)
        made = WorkerPool(WorkerSpec("probe", PROBE, memory_bytes=1024 * MiB), 1)
        try:
            assert made.run("echo", 1, deadline=soon()) == 1
            (pid,) = made.pids()
            assert _environment(pid)["MALLOC_ARENA_MAX"] == expected
        finally:
            made.close()


def test_past_its_deadline_a_worker_is_killed(pool: WorkerPool) -> None:
    with pytest.raises(WorkerTimeout):
        pool.run("sleep", 30, deadline=soon(0.5))
    assert pool.stats.timeouts == 1
    assert pool.run("echo", 1, deadline=soon()) == 1


def test_a_crash_is_a_crash_not_a_timeout(pool: WorkerPool) -> None:
    with pytest.raises(WorkerCrashed, match="SIGABRT"):
        pool.run("abort", None, deadline=soon())
    with pytest.raises(WorkerCrashed, match="RuntimeError: boom"):
        pool.run("raise", "boom", deadline=soon())
    assert pool.stats.crashes == 2
    assert pool.stats.timeouts == 0


def test_the_inputs_fault_leaves_the_worker_in_service(pool: WorkerPool) -> None:
    with pytest.raises(BadRequest, match="nope") as caught:
        pool.run("refuse", "nope", deadline=soon())
    assert caught.value.extra == {"reason": "probe"}
    assert pool.stats.started == 1
    pool.run("echo", 1, deadline=soon())
    assert pool.stats.started == 1  # the same worker


def test_a_worker_that_stays_large_is_replaced(pool: WorkerPool) -> None:
    pool.run("hold", 400 * MiB, deadline=soon())
    assert pool.stats.recycled == 1
    pool.run("hold", 10 * MiB, deadline=soon())
    assert pool.stats.recycled == 1
    assert pool.stats.started == 2


def test_a_worker_ends_with_the_server_that_started_it() -> None:
    """A server killed with SIGKILL leaves no worker behind: it would hold memory and the store's lock."""
    script = textwrap.dedent(
        """
        import sys, time
        from cityref.workers import WorkerPool, WorkerSpec
        pool = WorkerPool(WorkerSpec("probe", "cityref.workers.probe:Probe"), 1)
        pool.run("echo", 1, deadline=time.monotonic() + 30)
        print(pool.pids(), flush=True)
        time.sleep(60)
        """
    )
    server = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    (worker_pid,) = eval(server.stdout.readline())
    os.kill(server.pid, signal.SIGKILL)
    server.wait()
    server.stdout.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(worker_pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    raise AssertionError(f"worker {worker_pid} outlived its server")


def test_a_large_answer_crosses_whole(pool: WorkerPool) -> None:
    """Answers far past the pipe's buffer (1 MiB where the system allows it) arrive intact, in order."""
    for size in (1, 64 * 1024 + 1, MiB + 7, 9 * MiB):
        body = os.urandom(size)
        assert pool.run("echo", body, deadline=soon()) == body


def test_the_resident_memory_a_worker_reports_is_its_own() -> None:
    """``resident_bytes`` (what each reply carries, read from ``/proc/self/statm``) agrees with ``VmRSS``."""
    from cityref.workers.sandbox import resident_bytes

    held = bytearray(64 * MiB)  # touched: resident
    for at in range(0, len(held), 4096):
        held[at] = 1
    status = Path("/proc/self/status").read_text(encoding="ascii")
    vm_rss = int(status.split("VmRSS:")[1].split()[0]) * 1024
    assert abs(resident_bytes() - vm_rss) < 4 * MiB
    assert resident_bytes() > 64 * MiB
    del held


def test_a_forked_process_reports_its_own_memory_not_its_parents() -> None:
    """Read through the parent's descriptor, a forked child would report the parent's size, which does not move
    while the child grows. The child reads its size before and after it grows by 128 MiB: its own size grows. (Its
    size is not compared with the parent's: a child starts without the parent's file-backed pages resident.)"""
    from cityref.workers.sandbox import resident_bytes

    resident_bytes()  # the descriptor is open in this process now
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child grows by 128 MiB, then says what it read before and after
        start = resident_bytes()
        held = bytearray(128 * MiB)
        for at in range(0, len(held), 4096):
            held[at] = 1
        os.write(write, f"{start} {resident_bytes()}".encode())
        os._exit(0)
    os.close(write)
    start, end = map(int, os.read(read, 64).split())
    os.waitpid(child, 0)
    os.close(read)
    assert end - start > 100 * MiB
