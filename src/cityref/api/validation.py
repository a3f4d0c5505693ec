"""``/profiles`` and ``/validate``: the SHACL profiles, and checking a delivery against them.

The body is streamed to disk and counted, so a client that lies about (or omits) Content-Length still meets the
limit; everything that can be refused without reading the delivery (format, profiles, language, severity) is
refused before the job queues. The validation itself (parsing included) waits at the validation gate without
holding a thread, then runs in a worker process with a time budget and a memory limit, which also renders the
report: the server only sends the bytes back.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from cityref import media, resources
from cityref.api.body import spool_limited, spooled_multipart
from cityref.api.deps import ProfilesDep, SettingsDep, StoreDep, WorkDep
from cityref.api.gates import Work
from cityref.errors import BadRequest, Forbidden, LimitExceeded, NotAcceptable, NotFound, NotReady
from cityref.settings import Settings
from cityref.store import Store
from cityref.store.base import NTRIPLES, check_graph_iri
from cityref.validation import RENDERERS, Profile, ValidationJob, language_chain, run_in_pool
from cityref.validation.fast import ENGINES
from cityref.validation.parse import format_for
from cityref.validation.profiles import select
from cityref.validation.report import check_severity
from cityref.validation.worker import RenderedReport

router = APIRouter(tags=["validation"])


@router.get("/profiles", summary="The validation profiles")
def list_profiles(profiles: ProfilesDep, lang: str = "en") -> dict[str, Any]:
    return {"profiles": [p.summary(lang) for p in profiles.values()]}


@router.get("/profiles/{profile_id}", summary="One profile: JSON, or its shapes in RDF by content negotiation")
def get_profile(
    profile_id: str, request: Request, profiles: ProfilesDep, lang: str = "en", format: str | None = None
) -> Response:
    profile = profiles.get(profile_id)
    if profile is None:
        raise NotFound(f"No profile {profile_id!r}", known=sorted(profiles))
    chosen = media.choose_rdf(request.headers.get("accept"), format, first={"json": media.JSON})
    if chosen == media.JSON:
        return JSONResponse(profile.summary(lang), headers={"Vary": "Accept"})
    fmt = media.rdf_format(chosen)
    assert fmt is not None and fmt.rdflib is not None
    return Response(profile.shapes.serialize(format=fmt.rdflib), media_type=chosen, headers={"Vary": "Accept"})


@router.post("/validate", summary="Validate a delivery against one or more profiles")
async def validate_delivery(
    request: Request,
    settings: SettingsDep,
    work: WorkDep,
    profiles: ProfilesDep,
    store: StoreDep,
    profile: Annotated[list[str], Query(description="Profile id; repeat for several")] = [],  # noqa: B006
    lang: str = "en",
    severity: Annotated[str, Query(description="Minimum severity reported: Info, Warning or Violation")] = "Info",
    max_results: Annotated[int | None, Query(ge=0)] = None,
    inference: str = "none",
    engine: Annotated[
        str | None,
        Query(
            description="SHACL engine: pyshacl (the reference) or shacl-rust; by default the compiled one, "
            "except for profiles GET /profiles says run on pySHACL"
        ),
    ] = None,
    format: str | None = None,
    context: Annotated[
        str | None,
        Query(
            description="IRI of a named graph of this server's store (a city's graph, e.g. "
            "https://w3id.org/cityref/graph/city/exampleton): the delivery is checked together with it, read-only, "
            "and results are reported for the delivery's own nodes only"
        ),
    ] = None,
) -> Response:
    renderer, media_type = _choose_renderer(request.headers.get("accept"), format)
    context_graph = _context_graph(context, settings)
    content_type = request.headers.get("content-type", "")
    is_multipart = media.bare_type(content_type) == "multipart/form-data"
    if not is_multipart:
        format_for(content_type or "text/turtle")  # 415 before reading the body
    if context_graph is not None:
        # 404 for a graph the store does not hold (and 422 for one too large), before the body is read
        await run_in_threadpool(_context_size, store, context_graph, settings)
    directory = Path(tempfile.mkdtemp(prefix="cityref-validate-"))
    handed_over = False
    try:
        job = await _job(request, settings, directory, is_multipart, content_type, profiles, profile, lang)
        job = replace(
            job,
            renderer=renderer,
            min_severity=check_severity(severity),
            max_results=max_results,
            inference=_inference(inference),
            engine=_engine(engine),
            context_files=((str(directory / "context.nt"), NTRIPLES, None),) if context_graph is not None else (),
            context_name=context_graph,
            conflict_severity=settings.validation_context_conflict_severity,
        )
        if _wants_async(request):
            handed_over = True  # the job's end removes the directory
            return await _submit(request, settings, work, store, job, media_type, directory)
        result = await work.validation.run(
            settings.validation_timeout_s, lambda remaining: _run(work, store, settings, job, remaining)
        )
    finally:
        if not handed_over:
            shutil.rmtree(directory, ignore_errors=True)
    headers = {"Vary": "Accept", "X-Conforms": str(result.conforms).lower()}
    if result.truncated:
        headers["X-Truncated"] = "true"
    return Response(result.body, media_type=media_type, headers=headers)


def _wants_async(request: Request) -> bool:
    """``Prefer: respond-async`` (RFC 7240), among other preferences or alone."""
    preferences = ",".join(request.headers.getlist("prefer")).lower()
    return any(p.split(";")[0].strip() == "respond-async" for p in preferences.split(","))


def _context_graph(context: str | None, settings: Settings) -> str | None:
    """The context graph's IRI, checked as every graph IRI is; 403 when the server does not allow contexts."""
    if context is None:
        return None
    if not settings.allow_validation_context:
        raise Forbidden("Validation in the context of a graph is disabled on this server (allow_validation_context)")
    try:
        return check_graph_iri(context)
    except ValueError:
        raise BadRequest(f"context must be the absolute IRI of a named graph, not {context!r}") from None


def _context_size(store: Store, graph: str, settings: Settings) -> int:
    """The context graph's size: 404 naming it when the store does not hold it, 422 above the limits."""
    size = store.graph_size(graph)
    if size is None:
        # the embedded store knows its graphs at no cost; a remote one would have to count the whole store
        known = sorted(g.iri for g in store.graphs() if g.iri is not None) if store.kind == "embedded" else None
        detail = f"The store holds no graph <{graph}> to validate against (context)"
        if known is None:
            raise NotFound(detail, graph=graph)
        raise NotFound(detail, graph=graph, known=known)
    _check_context_size(graph, size, settings)
    return size


def _check_context_size(graph: str, size: int, settings: Settings) -> None:
    if size > settings.validation_context_max_triples:
        raise LimitExceeded(
            f"The graph <{graph}> holds {size} triples, more than the {settings.validation_context_max_triples} a "
            "validation may use as its context (validation_context_max_triples)",
            limit="validation_context_max_triples",
        )
    if size > settings.max_triples:
        raise LimitExceeded(
            f"The graph <{graph}> holds {size} triples, more than the {settings.max_triples} a validation may read "
            "with the delivery (max_triples)",
            limit="max_triples",
        )


def _run(work: Work, store: Store, settings: Settings, job: ValidationJob, remaining: float) -> RenderedReport:
    """Write the context graph out of the store into the job's folder (read-only, from the store's own reads:
    nothing is fetched), then validate in a worker. Runs behind the validation gate, so at most
    ``validation_workers`` graphs are written out at once."""
    if job.context_files and job.context_name is not None:
        cap = min(settings.validation_context_max_triples, settings.max_triples)
        written = store.export_graph(job.context_name, Path(job.context_files[0][0]), max_triples=cap)
        if written is None:  # removed since the request was checked
            raise NotFound(f"The store holds no graph <{job.context_name}> to validate against (context)")
    return run_in_pool(work.validators, job, remaining)


async def _submit(
    request: Request,
    settings: Settings,
    work: Work,
    store: Store,
    job: ValidationJob,
    media_type: str,
    directory: Path,
) -> Response:
    async def run(started: Callable[[], None]) -> tuple[bytes, bool, bool]:
        def in_worker(remaining: float) -> RenderedReport:
            started()
            return _run(work, store, settings, job, remaining)

        result = await work.validation.run(settings.validation_timeout_s, in_worker)
        return result.body, result.conforms, result.truncated

    try:
        submitted = await work.jobs.submit(
            media_type, job.profiles, run, lambda: shutil.rmtree(directory, ignore_errors=True)
        )
    except Exception:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    status = submitted.status(settings.public_base_url())
    headers = {"Location": status["statusUrl"], "Preference-Applied": "respond-async", "Retry-After": "1"}
    return JSONResponse(status, status_code=202, headers=headers)


@router.get(
    "/validate/jobs/{job_id}", summary="A background validation's status (POST /validate, Prefer: respond-async)"
)
def job_status(job_id: str, settings: SettingsDep, work: WorkDep) -> JSONResponse:
    job = work.jobs.get(job_id)
    headers = {} if job.state in ("done", "failed") else {"Retry-After": "1"}
    return JSONResponse(job.status(settings.public_base_url()), headers={"Cache-Control": "no-store", **headers})


@router.get("/validate/jobs/{job_id}/report", summary="A finished background validation's report, or its problem")
def job_report(job_id: str, work: WorkDep) -> Response:
    job = work.jobs.get(job_id)
    if job.state == "failed":
        assert job.problem is not None
        return JSONResponse(job.problem, status_code=job.problem_status or 500, media_type="application/problem+json")
    if job.state != "done" or job.report is None:
        raise NotReady(f"Validation job {job_id!r} is {job.state}; poll its status URL", headers={"Retry-After": "1"})
    headers = {"Vary": "Accept", "X-Conforms": str(job.conforms).lower(), "Cache-Control": "no-store"}
    if job.truncated:
        headers["X-Truncated"] = "true"
    return Response(job.report.read_bytes(), media_type=job.media_type, headers=headers)


def _inference(value: str) -> str:
    if value not in ("none", "rdfs"):
        raise BadRequest(f"Unknown inference {value!r}; use 'none' or 'rdfs'")
    return value


def _engine(value: str | None) -> str | None:
    if value not in (None, *ENGINES):
        raise BadRequest(f"Unknown engine {value!r}", known=list(ENGINES))
    return value


async def _job(
    request: Request,
    settings: Settings,
    directory: Path,
    is_multipart: bool,
    content_type: str,
    profiles: dict[str, Profile],
    wanted: list[str],
    lang: str,
) -> ValidationJob:
    """Spool the delivery (and any user shapes) to ``directory`` and describe the work for a validation worker;
    everything that can be refused without parsing the delivery is refused here, before the job queues."""
    body = directory / "body"
    size = await spool_limited(request, settings.max_body_bytes, body)
    shapes: str | None = None
    shapes_type: str | None = None
    if is_multipart:
        parts, fields = await spooled_multipart(
            request, body, directory, max_files=settings.max_upload_files, max_fields=settings.max_form_fields
        )
        files = []
        for field_name, path, part_type, filename in parts:
            if field_name == "file":
                format_for(part_type, filename)  # 415 early for a part we cannot read
                files.append((str(path), part_type, filename))
            elif field_name == "shapes" and filename:  # a browser sends an empty part for an empty file input
                if not settings.allow_user_shapes:
                    raise Forbidden("User-supplied shapes are disabled on this server (settings.allow_user_shapes)")
                shapes, shapes_type = str(path), format_for(part_type, filename).media_type
        for text in fields.get("file", []):
            path = directory / f"field-{len(files)}"
            path.write_text(text, encoding="utf-8")
            files.append((str(path), None, None))
        if fields.get("shapes") and fields["shapes"][0]:
            if not settings.allow_user_shapes:
                raise Forbidden("User-supplied shapes are disabled on this server (settings.allow_user_shapes)")
            path = directory / "shapes"
            path.write_text(fields["shapes"][0], encoding="utf-8")
            shapes = str(path)
        if not files:
            raise BadRequest("A multipart body needs at least one 'file' part")
        wanted = [*wanted, *fields.get("profile", [])]  # the upload page names profiles as form fields
        lang = next((v for v in fields.get("lang", []) if v), lang)
    else:
        files = [(str(body), content_type or None, None)]
    if all((Path(path).stat().st_size == 0) for path, _, _ in files) or (not is_multipart and size == 0):
        raise BadRequest("Empty delivery: the request carries no data to validate")
    if not wanted and shapes is None:
        raise BadRequest("Name at least one profile with ?profile=ID", known=sorted(profiles))
    select(profiles, wanted)  # 404 listing the known profiles, before the job queues
    language_chain(lang)
    return ValidationJob(
        files=tuple(files),
        profiles=tuple(wanted),
        renderer="json",
        lang=lang,
        shapes=shapes,
        shapes_type=shapes_type,
        max_triples=settings.max_triples,
        max_expansion=settings.max_body_bytes,
        profiles_dir=str(getattr(request.app.state, "profiles_dir", None) or resources.shapes_dir()),
    )


def _choose_renderer(accept: str | None, format: str | None) -> tuple[str, str]:
    """The report format and the media type to label it with (``application/xml`` stays so when asked)."""
    if format:
        if format not in RENDERERS:
            raise NotAcceptable(f"Unknown report format {format!r}", known=sorted(RENDERERS))
        return format, RENDERERS[format][0]
    chosen = media.choose(accept, media.REPORT_FORMATS)
    if chosen is None:
        offers = [mt for f in media.REPORT_FORMATS for mt in (f.media_type, *f.aliases)]
        raise NotAcceptable("None of the accepted media types can be served", offers=offers)
    return chosen[0].name, chosen[1]
