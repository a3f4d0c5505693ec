"""``/``: a landing page for people, with a term finder that calls ``/autocomplete`` as they type."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from cityref import templates
from cityref._version import VERSION
from cityref.api.deps import OntologyDep

router = APIRouter(tags=["service"])


@router.get("/", summary="Landing page", response_class=HTMLResponse)
def home(ontology: OntologyDep) -> HTMLResponse:
    return HTMLResponse(templates.render("home.html", version=VERSION, ontology_version=ontology.version))
