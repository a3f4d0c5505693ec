"""HTTP interface: one router per resource, gathered here."""

from fastapi import APIRouter

from cityref.api import health, ontology

api_router = APIRouter()
api_router.include_router(health.router)
api_router.include_router(ontology.router)
