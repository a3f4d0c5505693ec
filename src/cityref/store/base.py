"""The ``Store`` interface every backend implements, and the value types it trades in.

The interface is deliberately small: SPARQL query (with a budget), SPARQL update, the Graph Store Protocol
operations on one graph at a time, graph listing with sizes, and file loading. Everything above it (the HTTP
routes, the CLI, the canned queries) is written against this class only, so a deployment can swap the embedded
Oxigraph for a clustered server without touching them.

Writes take a :class:`~cityref.intake.Prepared` upload: an N-Triples file already checked (and parsed by a worker,
never by the server itself). Concurrency (how many queries run, how many writes wait) is decided above the store,
by the gates of :mod:`cityref.workers`.

There is no hidden bookkeeping graph: which version of the shipped files a graph holds is said inside that graph
(``<graph> cityref:sourceDigest "..."``), in the open, so that no route has a secret graph to protect.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

import pyoxigraph

from cityref.errors import LimitExceeded, Said

if TYPE_CHECKING:
    from cityref.intake import Prepared

GRAPH_BASE = "https://w3id.org/cityref/graph/"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
SHAPES_GRAPH = GRAPH_BASE + "shapes"
EXAMPLETON_GRAPH = GRAPH_BASE + "city/exampleton"
SOURCE_DIGEST = "https://w3id.org/cityref/def/sourceDigest"
VERSION_INFO = "http://www.w3.org/2002/07/owl#versionInfo"

NTRIPLES = "application/n-triples"

Progress = Callable[[int, int], None]
"""``progress(done, total)``, both in bytes of the input file."""


@dataclass(frozen=True)
class GraphInfo:
    """One graph of the dataset; ``iri`` is ``None`` for the default graph."""

    iri: str | None
    triples: int


@dataclass(frozen=True)
class QueryRequest:
    """A read query as the endpoint received it, with the formats it may answer in already negotiated.

    ``results_media_type`` serves SELECT/ASK, ``graph_media_type`` serves CONSTRUCT/DESCRIBE; either may be
    ``None`` when the client accepts none of them (the backend then raises ``NotAcceptable`` once it knows the form).
    """

    sparql: str
    results_media_type: str | None
    graph_media_type: str | None
    row_cap: int
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    union_default_graph: bool = False
    base_iri: str | None = None
    kind: str | None = None
    """The form as read from the text (``select``/``ask``/``construct``), when known."""
    query_has_dataset: bool = False
    """The text has FROM / FROM NAMED: then only a protocol dataset may replace it."""
    triple_cap: int = 0
    """Most triples a CONSTRUCT or DESCRIBE answer carries (0: the row cap)."""
    max_bytes: int = 0
    """Largest serialised answer, any form (0: no byte cap)."""
    budget_s: float = 0.0
    """The whole budget as the client knows it, for messages (the time given to ``query`` may be less: waiting
    for a slot came out of it); 0: the time given."""
    stream_bytes: int = 0
    """An answer longer than this may come in parts (:attr:`QueryOutcome.parts`) instead of whole; 0: whole."""
    needs_network: bool = False
    """The text calls allow-listed SERVICE hosts: only then may the query run where connections can be opened."""


class AnswerParts(Protocol):
    """A long answer coming in parts: iterate to have them (a failure on the way raises, the answer is then cut
    short), or :meth:`close` to give the rest up."""

    def __iter__(self) -> Iterator[bytes]: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class QueryOutcome:
    """A query answer already serialised by the engine: bytes to send as they are, or, for a long answer when the
    request allowed it (:attr:`QueryRequest.stream_bytes`), its parts (``body`` empty)."""

    body: bytes
    media_type: str
    truncated: bool
    kind: str
    """``select``, ``ask``, ``construct`` (also for DESCRIBE)."""
    parts: AnswerParts | None = None


class Store(ABC):
    """A dataset of named graphs behind SPARQL. ``graph`` arguments are IRIs, or ``None`` for the default graph."""

    kind: str = "abstract"
    parses_queries_first: bool = False
    """Whether :meth:`query` parses the text with the engine before anything else and reports a syntax error as
    ``SyntaxProblem`` with its line and column (the embedded store's query worker does)."""

    @abstractmethod
    def query(self, request: QueryRequest, timeout_s: float) -> QueryOutcome:
        """Run a read query within ``timeout_s`` seconds; raise ``BudgetExceeded`` when the time runs out."""

    @abstractmethod
    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL 1.1 Update, all or nothing."""

    @abstractmethod
    def graph_get(self, graph: str | None, media_type: str) -> bytes | None:
        """The graph serialised in ``media_type``; ``None`` when the named graph does not exist."""

    @abstractmethod
    def graph_put(self, graph: str | None, upload: Prepared) -> bool:
        """Replace the graph with the upload, all or nothing; True if the graph was created."""

    @abstractmethod
    def graph_post(self, graph: str | None, upload: Prepared) -> bool:
        """Add the upload to the graph, all or nothing; True if the graph did not exist before."""

    @abstractmethod
    def incoming_dir(self) -> Path:
        """Where uploads are prepared for this store (on the store's own disk, so a write can journal them)."""

    @abstractmethod
    def graph_delete(self, graph: str | None) -> bool:
        """Remove the graph (empty the default graph); False when a named graph did not exist."""

    @abstractmethod
    def graph_exists(self, graph: str | None) -> bool:
        """Whether the named graph exists; the default graph always does."""

    @abstractmethod
    def graphs(self) -> list[GraphInfo]:
        """The default graph then every named graph with its triple count."""

    @abstractmethod
    def recorded_digest(self, graph: str) -> str | None:
        """The ``cityref:sourceDigest`` the graph says of itself (the shipped files last loaded into it)."""

    def graph_size(self, graph: str) -> int | None:
        """How many triples the named graph holds; ``None`` when it does not exist."""
        for info in self.graphs():
            if info.iri == graph:
                return info.triples
        return None

    def export_graph(self, graph: str, target: Path, *, max_triples: int) -> int | None:
        """Write the named graph to ``target`` as N-Triples, read-only, and say how many triples were written;
        ``None`` when the graph does not exist, ``LimitExceeded`` when it holds more than ``max_triples``.
        Backends override this to stream; this default holds the dump in memory once."""
        body = self.graph_get(graph, NTRIPLES)
        if body is None:
            return None
        count = body.count(b"\n")
        if count > max_triples:
            raise graph_too_large(graph, max_triples)
        target.write_bytes(body)
        return count

    @abstractmethod
    def close(self) -> None:
        """Release files, worker processes and connections."""


_NOT_IN_IRIREF = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def graph_too_large(graph: str, max_triples: int) -> LimitExceeded:
    return LimitExceeded(
        Said(
            "The graph <%(graph)s> holds more than %(count)s triples, too many to validate against "
            "(validation_context_max_triples)",
            graph=graph,
            count=max_triples,
        ),
        limit="validation_context_max_triples",
        max_triples=max_triples,
    )


def graph_label(graph: str | None) -> str:
    return "the default graph" if graph is None else f"<{graph}>"


def sparql_iri(iri: str) -> str:
    """An IRI as a SPARQL term; characters that cannot appear in an IRIREF are refused, not escaped.

    >>> sparql_iri("http://example.org/a\\nb")
    Traceback (most recent call last):
    ValueError: not a valid IRI: 'http://example.org/a\\nb'
    """
    if _NOT_IN_IRIREF.search(iri):
        raise ValueError(f"not a valid IRI: {iri!r}")
    return f"<{iri}>"


def check_graph_iri(iri: str) -> str:
    """``iri`` if it can name a graph (absolute, and writable into SPARQL as it is); ``ValueError`` otherwise.

    The engine's own IRI check comes last: it refuses what the first two let through (``urn:%zz``, a port that
    is not a number), which would otherwise fail only deep in a backend, as a 500."""
    sparql_iri(iri)
    if not urlsplit(iri).scheme:
        raise ValueError(f"not an absolute IRI: {iri!r}")
    pyoxigraph.NamedNode(iri)
    return iri


def graph_target(graph: str | None) -> str:
    """The SPARQL Update target for a graph (``DEFAULT`` or ``GRAPH <iri>``)."""
    return "DEFAULT" if graph is None else f"GRAPH {sparql_iri(graph)}"


def as_tuple(values: Sequence[str] | None) -> tuple[str, ...]:
    return tuple(values or ())
