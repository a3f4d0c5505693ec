"""The remote backend: any SPARQL 1.1 Protocol + Graph Store Protocol server (Fuseki, GraphDB, Virtuoso, Oxigraph
server, Neptune...). Queries and updates go through SPARQLWrapper; Graph Store calls are plain HTTP.

Budgets hold as far as a client can make them: the timeout is a socket timeout, so it bounds each wait for the
server, not the whole transfer, and only the server's own limit truly stops the work (see docs/deployment.md).
SELECT results are fetched as TSV and read line by line only up to the row cap, then re-serialised by pyoxigraph in
the format the client asked for.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from SPARQLWrapper import POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from cityref.errors import BadRequest, BudgetExceeded, UpstreamError
from cityref.intake import Prepared
from cityref.store import parsing
from cityref.store.base import SOURCE_DIGEST, GraphInfo, QueryOutcome, QueryRequest, Store, sparql_iri
from cityref.store.results import render_solutions

_TSV = "text/tab-separated-values"
GRAPH_SIZES_TTL_S = 30.0
_NT = "application/n-triples"


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
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.gsp_url = gsp_url
        self.api_key = api_key
        self._incoming = Path(tempfile.mkdtemp(prefix="cityref-remote-"))
        self.union_param = union_param
        self._graph_sizes: tuple[float, list[GraphInfo]] | None = None

    # SPARQL over SPARQLWrapper.

    def _wrapper(self, timeout_s: float | None = None) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.query_url, updateEndpoint=self.update_url)
        wrapper.setMethod(POST)
        wrapper.setOnlyConneg(True)
        if timeout_s:
            wrapper.setTimeout(max(1, round(timeout_s)))
        if self.api_key:
            wrapper.addCustomHttpHeader("Authorization", f"Bearer {self.api_key}")
        return wrapper

    def query(self, request: QueryRequest, timeout_s: float) -> QueryOutcome:
        wrapper = self._wrapper(timeout_s)
        wrapper.setQuery(request.sparql)
        for iri in request.default_graph_uris:
            wrapper.addDefaultGraph(iri)
        for iri in request.named_graph_uris:
            wrapper.addNamedGraph(iri)
        dataset_given = request.default_graph_uris or request.named_graph_uris or request.query_has_dataset
        if request.union_default_graph and not dataset_given and self.union_param:
            wrapper.addParameter(self.union_param, "true")
        kind = request.kind or "select"
        wanted = {"select": _TSV, "ask": request.results_media_type, "construct": request.graph_media_type}[kind]
        if wanted is None:
            from cityref.errors import NotAcceptable

            raise NotAcceptable(f"None of the accepted media types can carry {kind.upper()} results")
        wrapper.addCustomHttpHeader("Accept", wanted)
        try:
            response = wrapper.query().response
            if kind != "select":
                return QueryOutcome(response.read(), wanted, False, kind)
            return self._capped_select(response, request)
        except QueryBadFormed as error:
            raise parsing.sparql_syntax_problem(SyntaxError(_message(error))) from error
        except TimeoutError as error:
            raise BudgetExceeded(f"The store did not answer within {timeout_s:g} s", timeout_s=timeout_s) from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise BudgetExceeded(f"The store did not answer within {timeout_s:g} s", timeout_s=timeout_s) from error
            raise UpstreamError(f"The store could not be reached: {error}") from error
        except SPARQLWrapperException as error:
            raise UpstreamError(f"The store refused the query: {_message(error)}") from error

    def _capped_select(self, response: Any, request: QueryRequest) -> QueryOutcome:
        media_type = request.results_media_type or "application/sparql-results+json"
        lines: list[bytes] = []
        for line in response:  # the header, the capped rows and one more that proves the cut
            lines.append(line)
            if len(lines) > request.row_cap + 1:
                break
        response.close()
        solutions = ox.parse_query_results(b"".join(lines), ox.QueryResultsFormat.TSV)
        body, truncated = render_solutions(solutions, media_type, request.row_cap, request.max_bytes)
        return QueryOutcome(body, media_type, truncated, "select")

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        self._graph_sizes = None
        wrapper = self._wrapper()
        wrapper.setQuery(sparql)
        try:
            wrapper.query().response.read()
        except QueryBadFormed as error:
            raise parsing.sparql_syntax_problem(SyntaxError(_message(error))) from error
        except SPARQLWrapperException as error:
            raise UpstreamError(f"The store refused the update: {_message(error)}") from error
        except urllib.error.URLError as error:
            raise UpstreamError(f"The store could not be reached: {error}") from error

    def _select_json(self, sparql: str) -> list[dict[str, Any]]:
        wrapper = self._wrapper(60)
        wrapper.setQuery(sparql)
        wrapper.addCustomHttpHeader("Accept", "application/sparql-results+json")
        try:
            raw = wrapper.query().response.read()
        except (SPARQLWrapperException, urllib.error.URLError) as error:
            raise UpstreamError(f"The store could not answer: {error}") from error
        results = ox.parse_query_results(raw, ox.QueryResultsFormat.JSON)
        assert isinstance(results, ox.QuerySolutions)
        return [{str(v.value): s[v] for v in results.variables} for s in results]

    # Graph Store Protocol over plain HTTP.

    def _gsp(self, method: str, graph: str | None, *, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        if not self.gsp_url:
            raise UpstreamError("No Graph Store endpoint is configured for the remote store (CITYREF_REMOTE_GSP_URL)")
        if method not in ("GET", "HEAD"):
            self._graph_sizes = None
        query = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
        request = urllib.request.Request(f"{self.gsp_url}?{query}", data=body, method=method, headers=headers or {})
        if self.api_key:
            request.add_header("Authorization", f"Bearer {self.api_key}")
        try:
            return urllib.request.urlopen(request, timeout=600)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            detail = error.read().decode("utf-8", "replace")[:500]
            if error.code == 400:
                raise BadRequest(f"The store refused the data: {detail}") from error
            raise UpstreamError(f"The store answered {error.code}: {detail}") from error
        except urllib.error.URLError as error:
            raise UpstreamError(f"The store could not be reached: {error}") from error

    def graph_exists(self, graph: str | None) -> bool:
        if graph is None:
            return True
        response = self._gsp("HEAD", graph)
        if response is None:
            return False
        response.close()
        return True

    def graph_get(self, graph: str | None, media_type: str) -> bytes | None:
        response = self._gsp("GET", graph, headers={"Accept": media_type})
        if response is None:
            return None
        with response:
            data: bytes = response.read()
        return data

    def incoming_dir(self) -> Path:
        return self._incoming

    def _send(self, method: str, graph: str | None, upload: Prepared) -> bool:
        existed = self.graph_exists(graph)
        with open(upload.path, "rb") as body:
            headers = {"Content-Type": _NT, "Content-Length": str(upload.path.stat().st_size)}
            response = self._gsp(method, graph, body=body, headers=headers)
        if response is not None:
            response.close()
        return not existed

    def graph_put(self, graph: str | None, upload: Prepared) -> bool:
        return self._send("PUT", graph, upload)

    def graph_post(self, graph: str | None, upload: Prepared) -> bool:
        return self._send("POST", graph, upload)

    def recorded_digest(self, graph: str) -> str | None:
        g = sparql_iri(graph)
        rows = self._select_json(f"SELECT ?d WHERE {{ GRAPH {g} {{ {g} <{SOURCE_DIGEST}> ?d }} }} LIMIT 1")
        return str(rows[0]["d"].value) if rows else None

    def graph_delete(self, graph: str | None) -> bool:
        response = self._gsp("DELETE", graph)
        if response is None:
            return False
        response.close()
        return True

    def graphs(self) -> list[GraphInfo]:
        """Graph sizes, kept for ``GRAPH_SIZES_TTL_S``: counting scans the whole store, and /metrics scrapes and
        service descriptions ask often. A write through this replica forgets them at once."""
        cached = self._graph_sizes
        if cached is not None and time.monotonic() - cached[0] < GRAPH_SIZES_TTL_S:
            return cached[1]
        sizes = self._count_graphs()
        self._graph_sizes = (time.monotonic(), sizes)
        return sizes

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
        """Every call opens its own connection; only the folder for prepared uploads is left to remove."""
        shutil.rmtree(self._incoming, ignore_errors=True)


def _message(error: Exception) -> str:
    text = str(error)
    return text.split("Response:", 1)[-1].strip().removeprefix("b'").removesuffix("'") if "Response:" in text else text
