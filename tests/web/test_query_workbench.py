"""The query workbench and the canned query pages in Chromium, against a real ``cityref serve``: what an architect
does there (type a query, run it with Ctrl+Enter, read the table, page and sort it, run a canned query from its
form, download it, bookmark it) and what must never happen (a label read as markup, a request to another host).

The server is this module's own, with a write key, so that a city graph holding a label with markup can be loaded
into it as a data team would load one."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from tests.web.conftest import Outside, serving

from cityref.ontology.model import load_ontology
from cityref.terms import TermIndex
from cityref.terms.index import natural_key

KEY = "workbench-test-key"
ROW_CAP = 200
"""The server's row cap here: above what every page asks for itself, below what one broad query returns."""
MARKUP_GRAPH = "https://w3id.org/cityref/graph/city/markup-town"
MARKUP_LABEL = '<b>Bold</b> <img src=x onerror="window.pwned=1"><script>window.pwned=1</script> & "co"'
PREFIXES = "PREFIX cityref: <https://w3id.org/cityref/def/>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A server with a write key and a small row cap, holding a city graph whose system label is markup."""
    env = {
        "CITYREF_API_KEY_HASHES": json.dumps([hashlib.sha256(KEY.encode()).hexdigest()]),
        "CITYREF_RESULT_ROW_CAP": str(ROW_CAP),
    }
    with serving(env, ready="/cities/exampleton") as base:
        turtle = (
            "@prefix cityref: <https://w3id.org/cityref/def/> .\n"
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
            f"<https://markup.example/id/town> a cityref:City ; rdfs:label {json.dumps('Markup Town')}@en .\n"
            f"<https://markup.example/id/system> a cityref:CitySystem ; rdfs:label {json.dumps(MARKUP_LABEL)}@en .\n"
        )
        request = urllib.request.Request(
            f"{base}/graphs?graph={MARKUP_GRAPH}",
            data=turtle.encode(),
            method="PUT",
            headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {KEY}"},
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.status in (201, 204)
        yield base


@pytest.fixture(scope="module")
def terms() -> TermIndex:
    return TermIndex.build(load_ontology())


@pytest.fixture()
def guarded_page(browser: Any, server: str) -> Iterator[tuple[Any, Outside]]:
    context = browser.new_context(accept_downloads=True)
    outside = Outside(server)
    context.route("**/*", outside)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, outside
    context.close()
    assert errors == [], "the page's scripts ran without an error"


def run_in_editor(page: Any, text: str) -> None:
    """Put ``text`` in the editor, type one more character as a person would, and press Ctrl+Enter."""
    page.fill("#query", text)
    page.focus("#query")
    page.keyboard.press("End")
    page.keyboard.type(" ")
    page.keyboard.press("Control+Enter")


def column(page: Any, index: int) -> list[str]:
    return page.eval_on_selector_all(
        f"#results-table tbody tr td:nth-child({index})", "cells => cells.map(c => c.textContent)"
    )


def table_rows(page: Any) -> list[list[str]]:
    return page.eval_on_selector_all(
        "#results-table tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))"
    )


def test_a_typed_query_runs_with_ctrl_enter_and_shows_linked_labels_in_french(
    guarded_page: tuple[Any, Outside], server: str, terms: TermIndex
) -> None:
    page, outside = guarded_page
    page.goto(server + "/sparql?lang=fr")
    assert "PREFIX cityref: <https://w3id.org/cityref/def/>" in page.input_value("#query"), "prefixes pre-filled"
    run_in_editor(page, PREFIXES + 'SELECT ?practice WHERE { ?practice a cityref:Practice ; skos:notation "B5" }')
    link = page.locator("#results-table tbody a").first
    link.wait_for()
    record = terms.get("https://w3id.org/cityref/def/B5")
    assert record is not None
    assert link.inner_text() == record.labels["fr"][0]
    assert link.get_attribute("href") == "/def/B5?lang=fr"
    assert link.get_attribute("lang") == "fr"
    assert "Lignes : 1" in page.inner_text("#results-status")
    assert "lang=fr" in page.url and "query=" in page.url, "the address now holds the query: a bookmark"
    link.click()
    page.wait_for_url("**/def/B5?lang=fr")
    assert outside.asked == []


def test_a_syntax_error_is_shown_at_its_line_and_column(guarded_page: tuple[Any, Outside], server: str) -> None:
    page, _ = guarded_page
    text = "SELECT * WHERE {\n  ?s ?p\n  FILTER (\n}"
    expected = page.request.get(server + "/sparql", params={"query": text + " "}).json()
    assert expected["code"] == "syntax-error"
    page.goto(server + "/sparql")
    run_in_editor(page, text)
    message = page.locator("#query-error")
    message.wait_for()
    assert f"line {expected['line']}, column {expected['column']}" in message.inner_text()
    assert page.inner_text(".gutter .error-line") == str(expected["line"])
    assert page.locator("mark.tok-error").count() == 1
    # The caret is put where the parser stopped, in the real input.
    caret = page.evaluate("() => document.activeElement.id + ':' + document.activeElement.selectionStart")
    lines = (text + " ").split("\n")
    offset = sum(len(line) + 1 for line in lines[: expected["line"] - 1]) + expected["column"] - 1
    assert caret == f"query:{min(offset, len(text) + 1)}"
    # Editing the text clears the mark.
    page.keyboard.type("?o")
    assert page.locator("mark.tok-error").count() == 0


def test_paging_and_sorting_change_the_rows(guarded_page: tuple[Any, Outside], server: str) -> None:
    page, _ = guarded_page
    page.goto(server + "/sparql")
    run_in_editor(
        page,
        PREFIXES + "SELECT ?notation ?practice WHERE { ?practice a cityref:Practice ; skos:notation ?notation }\n"
        "ORDER BY DESC(?practice)",
    )
    page.locator("#results-table tbody tr").first.wait_for()
    served = column(page, 1)
    page.click("th:nth-child(1) button")
    assert page.get_attribute("th:nth-child(1)", "aria-sort") == "ascending"
    ascending = column(page, 1)
    assert ascending == sorted(served, key=natural_key) and ascending != served
    page.click("th:nth-child(1) button")
    assert page.get_attribute("th:nth-child(1)", "aria-sort") == "descending"
    assert column(page, 1) == ascending[::-1]

    run_in_editor(
        page,
        PREFIXES + "SELECT ?term ?label WHERE { GRAPH <https://w3id.org/cityref/graph/ontology> { ?term "
        'skos:prefLabel ?label FILTER(LANG(?label) = "en") } } ORDER BY ?label LIMIT 60',
    )
    page.locator("#results-table tbody tr").first.wait_for()
    first_page = table_rows(page)
    assert len(first_page) == 25
    assert "Rows 1 to 25 of 60" in page.inner_text(".pager")
    page.click(".pager button.next")
    second_page = table_rows(page)
    assert len(second_page) == 25 and second_page[0] != first_page[0]
    assert "Rows 26 to 50 of 60" in page.inner_text(".pager")
    page.select_option("#per-page", "50")
    assert len(table_rows(page)) == 50
    page.click(".pager button.next")
    assert len(table_rows(page)) == 10 and page.locator(".pager button.next").is_disabled()


def test_interoperability_needs_from_the_list_with_its_form_and_as_csv(
    guarded_page: tuple[Any, Outside], server: str
) -> None:
    page, outside = guarded_page
    page.goto(server + "/sparql?lang=fr")
    page.click("text=toutes les requêtes prêtes à l'emploi")
    page.wait_for_url("**/queries?lang=fr")
    page.click("text=Besoins d'interopérabilité par couche EIF et par statut")
    page.wait_for_url("**/queries/interoperability-needs?lang=fr")
    page.select_option("#param-layer", label="interopérabilité sémantique")
    page.click("#query-form button[type=submit]")
    page.wait_for_url("**/queries/interoperability-needs?**layer=cityref%3Aeif-layer-semantic**")
    page.locator("#results-table tbody tr").first.wait_for()

    wanted = server + "/queries/interoperability-needs?city=https://w3id.org/cityref/graph/city/exampleton"
    answer = page.request.get(wanted + "&layer=cityref:eif-layer-semantic&format=json").json()
    bindings = answer["results"]["bindings"]
    assert len(table_rows(page)) == len(bindings) > 0
    with page.expect_download() as download_info:
        page.click("#results-downloads a:text-is('CSV')")
    download = download_info.value
    with open(download.path(), encoding="utf-8") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert rows[0] == answer["head"]["vars"]
    assert len(rows) - 1 == len(bindings)
    assert outside.asked == []


def test_a_bookmarked_canned_query_reproduces_its_result(browser: Any, server: str) -> None:
    address = server + "/queries/interoperability-needs?status=cityref%3Aneed-status-achieved&lang=de"
    seen = []
    for _ in range(2):  # two separate visits, as a bookmark opened another day would be
        context = browser.new_context()
        page = context.new_page()
        page.goto(address)
        page.locator("#results-table tbody tr").first.wait_for()
        assert page.eval_on_selector("#param-status", "s => s.options[s.selectedIndex].text") == "erreicht"
        seen.append(table_rows(page))
        context.close()
    assert seen[0] == seen[1] and len(seen[0]) > 0
    assert all("erreicht" in row for row in seen[0]), "every row has the bookmarked status, by its German label"


def test_a_label_with_markup_shows_as_text_in_the_results_table(guarded_page: tuple[Any, Outside], server: str) -> None:
    page, _ = guarded_page
    page.goto(server + "/sparql")
    run_in_editor(
        page, PREFIXES + f"SELECT ?system WHERE {{ GRAPH <{MARKUP_GRAPH}> {{ ?system a cityref:CitySystem }} }}"
    )
    link = page.locator("#results-table tbody a").first
    link.wait_for()
    assert link.inner_text() == MARKUP_LABEL
    assert page.locator("#results-table b, #results-table img, #results-table script").count() == 0
    assert page.evaluate("window.pwned === undefined")
    # Not a term of the model: its link opens a DESCRIBE of it in the workbench, on this server.
    link.click()
    page.locator("#results-table tbody tr").first.wait_for()
    assert "DESCRIBE" in page.input_value("#query")
    headers = page.eval_on_selector_all("#results-table th", "cells => cells.map(c => c.textContent)")
    assert headers == ["Subject", "Predicate", "Object"], "a DESCRIBE is shown as a table of triples"
    assert MARKUP_LABEL in column(page, 3)
    assert "Turtle" in page.inner_text("#results-downloads"), "graph formats to download"
    assert page.evaluate("window.pwned === undefined")


@pytest.mark.parametrize("path", ["/sparql?lang=it", "/queries?lang=es", "/queries/interoperability-needs?lang=fr"])
def test_the_pages_fit_a_phone_screen(browser: Any, server: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + path)
    if "interoperability" in path:
        page.locator("#results-table tbody tr").first.wait_for()
    if path.startswith("/sparql"):
        page.focus("#query")
        page.keyboard.press("Control+Enter")
        page.locator("#results-table tbody tr").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_a_cut_result_says_so_and_the_download_holds_what_was_sent(
    guarded_page: tuple[Any, Outside], server: str
) -> None:
    page, _ = guarded_page
    page.goto(server + "/sparql")
    query = PREFIXES + "SELECT ?term ?label WHERE { ?term skos:prefLabel ?label }"
    run_in_editor(page, query)
    page.locator("#results-table tbody tr").first.wait_for()
    assert f"Rows: {ROW_CAP}" in page.inner_text("#results-status")
    assert f"cut at the server's limit of {ROW_CAP} rows" in page.inner_text("#results-error")
    with page.expect_download() as download_info:
        page.click("#results-downloads a:text-is('TSV')")
    with open(download_info.value.path(), encoding="utf-8") as handle:
        assert len(handle.read().splitlines()) == ROW_CAP + 1


def test_the_keyboard_alone_runs_sorts_and_pages(guarded_page: tuple[Any, Outside], server: str) -> None:
    """Type in the real input, run with Ctrl+Enter, Tab to a column's sort button and to the pager, press Enter."""
    page, _ = guarded_page
    page.goto(server + "/sparql")
    page.focus("#query")
    page.keyboard.press("Control+A")
    page.keyboard.type(
        PREFIXES + "SELECT ?notation WHERE { ?practice a cityref:Practice ; skos:notation ?notation } "
        "ORDER BY DESC(?practice)"
    )
    page.keyboard.press("Control+Enter")
    page.locator("#results-table tbody tr").first.wait_for()
    served = column(page, 1)

    def tab_to(selector: str, key: str = "Tab") -> None:
        for _ in range(40):
            page.keyboard.press(key)
            if page.evaluate(f"document.activeElement.matches({json.dumps(selector)})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("th button.sort")
    page.keyboard.press("Enter")
    assert column(page, 1) == sorted(served, key=natural_key)
    assert page.evaluate("document.activeElement.matches('th button.sort')"), "focus stays on the sort button"
    tab_to("#per-page")
    page.select_option("#per-page", "10")
    tab_to(".pager button.next", "Shift+Tab")  # the pager reads: previous, rows shown, next, rows per page
    page.keyboard.press("Enter")
    assert "Rows 11 to 17 of 17" in page.inner_text(".pager")
