"""``/cities``: the city graphs the store holds, for clients (JSON) and for people (HTML by Accept).

Each city's own pages hang under ``/cities/{id}``. :func:`read_city` runs a page's queries in one slot of the query
gate with one budget, as one query would run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from cityref import media, templates
from cityref.api.deps import SettingsDep, StoreDep, WorkDep
from cityref.api.gates import Work
from cityref.api.ui import VARY, reader
from cityref.cities import Reader, find_city, list_cities, store_reader
from cityref.errors import NotAcceptable
from cityref.i18n_strings import N_
from cityref.pictures import CITY_PICTURES
from cityref.settings import Settings
from cityref.sparql import service as sparql
from cityref.store import Store

router = APIRouter(tags=["cities"])

T = TypeVar("T")

_OFFERS = (media.Format("json", "application/json", "json"), media.Format("html", media.HTML, "html"))


async def read_city(settings: Settings, store: Store, work: Work, compute: Callable[[Reader], T]) -> T:
    """``compute(read)`` in one query slot, every query it reads sharing the server's query budget."""
    budget = sparql.effective_timeout(settings, None)

    def run(remaining: float) -> T:
        return compute(store_reader(store, settings, budget_s=remaining, syntax=work.sparql.check))

    return await work.query.run(budget, run)


def wants_page(request: Request) -> bool:
    """Whether the client prefers HTML to JSON (ties, and no Accept at all, go to JSON); ``?format=`` wins."""
    name = request.query_params.get("format")
    if name:
        return name == "html"
    chosen = media.choose(request.headers.get("accept"), _OFFERS)
    return chosen is not None and chosen[0].name == "html" and "html" in (request.headers.get("accept") or "")


TABLE_OFFERS = (
    media.Format("json", "application/json", "json"),
    media.Format("csv", "text/csv", "csv"),
    media.Format("html", media.HTML, "html"),
)
"""What a city page made of rows answers in: JSON for clients, CSV for spreadsheets, HTML for people."""


def choose_format(
    request: Request,
    offers: tuple[media.Format, ...],
    *,
    html_by_name: bool = False,
) -> str:
    """The short name of the format a city page answers in: ``?format=`` wins, then Accept (ties go to the first
    offer). A name not offered, or no acceptable offer, is a 406 listing the offers, as everywhere else in the
    service. ``html_by_name``: a wildcard never reaches HTML, only an Accept that names it (as browsers send), so
    that ``*/*`` clients get the first offer."""
    names = [o.name for o in offers]
    name = request.query_params.get("format")
    if name:
        if name not in names:
            raise NotAcceptable(f"Unknown format {name!r}", known=names)
        return name
    accept = request.headers.get("accept")
    chosen = media.choose(accept, offers)
    if chosen is None:
        raise NotAcceptable("None of the accepted media types is offered", known=[o.media_type for o in offers])
    if html_by_name and chosen[0].name == "html" and "html" not in (accept or ""):
        return names[0]
    return chosen[0].name


@router.get(
    "/cities",
    summary="The cities whose data the store holds (JSON, or HTML for browsers)",
    responses={200: {"content": {"application/json": {}, "text/html": {}}}},
)
async def cities(request: Request, settings: SettingsDep, store: StoreDep, work: WorkDep) -> Response:
    ui = reader(request.scope, "cities")
    found = await read_city(settings, store, work, lambda read: list_cities(read, ui.lang))
    if wants_page(request):
        page = templates.render("cities.html", ui.lang, ui=ui, cities=found)
        return HTMLResponse(page, headers={"Vary": VARY, "Content-Language": ui.lang})
    base = settings.public_base_url()
    body: dict[str, Any] = {"cities": [{**c.to_json(), "href": f"{base}/cities/{c.id}"} for c in found]}
    return JSONResponse(body, headers={"Vary": VARY})


CITY_PAGES: tuple[tuple[str, str], ...] = (
    ("assessment", N_("Practice adoption assessment")),
    ("gaps", N_("Gaps and what to do next")),
    ("benefits", N_("Benefit tracking")),
    ("report", N_("City report")),
)
"""(path under ``/cities/{id}/``, English title) of each page a city has; features add theirs here."""


@router.get(
    "/cities/{ident}",
    summary="One city: its graph, its resource, its name, its pages and pictures (JSON, or a dashboard for browsers)",
    responses={200: {"content": {"application/json": {}, "text/html": {}}}, 404: {}},
)
async def city(ident: str, request: Request, settings: SettingsDep, store: StoreDep, work: WorkDep) -> Response:
    ui = reader(request.scope, "cities")
    if wants_page(request):
        from cityref.api.city_pictures import dashboard  # the dashboard module builds on this one

        return await dashboard(ident, ui, settings, store, work)
    found = await read_city(settings, store, work, lambda read: find_city(read, ident, ui.lang))
    base = f"{settings.public_base_url()}/cities/{found.id}"
    body: dict[str, Any] = {**found.to_json(), "pages": {path: f"{base}/{path}" for path, _ in CITY_PAGES}}
    body["pictures"] = {
        name: {"svg": f"{base}/pictures/{name}.svg", "csv": f"{base}/pictures/{name}.csv"} for name in CITY_PICTURES
    }
    return JSONResponse(body, headers={"Vary": VARY})
