"""Security headers on every kind of response, and inline styles allowed only by the hash of what is served."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from cityref import resources
from cityref.api.security import csp_hash

PAGES = {
    "home": "/",
    "ontology": "/ontology",
    "ontology module": "/ontology/core",
    "term": "/def/B5",
    "sparql page": "/sparql",
    "upload page": "/validate",
}


def policy(response: object) -> dict[str, str]:
    header = response.headers["content-security-policy"]  # type: ignore[attr-defined]
    return {d.split()[0]: d.split(" ", 1)[1] if " " in d else "" for d in (p.strip() for p in header.split(";")) if d}


def assert_common(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_get_a_self_only_policy_without_inline_script(client: TestClient, name: str) -> None:
    response = client.get(PAGES[name], headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert_common(response)
    assert response.headers["x-frame-options"] == "DENY"
    csp = policy(response)
    assert csp["default-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["base-uri"] == "'none'" and csp["object-src"] == "'none'" and csp["form-action"] == "'self'"
    assert "script-src" not in csp, "scripts fall back to 'self': no inline script, no other origin"
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", response.text), "no inline script on the page"
    assert " style=" not in response.text and " on" + "click=" not in response.text
    for style in re.findall(r"<style[^>]*>(.*?)</style>", response.text, re.DOTALL):
        assert csp_hash(style) in csp["style-src"], "an inline style the policy would block"


def test_the_html_report_keeps_its_inline_style_and_the_policy_allows_exactly_it(client: TestClient) -> None:
    devices = (resources.examples_dir() / "exampleton" / "devices.ttl").read_bytes()
    response = client.post(
        "/validate?profile=iot-device-register&format=html", content=devices, headers={"Content-Type": "text/turtle"}
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    styles = re.findall(r"<style>(.*?)</style>", response.text, re.DOTALL)
    assert len(styles) == 1, "the report stands alone (the CLI writes it to a file)"
    assert csp_hash(styles[0]) in policy(response)["style-src"]


def test_the_assets_the_pages_use_are_served(client: TestClient) -> None:
    home = client.get("/").text
    on_home = re.findall(r'(?:href|src)="(/static/[^"]+)"', home)
    assert on_home == ["/static/shell.css", "/static/home.css", "/static/home.js"], "the shell's style, then the page's"
    assets = [*on_home, "/static/ontology.css", "/static/preview.css", "/static/term.css", "/static/forms.css"]
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert response.headers["content-type"].split(";")[0] in (
            "text/css",
            "text/javascript",
            "application/javascript",
        )
        assert_common(response)
    assert client.get("/static/../settings.py").status_code == 404


@pytest.mark.parametrize(
    "path", ["/health", "/terms/B5", "/queries", "/no-such-route", "/def/B5?format=turtle", "/openapi.json"]
)
def test_other_responses_get_nosniff_and_a_policy_that_allows_nothing(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert_common(response)
    assert response.headers["x-frame-options"] == "DENY"
    assert policy(response)["default-src"] == "'none'"
    assert policy(response)["frame-ancestors"] == "'none'"


def test_errors_get_the_headers_too(client: TestClient) -> None:
    response = client.get("/terms/no-such-term-at-all")
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"
    assert_common(response)


def test_reconciliation_previews_may_be_framed_for_openrefine(client: TestClient) -> None:
    for path in ("/reconcile/preview", "/reconcile/v1/preview"):
        response = client.get(path, params={"id": "B5"})
        assert response.status_code == 200 and "text/html" in response.headers["content-type"]
        assert_common(response)
        assert "x-frame-options" not in response.headers
        csp = policy(response)
        assert csp["frame-ancestors"] == "*" and csp["default-src"] == "'none'" and csp["style-src"] == "'self'"
        assert " style=" not in response.text


def test_docs_pages_load_everything_from_this_server_and_only_their_own_inline_script(client: TestClient) -> None:
    swagger = client.get("/docs")
    assert_common(swagger)
    csp = policy(swagger)
    inline = re.findall(r"<script>(.*?)</script>", swagger.text, re.DOTALL)
    assert len(inline) == 1
    assert csp["script-src"].split() == ["'self'", csp_hash(inline[0])]
    assert csp["style-src"] == "'self'"
    assert csp["connect-src"] == "'self'" and csp["default-src"] == "'none'" and csp["frame-ancestors"] == "'none'"
    assert "https:" not in swagger.headers["content-security-policy"], "no other host may serve the docs"
    redoc = client.get("/redoc")
    csp = policy(redoc)
    assert csp["script-src"] == "'self'"
    assert csp["worker-src"] == "blob:" and csp["font-src"] == "'self'"
    assert csp["connect-src"] == "'self'" and csp["default-src"] == "'none'"
    assert "https:" not in redoc.headers["content-security-policy"]
    assert int(redoc.headers["content-length"]) == len(redoc.content), "the held page is sent whole"
    for page in (swagger, redoc):
        for asset in re.findall(r'(?:href|src)="([^"]+)"', page.text):
            assert asset.startswith("/static-docs/"), asset
            response = client.get(asset)
            assert response.status_code == 200 and len(response.content) > 1000, asset
