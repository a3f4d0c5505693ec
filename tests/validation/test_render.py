"""Every report format, parsed back with a standard reader."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree as ET

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF
from tests.validation.conftest import BROKEN, PROFILES, VALID

from cityref.validation import ValidationReport, parse_data, validate
from cityref.validation.render import CSV_COLUMNS, to_csv, to_html, to_json, to_jsonld, to_junit, to_text, to_turtle

SH = Namespace("http://www.w3.org/ns/shacl#")


@pytest.fixture(scope="module")
def broken() -> ValidationReport:
    return validate(BROKEN, ["demo"], profiles_dir=PROFILES, lang="fr")


@pytest.fixture(scope="module")
def valid() -> ValidationReport:
    return validate(VALID, ["demo"], profiles_dir=PROFILES)


def _report_graph(text: str, fmt: str) -> tuple[Graph, object]:
    # JSON-LD through pyoxigraph: rdflib's JSON-LD reader raises a deprecation warning of its own
    graph = parse_data(text, "application/ld+json") if fmt == "json-ld" else Graph().parse(data=text, format=fmt)
    node = next(graph.subjects(RDF.type, SH.ValidationReport))
    return graph, node


@pytest.mark.parametrize(("render", "fmt"), [(to_turtle, "turtle"), (to_jsonld, "json-ld")])
def test_w3c_report_in_rdf(broken: ValidationReport, render, fmt: str) -> None:  # type: ignore[no-untyped-def]
    graph, node = _report_graph(render(broken), fmt)
    assert graph.value(node, SH.conforms) == Literal(False)
    results = list(graph.objects(node, SH.result))
    assert len(results) == 6
    for result in results:
        assert graph.value(result, SH.focusNode) is not None
        assert graph.value(result, SH.sourceConstraintComponent) is not None
        messages = list(graph.objects(result, SH.resultMessage))
        assert len(messages) == 1
        # each message carries the language it is written in: French where the shape has it, else English
        expected = next(r for r in broken.results if r.message == str(messages[0])).message_lang
        assert messages[0].language == expected
    languages = {m.language for m in graph.objects(None, SH.resultMessage)}  # type: ignore[union-attr]
    assert languages == {"fr", "en"}, "the demo profile lacks some French messages: those stay tagged English"


def test_w3c_report_of_conforming_data(valid: ValidationReport) -> None:
    graph, node = _report_graph(to_turtle(valid), "turtle")
    assert graph.value(node, SH.conforms) == Literal(True)
    assert list(graph.objects(node, SH.result)) == []


def test_w3c_report_keeps_only_the_kept_results() -> None:
    capped = validate(BROKEN, ["demo"], profiles_dir=PROFILES, max_results=2)
    graph, node = _report_graph(to_turtle(capped), "turtle")
    assert len(list(graph.objects(node, SH.result))) == 2


def test_json(broken: ValidationReport) -> None:
    body = json.loads(to_json(broken))
    assert body["conforms"] is False and body["truncated"] is False
    assert body["counts"] == {"Violation": 2, "Warning": 2, "Info": 2}
    first = body["results"][0]
    assert {"focusNode", "path", "value", "severity", "message", "sourceShape", "constraint", "term", "fixHint"} <= set(
        first
    )


def test_csv(broken: ValidationReport) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(broken))))
    assert len(rows) == 6
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["severity"] == "Violation"
    assert "/def/operatedBy" in {row["termLink"] for row in rows}


def test_junit(broken: ValidationReport, valid: ValidationReport) -> None:
    root = ET.fromstring(to_junit(broken))
    assert root.tag == "testsuites" and root.get("failures") == "6"
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "demo"
    failures = root.findall(".//testcase/failure")
    assert len(failures) == 6 and {f.get("type") for f in failures} == {"Violation", "Warning", "Info"}
    clean = ET.fromstring(to_junit(valid))
    assert clean.get("failures") == "0" and len(clean.findall(".//testcase")) == 1


def test_html_is_escaped_and_self_contained(broken: ValidationReport) -> None:
    page = to_html(broken)
    assert broken.lang == "fr", "the fixture's report is in French, and so are the page's headings"
    assert page.startswith("<!DOCTYPE html>") and "Non conforme" in page and '<html lang="fr">' in page
    assert "<script" not in page and "http-equiv" not in page and 'href="/def/operatedBy"' in page
    shapes = """@prefix sh: <http://www.w3.org/ns/shacl#> .
    <urn:s> a sh:NodeShape ; sh:targetNode <http://a> ; sh:class <urn:C> ; sh:message "<b>bold</b>"@en ."""
    hostile = validate("<http://a> <http://b> <http://c> .", [], shapes=shapes, with_ontology=False)
    assert hostile.results[0].message == "<b>bold</b>"
    page = to_html(hostile)
    assert "<b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page


def test_text(broken: ValidationReport) -> None:
    text = to_text(broken)
    assert "does NOT conform" in text and "Ajoutez cityref:operatedBy" in text
