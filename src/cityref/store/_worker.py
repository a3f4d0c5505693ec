"""A query worker process, and the result rendering it shares with the remote backend.

pyoxigraph's ``Store.query`` cannot be interrupted from Python, so the embedded backend runs queries here, in a
child process that can be killed when its time is up. The process is started as a plain script
(``python _worker.py``) so that it imports pyoxigraph only, not the web stack: a replacement worker is ready in
tens of milliseconds.

Protocol, over stdin/stdout: frames of a 4-byte big-endian length and a pickled tuple. The parent is the only
writer and is trusted (it is our own server process).

- ``("snapshot", generation, "path", dir)``: open the on-disk snapshot ``dir`` read-only;
- ``("snapshot", generation, "nquads", bytes)``: load an in-memory copy from an N-Quads dump;
- ``("query", request_dict)``: run it, reply ``("ok", body, media_type, truncated, kind)`` or
  ``("error", kind, message)``.

Row cap without handing rows through Python: SELECT results are first serialised by the engine to TSV into a
writer that stops the serialiser once ``row_cap + 1`` lines have arrived; the kept TSV is parsed back and
serialised by the engine again in the format asked for. TSV keeps every term exactly (unlike CSV).
"""

from __future__ import annotations

import io
import os
import pickle
import struct
import sys
from typing import IO, Any

import pyoxigraph as ox

TRUNCATION_LINK = "https://w3id.org/cityref/def/truncated"


class _CapReached(Exception):
    pass


class _CappedLines(io.RawIOBase):
    """A binary sink keeping at most ``cap + 1`` lines (header included) and stopping the writer after that."""

    def __init__(self, cap: int) -> None:
        self.chunks: list[bytes] = []
        self.lines = 0
        self.cap = cap
        self.truncated = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        newlines = chunk.count(b"\n")
        if self.lines + newlines > self.cap:
            keep = self.cap - self.lines
            cut = -1
            for _ in range(keep):
                cut = chunk.index(b"\n", cut + 1)
            self.chunks.append(chunk[: cut + 1])
            self.lines = self.cap
            self.truncated = True
            raise _CapReached
        self.chunks.append(chunk)
        self.lines += newlines
        return len(chunk)


def _mark_truncated(body: bytes, media_type: str, row_cap: int) -> bytes:
    """Add the truncation signal inside JSON and XML results; CSV/TSV rely on the response header only."""
    if media_type == "application/sparql-results+json" and body.startswith(b"{"):
        return b'{"truncated":true,"rowCap":' + str(row_cap).encode() + b"," + body[1:]
    if media_type == "application/sparql-results+xml":
        link = f'<link href="{TRUNCATION_LINK}?rowCap={row_cap}"/>'.encode()
        if b"</head>" in body:
            return body.replace(b"</head>", link + b"</head>", 1)
        return body.replace(b"<head/>", b"<head>" + link + b"</head>", 1)
    return body


def render_solutions(solutions: Any, media_type: str, row_cap: int) -> tuple[bytes, bool]:
    """Serialise SELECT solutions in ``media_type``, keeping at most ``row_cap`` rows; returns (body, truncated)."""
    sink = _CappedLines(row_cap + 1)  # the header line plus row_cap rows
    try:
        solutions.serialize(sink, ox.QueryResultsFormat.TSV)
    except (_CapReached, OSError) as error:
        if not sink.truncated:
            raise error
    tsv = b"".join(sink.chunks)
    if media_type == "text/tab-separated-values" and not sink.truncated:
        return tsv, False
    target = ox.QueryResultsFormat.from_media_type(media_type)
    assert target is not None
    reparsed = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
    body = reparsed.serialize(format=target)
    assert body is not None
    if sink.truncated:
        body = _mark_truncated(body, media_type, row_cap)
    return body, sink.truncated


def render(result: Any, request: dict[str, Any]) -> tuple[str, bytes, str, bool, str] | tuple[str, str, str]:
    """Turn an engine result into the reply tuple (``ok`` or ``error``)."""
    if isinstance(result, ox.QuerySolutions):
        media_type = request["results_media_type"]
        if media_type is None:
            return ("error", "not-acceptable", "select")
        body, truncated = render_solutions(result, media_type, request["row_cap"])
        return ("ok", body, media_type, truncated, "select")
    if isinstance(result, ox.QueryBoolean):
        media_type = request["results_media_type"]
        if media_type is None:
            return ("error", "not-acceptable", "ask")
        results_format = ox.QueryResultsFormat.from_media_type(media_type)
        return ("ok", result.serialize(format=results_format) or b"", media_type, False, "ask")
    media_type = request["graph_media_type"]
    if media_type is None:
        return ("error", "not-acceptable", "construct")
    graph_format = ox.RdfFormat.from_media_type(media_type)
    return ("ok", result.serialize(format=graph_format) or b"", media_type, False, "construct")


def _graph_list(iris: list[str]) -> list[ox.NamedNode | ox.DefaultGraph]:
    return [ox.NamedNode(i) for i in iris]


class Snapshot:
    """The store a worker queries, and the named graphs a user query may see in it (listed once, when first
    needed: the list only changes with the snapshot)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._visible: dict[frozenset[str], list[Any]] = {}

    def visible_graphs(self, hidden: frozenset[str]) -> list[Any]:
        if hidden not in self._visible:
            self._visible[hidden] = [g for g in self.store.named_graphs() if g.value not in hidden]
        return self._visible[hidden]


def _dataset(snapshot: Snapshot, request: dict[str, Any]) -> dict[str, Any]:
    """The engine's dataset arguments for a request.

    A request that names graphs (``default-graph-uri``/``named-graph-uri``) gets exactly those, as the protocol
    says: naming only default graphs leaves no named graph to ``GRAPH ?g``, and the other way round. Otherwise the
    service's dataset: every graph but the hidden ones, the default graph being their union when so configured,
    unless the text names its own with FROM (the engine applies that itself).
    """
    default, named = request["default_graph_uris"], request["named_graph_uris"]
    if default or named:
        return {"default_graph": _graph_list(default), "named_graphs": _graph_list(named)}
    union = request["union_default_graph"]
    hidden = frozenset(request.get("hidden_graphs") or ())
    if hidden:
        visible = snapshot.visible_graphs(hidden)
        return {"named_graphs": visible, "default_graph": [ox.DefaultGraph(), *visible] if union else ox.DefaultGraph()}
    if union and not request.get("query_has_dataset"):
        return {"use_default_graph_as_union": True}
    return {}


def execute(snapshot: Snapshot, request: dict[str, Any]) -> tuple[Any, ...]:
    """Run one query request (a ``QueryRequest`` as a dict) against ``snapshot``; never raises."""
    try:
        # Inside the try: a graph IRI the engine refuses (ValueError) must answer 400, not end the worker.
        kwargs: dict[str, Any] = {"base_iri": request.get("base_iri"), **_dataset(snapshot, request)}
        result = snapshot.store.query(request["sparql"], **kwargs)
        return render(result, request)
    except SyntaxError as error:
        return ("error", "syntax", str(error))
    except ValueError as error:
        return ("error", "bad-request", str(error))
    except Exception as error:  # an engine failure must reach the client as a problem, not kill the worker
        return ("error", "engine", f"{type(error).__name__}: {error}")


def write_frame(stream: IO[bytes], message: Any) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack(">I", len(payload)) + payload)
    stream.flush()


def read_frame(stream: IO[bytes]) -> Any:
    header = stream.read(4)
    if len(header) < 4:
        return None
    (size,) = struct.unpack(">I", header)
    return pickle.loads(stream.read(size))


def main() -> None:
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames may reach the parent's pipe
    inp = sys.stdin.buffer
    snapshot: Snapshot | None = None
    write_frame(out, ("ready", os.getpid()))
    while True:
        message = read_frame(inp)
        if message is None:
            return
        if message[0] == "snapshot":
            _, _generation, how, ref = message
            if how == "path":
                store = ox.Store.read_only(ref)
            else:
                store = ox.Store()
                store.load(ref, format=ox.RdfFormat.N_QUADS)
            snapshot = Snapshot(store)
            write_frame(out, ("ok",))
        elif message[0] == "query":
            assert snapshot is not None
            write_frame(out, execute(snapshot, message[1]))


if __name__ == "__main__":
    main()
