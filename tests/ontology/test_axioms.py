"""The OWL axioms of 0.2.0 catch the contradictions issue 10 lists, and the sample city stays consistent.

Each case adds a few facts to the merged ontology and asks HermiT (through :mod:`cityref.ontology.reasoning`, with no
switch that ignores datatypes) whether a model still exists.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from cityref import resources
from cityref.ontology import reasoning

VALID_DELIVERIES = sorted((resources.examples_dir() / "deliveries").glob("*/valid.trig"))

PREFIXES = """@prefix cityref: <https://w3id.org/cityref/def/> . @prefix ex: <https://exampleton.example/id/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

CONTRADICTIONS = {
    "one individual a device, a benefit, a key risk and a city": (
        "ex:thing a owl:NamedIndividual , cityref:IoTDevice , cityref:Benefit , cityref:KeyRisk , cityref:City ."
    ),
    "a device that is also a benefit": "ex:thing a owl:NamedIndividual , cityref:IoTDevice , cityref:Benefit .",
    "a city that is also a key risk": "ex:thing a owl:NamedIndividual , cityref:City , cityref:KeyRisk .",
    "a linkage with two sources": (
        "ex:linkage a owl:NamedIndividual , cityref:Linkage ; cityref:linkageFrom cityref:B5 , cityref:B6 ;"
        " cityref:linkageTo cityref:B7 ."
    ),
    "a shipped linkage given a second target": "cityref:linkage-B5-B6 cityref:linkageTo cityref:B14 .",
    "a likelihood of 42": "ex:assessment a owl:NamedIndividual , cityref:RiskAssessment ; cityref:likelihood 42 .",
    "an impact of 0": "ex:assessment a owl:NamedIndividual ; cityref:impact 0 .",
    "a negative retention": "ex:device a owl:NamedIndividual ; cityref:retentionDays -1 .",
    "a place that is also an organisation": (
        "ex:thing a owl:NamedIndividual , cityref:District , cityref:Organisation ."
    ),
    "an agreement that is also a dataset": (
        "ex:thing a owl:NamedIndividual , cityref:DataSharingAgreement , <http://www.w3.org/ns/dcat#Dataset> ."
    ),
    "a data-sharing agreement that is also a procurement contract": (
        "ex:thing a owl:NamedIndividual , cityref:DataSharingAgreement , cityref:ProcurementContract ."
    ),
    "an initiative with two start days": (
        "ex:initiative a owl:NamedIndividual , cityref:Initiative ;"
        ' cityref:startDate "2025-01-01T00:00:00"^^xsd:dateTime , "2025-02-01T00:00:00"^^xsd:dateTime .'
    ),
}
HARMLESS = {
    "a linkage with one source and one target": (
        "ex:linkage a owl:NamedIndividual , cityref:Linkage ;"
        " cityref:linkageFrom cityref:B5 ; cityref:linkageTo cityref:B7 ."
    ),
    "a likelihood of 5 and an impact of 1": (
        "ex:assessment a owl:NamedIndividual , cityref:RiskAssessment ; cityref:likelihood 5 ; cityref:impact 1 ."
    ),
    "an organisation that is a stakeholder": (
        "ex:org a owl:NamedIndividual , cityref:Organisation , cityref:Stakeholder ."
    ),
}


def facts(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


@pytest.mark.parametrize("case", sorted(CONTRADICTIONS))
def test_hermit_finds_the_contradiction(merged: Graph, case: str) -> None:
    verdict = reasoning.check_consistency(merged, facts(CONTRADICTIONS[case]))
    assert not verdict.consistent, case


@pytest.mark.parametrize("case", sorted(HARMLESS))
def test_axioms_do_not_overreach(merged: Graph, case: str) -> None:
    verdict = reasoning.check_consistency(merged, facts(HARMLESS[case]))
    assert verdict.consistent, case


def test_ontology_and_exampleton_stay_consistent(hermit_exampleton: reasoning.ConsistencyResult) -> None:
    assert hermit_exampleton.ok
    assert hermit_exampleton.retyped > 0  # Exampleton's geometries (geo:wktLiteral) reach HermiT as strings


def delivery(path: Path) -> Graph:
    """The delivery in a case file (its default graph; the expected report is a named graph)."""
    dataset = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib 7.x's own TriG parser uses a deprecated name
        dataset.parse(path, format="trig")
    return Graph() + dataset.default_graph


@pytest.mark.parametrize("path", VALID_DELIVERIES, ids=lambda p: p.parent.name)
def test_every_valid_delivery_stays_consistent(merged: Graph, path: Path) -> None:
    data = delivery(path)
    assert len(data) > 5
    assert reasoning.check_consistency(merged, data).ok


def test_an_undeclared_datatype_is_an_error_not_ignored(merged: Graph) -> None:
    """HermiT runs without "ignore unsupported datatypes": a 0.1.0 xsd:date value stops it with a clear error."""
    with pytest.raises(reasoning.ReasonerFailed, match="datatype"):
        reasoning.check_consistency(merged, facts('ex:phase cityref:startDate "2025-01-01"^^xsd:date .'))
