"""The remote backend: any SPARQL 1.1 Protocol + Graph Store Protocol server (Fuseki, GraphDB, Virtuoso, Oxigraph
server, Neptune...), over one pooled HTTP client per store.

Every call is bounded three ways: the connect timeout (also the longest wait for a free pooled connection), a
read/write timeout for each wait on the socket, and a total deadline for the whole exchange, enforced by a
watchdog that cuts the connection when it passes (so a store that trickles an answer out cannot hold a request
open). Queries get their budget plus a small margin; updates and Graph Store calls get the configured limits.
Only the store's own limit truly stops the work on the server (see docs/deployment.md).

Faults map to one table: the store cannot be reached → ``StoreUnavailable`` (503, ``Retry-After``) and the
:class:`~cityref.store.health.Breaker` marks it down, so that the next calls fail at once; out of time →
``BudgetExceeded`` (504); the store answered an HTTP error → ``UpstreamError`` (502), in our words with a cleaned
excerpt of its text. No raw network-library text reaches a client.

Answers are held to the same caps as the embedded store's: SELECT results are fetched as TSV and CONSTRUCT/DESCRIBE
graphs as N-Triples, read only up to the row or triple cap and ``result_max_bytes``, then written by pyoxigraph in
the format the client asked for, with the same truncation signals; an ASK answer is read up to 64 KiB. A store that
sends more than that (or an answer that cannot be read) costs no more memory than the caps. The other answers are
bounded too: a probe's at 64 KiB, those of cityref's own counting queries at 16 MiB, a graph read for ``GET
/graphs`` at ``remote_max_graph_bytes``.
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import httpx2 as httpx
import pyoxigraph as ox

from cityref.errors import BadRequest, BudgetExceeded, Busy, CityrefError, NotAcceptable, UpstreamError
from cityref.intake import Prepared
from cityref.settings import Settings
from cityref.store import parsing
from cityref.store.base import (
    SOURCE_DIGEST,
    GraphInfo,
    Progress,
    QueryOutcome,
    QueryRequest,
    Store,
    graph_too_large,
    sparql_iri,
)
from cityref.store.health import Breaker
from cityref.store.relay import relay
from cityref.store.results import Sender, read_capped, render_boolean, render_ntriples, render_solutions

log = logging.getLogger(__name__)

_TSV = "text/tab-separated-values"
_JSON = "application/sparql-results+json"
_FORM = "application/x-www-form-urlencoded"
_NT = "application/n-triples"
GRAPH_SIZES_TTL_S = 30.0
_LARGE = 64 * 1024 * 1024  # an upload above this gets the bulk-load time limit, not the ordinary one
_UPLOAD_CHUNK = 64 * 1024
_ERROR_EXCERPT = 300
_ERROR_READ = 4096
_ASK_BYTES = 64 * 1024  # far more than any yes-or-no answer needs
_COUNTS_BYTES = 16 * 1024 * 1024  # the answers to cityref's own queries: graph names and counts, a digest
_LINE_BYTES = 16 * 1024 * 1024  # one N-Triples line of a graph read line by line (a triple with a huge literal)
T = TypeVar("T")


@dataclass(frozen=True)
class RemoteLimits:
    """The ``remote_*`` fault settings a :class:`RemoteStore` needs (see ``Settings``, "Remote store faults")."""

    connect_timeout_s: float
    read_timeout_s: float
    timeout_s: float
    load_timeout_s: float
    query_margin_s: float
    max_connections: int
    cooldown_s: float
    retry_after_s: int
    probe_timeout_s: float
    max_graph_bytes: int = 1024 * 1024 * 1024

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> RemoteLimits:
        # model_construct: the declared defaults, without reading the environment behind the caller's back.
        s = settings or Settings.model_construct()
        return cls(
            connect_timeout_s=s.remote_connect_timeout_s,
            read_timeout_s=s.remote_read_timeout_s,
            timeout_s=s.remote_timeout_s,
            load_timeout_s=s.remote_load_timeout_s,
            query_margin_s=s.remote_query_margin_s,
            max_connections=s.remote_max_connections,
            cooldown_s=s.remote_cooldown_s,
            retry_after_s=s.remote_retry_after_s,
            probe_timeout_s=s.remote_probe_timeout_s,
            max_graph_bytes=s.remote_max_graph_bytes,
        )


class _Deadline:
    """The total time of one exchange. Once the response has begun, a timer shuts the socket down when the time is
    up: the blocked read then returns at once and the call fails with ``fired`` set, which reads as a timeout."""

    def __init__(self, total_s: float, budget_s: float | None = None) -> None:
        self.total_s = total_s
        self.budget_s = total_s if budget_s is None else budget_s
        self._at = time.monotonic() + total_s
        self._lock = threading.Lock()
        self._done = False
        self._timer: threading.Timer | None = None
        self.fired = False

    def remaining(self) -> float:
        return max(0.0, self._at - time.monotonic())

    def arm(self, response: httpx.Response) -> None:
        stream = response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if not isinstance(sock, socket.socket):
            return  # a transport without a socket (tests' mock transports): the read timeout still bounds it
        self._timer = threading.Timer(self.remaining(), self._cut, args=(sock,))
        self._timer.daemon = True
        self._timer.start()

    def _cut(self, sock: socket.socket) -> None:
        # Under the lock, so that a connection already handed back to the pool is never cut.
        with self._lock:
            if self._done:
                return
            self.fired = True
            with contextlib.suppress(OSError):  # already closed: nothing to wake
                sock.shutdown(socket.SHUT_RDWR)

    def disarm(self) -> None:
        with self._lock:
            self._done = True
        if self._timer is not None:
            self._timer.cancel()


class RemoteStore(Store):
    """A store behind HTTP. ``gsp_url`` is the Graph Store endpoint (Oxigraph server: ``/store``)."""

    kind = "remote"

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        gsp_url: str | None = None,
        api_key: str | None = None,
        union_param: str | None = "union-default-graph",
        limits: RemoteLimits | None = None,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.gsp_url = gsp_url
        self.api_key = api_key
        self._incoming = Path(tempfile.mkdtemp(prefix="cityref-remote-"))
        self.union_param = union_param
        self.limits = limits or RemoteLimits.from_settings()
        self.breaker = Breaker(self.kind, cooldown_s=self.limits.cooldown_s, retry_after_s=self.limits.retry_after_s)
        self._graph_sizes: tuple[float, list[GraphInfo]] | None = None
        self._sizes_refresh: threading.Thread | None = None
        self._sizes_lock = threading.Lock()
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        pool = self.limits.max_connections
        # One pool for the store's lifetime: connections are reused instead of opened per call, and the pool size
        # caps how many threads can be stuck on a frozen store (the others wait at most the connect timeout).
        self._client = httpx.Client(
            headers=headers,
            limits=httpx.Limits(max_connections=pool, max_keepalive_connections=pool),
            follow_redirects=False,
        )

    # One exchange with the store: admission, timeouts, the deadline and the fault table.

    @contextmanager
    def _exchange(
        self,
        method: str,
        url: str,
        *,
        what: str,
        total_s: float,
        read_s: float | None = None,
        budget_s: float | None = None,
        probe: bool = False,
        **kwargs: Any,
    ) -> Iterator[httpx.Response]:
        """Stream one request; the caller reads the response inside the ``with``. ``what`` names the call in
        messages ("the query"), ``budget_s`` the time a timeout message quotes (a query's budget, not its margin).
        ``probe`` calls bypass the breaker and report to it themselves, since they are what closes it."""
        trial = False if probe else self.breaker.admit()
        deadline = _Deadline(total_s, budget_s)
        connect = min(self.limits.connect_timeout_s, total_s)
        wait = min(read_s if read_s is not None else total_s, total_s)
        timeout = httpx.Timeout(connect=connect, read=wait, write=wait, pool=connect)
        verdict = False
        try:
            try:
                with self._client.stream(method, url, timeout=timeout, **kwargs) as response:
                    deadline.arm(response)
                    try:
                        yield response
                    finally:
                        deadline.disarm()
            except httpx.HTTPError as error:
                self._fault(error, what, deadline)
            except CityrefError:
                # Raised while reading an answer (an HTTP error status, a syntax error): the store is there.
                if not probe:
                    self.breaker.succeeded()
                    verdict = True
                raise
            if not probe:
                self.breaker.succeeded()
                verdict = True
        finally:
            if trial and not verdict:
                self.breaker.inconclusive()

    def _fault(self, error: httpx.HTTPError, what: str, deadline: _Deadline) -> NoReturn:
        """Raise the error a client sees for a failed exchange; the breaker learns of unreachable stores."""
        if deadline.fired or isinstance(error, httpx.ReadTimeout | httpx.WriteTimeout):
            raise BudgetExceeded(
                f"The store did not finish {what} within {deadline.budget_s:g} s", timeout_s=deadline.budget_s
            ) from None
        if isinstance(error, httpx.PoolTimeout):
            raise Busy(
                f"All {self.limits.max_connections} connections to the store are in use; try again shortly",
                headers={"Retry-After": str(self.limits.retry_after_s)},
            ) from None
        if isinstance(error, httpx.ConnectTimeout):
            reason = f"no connection within {self.limits.connect_timeout_s:g} s"
        elif isinstance(error, httpx.ConnectError):
            reason = _connect_reason(error)
        elif isinstance(error, httpx.NetworkError | httpx.RemoteProtocolError):
            reason = "the connection broke off"
        elif isinstance(error, httpx.UnsupportedProtocol):
            raise UpstreamError("The remote store URL is not an http:// or https:// address") from None
        else:
            raise UpstreamError(f"The exchange with the store failed during {what}") from None
        log.info("the remote store was unreachable during %s: %s (%r)", what, reason, error)
        raise self.breaker.failed(reason) from None

    def _check(self, response: httpx.Response, what: str, *, syntax: bool = False) -> None:
        """Raise for an error status: 400 on SPARQL text is the client's syntax error, the rest is the store's."""
        if response.is_success:
            return
        detail = _excerpt(response)
        if response.status_code == 400 and syntax:
            raise parsing.sparql_syntax_problem(SyntaxError(detail or "The store refused the SPARQL text"))
        said = f": {detail}" if detail else ""
        raise UpstreamError(f"The store answered {response.status_code} to {what}{said}")

    # SPARQL.

    def query(self, request: QueryRequest, timeout_s: float) -> QueryOutcome:
        kind = request.kind or "select"
        asked = {"select": request.results_media_type or _JSON, "ask": request.results_media_type}.get(
            kind, request.graph_media_type
        )
        if asked is None:
            raise NotAcceptable(f"None of the accepted media types can carry {kind.upper()} results")
        # Line-based forms for SELECT and graphs, so that the caps can be kept while reading, and JSON for ASK,
        # which every store writes: the answer is read only as far as the caps, then written by pyoxigraph in the
        # form asked for, as the embedded store writes it.
        wanted = {"select": _TSV, "ask": _JSON}.get(kind, _NT)
        form: list[tuple[str, str]] = [("query", with_base(request.sparql, request.base_iri))]
        form += [("default-graph-uri", iri) for iri in request.default_graph_uris]
        form += [("named-graph-uri", iri) for iri in request.named_graph_uris]
        dataset_given = request.default_graph_uris or request.named_graph_uris or request.query_has_dataset
        if request.union_default_graph and not dataset_given and self.union_param:
            form.append((self.union_param, "true"))
        with self._exchange(
            "POST",
            self.query_url,
            what="the query",
            total_s=timeout_s + self.limits.query_margin_s,
            budget_s=request.budget_s or timeout_s,
            data=dict_list(form),
            headers={"Accept": wanted},
        ) as response:
            self._check(response, "the query", syntax=True)
            chunks = response.iter_bytes()
            if kind == "ask":
                return QueryOutcome(_answer(lambda: _boolean(chunks, asked)), asked, False, kind)
            if kind == "select":
                # The header line, the capped rows and one more that proves the cut.
                kept, cut = read_capped(chunks, request.row_cap + 1, request.max_bytes)
            else:
                kept, cut = read_capped(chunks, request.triple_cap or request.row_cap, request.max_bytes)
        # The store's connection is free again: the answer is written from what was kept.
        return _written(kept, cut, asked, kind, request)

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        self._forget_sizes()
        with self._exchange(
            "POST",
            self.update_url,
            what="the update",
            total_s=self.limits.timeout_s,
            read_s=self.limits.read_timeout_s,
            data={"update": with_base(sparql, base_iri)},
        ) as response:
            self._check(response, "the update", syntax=True)

    def probe(self) -> None:
        """``ASK {}`` within the probe timeout, past the breaker, which learns the outcome: any answer but a success
        counts as down here (a proxy answering 502 for a dead store is the usual case). Raises ``StoreUnavailable``
        when the store is not serving."""
        what = "the health probe"
        status = 0
        answer: bytes | None = b""
        try:
            with self._exchange(
                "POST",
                self.query_url,
                what=what,
                total_s=self.limits.probe_timeout_s,
                probe=True,
                data={"query": "ASK {}"},
                headers={"Accept": _JSON},
            ) as response:
                status = response.status_code
                answer = _read_at_most(response.iter_bytes(), _ASK_BYTES)
        except BudgetExceeded:
            # A store that cannot answer ASK {} in time serves nobody: down, unlike a slow user query.
            raise self.breaker.failed(f"no answer to a probe within {self.limits.probe_timeout_s:g} s") from None
        if not 200 <= status < 300:
            raise self.breaker.failed(f"the store answered a probe with HTTP {status}")
        if answer is None:
            raise self.breaker.failed(f"the store's answer to a probe ran past {_ASK_BYTES // 1024} KiB")
        self.breaker.succeeded()

    def _select_json(self, sparql: str) -> list[dict[str, Any]]:
        with self._exchange(
            "POST",
            self.query_url,
            what="counting the graphs",
            total_s=self.limits.timeout_s,
            read_s=self.limits.read_timeout_s,
            data={"query": sparql},
            headers={"Accept": _JSON},
        ) as response:
            self._check(response, "counting the graphs")
            raw = _read_at_most(response.iter_bytes(), _COUNTS_BYTES)
        if raw is None:
            raise UpstreamError(f"The store's answer to a query of cityref's own ran past {_COUNTS_BYTES >> 20} MiB")
        results = ox.parse_query_results(raw, ox.QueryResultsFormat.JSON)
        assert isinstance(results, ox.QuerySolutions)
        return [{str(v.value): s[v] for v in results.variables} for s in results]

    # Graph Store Protocol.

    def _gsp_url(self, graph: str | None) -> tuple[str, dict[str, str]]:
        if not self.gsp_url:
            raise UpstreamError("No Graph Store endpoint is configured for the remote store (CITYREF_REMOTE_GSP_URL)")
        return self.gsp_url, ({"default": ""} if graph is None else {"graph": graph})

    @contextmanager
    def _gsp(self, method: str, graph: str | None, *, total_s: float | None = None, **kwargs: Any) -> Iterator[Any]:
        """A Graph Store exchange: yields the response, or ``None`` for 404; 400 is the client's data error."""
        url, params = self._gsp_url(graph)
        if method not in ("GET", "HEAD"):
            self._forget_sizes()
        what = f"the Graph Store {method}"
        with self._exchange(
            method,
            url,
            what=what,
            total_s=total_s or self.limits.timeout_s,
            read_s=self.limits.read_timeout_s,
            params=params,
            **kwargs,
        ) as response:
            if response.status_code == 404:
                yield None
                return
            if response.status_code == 400:
                raise BadRequest(f"The store refused the data: {_excerpt(response) or 'no reason given'}")
            self._check(response, what)
            yield response

    def _send_body(
        self,
        method: str,
        graph: str | None,
        body: bytes | Path,
        media_type: str,
        *,
        total_s: float | None = None,
        progress: Progress | None = None,
    ) -> None:
        """Send one Graph Store body: bytes as they are, or a file streamed in chunks (never read into memory),
        with its length declared so that servers that refuse chunked uploads take it."""
        headers = {"Content-Type": media_type}
        content: bytes | Iterator[bytes]
        if isinstance(body, Path):
            size = body.stat().st_size
            headers["Content-Length"] = str(size)
            content = _file_chunks(body, size, progress)
        else:
            content = body
        with self._gsp(method, graph, total_s=total_s, content=content, headers=headers):
            pass

    def graph_exists(self, graph: str | None) -> bool:
        if graph is None:
            return True
        with self._gsp("HEAD", graph) as response:
            return response is not None

    def graph_get(self, graph: str | None, media_type: str) -> bytes | None:
        """The graph as the store writes it, read no further than ``max_graph_bytes`` (past that: 502)."""
        limit = self.limits.max_graph_bytes
        with self._gsp("GET", graph, headers={"Accept": media_type}) as response:
            if response is None:
                return None
            body = _read_at_most(response.iter_bytes(), limit)
        if body is None:
            raise UpstreamError(
                f"The store's graph ran past {limit} bytes (CITYREF_REMOTE_MAX_GRAPH_BYTES); it was not read"
            )
        return body

    def incoming_dir(self) -> Path:
        return self._incoming

    def _put_or_post(self, method: str, graph: str | None, upload: Prepared) -> bool:
        """Send a prepared upload (streamed from its file, then removed: the store takes it over)."""
        try:
            existed = self.graph_exists(graph)
            total = self.limits.load_timeout_s if upload.path.stat().st_size > _LARGE else None
            self._send_body(method, graph, upload.path, _NT, total_s=total)
        finally:
            upload.path.unlink(missing_ok=True)
        return not existed

    def graph_put(self, graph: str | None, upload: Prepared) -> bool:
        return self._put_or_post("PUT", graph, upload)

    def graph_post(self, graph: str | None, upload: Prepared) -> bool:
        return self._put_or_post("POST", graph, upload)

    def recorded_digest(self, graph: str) -> str | None:
        g = sparql_iri(graph)
        rows = self._select_json(f"SELECT ?d WHERE {{ GRAPH {g} {{ {g} <{SOURCE_DIGEST}> ?d }} }} LIMIT 1")
        return str(rows[0]["d"].value) if rows else None

    def graph_size(self, graph: str) -> int | None:
        """One COUNT over that graph (not the whole store's counts); ``None`` when it holds nothing: over SPARQL,
        an empty graph and a missing one look the same."""
        rows = self._select_json(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {sparql_iri(graph)} {{ ?s ?p ?o }} }}")
        count = int(rows[0]["n"].value) if rows and rows[0].get("n") is not None else 0
        return count or None

    def export_graph(self, graph: str, target: Path, *, max_triples: int) -> int | None:
        """The graph through the query endpoint (a CONSTRUCT, so no Graph Store endpoint is needed), streamed to
        ``target`` line by line and cut one line past ``max_triples``."""
        sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {sparql_iri(graph)} {{ ?s ?p ?o }} }}"
        count = 0
        with self._exchange(
            "POST",
            self.query_url,
            what="reading the context graph",
            total_s=self.limits.timeout_s,
            read_s=self.limits.read_timeout_s,
            data={"query": sparql},
            headers={"Accept": _NT},
        ) as response:
            self._check(response, "reading the context graph")
            answered = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if answered != _NT:
                raise UpstreamError(f"The store answered the context graph as {answered or 'nothing'}, not N-Triples")
            with target.open("wb") as out:
                for line in _lines(response):
                    if line.strip():
                        count += 1
                        if count > max_triples:
                            raise graph_too_large(graph, max_triples)
                    out.write(line)
        return count or None

    def graph_delete(self, graph: str | None) -> bool:
        with self._gsp("DELETE", graph) as response:
            return response is not None

    def graphs(self) -> list[GraphInfo]:
        """Graph sizes, kept for ``GRAPH_SIZES_TTL_S``: counting scans the whole store, and service descriptions
        ask often. A write through this replica forgets them at once."""
        cached = self._graph_sizes
        if cached is not None and time.monotonic() - cached[0] < GRAPH_SIZES_TTL_S:
            return cached[1]
        sizes = self._count_graphs()
        self._graph_sizes = (time.monotonic(), sizes)
        return sizes

    def _forget_sizes(self) -> None:
        """A write makes the counts stale: the next ``graphs()`` counts again, but ``known_graphs()`` keeps
        reporting the last ones until then (a store that went down keeps its last known sizes in /metrics)."""
        cached = self._graph_sizes
        if cached is not None:
            self._graph_sizes = (-math.inf, cached[1])

    def known_graphs(self) -> list[GraphInfo] | None:
        """The last counted sizes at once, without waiting for the store (``None`` before the first count); when
        they are stale and the store is up, one background count refreshes them. For ``/metrics``, which must
        answer even while the store is down or frozen."""
        cached = self._graph_sizes
        fresh = cached is not None and time.monotonic() - cached[0] < GRAPH_SIZES_TTL_S
        if not fresh and self.breaker.up:
            with self._sizes_lock:
                if self._sizes_refresh is None or not self._sizes_refresh.is_alive():
                    self._sizes_refresh = threading.Thread(
                        target=self._refresh_sizes, name="cityref-graph-sizes", daemon=True
                    )
                    self._sizes_refresh.start()
        return cached[1] if cached is not None else None

    def _refresh_sizes(self) -> None:
        try:
            self.graphs()
        except Exception as error:  # bounded by the call's own timeouts; the next scrape tries again
            log.info("could not count the graphs of the remote store: %s", error)

    def _count_graphs(self) -> list[GraphInfo]:
        counts: dict[str | None, int] = {None: 0}
        for row in self._select_json("SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"):
            if row.get("g") is not None:
                counts[row["g"].value] = 0
        sparql = "SELECT ?g (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g"
        for row in self._select_json(sparql):
            key = row["g"].value if row.get("g") is not None else None
            if key in counts:
                counts[key] = int(row["n"].value)
        return [GraphInfo(iri, n) for iri, n in counts.items()]

    def close(self) -> None:
        """Close the pooled connections and remove the folder for prepared uploads."""
        self._client.close()
        shutil.rmtree(self._incoming, ignore_errors=True)


def with_base(sparql: str, base_iri: str | None) -> str:
    """The text with ``base_iri`` declared ahead of its own prologue: the protocol has no base parameter, and the
    store would resolve relative IRIs against its own address (a ``BASE`` in the text still applies after ours).
    On the same line, so that the store's error positions keep their line numbers."""
    return sparql if base_iri is None else f"BASE {sparql_iri(base_iri)} {sparql}"


def dict_list(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Form pairs as httpx takes them, repeated names kept in order (the protocol repeats dataset parameters)."""
    form: dict[str, list[str]] = {}
    for key, value in pairs:
        form.setdefault(key, []).append(value)
    return form


def _answer(read: Callable[[], T]) -> T:
    """``read()``, with an answer that cannot be read (not the form asked for, cut off, garbled) told as the store's
    fault (502), in our words."""
    try:
        return read()
    except (SyntaxError, ValueError, OSError) as error:
        raise UpstreamError(f"The store's answer could not be read: {_one_line(str(error))}") from None


def _read_at_most(chunks: Iterator[bytes], limit: int) -> bytes | None:
    """The whole body if it is at most ``limit`` bytes; ``None`` (reading stopped) as soon as it is longer."""
    kept: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            return None
        kept.append(chunk)
    return b"".join(kept)


def _boolean(chunks: Iterator[bytes], media_type: str) -> bytes:
    """An ASK answer in SPARQL JSON, at most :data:`_ASK_BYTES` of it, written again by pyoxigraph in
    ``media_type``."""
    raw = _read_at_most(chunks, _ASK_BYTES)
    if raw is None:
        raise UpstreamError(f"The store's answer to an ASK query ran past {_ASK_BYTES // 1024} KiB")
    result = ox.parse_query_results(raw, ox.QueryResultsFormat.JSON)
    if not isinstance(result, ox.QueryBoolean):
        raise ValueError("it is not a yes-or-no answer")
    return render_boolean(result, media_type)


_RELAY_RATIO = 8
"""Kept text shorter than the stream threshold over this is written whole at once, without a thread: no format
writes a row or a triple at eight times its TSV or N-Triples length."""


def _written(kept: bytes, cut: bool, media_type: str, kind: str, request: QueryRequest) -> QueryOutcome:
    """The store's capped answer (TSV for SELECT, N-Triples for graphs) written again by pyoxigraph in
    ``media_type``; past the request's ``stream_bytes``, on a thread of its own and handed on in parts."""
    stream_bytes = request.stream_bytes

    def write(sender: Sender | None) -> tuple[bytes | None, bool]:
        def head(truncated: bool) -> tuple[str, bool, str]:
            return media_type, truncated, kind

        def render() -> tuple[bytes | None, bool]:
            if kind == "select":
                solutions = ox.parse_query_results(kept, ox.QueryResultsFormat.TSV)
                if not isinstance(solutions, ox.QuerySolutions):
                    raise ValueError("it holds no solutions")
                return render_solutions(
                    solutions, media_type, request.row_cap, request.max_bytes, cut=cut,
                    sender=sender, stream_bytes=stream_bytes, head=head,
                )  # fmt: skip
            cap = request.triple_cap or request.row_cap
            return render_ntriples(
                kept, media_type, cap, request.max_bytes, cut=cut, sender=sender, stream_bytes=stream_bytes, head=head
            )

        return _answer(render)

    if not stream_bytes or len(kept) * _RELAY_RATIO <= stream_bytes:
        body, truncated = write(None)
        assert body is not None  # no sender: always whole
        return QueryOutcome(body, media_type, truncated, kind)
    written = relay(write)
    if written.parts is None:
        assert written.whole is not None
        body, truncated = written.whole
        assert body is not None
        return QueryOutcome(body, media_type, truncated, kind)
    head_type, truncated, _ = written.head
    return QueryOutcome(b"", head_type, truncated, kind, parts=written.parts)


def _lines(response: httpx.Response, max_line: int = _LINE_BYTES) -> Iterator[bytes]:
    """The body's lines as bytes, each with its newline, read only as far as the caller iterates. A line longer than
    ``max_line`` is the store's fault (502), not held in memory while it grows."""
    pending: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        start = 0
        while (end := chunk.find(b"\n", start)) != -1:
            yield b"".join([*pending, chunk[start : end + 1]])
            pending, size, start = [], 0, end + 1
        if start < len(chunk):
            pending.append(chunk[start:])
            size += len(chunk) - start
            if size > max_line:
                raise UpstreamError(f"The store sent a line longer than {max_line >> 20} MiB; it was not read")
    if pending:
        yield b"".join(pending)


def _file_chunks(path: Path, total: int, progress: Progress | None) -> Iterator[bytes]:
    done = 0
    with path.open("rb") as file:
        while chunk := file.read(_UPLOAD_CHUNK):
            done += len(chunk)
            if progress is not None:
                progress(done, total)
            yield chunk


def _connect_reason(error: httpx.ConnectError) -> str:
    """Our words for why a connection failed, from the OS error underneath (never the library's text)."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return "the connection was refused"
        if isinstance(cause, socket.gaierror):
            return "the host name did not resolve"
        cause = cause.__cause__ or cause.__context__
    text = str(error).lower()
    if "refused" in text:
        return "the connection was refused"
    if "name or service" in text or "nodename" in text or "resolution" in text:
        return "the host name did not resolve"
    return "the connection could not be opened"


_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def _excerpt(response: httpx.Response) -> str:
    """A short, single-line excerpt of an error body, for a message; HTML error pages (proxies) say nothing useful
    and are left out. Reads at most a few KiB, so a huge error body costs nothing."""
    if "html" in response.headers.get("content-type", "").lower():
        return ""
    raw = b""
    for chunk in response.iter_bytes():
        raw += chunk
        if len(raw) >= _ERROR_READ:
            break
    return _one_line(raw[:_ERROR_READ].decode("utf-8", "replace"))


def _one_line(text: str) -> str:
    """The store's words for a message: control characters and runs of blanks made one space, at most
    :data:`_ERROR_EXCERPT` characters."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= _ERROR_EXCERPT else text[: _ERROR_EXCERPT - 1] + "…"
