"""The app factory: everything the service needs is built in the lifespan from one ``Settings`` and kept on
``app.state``; nothing is built at import time, so tests make their own app with their own settings."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from cityref._version import VERSION
from cityref.api.gates import Work, WorkCollector
from cityref.api.problems import install_handlers
from cityref.api.security import install_security
from cityref.ontology.model import load_ontology
from cityref.settings import Settings
from cityref.store import bootstrap, open_store
from cityref.store.monitor import StoreSupervisor
from cityref.terms import TermIndex
from cityref.validation import load_profiles
from cityref.workers import probe

log = logging.getLogger("cityref")


def log_start(app: FastAPI, settings: Settings) -> None:
    """Say once, at start, what this server holds and how it is bounded (``cityref serve`` shows INFO lines)."""
    from cityref.sparql import canned

    store = app.state.store
    try:
        graphs = ", ".join(f"{g.iri or 'default'} ({g.triples} triples)" for g in store.graphs() if g.triples or g.iri)
    except Exception:  # a remote store that is down: it says so itself, and the rest is still worth telling
        graphs = "not known yet (the store is not answering)"
    where = getattr(store, "data_dir", None) or getattr(store, "query_url", "")
    log.info("store: %s at %s; graphs: %s", store.kind, where, graphs or "none")
    log.info(
        "profiles: %d; canned queries: %d; terms: %d; network sandbox: %s",
        len(app.state.profiles),
        len(canned.catalogue()),
        len(app.state.terms),
        "in place" if app.state.sandbox.get("networkDenied") else f"missing ({app.state.sandbox.get('problem')})",
    )
    log.info(
        "limits: body %d bytes, %d triples, query %gs (max %gs), %d query slots + %d waiting, %d validation workers"
        " + %d waiting, validation %gs, worker memory %d/%d/%d MiB (query/validation/parse), writes %s",
        settings.max_body_bytes,
        settings.max_triples,
        settings.query_timeout_s,
        settings.max_query_timeout_s,
        settings.max_concurrent_queries,
        settings.query_queue,
        settings.validation_workers,
        settings.validation_queue,
        settings.validation_timeout_s,
        settings.query_worker_memory_mb,
        settings.validation_worker_memory_mb,
        settings.parse_worker_memory_mb,
        "need a key" if settings.api_key_hashes or settings.api_keys else "closed (no key configured)",
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the cityref web application; its services start when the lifespan starts."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.ontology = load_ontology()
        app.state.terms = TermIndex.build(app.state.ontology)
        app.state.profiles = load_profiles()
        app.state.sandbox = await run_in_threadpool(probe.sandbox_self_test)
        if settings.require_network_sandbox and not app.state.sandbox["networkDenied"]:
            raise RuntimeError(
                "Worker processes here can still open network connections "
                f"({app.state.sandbox.get('problem')}); set CITYREF_REQUIRE_NETWORK_SANDBOX=false to run anyway"
            )
        app.state.work = Work.from_settings(settings)
        await run_in_threadpool(app.state.work.sparql.warm_up)
        try:
            app.state.store = store = open_store(settings)
            # Loads the shipped graphs; a remote store that is down is loaded later and watched (store/monitor.py).
            app.state.supervisor = StoreSupervisor(
                store, settings, lambda: bootstrap(store, app.state.ontology, load_examples=settings.load_examples)
            )
            try:
                app.state.supervisor.start()
                log_start(app, settings)
                yield
            finally:
                app.state.supervisor.stop()
                store.close()
        finally:
            app.state.work.close()

    app = FastAPI(
        title="cityref",
        version=VERSION,
        summary="The ISO 37106 smart city operating model as a queryable reference service",
        lifespan=lifespan,
        docs_url=None,  # /docs and /redoc are served from this server's own copies (cityref.api.docs)
        redoc_url=None,
        # FastAPI's OpenTelemetry asks on every request whether a provider is set up (a tenth of a term lookup's
        # time); only where the operator wants it. cityref's own metrics are /metrics.
        telemetry={
            "tracing": settings.opentelemetry,
            "metrics": settings.opentelemetry,
            "logs": settings.opentelemetry,
        },
    )
    app.state.settings = settings
    install_handlers(app)
    install_security(app, settings)  # keys in URLs, rate limits, body cap, headers: inside the access log

    from cityref.api.docs import install_docs
    from cityref.api.head import HeadAsGet

    install_docs(app)
    from cityref.api.observability import install_observability

    app.add_middleware(HeadAsGet)  # inside the access log, which so records the request as HEAD
    metrics = install_observability(app, settings)
    metrics.registry.register(WorkCollector(app))

    from cityref.api import ROUTERS

    for router in ROUTERS:
        app.include_router(router)
    if settings.hot_routes:
        from cityref.api.hot import install_hot_routes

        install_hot_routes(app)
    return app
