"""What one request/answer round trip to a long-lived worker process costs, by transport and answer size.

Each SPARQL query runs in a killable worker (``cityref.workers``): the server sends a small request dict and gets
back ``(body, media_type, truncated, kind)``. This measures that hop alone. Every transport is served by a handler
that answers with a prepared body of the requested size (100 B, 10 KB, 1 MB, 8 MB), so no query engine runs; each
timed call starts when the parent sends the request and stops once the parent holds the answer with its body as
``bytes`` (what the HTTP layer sends). Transports:

1. ``cityref``: a real :class:`~cityref.workers.WorkerPool` running this module's :class:`PreparedAnswers`
   handler in ``python -m cityref.workers.child`` (sandboxed, memory-limited), called as ``EmbeddedStore.query``
   calls it (``pool.run("query", ..., deadline=..., setup=Setup(...))``, the setup already in place);
2. ``multiprocessing.Pipe`` with ``send``/``recv``: the whole answer tuple pickled;
3. the same pipe with ``send_bytes``/``recv_bytes``: a small struct header, then the body as raw bytes;
4. a ``multiprocessing.shared_memory`` block made once and reused: the child copies the body in, the pipe carries
   only the header with the length, the parent copies the body out into ``bytes``;
5. a Unix domain stream socket with length-prefixed frames (header and body sent with one ``sendmsg``);
6. a file in ``/dev/shm`` made once and reused: the child ``pwrite``s the body, the pipe carries the header, the
   parent ``pread``s it;
7. baseline: the handler run on a thread of the parent (``ThreadPoolExecutor``), the body handed over without a
   copy. Not killable: Python cannot stop a thread that is inside native code, which is why cityref runs queries in
   a process;
8. transport 1's reads (a ``select`` against the deadline before each read, chunks joined) over subprocess pipes
   of the default 64 KiB (cityref widens its own to 1 MiB), with the body sent raw after a small header instead of
   inside a pickle, and no pool, no memory reading: the smallest change to the framing alone;
9. transport 5 read the way a deadline needs: ``select`` against it before each ``recv_into`` one buffer of the
   body's size (transport 5 waits in a single blocking ``recv(MSG_WAITALL)`` per part, which no deadline bounds).

After the table come two parts of transport 1 timed alone: the memory reading a worker makes before every reply
(and the dearer way it read the same number before), and pickling then unpickling a reply frame.

Sizes are interleaved in rounds across transports so that a change of machine load hits all of them alike. Times
are medians and 99th percentiles in microseconds, from ``time.perf_counter_ns`` after a warm-up.

Run: python benchmarks/worker_hop_alternatives.py [--repeat N]
     (N timed calls per transport for the 100 B and 10 KB answers, N/10 for 1 MB, N/20 for 8 MB; default 5000)
"""

from __future__ import annotations

import argparse
import math
import os
import pickle
import platform
import select
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import get_context, shared_memory
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Protocol

Answer = tuple[bytes, str, bool, str]

SIZES: dict[str, int] = {"100 B": 100, "10 KB": 10_000, "1 MB": 1_000_000, "8 MB": 8_000_000}
MEDIA_TYPE = "application/sparql-results+json"
ROUNDS = 5
DEADLINE_S = 30.0

# Raw-body transports answer with this header, then the body: body length, truncated, then the lengths of the media
# type and of the kind, which follow the fixed part as ASCII.
_FIXED = struct.Struct(">QBBB")
_LENGTH = struct.Struct(">I")


def make_body(size: int) -> bytes:
    """A body of exactly ``size`` bytes that looks like SPARQL JSON results (the content does not matter)."""
    row = b'{"s":{"type":"uri","value":"https://example.org/city/0001"}},\n'
    return (row * (size // len(row) + 1))[:size]


class Answers:
    """The trivial handler every transport uses: the answer for a request is a prepared body of its size."""

    def __init__(self) -> None:
        self._bodies: dict[int, bytes] = {}

    def answer(self, request: dict[str, Any]) -> Answer:
        size = int(request["body_bytes"])
        body = self._bodies.get(size)
        if body is None:
            body = self._bodies[size] = make_body(size)
        return body, MEDIA_TYPE, False, "select"


class PreparedAnswers:
    """:class:`Answers` as a cityref worker handler (``handle(op, payload)``), standing in for the query worker."""

    def __init__(self) -> None:
        self._answers = Answers()

    def handle(self, op: str, payload: Any) -> Any:
        if op == "snapshot":
            return "ok"
        if op == "query":
            return self._answers.answer(payload)
        raise ValueError(f"unknown operation {op!r}")


def encode_header(body_length: int, media_type: str, truncated: bool, kind: str) -> bytes:
    media, form = media_type.encode("ascii"), kind.encode("ascii")
    return _FIXED.pack(body_length, truncated, len(media), len(form)) + media + form


def decode_header(header: bytes) -> tuple[int, str, bool, str]:
    body_length, truncated, media_length, kind_length = _FIXED.unpack_from(header)
    media_end = _FIXED.size + media_length
    media_type = header[_FIXED.size : media_end].decode("ascii")
    kind = header[media_end : media_end + kind_length].decode("ascii")
    return body_length, media_type, bool(truncated), kind


def recv_exact(sock: socket.socket, size: int) -> bytes:
    """Exactly ``size`` bytes from a stream socket, as one ``bytes`` (one copy out of the kernel when it can)."""
    data = sock.recv(size, socket.MSG_WAITALL)
    if len(data) == size:
        return data
    parts, got = [data], len(data)
    while got < size:
        chunk = sock.recv(size - got, socket.MSG_WAITALL)
        if not chunk:
            raise EOFError("the other end closed the socket")
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def _write_all(write: Callable[[list[memoryview]], int], parts: Sequence[bytes]) -> None:
    """All of ``parts``, in order, through a gathering ``write`` that may take only some of them (no joining)."""
    views = [memoryview(part) for part in parts if part]
    while views:
        written = write(views)
        while views and written >= len(views[0]):
            written -= len(views[0])
            views.pop(0)
        if views and written:
            views[0] = views[0][written:]


def send_parts(sock: socket.socket, parts: Sequence[bytes]) -> None:
    _write_all(sock.sendmsg, parts)


def pwrite_all(fd: int, data: bytes) -> None:
    view, offset = memoryview(data), 0
    while offset < len(view):
        offset += os.pwrite(fd, view[offset:], offset)


def writev_all(fd: int, parts: Sequence[bytes]) -> None:
    _write_all(lambda views: os.writev(fd, views), parts)


def pread_all(fd: int, size: int) -> bytes:
    data = os.pread(fd, size, 0)
    if len(data) == size:
        return data
    parts, got = [data], len(data)
    while got < size:
        chunk = os.pread(fd, size - got, got)
        if not chunk:
            raise EOFError("the answer file is shorter than its header says")
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


# The children of transports 2 to 6 and 9 (spawned; "the pipe" of 2, 3, 4 and 6 is multiprocessing.Pipe, a Unix
# socket pair). Each serves until the parent closes its end.


def serve_pickled(conn: Connection) -> None:
    answers = Answers()
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        conn.send(answers.answer(request))


def _serve_headers(conn: Connection, place: Callable[[bytes], None]) -> None:
    """Answer pickled requests until the parent closes its end: ``place`` puts each body where the parent reads it,
    then the header with its length goes through the pipe."""
    answers = Answers()
    while True:
        try:
            request = pickle.loads(conn.recv_bytes())
        except EOFError:
            return
        body, media_type, truncated, kind = answers.answer(request)
        place(body)
        conn.send_bytes(encode_header(len(body), media_type, truncated, kind))


def serve_raw(conn: Connection) -> None:
    """The header, then the body as raw bytes, through the pipe (not :func:`_serve_headers`, which sends the header
    last: the order measured)."""
    answers = Answers()
    while True:
        try:
            request = pickle.loads(conn.recv_bytes())
        except EOFError:
            return
        body, media_type, truncated, kind = answers.answer(request)
        conn.send_bytes(encode_header(len(body), media_type, truncated, kind))
        conn.send_bytes(body)


def serve_shared_memory(conn: Connection, name: str) -> None:
    block = shared_memory.SharedMemory(name=name)
    view = block.buf
    assert view is not None

    def place(body: bytes) -> None:
        view[: len(body)] = body

    try:
        _serve_headers(conn, place)
    finally:
        block.close()


def serve_socket(path: str) -> None:
    answers = Answers()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.connect(path)
        while True:
            try:
                (length,) = _LENGTH.unpack(recv_exact(sock, _LENGTH.size))
            except EOFError:
                return
            body, media_type, truncated, kind = answers.answer(pickle.loads(recv_exact(sock, length)))
            send_parts(sock, [encode_header(len(body), media_type, truncated, kind), body])


def serve_file(conn: Connection, path: str) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        _serve_headers(conn, lambda body: pwrite_all(fd, body))
    finally:
        os.close(fd)


def serve_pipe() -> None:
    """Transport 8's child, started as ``python THIS_FILE --serve-pipe``: frames as cityref's on stdin, header and
    raw body on stdout."""
    answers = Answers()
    inp, out = sys.stdin.buffer, sys.stdout.fileno()
    while True:
        prefix = inp.read(_LENGTH.size)
        if len(prefix) < _LENGTH.size:
            return
        (length,) = _LENGTH.unpack(prefix)
        body, media_type, truncated, kind = answers.answer(pickle.loads(inp.read(length)))
        writev_all(out, [encode_header(len(body), media_type, truncated, kind), body])


# The parent's side of each transport.


class Transport(Protocol):
    name: str

    def call(self, request: dict[str, Any]) -> Answer: ...

    def close(self) -> None: ...


_spawn = get_context("spawn")


class _ChildProcess:
    """A spawned child that serves on the far end of a ``multiprocessing.Pipe`` (a Unix socket pair)."""

    def __init__(self, target: Any, *extra: str) -> None:
        self.conn, far = _spawn.Pipe()
        self.process: BaseProcess = _spawn.Process(target=target, args=(far, *extra), daemon=True)
        self.process.start()
        far.close()

    def close(self) -> None:
        self.conn.close()
        _stop(self.process)


def _stop(process: BaseProcess) -> None:
    process.join(timeout=5)
    if process.is_alive():
        process.terminate()
        process.join()


class CityrefWorker:
    name = "1. cityref: WorkerPool, pickled frames over subprocess pipes"

    def __init__(self) -> None:
        from cityref.store.embedded import EmbeddedLimits
        from cityref.workers import Setup, WorkerPool, WorkerSpec

        here = str(Path(__file__).resolve().parent)
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p)
        limits = EmbeddedLimits()
        spec = WorkerSpec(
            "hop-benchmark",
            f"{Path(__file__).stem}:PreparedAnswers",
            memory_bytes=limits.query_memory_bytes,
            start_timeout_s=limits.start_timeout_s,
            require_sandbox=limits.require_sandbox,
        )
        self.pool = WorkerPool(spec, size=1)
        self.setup = Setup(1, "snapshot", "/nowhere")  # one snapshot generation, as between two writes

    def call(self, request: dict[str, Any]) -> Answer:
        answer: Answer = self.pool.run("query", request, deadline=time.monotonic() + DEADLINE_S, setup=self.setup)
        return answer

    def close(self) -> None:
        self.pool.close()


class _OverChild:
    """A transport whose other end is a :class:`_ChildProcess`; closing ends the child, then frees what is left."""

    child: _ChildProcess

    def close(self) -> None:
        self.child.close()
        self._release()

    def _release(self) -> None:
        pass

    def _ask(self, request: dict[str, Any]) -> tuple[int, str, bool, str]:
        """Send the request pickled, and read the header of the answer: the body's length, and the rest."""
        self.child.conn.send_bytes(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
        return decode_header(self.child.conn.recv_bytes())


class PickledPipe(_OverChild):
    name = "2. multiprocessing.Pipe, send/recv (tuple pickled)"

    def __init__(self) -> None:
        self.child = _ChildProcess(serve_pickled)

    def call(self, request: dict[str, Any]) -> Answer:
        self.child.conn.send(request)
        answer: Answer = self.child.conn.recv()
        return answer


class RawPipe(_OverChild):
    name = "3. multiprocessing.Pipe, send_bytes/recv_bytes (header + raw body)"

    def __init__(self) -> None:
        self.child = _ChildProcess(serve_raw)

    def call(self, request: dict[str, Any]) -> Answer:
        _, media_type, truncated, kind = self._ask(request)
        return self.child.conn.recv_bytes(), media_type, truncated, kind


class SharedBlock(_OverChild):
    name = "4. shared_memory block, reused; pipe carries the length"

    def __init__(self) -> None:
        self.block = shared_memory.SharedMemory(create=True, size=max(SIZES.values()))
        view = self.block.buf
        assert view is not None
        self.view = view
        try:
            self.child = _ChildProcess(serve_shared_memory, self.block.name)
        except BaseException:
            self._release()
            raise

    def call(self, request: dict[str, Any]) -> Answer:
        length, media_type, truncated, kind = self._ask(request)
        return bytes(self.view[:length]), media_type, truncated, kind

    def _release(self) -> None:
        del self.view
        self.block.close()
        self.block.unlink()


class UnixSocket:
    name = "5. Unix domain socket, length-prefixed frames"

    def __init__(self) -> None:
        directory = tempfile.mkdtemp(prefix="cityref-hop-")
        path = os.path.join(directory, "hop.sock")
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
                listener.bind(path)
                listener.listen(1)
                listener.settimeout(60)
                self.process: BaseProcess = _spawn.Process(target=serve_socket, args=(path,), daemon=True)
                self.process.start()
                self.sock, _ = listener.accept()
        finally:  # the connection outlives the name
            if os.path.exists(path):
                os.unlink(path)
            os.rmdir(directory)
        self.sock.settimeout(None)

    def call(self, request: dict[str, Any]) -> Answer:
        deadline = time.monotonic() + DEADLINE_S
        payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        send_parts(self.sock, [_LENGTH.pack(len(payload)), payload])
        length, truncated, media_length, kind_length = _FIXED.unpack(self.receive(_FIXED.size, deadline))
        names = self.receive(media_length + kind_length, deadline)
        body = self.receive(length, deadline)
        return body, names[:media_length].decode("ascii"), bool(truncated), names[media_length:].decode("ascii")

    def receive(self, size: int, deadline: float) -> bytes:
        """Each part in one blocking ``recv``: fast, but nothing bounds the wait (``deadline`` is not used)."""
        return recv_exact(self.sock, size)

    def close(self) -> None:
        self.sock.close()
        _stop(self.process)


class UnixSocketWithDeadline(UnixSocket):
    name = "9. Unix domain socket as 5, select against a deadline before each read"

    def receive(self, size: int, deadline: float) -> bytes:
        buffer = bytearray(size)
        with memoryview(buffer) as view:
            got = 0
            while got < size:
                wait = deadline - time.monotonic()
                if wait <= 0:
                    raise TimeoutError("the child did not answer in time")
                ready, _, _ = select.select([self.sock], [], [], wait)
                if not ready:
                    continue
                count = self.sock.recv_into(view[got:])
                if not count:
                    raise EOFError("the child closed the socket")
                got += count
        return bytes(buffer)


class ShmFile(_OverChild):
    name = "6. file in /dev/shm, reused; pipe carries the length"

    def __init__(self) -> None:
        self.fd, self.path = tempfile.mkstemp(prefix="cityref-hop-", dir="/dev/shm")
        try:
            self.child = _ChildProcess(serve_file, self.path)
        except BaseException:
            self._release()
            raise

    def call(self, request: dict[str, Any]) -> Answer:
        length, media_type, truncated, kind = self._ask(request)
        return pread_all(self.fd, length), media_type, truncated, kind

    def _release(self) -> None:
        os.close(self.fd)
        os.unlink(self.path)


class InProcessThread:
    name = "7. baseline: a thread of the parent (not killable)"

    def __init__(self) -> None:
        self.answers = Answers()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hop-baseline")

    def call(self, request: dict[str, Any]) -> Answer:
        return self.executor.submit(self.answers.answer, request).result()

    def close(self) -> None:
        self.executor.shutdown(wait=True)


class RawSubprocessPipe:
    name = "8. subprocess pipes (64 KiB) read as transport 1 reads, header + raw body, no pool"

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--serve-pipe"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            close_fds=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._in = self.process.stdin
        self._out = self.process.stdout.fileno()

    def call(self, request: dict[str, Any]) -> Answer:
        deadline = time.monotonic() + DEADLINE_S
        payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        self._in.write(_LENGTH.pack(len(payload)) + payload)
        self._in.flush()
        length, truncated, media_length, kind_length = _FIXED.unpack(self._read_exact(_FIXED.size, deadline))
        names = self._read_exact(media_length + kind_length, deadline)
        body = self._read_exact(length, deadline)
        return body, names[:media_length].decode("ascii"), bool(truncated), names[media_length:].decode("ascii")

    def _read_exact(self, size: int, deadline: float) -> bytes:
        from cityref.workers.process import read_exact

        return read_exact(self._out, size, deadline)  # as cityref's worker pool reads

    def close(self) -> None:
        self._in.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        assert self.process.stdout is not None
        self.process.stdout.close()


TRANSPORTS: list[type[Transport]] = [
    CityrefWorker,
    PickledPipe,
    RawPipe,
    SharedBlock,
    UnixSocket,
    ShmFile,
    InProcessThread,
    RawSubprocessPipe,
    UnixSocketWithDeadline,
]


# Measuring.


def request_for(size: int) -> dict[str, Any]:
    """The dict ``EmbeddedStore.query`` sends for a plain SELECT, plus the body size this benchmark answers with."""
    from cityref.store.base import QueryRequest
    from cityref.store.embedded import request_dict

    request = QueryRequest(
        sparql="SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100",
        results_media_type=MEDIA_TYPE,
        graph_media_type="text/turtle",
        row_cap=10_000,
        union_default_graph=True,
        kind="select",
        triple_cap=100_000,
        max_bytes=64_000_000,
        budget_s=DEADLINE_S,
    )
    return {**request_dict(request), "body_bytes": size}


def calls_for(size: int, repeat: int) -> int:
    share = 1 if size <= 10_000 else 10 if size <= 1_000_000 else 20
    return max(ROUNDS * 4, repeat // share // ROUNDS * ROUNDS)


def check(answer: Answer, size: int, expected: bytes | None = None) -> None:
    body, media_type, truncated, kind = answer
    if type(body) is not bytes or len(body) != size or (media_type, truncated, kind) != (MEDIA_TYPE, False, "select"):
        raise AssertionError(f"wrong answer: {type(body).__name__} of {len(body)} bytes, {media_type, truncated, kind}")
    if expected is not None and body != expected:
        raise AssertionError("the body differs from the prepared one")


def measure(transports: Sequence[Transport], repeat: int) -> dict[tuple[str, str], list[int]]:
    samples: dict[tuple[str, str], list[int]] = {}
    for label, size in SIZES.items():
        request = request_for(size)
        expected = make_body(size)
        calls = calls_for(size, repeat)
        for transport in transports:
            for _ in range(max(3, min(200, calls // 5))):
                check(transport.call(request), size)
            check(transport.call(request), size, expected)
            samples[transport.name, label] = []
        for round_ in range(ROUNDS):
            shift = round_ % len(transports)
            for transport in [*transports[shift:], *transports[:shift]]:
                times = samples[transport.name, label]
                call = transport.call
                for _ in range(calls // ROUNDS):
                    start = time.perf_counter_ns()
                    answer = call(request)
                    times.append(time.perf_counter_ns() - start)
                    check(answer, size)
                    del answer  # freed outside the timed part
    return samples


def percentile(values: list[int], fraction: float) -> float:
    ordered = sorted(values)
    return float(ordered[max(0, math.ceil(fraction * len(ordered)) - 1)])


def microseconds(ns: float) -> str:
    us = ns / 1000
    return f"{us:,.0f}" if us >= 100 else f"{us:.1f}"


def median_us(work: Any, times: int = 2000) -> float:
    """Median microseconds of ``work()``."""
    samples = []
    for _ in range(times):
        start = time.perf_counter_ns()
        work()
        samples.append(time.perf_counter_ns() - start)
    return statistics.median(samples) / 1000


def resident_read_costs() -> tuple[float, float]:
    """Microseconds of reading this process's resident memory the way a cityref worker does before every reply
    (``sandbox.resident_bytes``: ``/proc/self/statm`` through a descriptor opened once, since 2026-12-02), and the
    way it did before (``VmRSS`` from ``/proc/self/status``, opened, read line by line and closed each time)."""
    from cityref.workers.sandbox import resident_bytes

    def from_status() -> int:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return 0

    return median_us(resident_bytes), median_us(from_status)


def frame_cost(size: int) -> float:
    """Median microseconds to pickle a cityref reply frame with a body of ``size`` and unpickle it, in one process:
    the part of transport 1 that the raw-body transports do not pay."""
    message = ("ok", (make_body(size), MEDIA_TYPE, False, "select"), 0)

    def round_trip() -> None:
        payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        frame = _LENGTH.pack(len(payload)) + payload
        pickle.loads(frame[_LENGTH.size :])

    return median_us(round_trip, 2000 if size <= 10_000 else 50)


def report(samples: dict[tuple[str, str], list[int]], names: list[str], repeat: int, seconds: float) -> str:
    try:
        import pyoxigraph

        oxigraph = pyoxigraph.__version__
    except ImportError:
        oxigraph = "not installed"
    labels = list(SIZES)
    lines = [
        f"Python {platform.python_version()}, pyoxigraph {oxigraph}, {platform.system()} {platform.release()}, "
        f"{os.cpu_count()} CPUs; --repeat {repeat}; calls per transport: "
        + ", ".join(f"{label} {calls_for(size, repeat)}" for label, size in SIZES.items())
        + f"; load average at the end {', '.join(f'{x:.2f}' for x in os.getloadavg())}; took {seconds:.0f} s.",
        "",
        "Round trip, median / p99, µs:",
        "",
        "| transport | " + " | ".join(labels) + " |",
        "|---|" + "---|" * len(labels),
    ]
    for name in names:
        cells = [
            f"{microseconds(statistics.median(samples[name, label]))} / "
            f"{microseconds(percentile(samples[name, label], 0.99))}"
            for label in labels
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    ours = names[0]
    lines += ["", "Median relative to transport 1 (cityref):", ""]
    lines += ["| transport | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    for name in names[1:]:
        ratios = [
            f"{statistics.median(samples[name, label]) / statistics.median(samples[ours, label]):.2f}"
            for label in labels
        ]
        lines.append(f"| {name} | " + " | ".join(ratios) + " |")
    statm, status = resident_read_costs()
    lines += [
        "",
        "Parts of transport 1, timed alone in one process (median, µs):",
        "",
        f"- reading the resident memory as a cityref worker does before every reply (/proc/self/statm, one pread on"
        f" a descriptor kept open): {statm:.1f}; as it did before (VmRSS from /proc/self/status): {status:.1f}",
        "- pickling a reply frame and unpickling it (header joined, frame sliced, as in cityref.workers): "
        + ", ".join(f"{label} {microseconds(frame_cost(size) * 1000)}" for label, size in SIZES.items()),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5000, help="timed calls per transport for small answers")
    parser.add_argument("--serve-pipe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_pipe:
        serve_pipe()
        return 0
    began = time.monotonic()
    transports: list[Transport] = []
    try:
        for kind in TRANSPORTS:
            transports.append(kind())
        samples = measure(transports, max(1, args.repeat))
    finally:
        for transport in transports:
            transport.close()
    print(report(samples, [t.name for t in transports], args.repeat, time.monotonic() - began))
    return 0


if __name__ == "__main__":
    sys.exit(main())
