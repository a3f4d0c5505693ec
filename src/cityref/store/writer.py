"""The embedded store's writer: the one process that opens the Oxigraph database for writing.

The server never opens the live database itself. This worker does, with a memory limit and no network (a
``LOAD`` or ``SERVICE`` in an update cannot reach anything), and after every write it makes a checkpoint: a
read-only copy of the database made of hard links, ``snapshots/g<generation>``. Queries and the server's own reads
use the newest checkpoint, so they never wait for a write and never see one half done.

Writes are all or nothing:

- SPARQL Update runs in one Oxigraph transaction;
- a graph replacement or addition from a prepared N-Triples file (see :mod:`cityref.intake`) is journaled: the
  journal names the operation and its file before anything changes, the bulk loader (fast, not transactional)
  does the work, and the journal is removed when it is done. After a crash at any moment, opening the store redoes
  a journaled operation from the start (remove the graph, load the file again), which gives the same result
  however far the first attempt got: the graph ends up new, never a mix, and no other graph is touched;
- nothing is visible to readers before the checkpoint that follows the write.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from cityref.errors import BadRequest, CityrefError, StoreLocked
from cityref.intake import rdf_syntax_problem

STORE_DIR = "oxigraph"
SNAPSHOT_DIR = "snapshots"
INCOMING_DIR = "incoming"
JOURNAL = "journal.json"


def _graph_term(graph: str | None) -> Any:
    return ox.DefaultGraph() if graph is None else ox.NamedNode(graph)


def sparql_error(error: SyntaxError) -> CityrefError:
    from cityref.store.parsing import sparql_syntax_problem

    return sparql_syntax_problem(error)


class Writer:
    """Handler of the writer worker; ``directory`` is the store's data directory."""

    def __init__(self, directory: str) -> None:
        self.root = Path(directory)
        self.store: ox.Store | None = None

    # Messages.

    def handle(self, op: str, payload: dict[str, Any]) -> Any:
        if op == "open":
            return self.open(payload["generation"], sweep=payload.get("sweep", True))
        if op == "close":
            if self.store is not None:
                self.store.flush()
            self.store = None  # RocksDB closes with its last reference: the next open needs no recovery
            return "closed"
        assert self.store is not None, "the writer must be opened first"
        generation = payload.pop("generation")
        result: dict[str, Any] = getattr(self, f"_op_{op}")(**payload)
        result["snapshot"] = self.checkpoint(generation)
        return result

    def open(self, generation: int, *, sweep: bool = True) -> dict[str, Any]:
        """Open the database (refusing politely when another process has it), finish any journaled operation,
        drop prepared files no journal names when ``sweep`` (at start-up, when no upload can be in flight), and
        checkpoint the result as ``generation``."""
        started = time.monotonic()
        (self.root / SNAPSHOT_DIR).mkdir(parents=True, exist_ok=True)
        (self.root / INCOMING_DIR).mkdir(parents=True, exist_ok=True)
        try:
            self.store = ox.Store(str(self.root / STORE_DIR))
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreLocked(
                    f"The data directory {self.root} is in use by another cityref process", directory=str(self.root)
                ) from None
            raise
        redone = self._recover()
        if sweep:
            for leftover in (self.root / INCOMING_DIR).iterdir():
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)  # a request's spooled body
                else:
                    leftover.unlink(missing_ok=True)
        return {
            "snapshot": self.checkpoint(generation),
            "redone": redone,
            "open_s": round(time.monotonic() - started, 3),
        }

    def checkpoint(self, generation: int) -> str:
        assert self.store is not None
        target = self.root / SNAPSHOT_DIR / f"g{generation}"
        if target.exists():  # left by a writer that died after making it: it may be incomplete
            shutil.rmtree(target)
        self.store.backup(str(target))
        return str(target)

    # Operations; each returns a dict (the checkpoint is added by handle()).

    def _op_update(self, sparql: str, base_iri: str | None) -> dict[str, Any]:
        assert self.store is not None
        try:
            self.store.update(sparql, base_iri=base_iri)
        except SyntaxError as error:
            raise sparql_error(error) from None
        except (OSError, ValueError, RuntimeError) as error:
            # the engine's refusals while applying (CLEAR of a graph that does not exist, a LOAD that failed)
            raise BadRequest(f"The update failed: {error}") from None
        return {}

    def _op_replace(self, graph: str | None, path: str) -> dict[str, Any]:
        created = graph is not None and not self._exists(graph)
        self._journaled({"op": "replace", "graph": graph, "path": path})
        return {"created": created}

    def _op_add(self, graph: str | None, path: str) -> dict[str, Any]:
        created = graph is not None and not self._exists(graph)
        self._journaled({"op": "add", "graph": graph, "path": path})
        return {"created": created}

    def _op_delete(self, graph: str | None) -> dict[str, Any]:
        assert self.store is not None
        existed = graph is None or self._exists(graph)
        if graph is None:
            self.store.clear_graph(ox.DefaultGraph())
        elif existed:
            self.store.remove_graph(ox.NamedNode(graph))
        return {"existed": existed}

    def _op_clear(self) -> dict[str, Any]:
        assert self.store is not None
        self.store.clear()
        return {}

    # The journal.

    def _exists(self, graph: str) -> bool:
        assert self.store is not None
        return bool(self.store.contains_named_graph(ox.NamedNode(graph)))

    def _journaled(self, entry: dict[str, Any]) -> None:
        journal = self.root / JOURNAL
        temporary = journal.with_suffix(".tmp")
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump(entry, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, journal)  # the operation exists from here on: a crash after this is redone
        self._apply(entry)
        journal.unlink()
        Path(entry["path"]).unlink(missing_ok=True)

    def _apply(self, entry: dict[str, Any]) -> None:
        assert self.store is not None
        graph = _graph_term(entry["graph"])
        if entry["op"] == "replace":
            if isinstance(graph, ox.DefaultGraph):
                self.store.clear_graph(graph)
            else:
                self.store.remove_graph(graph)
        try:
            self.store.bulk_load(path=entry["path"], format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        except SyntaxError as error:  # the file was checked when it was prepared: this is not the client's input
            raise RuntimeError(f"prepared file {entry['path']} does not parse: {rdf_syntax_problem(error)}") from None
        if not isinstance(graph, ox.DefaultGraph):
            self.store.add_graph(graph)  # an empty graph exists too
        self.store.flush()

    def _recover(self) -> list[dict[str, Any]]:
        journal = self.root / JOURNAL
        journal.with_suffix(".tmp").unlink(missing_ok=True)  # never renamed: the operation never started
        if not journal.exists():
            return []
        entry = json.loads(journal.read_text(encoding="utf-8"))
        self._apply(entry)
        journal.unlink()
        Path(entry["path"]).unlink(missing_ok=True)
        return [entry]
