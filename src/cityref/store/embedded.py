"""The embedded backend: a pyoxigraph store in this process, on disk (``data_dir``) or in memory.

Reads that run user SPARQL go to worker processes (:mod:`cityref.store.workers`) over a snapshot, so that a
runaway query can be killed. Every write bumps ``generation``; the next query makes a new snapshot (a RocksDB
checkpoint, hard links only, for an on-disk store; an N-Quads dump for an in-memory one) and workers switch to it.
Writes run here, in the parent, all or nothing: graph replacement is one SPARQL update.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox

from cityref.errors import BadRequest, BudgetExceeded, UnsupportedMediaType
from cityref.store import parsing
from cityref.store.base import (
    SYSTEM_GRAPH,
    GraphInfo,
    Progress,
    QueryOutcome,
    QueryRequest,
    Store,
    graph_target,
    sparql_iri,
)
from cityref.store.workers import Snapshot, WorkerDied, WorkerPool, WorkerTimeout

STORE_DIR = "oxigraph"
SNAPSHOT_DIR = "snapshots"
_BATCH = 50_000


class EmbeddedStore(Store):
    """pyoxigraph on disk at ``data_dir`` (``data_dir/oxigraph``), or in memory when ``data_dir`` is None."""

    kind = "embedded"

    def __init__(self, data_dir: Path | None = None, *, max_concurrent_queries: int = 4, max_triples: int = 0) -> None:
        super().__init__(max_concurrent_queries)
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self.max_triples = max_triples
        if self.data_dir is not None:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(self.data_dir / STORE_DIR))
            self._snapshots = self.data_dir / SNAPSHOT_DIR
            shutil.rmtree(self._snapshots, ignore_errors=True)  # left by a previous run; nothing uses them now
            self._snapshots.mkdir()
        else:
            self._store = ox.Store()
        self.generation = 0
        self._lock = threading.RLock()
        self._snapshot: Snapshot | None = None
        self._graph_sizes: tuple[int, list[GraphInfo]] | None = None
        self.pool = WorkerPool(self._current_snapshot)

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for trusted in-process work (bootstrapping, tests)."""
        return self._store

    # Queries.

    def query(self, request: QueryRequest, timeout_s: float) -> QueryOutcome:
        try:
            reply = self.pool.run(request_dict(request), timeout_s)
        except WorkerTimeout as error:
            raise BudgetExceeded(
                f"The query ran out of its {timeout_s:g} s budget and was stopped",
                timeout_s=timeout_s,
            ) from error
        except WorkerDied as error:
            raise BudgetExceeded(f"The query worker stopped without answering ({error})") from error
        return outcome_from_reply(reply)

    def _current_snapshot(self) -> Snapshot:
        with self._lock:
            if self._snapshot is not None and self._snapshot[0] == self.generation:
                return self._snapshot
            if self.data_dir is None:
                self._snapshot = (self.generation, "nquads", self._store.dump(format=ox.RdfFormat.N_QUADS))
            else:
                target = self._snapshots / f"g{self.generation}"
                if not target.exists():
                    self._store.backup(str(target))
                self._snapshot = (self.generation, "path", str(target))
                self._prune_snapshots()
            return self._snapshot

    def _prune_snapshots(self) -> None:
        keep = self.pool.generations_in_use() | {self.generation, self.generation - 1}
        for old in self._snapshots.iterdir():
            if old.name.startswith("g") and old.name[1:].isdigit() and int(old.name[1:]) not in keep:
                shutil.rmtree(old, ignore_errors=True)

    # Writes.

    def _write(self, update: str, base_iri: str | None = None) -> None:
        with self._lock:
            try:
                self._store.update(update, base_iri=base_iri)
            except SyntaxError as error:
                raise parsing.sparql_syntax_problem(error) from error
            except (OSError, ValueError) as error:
                raise BadRequest(f"The update failed: {error}") from error
            finally:
                self.generation += 1  # cheaper to rebuild a snapshot than to prove nothing changed

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        self._write(sparql, base_iri)

    def graph_put(self, graph: str | None, data: bytes, media_type: str, *, base_iri: str | None = None) -> bool:
        body = parsing.to_ntriples(data, media_type, base_iri=base_iri, max_triples=self.max_triples)
        target = graph_target(graph)
        with self._lock:
            created = not self.graph_exists(graph)
            self._write(f"CLEAR SILENT {target} ;\nINSERT DATA {{ {_wrap(graph, body)} }}")
            if graph is not None:
                self._store.add_graph(ox.NamedNode(graph))  # an empty PUT still creates the graph
            return created

    def graph_post(self, graph: str | None, data: bytes, media_type: str, *, base_iri: str | None = None) -> bool:
        body = parsing.to_ntriples(data, media_type, base_iri=base_iri, max_triples=self.max_triples)
        with self._lock:
            created = not self.graph_exists(graph)
            self._write(f"INSERT DATA {{ {_wrap(graph, body)} }}")
            if graph is not None:
                self._store.add_graph(ox.NamedNode(graph))
            return created

    def graph_delete(self, graph: str | None) -> bool:
        with self._lock:
            if not self.graph_exists(graph):
                return False
            self._write(f"DROP SILENT {graph_target(graph)}")
            return True

    def load_file(
        self, path: Path, graph: str | None, *, media_type: str | None = None, progress: Progress | None = None
    ) -> None:
        fmt = parsing.file_format(path, media_type)
        target: Any = ox.NamedNode(graph) if graph is not None else ox.DefaultGraph()
        total = path.stat().st_size
        with path.open("rb") as raw, self._lock:
            reader = parsing.CountingReader(raw, total, progress)
            batch: list[ox.Quad] = []
            try:
                for quad in ox.parse(cast(IO[bytes], reader), format=fmt, base_iri=path.resolve().as_uri()):
                    batch.append(ox.Quad(quad.subject, quad.predicate, quad.object, target))
                    if len(batch) >= _BATCH:
                        self._store.extend(batch)
                        batch = []
                self._store.extend(batch)
            except SyntaxError as error:
                raise parsing.rdf_syntax_problem(error) from error
            finally:
                self.generation += 1
            if graph is not None:
                self._store.add_graph(target)
            if progress is not None:
                progress(total, total)

    def clear(self) -> None:
        """Empty the whole dataset (every graph), e.g. between conformance tests."""
        with self._lock:
            self._store.clear()
            self.generation += 1

    # Reads for the protocol and the service description (trusted, bounded: no user SPARQL).

    def graph_exists(self, graph: str | None) -> bool:
        return graph is None or self._store.contains_named_graph(ox.NamedNode(graph))

    def graph_get(self, graph: str | None, media_type: str) -> bytes | None:
        fmt = ox.RdfFormat.from_media_type(media_type)
        if fmt is None:
            raise UnsupportedMediaType(f"Cannot serialise a graph as {media_type}")
        with self._lock:
            if not self.graph_exists(graph):
                return None
            source: Any = ox.NamedNode(graph) if graph is not None else ox.DefaultGraph()
            body = self._store.dump(format=fmt, from_graph=source)
        return body or b""

    def graphs(self) -> list[GraphInfo]:
        """Graph sizes, counted once per generation (the service description and /metrics ask often)."""
        cached = self._graph_sizes
        if cached is not None and cached[0] == self.generation:
            return cached[1]
        with self._lock:
            generation = self.generation
            counts: dict[str | None, int] = {None: 0}
            for name in self._store.named_graphs():
                if isinstance(name, ox.NamedNode) and name.value != SYSTEM_GRAPH:
                    counts[name.value] = 0
            solutions = self._store.query(
                "SELECT ?g (COUNT(*) AS ?n) { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g"
            )
            assert isinstance(solutions, ox.QuerySolutions)
            for solution in solutions:
                g = solution["g"]
                key = g.value if isinstance(g, ox.NamedNode) else None
                if key in counts:
                    counts[key] = int(solution["n"].value)
            sizes = [GraphInfo(iri, n) for iri, n in counts.items()]
            self._graph_sizes = (generation, sizes)
        return sizes

    def close(self) -> None:
        self.pool.close()
        if self.data_dir is not None:
            self._store.flush()
            shutil.rmtree(self._snapshots, ignore_errors=True)
        # RocksDB's lock is released only when the store object goes: drop our reference so that the same
        # directory can be opened again in this process (a restart in tests, a reload in a dev server).
        del self._store
        self._snapshot = None


def _wrap(graph: str | None, ntriples: str) -> str:
    return ntriples if graph is None else f"GRAPH {sparql_iri(graph)} {{ {ntriples} }}"


def request_dict(request: QueryRequest) -> dict[str, Any]:
    """A query request as plain data for a worker process."""
    return {
        "sparql": request.sparql,
        "results_media_type": request.results_media_type,
        "graph_media_type": request.graph_media_type,
        "row_cap": request.row_cap,
        "default_graph_uris": list(request.default_graph_uris),
        "named_graph_uris": list(request.named_graph_uris),
        "union_default_graph": request.union_default_graph,
        "base_iri": request.base_iri,
        "query_has_dataset": request.query_has_dataset,
        "hidden_graphs": [] if request.query_has_dataset else list(request.hidden_graphs),
    }


def outcome_from_reply(reply: tuple[Any, ...]) -> QueryOutcome:
    """Turn a worker's reply into an outcome, or into the problem it reports."""
    from cityref.errors import NotAcceptable

    if reply[0] == "ok":
        _, body, media_type, truncated, kind = reply
        return QueryOutcome(body, media_type, truncated, kind)
    _, kind, message = reply
    if kind == "syntax":
        raise parsing.sparql_syntax_problem(SyntaxError(message))
    if kind == "not-acceptable":
        raise NotAcceptable(f"None of the accepted media types can carry {message.upper()} results")
    if kind == "bad-request":
        raise BadRequest(message)
    raise BadRequest(f"The query failed: {message}")
