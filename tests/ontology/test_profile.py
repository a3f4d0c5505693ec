"""The OWL API's OWL 2 DL profile checker (Debian's libowlapi-java, run by our bundled Java program): the ontology
and the ontology with Exampleton are in OWL 2 DL, and a planted violation is found."""

from __future__ import annotations

import os
from pathlib import Path

import owlready2
import pytest
from rdflib import Graph

from cityref import resources
from cityref.ontology import profile, reasoning

EXAMPLETON = resources.examples_dir() / "exampleton"

PREFIXES = """@prefix : <http://example.org/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def turtle(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


def _check(*graphs: Graph) -> profile.ProfileReport:
    try:
        return profile.check(*graphs)
    except (reasoning.JavaMissing, profile.OWLAPIMissing) as error:  # never a skip: .ci/run installs both
        pytest.fail(f"the OWL API profile check cannot run: {error.detail}")


@pytest.fixture(scope="module")
def owlapi_ontology(merged: Graph) -> profile.ProfileReport:
    return _check(merged)


def test_ontology_has_no_owl2_dl_violation(owlapi_ontology: profile.ProfileReport) -> None:
    assert [v.describe() for v in owlapi_ontology.violations] == []
    assert owlapi_ontology.profile == "OWL 2 DL"
    assert owlapi_ontology.axioms > 4000


def test_ontology_with_exampleton_has_no_owl2_dl_violation(
    merged: Graph, exampleton: Graph, owlapi_ontology: profile.ProfileReport
) -> None:
    report = _check(merged, exampleton)
    assert [v.describe() for v in report.violations] == []
    assert report.axioms > owlapi_ontology.axioms
    assert report.retyped > 0  # the geometries (geo:wktLiteral, declared, named by no axiom): see profile.py


def test_the_shipped_files_as_they_are_break_only_on_geosparql_literals() -> None:
    """The Turtle files themselves, with no retyping: the OWL API counts every literal of a datatype outside the
    OWL 2 datatype map (here only Exampleton's geo:wktLiteral points) as a violation, and finds nothing else."""
    files = sorted(resources.ontology_dir().glob("*.ttl")) + sorted(EXAMPLETON.glob("*.ttl"))
    report = profile.check_files(files)
    assert report.violations
    assert {v.kind for v in report.violations} == {"UseOfDefinedDatatypeInLiteral"}
    assert all("geosparql#wktLiteral" in str(v.entity) for v in report.violations)


def test_undeclared_datatype_and_punned_property_are_violations() -> None:
    report = _check(
        turtle(
            ":d a owl:DatatypeProperty ; rdfs:range xsd:date . :p a owl:ObjectProperty, owl:DatatypeProperty ."
            ':x :d "2025-01-01T00:00:00"^^xsd:dateTime ; :p :y , "a value" .'
        )
    )
    kinds = {(v.kind, v.entity) for v in report.violations}
    assert ("UseOfUndeclaredDatatype", "xsd:date") in kinds
    assert any(kind == "IllegalPunning" and "example.org/p" in str(entity) for kind, entity in kinds)
    assert not report.ok


def test_files_are_merged_so_data_sees_the_declarations_of_the_ontology(tmp_path: Path) -> None:
    """Two Turtle files: the data file uses a property only the other declares; the one violation left is the
    datatype, so the declaration was seen; the owl:imports is never fetched."""
    schema, data = tmp_path / "schema.ttl", tmp_path / "data.ttl"
    schema.write_text(
        PREFIXES + ":d a owl:DatatypeProperty . <http://example.org/o> a owl:Ontology ;"
        " owl:imports <https://w3id.org/cityref/no-such-ontology> .",
        encoding="utf-8",
    )
    data.write_text(PREFIXES + ':x :d "P1Y"^^xsd:duration .', encoding="utf-8")
    report = profile.check_files([schema, data])
    assert {v.kind for v in report.violations} == {"UseOfUndeclaredDatatype", "UseOfDefinedDatatypeInLiteral"}
    assert {v.entity for v in report.violations} == {"xsd:duration", '"P1Y"^^xsd:duration'}


def test_sets_of_files_are_checked_apart_in_one_run(tmp_path: Path) -> None:
    """Several sets in one Java process, as ``cityref check`` runs its two: each set is merged on its own (the data
    alone does not see the other set's declaration), and the reports come back in the sets' order."""
    schema, data = tmp_path / "schema.ttl", tmp_path / "data.ttl"
    schema.write_text(PREFIXES + ":d a owl:DatatypeProperty .", encoding="utf-8")
    data.write_text(PREFIXES + ':x :d "a value" .', encoding="utf-8")
    together, alone, again = profile.check_file_sets([[schema, data], [data], [schema, data]])
    assert together.ok and again == together
    assert not alone.ok and any("example.org/d" in str(v.entity) for v in alone.violations)
    assert alone == profile.check_files([data])
    with pytest.raises(reasoning.ReasonerFailed, match="usage"):
        profile.check_file_sets([[schema], []])


def test_classpath_names_only_installed_jars() -> None:
    jars = profile.classpath().split(os.pathsep)
    assert len(jars) == len(profile.JARS)
    assert all(Path(jar).is_file() for jar in jars)


def test_missing_owlapi_says_to_install_libowlapi_java(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITYREF_JAVA_LIB", str(tmp_path))
    with pytest.raises(profile.OWLAPIMissing, match="libowlapi-java"):
        profile.check(Graph())


def test_missing_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(owlready2, "JAVA_EXE", "no-such-java-runtime")
    with pytest.raises(reasoning.JavaMissing, match="profile check needs a Java runtime"):
        profile.check(Graph())
