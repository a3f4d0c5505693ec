"""``/``: a landing page for people, with a term finder that calls ``/autocomplete`` as they type and a link to
every tool."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from cityref import templates
from cityref._version import VERSION
from cityref.api.deps import OntologyDep
from cityref.api.ui import VARY, reader

router = APIRouter(tags=["service"])


@router.get("/", summary="Landing page", response_class=HTMLResponse)
def home(request: Request, ontology: OntologyDep) -> HTMLResponse:
    ui = reader(request.scope)
    page = templates.render("home.html", ui.lang, ui=ui, version=VERSION, ontology_version=ontology.version)
    return HTMLResponse(page, headers={"Vary": VARY, "Content-Language": ui.lang})
