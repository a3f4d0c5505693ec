"""``/sparql``: the SPARQL 1.1 Protocol (query and update operations) over the store.

GET ``?query=``, POST form-encoded (``query=`` or ``update=``), POST ``application/sparql-query`` or
``application/sparql-update``; ``default-graph-uri``/``named-graph-uri`` (``using-graph-uri``/
``using-named-graph-uri`` for updates). GET without a query answers the service description, or the query page for
browsers. Updates need a write key. Budgets and negotiation are those of :func:`cityref.sparql.service.run_query`.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from cityref import media
from cityref.api import sparql_page, streaming
from cityref.api.auth import require_write_key
from cityref.api.body import read_limited
from cityref.api.cities import wants_page
from cityref.api.deps import SettingsDep, StoreDep
from cityref.api.gates import Work
from cityref.api.ui import VARY, reader
from cityref.errors import BadRequest, NotAcceptable, UnsupportedMediaType
from cityref.settings import Settings
from cityref.sparql import service as service
from cityref.store import Store
from cityref.terms.index import declared_prefixes

router = APIRouter(tags=["sparql"])

FORM, QUERY, UPDATE = media.FORM, media.SPARQL_QUERY, media.SPARQL_UPDATE

Pairs = list[tuple[str, str]]
"""Query-string or form members in order, repeats kept (the protocol's dataset parameters repeat)."""


def _url_pairs(request: Request) -> Pairs:
    """The query string's members, as FastAPI has already read them for the request (the same ``parse_qsl``,
    blank values kept): not read a second time."""
    return request.query_params.multi_items()


def _params(pairs: Pairs, name: str) -> list[str]:
    return [v for k, v in pairs if k == name]


def _single(pairs: Pairs, name: str) -> str | None:
    values = _params(pairs, name)
    if len(values) > 1:
        raise BadRequest(f"More than one {name!r} parameter: the protocol allows exactly one")
    return values[0] if values else None


def _accept(request: Request, pairs: Pairs) -> str | None:
    """The Accept header, unless a ``format``/``output`` parameter names a format explicitly."""
    for name in ("format", "output"):
        for value in _params(pairs, name):
            accept = media.accept_for_format(value)
            if accept:
                return accept
    return request.headers.get("accept")


def _text(body: bytes, content_type: str) -> str:
    charset = ""
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    if charset and charset not in ("utf-8", "utf8", "us-ascii", "ascii"):
        raise UnsupportedMediaType(f"SPARQL text must be UTF-8, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest("The SPARQL text is not valid UTF-8") from error


def endpoint_iri(settings: Settings) -> str:
    """The endpoint's own public address, the base IRI of every query and update it runs (as Oxigraph's server
    uses its request URL); taken from the settings, never from the Host header, which the client chooses."""
    return settings.public_base_url() + "/sparql"


def answer_headers(outcome: service.QueryOutcome) -> dict[str, str]:
    headers = {"Vary": "Accept"}
    if outcome.truncated:
        headers["X-Cityref-Truncated"] = "true"
    return headers


def query_response(outcome: service.QueryOutcome) -> Response:
    """A query answer as sent by ``/sparql`` and ``/queries``: the engine's bytes, the truncation header if cut."""
    return Response(outcome.body, media_type=outcome.media_type, headers=answer_headers(outcome))


async def _query(request: Request, settings: Settings, store: Store, text: str, pairs: Pairs) -> Response:
    accept = _accept(request, pairs)
    client_timeout = service.parse_timeout(_single(pairs, "timeout"))
    budget = service.effective_timeout(settings, client_timeout)
    default_graphs, named_graphs = _params(pairs, "default-graph-uri"), _params(pairs, "named-graph-uri")
    work: Work = request.app.state.work

    def run(remaining: float) -> service.QueryOutcome:
        return service.run_query(
            store,
            settings,
            text,
            accept=accept,
            timeout_s=client_timeout,
            remaining_s=remaining,
            default_graph_uris=default_graphs,
            named_graph_uris=named_graphs,
            base_iri=endpoint_iri(settings),
            syntax=work.sparql.check,
            stream_bytes=settings.result_stream_bytes,
        )

    return await streaming.answer(work.query, budget, run, query_response, answer_headers)


async def _update(request: Request, settings: Settings, store: Store, text: str, pairs: Pairs) -> Response:
    require_write_key(request, "sparql:update")
    using = _params(pairs, "using-graph-uri")
    using_named = _params(pairs, "using-named-graph-uri")
    work: Work = request.app.state.work

    def run(_: float) -> None:
        service.run_update(
            store,
            settings,
            text,
            base_iri=endpoint_iri(settings),
            using_graph_uris=using,
            using_named_graph_uris=using_named,
            syntax=work.sparql.check,
        )

    await work.write.run(settings.write_timeout_s, run)
    return Response(status_code=204)


@router.get("/sparql", summary="SPARQL query (GET), service description or query page", response_model=None)
async def sparql_get(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    pairs = _url_pairs(request)
    if _params(pairs, "update"):
        raise BadRequest("Updates must be sent with POST")
    text = _single(pairs, "query")
    if text is None:
        return await _description(request, settings, store)
    if wants_page(request) and not _params(pairs, "output"):
        return _workbench(request, settings, text)  # a browser opening a query's link: the page runs it
    return await _query(request, settings, store, text, pairs)


def _workbench(request: Request, settings: Settings, text: str | None) -> HTMLResponse:
    ui = reader(request.scope, "query")
    prefixes = declared_prefixes(request.app.state.ontology)
    page = sparql_page.render(endpoint_iri(settings), ui, prefixes, text)
    return HTMLResponse(page, headers={"Vary": VARY, "Content-Language": ui.lang})


@router.post("/sparql", summary="SPARQL query or update (POST)", response_model=None)
async def sparql_post(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    content_type = request.headers.get("content-type", "")
    bare = content_type.split(";", 1)[0].strip().lower()
    url_pairs = _url_pairs(request)
    body = await read_limited(request, settings.max_body_bytes)
    if bare == FORM:
        pairs = url_pairs + parse_qsl(_text(body, content_type), keep_blank_values=True)
        query, update = _single(pairs, "query"), _single(pairs, "update")
        if (query is None) == (update is None):
            raise BadRequest("Send exactly one of the form fields 'query' and 'update'")
        if query is not None:
            return await _query(request, settings, store, query, pairs)
        assert update is not None
        return await _update(request, settings, store, update, pairs)
    if bare == QUERY:
        return await _query(request, settings, store, _text(body, content_type), url_pairs)
    if bare == UPDATE:
        return await _update(request, settings, store, _text(body, content_type), url_pairs)
    raise UnsupportedMediaType(
        f"POST /sparql takes {FORM}, {QUERY} or {UPDATE}, not {bare or 'a body without Content-Type'}",
        supported=[FORM, QUERY, UPDATE],
    )


async def _description(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    accept = request.headers.get("accept")
    chosen = media.negotiate_rdf(accept, html=True)
    if chosen is None:
        raise NotAcceptable("None of the accepted media types can carry the service description")
    endpoint = endpoint_iri(settings)
    if chosen == media.HTML:
        return _workbench(request, settings, None)
    graphs = await run_in_threadpool(store.graphs)
    graph = sparql_page.service_description(
        endpoint, graphs, union=settings.union_default_graph, federated=bool(settings.allowed_remote_hosts)
    )
    fmt = media.rdf_format(chosen)
    assert fmt is not None and fmt.rdflib is not None
    return Response(graph.serialize(format=fmt.rdflib), media_type=chosen, headers={"Vary": "Accept"})
