"""The dataset store: one interface, an embedded Oxigraph and any remote SPARQL 1.1 server.

>>> from cityref.settings import Settings
>>> store = open_store(Settings(data_dir=None))
>>> store.kind, [g.iri for g in store.graphs()]
('embedded', [None])
>>> store.close()

The names are loaded on first use: worker processes import single modules of this package (the query worker, the
writer) and must not pay for the rest.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from cityref.store.base import (
    EXAMPLETON_GRAPH,
    ONTOLOGY_GRAPH,
    SHAPES_GRAPH,
    GraphInfo,
    QueryOutcome,
    QueryRequest,
    Store,
)

if TYPE_CHECKING:
    from cityref.settings import Settings
    from cityref.store.embedded import EmbeddedStore
    from cityref.store.remote import RemoteStore
    from cityref.store.shipped import bootstrap

__all__ = [
    "EXAMPLETON_GRAPH",
    "ONTOLOGY_GRAPH",
    "SHAPES_GRAPH",
    "EmbeddedStore",
    "GraphInfo",
    "QueryOutcome",
    "QueryRequest",
    "RemoteStore",
    "Store",
    "bootstrap",
    "open_store",
]

_LAZY = {
    "bootstrap": "cityref.store.shipped",
    "EmbeddedStore": "cityref.store.embedded",
    "RemoteStore": "cityref.store.remote",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'cityref.store' has no attribute {name!r}")


def open_store(settings: Settings) -> Store:
    """The store the settings ask for: embedded (default; on disk at ``data_dir`` or in a temporary directory) or
    remote."""
    if settings.store == "remote":
        from cityref.store.remote import RemoteLimits, RemoteStore

        if not settings.remote_query_url:
            raise ValueError("CITYREF_REMOTE_QUERY_URL is required when CITYREF_STORE=remote")
        return RemoteStore(
            settings.remote_query_url,
            update_url=settings.remote_update_url,
            gsp_url=settings.remote_gsp_url,
            api_key=settings.remote_api_key,
            limits=RemoteLimits.from_settings(settings),
        )
    from cityref.store.embedded import EmbeddedStore, limits_from

    return EmbeddedStore(settings.data_dir, limits=limits_from(settings))
