"""The term browser in a real Chromium against a real server, used as a keyboard-only reader uses it: the landing
page's finder as a combobox, the scheme trees as disclosures, the ontology documentation's filter; labels with
markup shown as text; every page of the browser at phone width without sideways scrolling."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.web.conftest import suggested

MAX_TABS = 60


def tab_to(page: Any, test: str) -> None:
    """Press Tab until ``test`` (a JavaScript expression about ``document.activeElement``) holds."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return Boolean({test}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {test}")


def test_the_finder_is_a_combobox_used_with_the_keyboard_alone(guarded: tuple[Any, Any], live_server: str) -> None:
    page, outside = guarded
    page.goto(live_server + "/")
    box = page.locator("#q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    listbox = page.locator("#" + str(box.get_attribute("aria-controls")))
    assert listbox.get_attribute("role") == "listbox"
    tab_to(page, "el.id === 'q'")
    page.keyboard.type("interop")
    suggested(page, "interop").first.wait_for()
    options = listbox.get_by_role("option")
    assert box.get_attribute("aria-expanded") == "true"
    assert options.count() >= 2
    assert box.get_attribute("aria-activedescendant") is None, "nothing is chosen before an arrow key"
    page.keyboard.press("ArrowDown")
    first_id = options.nth(0).get_attribute("id")
    assert box.get_attribute("aria-activedescendant") == first_id
    assert options.nth(0).get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.nth(1).get_attribute("id")
    assert options.nth(0).get_attribute("aria-selected") == "false"
    page.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == first_id
    assert page.evaluate("document.activeElement.id") == "q", "focus stays in the box"
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and listbox.is_hidden()
    assert box.get_attribute("aria-activedescendant") is None
    assert box.input_value() == "interop", "the first Escape only closes the list"
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-expanded") == "true"
    chosen = options.nth(0)
    name = chosen.locator(".name").inner_text()
    target = chosen.get_attribute("data-href")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + str(target))
    assert "/def/" in page.url
    heading = page.locator("h1").inner_text()
    assert heading in name, "the term page of the suggestion chosen"
    assert outside.asked == []


def test_enter_with_no_suggestion_chosen_searches(page: Any, live_server: str) -> None:
    page.goto(live_server + "/?lang=fr")
    page.locator("#q").focus()
    page.keyboard.type("interop")
    suggested(page, "interop").first.wait_for()
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?**")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Rechercher les termes"
    assert page.locator("ol.results li").count() >= 2


def test_a_label_with_markup_shows_as_text_in_the_finder(page: Any, live_server: str) -> None:
    hostile = '<img src=x onerror="window.__pwned = 1">Bad <b>bold</b> label'
    body = {
        "query": "bad",
        "items": [
            {"iri": "https://w3id.org/cityref/def/B5", "curie": "cityref:B5", "notation": None, "label": hostile,
             "kind": "concept", "deprecated": False, "score": 90,
             "matched": {"field": "label", "lang": "en", "text": hostile, "match": "exact"}},
        ],
    }  # fmt: skip
    page.route(
        "**/autocomplete?**", lambda route: route.fulfill(content_type="application/json", body=json.dumps(body))
    )
    page.goto(live_server + "/")
    page.locator("#q").fill("bad")
    option = page.locator("#suggestions [role=option]").first
    option.wait_for()
    assert option.locator(".name").inner_text() == hostile
    assert page.locator("#suggestions img, #suggestions b").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_markup_typed_into_the_search_is_shown_as_text(page: Any, live_server: str) -> None:
    page.goto(live_server + "/search?q=%3Cb%3Einterop%3C%2Fb%3E")
    assert page.locator("#search-q").input_value() == "<b>interop</b>"
    assert "<b>interop</b>" in page.title()
    assert page.locator("main b").count() == 0


def test_a_scheme_tree_opens_and_closes_with_the_keyboard(guarded: tuple[Any, Any], live_server: str) -> None:
    page, outside = guarded
    page.goto(live_server + "/browse")
    toggles = page.locator("ul.tree > li > button.toggle")
    assert toggles.count() >= 20
    first = toggles.first
    controlled = page.locator("#" + str(first.get_attribute("aria-controls")))
    assert first.get_attribute("aria-expanded") == "false" and controlled.is_hidden(), "schemes start closed"
    tab_to(page, "el.classList.contains('toggle')")
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == first.get_attribute("aria-controls")
    page.keyboard.press("Enter")
    assert first.get_attribute("aria-expanded") == "true" and controlled.is_visible()
    # the next Tab stops are the scheme's link, then the first term of the opened scheme
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('scheme')")
    page.keyboard.press("Tab")
    inside = page.evaluate("document.activeElement.closest('ul').id")
    assert inside.startswith(str(first.get_attribute("aria-controls")))
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press(" ")
    assert first.get_attribute("aria-expanded") == "false" and controlled.is_hidden()
    assert outside.asked == []


def test_a_nested_level_opens_with_the_keyboard_and_leads_to_a_term(page: Any, live_server: str) -> None:
    page.goto(live_server + "/browse/scheme-operating-model?lang=de")
    group = page.get_by_role("button", name="Untergeordnete Begriffe von Strategiemanagement")
    controlled = page.locator("#" + str(group.get_attribute("aria-controls")))
    assert group.get_attribute("aria-expanded") == "true", "a scheme's own page starts open"
    group.focus()
    page.keyboard.press("Enter")
    assert controlled.is_hidden()
    page.keyboard.press("Enter")
    assert controlled.is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/def/B1?lang=de")
    assert page.locator("html").get_attribute("lang") == "de"


def test_the_ontology_filter_box_narrows_the_terms(page: Any, live_server: str) -> None:
    page.goto(live_server + "/ontology/core")
    articles = page.locator("article.term")
    total = articles.count()
    page.locator("#doc-filter").fill("interopérabilité")  # accents and case ignored
    expect(page.locator("#doc-filter-count")).to_contain_text(f"of {total}")
    visible = page.locator("article.term:visible").count()
    assert 0 < visible < total
    assert f"{visible} of {total}" in page.locator("#doc-filter-count").inner_text()
    page.locator("#doc-filter").fill("")
    expect(page.locator("#doc-filter-count")).to_have_text("")
    assert page.locator("article.term:visible").count() == total


@pytest.mark.parametrize(
    "path",
    [
        "/browse",
        "/browse/a-z?lang=fr",
        "/browse/scheme-operating-model",
        "/search?q=interop",
        "/def/B5?lang=it",
        "/ontology",
    ],
)
def test_phone_width_needs_no_sideways_scrolling(browser: Any, live_server: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(live_server + path, wait_until="load")
        closed = page.locator("button.toggle[aria-expanded=false]:visible")
        for _ in range(6):  # open a few levels: the deepest lists are the widest
            if closed.count():
                closed.first.click()
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] == 390, width
    finally:
        context.close()


def test_typing_on_after_choosing_starts_the_choice_afresh(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    box = page.locator("#q")
    box.focus()
    page.keyboard.type("interop")
    suggested(page, "interop").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "suggestion-0"
    with page.expect_response(lambda r: "/autocomplete" in r.url and "need" in r.url):
        page.keyboard.type("erability need")
    expect(page.locator("#suggestions [role=option]").first).to_contain_text("need")
    assert box.get_attribute("aria-activedescendant") is None
    assert page.locator('#suggestions [aria-selected="true"]').count() == 0


@pytest.mark.parametrize("path", ["/browse", "/browse/a-z", "/browse/scheme-key-risks", "/search?q=risk"])
def test_the_browser_pages_have_the_shell(guarded: tuple[Any, Any], live_server: str, path: str) -> None:
    page, outside = guarded
    assert page.goto(live_server + path).status == 200
    for role in ("banner", "main", "contentinfo"):
        assert page.get_by_role(role).count() == 1, role
    current = page.locator('nav[aria-label="Main"] a[aria-current="page"]')
    assert current.inner_text() == "Terms"
    assert page.get_by_role("navigation", name="Term browser").count() == 1
    assert outside.asked == []
