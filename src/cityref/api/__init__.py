"""HTTP interface: one router per resource, gathered here."""

from __future__ import annotations

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

ROUTERS: list[APIRouter] = [
    home.router,
    health.router,
    ontology.router,
    terms.router,
    dereference.router,
    reconcile.router,
    canned_queries.router,
    sparql.router,
    graphs.router,
    validation.router,
    validation_page.router,
]
"""Each included in the app directly: one level of routers less to walk for every request."""
