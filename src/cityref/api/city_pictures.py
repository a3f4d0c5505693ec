"""A city's dashboard for browsers (the HTML answer of ``GET /cities/{id}``) and the downloads of its pictures:
``/cities/{id}/pictures/{name}.svg`` (the picture alone) and ``.../{name}.csv`` (its data)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from cityref import templates
from cityref.api.cities import CITY_PAGES, read_city
from cityref.api.deps import SettingsDep, StoreDep, WorkDep
from cityref.api.model_page import CSV, SVG, headers
from cityref.api.ui import UI, reader
from cityref.cities import Reader, find_city
from cityref.errors import NotFound
from cityref.pictures import CITY_PICTURES, city_picture, city_pictures, standalone
from cityref.pictures.common import Picture, translator

router = APIRouter(tags=["pictures"])


async def dashboard(ident: str, ui: UI, settings: SettingsDep, store: StoreDep, work: WorkDep) -> HTMLResponse:
    """The page of city ``ident``: its four pictures, each with its text alternative and downloads."""

    def compute(read: Reader) -> tuple[object, list[Picture]]:
        city = find_city(read, ident, ui.lang)
        most = settings.picture_matrix_max_parties
        return city, city_pictures(read, city, ui.lang, translator(ui.lang), max_parties=most)

    city, pictures = await read_city(settings, store, work, compute)
    shown = [(p, Markup(p.svg)) for p in pictures]
    page = templates.render("city.html", ui.lang, ui=ui, city=city, pages=CITY_PAGES, pictures=shown)
    return HTMLResponse(page, headers=headers(ui))


async def _one(ident: str, name: str, ui: UI, settings: SettingsDep, store: StoreDep, work: WorkDep) -> Picture:
    if name not in CITY_PICTURES:
        raise NotFound(f"A city has no picture {name!r}", known=list(CITY_PICTURES))

    def compute(read: Reader) -> Picture:
        city = find_city(read, ident, ui.lang)
        return city_picture(
            read, city, name, ui.lang, translator(ui.lang), max_parties=settings.picture_matrix_max_parties
        )

    return await read_city(settings, store, work, compute)


@router.get(
    "/cities/{ident}/pictures/{name}.svg",
    summary="One picture of a city (maturity-radar, benefit-map, interoperability-matrix, risk-heat-map) as SVG",
    responses={200: {"content": {SVG: {}}}, 404: {}},
)
async def picture_svg(
    ident: str, name: str, request: Request, settings: SettingsDep, store: StoreDep, work: WorkDep
) -> Response:
    ui = reader(request.scope, "cities")
    picture = await _one(ident, name, ui, settings, store, work)
    return Response(standalone(picture.svg), media_type=SVG, headers=headers(ui, f"{ident}-{name}.svg", inline=True))


@router.get(
    "/cities/{ident}/pictures/{name}.csv",
    summary="The data of one picture of a city, as CSV",
    responses={200: {"content": {"text/csv": {}}}, 404: {}},
)
async def picture_csv(
    ident: str, name: str, request: Request, settings: SettingsDep, store: StoreDep, work: WorkDep
) -> Response:
    ui = reader(request.scope, "cities")
    picture = await _one(ident, name, ui, settings, store, work)
    return Response(picture.table.to_csv(), media_type=CSV, headers=headers(ui, f"{ident}-{name}.csv"))
