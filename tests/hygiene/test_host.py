"""The Host header is the client's to choose: it must not reach any page, description, manifest or redirect."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.hygiene.conftest import hygiene_settings

from cityref import create_app

FORGED = "forged-host.example"
GETS = [
    ("/", "text/html"),
    ("/sparql", "text/html"),
    ("/sparql", "text/turtle"),
    ("/sparql", "application/ld+json"),
    ("/queries", "application/json"),
    ("/reconcile", "application/json"),
    ("/reconcile/v1", "application/json"),
    ("/reconcile/preview?id=B5", "text/html"),
    ("/ontology", "text/html"),
    ("/def/B5", "text/html"),
    ("/def/B5", "text/turtle"),
    ("/validate", "text/html"),
    ("/docs", "text/html"),
    ("/redoc", "text/html"),
    ("/openapi.json", "application/json"),
    ("/terms/B5", "application/json"),
    # Starlette's trailing-slash redirects, which build Location from the Host header.
    ("/terms/", "application/json"),
    ("/ontology/", "text/html"),
    ("/sparql/", "text/html"),
]


def forged_nowhere(response: object) -> None:
    assert FORGED not in response.text  # type: ignore[attr-defined]
    for name, value in response.headers.items():  # type: ignore[attr-defined]
        assert FORGED not in value, name


@pytest.mark.parametrize(("path", "accept"), GETS)
def test_a_forged_host_appears_nowhere(client: TestClient, path: str, accept: str) -> None:
    response = client.get(path, headers={"Host": FORGED, "Accept": accept}, follow_redirects=False)
    assert response.status_code < 400, response.text
    forged_nowhere(response)


def test_redirects_stay_relative(client: TestClient) -> None:
    response = client.get("/terms/", headers={"Host": FORGED}, follow_redirects=False)
    assert response.status_code in (307, 308) and response.headers["location"] == "/terms"


def test_without_a_base_url_links_are_made_from_host_and_port() -> None:
    with TestClient(create_app(hygiene_settings(host="127.0.0.1", port=8123))) as client:
        page = client.get("/sparql", headers={"Host": FORGED, "Accept": "text/html"}).text
        assert "http://127.0.0.1:8123/sparql" in page
        assert 'action="sparql"' in page, "the form posts back relative to the page"
        manifest = client.get("/reconcile", headers={"Host": FORGED}).json()
        assert manifest["view"]["url"] == "http://127.0.0.1:8123/def/{{id}}"


def test_with_a_base_url_every_absolute_link_uses_it() -> None:
    base = "https://cityref.example.org/api/"
    with TestClient(create_app(hygiene_settings(base_url=base))) as client:
        description = client.get("/sparql", headers={"Host": FORGED, "Accept": "text/turtle"}).text
        assert "<https://cityref.example.org/api/sparql>" in description
        listing = client.get("/queries", headers={"Host": FORGED}).json()["queries"]
        assert listing and all(q["href"].startswith("https://cityref.example.org/api/queries/") for q in listing)
        manifest = client.get("/reconcile/v1", headers={"Host": FORGED}).json()
        assert manifest["documentation"] == "https://cityref.example.org/api/docs"
