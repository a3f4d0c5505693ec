"""The app factory: everything the service needs is built in the lifespan from one ``Settings`` and kept on
``app.state``; nothing is built at import time, so tests make their own app with their own settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from cityref.errors import install_handlers
from cityref.model import Ontology
from cityref.settings import Settings

VERSION = "0.1.0"


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the cityref web application; its services start when the lifespan starts."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.ontology = Ontology()
        yield

    app = FastAPI(
        title="cityref",
        version=VERSION,
        summary="The ISO 37106 smart city operating model as a queryable reference service",
        lifespan=lifespan,
    )
    app.state.settings = settings
    install_handlers(app)

    from cityref.api import api_router

    app.include_router(api_router)
    return app
