"""The term browser for people: ``/browse`` (every concept scheme as a tree), ``/browse/{scheme}`` (one scheme, its
tree and its members), ``/browse/a-z`` (every term by the first letter of its label in the reader's language), and
the HTML results page ``/search`` gives a browser (clients keep the JSON, chosen by Accept).

Everything comes from the in-memory term index, as the term API's answers do; pages are rendered once per reader
(the index never changes after start-up).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from cityref import templates
from cityref.api.deps import TermsDep
from cityref.api.ui import UI, VARY, reader
from cityref.errors import NotFound
from cityref.terms import TermIndex, hit_json
from cityref.terms.browse import a_to_z, find_scheme, label_of, members, scheme_choices, scheme_tree, scheme_trees
from cityref.terms.browse import type_choices as types_of
from cityref.terms.record import TermRecord
from cityref.terms.search import Hit
from cityref.terms.text import pick_lang

router = APIRouter(tags=["terms"])

LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
SEARCH_PAGE = 20
"""The search route's default page size (``limit``), left out of the paging links."""


def _page(name: str, ui: UI, **context: Any) -> HTMLResponse:
    body = templates.render(name, ui.lang, ui=ui, **context)
    return HTMLResponse(body, headers={"Vary": VARY, "Content-Language": ui.lang})


def definition_in(record: TermRecord, lang: str) -> tuple[str, str] | None:
    """A term's definition in ``lang`` (or the language standing in for it), with that language."""
    picked = pick_lang(record.definitions, (lang,))
    return next(iter(picked.items()), None)


@lru_cache(maxsize=64)
def _browse(terms: TermIndex, ui: UI) -> str:
    return templates.render("browse.html", ui.lang, ui=ui, trees=scheme_trees(terms, ui.lang))


@router.get("/browse", summary="The term browser: every concept scheme as a tree (HTML)", response_class=HTMLResponse)
def browse(request: Request, terms: TermsDep) -> HTMLResponse:
    ui = reader(request.scope, "terms", keep_as_code=True)
    return HTMLResponse(_browse(terms, ui), headers={"Vary": VARY, "Content-Language": ui.lang})


@router.get(
    "/browse/a-z",
    summary="Every term by the first letter of its label in the reader's language (HTML)",
    response_class=HTMLResponse,
)
def browse_a_to_z(request: Request, terms: TermsDep) -> HTMLResponse:
    ui = reader(request.scope, "terms", keep_as_code=True)
    index = a_to_z(terms, ui.lang)
    return _page("browse_az.html", ui, letters=LETTERS, index=index)


@router.get(
    "/browse/{scheme}",
    summary="One concept scheme: its hierarchy and its members (HTML)",
    response_class=HTMLResponse,
    responses={404: {"description": "No such concept scheme; the known ones in `known`"}},
)
def browse_scheme(scheme: str, request: Request, terms: TermsDep) -> HTMLResponse:
    found = find_scheme(terms, scheme)
    if found is None:
        raise NotFound(f"No concept scheme {scheme!r}", known=[s.local for s in terms.schemes()])
    ui = reader(request.scope, "terms", keep_as_code=True)
    tree = scheme_tree(terms, found, ui.lang)
    rows = [(r, *label_of(terms, r, ui.lang), definition_in(r, ui.lang)) for r in members(terms, found)]
    return _page("browse_scheme.html", ui, scheme=tree, rows=rows, definition=definition_in(found, ui.lang))


def search_page(
    request: Request,
    terms: TermIndex,
    hits: list[Hit],
    *,
    q: str,
    type_: str | None,
    scheme: str | None,
    limit: int,
    offset: int,
) -> HTMLResponse:
    """``/search`` for a browser: the form with its filters, and one page of the ranked hits."""
    ui = reader(request.scope, "terms")
    chain = (ui.lang,)
    items = []
    for hit in hits[offset : offset + limit]:
        item = hit_json(terms, hit, chain)
        item["definition"] = definition_in(hit.record, ui.lang)
        item["local"] = hit.record.local
        items.append(item)

    def at(start: int) -> str:
        """Another page of the same results: the query, its filters and page size kept."""
        pairs = [("q", q), ("type", type_ or ""), ("scheme", scheme or ""), ("offset", str(start))]
        pairs.append(("limit", str(limit) if limit != SEARCH_PAGE else ""))
        return ui.url("/search?" + urlencode([(k, v) for k, v in pairs if (v and v != "0") or k == "q"]))

    return _page(
        "search.html",
        ui,
        q=q,
        chosen_type=type_ or "",
        chosen_scheme=scheme or "",
        type_choices=types_of(terms, ui.lang),
        scheme_choices=scheme_choices(terms, ui.lang),
        items=items,
        total=len(hits),
        first=offset + 1,
        last=min(offset + limit, len(hits)),
        previous=at(max(offset - limit, 0)) if offset > 0 else None,
        next=at(offset + limit) if offset + limit < len(hits) else None,
    )
