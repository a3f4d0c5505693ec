"""The term API: look a term up by CURIE, notation, local name or IRI; walk its hierarchy; search; resolve in bulk.

Every answer comes from the in-memory :class:`~cityref.terms.TermIndex` built at start-up; nothing here runs SPARQL.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from cityref import media
from cityref.api.browse import search_page
from cityref.api.cities import wants_page
from cityref.api.deps import SettingsDep, TermsDep
from cityref.api.term_http import (
    cached,
    check_bulk,
    check_query,
    json_cached,
    lifecycle,
    successor_link,
    successor_location,
    term_json,
)
from cityref.api.term_models import Related as RelatedModel
from cityref.api.term_models import (
    ResolveRequest,
    ResolveResponse,
    SchemeList,
    SearchPage,
    Suggestions,
    Term,
    TermPage,
)
from cityref.api.ui import reader
from cityref.errors import BadRequest, NotAcceptable
from cityref.terms import TermIndex, describe, hit_json, parse_lang, term_ref
from cityref.terms.render import rdf_graph
from cityref.terms.text import LangChain

router = APIRouter(tags=["terms"])

Lang = Annotated[str | None, Query(description="Language chain, e.g. `fr,en`; `all` (default) gives every language")]
TypeFilter = Annotated[str | None, Query(alias="type", description="Only terms of this class (CURIE, name or IRI)")]
SchemeFilter = Annotated[str | None, Query(description="Only concepts of this concept scheme")]
ParentFilter = Annotated[str | None, Query(description="Only terms below this one (broader or subclass, transitively)")]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size")]
Offset = Annotated[int, Query(ge=0, description="Items to skip")]
IncludeDeprecated = Annotated[bool, Query(description="Also list deprecated and withdrawn terms")]
Redirect = Annotated[bool, Query(description="`false`: describe a deprecated term instead of redirecting")]


def model_json(model: BaseModel) -> Response:
    """A validated model as the response body, as is: FastAPI would validate and encode it a second time (half the
    time of a search, docs/benchmarks.md); the route's ``response_model`` still documents the shape."""
    return Response(model.model_dump_json(by_alias=True), media_type="application/json")


def _filters(index: TermIndex, type_: str | None, scheme: str | None, parent: str | None) -> dict[str, str | None]:
    return {
        "type_iri": index.resolve_class(type_) if type_ else None,
        "scheme": index.resolve_filter(scheme, "scheme") if scheme else None,
        "parent": index.resolve_filter(parent, "parent") if parent else None,
    }


def _term(index: TermIndex, ident: str, request: Request, redirect: bool, chain: LangChain) -> Response:
    record = index.resolve(ident)
    location = successor_location(record, "/terms/")
    moved = lifecycle(index, record, request, redirect=redirect, location=location, chain=chain)
    if moved is not None:
        return moved
    headers = {"Link": successor_link(record)} if record.deprecated else {}
    return cached(request, term_json(index, record.iri, chain), "application/json", headers)


@router.get("/terms/{term_id}", summary="One term by CURIE, notation or local name", responses={200: {"model": Term}})
async def get_term(
    term_id: str, request: Request, terms: TermsDep, lang: Lang = None, redirect: Redirect = True
) -> Response:
    """`cityref:B5`, `B5` and `https://w3id.org/cityref/def/B5` (via `?iri=`) all name the same term.

    Unknown terms answer 404 with close matches in `suggestions`; an unknown CURIE prefix answers 400.
    """
    # A known term is a dictionary lookup, answered on the event loop; finding close matches for an unknown one
    # takes milliseconds, so that (and any other error) is worked out on a thread.
    if terms.records.get(terms.to_iri(term_id)) is None:
        return await run_in_threadpool(_term, terms, term_id, request, redirect, parse_lang(lang))
    return _term(terms, term_id, request, redirect, parse_lang(lang))


@router.get(
    "/terms",
    summary="All terms as a paged list, or one term by ?iri=",
    responses={200: {"model": TermPage | Term, "description": "A page of terms, or a Term when `iri` is given"}},
)
def list_terms(
    request: Request,
    terms: TermsDep,
    iri: Annotated[str | None, Query(description="Describe the term with this IRI")] = None,
    lang: Lang = None,
    type_: TypeFilter = None,
    scheme: SchemeFilter = None,
    parent: ParentFilter = None,
    include_deprecated: IncludeDeprecated = False,
    limit: Limit = 100,
    offset: Offset = 0,
    redirect: Redirect = True,
) -> Response:
    chain = parse_lang(lang)
    if iri is not None:
        return _term(terms, iri, request, redirect, chain)
    selected = list(terms.select(**_filters(terms, type_, scheme, parent), include_deprecated=include_deprecated))
    page = [term_ref(terms, r.iri, chain) for r in selected[offset : offset + limit]]
    return json_cached(request, {"total": len(selected), "limit": limit, "offset": offset, "items": page})


def _related(terms: TermIndex, term_id: str, lang: str | None, which: str) -> dict[str, Any]:
    chain = parse_lang(lang)
    record = terms.resolve(term_id)
    iris = {"children": terms.children, "ancestors": terms.ancestors, "descendants": terms.descendants}[which](
        record.iri
    )
    return {"term": term_ref(terms, record.iri, chain), "items": [term_ref(terms, i, chain) for i in iris]}


@router.get("/terms/{term_id}/children", summary="Direct narrower concepts and subclasses of a term")
def children(term_id: str, terms: TermsDep, lang: Lang = None) -> RelatedModel:
    return RelatedModel.model_validate(_related(terms, term_id, lang, "children"))


@router.get("/terms/{term_id}/ancestors", summary="Broader concepts and superclasses of a term, nearest first")
def ancestors(term_id: str, terms: TermsDep, lang: Lang = None) -> RelatedModel:
    return RelatedModel.model_validate(_related(terms, term_id, lang, "ancestors"))


@router.get("/terms/{term_id}/descendants", summary="Every term below a term, nearest first")
def descendants(term_id: str, terms: TermsDep, lang: Lang = None) -> RelatedModel:
    return RelatedModel.model_validate(_related(terms, term_id, lang, "descendants"))


@router.get("/schemes", summary="The concept schemes of the ontology")
def schemes(terms: TermsDep, lang: Lang = None) -> SchemeList:
    chain = parse_lang(lang)
    items = [
        {
            **term_ref(terms, s.iri, chain),
            "definition": describe(terms, s, chain)["definition"],
            "topConcepts": len(s.top_concepts),
        }
        for s in terms.schemes()
    ]
    return SchemeList.model_validate({"items": items})


@router.get("/schemes/{scheme_id}/top", summary="The top concepts of one concept scheme")
def top_concepts(scheme_id: str, terms: TermsDep, lang: Lang = None) -> RelatedModel:
    chain = parse_lang(lang)
    scheme = terms.resolve(scheme_id)
    if scheme.kind != "scheme":
        raise BadRequest(f"{scheme.curie} is not a concept scheme", parameter="scheme_id")
    items = [term_ref(terms, iri, chain) for iri in scheme.top_concepts]
    return RelatedModel.model_validate({"term": term_ref(terms, scheme.iri, chain), "items": items})


@router.get(
    "/search",
    summary="Ranked multilingual search over notations, labels and definitions (JSON, or HTML for browsers)",
    response_model=SearchPage,
    responses={200: {"content": {"application/json": {}, "text/html": {}}}},
)
def search(
    request: Request,
    terms: TermsDep,
    settings: SettingsDep,
    q: Annotated[str, Query(description="Label, notation, CURIE or IRI; case and accents are ignored")],
    lang: Lang = None,
    type_: TypeFilter = None,
    scheme: SchemeFilter = None,
    parent: ParentFilter = None,
    include_deprecated: IncludeDeprecated = False,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Offset = 0,
) -> Response:
    """Each hit says which field (notation, label, altLabel, definition...) and which language matched.

    A browser (Accept preferring HTML, or `format=html`) gets a results page with the filters as form fields; its
    labels are in the interface language."""
    check_query(q, settings)
    if wants_page(request):
        chain: LangChain = (reader(request.scope).lang,)
        hits = terms.search.search(
            q, chain=chain, include_deprecated=include_deprecated, **_filters(terms, type_, scheme, parent)
        )
        return search_page(request, terms, hits, q=q, type_=type_, scheme=scheme, limit=limit, offset=offset)
    chain = parse_lang(lang)
    hits = terms.search.search(
        q, chain=chain, include_deprecated=include_deprecated, **_filters(terms, type_, scheme, parent)
    )
    items = [hit_json(terms, h, chain) for h in hits[offset : offset + limit]]
    page = {"query": q, "total": len(hits), "limit": limit, "offset": offset, "items": items}
    return model_json(SearchPage.model_validate(page))


@router.get("/autocomplete", summary="Suggestions for a partly typed label or notation", response_model=Suggestions)
def autocomplete(
    terms: TermsDep,
    settings: SettingsDep,
    q: Annotated[str, Query(description="What the user has typed so far")],
    lang: Lang = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    include_deprecated: IncludeDeprecated = False,
) -> Response:
    check_query(q, settings)
    chain = parse_lang(lang)
    hits = terms.search.autocomplete(q, chain=chain, limit=limit, include_deprecated=include_deprecated)
    return model_json(Suggestions.model_validate({"query": q, "items": [hit_json(terms, h, chain) for h in hits]}))


@router.get("/download", summary="Every term in one file: JSON (Term objects) or RDF")
def download(
    request: Request,
    terms: TermsDep,
    format: Annotated[str, Query(description="json, turtle, jsonld, rdfxml or ntriples")] = "json",
    lang: Lang = None,
    include_deprecated: IncludeDeprecated = True,
) -> Response:
    records = list(terms.select(include_deprecated=include_deprecated))
    disposition = {"Content-Disposition": 'attachment; filename="cityref-terms.{ext}"'}
    if format == "json":
        chain = parse_lang(lang)
        data = {"ontologyVersion": terms.version, "terms": [describe(terms, r, chain) for r in records]}
        disposition["Content-Disposition"] = disposition["Content-Disposition"].format(ext="json")
        return json_cached(request, data, disposition)
    fmt = media.rdf_format(format)
    if fmt is None or fmt.quads or fmt.rdflib is None:
        raise NotAcceptable(
            f"Unknown download format {format!r}", known=["json", "turtle", "jsonld", "rdfxml", "ntriples"]
        )
    body = rdf_graph(terms, *records).serialize(format=fmt.rdflib, encoding="utf-8")
    disposition["Content-Disposition"] = disposition["Content-Disposition"].format(ext=fmt.extension)
    return cached(request, body, fmt.media_type, disposition)


@router.post("/resolve", summary="Resolve many strings or IRIs to their best matching terms, with scores")
def resolve(
    terms: TermsDep,
    settings: SettingsDep,
    body: Annotated[
        ResolveRequest | list[str],
        Body(description='A JSON list of strings, or {"items": [...], "lang": "fr,en", "type": ..., "limit": 3}'),
    ],
) -> ResolveResponse:
    request = body if isinstance(body, ResolveRequest) else ResolveRequest(items=body)
    check_bulk(len(request.items), settings)
    chain = parse_lang(request.lang)
    type_iri = terms.resolve_class(request.type) if request.type else None
    results = []
    for item in request.items:
        check_query(item, settings, "item")
        hits = terms.search.search(item, chain=chain, type_iri=type_iri, include_deprecated=request.include_deprecated)
        matches = [hit_json(terms, h, chain) for h in hits[: request.limit]]
        results.append({"input": item, "best": matches[0] if matches else None, "matches": matches})
    return ResolveResponse.model_validate({"results": results})
