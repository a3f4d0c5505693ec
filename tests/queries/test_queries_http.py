"""``/queries`` over HTTP: listing, text, runs with parameters, negotiation, and 400s for bad parameters."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF

from cityref.sparql import canned

C = Namespace("https://w3id.org/cityref/def/")


def test_list_has_every_query_with_params(app_client: TestClient) -> None:
    response = app_client.get("/queries")
    assert response.status_code == 200
    listed = {q["name"]: q for q in response.json()["queries"]}
    assert set(listed) == set(canned.catalogue())
    deps = listed["practice-dependencies"]
    assert deps["title"] and deps["description"] and deps["href"].endswith("/queries/practice-dependencies")
    practice = next(p for p in deps["params"] if p["name"] == "practice")
    assert practice == {
        "name": "practice",
        "type": "iri",
        "required": False,
        "default": "https://w3id.org/cityref/def/B5",
        "description": practice["description"],
    }


@pytest.mark.parametrize("path", ["/queries/silo-systems.rq", "/queries/silo-systems?describe=true"])
def test_text_of_a_query(app_client: TestClient, path: str) -> None:
    response = app_client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-query")
    assert response.text == canned.get("silo-systems").text


def test_run_with_defaults_gives_sparql_json(app_client: TestClient, city: Graph) -> None:
    response = app_client.get("/queries/personal-data-without-retention")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    devices = {b["device"]["value"] for b in response.json()["results"]["bindings"]}
    expected = {
        str(d)
        for d in city.subjects(RDF.type, C.IoTDevice)
        if (d, C.collectsPersonalData, Literal(True)) in city and city.value(d, C.retentionDays) is None
    }
    assert devices == expected and devices


@pytest.mark.parametrize(
    ("accept", "fmt", "media_type"),
    [
        ("text/csv", None, "text/csv"),
        ("text/tab-separated-values", None, "text/tab-separated-values"),
        ("application/sparql-results+xml", None, "application/sparql-results+xml"),
        ("text/csv;q=0.5, application/sparql-results+xml", None, "application/sparql-results+xml"),
        ("application/sparql-results+json", "csv", "text/csv"),
    ],
)
def test_content_negotiation(app_client: TestClient, accept: str, fmt: str | None, media_type: str) -> None:
    params = {"practice": "cityref:B6"} | ({"format": fmt} if fmt else {})
    response = app_client.get("/queries/practice-dependencies", params=params, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.headers["vary"] == "Accept"
    if media_type == "text/csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert rows and {r["practice"] for r in rows} == {str(C.B6)}


def test_nothing_acceptable_is_406(app_client: TestClient) -> None:
    response = app_client.get("/queries/model-outline", headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_parameters_change_the_answer(app_client: TestClient) -> None:
    def names(lang: str) -> set[str]:
        body = app_client.get("/queries/model-outline", params={"lang": lang}).json()
        return {b["label"]["value"] for b in body["results"]["bindings"] if "label" in b}

    assert names("fr") and names("fr").isdisjoint(names("en"))


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"city": "> } ; DROP ALL #"}, "city"),
        ({"city": 'https://x.example/"a"'}, "city"),
        ({"city": "https://x.example/a\nDROP ALL"}, "city"),
        ({"layer": "not an iri"}, "layer"),
        ({"nosuch": "1"}, "nosuch"),
    ],
)
def test_bad_parameters_are_400_naming_them(app_client: TestClient, params: dict[str, str], param: str) -> None:
    response = app_client.get("/queries/interoperability-needs", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["param"] == param and param in body["detail"]


def test_missing_required_and_wrong_type(app_client: TestClient) -> None:
    missing = app_client.get("/queries/missing-translations")
    assert missing.status_code == 400 and missing.json()["param"] == "lang"
    wrong = app_client.get("/queries/risk-register", params={"minScore": "high"})
    assert wrong.status_code == 400 and wrong.json()["param"] == "minScore"
    repeated = app_client.get("/queries/model-outline?lang=fr&lang=de")
    assert repeated.status_code == 400


def test_store_survives_injection_attempts(app_client: TestClient) -> None:
    before = app_client.get("/queries/silo-systems").json()["results"]["bindings"]
    for attempt in ("> } ; DROP ALL #", "x> } } ; CLEAR ALL ; #"):
        assert app_client.get("/queries/silo-systems", params={"city": attempt}).status_code == 400
    assert app_client.get("/queries/silo-systems").json()["results"]["bindings"] == before and before


def test_unknown_query_is_404(app_client: TestClient) -> None:
    response = app_client.get("/queries/no-such-query")
    assert response.status_code == 404
    assert "silo-systems" in response.json()["known"]
