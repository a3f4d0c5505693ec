"""Request dependencies as ``Annotated`` aliases, so that routes name what they need, not how it is found."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from cityref.model import Ontology
from cityref.settings import Settings


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_ontology(request: Request) -> Ontology:
    ontology: Ontology = request.app.state.ontology
    return ontology


SettingsDep = Annotated[Settings, Depends(get_settings)]
OntologyDep = Annotated[Ontology, Depends(get_ontology)]
