"""``/graphs``: the SPARQL 1.1 Graph Store HTTP Protocol, indirect identification (``?graph=IRI`` or ``?default``).

GET/HEAD read a graph (404 when a named graph does not exist); PUT replaces it atomically; POST merges (201 when it
created the graph); DELETE removes it (404 when missing). A POST to ``/graphs`` itself creates a new graph and
answers its IRI in ``Location``. Writes need an API key.

A write is all or nothing, multipart bodies included: the body is spooled to disk as it arrives, every document
is parsed (by a parse worker, never by the server) into one prepared file before anything changes, and the store
applies that file as one write. Reads are never held up by a write: they see the store as it was before it.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from cityref import media
from cityref.api.auth import require_write_key
from cityref.api.body import spool_limited, spooled_multipart
from cityref.api.deps import SettingsDep, StoreDep, WorkDep
from cityref.api.gates import Work
from cityref.errors import BadRequest, NotAcceptable, NotFound
from cityref.intake import triples_format
from cityref.settings import Settings
from cityref.store.base import GRAPH_BASE, Store, check_graph_iri

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
    return iri


def _graph(request: Request) -> str | None:
    target = _target(request)
    if target is _NO_TARGET:
        raise BadRequest("Name the graph with ?graph=IRI or ?default")
    assert target is None or isinstance(target, str)
    return target


def _spool_dir(store: Store) -> Path:
    return Path(tempfile.mkdtemp(prefix="request-", dir=store.incoming_dir()))


async def _sources(request: Request, settings: Settings, directory: Path) -> list[tuple[Path, str, str | None]]:
    """The RDF documents of a request, spooled to ``directory``: its body, or each file of a
    ``multipart/form-data`` body (the protocol lets a POST carry several documents that way)."""
    content_type = request.headers.get("content-type", "")
    body = directory / "body"
    if media.bare_type(content_type) != "multipart/form-data":
        triples_format(content_type)  # 415 before reading the body
        await spool_limited(request, settings.max_body_bytes, body)
        return [(body, content_type, None)]
    await spool_limited(request, settings.max_body_bytes, body)
    files, _ = await spooled_multipart(
        request, body, directory, max_files=settings.max_upload_files, max_fields=settings.max_form_fields
    )
    if not files:
        raise BadRequest("The multipart body holds no RDF document")
    sources = []
    for _, path, part_type, filename in files:
        triples_format(part_type or "")  # every part is checked before anything is parsed or written
        sources.append((path, part_type or "", filename))
    return sources


async def _write(
    request: Request,
    settings: Settings,
    store: Store,
    work: Work,
    graph: str | None,
    *,
    replace: bool,
) -> bool:
    """Spool, parse (in a parse worker) and write the request's documents as one all-or-nothing write."""
    directory = _spool_dir(store)
    try:
        sources = await _sources(request, settings, directory)

        def write(remaining: float) -> bool:
            upload = work.uploads.prepare(sources, store.incoming_dir(), base_iri=graph, timeout_s=remaining)
            return store.graph_put(graph, upload) if replace else store.graph_post(graph, upload)

        return await work.write.run(settings.write_timeout_s, write)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


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
async def put_graph(request: Request, settings: SettingsDep, store: StoreDep, work: WorkDep) -> Response:
    require_write_key(request, "graphs:write")
    graph = _graph(request)
    created = await _write(request, settings, store, work, graph, replace=True)
    return Response(status_code=201 if created else 204)


@router.post("/graphs", summary="Add to a graph, or create a new one", status_code=204, response_model=None)
async def post_graph(request: Request, settings: SettingsDep, store: StoreDep, work: WorkDep) -> Response:
    require_write_key(request, "graphs:write")
    target = _target(request)
    if target is _NO_TARGET:
        iri = f"{GRAPH_BASE}new/{uuid.uuid4()}"
        await _write(request, settings, store, work, iri, replace=True)
        # Location names the new graph itself; it is read back with /graphs?graph=<that IRI>.
        return Response(status_code=201, headers={"Location": iri})
    assert target is None or isinstance(target, str)
    created = await _write(request, settings, store, work, target, replace=False)
    if created and target is not None:
        return Response(status_code=201, headers={"Location": target})
    return Response(status_code=204)


@router.delete("/graphs", summary="Delete a graph", status_code=204, response_model=None)
async def delete_graph(request: Request, settings: SettingsDep, store: StoreDep, work: WorkDep) -> Response:
    require_write_key(request, "graphs:write")
    graph = _graph(request)
    existed = await work.write.run(settings.write_timeout_s, lambda _: store.graph_delete(graph))
    if not existed:
        raise NotFound(f"No graph <{graph}>")
    return Response(status_code=204)
