"""Deliveries checked in the context of what a city already holds (``context=GRAPH``, ``--context``).

Measured before: a vendor's service catalogue naming a dataset Exampleton does not have got only the Warning "the
service names no dataset"; Exampleton's own device register failed with "must name the organisation that operates
it" for every device, because the operators are described in another file of the city. Here: the library on both
engines, the server over real HTTP (embedded and remote stores, synchronous and background, every report format),
and the CLI.
"""

from __future__ import annotations

import csv
import io
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from tests.sparql.conftest import LiveServer, backend_settings, embedded_settings, oxigraph_server, remote_settings
from tests.validation.test_profiles import EXAMPLETON_GAPS
from typer.testing import CliRunner

from cityref import create_app, resources
from cityref.cli import app as cli_app
from cityref.errors import LimitExceeded
from cityref.store import EXAMPLETON_GRAPH
from cityref.validation import RENDERERS, validate
from cityref.validation.context import Context
from cityref.validation.parse import parse_data

__all__ = ["oxigraph_server"]  # the fixture, imported to be used here

CITY = resources.examples_dir() / "exampleton"
DEVICES = CITY / "devices.ttl"
EX = "https://exampleton.example/id/"
UNKNOWN_DATASET = "https://vendor.example/ds/bike-docks"
ENGINES = [None, "pyshacl"]
VENDOR_CATALOGUE = f"""\
@prefix cityref: <https://w3id.org/cityref/def/> .
@prefix ex: <{EX}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<https://vendor.example/svc/bike-hire> a cityref:CityService ;
    rdfs:label "Bike hire"@en ;
    cityref:owner ex:council-transport ;
    cityref:servesUserGroup ex:residents ;
    cityref:availableThrough ex:channel-website , ex:channel-contact-centre ;
    cityref:supportedBy ex:sys-permits ;
    cityref:usesDataset ex:ds-parking-permits , <{UNKNOWN_DATASET}> .
""".encode()
# the gap left on purpose in Exampleton's register, as the profile tests define it: (focus node, path)
PLANTED_GAP = {(focus, path) for focus, path, _, _ in EXAMPLETON_GAPS["iot-device-register"]}


def city_context(*, without: str | None = None) -> Context:
    """Exampleton's files as a context (one left out, when asked)."""
    files = [p for p in sorted(CITY.glob("*.ttl")) if p.name != without]
    return Context(tuple((p.name, p.read_bytes(), None) for p in files), EXAMPLETON_GRAPH)


def outcomes(results: list[Any]) -> set[tuple[Any, ...]]:
    return {(r.focus_node, r.path, r.value, r.severity, r.source_shape, r.message) for r in results}


# ---------------------------------------------------------------- the library, both engines


@pytest.mark.parametrize("engine", ENGINES)
def test_the_device_register_alone_says_not_described_here_never_absent(engine: str | None) -> None:
    report = validate([DEVICES], ["iot-device-register"], engine=engine)
    operator = [r for r in report.results if r.path == "https://w3id.org/cityref/def/operator"]
    assert operator and all(r.severity == "Violation" for r in operator)
    assert all("this delivery does not describe" in r.message for r in operator)
    assert not any("city's organisations" in r.message for r in report.results)
    assert report.context is None


@pytest.mark.parametrize("engine", ENGINES)
def test_the_device_register_in_the_context_of_exampleton_conforms_but_for_its_planted_gap(
    engine: str | None,
) -> None:
    # the context without devices.ttl: the operators resolve only because city.ttl describes them
    report = validate([DEVICES], ["iot-device-register"], engine=engine, context=city_context(without="devices.ttl"))
    assert {(r.focus_node, r.path) for r in report.results} == PLANTED_GAP
    assert report.context == EXAMPLETON_GRAPH


@pytest.mark.parametrize("engine", ENGINES)
def test_a_dataset_the_city_does_not_have_is_a_violation_naming_it(engine: str | None) -> None:
    alone = validate(VENDOR_CATALOGUE, ["service-catalogue"], engine=engine)
    [warning] = [r for r in alone.results if r.value == UNKNOWN_DATASET]
    assert warning.severity == "Warning" and "this delivery does not describe" in warning.message
    assert "names no dataset" not in " ".join(r.message for r in alone.results)

    report = validate(VENDOR_CATALOGUE, ["service-catalogue"], engine=engine, context=city_context())
    assert not report.conforms
    [result] = report.results  # everything else the service names, the city has
    assert (result.severity, result.value, result.path) == (
        "Violation",
        UNKNOWN_DATASET,
        "https://w3id.org/cityref/def/usesDataset",
    )
    assert "not in the city's catalogue" in result.message
    french = validate(VENDOR_CATALOGUE, ["service-catalogue"], engine=engine, context=city_context(), lang="fr")
    assert "absent du catalogue de la ville" in french.results[0].message


def test_both_engines_agree_in_context() -> None:
    for data, profile in ((VENDOR_CATALOGUE, "service-catalogue"), (DEVICES.read_bytes(), "iot-device-register")):
        reports = [validate(data, [profile], engine=e, context=city_context()) for e in ENGINES]
        assert outcomes(reports[0].results) == outcomes(reports[1].results)
        assert reports[0].counts == reports[1].counts


@pytest.mark.parametrize("engine", ENGINES)
def test_results_are_for_the_delivery_s_own_nodes_never_the_city_s(engine: str | None) -> None:
    # Exampleton's own services reachable only online give Info notices when the city is validated: not here
    city_alone = validate(sorted(CITY.glob("*.ttl")), ["service-catalogue"], engine=engine)
    assert any(r.focus_node == EX + "svc-live-bus-times" for r in city_alone.results)
    report = validate(VENDOR_CATALOGUE, ["service-catalogue"], engine=engine, context=city_context())
    assert {r.focus_node for r in report.results} == {"https://vendor.example/svc/bike-hire"}
    assert sum(report.counts.values()) == len(report.results)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_blank_node_of_the_delivery_is_kept_apart_from_the_city_s(engine: str | None) -> None:
    # the same label on both sides: merged, the delivery's service would name the city's other dataset as well
    data = VENDOR_CATALOGUE.replace(b"<https://vendor.example/svc/bike-hire>", b"_:b0")
    other = b"_:b0 <https://w3id.org/cityref/def/usesDataset> <https://vendor.example/ds/other> .\n"
    city = city_context()
    context = Context((*city.parts, ("extra.nt", other, "application/n-triples")), city.name)
    report = validate(data, ["service-catalogue"], engine=engine, context=context)
    [result] = report.results
    assert result.focus_node.startswith("_:") and result.value == UNKNOWN_DATASET


def test_the_context_counts_against_the_triple_cap() -> None:
    context = city_context()
    size = len(Graph().parse(data=b"".join(part[1] for part in context.parts[:1]), format="turtle"))
    with pytest.raises(LimitExceeded, match="The context"):
        validate(VENDOR_CATALOGUE, ["service-catalogue"], context=context, max_triples=size - 1)
    total = sum(len(Graph().parse(data=part[1], format="turtle")) for part in context.parts)
    with pytest.raises(LimitExceeded, match="together hold more than"):
        validate(VENDOR_CATALOGUE, ["service-catalogue"], context=context, max_triples=total + 2)
    assert validate(VENDOR_CATALOGUE, ["service-catalogue"], context=context, max_triples=total + 100).results


# ---------------------------------------------------------------- the server over real HTTP


def post(base: str, params: dict[str, Any], body: bytes, headers: dict[str, str] | None = None) -> Any:
    query = urllib.parse.urlencode(params, doseq=True)
    request = urllib.request.Request(
        f"{base}/validate?{query}", data=body, method="POST", headers={"Content-Type": "text/turtle", **(headers or {})}
    )
    try:
        return urllib.request.urlopen(request, timeout=120)
    except urllib.error.HTTPError as error:
        return error


def get(url: str) -> Any:
    try:
        return urllib.request.urlopen(url, timeout=60)
    except urllib.error.HTTPError as error:
        return error


@pytest.fixture(scope="module", params=["embedded", "remote"])
def live(request: pytest.FixtureRequest) -> Iterator[str]:
    """A real uvicorn server with Exampleton loaded, on each store backend."""
    if request.param == "embedded":
        settings = embedded_settings(validation_context_max_triples=200_000)
    else:
        settings = remote_settings(request.getfixturevalue("oxigraph_server"))
    with LiveServer(create_app(settings)) as server:
        graph = urllib.parse.quote(EXAMPLETON_GRAPH, safe="")
        deadline = time.monotonic() + 60
        while get(f"{server.url}/graphs?graph={graph}").status != 200:  # a remote store is loaded in the background
            assert time.monotonic() < deadline, "Exampleton was not loaded"
            time.sleep(0.2)
        yield server.url


def graph_dump(base: str) -> bytes:
    graph = urllib.parse.quote(EXAMPLETON_GRAPH, safe="")
    request = urllib.request.Request(
        f"{base}/graphs?graph={graph}", headers={"Accept": "application/n-triples"}, method="GET"
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return bytes(response.read())


@pytest.mark.parametrize("engine", ENGINES)
def test_http_device_register_in_context(live: str, engine: str | None) -> None:
    params = {"profile": "iot-device-register", "context": EXAMPLETON_GRAPH, **({"engine": engine} if engine else {})}
    alone = json.load(post(live, {k: v for k, v in params.items() if k != "context"}, DEVICES.read_bytes()))
    assert any("does not describe as a cityref:Organisation" in r["message"] for r in alone["results"])
    response = post(live, params, DEVICES.read_bytes())
    assert response.status == 200 and response.headers["X-Conforms"] == "false"
    body = json.load(response)
    assert {(r["focusNode"], r["path"]) for r in body["results"]} == PLANTED_GAP
    assert body["context"] == EXAMPLETON_GRAPH


@pytest.mark.parametrize("engine", ENGINES)
def test_http_unknown_dataset_in_context(live: str, engine: str | None) -> None:
    params = {"profile": "service-catalogue", "context": EXAMPLETON_GRAPH, **({"engine": engine} if engine else {})}
    before = graph_dump(live)
    body = json.load(post(live, params, VENDOR_CATALOGUE))
    [result] = body["results"]
    assert result["value"] == UNKNOWN_DATASET and result["severity"] == "Violation"
    assert "not in the city's catalogue" in result["message"]
    assert sorted(graph_dump(live).splitlines()) == sorted(before.splitlines())  # read-only


def test_http_every_report_format_in_context(live: str) -> None:
    params = {"profile": "service-catalogue", "context": EXAMPLETON_GRAPH}
    for name in RENDERERS:
        response = post(live, {**params, "format": name}, VENDOR_CATALOGUE)
        assert response.status == 200, name
        text = response.read().decode("utf-8")
        if name in ("turtle", "jsonld"):
            graph = parse_data(text, "text/turtle" if name == "turtle" else "application/ld+json")
            focus = set(graph.objects(None, SH.focusNode))
            assert focus == {URIRef("https://vendor.example/svc/bike-hire")}, name
            assert len(list(graph.subjects(RDF.type, SH.ValidationResult))) == 1, name
        elif name == "csv":
            [row] = list(csv.DictReader(io.StringIO(text)))
            assert row["value"] == UNKNOWN_DATASET
        elif name == "junit":
            assert ET.fromstring(text).get("failures") == "1"
        else:
            assert "catalogue" in text and UNKNOWN_DATASET in text, name
            if name in ("text", "html"):
                assert EXAMPLETON_GRAPH in text, name


def test_http_background_validation_in_context(live: str) -> None:
    params = {"profile": "service-catalogue", "context": EXAMPLETON_GRAPH}
    accepted = post(live, params, VENDOR_CATALOGUE, {"Prefer": "respond-async"})
    assert accepted.status == 202
    status_url = accepted.headers["Location"]
    status_url = live + urllib.parse.urlsplit(status_url).path
    deadline = time.monotonic() + 60
    while (status := json.load(get(status_url)))["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert status["status"] == "done" and status["conforms"] is False
    body = json.load(get(status_url + "/report"))
    assert [r["value"] for r in body["results"]] == [UNKNOWN_DATASET]


def test_http_a_missing_graph_is_a_404_naming_it(live: str) -> None:
    missing = EXAMPLETON_GRAPH + "-nowhere"
    response = post(live, {"profile": "service-catalogue", "context": missing}, VENDOR_CATALOGUE)
    assert response.status == 404
    problem = json.load(response)
    assert missing in problem["detail"] and problem["graph"] == missing


@pytest.mark.parametrize("bad", ["not an iri", "relative/graph", "http://a/b>c"])
def test_http_a_context_that_is_not_a_graph_iri_is_a_400(live: str, bad: str) -> None:
    assert post(live, {"profile": "service-catalogue", "context": bad}, VENDOR_CATALOGUE).status == 400


def test_context_limits_are_settings() -> None:
    """Contexts can be switched off (403), and a graph above validation_context_max_triples is refused (422)."""
    from fastapi.testclient import TestClient

    params = {"profile": "service-catalogue", "context": EXAMPLETON_GRAPH}
    headers = {"Content-Type": "text/turtle"}
    with TestClient(create_app(embedded_settings(allow_validation_context=False))) as client:
        response = client.post("/validate", params=params, content=VENDOR_CATALOGUE, headers=headers)
        assert response.status_code == 403 and "allow_validation_context" in response.json()["detail"]
    with TestClient(create_app(embedded_settings(validation_context_max_triples=100))) as client:
        response = client.post("/validate", params=params, content=VENDOR_CATALOGUE, headers=headers)
        assert response.status_code == 422 and response.json()["limit"] == "validation_context_max_triples"
    with TestClient(create_app(embedded_settings(max_triples=100))) as client:
        response = client.post("/validate", params=params, content=VENDOR_CATALOGUE, headers=headers)
        assert response.status_code == 422 and response.json()["limit"] == "max_triples"


@pytest.mark.parametrize("backend", ["embedded", "remote"])
def test_a_store_writes_a_graph_out_read_only_and_within_the_cap(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from cityref.ontology.model import Ontology
    from cityref.store import bootstrap, open_store

    store = open_store(backend_settings(request, backend))
    try:
        bootstrap(store, Ontology())
        size = store.graph_size(EXAMPLETON_GRAPH)
        assert size is not None and size > 1000
        target = tmp_path / "context.nt"
        assert store.export_graph(EXAMPLETON_GRAPH, target, max_triples=size) == size
        assert len(Graph().parse(target, format="nt")) == size
        with pytest.raises(LimitExceeded, match="validation_context_max_triples"):
            store.export_graph(EXAMPLETON_GRAPH, tmp_path / "cut.nt", max_triples=size - 1)
        assert store.graph_size(EXAMPLETON_GRAPH + "-nowhere") is None
        assert store.export_graph(EXAMPLETON_GRAPH + "-nowhere", tmp_path / "none.nt", max_triples=size) is None
        assert store.graph_size(EXAMPLETON_GRAPH) == size
    finally:
        store.close()


# ---------------------------------------------------------------- the CLI

runner = CliRunner()


@pytest.mark.parametrize("engine", ["pyshacl", "shacl-rust"])
def test_cli_context_graph_and_files(tmp_path: Path, engine: str) -> None:
    delivery = tmp_path / "catalogue.ttl"
    delivery.write_bytes(VENDOR_CATALOGUE)
    args = ["validate", str(delivery), "-p", "service-catalogue", "-f", "json", "--engine", engine]
    by_graph = runner.invoke(cli_app, [*args, "--context", EXAMPLETON_GRAPH])
    assert by_graph.exit_code == 1, by_graph.output
    body = json.loads(by_graph.stdout)
    assert [r["value"] for r in body["results"]] == [UNKNOWN_DATASET] and body["context"] == EXAMPLETON_GRAPH
    files = [a for p in sorted(CITY.glob("*.ttl")) for a in ("--context", str(p))]
    by_files = runner.invoke(cli_app, [*args, *files])
    assert by_files.exit_code == 1, by_files.output
    assert json.loads(by_files.stdout)["results"] == body["results"]


def test_cli_device_register_in_a_worker_with_the_city_s_files() -> None:
    files = [a for p in sorted(CITY.glob("*.ttl")) if p.name != "devices.ttl" for a in ("-c", str(p))]
    result = runner.invoke(
        cli_app, ["validate", str(DEVICES), "-p", "iot-device-register", "-f", "json", "--timeout", "120", *files]
    )
    assert result.exit_code == 1, result.output
    assert {(r["focusNode"], r["path"]) for r in json.loads(result.stdout)["results"]} == PLANTED_GAP


def test_cli_a_missing_graph_or_file_exits_2() -> None:
    result = runner.invoke(
        cli_app, ["validate", str(DEVICES), "-p", "iot-device-register", "--context", EXAMPLETON_GRAPH + "-nowhere"]
    )
    assert result.exit_code == 2 and "holds no graph" in result.output
    result = runner.invoke(cli_app, ["validate", str(DEVICES), "-p", "iot-device-register", "--context", "nofile.ttl"])
    assert result.exit_code == 2 and "neither a file" in result.output
