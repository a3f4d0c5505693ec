"""A maturity assessment written for 0.1.0 (five dimensions) is still read over HTTP: the four dimensions of 0.2.0
pass, and the deprecated fifth draws one Warning that names it and its successor, in the reader's language."""

from __future__ import annotations

import warnings

from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, URIRef

from cityref import resources

CASES = resources.examples_dir() / "deliveries" / "maturity-assessment"
NS = "https://w3id.org/cityref/def/"
EX = "https://exampleton.example/id/"
DEPRECATED = NS + "maturity-dimension-problem-solving"
SUCCESSOR = "cityref:maturity-aspect-problem-solving"
TURTLE = {"Content-Type": "text/turtle", "Accept": "application/json"}


def delivery(name: str) -> bytes:
    """The delivery part (default graph) of an example case, as Turtle."""
    dataset = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(CASES / name, format="trig")
    graph = Graph()
    for triple in dataset.default_graph:
        graph.add(triple)
    return graph.serialize(format="turtle").encode()


def test_five_dimension_assessment_gets_one_deprecation_warning(client: TestClient) -> None:
    response = client.post(
        "/validate?profile=maturity-assessment", content=delivery("broken-five-dimensions-0.1.0.trig"), headers=TURTLE
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 1, results
    (warning,) = results
    assert warning["severity"] == "Warning"
    assert warning["focusNode"].endswith("maturity-2024-problem-solving")
    assert "maturity-dimension-problem-solving" in warning["message"] and SUCCESSOR in warning["message"]
    assert "deprecated" in warning["message"]


def test_five_dimension_assessment_conforms_at_violation_level(client: TestClient) -> None:
    response = client.post(
        "/validate?profile=maturity-assessment&severity=Violation&lang=fr",
        content=delivery("broken-five-dimensions-0.1.0.trig"),
        headers=TURTLE,
    )
    body = response.json()
    assert body["conforms"] is True and body["results"] == []
    french = client.post(
        "/validate?profile=maturity-assessment&lang=fr",
        content=delivery("broken-five-dimensions-0.1.0.trig"),
        headers=TURTLE,
    ).json()["results"]
    assert french[0]["message"].startswith("Cette note porte sur") and SUCCESSOR in french[0]["message"]


def test_four_dimension_assessment_draws_no_warning(client: TestClient) -> None:
    response = client.post("/validate?profile=maturity-assessment", content=delivery("valid.trig"), headers=TURTLE)
    body = response.json()
    assert body["conforms"] is True and body["results"] == []


def test_dropping_a_current_dimension_is_still_a_violation(client: TestClient) -> None:
    """The fifth rating does not stand in for one of the four: without 'lead collaboratively' the 0.1.0 assessment
    is incomplete."""
    text = delivery("broken-five-dimensions-0.1.0.trig").decode()
    graph = Graph().parse(data=text, format="turtle")
    graph.remove((None, URIRef(NS + "hasDimensionAssessment"), URIRef(EX + "maturity-2024-lead")))
    response = client.post(
        "/validate?profile=maturity-assessment", content=graph.serialize(format="turtle").encode(), headers=TURTLE
    )
    results = response.json()["results"]
    assert {r["severity"] for r in results} == {"Violation", "Warning"}
    assert any("lead collaboratively" in r["message"] for r in results if r["severity"] == "Violation")
