"""HTTP interface: one router per resource, gathered here."""

from __future__ import annotations

from fastapi import APIRouter

from cityref.api import (
    benefits,
    browse,
    cities,
    city_assessment,
    city_pictures,
    dereference,
    graphs,
    health,
    home,
    labels,
    model_page,
    ontology,
    reconcile,
    report,
    sparql,
    terms,
    ui,
    validation,
    validation_page,
)
from cityref.api import queries as canned_queries

ROUTERS: list[APIRouter] = [
    sparql.router,
    terms.router,
    dereference.router,
    canned_queries.router,
    health.router,
    reconcile.router,
    graphs.router,
    validation.router,
    validation_page.router,
    ontology.router,
    home.router,
    model_page.router,
    cities.router,
    labels.router,
    browse.router,
    benefits.router,
    report.router,
    city_pictures.router,
    city_assessment.router,
    ui.router,
]
"""Each included in the app directly (one level of routers less to walk for every request), the busiest first:
FastAPI tries routes in order, and matching was a third of a small query's time. No two routes answer the same
method and path, so the order changes nothing else."""
