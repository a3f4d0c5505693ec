"""``/profiles`` and ``POST /validate`` over HTTP: formats, parameters and every kind of bad input."""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from tests.sparql.conftest import AUTH, embedded_settings
from tests.validation.conftest import BROKEN, VALID

from cityref import create_app

TURTLE = {"Content-Type": "text/turtle"}


def test_list_profiles(demo_client: TestClient) -> None:
    body = demo_client.get("/profiles?lang=fr").json()
    assert [p["id"] for p in body["profiles"]] == ["demo"]
    assert body["profiles"][0]["title"] == "Profil de démonstration"
    assert body["profiles"][0]["practices"] == ["https://w3id.org/cityref/def/B13"]


def test_shipped_profiles_are_listed(client: TestClient) -> None:
    ids = {p["id"] for p in client.get("/profiles").json()["profiles"]}
    assert "iot-device-register" in ids


def test_one_profile_as_json_and_as_shapes(demo_client: TestClient) -> None:
    assert demo_client.get("/profiles/demo").json()["version"] == "0.0.1"
    response = demo_client.get("/profiles/demo", headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=response.text, format="turtle")) > 10
    missing = demo_client.get("/profiles/nope")
    assert missing.status_code == 404 and missing.json()["known"] == ["demo"]


def test_validate_turtle_default_json(demo_client: TestClient) -> None:
    response = demo_client.post("/validate?profile=demo", content=BROKEN.read_bytes(), headers=TURTLE)
    assert response.status_code == 200
    body = response.json()
    assert body["conforms"] is False and body["counts"]["Violation"] == 2
    assert response.headers["x-conforms"] == "false"
    ok = demo_client.post("/validate?profile=demo", content=VALID.read_bytes(), headers=TURTLE)
    assert ok.json()["conforms"] is True


@pytest.mark.parametrize(
    ("accept", "check"),
    [
        ("text/turtle", lambda text: len(Graph().parse(data=text, format="turtle")) > 0),
        ("text/csv", lambda text: len(list(csv.DictReader(io.StringIO(text)))) == 6),
        ("application/junit+xml", lambda text: ET.fromstring(text).get("failures") == "6"),
        ("application/xml", lambda text: ET.fromstring(text).tag == "testsuites"),
        ("text/html", lambda text: "<table>" in text),
        ("application/ld+json", lambda text: '"sh:' in text or "shacl#" in text),
    ],
)
def test_report_by_accept(demo_client: TestClient, accept: str, check) -> None:  # type: ignore[no-untyped-def]
    response = demo_client.post(
        "/validate?profile=demo", content=BROKEN.read_bytes(), headers={**TURTLE, "Accept": accept}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    assert check(response.text)


def test_parameters_lang_severity_max_results(demo_client: TestClient) -> None:
    response = demo_client.post(
        "/validate?profile=demo&lang=fr&severity=Violation&max_results=1", content=BROKEN.read_bytes(), headers=TURTLE
    )
    body = response.json()
    assert body["truncated"] is True and len(body["results"]) == 1
    assert body["results"][0]["severity"] == "Violation"
    assert body["results"][0]["message"].startswith("Le système")
    assert response.headers["x-truncated"] == "true"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/n-triples", b"<http://a> <http://b> c .\n"),
        ("application/ld+json", b'{"@id": "http://a",\n "http://b": }'),
        ("application/rdf+xml", b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="x">\n<a></b>\n</rdf:RDF>'),
        ("text/turtle", b"@prefix ex: <http://e/> .\nex:a ex:b ."),
    ],
)
def test_malformed_body_is_400_with_position(demo_client: TestClient, content_type: str, body: bytes) -> None:
    response = demo_client.post("/validate?profile=demo", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 400
    problem = response.json()
    assert problem["code"] == "syntax-error"
    assert isinstance(problem["line"], int) and isinstance(problem["column"], int)


def test_unknown_profile_is_404_listing_known(demo_client: TestClient) -> None:
    response = demo_client.post("/validate?profile=demo&profile=nope", content=VALID.read_bytes(), headers=TURTLE)
    assert response.status_code == 404 and response.json()["known"] == ["demo"]


def test_missing_profile_is_400(demo_client: TestClient) -> None:
    response = demo_client.post("/validate", content=VALID.read_bytes(), headers=TURTLE)
    assert response.status_code == 400 and response.json()["known"] == ["demo"]


def test_unsupported_media_type_is_415(demo_client: TestClient) -> None:
    response = demo_client.post("/validate?profile=demo", content=b"%PDF", headers={"Content-Type": "application/pdf"})
    assert response.status_code == 415


def test_body_over_limit_is_413(demo_client: TestClient) -> None:
    big = b"# padding\n" * 20_000  # 200 kB against a 100 kB limit
    response = demo_client.post("/validate?profile=demo", content=big, headers=TURTLE)
    assert response.status_code == 413


def test_body_over_limit_without_content_length_is_413(demo_client: TestClient) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(30):
            yield b"#" * 9_999 + b"\n"

    response = demo_client.post("/validate?profile=demo", content=chunks(), headers=TURTLE)
    assert response.status_code == 413


def test_multipart_with_several_files(demo_client: TestClient) -> None:
    files = [
        ("file", ("systems.ttl", BROKEN.read_bytes(), "text/turtle")),
        ("file", ("more.nt", b'<https://exampleton.example/id/x> <http://b> "c" .\n', "application/n-triples")),
    ]
    response = demo_client.post("/validate?profile=demo", files=files)
    assert response.status_code == 200 and response.json()["counts"]["Violation"] == 2


def test_multipart_error_names_the_file(demo_client: TestClient) -> None:
    files = [("file", ("good.ttl", VALID.read_bytes(), "text/turtle")), ("file", ("bad.ttl", b"<a> <b> .", ""))]
    response = demo_client.post("/validate?profile=demo", files=files)
    assert response.status_code == 400 and response.json()["file"] == "bad.ttl"


def test_user_shapes_when_allowed(demo_client: TestClient) -> None:
    shapes = b"""@prefix sh: <http://www.w3.org/ns/shacl#> .
    <urn:s> a sh:NodeShape ; sh:targetNode <http://a> ; sh:class <urn:C> ."""
    files = [
        ("file", ("d.ttl", b"<http://a> <http://b> <http://c> .", "text/turtle")),
        ("shapes", ("s.ttl", shapes, "text/turtle")),
    ]
    body = demo_client.post("/validate", files=files).json()
    assert body["conforms"] is False and body["results"][0]["constraint"].endswith("ClassConstraintComponent")


def test_user_shapes_forbidden_by_default(client: TestClient) -> None:
    files = [
        ("file", ("d.ttl", b"<http://a> <http://b> <http://c> .", "text/turtle")),
        ("shapes", ("s.ttl", b"", "text/turtle")),
    ]
    assert client.post("/validate?profile=iot-device-register", files=files).status_code == 403


def test_unknown_report_format_is_406(demo_client: TestClient) -> None:
    response = demo_client.post(
        "/validate?profile=demo", content=VALID.read_bytes(), headers={**TURTLE, "Accept": "image/png"}
    )
    assert response.status_code == 406


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [("turtle", "text/turtle"), ("jsonld", "application/ld+json"), ("ntriples", "application/n-triples")],
)
def test_profile_shapes_by_format_parameter(demo_client: TestClient, fmt: str, media_type: str) -> None:
    response = demo_client.get(f"/profiles/demo?format={fmt}")
    assert response.status_code == 200 and response.headers["content-type"].startswith(media_type)
    assert demo_client.get("/profiles/demo?format=pdf").status_code == 406


def test_language_chains_and_malformed_tags(demo_client: TestClient) -> None:
    chained = demo_client.post("/validate?profile=demo&lang=pt,fr", content=BROKEN.read_bytes(), headers=TURTLE)
    assert chained.status_code == 200 and chained.json()["lang"] == "pt"
    assert any(r["message"].startswith("Le système") for r in chained.json()["results"]), "falls through pt to fr"
    for bad in ("xx yy", "fr;q=1"):
        response = demo_client.post(
            "/validate",
            params={"profile": "demo", "lang": bad, "format": "turtle"},
            content=VALID.read_bytes(),
            headers=TURTLE,
        )
        assert response.status_code == 400 and response.json()["parameter"] == "lang", bad


def test_profile_shapes_by_media_type_alias(demo_client: TestClient) -> None:
    response = demo_client.get("/profiles/demo", headers={"Accept": "application/x-turtle"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    assert demo_client.get("/profiles/demo", headers={"Accept": "*/*"}).json()["id"] == "demo"
    assert demo_client.get("/profiles/demo", headers={"Accept": "image/png"}).status_code == 406


def test_an_upload_with_more_files_than_allowed_is_refused_naming_the_setting() -> None:
    settings = embedded_settings(load_examples=False, max_upload_files=2, max_form_fields=1)
    part = ("file", ("d.nt", b"<urn:a> <urn:b> <urn:c> .\n", "application/n-triples"))
    with TestClient(create_app(settings)) as client:
        validated = client.post("/validate?profile=iot-device-register", files=[part] * 3)
        assert validated.status_code == 422 and validated.json()["limit"] == "max_upload_files", validated.text
        stored = client.post("/graphs?graph=urn:g", files=[part] * 3, headers=AUTH)
        assert stored.status_code == 422 and stored.json()["limit"] == "max_upload_files", stored.text
        assert client.get("/graphs?graph=urn:g").status_code == 404, "nothing written"
        assert client.post("/validate?profile=iot-device-register", files=[part] * 2).status_code == 200
        fields = client.post("/validate?profile=iot-device-register", files=[part], data={"a": "1", "b": "2"})
        assert fields.status_code == 422 and fields.json()["limit"] == "max_form_fields", fields.text
