"""``/queries``: the canned queries, listed, shown and run with safe parameters and ``/sparql``'s negotiation.

Browsers (Accept naming HTML, or ``?format=html``) get pages instead (:mod:`cityref.api.query_pages`): the list,
and each query's form and results table. Clients get exactly what they got before.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from cityref import media
from cityref.api import query_pages, streaming
from cityref.api.cities import wants_page
from cityref.api.deps import SettingsDep, StoreDep, WorkDep
from cityref.api.sparql import answer_headers, query_response
from cityref.api.ui import VARY
from cityref.errors import NotAcceptable
from cityref.sparql import canned
from cityref.sparql import service as sparql
from cityref.sparql.binding import ParameterError

router = APIRouter(tags=["queries"])

SPARQL_QUERY = media.SPARQL_QUERY


def _accept_for(request: Request) -> str | None:
    """``?format=json|xml|csv|tsv|turtle|ntriples|jsonld|rdfxml`` wins over the Accept header (for links); the
    names are those of ``/sparql``, so one name serves a SELECT and a CONSTRUCT alike."""
    name = request.query_params.get("format")
    if not name:
        return request.headers.get("accept")
    accept = media.accept_for_format(name)
    if accept is None:
        raise NotAcceptable(f"Unknown format {name!r}", known=media.format_names())
    return accept


def _values(request: Request) -> dict[str, str]:
    """The query-string members that are parameters of the query (each given at most once)."""
    values: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key in canned.RESERVED:
            continue
        if key in values:
            raise ParameterError(f"Parameter {key!r} is given more than once", param=key)
        values[key] = value
    return values


def _text(query: canned.CannedQuery) -> Response:
    return Response(query.text, media_type=SPARQL_QUERY + "; charset=utf-8")


@router.get(
    "/queries",
    summary="The canned queries, with their parameters (JSON, or HTML for browsers)",
    responses={200: {"content": {"application/json": {}, "text/html": {}}}},
)
def list_queries(request: Request, settings: SettingsDep) -> Response:
    if wants_page(request):
        return query_pages.catalogue_page(request)
    base = settings.public_base_url()
    body: dict[str, Any] = {
        "queries": [
            {**q.to_json(), "href": f"{base}/queries/{q.name}", "text": f"{base}/queries/{q.name}.rq"}
            for q in canned.catalogue().values()
        ]
    }
    return JSONResponse(body, headers={"Vary": VARY})


@router.get(
    "/queries/{name}",
    summary="Run a canned query (or show its text with ?describe=true or a .rq suffix)",
    responses={
        200: {"content": {m: {} for m in (*(f.media_type for f in media.RESULT_FORMATS), SPARQL_QUERY, media.HTML)}}
    },
)
async def run_canned(name: str, request: Request, settings: SettingsDep, store: StoreDep, work: WorkDep) -> Response:
    query = canned.get(name)
    if name.endswith(".rq") or request.query_params.get("describe", "").lower() in ("true", "1", "yes"):
        return _text(query)
    if wants_page(request):
        return await query_pages.query_page(request, query, settings, store, work)
    values, accept = _values(request), _accept_for(request)
    client_timeout = sparql.parse_timeout(request.query_params.get("timeout"))
    budget = sparql.effective_timeout(settings, client_timeout)

    def run(remaining: float) -> sparql.QueryOutcome:
        return canned.run(
            store,
            settings,
            query,
            values,
            accept=accept,
            timeout_s=client_timeout,
            remaining_s=remaining,
            syntax=work.sparql.check,
            stream_bytes=settings.result_stream_bytes,
        )

    # A long answer goes on to the client in parts, as /sparql's does.
    return await streaming.answer(work.query, budget, run, query_response, answer_headers)
