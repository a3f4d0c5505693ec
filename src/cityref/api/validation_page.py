"""The validation workbench for people: ``GET /validate`` (the form), ``POST /validate/runs`` (validate what the
form holds), ``GET /validate/runs/{id}`` (the report in the page) and ``GET /validate/runs/{id}/report`` (the
report downloaded in any format the API renders).

It runs exactly the validation ``POST /validate`` runs (same limits, same gate, same workers), which stays the
interface for programs. What differs is for people: errors are shown in the form beside the input they concern
(a syntax error with its line and column, a body too large, a format we cannot read) with the reader's text kept;
a successful validation answers 303 to the report's own page (reloading it does not validate again); the input is
kept on the server for the run's lifetime (:mod:`cityref.api.workbench_runs`), so "validate again" and every
download reuse it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from cityref import i18n, resources, templates
from cityref.api import workbench_report as view
from cityref.api.deps import ProfilesDep, SettingsDep, StoreDep, WorkDep
from cityref.api.gates import Work
from cityref.api.ui import UI, VARY, reader
from cityref.api.validation import _context_graph, _context_size, _run
from cityref.api.workbench_input import PASTE_FORMATS, Draft, FormProblem, draft_of, read_form
from cityref.api.workbench_runs import Run
from cityref.cities.registry import CITY_GRAPH_BASE
from cityref.errors import CityrefError, NotAcceptable
from cityref.ontology.model import LANGUAGES
from cityref.settings import Settings
from cityref.store import Store
from cityref.store.base import NTRIPLES
from cityref.validation import RENDERERS, Profile, ValidationJob
from cityref.validation.profiles import select
from cityref.validation.report import check_severity
from cityref.validation.worker import RenderedReport

router = APIRouter(tags=["validation"])


def _city_graphs(store: Store, settings: Settings) -> list[str] | None:
    """The city graphs a delivery may be checked against; ``None`` when contexts are off (no field at all), an
    empty list when the store cannot list them cheaply (then the field takes an IRI)."""
    if not settings.allow_validation_context:
        return None
    if store.kind != "embedded":
        return []
    return sorted(g.iri for g in store.graphs() if g.iri is not None and g.iri.startswith(CITY_GRAPH_BASE))


async def _form_page(
    request: Request,
    settings: Settings,
    store: Store,
    profiles: dict[str, Profile],
    draft: Draft,
    *,
    kept: Run | None = None,
    problem: dict[str, object] | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    ui = reader(request.scope, "validate", keep_as_code=True)
    page = templates.render(
        "validate.html",
        ui.lang,
        ui=ui,
        draft=draft,
        kept=kept,
        problem=problem,
        profiles=[p.summary(ui.lang) for p in profiles.values()],
        languages=[(code, i18n.LANGUAGE_NAMES[code]) for code in LANGUAGES],
        formats=PASTE_FORMATS,
        url_input=bool(settings.validation_url_hosts),
        url_hosts=settings.validation_url_hosts,
        contexts=await run_in_threadpool(_city_graphs, store, settings),
        max_mb=round(settings.max_body_bytes / 1_000_000),
        max_bytes=settings.max_body_bytes,
    )
    return HTMLResponse(
        page, status_code=status, headers={**(headers or {}), "Vary": VARY, "Content-Language": ui.lang}
    )


@router.get(
    "/validate",
    summary="The validation page: paste, drop or name a delivery, choose profiles",
    response_class=HTMLResponse,
)
async def upload_page(
    request: Request,
    profiles: ProfilesDep,
    settings: SettingsDep,
    store: StoreDep,
    work: WorkDep,
    again: Annotated[str | None, Query(description="A kept validation whose input fills the form")] = None,
    profile: Annotated[list[str] | None, Query(description="Profiles to tick on the empty form (repeatable)")] = None,
) -> HTMLResponse:
    ui = reader(request.scope, "validate", keep_as_code=True)
    if again:
        run = work.runs.get(again)
        return await _form_page(request, settings, store, profiles, draft_of(run), kept=run)
    ticked = [p.id for p in select(profiles, profile or [])]  # an unknown id is a 404 naming the known ones
    return await _form_page(request, settings, store, profiles, Draft(profiles=ticked, lang=ui.lang))


def _job(
    run: Run, settings: Settings, request: Request, renderer: str, severity: str = "Info", for_page: bool = False
) -> ValidationJob:
    """The validation of a run's input: for its page (JSON, focus nodes named, at most the page's results), or for
    a download (the format asked for, every result at or above ``severity``)."""
    profiles_dir = getattr(request.app.state, "profiles_dir", None) or resources.shapes_dir()
    return ValidationJob(
        files=tuple(run.files),
        profiles=tuple(run.profiles),
        renderer=renderer,
        lang=run.lang,
        min_severity=check_severity(severity),
        max_triples=settings.max_triples,
        max_expansion=settings.max_body_bytes,
        profiles_dir=str(profiles_dir),
        focus_labels=for_page,
        max_results=settings.validation_page_max_results if for_page else None,
    )


async def _validate(work: Work, store: Store, settings: Settings, run: Run, job: ValidationJob) -> RenderedReport:
    """One validation of a run's input, with its context graph written out of the store (as ``POST /validate``
    does) into a folder of its own, removed afterwards."""
    graph = _context_graph(run.context, settings)
    folder = Path(tempfile.mkdtemp(prefix="cityref-page-context-"))
    try:
        if graph is not None:
            await run_in_threadpool(_context_size, store, graph, settings)
            job = replace(
                job,
                context_files=((str(folder / "context.nt"), NTRIPLES, None),),
                context_name=graph,
                conflict_severity=settings.validation_context_conflict_severity,
            )
        return await work.validation.run(
            settings.validation_timeout_s, lambda remaining: _run(work, store, settings, job, remaining)
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@router.post("/validate/runs", summary="Validate what the validation page's form holds (303 to the report)")
async def validate_form(
    request: Request, settings: SettingsDep, work: WorkDep, profiles: ProfilesDep, store: StoreDep
) -> Response:
    ui = reader(request.scope, "validate", keep_as_code=True)
    try:
        run = await read_form(request, settings, work.runs, profiles, ui.lang)
    except FormProblem as failed:
        return await _problem_page(request, settings, store, profiles, failed.error, failed.draft, work)
    try:
        result = await _validate(work, store, settings, run, _job(run, settings, request, "json", for_page=True))
    except CityrefError as error:
        shutil.rmtree(run.folder, ignore_errors=True)
        draft = draft_of(run)
        draft.again = ""
        draft.error_at = _where(error, run)
        return await _problem_page(request, settings, store, profiles, error, draft, work)
    run.report = json.loads(result.body)
    run.labels = dict(result.labels)
    work.runs.add(run)
    return RedirectResponse(ui.url(f"/validate/runs/{run.id}"), status_code=303)


def _where(error: CityrefError, run: Run) -> str | None:
    """The input a validation error concerns, from the file it names (or the only input there was)."""
    name = str(error.extra.get("file") or "")
    if name:
        return run.source_of(name)
    return run.sources[0] if len(set(run.sources)) == 1 else None


async def _problem_page(
    request: Request,
    settings: Settings,
    store: Store,
    profiles: dict[str, Profile],
    error: CityrefError,
    draft: Draft,
    work: Work,
) -> HTMLResponse:
    kept = work.runs.runs.get(draft.again) if draft.again else None
    if draft.error_at == "url" and not settings.validation_url_hosts:
        draft.error_at = None  # the form has no URL field: the message goes above it
    problem = error.to_problem(request.url.path)
    return await _form_page(
        request,
        settings,
        store,
        profiles,
        draft,
        kept=kept,
        problem=problem,
        status=error.status,
        headers=error.headers,
    )


def _report_page(ui: UI, run: Run, settings: Settings) -> str:
    found = view.groups(run.report, run.labels)
    return templates.render(
        "workbench_report.html",
        ui.lang,
        ui=ui,
        run=run,
        report=run.report,
        groups=found,
        counts=view.severity_counts(run.report),
        shapes=view.shapes_of(found),
        result_profiles=view.profiles_of(found),
        downloads=[(name, view.FORMAT_NAMES[name]) for name, _ in view.DOWNLOADS],
        kept_minutes=round(settings.validation_page_run_ttl_s / 60),
        total=sum(len(g.rows) for g in found),
    )


@router.get("/validate/runs/{run_id}", summary="A validation made on the page: the report", response_class=HTMLResponse)
def run_page(run_id: str, request: Request, work: WorkDep, settings: SettingsDep) -> HTMLResponse:
    ui = reader(request.scope, "validate", keep_as_code=True)
    run = work.runs.get(run_id)
    headers = {
        "Vary": VARY,
        "Content-Language": ui.lang,
        "Cache-Control": "no-store",
        "X-Conforms": str(run.report.get("conforms", False)).lower(),
    }
    return HTMLResponse(_report_page(ui, run, settings), headers=headers)


@router.get("/validate/runs/{run_id}/report", summary="A validation made on the page, downloaded in one format")
async def run_report(
    run_id: str,
    request: Request,
    work: WorkDep,
    settings: SettingsDep,
    store: StoreDep,
    format: Annotated[str, Query(description="Report format: " + ", ".join(RENDERERS))] = "json",
    severity: Annotated[str, Query(description="Minimum severity reported: Info, Warning or Violation")] = "Info",
) -> Response:
    run = work.runs.get(run_id)
    if format not in RENDERERS:
        raise NotAcceptable(f"Unknown report format {format!r}", known=sorted(RENDERERS))
    job = _job(run, settings, request, format, severity)
    result = await _validate(work, store, settings, run, job)
    extension = dict(view.DOWNLOADS)[format]
    media_type = RENDERERS[format][0]
    headers = {
        # the HTML report is a page to read: shown when opened, saved by the page's link (its download attribute)
        "Content-Disposition": f"{'inline' if format == 'html' else 'attachment'}; "
        f'filename="cityref-report-{run_id[:8]}.{extension}"',
        "X-Conforms": str(result.conforms).lower(),
        "Cache-Control": "no-store",
    }
    return Response(result.body, media_type=media_type, headers=headers)
