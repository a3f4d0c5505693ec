"""A delivery that re-describes a city resource differently (another label, another operator), checked in the
context of the city, gets one conflict per (subject, property[, language]) naming both values.

The delivery here is Exampleton's own device register with one device re-labelled and handed to another operator;
the city's values are read from examples/exampleton, never written out in the test.
"""

from __future__ import annotations

import csv
import html
import io
import json
import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS
from tests.conftest import UNLIMITED
from tests.sparql.conftest import LiveServer, embedded_settings
from typer.testing import CliRunner

from cityref import create_app, resources
from cityref.cli import app as cli_app
from cityref.errors import BadRequest
from cityref.settings import Settings
from cityref.store import EXAMPLETON_GRAPH
from cityref.validation import RENDERERS, validate
from cityref.validation.conflicts import CONFLICT_COMPONENT, CONFLICT_SHAPE, SINGLE_VALUED, compared_properties
from cityref.validation.context import Context
from cityref.validation.parse import parse_data

CITY = resources.examples_dir() / "exampleton"
DEVICES = CITY / "devices.ttl"
EX = "https://exampleton.example/id/"
DEVICE = URIRef(f"{EX}dev-aq-001")
OPERATOR = URIRef("https://w3id.org/cityref/def/operator")
NEW_LABEL = Literal("Station Road air monitor", lang="en")
NEW_OPERATOR = URIRef(f"{EX}council-transport")
ENGINES = [None, "pyshacl"]
PROFILE = ["iot-device-register"]
NOTHING_SHAPES = b"""@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:x:s> a sh:NodeShape ; sh:targetNode <urn:x:nothing> ; sh:nodeKind sh:IRI ."""


def city_graph() -> Graph:
    graph = Graph()
    for path in sorted(CITY.glob("*.ttl")):
        graph.parse(path)
    return graph


CITY_GRAPH = city_graph()
[OLD_LABEL] = [o for o in CITY_GRAPH.objects(DEVICE, RDFS.label) if isinstance(o, Literal) and o.language == "en"]
[OLD_OPERATOR] = list(CITY_GRAPH.objects(DEVICE, OPERATOR))


def city_context() -> Context:
    return Context(tuple((p.name, p.read_bytes(), None) for p in sorted(CITY.glob("*.ttl"))), EXAMPLETON_GRAPH)


def changed_register() -> bytes:
    """The device register with one device re-labelled (in English) and given another operator."""
    graph = Graph().parse(DEVICES)
    graph.remove((DEVICE, RDFS.label, OLD_LABEL))
    graph.add((DEVICE, RDFS.label, NEW_LABEL))
    graph.remove((DEVICE, OPERATOR, None))
    graph.add((DEVICE, OPERATOR, NEW_OPERATOR))
    return graph.serialize(format="turtle", encoding="utf-8")


def conflicts(results: list[Any]) -> list[Any]:
    return [r for r in results if r.source_shape == str(CONFLICT_SHAPE)]


def test_the_city_s_values_differ_from_the_delivery_s() -> None:
    # the test's premise, read from the examples: otherwise the delivery would repeat the city
    assert OLD_LABEL != NEW_LABEL and OLD_OPERATOR != NEW_OPERATOR
    model = Graph().parse(resources.ontology_dir() / "city-data.ttl")
    assert (OPERATOR, SINGLE_VALUED, Literal(True)) in model  # the model's word, not a list in our code
    assert OPERATOR in compared_properties(model) and RDFS.label in compared_properties(model)
    assert compared_properties(Graph()) == {RDFS.label, SKOS.prefLabel}


@pytest.mark.parametrize("engine", ENGINES)
def test_the_single_valued_properties_are_read_from_the_model(tmp_path: Path, engine: str | None) -> None:
    unflagged = tmp_path / "ontology"
    shutil.copytree(resources.ontology_dir(), unflagged)
    module = unflagged / "city-data.ttl"
    text = module.read_text(encoding="utf-8")
    assert text.count("cityref:singleValued true ;") == 1
    module.write_text(text.replace("cityref:singleValued true ;", ""), encoding="utf-8")
    data = changed_register()
    paths = {
        r.path
        for r in conflicts(
            validate(
                data, PROFILE, engine=engine, context=city_context(), ontology_dir=unflagged, content_type="text/turtle"
            ).results
        )
    }
    assert paths == {str(RDFS.label)}
    # the data checked without the ontology in its graph: the model still says which properties have one value
    bare = validate(
        data, PROFILE, engine=engine, context=city_context(), with_ontology=False, content_type="text/turtle"
    )
    assert {r.path for r in conflicts(bare.results)} == {str(RDFS.label), str(OPERATOR)}


@pytest.mark.parametrize("engine", ENGINES)
def test_a_re_labelled_device_with_another_operator_gets_exactly_two_conflicts(engine: str | None) -> None:
    report = validate(changed_register(), PROFILE, engine=engine, context=city_context(), content_type="text/turtle")
    found = {(r.focus_node, r.path, r.value, r.severity, r.constraint) for r in conflicts(report.results)}
    assert found == {
        (str(DEVICE), str(RDFS.label), str(NEW_LABEL), "Warning", str(CONFLICT_COMPONENT)),
        (str(DEVICE), str(OPERATOR), str(NEW_OPERATOR), "Warning", str(CONFLICT_COMPONENT)),
    }
    by_path = {r.path: r.message for r in conflicts(report.results)}
    assert str(NEW_LABEL) in by_path[str(RDFS.label)] and str(OLD_LABEL) in by_path[str(RDFS.label)]
    assert "label" in by_path[str(RDFS.label)]
    assert str(NEW_OPERATOR) in by_path[str(OPERATOR)] and str(OLD_OPERATOR) in by_path[str(OPERATOR)]
    assert report.counts["Warning"] >= 2


@pytest.mark.parametrize("engine", ENGINES)
def test_the_conflicts_speak_french_when_asked(engine: str | None) -> None:
    report = validate(
        changed_register(), PROFILE, engine=engine, context=city_context(), content_type="text/turtle", lang="fr"
    )
    messages = {r.path: r.message for r in conflicts(report.results)}
    assert "libellé" in messages[str(RDFS.label)] and str(OLD_LABEL) in messages[str(RDFS.label)]
    assert "exploitant" in messages[str(OPERATOR)] and str(OLD_OPERATOR) in messages[str(OPERATOR)]
    assert all(r.message_lang == "fr" for r in conflicts(report.results))


@pytest.mark.parametrize("engine", ENGINES)
def test_without_context_there_is_no_conflict(engine: str | None) -> None:
    report = validate(changed_register(), PROFILE, engine=engine, content_type="text/turtle")
    assert report.results and not conflicts(report.results)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_delivery_that_repeats_the_city_s_values_has_none(engine: str | None) -> None:
    report = validate([DEVICES], PROFILE, engine=engine, context=city_context())
    assert not conflicts(report.results)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_label_in_a_language_the_city_lacks_is_no_conflict(engine: str | None) -> None:
    graph = Graph().parse(DEVICES)
    assert not [o for o in graph.objects(DEVICE, RDFS.label) if isinstance(o, Literal) and o.language == "fr"]
    graph.add((DEVICE, RDFS.label, Literal("Capteur de qualité de l'air, rue de la Gare", lang="fr")))
    data = graph.serialize(format="turtle", encoding="utf-8")
    report = validate(data, PROFILE, engine=engine, context=city_context(), content_type="text/turtle")
    assert not conflicts(report.results)


def test_both_engines_agree_on_the_conflicts() -> None:
    runs = [
        validate(changed_register(), PROFILE, engine=e, context=city_context(), content_type="text/turtle", lang="de")
        for e in ENGINES
    ]
    fast, reference = ({(r.focus_node, r.path, r.value, r.severity, r.message) for r in run.results} for run in runs)
    assert fast == reference and len(conflicts(runs[0].results)) == 2
    assert runs[0].counts == runs[1].counts


def fragment() -> bytes:
    """Only the re-labelling, checked against shapes that target nothing: the conflict is the only result."""
    return f"<{DEVICE}> <{RDFS.label}> {NEW_LABEL.n3()} .\n".encode()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_conflict_fails_the_delivery_only_as_a_violation(engine: str | None) -> None:
    args: dict[str, Any] = {"shapes": NOTHING_SHAPES, "shapes_content_type": "text/turtle", "engine": engine}
    args.update(content_type="application/n-triples", context=city_context())
    warned = validate(fragment(), [], **args)
    assert [r.severity for r in warned.results] == ["Warning"] and warned.conforms
    failed = validate(fragment(), [], conflict_severity="Violation", **args)
    assert [r.severity for r in failed.results] == ["Violation"] and not failed.conforms
    informed = validate(fragment(), [], conflict_severity="Info", min_severity="Warning", **args)
    assert informed.results == [] and informed.counts["Info"] == 1 and informed.conforms
    with pytest.raises(BadRequest):
        validate(fragment(), [], conflict_severity="Fatal", **args)


def test_the_severity_is_a_setting() -> None:
    field = Settings.model_fields["validation_context_conflict_severity"]
    assert field.default == "Warning" and field.description
    assert (
        Settings(validation_context_conflict_severity="Violation").validation_context_conflict_severity == "Violation"
    )


def test_every_report_format_carries_the_conflicts() -> None:
    report = validate(changed_register(), PROFILE, context=city_context(), content_type="text/turtle")
    rendered = {name: render(report) for name, (_, render) in RENDERERS.items()}
    body = json.loads(rendered["json"])
    found = [r for r in body["results"] if r["sourceShape"] == str(CONFLICT_SHAPE)]
    assert {(r["path"], r["value"]) for r in found} == {
        (str(RDFS.label), str(NEW_LABEL)),
        (str(OPERATOR), str(NEW_OPERATOR)),
    }
    assert any(str(OLD_OPERATOR) in r["message"] for r in found)
    rows = [row for row in csv.DictReader(io.StringIO(rendered["csv"])) if row["sourceShape"] == str(CONFLICT_SHAPE)]
    assert {(row["path"], row["value"]) for row in rows} == {(r["path"], r["value"]) for r in found}
    assert any(str(OLD_LABEL) in row["message"] for row in rows)
    graph = parse_data(rendered["turtle"], "text/turtle")
    nodes = set(graph.subjects(SH.sourceShape, CONFLICT_SHAPE))
    assert len(nodes) == 2 and all((n, RDF.type, SH.ValidationResult) in graph for n in nodes)
    assert str(OLD_LABEL) in rendered["junit"] and ET.fromstring(rendered["junit"]) is not None
    for name in ("html", "text"):
        assert str(NEW_OPERATOR) in rendered[name] and str(OLD_OPERATOR) in rendered[name], name


runner = CliRunner()


@pytest.mark.parametrize("engine", ["pyshacl", "shacl-rust"])
def test_cli_context_files_give_the_same_conflicts(tmp_path: Path, engine: str) -> None:
    delivery = tmp_path / "devices.ttl"
    delivery.write_bytes(changed_register())
    files = [a for p in sorted(CITY.glob("*.ttl")) for a in ("--context", str(p))]
    result = runner.invoke(
        cli_app, ["validate", str(delivery), "-p", *PROFILE, "-f", "json", "--engine", engine, *files]
    )
    assert result.exit_code == 1, result.output
    found = [r for r in json.loads(result.stdout)["results"] if r["sourceShape"] == str(CONFLICT_SHAPE)]
    library = validate(changed_register(), PROFILE, context=city_context(), content_type="text/turtle")
    assert found == [r.to_dict() for r in conflicts(library.results)]


# ---------------------------------------------------------------- over HTTP, the server's setting


@pytest.mark.parametrize("severity", ["Warning", "Violation"])
def test_http_json_and_csv_carry_the_conflicts_at_the_server_s_severity(severity: str) -> None:
    settings = embedded_settings(validation_context_max_triples=200_000, validation_context_conflict_severity=severity)
    with LiveServer(create_app(settings)) as server:
        query = urllib.parse.urlencode({"profile": PROFILE[0], "context": EXAMPLETON_GRAPH, "lang": "fr"})
        bodies = {}
        for accept in ("application/json", "text/csv"):
            request = urllib.request.Request(
                f"{server.url}/validate?{query}",
                data=changed_register(),
                method="POST",
                headers={"Content-Type": "text/turtle", "Accept": accept},
            )
            try:
                response = urllib.request.urlopen(request, timeout=120)
            except urllib.error.HTTPError as error:
                response = error
            assert response.status == 200, response.read()
            bodies[accept] = response.read().decode("utf-8")
    found = [r for r in json.loads(bodies["application/json"])["results"] if r["sourceShape"] == str(CONFLICT_SHAPE)]
    assert {(r["path"], r["severity"]) for r in found} == {(str(RDFS.label), severity), (str(OPERATOR), severity)}
    assert any("libellé" in r["message"] and str(OLD_LABEL) in r["message"] for r in found)
    rows = [r for r in csv.DictReader(io.StringIO(bodies["text/csv"])) if r["sourceShape"] == str(CONFLICT_SHAPE)]
    assert {(r["path"], r["value"], r["severity"]) for r in rows} == {
        (str(RDFS.label), str(NEW_LABEL), severity),
        (str(OPERATOR), str(NEW_OPERATOR), severity),
    }


# ---------------------------------------------------------------- functional properties, read from the ontology

RETENTION = URIRef("https://w3id.org/cityref/def/retentionDays")
DATASET = URIRef(f"{EX}ds-parking-permits")


def shapes_only(data: bytes, engine: str | None, **more: Any) -> Any:
    """``data`` (N-Triples) checked in context against shapes that target nothing: only conflicts can result."""
    return validate(
        data,
        [],
        shapes=NOTHING_SHAPES,
        shapes_content_type="text/turtle",
        content_type="application/n-triples",
        context=city_context(),
        engine=engine,
        **more,
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_a_functional_property_of_the_ontology_is_compared(engine: str | None) -> None:
    ontology = Graph().parse(resources.ontology_dir() / "city-data.ttl")
    assert (RETENTION, RDF.type, URIRef("http://www.w3.org/2002/07/owl#FunctionalProperty")) in ontology
    assert RETENTION not in compared_properties(Graph())  # not named in our code: read from the ontology
    [held] = list(CITY_GRAPH.objects(DATASET, RETENTION))
    other = Literal(int(held) + 1)
    report = shapes_only(f"<{DATASET}> <{RETENTION}> {other.n3()} .\n".encode(), engine, lang="it")
    [result] = report.results
    assert (result.focus_node, result.path, result.value) == (str(DATASET), str(RETENTION), str(other))
    assert str(held) in result.message and str(other) in result.message and result.message_lang == "it"
    # the same number written another way, and a label tag in capitals, are the city's values again
    same = f'<{DATASET}> <{RETENTION}> "0{held}"^^<{held.datatype}> .\n'
    same += f"<{DEVICE}> <{RDFS.label}> {Literal(str(OLD_LABEL), lang='EN').n3()} .\n"
    assert shapes_only(same.encode(), engine).results == []


def test_the_validation_page_shows_the_conflicts_with_both_values() -> None:
    settings = Settings(data_dir=None, load_examples=True, max_body_bytes=400_000, **UNLIMITED)
    with TestClient(create_app(settings)) as client:
        data = {
            "profile": PROFILE[0],
            "lang": "fr",
            "context": EXAMPLETON_GRAPH,
            "text": changed_register().decode("utf-8"),
        }
        answer = client.post(
            "/validate/runs",
            data=data,
            files={"file": ("", b"", "application/octet-stream")},
            headers={"Accept": "text/html"},
            follow_redirects=False,
        )
        assert answer.status_code == 303
        page = html.unescape(client.get(answer.headers["location"]).text)
    assert "libellé" in page and str(NEW_LABEL) in page and str(OLD_LABEL) in page
    assert str(OLD_OPERATOR) in page and str(NEW_OPERATOR) in page
