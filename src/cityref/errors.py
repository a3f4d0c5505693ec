"""Errors with stable codes, one HTTP status table and one body shape (RFC 9457 problem details).

Services raise these; the HTTP layer renders them with :func:`problem_response`, the CLI prints ``str(error)``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_BASE = "https://w3id.org/cityref/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"


class CityrefError(Exception):
    """Base error: a stable ``code``, an HTTP ``status``, a human ``detail`` and optional extra members."""

    code: ClassVar[str] = "internal-error"
    status: ClassVar[int] = 500
    title: ClassVar[str] = "Internal error"

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra

    def to_problem(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": PROBLEM_BASE + self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
        }
        if instance:
            body["instance"] = instance
        body.update(self.extra)
        return body


class BadRequest(CityrefError):
    code, status, title = "bad-request", 400, "Bad request"


class SyntaxProblem(BadRequest):
    """Malformed RDF or SPARQL; ``line`` and ``column`` (1-based) say where, when known."""

    code, title = "syntax-error", "Syntax error"


class Unauthorized(CityrefError):
    code, status, title = "unauthorized", 401, "Authentication required"


class Forbidden(CityrefError):
    code, status, title = "forbidden", 403, "Forbidden"


class NotFound(CityrefError):
    code, status, title = "not-found", 404, "Not found"


class NotAcceptable(CityrefError):
    code, status, title = "not-acceptable", 406, "Not acceptable"


class Gone(CityrefError):
    code, status, title = "gone", 410, "Gone"


class PayloadTooLarge(CityrefError):
    code, status, title = "payload-too-large", 413, "Payload too large"


class UnsupportedMediaType(CityrefError):
    code, status, title = "unsupported-media-type", 415, "Unsupported media type"


class LimitExceeded(CityrefError):
    """A configured limit other than body size (triple cap, list length...); ``limit`` names it."""

    code, status, title = "limit-exceeded", 422, "Limit exceeded"


class InvalidParameters(CityrefError):
    """Query, path or body parameters the route's declared types reject; ``errors`` lists each one."""

    code, status, title = "invalid-parameters", 422, "Invalid parameters"


class Busy(CityrefError):
    code, status, title = "busy", 503, "Service busy"


class BudgetExceeded(CityrefError):
    """A query or validation ran out of its time budget and was stopped."""

    code, status, title = "timeout", 504, "Time budget exceeded"


class UpstreamError(CityrefError):
    code, status, title = "upstream-error", 502, "Upstream store error"


def problem_response(error: CityrefError, request: Request | None = None) -> JSONResponse:
    instance = str(request.url.path) if request is not None else None
    return JSONResponse(
        error.to_problem(instance), status_code=error.status, headers=error.headers, media_type=PROBLEM_MEDIA_TYPE
    )


def install_handlers(app: FastAPI) -> None:
    """Render every error, ours and the framework's, as problem+json."""

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
