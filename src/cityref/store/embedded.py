"""The embedded backend: Oxigraph on disk, driven from worker processes.

The server's own process never opens the live database. One **writer** worker (:mod:`cityref.store.writer`) owns
it and makes a checkpoint after every write; **query** workers (:mod:`cityref.store.query_worker`) run user SPARQL
over the newest checkpoint and are killed when their budget or memory runs out; the server reads graph sizes and
dumps from the newest checkpoint through a read-only handle of its own. So:

- reads never wait for a write, and never see one half done: until a write has finished, the newest checkpoint is
  the one before it;
- a write that runs out of memory, or a crash of the writer, takes down the writer only; the next write starts a
  new one, which finishes or discards what was in flight (see the journal in :mod:`cityref.store.writer`);
- nothing that reads client input can open a network connection unless the operator allow-listed hosts.

Without a ``data_dir`` the store lives in a temporary directory removed at close: the same code, on disk.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from cityref.errors import BudgetExceeded, CityrefError, LimitExceeded, StoreLocked, UnsupportedMediaType, WorkerFailed
from cityref.intake import Prepared
from cityref.store.base import SOURCE_DIGEST, GraphInfo, QueryOutcome, QueryRequest, Store, graph_too_large, sparql_iri
from cityref.store.writer import INCOMING_DIR, SNAPSHOT_DIR, STORE_DIR
from cityref.workers import Setup, WorkerCrashed, WorkerOutOfMemory, WorkerPool, WorkerSpec, WorkerTimeout
from cityref.workers.process import StreamedReply

log = logging.getLogger("cityref.store")

LOCK_FILE = "cityref.lock"
MiB = 1024 * 1024


@dataclass(frozen=True)
class EmbeddedLimits:
    """How many query workers, and the memory, time and network each kind of worker gets."""

    query_workers: int = 4
    query_memory_bytes: int = 1536 * MiB
    writer_memory_bytes: int = 4096 * MiB
    recycle_bytes: int = 768 * MiB
    write_timeout_s: float = 900.0
    start_timeout_s: float = 60.0
    federation: bool = False
    """Hosts are allow-listed for SERVICE/LOAD: the writer, and a separate pool for queries that call them, may
    open connections. Queries that call no allowed service still run without network."""
    require_sandbox: bool = True


def limits_from(settings: Any) -> EmbeddedLimits:
    return EmbeddedLimits(
        query_workers=settings.max_concurrent_queries,
        query_memory_bytes=settings.query_worker_memory_mb * MiB,
        writer_memory_bytes=settings.writer_memory_mb * MiB,
        recycle_bytes=settings.worker_recycle_mb * MiB,
        write_timeout_s=settings.write_timeout_s,
        start_timeout_s=settings.worker_start_timeout_s,
        federation=bool(settings.allowed_remote_hosts),
        require_sandbox=settings.require_network_sandbox,
    )


def memory_problem(what: str, setting: str, limit_bytes: int) -> LimitExceeded:
    return LimitExceeded(
        f"The {what} needed more than the {limit_bytes // MiB} MiB memory limit and was stopped",
        limit=setting,
        limit_mib=limit_bytes // MiB,
    )


class _Snapshot:
    """One checkpoint: its generation, directory, and the server's own read-only handle on it (opened when first
    needed, closed when the checkpoint is pruned)."""

    def __init__(self, generation: int, path: str) -> None:
        self.generation = generation
        self.path = path
        self.users = 0
        self._reader: ox.Store | None = None
        self._lock = threading.Lock()

    def reader(self) -> ox.Store:
        with self._lock:
            if self._reader is None:
                self._reader = ox.Store.read_only(self.path)
            return self._reader

    def close(self) -> None:
        with self._lock:
            self._reader = None


class EmbeddedStore(Store):
    """Oxigraph at ``data_dir/oxigraph`` (a temporary directory when ``data_dir`` is None)."""

    kind = "embedded"
    parses_queries_first = True

    def __init__(self, data_dir: Path | None = None, *, limits: EmbeddedLimits | None = None) -> None:
        self.limits = limits or EmbeddedLimits()
        self._temporary = data_dir is None
        self.data_dir = Path(tempfile.mkdtemp(prefix="cityref-store-")) if data_dir is None else Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._lock_file = self._take_lock()
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._graph_sizes: tuple[int, list[GraphInfo]] | None = None
        self.generation = 0
        self.opened: dict[str, Any] = {}
        self._snapshots: dict[int, _Snapshot] = {}
        limits = self.limits
        self.writer = WorkerPool(
            WorkerSpec(
                "writer",
                "cityref.store.writer:Writer",
                memory_bytes=limits.writer_memory_bytes,
                network=limits.federation,
                start_timeout_s=limits.start_timeout_s,
                config={"directory": str(self.data_dir)},
                require_sandbox=limits.require_sandbox,
            ),
            size=1,
        )
        self.queries = WorkerPool(self._query_spec(network=False), size=limits.query_workers)
        self.federated_queries = (
            WorkerPool(self._query_spec(network=True), size=limits.query_workers) if limits.federation else None
        )
        try:
            self._open(sweep=True)
        except BaseException:
            self.close()
            raise

    def _query_spec(self, *, network: bool) -> WorkerSpec:
        limits = self.limits
        return WorkerSpec(
            "query",
            "cityref.store.query_worker:QueryWorker",
            memory_bytes=limits.query_memory_bytes,
            network=network,
            recycle_bytes=limits.recycle_bytes,
            start_timeout_s=limits.start_timeout_s,
            require_sandbox=limits.require_sandbox,
        )

    def _take_lock(self) -> IO[str]:
        handle = open(self.data_dir / LOCK_FILE, "a+", encoding="utf-8")  # noqa: SIM115 (held until close)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise StoreLocked(
                f"The data directory {self.data_dir} is in use by another cityref process",
                directory=str(self.data_dir),
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        return handle

    # The writer.

    def _open(self, *, sweep: bool) -> None:
        """(Re)start the writer: recover, checkpoint, and make that checkpoint the newest."""
        generation = self.generation + 1
        deadline = time.monotonic() + max(self.limits.start_timeout_s, self.limits.write_timeout_s)
        try:
            reply = self.writer.run("open", {"generation": generation, "sweep": sweep}, deadline=deadline)
        except WorkerOutOfMemory as error:
            raise memory_problem("store's recovery", "writer_memory_mb", self.limits.writer_memory_bytes) from error
        except (WorkerTimeout, WorkerCrashed) as error:
            raise WorkerFailed(f"The store could not be opened: {error}") from error
        self.opened = reply
        for entry in reply.get("redone", []):
            log.warning("finished an interrupted %s of %s", entry["op"], entry["graph"] or "the default graph")
        self._publish(generation, reply["snapshot"])

    def _write(self, op: str, payload: dict[str, Any]) -> dict[str, Any]:
        with self._write_lock:
            if not self.opened:
                self._open(sweep=False)
            generation = self.generation + 1
            deadline = time.monotonic() + self.limits.write_timeout_s
            try:
                reply: dict[str, Any] = self.writer.run(op, {**payload, "generation": generation}, deadline=deadline)
            except (WorkerTimeout, WorkerOutOfMemory, WorkerCrashed) as error:
                # The writer is gone; whatever it was doing is finished (journaled) or discarded (a transaction)
                # when the next one opens the store. Open it now, so that readers see where things stand.
                self.opened = {}
                self._reopen_after(error)
                if isinstance(error, WorkerTimeout):
                    raise BudgetExceeded(
                        f"The write ran out of its {self.limits.write_timeout_s:g} s budget and was stopped",
                        limit="write_timeout_s",
                    ) from error
                if isinstance(error, WorkerOutOfMemory):
                    raise memory_problem("write", "writer_memory_mb", self.limits.writer_memory_bytes) from error
                raise WorkerFailed(f"The write failed: {error}") from error
            self._publish(generation, reply["snapshot"])
            return reply

    def _reopen_after(self, error: Exception) -> None:
        log.warning("the store's writer stopped (%s); reopening", error)
        try:
            self._open(sweep=False)
        except CityrefError:
            log.exception("the store could not be reopened; the next write tries again")

    def _publish(self, generation: int, path: str) -> None:
        with self._lock:
            self.generation = generation
            self._snapshots[generation] = _Snapshot(generation, path)
        self._prune()

    def _prune(self) -> None:
        in_use = self.queries.setup_keys_in_use()
        if self.federated_queries is not None:
            in_use |= self.federated_queries.setup_keys_in_use()
        with self._lock:
            old = [s for g, s in self._snapshots.items() if g != self.generation and g not in in_use and s.users == 0]
            for snapshot in old:
                del self._snapshots[snapshot.generation]
        for snapshot in old:
            snapshot.close()
            shutil.rmtree(snapshot.path, ignore_errors=True)

    def _current(self) -> _Snapshot:
        with self._lock:
            snapshot = self._snapshots[self.generation]
            snapshot.users += 1
            return snapshot

    def newest_checkpoint(self) -> Path:
        """The directory of the checkpoint reads use now: a read-only Oxigraph store (for benchmarks, diagnostics)."""
        with self._lock:
            return Path(self._snapshots[self.generation].path)

    def _done(self, snapshot: _Snapshot) -> None:
        with self._lock:
            snapshot.users -= 1

    # Queries.

    def query(self, request: QueryRequest, timeout_s: float) -> QueryOutcome:
        deadline = time.monotonic() + timeout_s
        snapshot = self._current()
        pool = self.federated_queries if (request.needs_network and self.federated_queries) else self.queries
        streamed = False
        try:
            reply = pool.run(
                "query",
                request_dict(request),
                deadline=deadline,
                setup=Setup(snapshot.generation, "snapshot", snapshot.path),
            )
            if isinstance(reply, StreamedReply):
                # the worker still reads the checkpoint while it sends: it stays in use until the last part
                streamed = True
                media_type, truncated, kind = reply.head
                parts = _Parts(
                    reply,
                    lambda error: self._failure(error, request, timeout_s, sending=True),
                    lambda: self._release_snapshot(snapshot),
                )
                return QueryOutcome(b"", media_type, truncated, kind, parts=parts)
        except (WorkerTimeout, WorkerOutOfMemory, WorkerCrashed) as error:
            raise self._failure(error, request, timeout_s, sending=False) from error
        finally:
            if not streamed:
                self._release_snapshot(snapshot)
        body, media_type, truncated, kind = reply
        return QueryOutcome(body, media_type, truncated, kind)

    def _failure(self, error: Exception, request: QueryRequest, timeout_s: float, *, sending: bool) -> CityrefError:
        """A query worker's end as the request's error: the budget (504), its memory (422), a crash (500)."""
        during = " while sending its answer" if sending else ""
        if isinstance(error, WorkerTimeout):
            budget = request.budget_s or timeout_s
            return BudgetExceeded(
                f"The query ran out of its {budget:g} s budget{during} and was stopped", timeout_s=budget
            )
        if isinstance(error, WorkerOutOfMemory):
            return memory_problem("query", "query_worker_memory_mb", self.limits.query_memory_bytes)
        log.error("query worker crashed%s: %s", during, error)
        return WorkerFailed(f"The query worker crashed{during or ' while running the query'}")

    def _release_snapshot(self, snapshot: _Snapshot) -> None:
        self._done(snapshot)
        self._prune()

    # Writes.

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        self._write("update", {"sparql": sparql, "base_iri": base_iri})

    def incoming_dir(self) -> Path:
        path = self.data_dir / INCOMING_DIR
        path.mkdir(parents=True, exist_ok=True)
        return path

    def graph_put(self, graph: str | None, upload: Prepared) -> bool:
        return bool(self._write("replace", {"graph": graph, "path": str(upload.path)})["created"])

    def graph_post(self, graph: str | None, upload: Prepared) -> bool:
        return bool(self._write("add", {"graph": graph, "path": str(upload.path)})["created"])

    def graph_delete(self, graph: str | None) -> bool:
        if graph is not None and not self.graph_exists(graph):
            return False
        return bool(self._write("delete", {"graph": graph})["existed"])

    def clear(self) -> None:
        """Empty the whole dataset (every graph), e.g. between conformance tests."""
        self._write("clear", {})

    # The server's own reads, from the newest checkpoint (trusted and bounded: no user SPARQL).

    def _read(self, read: Any) -> Any:
        snapshot = self._current()
        try:
            return read(snapshot.reader())
        finally:
            self._done(snapshot)

    def graph_exists(self, graph: str | None) -> bool:
        if graph is None:
            return True
        return bool(self._read(lambda r: r.contains_named_graph(ox.NamedNode(graph))))

    def graph_get(self, graph: str | None, media_type: str) -> bytes | None:
        fmt = ox.RdfFormat.from_media_type(media_type)
        if fmt is None:
            raise UnsupportedMediaType(f"Cannot serialise a graph as {media_type}")

        def dump(reader: ox.Store) -> bytes | None:
            if graph is not None and not reader.contains_named_graph(ox.NamedNode(graph)):
                return None
            source: Any = ox.NamedNode(graph) if graph is not None else ox.DefaultGraph()
            return reader.dump(format=fmt, from_graph=source) or b""

        result: bytes | None = self._read(dump)
        return result

    def graph_size(self, graph: str) -> int | None:
        """The graph's size from the counts of the newest checkpoint when they are made, else one native COUNT over
        that graph alone (a large store is not counted whole for one graph)."""
        cached = self._graph_sizes
        if cached is not None and cached[0] == self.generation:
            return next((info.triples for info in cached[1] if info.iri == graph), None)
        result: int | None = self._read(lambda reader: _count(reader, graph))
        return result

    def export_graph(self, graph: str, target: Path, *, max_triples: int) -> int | None:
        """The graph dumped from the newest checkpoint straight into ``target`` (never held in memory), once a
        native COUNT of that checkpoint says it is within ``max_triples``."""

        def dump(reader: ox.Store) -> int | None:
            count = _count(reader, graph)
            if count is None:
                return None
            if count > max_triples:
                raise graph_too_large(graph, max_triples)
            reader.dump(str(target), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
            return count

        result: int | None = self._read(dump)
        return result

    def recorded_digest(self, graph: str) -> str | None:
        def find(reader: ox.Store) -> str | None:
            node = ox.NamedNode(graph)
            for quad in reader.quads_for_pattern(node, ox.NamedNode(SOURCE_DIGEST), None, node):
                if isinstance(quad.object, ox.Literal):
                    return quad.object.value
            return None

        result: str | None = self._read(find)
        return result

    def graphs(self) -> list[GraphInfo]:
        """Graph sizes, counted once per generation (the service description and /metrics ask often)."""
        cached = self._graph_sizes
        if cached is not None and cached[0] == self.generation:
            return cached[1]

        def count(reader: ox.Store) -> tuple[int, list[GraphInfo]]:
            counts: dict[str | None, int] = {None: 0}
            for name in reader.named_graphs():
                if isinstance(name, ox.NamedNode):
                    counts[name.value] = 0
            solutions = reader.query(
                "SELECT ?g (COUNT(*) AS ?n) { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g"
            )
            assert isinstance(solutions, ox.QuerySolutions)
            for solution in solutions:
                g = solution["g"]
                key = g.value if isinstance(g, ox.NamedNode) else None
                if key in counts:
                    counts[key] = int(solution["n"].value)
            return 0, [GraphInfo(iri, n) for iri, n in counts.items()]

        generation = self.generation
        _, sizes = self._read(count)
        self._graph_sizes = (generation, sizes)
        return sizes

    def close(self) -> None:
        if self.opened:
            try:
                self.writer.run("close", {}, deadline=time.monotonic() + 30)
            except (CityrefError, WorkerTimeout, WorkerOutOfMemory, WorkerCrashed):
                log.warning("the store's writer did not close cleanly; the next start recovers")
        for pool in (self.queries, self.federated_queries, self.writer):
            if pool is not None:
                pool.close()
        for snapshot in self._snapshots.values():
            snapshot.close()
        self._snapshots = {}
        shutil.rmtree(self.data_dir / SNAPSHOT_DIR, ignore_errors=True)
        if self._temporary:
            shutil.rmtree(self.data_dir, ignore_errors=True)
        self._lock_file.close()


def _count(reader: ox.Store, graph: str) -> int | None:
    """Triples in one named graph of a checkpoint, ``None`` when it has no such graph (trusted text: the IRI was
    checked by ``check_graph_iri`` and is written with ``sparql_iri``)."""
    if not reader.contains_named_graph(ox.NamedNode(graph)):
        return None
    solutions = reader.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH {sparql_iri(graph)} {{ ?s ?p ?o }} }}")
    assert isinstance(solutions, ox.QuerySolutions)
    for solution in solutions:
        return int(solution["n"].value)
    return 0


class _Parts:
    """A worker's streamed answer, its failures told by ``failure`` as for a whole answer; ``done`` runs once,
    when the last part has been read or the rest given up."""

    def __init__(
        self, reply: StreamedReply, failure: Callable[[Exception], CityrefError], done: Callable[[], None]
    ) -> None:
        self._reply = reply
        self._failure = failure
        self._done: Callable[[], None] | None = done

    def _finish(self) -> None:
        done, self._done = self._done, None
        if done is not None:
            done()

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._reply
        except (WorkerTimeout, WorkerOutOfMemory, WorkerCrashed) as error:
            raise self._failure(error) from error
        finally:
            self._finish()

    def close(self) -> None:
        self._reply.close()
        self._finish()


def request_dict(request: QueryRequest) -> dict[str, Any]:
    """A query request as plain data for a worker process."""
    return {
        "sparql": request.sparql,
        "results_media_type": request.results_media_type,
        "graph_media_type": request.graph_media_type,
        "row_cap": request.row_cap,
        "triple_cap": request.triple_cap or request.row_cap,
        "max_bytes": request.max_bytes,
        "default_graph_uris": list(request.default_graph_uris),
        "named_graph_uris": list(request.named_graph_uris),
        "union_default_graph": request.union_default_graph,
        "base_iri": request.base_iri,
        "stream_bytes": request.stream_bytes,
        "query_has_dataset": request.query_has_dataset,
    }


__all__ = ["STORE_DIR", "EmbeddedLimits", "EmbeddedStore", "limits_from"]
