"""Reconciliation endpoints.

``/reconcile`` speaks API 0.2 as OpenRefine does: manifest on GET, batches in the ``queries`` parameter (GET or form
POST), data extension in ``extend``, suggest, preview and property proposals at the paths the manifest names.

``/reconcile/v1`` speaks the 1.0 draft, whose routes are fixed relative to the endpoint: ``GET /`` (manifest),
``POST /match``, ``/suggest/{entity,property,type}``, ``/preview?id=``, ``POST /extend`` and ``/extend/propose``.
Both are served with ``Access-Control-Allow-Origin: *`` (see :mod:`cityref.api.reconcile_cors`).
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from cityref import templates
from cityref._version import VERSION
from cityref.api.deps import SettingsDep, TermsDep
from cityref.api.term_http import check_bulk, check_query
from cityref.api.ui import reader
from cityref.errors import BadRequest
from cityref.lang import MAX_LANGUAGES
from cityref.settings import Settings
from cityref.terms import TermIndex, describe, parse_lang
from cityref.terms.extend import DEFAULT_CHAIN, SETTINGS, Extender, ExtendQuery, parse_extend
from cityref.terms.reconcile import Query as ReconQuery
from cityref.terms.reconcile import Reconciler, Result, query_v02, query_v1
from cityref.terms.record import NS
from cityref.terms.text import LangChain

router = APIRouter(tags=["reconciliation"])

_CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")
_ACCEPT_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
PREVIEW_SIZE = {"width": 430, "height": 180}
NAME = "cityref: ISO 37106 smart city reference model"
SUGGEST_LIMIT, MAX_SUGGEST = 10, 100
V02, V1 = "/reconcile", "/reconcile/v1"

Prefix = Annotated[str, Query(description="What the user has typed (empty: every entry, page by page)")]
Lang = Annotated[str | None, Query(description="Language chain for names, e.g. `fr,en` (default: Accept-Language)")]
Limit = Annotated[int, Query(ge=1, le=MAX_SUGGEST, description="How many suggestions")]
Offset = Annotated[int, Query(ge=0, le=10_000, description="How many suggestions to skip")]


def _base(settings: Settings) -> str:
    return settings.public_base_url()  # the manifest's URLs must be absolute, but never from the Host header


def accept_language(header: str | None) -> LangChain:
    """The client's Accept-Language as a chain, best first (q=0 and ``*`` dropped). Browsers send it unasked, so
    a tag we cannot read is skipped rather than refused."""
    if not header:
        return None
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[: MAX_LANGUAGES * 2]):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip()
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if quality > 0 and _ACCEPT_TAG.match(tag):
            weighted.append((-quality, position, tag.lower()))
    chain = tuple(dict.fromkeys(tag for _, _, tag in sorted(weighted)))[:MAX_LANGUAGES]
    return chain or None


def _audience(request: Request, lang: str | None) -> LangChain:
    """The languages to name things in: ``lang=`` when given, else the Accept-Language header."""
    return parse_lang(lang) if lang else accept_language(request.headers.get("accept-language"))


# ---- manifests -------------------------------------------------------------------------------------------------


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
        "preview": {"url": base + V02 + "/preview?id={{id}}", **PREVIEW_SIZE},
        "defaultTypes": reconciler.types(concept_classes_only=True),
        "suggest": {
            "entity": service(V02 + "/suggest/entity"),
            "type": service(V02 + "/suggest/type"),
            "property": service(V02 + "/suggest/property"),
        },
        "extend": {
            "propose_properties": service(V02 + "/extend/propose"),
            "property_settings": [  # the same settings under 0.2's key names
                {
                    "name": s["id"],
                    "label": s["name"],
                    "type": s["type"],
                    "default": s["default"],
                    "help_text": s["helpText"],
                }
                for s in SETTINGS
            ],
        },
    }


def manifest_v1(index: TermIndex, base: str, settings: Settings) -> dict[str, Any]:
    """The 1.0-draft manifest: no identifierSpace or schemaSpace (the draft dropped them), an RFC 6570 view
    template, and sub-services announced by flags, since their routes are fixed relative to the endpoint."""
    return {
        "versions": ["1.0-draft"],
        "name": NAME,
        "documentation": base + "/docs",
        "serviceVersion": VERSION,
        "lang": "en",
        "view": {"url": base + "/def/{id}"},
        "preview": dict(PREVIEW_SIZE),
        "defaultTypes": Reconciler(index).types(concept_classes_only=True),
        "suggest": {"entity": True, "property": True, "type": True},
        "extend": {"proposeProperties": True, "propertySettings": SETTINGS},
        "batchSize": settings.max_bulk_items,
        "standardizedScore": True,
    }


# ---- parsing and limits ----------------------------------------------------------------------------------------


def _checked(queries: list[ReconQuery], settings: Settings) -> list[ReconQuery]:
    """Every string a batch carries counts against the limits: names, ids, types and property values alike, since
    each is looked up (a label search) for every candidate."""
    check_bulk(len(queries), settings)
    for query in queries:
        strings = query.strings
        check_bulk(len(strings), settings)
        for value in strings:
            check_query(value, settings, "query" if value in query.names else "value")
    return queries


def _checked_extend(query: ExtendQuery, settings: Settings) -> ExtendQuery:
    check_bulk(len(query.ids), settings)
    check_bulk(len(query.properties), settings)
    for value in [*query.ids, *(p.id for p in query.properties)]:
        check_query(value, settings, "value")
    return query


def _parse_json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadRequest(f"The {name} parameter is not valid JSON: {error.msg} at character {error.pos}") from None
    except RecursionError:
        raise BadRequest(f"The {name} parameter is nested too deeply") from None
    except ValueError as error:  # an integer longer than Python's digit limit, among others
        raise BadRequest(f"The {name} parameter is not valid JSON: {error}") from None


def _result_v02(result: Result) -> dict[str, Any]:
    body: dict[str, Any] = {"result": result.candidates}
    if result.errors:
        body["errors"] = result.errors
    return body


def _result_v1(result: Result) -> dict[str, Any]:
    body: dict[str, Any] = {"candidates": result.candidates}
    if result.errors:
        body["errors"] = result.errors
    return body


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
        return {key: _result_v02(reconciler.answer(q)) for key, q in parsed.items()}
    assert query is not None
    single = query_v02(_parse_json(query, "query") if query.lstrip().startswith("{") else query)
    single.chain = chain
    _checked([single], settings)
    return _result_v02(reconciler.answer(single))


def _extend_v02(index: TermIndex, settings: Settings, extend: str, lang: str | None) -> dict[str, Any]:
    query = _checked_extend(parse_extend(_parse_json(extend, "extend")), settings)
    return Extender(index).extend(query, parse_lang(lang, DEFAULT_CHAIN)).v02()


def _jsonp(data: Any, callback: str | None, settings: Settings) -> Response:
    """JSONP only when the operator switched it on (it lets any site read the answer), and only for a plain name."""
    if callback and settings.reconcile_jsonp:
        if not _CALLBACK.match(callback):
            raise BadRequest(f"Invalid JSONP callback name {callback!r}")
        body = f"/**/{callback}({json.dumps(data, ensure_ascii=False)});"
        return Response(body, media_type="application/javascript")
    return JSONResponse(data)


# ---- API 0.2 ---------------------------------------------------------------------------------------------------


@router.get(V02, summary="Reconciliation API 0.2: the manifest, or answers to ?queries= (or ?extend=)")
def reconcile_get(
    terms: TermsDep,
    settings: SettingsDep,
    queries: Annotated[
        str | None, Query(description='A JSON batch: {"q0": {"query": "B5", "type": "Practice"}}')
    ] = None,
    query: Annotated[str | None, Query(description="One query, as a string or JSON object")] = None,
    extend: Annotated[
        str | None, Query(description='A data extension query: {"ids": ["B5"], "properties": [{"id": "iri"}]}')
    ] = None,
    callback: Annotated[str | None, Query(description="JSONP callback (only if the server enables JSONP)")] = None,
    lang: Lang = None,
) -> Response:
    if extend is not None:
        return _jsonp(_extend_v02(terms, settings, extend, lang), callback, settings)
    if queries is None and query is None:
        return _jsonp(manifest_v02(terms, _base(settings)), callback, settings)
    return _jsonp(_answer_v02(terms, settings, queries, query, lang), callback, settings)


@router.post(V02, summary="Reconciliation API 0.2: answer a batch (form field `queries`) or extend (`extend`)")
def reconcile_post(
    terms: TermsDep,
    settings: SettingsDep,
    queries: Annotated[str | None, Form(description="A JSON batch keyed by query id")] = None,
    query: Annotated[str | None, Form(description="One query, as a string or JSON object")] = None,
    extend: Annotated[str | None, Form(description="A data extension query, as JSON")] = None,
    lang: Annotated[str | None, Form(description="Language chain for names")] = None,
) -> JSONResponse:
    if extend is not None:
        return JSONResponse(_extend_v02(terms, settings, extend, lang))
    if queries is None and query is None:
        raise BadRequest("Send a queries (or query, or extend) form field")
    return JSONResponse(_answer_v02(terms, settings, queries, query, lang))


@router.get(V02 + "/extend/propose", summary="Reconciliation API 0.2: properties to fetch for a type")
def propose_v02(
    terms: TermsDep,
    type_: Annotated[str | None, Query(alias="type", description="Type id, e.g. Practice")] = None,
    limit: Annotated[int | None, Query(ge=1, le=1000)] = None,
) -> dict[str, Any]:
    return _propose(terms, type_, limit)


# ---- API 1.0 draft ---------------------------------------------------------------------------------------------


@router.get(V1, summary="Reconciliation API 1.0-draft: the service manifest (or ?extend=, as POST /extend)")
def manifest_draft(
    request: Request,
    terms: TermsDep,
    settings: SettingsDep,
    extend: Annotated[
        str | None, Query(description="A data extension query, as JSON (as POST /extend takes it)")
    ] = None,
) -> dict[str, Any]:
    if extend is not None:
        # Not in the draft (whose manifest route takes no parameters): the CG's test bench still sends data
        # extension this way, as 0.2 did, so it is answered here in the draft's shape.
        return _extend_v1(terms, settings, _parse_json(extend, "extend"), request)
    return manifest_v1(terms, _base(settings), settings)


def _match(terms: TermIndex, settings: Settings, body: Any, request: Request) -> dict[str, Any]:
    raw = body.get("queries") if isinstance(body, dict) else None
    if not isinstance(raw, list):
        raise BadRequest('The body must be {"queries": [...]}')
    check_bulk(len(raw), settings)
    parsed = _checked([query_v1(q) for q in raw], settings)
    audience = accept_language(request.headers.get("accept-language"))
    return {"results": [_result_v1(r) for r in Reconciler(terms).run(parsed, audience)]}


MatchBody = Annotated[
    dict[str, Any],
    Body(description='{"queries": [{"conditions": [{"matchType": "name", "propertyValue": "B5"}]}]}'),
]


@router.post(V1 + "/match", summary="Reconciliation API 1.0-draft: answer a JSON batch of queries")
def match_draft(request: Request, terms: TermsDep, settings: SettingsDep, body: MatchBody) -> dict[str, Any]:
    return _match(terms, settings, body, request)


@router.get(V1 + "/match", summary="Reconciliation API 1.0-draft: a batch in ?queries= (a link to the answer)")
def match_draft_get(
    request: Request,
    terms: TermsDep,
    settings: SettingsDep,
    queries: Annotated[str, Query(description='The JSON batch {"queries": [...]}, as POST /match takes it')],
) -> dict[str, Any]:
    # Not in the draft, which only POSTs: the CG's test bench links to the answer this way.
    return _match(terms, settings, _parse_json(queries, "queries"), request)


@router.post(
    V1 + "/reconcile",
    summary="Reconciliation API 1.0-draft: the former path of /match",
    deprecated=True,
)
def reconcile_draft(request: Request, terms: TermsDep, settings: SettingsDep, body: MatchBody) -> dict[str, Any]:
    # Kept so that clients written against earlier cityref releases keep working; the draft's route is /match.
    return _match(terms, settings, body, request)


ExtendBody = Annotated[
    dict[str, Any],
    Body(description='{"ids": ["B5"], "properties": [{"id": "iri"}, {"id": "label", "settings": {"lang": "fr"}}]}'),
]


@router.post(V1 + "/extend", summary="Reconciliation API 1.0-draft: property values of entities (data extension)")
def extend_draft(request: Request, terms: TermsDep, settings: SettingsDep, body: ExtendBody) -> dict[str, Any]:
    return _extend_v1(terms, settings, body, request)


def _extend_v1(terms: TermIndex, settings: Settings, body: Any, request: Request) -> dict[str, Any]:
    query = _checked_extend(parse_extend(body), settings)
    chain = accept_language(request.headers.get("accept-language")) or DEFAULT_CHAIN
    return Extender(terms).extend(query, chain).v1()


@router.get(V1 + "/extend/propose", summary="Reconciliation API 1.0-draft: properties to fetch for a type")
def propose_draft(
    terms: TermsDep,
    type_: Annotated[str | None, Query(alias="type", description="Type id, e.g. Practice")] = None,
    limit: Annotated[int | None, Query(ge=1, le=1000)] = None,
) -> dict[str, Any]:
    return _propose(terms, type_, limit)


def _propose(terms: TermIndex, type_: str | None, limit: int | None) -> dict[str, Any]:
    """Property proposals (the same body in both versions). An unknown type is a 400 naming it: unlike a batch,
    this request asks one thing only."""
    type_iri = terms.resolve_class(type_) if type_ else None
    body: dict[str, Any] = {"properties": Extender(terms).propose(type_iri, limit)}
    if type_:
        body["type"] = type_
    if limit:
        body["limit"] = limit
    return body


# ---- suggest and preview, under both roots ---------------------------------------------------------------------


def _preview(
    request: Request,
    terms: TermsDep,
    ident: Annotated[str, Query(alias="id", description="Entity id (local name such as B5)")],
    lang: Lang = None,
) -> HTMLResponse:
    """A card that fits the manifest's width and height: label, notation, types, definition, a link to the term's
    page. The page's own policy (see :mod:`cityref.api.security`) lets other sites frame it but run nothing."""
    record = Reconciler(terms).identify(ident)
    term = describe(terms, record, _audience(request, lang) or ("en",))
    definition_lang, definition = next(iter(term["definition"].items()), ("", ""))
    ui = reader(request.scope)
    html = templates.render(
        "preview.html",
        ui.lang,
        ui=ui,
        term=term,
        local=record.local,
        definition=definition,
        definition_lang=definition_lang,
    )
    return HTMLResponse(html)


def _make_suggest(kind: str, version: str) -> Any:
    def suggest(
        request: Request,
        terms: TermsDep,
        settings: SettingsDep,
        prefix: Prefix = "",
        lang: Lang = None,
        limit: Limit = SUGGEST_LIMIT,
        offset: Offset = 0,
        cursor: Annotated[int | None, Query(ge=0, le=10_000, description="0.2's name for offset")] = None,
    ) -> dict[str, Any]:
        check_query(prefix, settings, "prefix")
        skip = cursor if cursor is not None and version == "0.2" else offset
        reconciler, chain = Reconciler(terms), _audience(request, lang)
        if kind == "entity":
            return reconciler.suggest_entities(prefix, chain, limit, skip)
        if kind == "type":
            return reconciler.suggest_types(prefix, chain, limit, skip)
        return reconciler.suggest_properties(prefix, limit, skip)

    return suggest


for _root, _version in ((V02, "0.2"), (V1, "1.0-draft")):
    _op = _version.replace(".", "_").replace("-", "_")
    for _kind in ("entity", "type", "property"):
        router.add_api_route(
            f"{_root}/suggest/{_kind}",
            _make_suggest(_kind, _version),
            methods=["GET"],
            summary=f"Reconciliation API {_version}: suggest {_kind} by prefix",
            operation_id=f"suggest_{_kind}_{_op}",
        )
    router.add_api_route(
        f"{_root}/preview",
        _preview,
        methods=["GET"],
        response_class=HTMLResponse,
        summary=f"Reconciliation API {_version}: an HTML preview of one entity (?id=)",
        operation_id=f"preview_{_op}",
    )
