"""The 0.1.0 maturity terms that 0.2.0 deprecates answer 308 to their successors through the real app, with the
shipped ontology; the terms that stay answer 200."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

NS = "https://w3id.org/cityref/def/"
SUCCESSORS = {
    "maturity-dimension-problem-solving": "maturity-aspect-problem-solving",
    **{f"maturity-cell-problem-solving-{n}": f"maturity-stage-aspect-problem-solving-{n}" for n in range(1, 5)},
}
KEPT = [
    "maturity-dimension-engage-stakeholders",
    "maturity-dimension-lead-collaboratively",
    "maturity-dimension-work-across-boundaries",
    "maturity-dimension-integrate-technology-data",
    *(f"maturity-stage-{n}" for n in range(1, 5)),
    "maturity-cell-work-across-boundaries-3",
]


@pytest.mark.parametrize(("old", "new"), sorted(SUCCESSORS.items()))
def test_deprecated_maturity_term_answers_308(client: TestClient, old: str, new: str) -> None:
    response = client.get(f"/def/{old}", headers={"Accept": "text/turtle"}, follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == f"/def/{new}"
    assert response.headers["link"] == f'<{NS}{new}>; rel="successor-version"'
    via_terms = client.get(f"/terms/{old}", follow_redirects=False)
    assert via_terms.status_code == 308 and via_terms.headers["location"] == f"/terms/{new}"
    followed = client.get(f"/def/{old}", headers={"Accept": "text/turtle"}, follow_redirects=True)
    assert followed.status_code == 200 and f"cityref:{new} " in followed.text


def test_deprecated_dimension_described_with_redirect_false(client: TestClient) -> None:
    body = client.get("/terms/maturity-dimension-problem-solving?redirect=false&lang=de").json()
    assert body["deprecated"] is True and body["withdrawn"] is False
    assert body["replacedBy"]["iri"] == NS + "maturity-aspect-problem-solving"
    assert "four means" in body["changeNote"]["en"]
    assert body["label"] == "Problemlösungsfähigkeit"


@pytest.mark.parametrize("local", KEPT)
def test_maturity_terms_in_use_are_not_deprecated(client: TestClient, local: str) -> None:
    response = client.get(f"/def/{local}", headers={"Accept": "text/turtle"}, follow_redirects=False)
    assert response.status_code == 200, local


def test_search_hides_the_deprecated_dimension(client: TestClient) -> None:
    found = {i["curie"] for i in client.get("/search?q=problem-solving").json()["items"]}
    assert "cityref:maturity-aspect-problem-solving" in found
    assert "cityref:maturity-dimension-problem-solving" not in found
