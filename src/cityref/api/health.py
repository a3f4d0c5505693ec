"""Liveness: the service is up and says which ontology version it serves."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from cityref.api.deps import OntologyDep
from cityref.app import VERSION

router = APIRouter(tags=["service"])


@router.get("/health", summary="Service liveness and versions")
def health(ontology: OntologyDep) -> dict[str, Any]:
    return {"status": "ok", "version": VERSION, "ontologyVersion": ontology.version}
