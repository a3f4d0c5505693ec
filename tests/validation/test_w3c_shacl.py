"""The W3C SHACL test suite (core and SPARQL) through the library and through ``POST /validate``.

Each case must end as the suite says (a report with the same verdict and results, or a refusal for ill-formed
shapes), except the ones in ``known_failures.txt``; a known failure that starts passing fails the test too, so the
list stays honest.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from tests.conftest import CONFORMANCE
from tests.validation.w3c import SuiteCase, cases, report_outcome

from cityref.errors import CityrefError
from cityref.validation import fast, parse_data, validate, w3c_graph

SUITE = CONFORMANCE / "shacl"
CASES = list(cases(SUITE / "manifest.ttl"))
KNOWN_FILE = Path(__file__).with_name("known_failures.txt")


ENGINES = ("default", "pyshacl", "shacl-rust")


def _known() -> dict[str, dict[str, str]]:
    known: dict[str, dict[str, str]] = {engine: {} for engine in ENGINES}
    for line in KNOWN_FILE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            engine, test, reason = line.split(" ", 2)
            known[engine][(SUITE / test).as_uri()] = reason
    return known


KNOWN = _known()


def _name(case: SuiteCase) -> str:
    return case.iri.removeprefix(SUITE.as_uri() + "/")


def _outcome_ok(case: SuiteCase, report_graph: Graph | None) -> bool:
    if case.expected_conforms is None:  # the suite expects a refusal
        return report_graph is None
    return report_graph is not None and report_outcome(report_graph) == (case.expected_conforms, case.expected_results)


def _check(case: SuiteCase, passed: bool, engine: str = "default") -> None:
    if case.iri in KNOWN[engine]:
        assert not passed, f"{_name(case)} now passes: remove it from known_failures.txt"
    else:
        assert passed, f"{_name(case)} ({case.label}) does not give the expected report"


def test_suite_is_complete() -> None:
    assert len(CASES) == 120
    for known in KNOWN.values():
        assert set(known) <= {c.iri for c in CASES}, "known_failures.txt names a test that does not exist"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", CASES, ids=_name)
def test_library(case: SuiteCase, engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the default path (the compiled engine, pySHACL for shapes it cannot run), on pySHACL, and on the compiled
    engine alone (nothing sent to pySHACL)."""
    if engine == "shacl-rust":
        monkeypatch.setattr(fast, "unsupported", lambda shapes: None)
    try:
        report = validate(
            case.data_path.read_bytes(),
            [],
            content_type="text/turtle",
            shapes=case.shapes_path.read_bytes(),
            shapes_content_type="text/turtle",
            with_ontology=False,
            engine=None if engine == "default" else engine,
        )
        graph: Graph | None = w3c_graph(report)
    except CityrefError:
        graph = None
    _check(case, _outcome_ok(case, graph), engine)


@pytest.fixture(scope="module")
def shapes_client(demo_client: TestClient) -> TestClient:
    return demo_client  # user shapes are allowed on the demo app


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_http(case: SuiteCase, shapes_client: TestClient) -> None:
    files = [
        ("file", (case.data_path.name, case.data_path.read_bytes(), "text/turtle")),
        ("shapes", (case.shapes_path.name, case.shapes_path.read_bytes(), "text/turtle")),
    ]
    response = shapes_client.post("/validate", files=files, headers={"Accept": "text/turtle"})
    assert response.status_code in (200, 400), response.text
    graph = parse_data(response.content, "text/turtle") if response.status_code == 200 else None
    _check(case, _outcome_ok(case, graph))
