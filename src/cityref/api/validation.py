"""``/profiles`` and ``/validate``: the SHACL profiles, and checking a delivery against them.

The body is read as a stream and counted, so a client that lies about (or omits) Content-Length still meets the
limit; the validation itself runs in a worker thread that waits on a worker process with a time budget.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from cityref import media
from cityref.api.body import read_limited
from cityref.api.deps import ProfilesDep, SettingsDep
from cityref.errors import BadRequest, Forbidden, NotAcceptable, NotFound
from cityref.validation import RENDERERS, validate
from cityref.validation.parse import Part, format_for

router = APIRouter(tags=["validation"])

_OFFERS = {
    "application/json": "json",
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "text/csv": "csv",
    "application/junit+xml": "junit",
    "application/xml": "junit",
    "text/xml": "junit",
    "text/html": "html",
    "text/plain": "text",
}


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


@dataclass
class _Upload:
    """What a multipart body carries: delivery files, optional user shapes, and form fields the upload page sends."""

    parts: list[Part]
    shapes: bytes | None = None
    shapes_type: str | None = None
    profiles: list[str] = field(default_factory=list)
    lang: str | None = None


async def _multipart(request: Request, body: bytes, allow_shapes: bool) -> _Upload:
    async def replay() -> AsyncGenerator[bytes, None]:
        yield body

    try:
        form = await MultiPartParser(request.headers, replay(), max_files=100, max_fields=100).parse()
    except MultiPartException as error:
        raise BadRequest(f"Malformed multipart body: {error.message}") from None
    try:
        return await _form_parts(form, allow_shapes)
    finally:
        await form.close()  # spooled upload files


async def _form_parts(form: FormData, allow_shapes: bool) -> _Upload:
    parts: list[Part] = []
    for item in form.getlist("file"):
        if isinstance(item, UploadFile):
            content_type = item.content_type
            format_for(content_type, item.filename)  # 415 early for a part we cannot read
            parts.append((item.filename, await item.read(), content_type))
        else:
            parts.append((None, item.encode("utf-8"), None))
    if not parts:
        raise BadRequest("A multipart body needs at least one 'file' part")
    lang = form.get("lang")
    upload = _Upload(
        parts,
        profiles=[value for value in form.getlist("profile") if isinstance(value, str)],
        lang=lang if isinstance(lang, str) and lang else None,
    )
    shapes = form.get("shapes")
    if shapes is None or (isinstance(shapes, UploadFile) and not shapes.filename):
        return upload  # a browser sends an empty part for an empty file input
    if not allow_shapes:
        raise Forbidden("User-supplied shapes are disabled on this server (settings.allow_user_shapes)")
    if isinstance(shapes, UploadFile):
        upload.shapes_type = format_for(shapes.content_type, shapes.filename).media_type
        upload.shapes = await shapes.read()
    else:
        upload.shapes = shapes.encode("utf-8")
    return upload


@router.post("/validate", summary="Validate a delivery against one or more profiles")
async def validate_delivery(
    request: Request,
    settings: SettingsDep,
    profile: Annotated[list[str], Query(description="Profile id; repeat for several")] = [],  # noqa: B006
    lang: str = "en",
    severity: Annotated[str, Query(description="Minimum severity reported: Info, Warning or Violation")] = "Info",
    max_results: Annotated[int | None, Query(ge=0)] = None,
    inference: str = "none",
    format: str | None = None,
) -> Response:
    renderer, media_type = _choose_renderer(request.headers.get("accept"), format)
    content_type = request.headers.get("content-type", "")
    is_multipart = media.bare_type(content_type) == "multipart/form-data"
    if not is_multipart:
        format_for(content_type or "text/turtle")  # 415 before reading the body
    body = await read_limited(request, settings.max_body_bytes)
    if is_multipart:
        upload = await _multipart(request, body, settings.allow_user_shapes)
        profile = [*profile, *upload.profiles]  # the upload page names profiles as form fields
        lang = upload.lang or lang
        parts, shapes, shapes_type = upload.parts, upload.shapes, upload.shapes_type
    else:
        parts, shapes, shapes_type = [(None, body, content_type or None)], None, None
    if not profile and shapes is None:
        raise BadRequest("Name at least one profile with ?profile=ID", known=sorted(request.app.state.profiles))
    report = await run_in_threadpool(
        validate,
        parts,
        profile,
        inference=inference,  # type: ignore[arg-type]
        lang=lang,
        shapes=shapes,
        shapes_content_type=shapes_type,
        min_severity=severity,
        max_results=max_results,
        max_triples=settings.max_triples,
        timeout_s=settings.validation_timeout_s,
        profiles_dir=getattr(request.app.state, "profiles_dir", None),
        ontology=request.app.state.ontology,
    )
    render = RENDERERS[renderer][1]
    headers = {"Vary": "Accept", "X-Conforms": str(report.conforms).lower()}
    if report.truncated:
        headers["X-Truncated"] = "true"
    return Response(render(report), media_type=media_type, headers=headers)


def _choose_renderer(accept: str | None, format: str | None) -> tuple[str, str]:
    """The report format and the media type to label it with (``application/xml`` stays so when asked)."""
    if format:
        if format not in RENDERERS:
            raise NotAcceptable(f"Unknown report format {format!r}", known=sorted(RENDERERS))
        return format, RENDERERS[format][0]
    chosen = media.negotiate(accept, list(_OFFERS))
    if chosen is None:
        raise NotAcceptable("None of the accepted media types can be served", offers=list(_OFFERS))
    return _OFFERS[chosen], chosen
