"""``/cities/{id}/report``: one report per city (maturity, practice adoption by component, top gaps, benefits at
risk, interoperability matrix), as a web page or as PDF (``?format=pdf`` or
``Accept: application/pdf``); ``?since=DATE`` adds what improved and what got worse since that day, ``?on=DATE``
sets the day the report describes (today by default).

The PDF is drawn by WeasyPrint from the same HTML, in a worker thread, at most ``report_pdf_concurrent`` at a time.
It needs no browser, only Pango (Debian's libpango-1.0-0 and libpangoft2-1.0-0) and a font. WeasyPrint is given
a fetcher that refuses every URL but ``data:``: the report's HTML is self-contained, and a URL found in a city's
data must never be fetched.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from cityref import i18n, media, templates
from cityref._version import VERSION
from cityref.api.benefits import parse_day, risk_texts, rules
from cityref.api.cities import choose_format, read_city
from cityref.api.deps import SettingsDep, StoreDep, WorkDep
from cityref.api.ui import VARY, reader
from cityref.cities import find_city
from cityref.cities.report import CHANGE_TEXTS, STATUS_WORDS, Change, CityReport, city_report
from cityref.cities.units import unit_symbol
from cityref.errors import BadRequest
from cityref.pictures import Picture, city_picture

router = APIRouter(tags=["cities"])

PICTURES = ("maturity-radar", "interoperability-matrix")
"""The pictures of :mod:`cityref.pictures` a report of today embeds, beside the tables that say the same in words."""

OFFERS = (media.Format("html", media.HTML, "html"), media.Format("pdf", "application/pdf", "pdf"))


def change_text(change: Change, lang: str) -> str:
    params = dict(change.params)
    if change.kind == "status":
        params = {k: i18n.gettext(lang, STATUS_WORDS[v]) for k, v in params.items()}
    return i18n.gettext(lang, CHANGE_TEXTS[change.kind]) % params


def render(name: str, lang: str, report: CityReport, **extra: Any) -> str:
    return templates.render(
        name,
        lang,
        report=report,
        lang=lang,
        unit_symbol=unit_symbol,
        risk_texts=lambda p: risk_texts(p, lang),
        change_text=lambda c: change_text(c, lang),
        **extra,
    )


def _refusing_fetcher() -> Any:
    """WeasyPrint's fetcher, made to refuse every URL but ``data:`` ones (content inside the page itself)."""
    from weasyprint.urls import URLFetcher

    class RefuseAll(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith("data:"):
                raise ValueError(f"cityref reports fetch nothing ({url[:60]!r} refused)")
            return super().fetch(url, headers)

    return RefuseAll(allowed_protocols=["data"], fail_on_errors=False)


def to_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML page."""
    import weasyprint  # imported on first use: it loads Pango, which the other routes do not need

    pdf: bytes = weasyprint.HTML(string=html, base_url=None, url_fetcher=_refusing_fetcher()).write_pdf()
    return pdf


def _pdf_gate(request: Request, limit: int) -> asyncio.Semaphore:
    gate: asyncio.Semaphore | None = getattr(request.app.state, "report_pdf_gate", None)
    if gate is None:
        gate = asyncio.Semaphore(limit)
        request.app.state.report_pdf_gate = gate
    return gate


@router.get(
    "/cities/{ident}/report",
    summary="One city's report: maturity, benefits at risk, interoperability matrix (HTML or PDF; ?since compares)",
    responses={200: {"content": {"text/html": {}, "application/pdf": {}}}, 404: {}, 400: {}},
)
async def report(
    ident: str,
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    work: WorkDep,
    on: str | None = Query(None, description="The day the report describes (YYYY-MM-DD; default today)"),
    since: str | None = Query(None, description="Compare with the state on this earlier day (YYYY-MM-DD)"),
) -> Response:
    ui = reader(request.scope, "cities")
    fmt = choose_format(request, OFFERS)
    day = parse_day(on, "on") or date.today()
    earlier = parse_day(since, "since")
    if earlier is not None and earlier >= day:
        raise BadRequest(f"since ({earlier.isoformat()}) must be before the report's day ({day.isoformat()})")
    model_version = request.app.state.ontology.version
    computed_at = datetime.now(UTC)

    def compute(read: Any) -> tuple[CityReport, dict[str, Picture]]:
        city = find_city(read, ident, ui.lang)
        # The pictures show the city's data as it is now: drawn for a report of today only, so that an earlier
        # report never pairs its tables with today's pictures.
        drawn = {name: city_picture(read, city, name, ui.lang) for name in PICTURES} if day == date.today() else {}
        return city_report(
            read, city, ui.lang, on=day, since=earlier, rules=rules(settings), model_version=model_version,
            software_version=VERSION, computed_at=computed_at,
        ), drawn  # fmt: skip

    found, pictures = await read_city(settings, store, work, compute)
    headers = {"Vary": VARY, "Content-Language": ui.lang}
    if fmt == "pdf":
        html = render("city_report_print.html", ui.lang, found, pictures=pictures, top_gaps=settings.report_top_gaps)
        async with _pdf_gate(request, settings.report_pdf_concurrent):
            pdf = await run_in_threadpool(to_pdf, html)
        name = f"{found.city.id}-report-{day.isoformat()}.pdf"
        return Response(
            pdf, media_type="application/pdf", headers=headers | {"Content-Disposition": f'inline; filename="{name}"'}
        )
    query = f"format=pdf&on={day.isoformat()}" + (f"&since={earlier.isoformat()}" if earlier else "")
    href = f"/cities/{found.city.id}/report?{query}"
    page = render(
        "city_report.html", ui.lang, found, ui=ui, pdf_href=href, pictures=pictures, top_gaps=settings.report_top_gaps
    )
    return HTMLResponse(page, headers=headers)
