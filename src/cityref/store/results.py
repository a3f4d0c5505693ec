"""Query answers serialised by the engine and cut to size: the row cap for SELECT, the triple cap for CONSTRUCT and
DESCRIBE, and a byte cap for both, each with an explicit truncation signal. Shared by the query worker and the
remote backend.

Row cap without handing rows through Python, and without writing twice: the engine writes SELECT results once, in
the format asked for, into a sink that counts rows in the writing as it comes (:mod:`cityref.store.row_cap`) and
stops the writer once the row after the cap has begun, or once more than ``max_bytes`` are here. The answer is then
cut at a row's start and closed as the engine would have closed it, so that it is, byte for byte, the engine's answer
with a ``LIMIT``. The byte cap counts the answer in the format asked for, truncation signal included. CONSTRUCT and
DESCRIBE answers asked for as N-Triples are cut the same way, a triple a line; in other formats the engine's writer
takes at most the cap's worth of triples from the engine's iterator (:func:`render_triples`).

An answer larger than the request's ``stream_bytes`` is not returned whole: it goes on to the server in parts
(:class:`Parts`), after a head saying the media type, the form and whether it was cut. A SELECT answer is sent once
it is written, since whether it was cut (which its head and its first bytes say) is known only at its end; it is
held meanwhile, at most ``max_bytes`` and the chunk that passed them.
"""

from __future__ import annotations

import contextlib
import io
import itertools
from collections.abc import Callable, Iterable
from typing import IO, Any, Protocol, cast

import pyoxigraph as ox

from cityref.store.base import NTRIPLES
from cityref.store.row_cap import row_starts

TRUNCATION_LINK = "https://w3id.org/cityref/def/truncated"
PART_BYTES = 256 * 1024
"""About how much each part of a streamed answer carries."""


class Sender(Protocol):
    """Where a streamed answer goes: a worker's :class:`~cityref.workers.child.Stream`."""

    def start(self, head: Any) -> None: ...

    def chunk(self, data: bytes) -> None: ...


class Parts(io.RawIOBase):
    """A sink for the engine's writes: the answer is kept whole while it is at most ``threshold`` bytes; past
    that, ``head`` is sent, then what was kept (through ``mark``, which adds the truncation signal to the start of
    the document) and every later write, in parts of about :data:`PART_BYTES`. ``threshold`` 0 or no ``sender``:
    always whole."""

    def __init__(
        self,
        sender: Sender | None,
        threshold: int,
        head: Any,
        mark: Callable[[bytes], bytes] | None = None,
    ) -> None:
        self._sender = sender if threshold > 0 else None
        self._threshold = threshold
        self._head = head
        self._mark = mark
        self._kept: list[bytes] = []
        self._size = 0
        self.streamed = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._kept.append(chunk)
        self._size += len(chunk)
        if self.streamed:
            if self._size >= PART_BYTES:
                self._send()
        elif self._sender is not None and self._size > self._threshold:
            first = b"".join(self._kept)
            self._kept = [self._mark(first) if self._mark else first]
            self._sender.start(self._head)
            self.streamed = True
            self._send()
        return len(chunk)

    def _send(self) -> None:
        assert self._sender is not None
        data, self._kept, self._size = b"".join(self._kept), [], 0
        for start in range(0, len(data), PART_BYTES):
            self._sender.chunk(data[start : start + PART_BYTES])

    def finish(self) -> bytes | None:
        """The whole answer, or ``None`` when it was streamed (the last part is sent now)."""
        if self.streamed:
            if self._kept:
                self._send()
            return None
        body = b"".join(self._kept)
        return self._mark(body) if self._mark else body


def send_whole(body: bytes, sender: Sender | None, threshold: int, head: Any) -> bytes | None:
    """An answer already written (``body``) as :class:`Parts` would give it: ``None`` when it was streamed."""
    if sender is None or threshold <= 0 or len(body) <= threshold:
        return body
    whole = memoryview(body)
    _send_parts([whole[start : start + PART_BYTES] for start in range(0, len(body), PART_BYTES)], sender, head)
    return None


def _send_parts(pieces: list[Any], sender: Sender, head: Any) -> None:
    """Send ``pieces`` (bytes-like), joined into parts of at least :data:`PART_BYTES` but the last, after ``head``;
    the list is emptied as it goes, so that each piece can be let go once it is sent."""
    sender.start(head)
    pieces.reverse()
    part: list[Any] = []
    size = 0
    while pieces:
        part.append(pieces.pop())
        size += len(part[-1])
        if size >= PART_BYTES or not pieces:
            sender.chunk(b"".join(part))
            part, size = [], 0


class _CapReached(Exception):
    pass


class _CappedLines(io.RawIOBase):
    """A binary sink keeping at most ``cap`` whole lines and ``max_bytes`` bytes (0: no byte cap), stopping the
    writer as soon as either is reached. A line still being written counts too, so one huge value cannot grow the
    sink past the byte cap either; its pieces are kept apart until its newline comes, so that it is joined once.

    Once stopped, every later write is refused at once: pyoxigraph's writer hands its buffer over again after a
    refused write, and taking it then would keep the same lines twice (a cut SELECT then failed to parse back)."""

    def __init__(self, cap: int, max_bytes: int) -> None:
        self.chunks: list[bytes] = []
        self.lines = 0
        self.size = 0
        self.cap = cap
        self.max_bytes = max_bytes
        self.truncated = False
        self._pending: list[bytes] = []
        self._pending_size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.truncated:
            raise _CapReached
        chunk = bytes(data)
        cut = chunk.rfind(b"\n") + 1
        if cut == 0:
            self._pending.append(chunk)
            self._pending_size += len(chunk)
        else:
            whole = b"".join([*self._pending, chunk[:cut]])
            self._pending = [chunk[cut:]] if cut < len(chunk) else []
            self._pending_size = len(chunk) - cut
            if self.max_bytes and self.size + len(whole) > self.max_bytes:
                whole = whole[: self.max_bytes - self.size]
                self._keep(whole[: whole.rfind(b"\n") + 1])
                self._stop()
            self._keep(whole)
        if self.max_bytes and self.size + self._pending_size > self.max_bytes:
            self._stop()
        return len(chunk)

    def _keep(self, whole: bytes) -> None:
        newlines = whole.count(b"\n")
        if self.lines + newlines > self.cap:
            cut = -1
            for _ in range(self.cap - self.lines):
                cut = whole.index(b"\n", cut + 1)
            self.chunks.append(whole[: cut + 1])
            self.lines = self.cap
            self._stop()
        self.chunks.append(whole)
        self.lines += newlines
        self.size += len(whole)

    def _stop(self) -> None:
        self.truncated = True
        self._pending, self._pending_size = [], 0
        raise _CapReached

    def finish(self) -> bytes:
        if self._pending and not self.truncated:  # a last line without its newline
            self.chunks.extend(self._pending)
        return b"".join(self.chunks)


def read_capped(chunks: Iterable[bytes], lines: int, max_bytes: int = 0) -> tuple[bytes, bool]:
    """Read line-based text (TSV, N-Triples) from ``chunks``, at most ``lines`` whole lines and ``max_bytes``
    bytes (0: no byte cap); returns (what was kept, whether more came). Reading stops at the first chunk past
    either cap, so an endless answer costs no more than the caps."""
    sink = _CappedLines(lines, max_bytes)
    with contextlib.suppress(_CapReached):
        for chunk in chunks:
            sink.write(chunk)
    return sink.finish(), sink.truncated


def mark_truncated(body: bytes, media_type: str, cap: int, *, what: str = "rowCap") -> bytes:
    """Add the truncation signal inside the body where the format has room for it; every format also gets the
    response header (set by the HTTP layer from ``truncated``)."""
    if media_type == "application/sparql-results+json" and body.startswith(b"{"):
        return b'{"truncated":true,"' + what.encode() + b'":' + str(cap).encode() + b"," + body[1:]
    if media_type == "application/sparql-results+xml":
        link = f'<link href="{TRUNCATION_LINK}?{what}={cap}"/>'.encode()
        if b"</head>" in body:
            return body.replace(b"</head>", link + b"</head>", 1)
        return body.replace(b"<head/>", b"<head>" + link + b"</head>", 1)
    if media_type in ("text/turtle", "application/n-triples"):
        return f"# truncated: {TRUNCATION_LINK}?{what}={cap}\n".encode() + body
    if media_type == "application/rdf+xml" and body.startswith(b"<?xml"):
        end = body.index(b"?>") + 2
        return body[:end] + f"\n<!-- truncated: {TRUNCATION_LINK}?{what}={cap} -->".encode() + body[end:]
    return body


class _CappedRows(io.RawIOBase):
    """A binary sink for the engine's SELECT answer in the format asked for: it keeps the writing, counts rows as
    it comes (:mod:`cityref.store.row_cap`) and stops the writer once the row after the cap has begun, or once
    more than ``max_bytes`` (0: no byte cap) are here and the header is whole. Every later write is refused at once
    (see :class:`_CappedLines`)."""

    def __init__(self, media_type: str, row_cap: int, max_bytes: int) -> None:
        self.counter = row_starts(media_type, row_cap + 1)
        self.chunks: list[bytes] = []
        self.size = 0
        self.max_bytes = max_bytes
        self.stopped = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.stopped:
            raise _CapReached
        chunk = bytes(data)
        base = self.size
        self.chunks.append(chunk)
        self.size += len(chunk)
        self.counter.feed(chunk, base, self.document)
        over_cap = self.counter.cut is not None and self.size > self.counter.cut
        if over_cap or (self.max_bytes and self.size > self.max_bytes and self.counter.head_end is not None):
            self.stopped = True
            raise _CapReached
        return len(chunk)

    def document(self) -> bytes:
        """What was written so far, as one text (kept so, until the next write)."""
        if len(self.chunks) > 1:
            self.chunks = [b"".join(self.chunks)]
        return self.chunks[0] if self.chunks else b""

    def cut(self, room: int) -> int:
        """Where the stopped answer is cut: before the row after the cap, and, past the byte cap, before the last
        row to start within ``max_bytes`` less ``room`` (what the cut answer adds)."""
        assert self.stopped
        at = self.counter.cut if self.counter.cut is not None and self.size > self.counter.cut else self.size
        if self.max_bytes and at + room > self.max_bytes:
            at = self.counter.last_start(self.document(), max(self.max_bytes - room, 0))
        return at


def render_solutions(
    solutions: Any,
    media_type: str,
    row_cap: int,
    max_bytes: int = 0,
    *,
    sender: Sender | None = None,
    stream_bytes: int = 0,
    head: Any = None,
    cut: bool = False,
) -> tuple[bytes | None, bool]:
    """Serialise SELECT solutions in ``media_type``, keeping at most ``row_cap`` rows and ``max_bytes`` bytes (or,
    when the header alone is longer, the header); returns (body, truncated). ``cut``: the solutions were already
    cut short (the remote backend's capped read), so the answer says so.

    The engine writes once, in the format asked for; the answer is cut at a row's start and closed
    (:mod:`cityref.store.row_cap`). With a ``sender`` and ``stream_bytes``, an answer longer than that is sent in
    parts after ``head(truncated)`` and the body returned is ``None``."""
    sink = _CappedRows(media_type, row_cap, max_bytes)
    try:
        solutions.serialize(sink, ox.QueryResultsFormat.from_media_type(media_type))
    except (_CapReached, OSError) as error:
        if not sink.stopped:
            raise error
    if not (sink.stopped or cut):
        if sender is not None and 0 < stream_bytes < sink.size:  # in parts as written, never joined whole
            _send_parts(sink.chunks, sender, head(False) if head else None)
            return None, False
        return sink.document(), False
    document = sink.document()
    end, closing = len(document), b""
    if sink.stopped:
        empty = b"<head></head>" if media_type == "application/sparql-results+xml" else b"{}"
        signal = len(mark_truncated(empty, media_type, row_cap)) - len(empty)  # what the truncation signal adds
        end, closing = sink.cut(len(sink.counter.closing) + signal), sink.counter.closing
    header = sink.counter.head_end
    if header is None:  # no header to mark in (not an answer the engine writes): marked whole
        body = mark_truncated(document[:end] + closing, media_type, row_cap)
    else:  # one copy: the marked header, the rows kept, the closing
        body = b"".join(
            (mark_truncated(document[:header], media_type, row_cap), memoryview(document)[header:end], closing)
        )
    del document
    sink.chunks.clear()
    return send_whole(body, sender, stream_bytes, head(True) if head else None), True


def render_boolean(result: Any, media_type: str) -> bytes:
    results_format = ox.QueryResultsFormat.from_media_type(media_type)
    return result.serialize(format=results_format) or b""


class _Bounded(io.RawIOBase):
    """A binary sink that keeps at most ``max_bytes`` (0: no cap) and stops the writer at the first write past it."""

    def __init__(self, max_bytes: int) -> None:
        self.chunks: list[bytes] = []
        self.size = 0
        self.max_bytes = max_bytes
        self.full = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.full or (self.max_bytes and self.size + len(data) > self.max_bytes):
            self.full = True
            raise _CapReached
        self.chunks.append(bytes(data))
        self.size += len(data)
        return len(data)


def _capped_ntriples(triples: Any, triple_cap: int, max_bytes: int) -> tuple[bytes, bool]:
    sink = _CappedLines(triple_cap, max_bytes)
    try:
        triples.serialize(sink, ox.RdfFormat.N_TRIPLES)
    except (_CapReached, OSError) as error:
        if not sink.truncated:
            raise error
    return sink.finish(), sink.truncated


def render_triples(
    triples: Any,
    media_type: str,
    triple_cap: int,
    max_bytes: int = 0,
    *,
    again: Callable[[], Any] | None = None,
    sender: Sender | None = None,
    stream_bytes: int = 0,
    head: Any = None,
) -> tuple[bytes | None, bool]:
    """Serialise the engine's CONSTRUCT/DESCRIBE triples in ``media_type``, at most ``triple_cap`` of them and
    ``max_bytes``; returns (body, truncated), the body ``None`` when it went in parts (as for
    :func:`render_solutions`). No Python code runs for each triple:

    - N-Triples: the engine writes them into a sink that counts lines and stops it at the caps;
    - any other format: the engine's writer takes at most ``triple_cap`` triples from the engine's iterator (through
      :func:`itertools.islice`) into a sink that stops it at the byte cap. Past the byte cap, ``again()`` runs the
      query once more and the answer is written from fewer triples, through N-Triples (without ``again``, the
      answer is then cut to no triple at all)."""

    def through_ntriples(ntriples: bytes, cut: bool) -> tuple[bytes | None, bool]:
        return render_ntriples(
            ntriples, media_type, triple_cap, max_bytes, cut=cut, ours=True,
            sender=sender, stream_bytes=stream_bytes, head=head,
        )  # fmt: skip

    if media_type == NTRIPLES:
        return through_ntriples(*_capped_ntriples(triples, triple_cap, max_bytes))
    graph_format = ox.RdfFormat.from_media_type(media_type)
    assert graph_format is not None
    sink = _Bounded(max_bytes)
    try:
        ox.serialize(itertools.islice(triples, triple_cap), cast("IO[bytes]", sink), graph_format)
    except (_CapReached, OSError) as error:
        if not sink.full:
            raise error
        return through_ntriples(_capped_ntriples(again(), triple_cap, max_bytes)[0] if again else b"", True)
    truncated = next(triples, None) is not None
    body = b"".join(sink.chunks)
    if truncated:
        body = mark_truncated(body, media_type, triple_cap, what="tripleCap")
    return send_whole(body, sender, stream_bytes, head(truncated) if head else None), truncated


STREAMED_GRAPHS = (NTRIPLES, "text/turtle")
"""Graph formats never longer than the N-Triples they are written from (Turtle only leaves out repeated subjects
and shortens some literals), so that an answer kept within the byte cap as N-Triples can be sent in parts."""


def render_ntriples(
    ntriples: bytes,
    media_type: str,
    triple_cap: int,
    max_bytes: int = 0,
    *,
    cut: bool = False,
    ours: bool = False,
    sender: Sender | None = None,
    stream_bytes: int = 0,
    head: Any = None,
) -> tuple[bytes | None, bool]:
    """Write ``ntriples`` (at most the caps already) in ``media_type``; ``cut``: more triples came than were kept.
    ``ours``: the engine wrote them, so N-Triples are sent as they are; a remote store's are read and written again,
    which also checks them. Formats of :data:`STREAMED_GRAPHS` go in parts past ``stream_bytes``; any other is
    written whole and, past ``max_bytes``, written again from fewer triples."""
    graph_format = ox.RdfFormat.from_media_type(media_type)
    assert graph_format is not None
    mark = (lambda body: mark_truncated(body, media_type, triple_cap, what="tripleCap")) if cut else None
    if media_type in STREAMED_GRAPHS:
        out = Parts(sender, stream_bytes, head(cut) if head else None, mark)
        if ours and graph_format == ox.RdfFormat.N_TRIPLES:
            out.write(ntriples)
        else:
            ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), cast("IO[bytes]", out), graph_format)
        return out.finish(), cut
    kept, truncated = ntriples, cut
    body = ox.serialize(ox.parse(kept, format=ox.RdfFormat.N_TRIPLES), format=graph_format) or b""
    while max_bytes and len(body) > max_bytes and kept:
        truncated = True
        kept = kept[: kept.rfind(b"\n", 0, int(len(kept) * max_bytes / len(body) * 0.9)) + 1]
        body = ox.serialize(ox.parse(kept, format=ox.RdfFormat.N_TRIPLES), format=graph_format) or b""
    if truncated:
        body = mark_truncated(body, media_type, triple_cap, what="tripleCap")
    return send_whole(body, sender, stream_bytes, head(truncated) if head else None), truncated
