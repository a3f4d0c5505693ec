"""Liveness: the service is up, which ontology version it serves, and how its store is doing.

``/health`` never calls the store: it reads the state the store's calls and the background monitor keep
(:mod:`cityref.store.monitor`), so it answers at once even while the store is frozen. It is ``async`` and takes no
sync dependencies, so it needs none of the worker threads that stuck store calls may be holding.

``sandbox`` says whether worker processes here really cannot open connections (checked once at start by a probe
worker; see :func:`cityref.workers.probe.sandbox_self_test`); a server whose workers could, with no host allow-listed,
is degraded.

It answers 200 in both states: it says whether this process is alive, and a replica whose store is down is still
alive and serving terms and pages (a 503 here would make an orchestrator restart replicas that are fine and could
not bring the store back). ``"status": "degraded"`` and the ``store`` member say what is wrong.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from cityref._version import VERSION
from cityref.store.health import store_state
from cityref.store.monitor import StoreSupervisor

router = APIRouter(tags=["service"])


@router.get("/health", summary="Service liveness, versions and the store's state")
async def health(request: Request) -> dict[str, Any]:
    state = request.app.state
    supervisor: StoreSupervisor | None = getattr(state, "supervisor", None)
    store = store_state(state.store).as_json()
    store["graphsLoaded"] = supervisor.graphs_loaded if supervisor is not None else False
    sandbox = getattr(state, "sandbox", None) or {"networkDenied": None}
    network_free = sandbox.get("networkDenied") is True or bool(state.settings.allowed_remote_hosts)
    degraded = store["state"] != "up" or not store["graphsLoaded"] or not network_free
    return {
        "status": "degraded" if degraded else "ok",
        "version": VERSION,
        "ontologyVersion": state.ontology.version,
        "store": store,
        "sandbox": sandbox,
    }
