"""Reconciliation endpoints: ``/reconcile`` speaks API 0.2 as OpenRefine does (manifest on GET, ``queries`` form
parameter for batches, suggest and preview services); ``/reconcile/v1`` speaks the 1.0 draft (JSON body
``{"queries": [...]}``, answers ``{"results": [{"candidates": [...]}]}``).
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Annotated, Any

from fastapi import APIRouter, Body, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from cityref._version import VERSION
from cityref.api.deps import SettingsDep, TermsDep
from cityref.api.term_http import check_bulk, check_query
from cityref.errors import BadRequest
from cityref.settings import Settings
from cityref.terms import TermIndex, describe, parse_lang
from cityref.terms.reconcile import Query as ReconQuery
from cityref.terms.reconcile import Reconciler, query_v02, query_v1
from cityref.terms.record import NS

router = APIRouter(tags=["reconciliation"])

_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")
PREVIEW_SIZE = {"width": 430, "height": 180}
NAME = "cityref: ISO 37106 smart city reference model"

Prefix = Annotated[str, Query(description="What the user has typed")]
Lang = Annotated[str | None, Query(description="Language chain for names, e.g. `fr,en`")]


def _base(request: Request, settings: Settings) -> str:
    return settings.public_base_url()  # the manifest's URLs must be absolute, but never from the Host header


def manifest_v02(index: TermIndex, base: str) -> dict[str, Any]:
    reconciler = Reconciler(index)

    def service(path: str) -> dict[str, str]:
        return {"service_url": base, "service_path": path}

    return {
        "versions": ["0.2"],
        "name": NAME,
        "identifierSpace": NS,
        "schemaSpace": NS,
        "documentation": base + "/docs",
        "serviceVersion": VERSION,
        "view": {"url": base + "/def/{{id}}"},
        "preview": {"url": base + "/reconcile/preview?id={{id}}", **PREVIEW_SIZE},
        "defaultTypes": reconciler.types(concept_classes_only=True),
        "suggest": {
            "entity": service("/reconcile/suggest/entity"),
            "type": service("/reconcile/suggest/type"),
            "property": service("/reconcile/suggest/property"),
        },
    }


def manifest_v1(index: TermIndex, base: str, settings: Settings) -> dict[str, Any]:
    return {
        "versions": ["1.0-draft"],
        "name": NAME,
        "identifierSpace": NS,
        "schemaSpace": NS,
        "documentation": base + "/docs",
        "serviceVersion": VERSION,
        "lang": "en",
        "view": {"url": base + "/def/{{id}}"},
        "preview": dict(PREVIEW_SIZE),
        "defaultTypes": Reconciler(index).types(concept_classes_only=True),
        "suggest": {"entity": True, "property": True, "type": True},
        "batchSize": settings.max_bulk_items,
        "standardizedScore": True,
    }


def _checked(queries: list[ReconQuery], settings: Settings) -> list[ReconQuery]:
    """Every string a batch carries counts against the limits: query texts, ids and property values alike, since
    each id and value is looked up (a label search) for every candidate."""
    check_bulk(len(queries), settings)
    for query in queries:
        if query.text:
            check_query(query.text, settings, "query")
        values = [*query.ids, *(v for c in query.conditions for v in c.values)]
        check_bulk(len(values), settings)
        for value in values:
            check_query(value, settings, "value")
    return queries


def _parse_json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadRequest(f"The {name} parameter is not valid JSON: {error.msg} at character {error.pos}") from None
    except RecursionError:
        raise BadRequest(f"The {name} parameter is nested too deeply") from None
    except ValueError as error:  # an integer longer than Python's digit limit, among others
        raise BadRequest(f"The {name} parameter is not valid JSON: {error}") from None


def _answer_v02(
    index: TermIndex, settings: Settings, queries: str | None, query: str | None, lang: str | None
) -> dict[str, Any]:
    reconciler, chain = Reconciler(index), parse_lang(lang)
    if queries is not None:
        batch = _parse_json(queries, "queries")
        if not isinstance(batch, dict):
            raise BadRequest('queries must be a JSON object such as {"q0": {"query": "B5"}}')
        check_bulk(len(batch), settings)
        parsed = {key: query_v02(value) for key, value in batch.items()}
        for q in parsed.values():
            q.chain = chain
        _checked(list(parsed.values()), settings)
        return {key: {"result": reconciler.candidates(q)} for key, q in parsed.items()}
    assert query is not None
    single = query_v02(_parse_json(query, "query") if query.lstrip().startswith("{") else query)
    single.chain = chain
    _checked([single], settings)
    return {"result": reconciler.candidates(single)}


def _jsonp(data: Any, callback: str | None, settings: Settings) -> Response:
    """JSONP only when the operator switched it on (it lets any site read the answer), and only for a plain name."""
    if callback and settings.reconcile_jsonp:
        if not _CALLBACK.match(callback):
            raise BadRequest(f"Invalid JSONP callback name {callback!r}")
        body = f"/**/{callback}({json.dumps(data, ensure_ascii=False)});"
        return Response(body, media_type="application/javascript")
    return JSONResponse(data)


@router.get("/reconcile", summary="Reconciliation API 0.2: the service manifest, or answers to ?queries=")
def reconcile_get(
    request: Request,
    terms: TermsDep,
    settings: SettingsDep,
    queries: Annotated[
        str | None, Query(description='A JSON batch: {"q0": {"query": "B5", "type": "Practice"}}')
    ] = None,
    query: Annotated[str | None, Query(description="One query, as a string or JSON object")] = None,
    callback: Annotated[str | None, Query(description="JSONP callback (only if the server enables JSONP)")] = None,
    lang: Lang = None,
) -> Response:
    if queries is None and query is None:
        return _jsonp(manifest_v02(terms, _base(request, settings)), callback, settings)
    return _jsonp(_answer_v02(terms, settings, queries, query, lang), callback, settings)


@router.post("/reconcile", summary="Reconciliation API 0.2: answer a batch of queries (form field `queries`)")
def reconcile_post(
    terms: TermsDep,
    settings: SettingsDep,
    queries: Annotated[str | None, Form(description="A JSON batch keyed by query id")] = None,
    query: Annotated[str | None, Form(description="One query, as a string or JSON object")] = None,
    lang: Annotated[str | None, Form(description="Language chain for names")] = None,
) -> JSONResponse:
    if queries is None and query is None:
        raise BadRequest("Send a queries (or query) form field")
    return JSONResponse(_answer_v02(terms, settings, queries, query, lang))


@router.get("/reconcile/v1", summary="Reconciliation API 1.0-draft: the service manifest")
def manifest_draft(request: Request, terms: TermsDep, settings: SettingsDep) -> dict[str, Any]:
    return manifest_v1(terms, _base(request, settings), settings)


@router.post("/reconcile/v1/reconcile", summary="Reconciliation API 1.0-draft: answer a JSON batch of queries")
def reconcile_draft(
    terms: TermsDep,
    settings: SettingsDep,
    body: Annotated[dict[str, Any], Body(description='{"queries": [{"conditions": [{"matchType": "name", ...}]}]}')],
) -> dict[str, Any]:
    raw = body.get("queries")
    if not isinstance(raw, list):
        raise BadRequest('The body must be {"queries": [...]}')
    check_bulk(len(raw), settings)
    parsed = _checked([query_v1(q) for q in raw], settings)
    reconciler = Reconciler(terms)
    return {"results": [{"candidates": reconciler.candidates(q)} for q in parsed]}


def _preview(
    terms: TermsDep,
    ident: Annotated[str, Query(alias="id", description="Entity id (local name such as B5)")],
    lang: Lang = None,
) -> HTMLResponse:
    record = Reconciler(terms).identify(ident)
    term = describe(terms, record, parse_lang(lang) or ("en",))
    definition = next(iter(term["definition"].values()), "")
    notation = f" <b>{escape(term['notation'])}</b>" if term["notation"] else ""
    types = ", ".join(escape(t["label"] or t["curie"]) for t in term["types"])
    html = (
        '<!doctype html><html><head><meta charset="utf-8"><title>preview</title>'
        '<link rel="stylesheet" href="/static/preview.css"></head>'
        f'<body><a href="/def/{escape(record.local)}" target="_blank">'
        f"{escape(term['label'] or term['curie'])}</a>{notation}<br><i>{types}</i>"
        f"<p>{escape(definition)}</p></body></html>"
    )
    return HTMLResponse(html)


def _suggest(kind: str, terms: TermIndex, prefix: str, lang: str | None) -> dict[str, Any]:
    reconciler = Reconciler(terms)
    if kind == "entity":
        return reconciler.suggest_entities(prefix, parse_lang(lang))
    if kind == "type":
        return reconciler.suggest_types(prefix)
    return reconciler.suggest_properties(prefix)


for _root, _version in (("/reconcile", "0.2"), ("/reconcile/v1", "1.0-draft")):

    def _make(kind: str) -> Any:
        def suggest(terms: TermsDep, settings: SettingsDep, prefix: Prefix, lang: Lang = None) -> dict[str, Any]:
            check_query(prefix, settings, "prefix")
            return _suggest(kind, terms, prefix, lang)

        return suggest

    for _kind in ("entity", "type", "property"):
        router.add_api_route(
            f"{_root}/suggest/{_kind}",
            _make(_kind),
            methods=["GET"],
            summary=f"Reconciliation API {_version}: suggest {_kind} by prefix",
            operation_id=f"suggest_{_kind}_{_version.replace('.', '_').replace('-', '_')}",
        )
    router.add_api_route(
        f"{_root}/preview",
        _preview,
        methods=["GET"],
        response_class=HTMLResponse,
        summary=f"Reconciliation API {_version}: an HTML preview of one entity (?id=)",
        operation_id=f"preview_{_version.replace('.', '_').replace('-', '_')}",
    )
