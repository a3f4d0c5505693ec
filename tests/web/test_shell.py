"""The shell every page shares, in a real Chromium against a real server: landmarks, skip link, navigation,
language picker, the version, phone width, error pages for browsers, offline API docs, and nothing asked of any
other host."""

from __future__ import annotations

from typing import Any

import pytest

from cityref import resources
from cityref._version import VERSION

PAGES = {
    "landing": "/",
    "ontology": "/ontology/core",
    "model": "/model",
    "term": "/def/B5",
    "sparql": "/sparql",
    "canned queries": "/queries",
    "canned query": "/queries/interoperability-needs",
    "upload": "/validate",
    "not found": "/def/no-such-term-here",
    "benefits": "/cities/exampleton/benefits",
    "city report": "/cities/exampleton/report?since=2026-01-15",
    "assessment": "/cities/exampleton/assessment",
    "gaps": "/cities/exampleton/gaps",
}
NAV = ["Model", "Terms", "Query", "Validate", "Cities", "API"]


@pytest.mark.parametrize("kind", list(PAGES))
def test_every_kind_of_page_has_the_shell(guarded: tuple[Any, Any], live_server: str, kind: str) -> None:
    page, outside = guarded
    response = page.goto(live_server + PAGES[kind])
    assert response.status == (404 if kind == "not found" else 200)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator('meta[name="viewport"]').count() == 1
    for role in ("banner", "main", "contentinfo"):
        assert page.get_by_role(role).count() == 1, role
    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link").all_inner_texts() == NAV
    assert page.get_by_role("navigation", name="Language").get_by_role("link").count() == 5
    assert VERSION in page.get_by_role("contentinfo").inner_text()
    # The skip link is the first thing the keyboard reaches, and it moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    assert page.evaluate("getComputedStyle(document.activeElement).top") != "-64px", "visible when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert outside.asked == []


def test_navigation_marks_where_the_reader_is(page: Any, live_server: str) -> None:
    page.goto(live_server + "/validate")
    current = page.locator('nav[aria-label="Main"] a[aria-current="page"]')
    assert current.inner_text() == "Validate"


def test_the_landing_page_links_every_tool(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    main = page.get_by_role("main")
    hrefs = {a.split("?")[0] for a in main.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")}
    assert {
        "/model",
        "/ontology",
        "/sparql",
        "/queries",
        "/validate",
        "/profiles",
        "/docs",
        "/redoc",
        "/health",
    } <= hrefs
    main.get_by_role("link", name="Validate a delivery").click()
    page.wait_for_url("**/validate")
    assert page.locator("h1").inner_text() == "Validate a delivery"


def test_the_picker_keeps_the_language_across_navigation(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    page.get_by_role("navigation", name="Language").locator('a[hreflang="fr"]').click()
    page.wait_for_url("**/?lang=fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("navigation", name="Navigation principale").get_by_role("link").all_inner_texts() == [
        "Modèle",
        "Termes",
        "Requête",
        "Valider",
        "Villes",
        "API",
    ]
    page.get_by_role("link", name="Valider", exact=True).click()
    page.wait_for_url("**/validate?lang=fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Valider une livraison"
    assert page.locator("#lang").input_value() == "fr", "the report's language follows the interface's"
    page.get_by_role("link", name="Modèle").click()
    page.wait_for_url("**/model?lang=fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Le modèle opérationnel de la ville intelligente"
    # The model page links the ontology documentation, in the same language.
    page.get_by_role("main").get_by_role("link", name="Documentation de l'ontologie").click()
    page.wait_for_url("**/ontology?lang=fr")
    assert "Classes" in page.locator("h2").first.inner_text()
    # A term link on a kept-language page keeps it too, and the term is shown in French.
    page.goto(live_server + "/def/B5?lang=fr")
    page.locator('a[href^="/def/Practice"]').first.click()
    page.wait_for_url("**/def/Practice?lang=fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    # Without ?lang the cookie the picker set decides; the picker then says German after a switch.
    page.goto(live_server + "/def/B5")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "interopérabilité" in page.locator("h1").inner_text()
    page.get_by_role("navigation", name="Langue").locator('a[hreflang="de"]').click()
    page.wait_for_url("**/def/B5?lang=de")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator('nav[aria-label="Sprache"] a[aria-current="true"]').get_attribute("hreflang") == "de"


def test_without_lang_or_cookie_the_browser_language_decides(browser: Any, live_server: str) -> None:
    context = browser.new_context(locale="it-IT")
    try:
        page = context.new_page()
        page.goto(live_server + "/def/B5")
        assert page.locator("html").get_attribute("lang") == "it"
        assert page.get_by_role("link", name="Convalida", exact=True).count() == 1
        assert "interoperabilità" in page.locator("h1").inner_text().lower()
    finally:
        context.close()


@pytest.mark.parametrize("kind", [*PAGES, "report"])
def test_phone_width_needs_no_sideways_scrolling(browser: Any, live_server: str, kind: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        if kind == "report":
            _validate_devices(page, live_server)
        else:
            page.goto(live_server + PAGES[kind])
        page.wait_for_load_state("load")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] == 390, width
    finally:
        context.close()


def _validate_devices(page: Any, live_server: str) -> Any:
    devices = resources.examples_dir() / "exampleton" / "devices.ttl"
    page.goto(live_server + "/validate")
    page.check('input[name="profile"][value="iot-device-register"]')
    page.set_input_files("#file", str(devices))
    with page.expect_response(lambda r: "/validate" in r.url and r.request.method == "POST") as answer:
        page.click("button[type=submit]")
    page.wait_for_load_state()
    return answer.value


def test_a_browser_gets_an_error_page_with_line_and_column(guarded: tuple[Any, Any], live_server: str) -> None:
    page, outside = guarded
    page.goto(live_server + "/validate?lang=de")
    page.check('input[name="profile"][value="iot-device-register"]')
    page.set_input_files(
        "#file", files=[{"name": "broken.ttl", "mimeType": "text/turtle", "buffer": b"<urn:a> <urn:b>\n  <urn:c\n"}]
    )
    with page.expect_response(lambda r: "/validate" in r.url and r.request.method == "POST") as answer:
        page.click("button[type=submit]")
    assert answer.value.status == 400
    assert answer.value.headers["content-type"].startswith("text/html")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "de", "the form's page was German: so is its error"
    # the form comes back with the problem beside the files, not as a page of its own
    assert page.locator("h1").inner_text() == "Eine Lieferung prüfen"
    assert page.locator("#problem-file strong").inner_text() == "Syntaxfehler"
    details = page.locator("#problem-file dl").inner_text()
    assert "Zeile" in details and "Spalte" in details
    assert page.get_by_role("banner").count() == 1 and page.get_by_role("main").count() == 1
    assert outside.asked == []


def test_a_browser_gets_an_error_page_for_a_missing_term_with_suggestions(page: Any, live_server: str) -> None:
    response = page.goto(live_server + "/def/Practise?lang=es")
    assert response.status == 404 and response.headers["content-type"].startswith("text/html")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() == "No encontrado"
    page.get_by_role("link", name="Practice", exact=True).click()
    page.wait_for_url("**/def/Practice?lang=es")


def test_api_docs_render_their_operations_offline(guarded: tuple[Any, Any], live_server: str) -> None:
    """Every request to another host is refused and logged: Swagger UI and ReDoc still draw the API, and the log
    shows that no page asked any host but the server."""
    page, outside = guarded
    page.goto(live_server + "/docs")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() > 40
    assert page.locator(".opblock-summary-path", has_text="/def/{local}").count() >= 1
    page.goto(live_server + "/redoc")
    heading = page.locator("h2").filter(has_text="Dereference a term IRI").first
    heading.wait_for()
    assert page.locator("h2").count() > 40, "one heading per operation"
    assert outside.asked == []
