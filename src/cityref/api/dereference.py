"""Dereferenceable term IRIs: ``/def/{local}`` answers for ``https://w3id.org/cityref/def/{local}`` wherever the
server runs (the w3id redirect points here), by content negotiation.

Browsers get a small HTML page; RDF clients get Turtle, JSON-LD, RDF/XML or N-Triples; ``?format=`` overrides the
Accept header (handy in a browser's address bar). The alternates are named in ``Link`` headers, responses vary on
Accept and carry an ETag, and the term lifecycle applies (308 to a replacement, 410 for a withdrawn term).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from cityref import i18n, media, templates
from cityref.api import term_page
from cityref.api.deps import ProfilesDep, TermsDep
from cityref.api.term_http import Tagged, cached, lifecycle, successor_link, successor_location
from cityref.api.ui import UI, VARY, reader
from cityref.errors import NotFound
from cityref.terms import TermIndex, describe, parse_lang
from cityref.terms.record import NS
from cityref.terms.render import rdf_graph
from cityref.terms.text import LangChain

router = APIRouter(tags=["terms"])

FORMATS = {f.name: f for f in media.RDF_FORMATS if not f.quads}
TEXT_ROWS = (("definition", "Definition"), ("scopeNote", "Scope note"), ("changeNote", "Change note"))
RELATION_ROWS = (
    ("broader", "Broader"),
    ("narrower", "Narrower"),
    ("related", "Related"),
    ("inScheme", "In scheme"),
    ("subClassOf", "Subclass of"),
    ("domain", "Domain"),
    ("range", "Range"),
    ("servesPractice", "Serves practice"),
    ("mitigatedBy", "Mitigated by"),
    ("mitigates", "Mitigates"),
)
"""The term page's rows of multilingual texts and of links to other terms, in the order shown (English labels, which
the page translates)."""
KINDS = {
    "scheme": "Concept scheme",
    "class": "Class",
    "property": "Property",
    "linkage": "Linkage",
    "concept": "Concept",
    "individual": "Individual",
}


def alternates(local: str) -> list[tuple[str, str, str]]:
    """(format name, media type, URL) of every representation of a term."""
    out = [("html", media.HTML, f"/def/{local}?format=html")]
    out.extend((name, fmt.media_type, f"/def/{local}?format={name}") for name, fmt in FORMATS.items())
    return out


@router.get(
    "/def/{local}",
    summary="Dereference a term IRI: HTML, Turtle, JSON-LD, RDF/XML or N-Triples by content negotiation",
    responses={
        200: {"content": {media.HTML: {}, **{f.media_type: {} for f in FORMATS.values()}}},
        308: {"description": "Deprecated: the replacement's location (Link rel=successor-version)"},
        404: {"description": "No such term; close matches in `suggestions`"},
        406: {"description": "No acceptable representation"},
        410: {"description": "Withdrawn term, with the reason"},
    },
)
async def dereference(
    local: str,
    request: Request,
    terms: TermsDep,
    profiles: ProfilesDep,
    format: Annotated[
        str | None, Query(description="html, turtle, jsonld, rdfxml or ntriples; overrides Accept")
    ] = None,
    lang: Annotated[str | None, Query(description="Language chain for the HTML page, e.g. `fr,en`")] = None,
    redirect: Annotated[bool, Query(description="`false`: describe a deprecated term instead of redirecting")] = True,
) -> Response:
    record = terms.get(NS + local)
    if record is None:
        # milliseconds of spelling comparison: on a thread, not on the event loop that a known term is served from
        suggestions = [r.iri for r in await run_in_threadpool(terms.close_matches, local)]
        raise NotFound(f"No term {NS + local} in the cityref ontology", suggestions=suggestions)
    ui = reader(request.scope, "terms")
    # No ?lang: the reader's language (picker cookie, then Accept-Language), English behind it; ?lang=all: every one.
    chain = parse_lang(lang, default=(ui.lang,))
    location = successor_location(record, "/def/")
    moved = lifecycle(terms, record, request, redirect=redirect, location=location, chain=chain)
    if moved is not None:
        moved.headers["Vary"] = "Accept"
        return moved
    chosen = media.choose_rdf(request.headers.get("accept"), format, html=True)
    link = _links(local, record.iri)
    if record.deprecated:
        link += ", " + successor_link(record)
    headers = {"Vary": "Accept", "Link": link}
    if chosen == media.HTML:
        uses = term_page.constraints(profiles, record.iri, ui.lang)
        page = _html_bytes(terms, record.iri, chain, local, ui, uses)
        headers |= {"Vary": VARY, "Content-Language": ui.lang}
        return cached(request, page, "text/html; charset=utf-8", headers)
    fmt = media.rdf_format(chosen)
    assert fmt is not None
    return cached(request, _rdf_bytes(terms, record.iri, fmt.name), fmt.media_type, headers)


@lru_cache(maxsize=2048)
def _html_bytes(
    terms: TermIndex, iri: str, chain: LangChain, local: str, ui: UI, uses: tuple[tuple[str, str, tuple[str, ...]], ...]
) -> Tagged:
    """A term's HTML page, rendered once per language chain and reader (the index never changes after start-up).
    Its labels are listed in every language whatever the chain; the rest follows the chain. ``uses``: the
    profiles that constrain the term (:func:`cityref.api.term_page.constraints`)."""
    record = terms.get(iri)
    assert record is not None
    term = describe(terms, record, chain)
    depends, enables = term_page.linkages(term)
    lang = (chain or (ui.lang,))[0] if chain else ui.lang
    query, query_href = term_page.sparql_about(record, term["label"] or record.curie, ui.lang)
    page = templates.render(
        "term.html",
        ui.lang,
        ui=ui,
        kinds=KINDS,
        language_words=i18n.LANGUAGE_WORDS,
        labels=describe(terms, record, None)["labels"],
        term=term,
        alternates=alternates(local),
        texts=TEXT_ROWS,
        relations=RELATION_ROWS,
        depends=depends,
        enables=enables,
        mappings=term_page.mappings(terms, record),
        profiles=uses,
        query=query,
        query_href=query_href,
        picture=term_page.neighbourhood(terms, record, lang if lang in i18n.UI_LANGUAGES else ui.lang),
    )
    return Tagged.of(page.encode())


@lru_cache(maxsize=4096)
def _links(local: str, iri: str) -> str:
    """The Link header of a term's representations (its canonical IRI, then every alternate); ``local`` is always a
    known term's, so this holds one entry per term at most."""
    links = [f'<{href}>; rel="alternate"; type="{mt}"' for _, mt, href in alternates(local)]
    return ", ".join([f'<{iri}>; rel="canonical"', *links])


@lru_cache(maxsize=4096)
def _rdf_bytes(terms: TermIndex, iri: str, format_name: str) -> Tagged:
    """A term's RDF, serialised once: the index never changes after start-up, and rdflib serialising a graph on
    every request made Turtle the slowest route (docs/benchmarks.md)."""
    record = terms.get(iri)
    fmt = FORMATS[format_name]
    assert record is not None and fmt.rdflib is not None
    return Tagged.of(rdf_graph(terms, record).serialize(format=fmt.rdflib, encoding="utf-8"))


router.add_api_route(
    "/def/{local}",
    dereference,
    methods=["HEAD"],
    summary="Headers of a dereferenced term IRI (ETag, Link, Content-Type) without the body",
    operation_id="dereference_head",
)
