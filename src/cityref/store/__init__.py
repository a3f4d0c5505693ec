"""The dataset store: one interface, an embedded Oxigraph and any remote SPARQL 1.1 server.

>>> from cityref.settings import Settings
>>> store = open_store(Settings(data_dir=None))
>>> store.kind, [g.iri for g in store.graphs()]
('embedded', [None])
>>> store.close()
"""

from __future__ import annotations

from cityref.settings import Settings
from cityref.store.base import (
    EXAMPLETON_GRAPH,
    ONTOLOGY_GRAPH,
    SHAPES_GRAPH,
    SYSTEM_GRAPH,
    GraphInfo,
    QueryOutcome,
    QueryRequest,
    Store,
)
from cityref.store.bootstrap import bootstrap
from cityref.store.embedded import EmbeddedStore
from cityref.store.remote import RemoteLimits, RemoteStore

__all__ = [
    "EXAMPLETON_GRAPH",
    "ONTOLOGY_GRAPH",
    "SHAPES_GRAPH",
    "SYSTEM_GRAPH",
    "EmbeddedStore",
    "GraphInfo",
    "QueryOutcome",
    "QueryRequest",
    "RemoteStore",
    "Store",
    "bootstrap",
    "open_store",
]


def open_store(settings: Settings) -> Store:
    """The store the settings ask for: embedded (default; on disk at ``data_dir`` or in memory) or remote."""
    if settings.store == "remote":
        if not settings.remote_query_url:
            raise ValueError("CITYREF_REMOTE_QUERY_URL is required when CITYREF_STORE=remote")
        return RemoteStore(
            settings.remote_query_url,
            update_url=settings.remote_update_url,
            gsp_url=settings.remote_gsp_url,
            api_key=settings.remote_api_key,
            max_concurrent_queries=settings.max_concurrent_queries,
            max_triples=settings.max_triples,
            limits=RemoteLimits.from_settings(settings),
        )
    return EmbeddedStore(
        settings.data_dir,
        max_concurrent_queries=settings.max_concurrent_queries,
        max_triples=settings.max_triples,
    )
