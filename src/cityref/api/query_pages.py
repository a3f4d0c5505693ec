"""The canned queries for people: ``/queries`` as a list, ``/queries/{name}`` as a form and a results table.

A query's page is its own bookmark: the form sends the parameters with GET to the same address, and the page runs
the query with exactly those parameters (its script asks the same URL for JSON, as any client would). The ``lang``
query-string member is the page's language; for a query that declares a ``lang`` parameter it is also that
parameter (labels in the reader's language), otherwise it never reaches the query.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse

from cityref import templates
from cityref.api import query_forms
from cityref.api.cities import read_city
from cityref.api.gates import Work
from cityref.api.ui import VARY, reader
from cityref.settings import Settings
from cityref.sparql import canned
from cityref.sparql.binding import ParameterError
from cityref.store import Store

RESULT_DOWNLOADS = ("json", "xml", "csv", "tsv")
GRAPH_DOWNLOADS = ("turtle", "ntriples", "jsonld", "rdfxml")
DOWNLOAD_NAMES = {
    "json": "JSON",
    "xml": "XML",
    "csv": "CSV",
    "tsv": "TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF/XML",
}


def _page(html: str, lang: str) -> HTMLResponse:
    return HTMLResponse(html, headers={"Vary": VARY, "Content-Language": lang})


def catalogue_page(request: Request) -> HTMLResponse:
    ui = reader(request.scope, "query")
    page = templates.render("queries.html", ui.lang, ui=ui, queries=list(canned.catalogue().values()))
    return _page(page, ui.lang)


def given_values(request: Request, query: canned.CannedQuery, lang: str) -> list[tuple[str, str]]:
    """The query-string members that are parameters of ``query``, in order; a declared ``lang`` parameter left
    out takes the page's language."""
    names = {p.name for p in query.params}
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k in names]
    if "lang" in names and all(k != "lang" for k, _ in pairs):
        pairs.append(("lang", lang))
    return pairs


async def query_page(
    request: Request, query: canned.CannedQuery, settings: Settings, store: Store, work: Work
) -> HTMLResponse:
    ui = reader(request.scope, "query")
    pairs = given_values(request, query, ui.lang)
    terms = request.app.state.terms
    limit = settings.query_form_max_choices
    fields = await read_city(
        settings, store, work, lambda read: query_forms.fields(query, dict(pairs), read, terms, ui.lang, limit)
    )
    run_pairs = pairs + [(k, v) for k, v in request.query_params.multi_items() if k == "timeout"]
    address = f"{ui.root}/queries/{query.name}"
    results_url = f"{address}?{urlencode(run_pairs)}" if run_pairs else address
    downloads = [
        (DOWNLOAD_NAMES[name], f"{address}?{urlencode([*run_pairs, ('format', name)])}")
        for name in (GRAPH_DOWNLOADS if query.form in ("construct", "describe") else RESULT_DOWNLOADS)
    ]
    try:
        bound: str | None = query.bind(dict(pairs))
    except ParameterError:
        bound = None  # the results region says what is wrong, from the query's own answer
    editor = ui.url("/sparql?" + urlencode({"query": bound})) if bound is not None else None
    keep_lang = ui.keep if ui.keep is not None and query.param("lang") is None else None
    page = templates.render(
        "query.html",
        ui.lang,
        ui=ui,
        query=query,
        fields=fields,
        results_url=results_url,
        downloads=downloads,
        editor_url=editor,
        keep_lang=keep_lang,
        labels=query_forms.PARAM_LABELS,
    )
    return _page(page, ui.lang)
