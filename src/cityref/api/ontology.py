"""``/ontology``: the merged reference model, or one module, in the format the client asks for.

RDF formats and HTML documentation share one URL: the Accept header picks (browsers get HTML), ``?format=`` overrides
it, and a ``Link`` header names every alternate so that a client can find the other serialisations.
"""

from __future__ import annotations

from typing import Annotated
from weakref import WeakKeyDictionary

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from rdflib import Graph

from cityref import media
from cityref.api.deps import OntologyDep
from cityref.api.ui import UI, VARY, reader
from cityref.errors import NotFound
from cityref.ontology.doc import Link, document, render_html
from cityref.ontology.model import CITYREF, LANGUAGES, ONTOLOGY_BASE, Ontology

router = APIRouter(tags=["ontology"])
_FORMATS = [f for f in media.RDF_FORMATS if not f.quads]
# Rendered bodies per ontology instance, keyed by (module, media type, language): the ontology never changes while
# the app runs, and serialising it costs far more than serving it.
_CACHE: WeakKeyDictionary[Ontology, dict[tuple[str, str, UI | None], str | bytes]] = WeakKeyDictionary()

LangParam = Annotated[str | None, Query(description=f"Display language of the HTML page: {', '.join(LANGUAGES)}")]
FormatParam = Annotated[
    str | None, Query(description="Override the Accept header: turtle, jsonld, rdfxml, ntriples or html")
]


def _link_header(path: str) -> str:
    alternates = [f'<{path}?format={f.name}>; rel="alternate"; type="{f.media_type}"' for f in _FORMATS]
    return ", ".join([*alternates, f'<{path}?format=html>; rel="alternate"; type="{media.HTML}"'])


def _html(ontology: Ontology, name: str, graph: Graph, request: Request, ui: UI) -> str:
    lang = ui.lang
    root = request.scope.get("root_path", "")
    path = f"{root}/ontology" if name == "" else f"{root}/ontology/{name}"
    on_page = {str(s) for s in graph.subjects() if str(s).startswith(str(CITYREF))}
    whole = f"{root}/ontology?lang={lang}"

    def href(iri: str) -> str:
        if iri.startswith(str(CITYREF)):
            anchor = iri[len(str(CITYREF)) :]
            return f"#{anchor}" if iri in on_page else f"{whole}#{anchor}"
        return iri

    def local(iri: str) -> str:
        """Our terms and modules on this server's own pages, not at their w3id.org IRIs."""
        if iri.startswith(str(CITYREF)):
            return ui.url("/def/" + iri[len(str(CITYREF)) :])
        if iri.startswith(ONTOLOGY_BASE) and iri[len(ONTOLOGY_BASE) :] in ontology.modules:
            return ui.url("/ontology/" + iri[len(ONTOLOGY_BASE) :])
        return iri

    page = document(graph, lang=lang, href=href, names=ontology.merged, local=local)
    formats = [{"name": f.name, "media_type": f.media_type, "href": f"{path}?format={f.name}"} for f in _FORMATS]
    modules = [Link(m, f"{root}/ontology/{m}?lang={lang}") for m in sorted(ontology.modules)]
    return render_html(page, ui, formats=formats, modules=[Link("all", whole), *modules])


def _respond(ontology: Ontology, name: str, graph: Graph, request: Request, fmt_param: str | None) -> Response:
    chosen = media.choose_rdf(request.headers.get("accept"), fmt_param, html=True)
    headers = {"Vary": "Accept", "Link": _link_header(request.url.path)}
    cache = _CACHE.setdefault(ontology, {})
    # The page's language: ?lang (one of the five), then the picker's cookie, Accept-Language, English.
    ui = reader(request.scope, "model", keep_as_code=True)
    key = (name, chosen, ui if chosen == media.HTML else None)
    if chosen == media.HTML:
        if key not in cache:
            cache[key] = _html(ontology, name, graph, request, ui)
        return HTMLResponse(cache[key], headers=headers | {"Content-Language": ui.lang, "Vary": VARY})
    if key not in cache:
        fmt = media.rdf_format(chosen)
        assert fmt is not None and fmt.rdflib is not None
        cache[key] = graph.serialize(format=fmt.rdflib, encoding="utf-8")
    return Response(cache[key], media_type=chosen, headers=headers)


@router.get("/ontology", summary="The merged ontology (top module and its imports), as RDF or HTML documentation")
def get_ontology(
    request: Request, ontology: OntologyDep, format: FormatParam = None, lang: LangParam = None
) -> Response:
    return _respond(ontology, "", ontology.merged, request, format)


@router.get("/ontology/{module}", summary="One ontology module, as RDF or HTML documentation")
def get_module(
    module: str, request: Request, ontology: OntologyDep, format: FormatParam = None, lang: LangParam = None
) -> Response:
    name = module.removesuffix(".ttl")
    found = ontology.modules.get(name)
    if found is None:
        raise NotFound(f"No ontology module {module!r}", known=sorted(ontology.modules))
    return _respond(ontology, name, found.graph, request, format)
