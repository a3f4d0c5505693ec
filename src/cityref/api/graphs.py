"""``/graphs``: the SPARQL 1.1 Graph Store HTTP Protocol, indirect identification (``?graph=IRI`` or ``?default``).

GET/HEAD read a graph (404 when a named graph does not exist); PUT replaces it atomically (the body is parsed
completely before anything changes, so a malformed upload leaves the old graph as it was); POST merges (201 when it
created the graph); DELETE removes it (404 when missing). A POST to ``/graphs`` itself creates a new graph and
answers its IRI in ``Location``. Writes need an API key.
"""

from __future__ import annotations

import uuid
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from cityref import media
from cityref.api.auth import require_write_key
from cityref.api.body import client_gone, declared_length, read_limited, too_large
from cityref.api.deps import SettingsDep, StoreDep
from cityref.errors import BadRequest, NotAcceptable, NotFound
from cityref.store.base import GRAPH_BASE, SYSTEM_GRAPH, check_graph_iri

router = APIRouter(tags=["graph store"])

_NO_TARGET = object()


def _target(request: Request) -> str | object | None:
    """The graph IRI, ``None`` for the default graph, or ``_NO_TARGET`` when the request names neither."""
    pairs = parse_qsl(request.url.query, keep_blank_values=True)
    graphs = [v for k, v in pairs if k == "graph"]
    default = any(k == "default" for k, _ in pairs)
    if len(graphs) > 1 or (graphs and default):
        raise BadRequest("Name one graph: either ?graph=IRI or ?default")
    if default:
        return None
    if not graphs:
        return _NO_TARGET
    iri = graphs[0]
    try:
        check_graph_iri(iri)  # the backends write it into SPARQL Update text: a stray newline must not get there
    except ValueError:
        raise BadRequest(f"?graph must be an absolute IRI, not {iri!r}") from None
    if iri == SYSTEM_GRAPH:
        raise NotFound("The system graph is internal")
    return iri


def _graph(request: Request) -> str | None:
    target = _target(request)
    if target is _NO_TARGET:
        raise BadRequest("Name the graph with ?graph=IRI or ?default")
    assert target is None or isinstance(target, str)
    return target


async def _parts(request: Request, settings: SettingsDep) -> list[tuple[bytes, str]]:
    """The RDF documents of a request: its body, or each file of a ``multipart/form-data`` body (the protocol lets
    a POST carry several documents that way)."""
    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        return [await _upload(request, settings)]
    limit = settings.max_body_bytes
    declared = declared_length(request)
    if declared is None or declared > limit:
        # Starlette spools multipart files without a total cap; a declared length the server enforces is that cap.
        raise too_large(limit)
    parts: list[tuple[bytes, str]] = []
    try:
        async with request.form(max_part_size=limit) as form:
            for _, value in form.multi_items():
                if not isinstance(value, str):
                    parts.append((await value.read(), value.content_type or ""))
    except ClientDisconnect:
        raise client_gone() from None
    if not parts:
        raise BadRequest("The multipart body holds no RDF document")
    return parts


async def _upload(request: Request, settings: SettingsDep) -> tuple[bytes, str]:
    return await read_limited(request, settings.max_body_bytes), request.headers.get("content-type", "")


@router.get("/graphs", summary="Read a graph", response_model=None)
@router.head("/graphs", summary="Check that a graph exists, with its size", response_model=None)
async def get_graph(request: Request, store: StoreDep) -> Response:
    graph = _graph(request)
    chosen = media.negotiate_rdf(request.headers.get("accept"))
    if chosen is None:
        raise NotAcceptable("None of the accepted media types can carry a graph", offers=media.rdf_offers())
    body = await run_in_threadpool(store.graph_get, graph, chosen)
    if body is None:
        raise NotFound(f"No graph <{graph}>")
    if request.method == "HEAD":
        return Response(
            status_code=200, media_type=chosen, headers={"Content-Length": str(len(body)), "Vary": "Accept"}
        )
    return Response(body, media_type=chosen, headers={"Vary": "Accept"})


@router.put("/graphs", summary="Replace a graph (atomic)", status_code=204, response_model=None)
async def put_graph(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    require_write_key(request, "graphs:write")
    graph = _graph(request)
    data, content_type = await _upload(request, settings)
    created = await run_in_threadpool(store.graph_put, graph, data, content_type, base_iri=graph)
    return Response(status_code=201 if created else 204)


@router.post("/graphs", summary="Add to a graph, or create a new one", status_code=204, response_model=None)
async def post_graph(request: Request, settings: SettingsDep, store: StoreDep) -> Response:
    require_write_key(request, "graphs:write")
    target = _target(request)
    parts = await _parts(request, settings)
    if target is _NO_TARGET:
        iri = f"{GRAPH_BASE}new/{uuid.uuid4()}"
        (data, content_type), *more = parts
        await run_in_threadpool(store.graph_put, iri, data, content_type, base_iri=iri)
        for part, part_type in more:
            await run_in_threadpool(store.graph_post, iri, part, part_type, base_iri=iri)
        # Location names the new graph itself; it is read back with /graphs?graph=<that IRI>.
        return Response(status_code=201, headers={"Location": iri})
    assert target is None or isinstance(target, str)
    created = False
    for part, part_type in parts:
        created |= await run_in_threadpool(store.graph_post, target, part, part_type, base_iri=target)
    return Response(status_code=201 if created else 204)


@router.delete("/graphs", summary="Delete a graph", status_code=204, response_model=None)
async def delete_graph(request: Request, store: StoreDep) -> Response:
    require_write_key(request, "graphs:write")
    graph = _graph(request)
    existed = await run_in_threadpool(store.graph_delete, graph)
    if not existed:
        raise NotFound(f"No graph <{graph}>")
    return Response(status_code=204)
