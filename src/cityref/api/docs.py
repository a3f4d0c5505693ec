"""``/docs`` (Swagger UI) and ``/redoc``, served entirely by this server.

FastAPI's own pages load Swagger UI and ReDoc from a CDN, so they are blank offline and tell a third party who reads
the documentation. The ``fastapi-offline`` package ships both bundles (and a favicon) as package data; they are
mounted at :data:`cityref.api.security.DOCS_ASSETS` and these pages point at them.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

from cityref.api.security import DOCS_ASSETS

DOCS_PATHS = {"/docs": "swagger", "/redoc": "redoc"}
"""Each documentation page and its kind (the security middleware gives each its own policy)."""


def install_docs(app: FastAPI) -> None:
    """Add ``/docs`` and ``/redoc`` to ``app`` (built with ``docs_url=None, redoc_url=None``)."""

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} · Swagger UI",
            swagger_js_url=f"{root}{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{root}{DOCS_ASSETS}/favicon.png",
            # No call to the public validator service: the badge would ask another host about our description.
            swagger_ui_parameters={**(app.swagger_ui_parameters or {}), "validatorUrl": None},
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} · ReDoc",
            redoc_js_url=f"{root}{DOCS_ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{DOCS_ASSETS}/favicon.png",
            with_google_fonts=False,
        )
