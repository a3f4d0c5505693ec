"""Parsing a SPARQL text with the engine's own parser, and nothing more, before anything else is decided.

A syntax error must be a 400 at its position whatever else is wrong with the request: an Accept header nothing
can satisfy, a SERVICE or LOAD the allow-list refuses. pyoxigraph has no parse-only call, but both of its entry
points parse first and check their arguments after: a query given two dataset arguments that exclude each other,
and an update given to a read-only store, fail right after parsing, before evaluation could fetch or write
anything. The text is the one the engine will run, with the same base IRI, so both parsers agree by construction.

The server parses nothing itself: :class:`SparqlParser` has the check done by a worker process (no network, a
memory limit, killed at its deadline; see :mod:`cityref.workers`); :func:`in_process` is for the CLI.

>>> check_query("SELECT * { <s> ?p ?o }", base_iri="http://example.org/sparql")
>>> check_update("LOAD ;")  # doctest: +ELLIPSIS
Traceback (most recent call last):
cityref.errors.SyntaxProblem: error at 1:7: ...
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from typing import Any

import pyoxigraph as ox

from cityref.errors import Said
from cityref.settings import Settings
from cityref.store.parsing import sparql_syntax_problem
from cityref.workers import WorkerPool, WorkerSpec, run_bounded

__all__ = ["SparqlParser", "SyntaxCheck", "SyntaxWorker", "check_query", "check_update", "in_process"]

SyntaxCheck = Callable[[str, str, "str | None"], None]
"""``check(kind, text, base_iri)``, kind ``query`` or ``update``: returns if the text parses, else raises
``SyntaxProblem``."""

_CONFLICT = "should not be set at the same time"
_READ_ONLY = "read-write"


@cache
def _empty() -> ox.Store:
    return ox.Store()


@cache
def _read_only() -> ox.Store:
    """An empty store opened read-only: an update on it is parsed, then refused before it starts.

    Its folder is removed as soon as the store is open (the open files are all it reads, and it never writes): a
    worker killed at its budget, or ended with the server, runs no exit handler, and left one folder each behind."""
    location = tempfile.mkdtemp(prefix="cityref-sparql-parse-")
    try:
        writable = ox.Store(location)
        writable.flush()
        del writable
        return ox.Store.read_only(location)
    finally:
        shutil.rmtree(location, ignore_errors=True)


def check_query(text: str, *, base_iri: str | None = None) -> None:
    """Raise ``SyntaxProblem`` (400, with line and column) unless the engine parses ``text`` as a query."""
    try:
        _empty().query(text, base_iri=base_iri, use_default_graph_as_union=True, default_graph=[])
    except SyntaxError as error:
        raise sparql_syntax_problem(error) from None
    except ValueError as error:
        if _CONFLICT not in str(error):
            raise sparql_syntax_problem(SyntaxError(str(error))) from None


def check_update(text: str, *, base_iri: str | None = None) -> None:
    """Raise ``SyntaxProblem`` (400, with line and column) unless the engine parses ``text`` as an update."""
    try:
        _read_only().update(text, base_iri=base_iri)
    except SyntaxError as error:
        raise sparql_syntax_problem(error) from None
    except ValueError as error:
        raise sparql_syntax_problem(SyntaxError(str(error))) from None
    except (OSError, RuntimeError) as error:
        if _READ_ONLY not in str(error):
            raise


def in_process(kind: str, text: str, base_iri: str | None) -> None:
    """The check in this process: for the CLI, which runs its own queries anyway."""
    (check_query if kind == "query" else check_update)(text, base_iri=base_iri)


class SyntaxWorker:
    """The parse worker's handler: ``("query" | "update", {"text", "base_iri"})``, answering ``"ok"``."""

    def handle(self, op: str, payload: Any) -> Any:
        if op not in ("query", "update"):
            raise ValueError(f"unknown SPARQL parse operation {op!r}")
        in_process(op, payload["text"], payload["base_iri"])
        return "ok"


class SparqlParser:
    """Parse workers for SPARQL texts, built by the app factory; :meth:`check` is a :data:`SyntaxCheck`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool = WorkerPool(
            WorkerSpec(
                "sparql-parse",
                "cityref.sparql.syntax:SyntaxWorker",
                memory_bytes=settings.parse_worker_memory_mb * 1024 * 1024,
                recycle_bytes=settings.worker_recycle_mb * 1024 * 1024,
                start_timeout_s=settings.worker_start_timeout_s,
                require_sandbox=settings.require_network_sandbox,
            ),
            size=settings.sparql_parse_workers,
        )

    def check(self, kind: str, text: str, base_iri: str | None) -> None:
        run_bounded(
            self.pool,
            kind,
            {"text": text, "base_iri": base_iri},
            timeout_s=self.settings.query_timeout_s,
            doing=Said("Parsing the SPARQL text"),
            budget_setting="query_timeout_s",
            memory_setting="parse_worker_memory_mb",
        )

    def warm_up(self) -> None:
        """Start a worker now (the lifespan calls it) rather than inside the first request."""
        self.check("query", "ASK {}", None)

    def close(self) -> None:
        self.pool.close()
