"""``/``: a landing page for people, with a term finder that calls ``/autocomplete`` as they type."""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from jinja2 import Template

from cityref.api.deps import OntologyDep
from cityref.app import VERSION

router = APIRouter(tags=["service"])


@cache
def _template() -> Template:
    source = resources.files("cityref").joinpath("templates/home.html").read_text(encoding="utf-8")
    return Template(source, autoescape=True)


@router.get("/", summary="Landing page", response_class=HTMLResponse)
def home(ontology: OntologyDep) -> HTMLResponse:
    return HTMLResponse(_template().render(version=VERSION, ontology_version=ontology.version))
