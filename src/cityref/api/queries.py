"""``/queries``: the canned queries, listed, shown and run with safe parameters and ``/sparql``'s negotiation."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from cityref import media
from cityref.api.deps import SettingsDep, StoreDep
from cityref.errors import BadRequest, NotAcceptable
from cityref.services import canned
from cityref.services.binding import ParameterError

router = APIRouter(tags=["queries"])

SPARQL_QUERY = "application/sparql-query"


def _accept_for(request: Request) -> str | None:
    """``?format=json|xml|csv|tsv|turtle|ntriples|jsonld|rdfxml`` wins over the Accept header (for links)."""
    name = request.query_params.get("format")
    if not name:
        return request.headers.get("accept")
    fmt = media.result_format(name) or media.rdf_format(name)
    if fmt is None or fmt.quads:
        known = [f.name for f in media.RESULT_FORMATS] + [f.name for f in media.RDF_FORMATS if not f.quads]
        raise NotAcceptable(f"Unknown format {name!r}", known=known)
    return fmt.media_type


def _timeout(request: Request) -> float | None:
    raw = request.query_params.get("timeout")
    if raw is None:
        return None
    try:
        return float(raw)
    except ValueError:
        raise BadRequest(f"timeout must be a number of seconds, not {raw!r}") from None


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


@router.get("/queries", summary="The canned queries, with their parameters")
def list_queries(request: Request, settings: SettingsDep) -> dict[str, Any]:
    base = (settings.base_url or str(request.base_url)).rstrip("/")
    return {
        "queries": [
            {**q.to_json(), "href": f"{base}/queries/{q.name}", "text": f"{base}/queries/{q.name}.rq"}
            for q in canned.catalogue().values()
        ]
    }


@router.get(
    "/queries/{name}",
    summary="Run a canned query (or show its text with ?describe=true or a .rq suffix)",
    responses={200: {"content": {m: {} for m in ("application/sparql-results+json", "text/csv", SPARQL_QUERY)}}},
)
def run_canned(name: str, request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    query = canned.get(name)
    if name.endswith(".rq") or request.query_params.get("describe", "").lower() in ("true", "1", "yes"):
        return _text(query)
    outcome = canned.run(
        store, settings, query, _values(request), accept=_accept_for(request), timeout_s=_timeout(request)
    )
    headers = {"Vary": "Accept"}
    if outcome.truncated:
        headers["X-Cityref-Truncated"] = "true"
    return Response(outcome.body, media_type=outcome.media_type, headers=headers)
