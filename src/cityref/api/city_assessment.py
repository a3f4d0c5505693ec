"""``/cities/{id}/assessment`` and ``/cities/{id}/gaps``: where a city stands on each practice, and what the model
says it should do next. JSON for clients, CSV for spreadsheets, HTML for people (by Accept, or ``?format=``);
``?assessment=IRI`` or ``?date=YYYY-MM-DD`` chooses an assessment other than the latest."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from cityref import templates
from cityref.api.cities import TABLE_OFFERS, choose_format, read_city
from cityref.api.deps import SettingsDep, StoreDep, WorkDep
from cityref.api.ui import UI, VARY, reader
from cityref.cities import Assessment, City, Gap, Reader, assessments, choose_assessment, find_city, gaps_in
from cityref.cities.assessment import NO_ASSESSMENT
from cityref.cities.export import gaps_csv, records_csv
from cityref.errors import NotFound

router = APIRouter(tags=["cities"])

_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {}, "text/csv": {}, "text/html": {}}},
    400: {},
    404: {},
    406: {},
}
AssessmentParam = Query(None, description="The IRI of the assessment to read (default: the latest)")
DateParam = Query(None, description="The day of the assessment to read, YYYY-MM-DD (default: the latest)")


def chosen_format(request: Request) -> str:
    """``?format=`` when given (an unknown name is a 400), else the Accept header; HTML only when asked for by name
    (as browsers do)."""
    return choose_format(request, TABLE_OFFERS, html_by_name=True)


def _read(ident: str, lang: str, assessment: str | None, date: str | None, with_gaps: bool) -> Any:
    """The city, its assessments, the one asked for and (``with_gaps``) its gaps; the chosen one is ``None`` when
    the city has none at all and none was named, the case the pages show as a first step rather than an error."""

    def compute(read: Reader) -> tuple[City, list[Assessment], Assessment | None, list[Gap]]:
        city = find_city(read, ident, lang)
        found = assessments(read, city, lang)
        if not found and assessment is None and date is None:
            return city, found, None, []
        chosen = choose_assessment(found, assessment, date)
        return city, found, chosen, gaps_in(read, city, chosen, lang) if with_gaps else []

    return compute


def _none_yet(fmt: str, ui: UI, city: City, template: str) -> Response:
    """A city with no assessment at all: for people, the page itself saying how to add one (the city's dashboard
    links here); for programs, a 404 as before, since there are no records and no gaps to give."""
    if fmt != "html":
        raise NotFound(NO_ASSESSMENT, known=[])
    page = templates.render(template, ui.lang, ui=ui, city=city, found=[], chosen=None, gaps=[])
    return HTMLResponse(page, headers={"Vary": VARY, "Content-Language": ui.lang})


def _filename(city: City, chosen: Assessment, what: str) -> dict[str, str]:
    safe = "".join(c for c in f"{city.id}-{what}-{chosen.day}" if c.isalnum() or c in "-_")
    return {"Content-Disposition": f'inline; filename="{safe}.csv"', "Vary": VARY}


@router.get(
    "/cities/{ident}/assessment",
    summary="A city's practice adoption assessments, and the records of one (JSON, CSV or HTML)",
    responses=_RESPONSES,
)
async def city_assessment(
    ident: str,
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    work: WorkDep,
    assessment: str | None = AssessmentParam,
    date: str | None = DateParam,
) -> Response:
    ui = reader(request.scope, "cities")
    fmt = chosen_format(request)
    city, found, chosen, _ = await read_city(settings, store, work, _read(ident, ui.lang, assessment, date, False))
    if chosen is None:
        return _none_yet(fmt, ui, city, "city_assessment.html")
    base = settings.public_base_url()
    if fmt == "html":
        page = templates.render("city_assessment.html", ui.lang, ui=ui, city=city, found=found, chosen=chosen)
        return HTMLResponse(page, headers={"Vary": VARY, "Content-Language": ui.lang})
    if fmt == "csv":
        headers = _filename(city, chosen, "assessment")
        return Response(records_csv(chosen), media_type="text/csv; charset=utf-8", headers=headers)
    here = f"{base}/cities/{city.id}/assessment"
    body = {
        "city": city.to_json(),
        "assessments": [{**a.summary(), "href": f"{here}?date={a.day}"} for a in found],
        "chosen": chosen.to_json(base),
        "gaps": f"{base}/cities/{city.id}/gaps?date={chosen.day}",
    }
    return JSONResponse(body, headers={"Vary": VARY})


@router.get(
    "/cities/{ident}/gaps",
    summary="The gaps the model's rules find in a city's practice adoption, with their reasons (JSON, CSV or HTML)",
    responses=_RESPONSES,
)
async def city_gaps(
    ident: str,
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    work: WorkDep,
    assessment: str | None = AssessmentParam,
    date: str | None = DateParam,
) -> Response:
    ui = reader(request.scope, "cities")
    fmt = chosen_format(request)
    city, found, chosen, gaps = await read_city(settings, store, work, _read(ident, ui.lang, assessment, date, True))
    if chosen is None:
        return _none_yet(fmt, ui, city, "city_gaps.html")
    base = settings.public_base_url()
    if fmt == "html":
        page = templates.render("city_gaps.html", ui.lang, ui=ui, city=city, found=found, chosen=chosen, gaps=gaps)
        return HTMLResponse(page, headers={"Vary": VARY, "Content-Language": ui.lang})
    if fmt == "csv":
        headers = _filename(city, chosen, "gaps")
        return Response(gaps_csv(gaps, base), media_type="text/csv; charset=utf-8", headers=headers)
    body = {
        "city": city.to_json(),
        "assessment": {**chosen.summary(), "href": f"{base}/cities/{city.id}/assessment?date={chosen.day}"},
        "assessments": [a.summary() for a in found],
        "count": len(gaps),
        "gaps": [g.to_json(base) for g in gaps],
    }
    return JSONResponse(body, headers={"Vary": VARY})
