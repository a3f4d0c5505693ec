"""The operating model picture (``/model``, ``/model.svg``, ``/model.csv``) checked against the ontology it is
drawn from, and the pictures in a real Chromium at phone width; the city dashboards' own tests are in
``tests/cities/test_dashboard.py``."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import UNLIMITED

from cityref import Settings, create_app
from cityref.cities import store_reader

SVG = "{http://www.w3.org/2000/svg}"
BROWSER = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
ONTOLOGY = "GRAPH <https://w3id.org/cityref/graph/ontology>"
PREFIXES = "PREFIX cityref: <https://w3id.org/cityref/def/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=None, **UNLIMITED))) as made:  # type: ignore[arg-type]
        yield made


def ask(client: TestClient, text: str) -> list[dict[str, str]]:
    """Rows of a SELECT over the app's own store, each variable's value as text."""
    settings = client.app.state.settings  # type: ignore[attr-defined]
    read = store_reader(client.app.state.store, settings)  # type: ignore[attr-defined]
    return [{k: v["value"] for k, v in row.items()} for row in read(PREFIXES + text)]


def picture(client: TestClient, path: str) -> ET.Element:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/svg+xml")
    return ET.fromstring(response.content)  # well-formed XML, or this raises


def nodes(root: ET.Element, kind: str) -> list[ET.Element]:
    return [a for a in root.iter(SVG + "a") if f"node-{kind}" in (a.get("class") or "").split()]


def test_the_model_has_a_node_for_every_component_practice_and_key_risk(client: TestClient) -> None:
    root = picture(client, "/model.svg")
    notations = {a.get("data-notation") for a in nodes(root, "component") + nodes(root, "practice")}
    expected = {"A", "B", "C", "D", *(f"B{i}" for i in range(1, 15)), "C1", "C2", "C3"}
    assert notations == expected
    in_ontology = ask(
        client,
        f"SELECT ?n WHERE {{ {ONTOLOGY} {{ VALUES ?c {{ cityref:OperatingModelComponent cityref:Practice }} "
        "?x a ?c ; skos:notation ?n } }",
    )
    assert notations == {row["n"] for row in in_ontology}
    risks = ask(client, f"SELECT ?r WHERE {{ {ONTOLOGY} {{ ?r a cityref:KeyRisk }} }}")
    assert len(risks) >= 7
    assert {a.get("data-term") for a in nodes(root, "risk")} == {r["r"].rsplit("/", 1)[-1] for r in risks}
    groups = ask(client, f"SELECT ?g WHERE {{ {ONTOLOGY} {{ ?g a cityref:ProcessGroup }} }}")
    assert {a.get("data-term") for a in nodes(root, "group")} == {g["g"].rsplit("/", 1)[-1] for g in groups}
    assert len(groups) == 3


def test_every_linkage_is_an_arrow(client: TestClient) -> None:
    root = picture(client, "/model.svg")
    arrows = [p for p in root.iter(SVG + "path") if p.get("class") == "linkage"]
    pairs = ask(
        client,
        f"SELECT DISTINCT ?from ?to WHERE {{ {ONTOLOGY} {{ "
        "{ ?l a cityref:Linkage ; cityref:linkageFrom ?from ; cityref:linkageTo ?to } "
        "UNION { ?from cityref:dependsOn ?to } } }",
    )
    assert len(arrows) == len(pairs) > 40
    local = {(p["from"].rsplit("/", 1)[-1], p["to"].rsplit("/", 1)[-1]) for p in pairs}
    assert {(a.get("data-from"), a.get("data-to")) for a in arrows} == local
    for arrow in arrows:
        assert arrow.get("marker-end", "").endswith("-arrow)"), "each arrow shows its direction by its head"


def test_every_node_links_to_a_term_page_that_answers(client: TestClient) -> None:
    root = picture(client, "/model.svg?lang=it")
    hrefs = [a.get("href") for a in root.iter(SVG + "a")]
    assert len(hrefs) > 30 and all(h and h.startswith("/def/") and h.endswith("lang=it") for h in hrefs), hrefs
    for href in hrefs:
        assert client.get(href, headers={"Accept": BROWSER}).status_code == 200, href


def test_labels_are_italian_under_lang_it(client: TestClient) -> None:
    root = picture(client, "/model.svg?lang=it")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "it"
    labels = ask(
        client,
        f"SELECT ?n ?label WHERE {{ {ONTOLOGY} {{ ?x a cityref:Practice ; skos:notation ?n ; skos:prefLabel ?label "
        'FILTER(LANG(?label) = "it") } }',
    )
    italian = {row["n"]: row["label"] for row in labels}
    assert len(italian) == 17
    for node in nodes(root, "practice"):
        assert node.findtext(SVG + "title") == f"{node.get('data-notation')} · {italian[node.get('data-notation')]}"
    assert root.findtext(SVG + "title") == "Il modello operativo della città intelligente"
    english = picture(client, "/model.svg")
    assert english.findtext(SVG + "title") == "The smart city operating model"


def test_the_page_holds_the_picture_and_its_text_alternative(client: TestClient) -> None:
    response = client.get("/model?lang=fr", headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<html lang="fr">' in page
    assert page.count("<svg ") == 1 and '<figure class="picture"' in page
    assert '<title id="model-title">' in page and '<desc id="model-desc">' in page
    assert 'href="/ontology?lang=fr"' in page and 'href="/model.svg?lang=fr"' in page
    linkages = client.get("/model.csv?lang=fr")
    assert linkages.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(linkages.text)))
    arrows = [p for p in picture(client, "/model.svg").iter(SVG + "path") if p.get("class") == "linkage"]
    assert len(rows) == len(arrows)
    assert page.count('<tr><th scope="row">') == len(rows), "one table row per linkage"
    b5 = [r for r in rows if r["from"] == "B5"]
    assert b5 and all(r["from_label"] == "Cartographie des besoins d'interopérabilité de la ville" for r in b5)


def test_the_navigation_names_the_model_page(client: TestClient) -> None:
    page = client.get("/validate?lang=de", headers={"Accept": BROWSER}).text
    assert '<a href="/model?lang=de">Modell</a>' in page


def _no_sideways_scroll(browser: Any, url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        assert page.goto(url).status == 200
        page.wait_for_load_state("load")
        assert page.locator("svg.picture").count() >= 1
        box = page.locator("svg.picture").first.bounding_box()
        assert box is not None and 0 < box["width"] <= 390 and box["height"] > 100, box
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] == 390, width
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/model", "/model?lang=it", "/cities/exampleton"])
def test_pictures_fit_a_phone_without_sideways_scrolling(browser: Any, live_server: str, path: str) -> None:
    _no_sideways_scroll(browser, live_server + path)


def test_the_model_in_the_browser_links_each_node(guarded: tuple[Any, Any], live_server: str) -> None:
    page, outside = guarded
    page.goto(live_server + "/model?lang=it")
    b5 = page.locator('svg.picture a[data-notation="B5"]')
    assert "Mappatura delle esigenze" in b5.text_content()
    b5.click()
    page.wait_for_url("**/def/B5?lang=it")
    assert page.locator("html").get_attribute("lang") == "it"
    assert outside.asked == []


def test_markup_in_city_labels_shows_as_text_in_the_browser(browser: Any) -> None:
    """The dashboard of a city whose labels hold markup and script, as Chromium renders it: the labels are text in
    the pictures and the page, no element is made of them and no script runs."""
    from tests.cities.test_dashboard import KEY, MARKUP, MARKUP_GRAPH, MARKUP_SYSTEM

    from cityref.api.auth import key_digest

    settings = Settings(data_dir=None, api_key_hashes=[key_digest(KEY)], **UNLIMITED)  # type: ignore[arg-type]
    with TestClient(create_app(settings)) as app:
        headers = {"Content-Type": "text/turtle", "Authorization": f"Bearer {KEY}"}
        assert app.put("/graphs", params={"graph": MARKUP_GRAPH}, content=MARKUP.encode(), headers=headers).is_success
        html = app.get("/cities/markup-town", headers={"Accept": BROWSER}).text
    context = browser.new_context(java_script_enabled=True)
    try:
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.set_content(html, wait_until="load")
        assert page.locator("h1").inner_text() == '<script>alert("city")</script>Markup Town'
        matrix = page.locator("svg#interoperability-matrix")
        assert MARKUP_SYSTEM in matrix.text_content()
        assert "</text><script>alert(4)</script>" in page.locator("svg#risk-heat-map").text_content()
        made = page.evaluate("document.querySelectorAll('main script, main b, main i, main img, svg svg').length")
        assert made == 0 and dialogs == []
    finally:
        context.close()


def test_the_keyboard_reaches_a_node_and_follows_it(page: Any, live_server: str) -> None:
    page.goto(live_server + "/model?lang=de")
    page.locator('svg.picture a[data-notation="B6"]').focus()
    assert page.evaluate("document.activeElement.getAttribute('data-notation')") == "B6"
    page.keyboard.press("Enter")
    page.wait_for_url("**/def/B6?lang=de")


@pytest.mark.parametrize("path", ["/model.svg?lang=es", "/cities/exampleton/pictures/benefit-map.svg"])
def test_a_picture_opened_on_its_own_renders_under_its_policy(page: Any, live_server: str, path: str) -> None:
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(live_server + path)
    assert response.status == 200 and "default-src" in response.headers["content-security-policy"]
    assert page.evaluate("document.documentElement.localName") == "svg"
    box = page.evaluate("(() => { const b = document.documentElement.getBBox(); return [b.width, b.height]; })()")
    assert box[0] > 300 and box[1] > 200, box
    assert violations == []


def test_a_city_leader_reaches_the_dashboard_without_typing_a_url(guarded: tuple[Any, Any], live_server: str) -> None:
    """From the landing page to Exampleton's four pictures by links alone, and from there to the model."""
    page, outside = guarded
    page.goto(live_server + "/?lang=es")
    page.get_by_role("navigation", name="Navegación principal").get_by_role("link", name="Ciudades").click()
    page.wait_for_url("**/cities?lang=es")
    page.get_by_role("main").get_by_role("link", name="Exampleton").click()
    page.wait_for_url("**/cities/exampleton?lang=es")
    assert page.locator("figure.picture svg").count() == 4
    titles = page.locator("section h2").all_inner_texts()
    assert titles == [
        "Radar de madurez",
        "Mapa de beneficios",
        "Matriz de interoperabilidad",
        "Mapa de calor de riesgos",
    ]
    for table in page.locator("table.data").all():
        assert table.locator("tbody tr").count() >= 1
    page.get_by_role("main").get_by_role("link", name="El modelo operativo").click()
    page.wait_for_url("**/model?lang=es")
    assert page.locator("svg.picture a.node-practice").count() == 17
    assert outside.asked == []
