"""The five journeys of issue 11 as people make them, in Debian's Chromium against a real ``cityref serve``: an
architect, a vendor, a city leader, an ontology engineer and a keyboard-only user. Each starts at the landing page
(the only address typed) and goes on by clicking links, choosing options and typing, as a person does. What each
journey reads is checked against the sources the server reads (the ontology and shapes files, parsed here with
rdflib; the JSON of the same query), never against text copied into this file.

Each journey keeps screenshots of its key steps as test artefacts (``CITYREF_TEST_ARTIFACTS``, else
``tests/web/artifacts/``) and logs every request its browser context makes: none may go to a host but the server."""

from __future__ import annotations

import csv
import json
import os
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS
from tests.web.conftest import suggested

from cityref import resources

CITYREF = Namespace("https://w3id.org/cityref/def/")
EX = Namespace("https://exampleton.example/id/")
B5 = CITYREF.B5
BROKEN_DEVICE = EX["dev-aq-001"]
"""The device whose operator the vendor's register leaves out."""
MAX_KEYS = 80
ROLES = ("newcomer", "vendor", "city_leader", "ontology_engineer", "keyboard_only_user")
"""Each journey's test name starts with its person, who names its screenshots."""
CHOSEN = "document.querySelector('#suggestions [aria-selected=true]')"
MANCHESTER = re.compile(r"\b(some|only|min|max|exactly|value|and|or|not)\b")


def artefacts() -> Path:
    folder = Path(os.environ.get("CITYREF_TEST_ARTIFACTS") or Path(__file__).parent / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Journey:
    """One person's browser: a page whose context logs every request, and numbered screenshots of the steps."""

    def __init__(self, name: str, page: Any, base: str) -> None:
        self.name = name
        self.page = page
        self.base = base
        self.requests: list[str] = []
        self.shots: list[Path] = []
        page.context.on("request", lambda request: self.requests.append(request.url))

    def shot(self, step: str) -> None:
        path = artefacts() / f"{self.name}-{len(self.shots) + 1:02d}-{step}.png"
        self.page.screenshot(path=str(path), full_page=False)
        self.shots.append(path)

    def elsewhere(self) -> list[str]:
        """Requests to any host but the server (data: and blob: addresses stay in the browser)."""
        own = (self.base + "/", "data:", "blob:")
        return [url for url in self.requests if url != self.base and not url.startswith(own)]


@pytest.fixture()
def journey(request: Any, browser: Any, live_server: str) -> Iterator[Journey]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    test = request.node.name.removeprefix("test_")
    made = Journey(next(role for role in ROLES if test.startswith(role)), page, live_server)
    yield made
    context.close()
    assert made.requests, "the request log saw the journey"
    assert made.elsewhere() == [], "no request went to any host but the server"
    assert errors == [], "the pages' scripts ran without an error"
    assert made.shots and all(p.stat().st_size > 0 for p in made.shots), "screenshots kept as artefacts"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for path in sorted(resources.ontology_dir().glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def in_language(graph: Graph, subject: URIRef, predicate: URIRef, lang: str) -> str:
    found = [str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language == lang]
    assert len(found) == 1, (subject, predicate, lang, found)
    return found[0]


def json_answer(address: str) -> dict[str, Any]:
    """The same query as the JSON an API client gets, fetched outside the browser."""
    wanted = address + ("&" if "?" in address else "?") + "format=json"
    with urllib.request.urlopen(urllib.request.Request(wanted, headers={"Accept": "application/json"})) as answer:
        found: dict[str, Any] = json.load(answer)
    return found


def nav(page: Any, path: str) -> Any:
    """The main navigation's link to ``path`` (its text is in the page's language)."""
    return page.locator(f'nav.shell-nav a[href^="{path}"]')


def find_b5_with_the_finder(page: Any) -> None:
    page.locator("#q").click()
    page.keyboard.type("B5")
    option = suggested(page, "B5", '[data-href*="/def/B5"]').first
    option.wait_for()
    option.click()
    page.wait_for_url("**/def/B5**")


def press_until(page: Any, key: str, test: str) -> None:
    """Press ``key`` until ``test`` (JavaScript about ``el``, the focused element) holds."""
    for _ in range(MAX_KEYS):
        page.keyboard.press(key)
        if page.evaluate(f"(() => {{ const el = document.activeElement; return Boolean({test}); }})()"):
            return
    raise AssertionError(f"{key} never reached an element where {test}")


def test_newcomer_reads_b5_in_italian_and_runs_interoperability_needs(journey: Journey, ontology: Graph) -> None:
    page, base = journey.page, journey.base
    page.goto(base + "/")
    expect(page.locator("#q")).to_have_attribute("role", "combobox")
    journey.shot("landing")
    find_b5_with_the_finder(page)
    journey.shot("b5-english")

    page.locator('nav.shell-languages a[hreflang="it"]').click()
    page.wait_for_url("**/def/B5**")
    expect(page.locator("html")).to_have_attribute("lang", "it")
    definition = in_language(ontology, B5, SKOS.definition, "it")
    assert page.locator("p.definition").all_inner_texts() == [definition]
    assert page.locator("h1").inner_text() == in_language(ontology, B5, SKOS.prefLabel, "it")
    journey.shot("b5-italian")

    depends = page.locator('ul.linkages[aria-labelledby="depends-on"] > li')
    assert depends.count() >= 1
    reasons = {
        in_language(ontology, link, CITYREF.linkageReason, "it")
        for link in ontology.subjects(CITYREF.linkageFrom, B5)
        if (link, CITYREF.linkageReason, None) in ontology
    }
    shown = depends.locator(".reason").all_inner_texts()
    assert shown and set(shown) <= reasons, "each reason on the page is the model's, in Italian"
    page.locator("#depends-on").scroll_into_view_if_needed()
    journey.shot("b5-depends-on")

    nav(page, "/sparql").click()
    page.wait_for_url("**/sparql**")
    page.locator('main a[href^="/queries"]').first.click()
    page.wait_for_url("**/queries**")
    journey.shot("canned-queries")
    page.locator('main a[href^="/queries/interoperability-needs"]').first.click()
    page.wait_for_url("**/queries/interoperability-needs**")
    page.click("#query-form button[type=submit]")
    page.wait_for_url("**/queries/interoperability-needs?**")
    rows = page.locator("#results-table tbody tr")
    rows.first.wait_for()
    page.locator("#results-table").scroll_into_view_if_needed()
    journey.shot("results-table")
    answer = json_answer(page.url)
    expected = len(answer["results"]["bindings"])
    assert rows.count() == expected > 0

    with page.expect_download() as caught:
        page.click("#results-downloads a:text-is('CSV')")
    download = caught.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == answer["head"]["vars"], "a header row of the query's variables"
    assert len(table) - 1 == expected


def broken_register() -> str:
    """Exampleton's device register as a vendor would deliver it (with the organisations that operate the devices),
    but one device leaves out its operator (a Violation) and whether it stands in public space (a Warning)."""
    folder = resources.examples_dir() / "exampleton"
    graph = Graph().parse(folder / "devices.ttl", format="turtle")
    city = Graph().parse(folder / "city.ttl", format="turtle")
    for operator in set(graph.objects(None, CITYREF.operator)):
        assert (operator, RDF.type, CITYREF.Organisation) in city
        graph.add((operator, RDF.type, CITYREF.Organisation))
        for label in city.objects(operator, RDFS.label):
            graph.add((operator, RDFS.label, label))
    for left_out in (CITYREF.operator, CITYREF.inPublicSpace):
        assert (BROKEN_DEVICE, left_out, None) in graph
        graph.remove((BROKEN_DEVICE, left_out, None))
    return graph.serialize(format="turtle")


def french_message(path: URIRef) -> str:
    """The French message of the profile's rule that ``path`` be given."""
    shapes = Graph().parse(resources.shapes_dir() / "iot-device-register.ttl", format="turtle")
    found = {
        str(message)
        for shape in shapes.subjects(SH.path, path)
        if (shape, RDF.type, SH.PropertyShape) in shapes and (shape, SH.minCount, None) in shapes
        for message in shapes.objects(shape, SH.message)
        if isinstance(message, Literal) and message.language == "fr"
    }
    assert len(found) == 1, found
    return found.pop()


def test_vendor_validates_a_broken_device_register_and_reads_it_in_french(journey: Journey) -> None:
    page, base = journey.page, journey.base
    page.goto(base + "/")
    nav(page, "/validate").click()
    page.wait_for_url("**/validate**")
    page.locator('nav.shell-languages a[hreflang="fr"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert page.locator("#lang").input_value() == "fr", "the report's language follows the page's"
    page.fill("#text", broken_register())
    page.select_option("#text_format", "text/turtle")
    page.check('input[name="profile"][value="iot-device-register"]')
    page.select_option("#lang", "fr")
    journey.shot("form-filled")
    page.click("#workbench button[type=submit]")
    page.wait_for_url("**/validate/runs/**")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text("Rapport de validation")
    journey.shot("report-french")

    label = str(Graph().parse(resources.examples_dir() / "exampleton" / "devices.ttl").value(BROKEN_DEVICE, RDFS.label))
    group = page.locator("section.node").filter(has=page.locator("h3 .label", has_text=label))
    assert group.count() == 1, "the broken device has its own group, by its label"
    message = french_message(CITYREF.operator)
    violation = group.locator("li.result.Violation", has_text=message)
    assert violation.count() == 1, "the French message of the missing operator, as a violation"
    group.scroll_into_view_if_needed()
    journey.shot("broken-device-group")

    warning = group.locator("li.result.Warning", has_text=french_message(CITYREF.inPublicSpace))
    assert warning.count() == 1 and warning.is_visible(), "its missing public-space flag, as a warning"

    total = page.locator("li.result").count()
    violations = page.locator("li.result.Violation").count()
    assert 0 < violations < total
    page.select_option("#f-severity", "Violation")
    expect(page.locator("li.result:visible")).to_have_count(violations)
    assert page.locator("li.result:not(.Violation):visible").count() == 0
    assert violation.is_visible() and warning.is_hidden()
    group.scroll_into_view_if_needed()
    journey.shot("violations-only")


PICTURES = ("maturity-radar", "benefit-map", "interoperability-matrix", "risk-heat-map")


def test_city_leader_opens_exampletons_dashboard_report_gaps_and_the_model(journey: Journey) -> None:
    page, base = journey.page, journey.base
    page.goto(base + "/")
    nav(page, "/cities").click()
    page.wait_for_url("**/cities")
    page.get_by_role("main").get_by_role("link", name="Exampleton").click()
    page.wait_for_url("**/cities/exampleton")
    journey.shot("dashboard")
    for name in PICTURES:
        svg = page.locator(f"svg#{name}")
        expect(svg).to_be_visible()
        title = svg.locator(":scope > title").text_content() or ""
        assert title.strip(), name
        assert page.locator(f"#{name}-heading").inner_text() == title, "the picture's title is its section's heading"
        svg.scroll_into_view_if_needed()
        journey.shot(name)
    assert page.locator("svg#interoperability-matrix rect").count() > 1
    assert page.locator("svg#risk-heat-map g.risk").count() >= 1

    page.get_by_role("main").get_by_role("link", name="City report").click()
    page.wait_for_url("**/cities/exampleton/report**")
    expect(page.locator("h1")).to_contain_text("Exampleton")
    journey.shot("city-report")
    page.go_back()
    page.get_by_role("main").get_by_role("link", name="Gaps and what to do next").click()
    page.wait_for_url("**/cities/exampleton/gaps**")
    expect(page.locator("h1")).to_have_text("Gaps and what to do next")
    journey.shot("gaps")

    nav(page, "/model").click()
    page.wait_for_url("**/model")
    model = page.locator("svg#model")
    expect(model).to_be_visible()
    assert (model.locator(":scope > title").text_content() or "").strip()
    assert model.locator("a.node-practice").count() == 17
    journey.shot("operating-model")


def test_ontology_engineer_browses_to_a_term_its_turtle_and_the_documentation(journey: Journey) -> None:
    page, base = journey.page, journey.base
    page.goto(base + "/")
    nav(page, "/browse").click()
    page.wait_for_url("**/browse")
    expect(page.locator("ul.tree > li > button.toggle").first).to_be_visible()
    journey.shot("browser-tree")
    scheme = page.locator("ul.tree a.scheme").first
    scheme_name = scheme.inner_text()
    scheme.click()
    page.wait_for_url("**/browse/scheme-**")
    assert page.locator("h1").inner_text() == scheme_name
    journey.shot("scheme")
    members = page.locator("table.members tbody a")
    assert members.count() >= 1
    term = members.first
    term_name = term.inner_text()
    term.click()
    page.wait_for_url("**/def/**")
    assert page.locator("h1").inner_text() == term_name
    curie = page.locator("#details ~ div table code").nth(1).inner_text()
    journey.shot("term")

    turtle_link = page.locator('#formats ~ p a[type="text/turtle"]')
    with page.expect_response(lambda r: "format=turtle" in r.url) as answer:
        turtle_link.click()
    response = answer.value
    assert response.status == 200 and response.headers["content-type"].startswith("text/turtle")
    page.wait_for_url("**format=turtle**")
    journey.shot("turtle")
    graph = Graph().parse(data=response.text(), format="turtle")
    iri = URIRef(str(CITYREF) + curie.split(":", 1)[1])
    assert (iri, None, None) in graph, "the Turtle is about the term"

    page.go_back()
    page.wait_for_url("**/def/**")
    page.locator("a.brand").click()
    page.wait_for_url(base + "/")
    page.locator('main a[href^="/ontology"]').first.click()
    page.wait_for_url("**/ontology**")
    expressions = page.locator("code.manchester").all_inner_texts()
    assert expressions and any(MANCHESTER.search(text) for text in expressions)
    assert "anonymous class expression" not in page.locator("main").inner_text()
    journey.shot("ontology-documentation")
    box = page.locator("#doc-filter")
    expect(box).to_be_visible()
    total = page.locator("article.term").count()
    box.click()
    page.keyboard.type("interoperability")
    expect(page.locator("#doc-filter-count")).to_contain_text(str(total))
    shown = page.locator("article.term:visible").count()
    assert 0 < shown < total
    journey.shot("ontology-filtered")


def test_keyboard_only_user_reaches_b5_and_runs_a_query(journey: Journey, ontology: Graph) -> None:
    page, base = journey.page, journey.base
    page.goto(base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')"), "the skip link comes first"
    journey.shot("skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main", "the skip link moves focus to the content"
    press_until(page, "Tab", "el.id === 'q'")
    page.keyboard.type("B5")
    suggested(page, "B5").first.wait_for()
    press_until(page, "ArrowDown", f"el.id === 'q' && ({CHOSEN}) && ({CHOSEN}).dataset.href.includes('/def/B5')")
    journey.shot("finder")
    page.keyboard.press("Enter")
    page.wait_for_url("**/def/B5**")
    assert page.locator("h1").inner_text() == in_language(ontology, B5, SKOS.prefLabel, "en")

    page.keyboard.press("Tab")  # from the top again: the skip link, then the header
    press_until(page, "Tab", "el.getAttribute('hreflang') === 'it'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/def/B5**")
    expect(page.locator("html")).to_have_attribute("lang", "it")
    assert page.locator("h1").inner_text() == in_language(ontology, B5, SKOS.prefLabel, "it")
    journey.shot("b5-italian")

    press_until(page, "Tab", "el.closest('nav.shell-nav') && el.getAttribute('href').startsWith('/sparql')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sparql**")
    press_until(page, "Tab", "el.id === 'query'")
    journey.shot("editor")
    rows = page.locator("#results-table tbody tr")
    assert rows.count() == 0, "nothing is run before Ctrl+Enter"
    page.keyboard.press("Control+Enter")
    rows.first.wait_for()
    assert rows.count() > 0
    journey.shot("results")
