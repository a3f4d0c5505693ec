"""Errors as HTTP responses: every error, ours and the framework's, becomes one problem+json body (RFC 9457).

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
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cityref.errors import PROBLEM_BASE, PROBLEM_MEDIA_TYPE, CityrefError, InvalidParameters

ERROR_LOGGER = "cityref.error"
error_log = logging.getLogger(ERROR_LOGGER)


def problem_response(error: CityrefError, request: Request | None = None) -> JSONResponse:
    instance = str(request.url.path) if request is not None else None
    return JSONResponse(
        error.to_problem(instance), status_code=error.status, headers=error.headers, media_type=PROBLEM_MEDIA_TYPE
    )


def _request_id(scope: Scope) -> str | None:
    state = scope.get("state") or {}
    request_id = state.get("request_id") if isinstance(state, dict) else None
    return request_id if isinstance(request_id, str) else None


def unexpected(scope: Scope) -> JSONResponse:
    """The problem+json 500 for an exception nothing handled; it names the request id and nothing else."""
    request_id = _request_id(scope)
    error = CityrefError(
        "The server met an unexpected error; quote the request id when you report it", request_id=request_id
    )
    return JSONResponse(
        error.to_problem(scope.get("path")), status_code=500, media_type=PROBLEM_MEDIA_TYPE, headers=error.headers
    )


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

    async def on_cityref_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, CityrefError)
        return problem_response(exc, request)

    async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        error = CityrefError(str(exc.detail), headers=dict(exc.headers or {}))
        body = error.to_problem(str(request.url.path))
        body.update(status=exc.status_code, title=str(exc.detail), code=f"http-{exc.status_code}")
        body["type"] = PROBLEM_BASE + body["code"]
        return JSONResponse(body, status_code=exc.status_code, headers=error.headers, media_type=PROBLEM_MEDIA_TYPE)

    async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return problem_response(InvalidParameters("The request parameters are not valid", errors=errors), request)

    app.add_exception_handler(CityrefError, on_cityref_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)

    async def on_anything_else(request: Request, exc: Exception) -> JSONResponse:
        # Only what escapes CatchAll gets here (a fault in a middleware outside it). Starlette re-raises after this
        # and the server logs the traceback, so it is not logged here as well.
        return unexpected(request.scope)

    app.add_exception_handler(Exception, on_anything_else)
    # Added first, so innermost of the middlewares: every route, dependency and exception handler runs inside it.
    app.add_middleware(CatchAll)
