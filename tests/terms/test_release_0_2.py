"""Release 0.2.0 keeps every IRI that 0.1.0 published: each answers 200 (unchanged), 308 to its successor
(deprecated and replaced) or 410 with the reason (withdrawn), never 404; and every replacement answers 308 to the
term that replaces it, through the real app with the shipped ontology."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL

from cityref import resources
from cityref.ontology.model import load_ontology

NS = "https://w3id.org/cityref/def/"
RELEASED = Path(__file__).parents[1] / "data" / "releases" / "0.1.0-terms.txt"


def released_terms() -> list[str]:
    lines = RELEASED.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def replacements() -> dict[str, str]:
    merged = load_ontology().merged
    found = {}
    for term in merged.subjects(OWL.deprecated, Literal(True)):
        successor = merged.value(term, DCTERMS.isReplacedBy)
        if isinstance(term, URIRef) and term.startswith(NS) and isinstance(successor, URIRef):
            found[term[len(NS) :]] = str(successor)
    return found


def test_the_release_list_is_the_0_1_0_vocabulary() -> None:
    terms = released_terms()
    assert len(terms) == len(set(terms)) == 332
    assert {"B5", "maturity-dimension-problem-solving", "retentionPeriod", "contactPoint", "unit"} <= set(terms)


def test_every_0_1_0_term_still_answers(client: TestClient) -> None:
    answers = {}
    for term in released_terms():
        response = client.get(f"/def/{term}", headers={"Accept": "text/turtle"}, follow_redirects=False)
        answers[term] = response.status_code
    lost = {term: status for term, status in answers.items() if status not in (200, 308, 410)}
    assert not lost, lost
    assert sum(status == 308 for status in answers.values()) >= 8, "0.2.0 replaces at least eight 0.1.0 terms"


def test_the_0_1_0_terms_that_changed_are_replaced() -> None:
    replaced = replacements()
    for old, new in {
        "maturity-dimension-problem-solving": NS + "maturity-aspect-problem-solving",
        "retentionPeriod": NS + "retentionDays",
        "contactPoint": "http://www.w3.org/ns/dcat#contactPoint",
        "unit": "http://qudt.org/schema/qudt/unit",
    }.items():
        assert replaced.get(old) == new, old


@pytest.mark.parametrize(("old", "new"), sorted(replacements().items()))
def test_a_replaced_term_answers_308_to_its_successor(client: TestClient, old: str, new: str) -> None:
    response = client.get(f"/def/{old}", headers={"Accept": "text/turtle"}, follow_redirects=False)
    assert response.status_code == 308, old
    local = f"/def/{new[len(NS) :]}" if new.startswith(NS) else new
    assert response.headers["location"] == local
    assert response.headers["link"] == f'<{new}>; rel="successor-version"'


def test_the_change_log_names_every_deprecation_and_the_current_release() -> None:
    ontology = load_ontology()
    changes = (resources.ontology_dir() / "CHANGES.md").read_text(encoding="utf-8")
    versions = {module.version for module in ontology.modules.values()}
    assert len(versions) == 1, versions
    (version,) = versions
    assert changes.split("\n## ", 2)[1].startswith(version), "the newest release comes first"
    for old in replacements():
        stem = old.rstrip("0123456789").rstrip("-")
        assert f"`cityref:{old}`" in changes or f"`cityref:{stem}-1`" in changes, old
