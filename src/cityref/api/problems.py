"""Errors as HTTP responses: every error, ours and the framework's, becomes one problem+json body (RFC 9457)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from cityref.errors import PROBLEM_BASE, PROBLEM_MEDIA_TYPE, CityrefError, InvalidParameters


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
