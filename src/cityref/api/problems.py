"""Errors as HTTP responses: every error, ours and the framework's, becomes one problem+json body (RFC 9457), or,
for a browser, the same problem as an HTML page in the site's shell.

The choice follows Accept: an HTML page only when the client prefers ``text/html`` to JSON (browsers send
``text/html`` first and ``*/*`` at a lower q); ``*/*``, ``application/json``, no Accept at all and every tie get
problem+json, so scripts and API clients see exactly what they saw before.

An exception nothing handles is caught by :class:`CatchAll`, logged once as one JSON line (``cityref.error``) and
answered as a problem+json 500 carrying the request id, so a user's report can be matched to the log line.
"""

from __future__ import annotations

import json
import logging
import traceback
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cityref import media, templates
from cityref.api.ui import UI, reader
from cityref.errors import PROBLEM_BASE, PROBLEM_MEDIA_TYPE, CityrefError, InvalidParameters
from cityref.terms.record import NS

ERROR_LOGGER = "cityref.error"
error_log = logging.getLogger(ERROR_LOGGER)


_ERROR_OFFERS = (
    media.Format("problem", PROBLEM_MEDIA_TYPE, "json", aliases=("application/json",)),
    media.Format("html", media.HTML, "html"),
)


def wants_html(scope: Scope) -> bool:
    """Whether the client in ``scope`` prefers an HTML error page to problem+json (ties go to problem+json)."""
    accept = next((bytes(v).decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == b"accept"), None)
    if not accept or "html" not in accept.lower():
        return False
    chosen = media.choose(accept, _ERROR_OFFERS)
    return chosen is not None and chosen[0].name == "html"


def _suggestion_links(values: object, ui: UI) -> list[tuple[str, str]]:
    """Links to the terms a 404 suggests (IRIs of our namespace become local pages)."""
    out: list[tuple[str, str]] = []
    for value in values if isinstance(values, list) else []:
        text = str(value)
        if text.startswith(NS):
            out.append((ui.url("/def/" + text.removeprefix(NS)), text.removeprefix(NS)))
        elif text.startswith("/"):
            out.append((ui.url(text), text))
    return out


def error_page(body: dict[str, Any], status: int, headers: dict[str, str], scope: Scope) -> Response:
    """The problem ``body`` as an HTML page for a browser, with the same status and headers."""
    ui = reader(scope)
    found = body.get("errors")
    errors: list[Any] = found if isinstance(found, list) else []
    invalid = [
        (".".join(str(p) for p in e.get("loc", [])), str(e.get("msg", ""))) for e in errors if isinstance(e, dict)
    ]
    known = body.get("known") or body.get("supported") or body.get("offers")
    page = templates.render(
        "error.html",
        ui.lang,
        ui=ui,
        problem=body,
        retry_after=headers.get("Retry-After"),
        suggestions=_suggestion_links(body.get("suggestions"), ui),
        known=[str(k) for k in known] if isinstance(known, list) else [],
        invalid=invalid,
    )
    return HTMLResponse(
        page,
        status_code=status,
        headers={**headers, "Vary": "Accept, Accept-Language, Cookie", "Content-Language": ui.lang},
    )


def problem_body_response(
    body: dict[str, Any], status: int, headers: dict[str, str], scope: Scope | None
) -> JSONResponse | Response:
    """``body`` as problem+json, or as an error page when the client is a browser (see :func:`wants_html`)."""
    if scope is not None and wants_html(scope):
        try:
            return error_page(body, status, headers, scope)
        except Exception as exc:  # the page must never hide the error: log it, answer problem+json
            log_unexpected(scope, exc)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


def problem_response(error: CityrefError, request: Request | None = None) -> JSONResponse | Response:
    instance = str(request.url.path) if request is not None else None
    scope = request.scope if request is not None else None
    return problem_body_response(error.to_problem(instance), error.status, error.headers, scope)


def _request_id(scope: Scope) -> str | None:
    state = scope.get("state") or {}
    request_id = state.get("request_id") if isinstance(state, dict) else None
    return request_id if isinstance(request_id, str) else None


def unexpected(scope: Scope) -> JSONResponse | Response:
    """The problem+json 500 (an error page for a browser) for an exception nothing handled; it names the request id
    and nothing else."""
    request_id = _request_id(scope)
    error = CityrefError(
        "The server met an unexpected error; quote the request id when you report it", request_id=request_id
    )
    return problem_body_response(error.to_problem(scope.get("path")), 500, error.headers, scope)


def log_unexpected(scope: Scope, exc: BaseException) -> None:
    """One JSON line for one unexpected exception, its traceback as a single string field."""
    route = getattr(scope.get("route"), "path", None)
    entry: dict[str, Any] = {
        "event": "unhandled-exception",
        "request_id": _request_id(scope),
        "method": scope.get("method"),
        "path": scope.get("path"),
        "route": route if isinstance(route, str) else None,
        "exception": f"{type(exc).__module__}.{type(exc).__qualname__}",
        "message": str(exc),
        "traceback": "".join(traceback.format_exception(exc)),
    }
    error_log.error(json.dumps(entry, ensure_ascii=False))


class CatchAll:
    """ASGI middleware: an exception that no handler took becomes a logged problem+json 500.

    It does not re-raise (Starlette's ServerErrorMiddleware does, and the server then prints the traceback a second
    time); the access log, outside it, sees and records the 500 it sends."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            log_unexpected(scope, exc)
            if not started:  # else the response is half sent: the server closes the connection, nothing more to say
                await unexpected(scope)(scope, receive, send)


def install_handlers(app: FastAPI) -> None:
    """Render every error, ours and the framework's, as problem+json."""
    if not error_log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        error_log.addHandler(handler)
        error_log.setLevel(logging.INFO)

    async def on_cityref_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, CityrefError)
        return problem_response(exc, request)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        error = CityrefError(str(exc.detail), headers=dict(exc.headers or {}))
        body = error.to_problem(str(request.url.path))
        body.update(status=exc.status_code, title=str(exc.detail), code=f"http-{exc.status_code}")
        body["type"] = PROBLEM_BASE + body["code"]
        return problem_body_response(body, exc.status_code, error.headers, request.scope)

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return problem_response(InvalidParameters("The request parameters are not valid", errors=errors), request)

    app.add_exception_handler(CityrefError, on_cityref_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)

    async def on_anything_else(request: Request, exc: Exception) -> Response:
        # Only what escapes CatchAll gets here (a fault in a middleware outside it). Starlette re-raises after this
        # and the server logs the traceback, so it is not logged here as well.
        return unexpected(request.scope)

    app.add_exception_handler(Exception, on_anything_else)
    # Added first, so innermost of the middlewares: every route, dependency and exception handler runs inside it.
    app.add_middleware(CatchAll)
