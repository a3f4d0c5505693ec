"""HTTP interface: one router per resource, gathered here."""

from fastapi import APIRouter

from cityref.api import (
    dereference,
    graphs,
    health,
    home,
    ontology,
    reconcile,
    sparql,
    terms,
    validation,
    validation_page,
)
from cityref.api import queries as canned_queries

api_router = APIRouter()
api_router.include_router(home.router)
api_router.include_router(health.router)
api_router.include_router(ontology.router)
api_router.include_router(terms.router)
api_router.include_router(dereference.router)
api_router.include_router(reconcile.router)
api_router.include_router(canned_queries.router)
api_router.include_router(sparql.router)
api_router.include_router(graphs.router)
api_router.include_router(validation.router)
api_router.include_router(validation_page.router)
