"""pySHACL's DASH test cases on both engines, read from the folder named by ``CITYREF_DASH_TESTS``.

cityref keeps none of their files: point the variable at a copy of pySHACL's ``test/resources/dash_tests``
(docs/validation.md says how; ``.ci/run`` does it). Unset, the module is not collected and the run ends with one
line saying so. Each case runs as the
W3C cases do, user shapes against the file itself without the ontology, without inference; a case listed in
``known_dash_failures.txt`` for an engine must fail on it, so the list stays honest.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph
from tests.validation.w3c import report_outcome

from cityref.errors import CityrefError
from cityref.validation import validate, w3c_graph

FOLDER = os.environ.get("CITYREF_DASH_TESTS")
if not FOLDER:
    pytest.skip("CITYREF_DASH_TESTS is not set: pySHACL's DASH cases did not run", allow_module_level=True)

from tests.validation.dash import DashCase, dash_cases, quiet  # noqa: E402

CASES = list(dash_cases(Path(FOLDER)))
KNOWN_FILE = Path(__file__).with_name("known_dash_failures.txt")
ENGINES = ("default", "pyshacl")


def _known() -> dict[str, dict[str, str]]:
    known: dict[str, dict[str, str]] = {engine: {} for engine in ENGINES}
    for line in KNOWN_FILE.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            engine, name, reason = line.split(" ", 2)
            known[engine][name] = reason
    return known


KNOWN = _known()


def test_the_folder_holds_dash_cases() -> None:
    assert CASES, f"{FOLDER} holds no dash:GraphValidationTestCase"
    for known in KNOWN.values():
        assert set(known) <= {c.name for c in CASES}, "known_dash_failures.txt names a case that does not exist"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_dash_case(case: DashCase, engine: str) -> None:
    text = case.path.read_bytes()
    try:
        report = validate(
            text,
            [],
            content_type="text/turtle",
            shapes=text,
            shapes_content_type="text/turtle",
            with_ontology=False,
            engine=None if engine == "default" else engine,
        )
        graph: Graph | None = w3c_graph(report)
    except CityrefError:
        graph = None
    with quiet():
        passed = graph is not None and report_outcome(graph) == (case.expected_conforms, case.expected_results)
    if case.name in KNOWN[engine]:
        assert not passed, f"{case.name} now passes on {engine}: remove it from known_dash_failures.txt"
    else:
        assert passed, f"{case.name} does not give the expected report on {engine}"
