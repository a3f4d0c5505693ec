"""Liveness: the service is up and says which ontology version it serves."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from cityref._version import VERSION
from cityref.api.deps import OntologyDep

router = APIRouter(tags=["service"])


@router.get("/health", summary="Service liveness and versions")
def health(ontology: OntologyDep) -> dict[str, Any]:
    return {"status": "ok", "version": VERSION, "ontologyVersion": ontology.version}
