"""HermiT finds the ontology, and the ontology with the sample city, consistent; and it does catch breakage."""

from __future__ import annotations

import owlready2
import pytest
from rdflib import Graph

from cityref.ontology import reasoning

PREFIXES = """@prefix : <http://example.org/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def turtle(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


def test_ontology_is_consistent(hermit_ontology: reasoning.ConsistencyResult) -> None:
    assert hermit_ontology.consistent
    assert hermit_ontology.unsatisfiable == []
    assert hermit_ontology.triples > 1000


def test_ontology_with_exampleton_is_consistent(
    hermit_exampleton: reasoning.ConsistencyResult, hermit_ontology: reasoning.ConsistencyResult
) -> None:
    assert hermit_exampleton.ok
    assert hermit_exampleton.triples > hermit_ontology.triples


def test_hermit_reports_unsatisfiable_class() -> None:
    graph = turtle(":A a owl:Class . :B a owl:Class ; owl:disjointWith :A . :C a owl:Class ; rdfs:subClassOf :A, :B .")
    result = reasoning.check_consistency(graph)
    assert result.consistent and not result.ok
    assert result.unsatisfiable == ["http://example.org/C"]


def test_hermit_reports_inconsistency() -> None:
    graph = turtle(
        ":A a owl:Class . :B a owl:Class ; owl:disjointWith :A . :p a owl:DatatypeProperty ."
        ':x a owl:NamedIndividual, :A, :B ; :p "P30D" .'
    )
    assert not reasoning.check_consistency(graph).consistent


def test_hermit_no_longer_ignores_durations() -> None:
    """No "ignore unsupported datatypes": an xsd:duration value (outside the OWL 2 datatype map) is an error."""
    graph = turtle(':p a owl:DatatypeProperty . :x a owl:NamedIndividual ; :p "P30D"^^xsd:duration .')
    with pytest.raises(reasoning.ReasonerFailed, match="duration"):
        reasoning.check_consistency(graph)


def test_values_of_an_opaque_declared_datatype_reach_hermit_as_strings() -> None:
    """A declared datatype that no axiom names (like geo:wktLiteral) is legal OWL 2 DL that HermiT cannot parse."""
    graph = turtle(':w a rdfs:Datatype . :p a owl:DatatypeProperty . :x a owl:NamedIndividual ; :p "POINT(1 2)"^^:w .')
    verdict = reasoning.check_consistency(graph)
    assert verdict.consistent and verdict.retyped == 1
    named = graph + turtle(":p rdfs:range :w .")  # once an axiom names it, it is not retyped: HermiT refuses
    assert reasoning.opaque_datatypes(named) == set()
    with pytest.raises(reasoning.ReasonerFailed):
        reasoning.check_consistency(named)


def test_missing_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(owlready2, "JAVA_EXE", "no-such-java-runtime")
    with pytest.raises(reasoning.JavaMissing, match="Java runtime"):
        reasoning.check_consistency(Graph())


def test_ontology_is_structurally_owl2_dl(merged: Graph) -> None:
    assert reasoning.profile_problems(merged) == []


def test_profile_problems_are_found() -> None:
    graph = turtle(
        ":p a owl:ObjectProperty, owl:DatatypeProperty . :q a owl:ObjectProperty . :d a owl:DatatypeProperty ."
        ':x a :Undeclared ; :q "literal" ; :d :y ; :r :z . :e a owl:DatatypeProperty ; rdfs:range xsd:date .'
        ':x :e "P1D"^^xsd:duration , "2025-01-01T00:00:00"^^xsd:dateTime .'
    )
    rules = {(p.rule, p.term.rsplit("/", 1)[-1]) for p in reasoning.profile_problems(graph)}
    assert rules == {
        ("undeclared-datatype", "XMLSchema#date"),  # only the OWL 2 datatype map is built in, not every xsd: IRI
        ("undeclared-datatype", "XMLSchema#duration"),
        ("property-kinds", "p"),
        ("object-property-literal", "q"),
        ("datatype-property-resource", "d"),
        ("undeclared-property", "r"),
        ("undeclared-class", "Undeclared"),
    }
