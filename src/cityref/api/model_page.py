"""``/model``: the operating model as a picture, drawn on the server from the ontology in the reader's language,
with its text alternative (an outline of every part and a table of the linkages); ``/model.svg`` is the picture
alone and ``/model.csv`` the linkages as CSV."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from cityref import templates
from cityref.api.cities import read_city
from cityref.api.deps import SettingsDep, StoreDep, WorkDep
from cityref.api.ui import UI, VARY, reader
from cityref.pictures import operating_model_picture, read_operating_model
from cityref.pictures.common import CITYREF, TermLink, translator
from cityref.pictures.svg import standalone

router = APIRouter(tags=["pictures"])

SVG = "image/svg+xml"
CSV = "text/csv; charset=utf-8"


def term_link(ui: UI) -> TermLink:
    """A term's page on this server, keeping ``?lang``; an IRI outside the model's namespace is linked as is."""
    return lambda iri: ui.url("/def/" + iri.removeprefix(CITYREF)) if iri.startswith(CITYREF) else iri


def headers(ui: UI, filename: str | None = None, *, inline: bool = False) -> dict[str, str]:
    """A page's or download's headers; ``filename`` names a download (``inline``: shown in the browser when
    opened, saved under that name when downloaded, as a picture is)."""
    out = {"Vary": VARY, "Content-Language": ui.lang}
    if filename:
        out["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return out


@router.get(
    "/model",
    summary="The operating model as a picture, with an outline and a table of its linkages (HTML; ?lang=)",
    response_class=HTMLResponse,
)
async def model_page(request: Request, settings: SettingsDep, store: StoreDep, work: WorkDep) -> HTMLResponse:
    ui = reader(request.scope, "model")
    model = await read_city(settings, store, work, lambda read: read_operating_model(read, ui.lang))
    picture = operating_model_picture(model, term_link(ui), translator(ui.lang))
    page = templates.render(
        "model.html", ui.lang, ui=ui, model=model, picture=picture, svg=Markup(picture.svg), link=term_link(ui)
    )
    return HTMLResponse(page, headers=headers(ui))


@router.get(
    "/model.svg",
    summary="The operating model picture alone (SVG; ?lang=)",
    responses={200: {"content": {SVG: {}}}},
)
async def model_svg(request: Request, settings: SettingsDep, store: StoreDep, work: WorkDep) -> Response:
    ui = reader(request.scope, "model")
    model = await read_city(settings, store, work, lambda read: read_operating_model(read, ui.lang))
    picture = operating_model_picture(model, term_link(ui), translator(ui.lang))
    return Response(standalone(picture.svg), media_type=SVG, headers=headers(ui, "operating-model.svg", inline=True))


@router.get(
    "/model.csv",
    summary="The linkages of the operating model picture (CSV; ?lang=)",
    responses={200: {"content": {"text/csv": {}}}},
)
async def model_csv(request: Request, settings: SettingsDep, store: StoreDep, work: WorkDep) -> Response:
    ui = reader(request.scope, "model")
    model = await read_city(settings, store, work, lambda read: read_operating_model(read, ui.lang))
    picture = operating_model_picture(model, term_link(ui), translator(ui.lang))
    return Response(picture.table.to_csv(), media_type=CSV, headers=headers(ui, "operating-model-linkages.csv"))
