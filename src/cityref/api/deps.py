"""Request dependencies as ``Annotated`` aliases, so that routes name what they need, not how it is found.

They are ``async`` because they only read ``app.state``: FastAPI runs a plain ``def`` dependency on a worker thread,
and those thread hops cost more than a small query (docs/benchmarks.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from cityref.api.gates import Work
from cityref.ontology.model import Ontology
from cityref.settings import Settings
from cityref.store import Store
from cityref.terms import TermIndex
from cityref.validation import Profile


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_ontology(request: Request) -> Ontology:
    ontology: Ontology = request.app.state.ontology
    return ontology


async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_terms(request: Request) -> TermIndex:
    terms: TermIndex = request.app.state.terms
    return terms


async def get_work(request: Request) -> Work:
    work: Work = request.app.state.work
    return work


async def get_profiles(request: Request) -> dict[str, Profile]:
    profiles: dict[str, Profile] = request.app.state.profiles
    return profiles


SettingsDep = Annotated[Settings, Depends(get_settings)]
OntologyDep = Annotated[Ontology, Depends(get_ontology)]
TermsDep = Annotated[TermIndex, Depends(get_terms)]
StoreDep = Annotated[Store, Depends(get_store)]
WorkDep = Annotated[Work, Depends(get_work)]
ProfilesDep = Annotated[dict[str, Profile], Depends(get_profiles)]
