"""Fixtures for the term tests: the shipped index, a small lifecycle ontology, and the reconciliation schemas."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7
from tests.conftest import CONFORMANCE, UNLIMITED

from cityref import Settings, create_app
from cityref.ontology.model import Ontology
from cityref.terms import TermIndex

LIFECYCLE_TTL = """
@prefix cityref: <https://w3id.org/cityref/def/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .

<https://w3id.org/cityref/ontology/cityref> a owl:Ontology ; owl:versionInfo "9.9.9" ;
    owl:imports <https://w3id.org/cityref/ontology/lifecycle> .
<https://w3id.org/cityref/ontology/lifecycle> a owl:Ontology ; owl:versionInfo "9.9.9" .

cityref:Widget a owl:Class ; rdfs:subClassOf skos:Concept ; rdfs:label "widget"@en ;
    rdfs:isDefinedBy <https://w3id.org/cityref/ontology/lifecycle> .
cityref:scheme-widgets a skos:ConceptScheme ; skos:prefLabel "widgets"@en ;
    skos:hasTopConcept cityref:widget-new .
cityref:widget-new a cityref:Widget ; skos:prefLabel "New widget"@en, "nouveau gadget"@fr ;
    skos:notation "W2" ; skos:inScheme cityref:scheme-widgets ;
    skos:definition "The widget everyone should use now."@en ;
    rdfs:isDefinedBy <https://w3id.org/cityref/ontology/lifecycle> .
cityref:widget-old a cityref:Widget ; skos:prefLabel "Old widget"@en ; skos:notation "W1" ;
    skos:inScheme cityref:scheme-widgets ;
    owl:deprecated true ; dct:isReplacedBy cityref:widget-new ;
    skos:changeNote "Merged into the new widget in 9.9.9."@en ;
    rdfs:isDefinedBy <https://w3id.org/cityref/ontology/lifecycle> .
cityref:widget-odd a cityref:Widget ; skos:prefLabel "Odd <script>alert(1)</script> & widget"@en ;
    skos:definition "A label with markup in it, to prove the page escapes it."@en .
cityref:widget-gone a cityref:Widget ; skos:prefLabel "Gone widget"@en ; skos:notation "W0" ;
    owl:deprecated true ;
    skos:historyNote "Withdrawn in 9.9.9: it duplicated the operating model's own notion."@en ;
    rdfs:isDefinedBy <https://w3id.org/cityref/ontology/lifecycle> .
"""


SCORING_TTL = """
@prefix cityref: <https://w3id.org/cityref/def/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

<https://w3id.org/cityref/ontology/cityref> a owl:Ontology ; owl:versionInfo "1.0.0" .

cityref:Gadget a owl:Class ; rdfs:subClassOf skos:Concept ; rdfs:label "gadget"@en .
cityref:Gizmo a owl:Class ; rdfs:subClassOf skos:Concept ; rdfs:label "gizmo"@en .
cityref:scheme-kit a skos:ConceptScheme ; skos:prefLabel "kit"@en ; skos:hasTopConcept cityref:G1 .

cityref:G1 a cityref:Gadget ; skos:notation "G1" ; skos:inScheme cityref:scheme-kit ;
    skos:prefLabel "Strategy management"@en, "Strategiemanagement"@de, "gestion de la stratégie"@fr ;
    skos:altLabel "Strategic steering"@en ;
    skos:definition "Steering where the whole city is heading over many years."@en .
cityref:G2 a cityref:Gizmo ; skos:notation "G2" ; skos:broader cityref:G1 ;
    skos:prefLabel "Strategy management tools"@en .
cityref:G3 a cityref:Gadget ; skos:notation "G3" ; skos:prefLabel "Data hub"@en .
cityref:G4 a cityref:Gizmo ; skos:notation "G4" ; skos:prefLabel "Data hub"@en .
cityref:G5 a cityref:Gadget ; skos:notation "G5" ; skos:prefLabel "Retired strategy management"@en ;
    owl:deprecated true .
"""
"""Terms whose labels are chosen to exercise each scoring rule once: an exact label in three languages, an alternative
label, a label another one starts, namesakes of two types, a deprecated term."""


@pytest.fixture(scope="session")
def scoring_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An app (no rate limits) whose term index holds :data:`SCORING_TTL` only."""
    folder = tmp_path_factory.mktemp("scoring-ontology")
    (folder / "cityref.ttl").write_text(SCORING_TTL, encoding="utf-8")
    with TestClient(create_app(Settings(data_dir=None, **UNLIMITED))) as test_client:
        test_client.app.state.terms = TermIndex.build(Ontology(directory=folder))  # type: ignore[attr-defined]
        yield test_client


@pytest.fixture(scope="session")
def open_client() -> Iterator[TestClient]:
    """The shipped ontology without rate limits, for tests that send many requests (example batches, CORS)."""
    with TestClient(create_app(Settings(data_dir=None, **UNLIMITED))) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def index(client: TestClient) -> TermIndex:
    terms: TermIndex = client.app.state.terms  # type: ignore[attr-defined]
    return terms


@pytest.fixture(scope="session")
def lifecycle_ontology(tmp_path_factory: pytest.TempPathFactory) -> Ontology:
    folder = tmp_path_factory.mktemp("lifecycle-ontology")
    (folder / "cityref.ttl").write_text(LIFECYCLE_TTL, encoding="utf-8")
    return Ontology(directory=folder)


@pytest.fixture(scope="session")
def lifecycle_client(lifecycle_ontology: Ontology) -> Iterator[TestClient]:
    """An app whose term index holds the lifecycle fixture instead of the shipped ontology."""
    with TestClient(create_app(Settings(data_dir=None, max_bulk_items=3)), follow_redirects=False) as test_client:
        test_client.app.state.terms = TermIndex.build(lifecycle_ontology)  # type: ignore[attr-defined]
        yield test_client


def _registry(version: str) -> Registry:
    registry: Registry = Registry()
    for path in sorted((CONFORMANCE / "reconciliation" / version / "schemas").glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(
            contents["$id"], Resource.from_contents(contents, default_specification=DRAFT7)
        )
    return registry


def _schema_dir(version: str) -> Path:
    return CONFORMANCE / "reconciliation" / version / "schemas"


class Schemas:
    """Validate a JSON document against one of the published reconciliation schemas (0.2 or 1.0-draft)."""

    def __init__(self) -> None:
        self.registries = {v: _registry(v) for v in ("0.2", "1.0-draft")}

    def validate(self, version: str, name: str, document: Any) -> None:
        schema = json.loads((_schema_dir(version) / f"{name}.json").read_text(encoding="utf-8"))
        validator = Draft7Validator(schema, registry=self.registries[version])
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]

    def is_valid(self, version: str, name: str, document: Any) -> bool:
        schema = json.loads((_schema_dir(version) / f"{name}.json").read_text(encoding="utf-8"))
        return Draft7Validator(schema, registry=self.registries[version]).is_valid(document)


@pytest.fixture(scope="session")
def schemas() -> Schemas:
    return Schemas()
