"""Running SPARQL with budgets: the one entry point for ``/sparql``, canned queries and ``cityref query``.

No HTTP here. The engine serialises results itself; rows never pass through Python except to cut them at the
row cap. See :func:`run_query` for the rules every caller gets for free.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from cityref import media
from cityref.errors import BadRequest, CityrefError, NotAcceptable
from cityref.settings import Settings
from cityref.sparql import syntax as sparql_syntax
from cityref.sparql.text import (
    Analysis,
    analyse,
    check_services,
    check_shape,
    neutralise_silent_loads,
    with_using_graphs,
)
from cityref.store.base import QueryOutcome, QueryRequest, Store, check_graph_iri

__all__ = [
    "QueryOutcome",
    "parse_timeout",
    "run_query",
    "run_update",
]


def effective_timeout(settings: Settings, timeout_s: float | None) -> float:
    """The client's timeout, never above the server maximum; the server default when the client gives none.

    ``not timeout_s > 0`` also catches NaN, which would otherwise slip past ``min`` and reach ``select``.
    """
    wanted = settings.query_timeout_s if timeout_s is None or not timeout_s > 0 else timeout_s
    return min(wanted, settings.max_query_timeout_s)


def parse_timeout(raw: str | None) -> float | None:
    """A client's ``timeout`` parameter in seconds (absent or empty: none); 400 unless a finite number.

    >>> parse_timeout("2.5"), parse_timeout("")
    (2.5, None)
    """
    if raw is None or raw.strip() == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise BadRequest(f"timeout must be a number of seconds, not {raw!r}")
    return value


READ_TEXTS = 256
"""Query texts whose reading (:func:`read_query`) is remembered: a dashboard or a client library sends the same few
texts again and again. Texts longer than :data:`READ_TEXT_CHARS` are read every time."""
READ_TEXT_CHARS = 8192


@lru_cache(maxsize=READ_TEXTS)
def _read_remembered(sparql: str, max_nesting: int, max_operators: int) -> Analysis:
    check_shape(sparql, max_nesting=max_nesting, max_operators=max_operators)
    return analyse(sparql)


def read_query(sparql: str, settings: Settings) -> Analysis:
    """The text's shape checked (422 past the nesting and operator limits) and its form and SERVICE calls read
    (:func:`~cityref.sparql.text.analyse`). A text that passed is remembered with its reading; a refusal is not,
    so it is read again each time it comes. The reading is shared: callers only read it."""
    limits = (settings.sparql_max_nesting, settings.sparql_max_operators)
    if len(sparql) > READ_TEXT_CHARS:
        return _read_remembered.__wrapped__(sparql, *limits)
    return _read_remembered(sparql, *limits)


def check_dataset(default_graph_uris: Sequence[str], named_graph_uris: Sequence[str]) -> None:
    """400 for a ``default-graph-uri``/``named-graph-uri`` that is not an absolute IRI: the engine cannot name a
    graph with it (the query worker used to die on one, which answered 504)."""
    for name, values in (("default-graph-uri", default_graph_uris), ("named-graph-uri", named_graph_uris)):
        for value in values:
            try:
                check_graph_iri(value)
            except ValueError:
                raise BadRequest(f"{name} must be an absolute IRI, not {value!r}", parameter=name) from None


def run_query(
    store: Store,
    settings: Settings,
    sparql: str,
    *,
    accept: str | None = None,
    timeout_s: float | None = None,
    default_graph_uris: Sequence[str] = (),
    named_graph_uris: Sequence[str] = (),
    remaining_s: float | None = None,
    base_iri: str | None = None,
    syntax: sparql_syntax.SyntaxCheck = sparql_syntax.in_process,
    stream_bytes: int = 0,
) -> QueryOutcome:
    """Run a read query (SELECT, ASK, CONSTRUCT, DESCRIBE) with the server's budgets and content negotiation.

    - ``accept``: an HTTP Accept header; SELECT/ASK answer in SPARQL JSON (default), XML, CSV or TSV,
      CONSTRUCT/DESCRIBE in Turtle (default), N-Triples, JSON-LD or RDF/XML. ``NotAcceptable`` (406) otherwise.
    - ``timeout_s``: the client's budget, capped by ``settings.max_query_timeout_s`` (default
      ``settings.query_timeout_s``). The work is really stopped when it runs out: ``BudgetExceeded`` (504).
      ``remaining_s``, when given, is what is left of that budget after waiting for a slot (the HTTP layer's
      gate waits without a thread, and the wait counts).
    - SELECT results stop at ``settings.result_row_cap`` rows, CONSTRUCT/DESCRIBE at ``settings.result_triple_cap``
      triples, any answer at ``settings.result_max_bytes``; ``QueryOutcome.truncated`` then says so and the body
      carries the signal too where the format allows (JSON: top-level ``"truncated": true, "rowCap": N``; XML: a
      ``<link>`` in the head; Turtle, N-Triples and RDF/XML: a comment).
    - how many run at once is the caller's to decide (the HTTP layer's gate; see :mod:`cityref.workers.gate`).
    - memory: the query runs in a worker with its own memory limit; past it, ``LimitExceeded`` (422).
    - ``SERVICE`` to a host not in ``settings.allowed_remote_hosts``: ``Forbidden`` (403), checked before running;
      and the query runs where it cannot open a connection unless it calls an allowed host.
    - syntax errors: ``SyntaxProblem`` (400) with ``line`` and ``column``, found first: before the allow-list and
      negotiation, so that a malformed text is a 400 whatever else is wrong with the request.
    - ``base_iri``: what relative IRIs resolve against (``/sparql`` gives its own public address, as Oxigraph's
      server gives its request URL); without one, a relative IRI is a syntax error.
    - ``syntax``: who parses the text first (the server's parse workers; by default this process, for the CLI).
    - ``stream_bytes``: an answer longer than this may come as :attr:`QueryOutcome.parts`, sent on as the engine
      writes it (the embedded store); the caller must read or close them. 0: always whole.
    - dataset: with no ``default_graph_uris`` or ``named_graph_uris``, the default graph is the union of all graphs
      when ``settings.union_default_graph`` is on (so a query sees the ontology and the cities without ``GRAPH``)
      and every graph is available to ``GRAPH``; a request that names graphs gets exactly those, as the protocol
      says (the embedded store; a remote store applies its own reading).
    """
    analysis = read_query(sparql, settings)
    check_dataset(default_graph_uris, named_graph_uris)
    if analysis.kind is None and analysis.is_update:
        raise BadRequest("This is an update; send it as an update (POST update= or application/sparql-update)")
    results_type = media.negotiate_results(accept)
    graph_type = media.negotiate_graph(accept)
    refusal = _refusal(analysis, settings, results_type, graph_type)
    if refusal is not None or not store.parses_queries_first:
        # A malformed text is a 400 whatever else is wrong with the request. Where the store's own run parses
        # first (the embedded query worker), a query to be run needs no separate parse: one worker hop, not two.
        syntax("query", sparql, base_iri)
    if refusal is not None:
        raise refusal
    budget = effective_timeout(settings, timeout_s)
    request = QueryRequest(
        sparql=sparql,
        results_media_type=results_type,
        graph_media_type=graph_type,
        row_cap=settings.result_row_cap,
        default_graph_uris=tuple(default_graph_uris),
        named_graph_uris=tuple(named_graph_uris),
        base_iri=base_iri,
        union_default_graph=settings.union_default_graph,
        kind=analysis.kind,
        query_has_dataset=analysis.has_dataset,
        triple_cap=settings.result_triple_cap,
        max_bytes=settings.result_max_bytes,
        needs_network=bool(analysis.services),
        budget_s=budget,
        stream_bytes=stream_bytes,
    )
    left = budget if remaining_s is None else max(min(remaining_s, budget), 0.001)
    return store.query(request, left)


def _refusal(
    analysis: Analysis, settings: Settings, results_type: str | None, graph_type: str | None
) -> CityrefError | None:
    """What the allow-list or content negotiation would answer instead of running the query, if anything."""
    try:
        check_services(analysis, settings.allowed_remote_hosts)
    except CityrefError as error:
        return error
    if analysis.kind in ("select", "ask") and results_type is None:
        return NotAcceptable("None of the accepted media types can carry query results", offers=_offers(True))
    if analysis.kind == "construct" and graph_type is None:
        return NotAcceptable("None of the accepted media types can carry a graph", offers=_offers(False))
    return None


def run_update(
    store: Store,
    settings: Settings,
    sparql: str,
    *,
    base_iri: str | None = None,
    using_graph_uris: Sequence[str] = (),
    using_named_graph_uris: Sequence[str] = (),
    syntax: sparql_syntax.SyntaxCheck = sparql_syntax.in_process,
) -> None:
    """Run a SPARQL 1.1 Update (the caller has checked the write key). SERVICE rules as for queries, and LOAD's too,
    except that ``LOAD SILENT`` of a host that is not allowed quietly does nothing, as a failing one does per spec.

    Syntax errors come first (400 at their position), then the protocol's ``using-graph-uri`` and
    ``using-named-graph-uri`` are applied, then the allow-list. ``base_iri`` and ``syntax`` as for
    :func:`run_query`."""
    analysis = analyse(sparql)
    check_shape(sparql, max_nesting=settings.sparql_max_nesting, max_operators=settings.sparql_max_operators)
    if analysis.kind is not None and not analysis.is_update:
        raise BadRequest("This is a query; send it as a query (GET/POST query=)")
    syntax("update", sparql, base_iri)
    if using_graph_uris or using_named_graph_uris:
        sparql = with_using_graphs(sparql, list(using_graph_uris), list(using_named_graph_uris))
        analysis = analyse(sparql)
    neutralised = neutralise_silent_loads(sparql, settings.allowed_remote_hosts)
    if neutralised != sparql:
        sparql, analysis = neutralised, analyse(neutralised)
    check_services(analysis, settings.allowed_remote_hosts)
    store.update(sparql, base_iri=base_iri)


def _offers(results: bool) -> list[str]:
    formats = media.RESULT_FORMATS if results else [f for f in media.RDF_FORMATS if not f.quads]
    return [f.media_type for f in formats]
