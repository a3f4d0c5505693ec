"""Query answers serialised by the engine and cut to size: the row cap for SELECT, the triple cap for CONSTRUCT and
DESCRIBE, and a byte cap for both, each with an explicit truncation signal. Shared by the query worker and the
remote backend.

Row cap without handing rows through Python: SELECT results are first serialised by the engine to TSV into a sink
that stops the serialiser once ``row_cap + 1`` lines (or ``max_bytes``) have arrived; the kept TSV is parsed back and
serialised by the engine again in the format asked for. TSV keeps every term exactly (unlike CSV).
"""

from __future__ import annotations

import io
from typing import Any

import pyoxigraph as ox

TRUNCATION_LINK = "https://w3id.org/cityref/def/truncated"


class _CapReached(Exception):
    pass


class _CappedLines(io.RawIOBase):
    """A binary sink keeping at most ``cap`` whole lines and ``max_bytes`` bytes (0: no byte cap), stopping the
    writer as soon as either is reached. A line still being written counts too, so one huge value cannot grow the
    sink past the byte cap either."""

    def __init__(self, cap: int, max_bytes: int) -> None:
        self.chunks: list[bytes] = []
        self.lines = 0
        self.size = 0
        self.cap = cap
        self.max_bytes = max_bytes
        self.truncated = False
        self._partial = b""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = self._partial + bytes(data)
        cut = chunk.rfind(b"\n") + 1
        whole, self._partial = chunk[:cut], chunk[cut:]
        if self.max_bytes and self.size + len(whole) > self.max_bytes:
            whole = whole[: self.max_bytes - self.size]
            self._keep(whole[: whole.rfind(b"\n") + 1])
            self._stop()
        self._keep(whole)
        if self.max_bytes and self.size + len(self._partial) > self.max_bytes:
            self._stop()
        return len(data)

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
        self._partial = b""
        raise _CapReached

    def finish(self) -> bytes:
        if self._partial and not self.truncated:  # a last line without its newline
            self.chunks.append(self._partial)
        return b"".join(self.chunks)


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


def render_solutions(solutions: Any, media_type: str, row_cap: int, max_bytes: int = 0) -> tuple[bytes, bool]:
    """Serialise SELECT solutions in ``media_type``, keeping at most ``row_cap`` rows; returns (body, truncated)."""
    sink = _CappedLines(row_cap + 1, max_bytes)  # the header line plus row_cap rows
    try:
        solutions.serialize(sink, ox.QueryResultsFormat.TSV)
    except (_CapReached, OSError) as error:
        if not sink.truncated:
            raise error
    tsv = sink.finish()
    if media_type == "text/tab-separated-values" and not sink.truncated:
        return tsv, False
    target = ox.QueryResultsFormat.from_media_type(media_type)
    assert target is not None
    reparsed = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
    body = reparsed.serialize(format=target)
    assert body is not None
    if sink.truncated:
        body = mark_truncated(body, media_type, row_cap)
    return body, sink.truncated


def render_boolean(result: Any, media_type: str) -> bytes:
    results_format = ox.QueryResultsFormat.from_media_type(media_type)
    return result.serialize(format=results_format) or b""


def render_triples(triples: Any, media_type: str, triple_cap: int, max_bytes: int = 0) -> tuple[bytes, bool]:
    """Serialise CONSTRUCT/DESCRIBE triples in ``media_type``, at most ``triple_cap`` of them and ``max_bytes``."""
    graph_format = ox.RdfFormat.from_media_type(media_type)
    assert graph_format is not None
    kept: list[Any] = []
    truncated = False
    for triple in triples:
        if len(kept) == triple_cap:
            truncated = True
            break
        kept.append(triple)
    body = ox.serialize(kept, format=graph_format) or b""
    while max_bytes and len(body) > max_bytes and kept:
        truncated = True
        kept = kept[: max(0, int(len(kept) * max_bytes / len(body) * 0.9))]
        body = ox.serialize(kept, format=graph_format) or b""
    if truncated:
        body = mark_truncated(body, media_type, triple_cap, what="tripleCap")
    return body, truncated
