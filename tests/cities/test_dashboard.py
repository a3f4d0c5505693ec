"""A city's dashboard (``/cities/{id}`` in a browser) and its downloads: four pictures, each with a title, a
description and a table; each SVG well-formed XML, each CSV the same rows as the canned query that asks the same
question of the city's graph; markup in a city's labels shown as text."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.conftest import UNLIMITED

from cityref import Settings, create_app
from cityref.api.auth import key_digest
from cityref.pictures import CITY_PICTURES

SVG = "{http://www.w3.org/2000/svg}"
BROWSER = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
RESULTS = "application/sparql-results+json"
KEY = "test-key-for-dashboards"
MARKUP_GRAPH = "https://w3id.org/cityref/graph/city/markup-town"
MARKUP_CITY = '<script>alert("city")</script>Markup Town'
MARKUP_SYSTEM = "<b>bold</b> & <i>system</i>"
QUOTED_CITY = MARKUP_CITY.replace('"', '\\"')
MARKUP = f"""
@prefix cityref: <https://w3id.org/cityref/def/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://markup.example/city> a cityref:City ; rdfs:label "{QUOTED_CITY}"@en .
<https://markup.example/sys-a> a cityref:CitySystem ; rdfs:label "{MARKUP_SYSTEM}"@en .
<https://markup.example/sys-b> a cityref:CitySystem ; rdfs:label "<img src=x onerror=alert(2)>"@en .
<https://markup.example/need> a cityref:InteroperabilityNeed ; rdfs:label "<svg onload=alert(3)>"@en ;
  cityref:fromParty <https://markup.example/sys-a> ; cityref:toParty <https://markup.example/sys-b> ;
  cityref:eifLayer cityref:eif-layer-technical ; cityref:needStatus cityref:need-status-blocked .
<https://markup.example/risk> a cityref:Risk ; rdfs:label "</text><script>alert(4)</script>"@en ;
  cityref:hasAssessment [ cityref:likelihood 2 ; cityref:impact 3 ] .
"""


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = Settings(data_dir=None, api_key_hashes=[key_digest(KEY)], **UNLIMITED)  # type: ignore[arg-type]
    with TestClient(create_app(settings)) as made:
        put = made.put(
            "/graphs",
            params={"graph": MARKUP_GRAPH},
            content=MARKUP.encode(),
            headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {KEY}"},
        )
        assert put.status_code in (201, 204), put.text
        yield made


def svg_of(client: TestClient, city: str, name: str, lang: str = "en") -> ET.Element:
    response = client.get(f"/cities/{city}/pictures/{name}.svg", params={"lang": lang})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.headers["content-disposition"] == f'inline; filename="{city}-{name}.svg"'
    return ET.fromstring(response.content)


def csv_of(client: TestClient, city: str, name: str, lang: str = "en") -> list[dict[str, str]]:
    response = client.get(f"/cities/{city}/pictures/{name}.csv", params={"lang": lang})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def canned(client: TestClient, name: str) -> list[dict[str, str]]:
    response = client.get(f"/queries/{name}", headers={"Accept": RESULTS})
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in row.items()} for row in response.json()["results"]["bindings"]]


def test_the_dashboard_shows_four_pictures_each_with_a_text_alternative(client: TestClient) -> None:
    response = client.get("/cities/exampleton", headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert page.count("<svg ") == 4
    for name in CITY_PICTURES:
        assert f'<svg xmlns="http://www.w3.org/2000/svg" id="{name}"' in page
        assert f'aria-labelledby="{name}-title {name}-desc"' in page
        assert f'<table class="data" id="{name}-table">' in page
        assert f'href="/cities/exampleton/pictures/{name}.svg"' in page
        assert f'href="/cities/exampleton/pictures/{name}.csv"' in page
        rows = page.split(f'id="{name}-table"')[1].split("</table>")[0].count("<tr>") - 1
        assert rows == len(csv_of(client, "exampleton", name)) > 0, name
    assert 'href="/model"' in page and 'href="/cities"' in page
    # Clients still get JSON, which names the downloads.
    body = client.get("/cities/exampleton").json()
    assert body["id"] == "exampleton" and list(body["pictures"]) == list(CITY_PICTURES)
    for links in body["pictures"].values():
        for href in links.values():
            assert client.get(href.removeprefix("http://testserver")).status_code == 200, href


def test_every_svg_download_is_well_formed_and_titled(client: TestClient) -> None:
    for name in CITY_PICTURES:
        root = svg_of(client, "exampleton", name, "fr")
        assert root.tag == SVG + "svg"
        assert root.findtext(SVG + "title") and root.findtext(SVG + "desc")
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"


def test_the_maturity_radar_rates_each_dimension_of_the_latest_assessment(client: TestClient) -> None:
    expected = canned(client, "maturity-profile")
    latest = max(r["assessedOn"] for r in expected)
    stages = {r["dimension"]: r["stageNumber"] for r in expected if r["assessedOn"] == latest}
    rows = csv_of(client, "exampleton", "maturity-radar")
    assert {r["dimension_iri"]: r["stage_number"] for r in rows} == stages
    root = svg_of(client, "exampleton", "maturity-radar")
    points = [g for g in root.iter(SVG + "g") if g.get("class") == "rating"]
    assert {g.get("data-dimension") for g in points} == set(stages)
    for g in points:
        assert g.findtext(f"{SVG}text/{SVG}tspan") == stages[g.get("data-dimension")], "the stage is written too"


def test_the_benefit_map_shows_progress_against_target(client: TestClient) -> None:
    expected = {
        (r["step"], round(float(r["progress"]), 2)) for r in canned(client, "benefit-chain") if r.get("progress")
    }
    rows = csv_of(client, "exampleton", "benefit-map")
    shown = {(r["step_iri"], round(float(r["progress"]), 2)) for r in rows if r["progress"]}
    assert shown == expected and len(shown) >= 4
    stages = [r["stage"] for r in rows]
    assert stages[0] == "Enabler" and stages[-1] == "Strategic objective", "columns in the order value flows"
    italian = svg_of(client, "exampleton", "benefit-map", "it")
    text = "".join(italian.itertext())
    assert "Fattore abilitante" in text, "column headings are the ontology's Italian labels"
    for row in rows:
        if row["baseline"] and row["target"] and max(float(row["baseline"]), float(row["target"])) < 1000:
            written = f"{row['baseline'].replace('.', ',')} → {row['target'].replace('.', ',')}"
            assert written in text, "numbers are written the Italian way in the picture"


def test_the_interoperability_matrix_marks_every_need(client: TestClient) -> None:
    expected = {r["need"]: (r["layerLabel"], r["statusLabel"]) for r in canned(client, "interoperability-needs")}
    rows = csv_of(client, "exampleton", "interoperability-matrix")
    assert {r["need_iri"]: (r["layer"], r["status"]) for r in rows} == expected
    root = svg_of(client, "exampleton", "interoperability-matrix")
    marks = [g for g in root.iter(SVG + "g") if g.get("class") == "need"]
    assert len(marks) == len(expected)
    for mark in marks:
        assert mark.findtext(f"{SVG}text/{SVG}tspan") in {"L", "O", "S", "T"}, "each mark names its layer too"
    assert "Waste rounds" in root.findtext(SVG + "desc", ""), "the silo is named in the description"


def test_the_risk_heat_map_places_each_risk_by_its_latest_assessment(client: TestClient) -> None:
    expected = {r["risk"]: (r["likelihood"], r["impact"]) for r in canned(client, "risk-register")}
    rows = csv_of(client, "exampleton", "risk-heat-map")
    assert {r["risk_iri"]: (r["likelihood"], r["impact"]) for r in rows} == expected
    assert all(int(r["score"]) == int(r["likelihood"]) * int(r["impact"]) for r in rows)
    root = svg_of(client, "exampleton", "risk-heat-map", "de")
    assert "Eintrittswahrscheinlichkeit" in "".join(root.itertext()), "the axis is the ontology's German label"
    assert len([g for g in root.iter(SVG + "g") if g.get("class") == "risk"]) == len(expected)


def test_labels_with_markup_stay_text_in_the_svg_and_the_page(client: TestClient) -> None:
    page = client.get("/cities/markup-town", headers={"Accept": BROWSER}).text
    for raw in ("<script>alert", "<b>bold</b>", "<img src=x", "<svg onload", "</text><script>"):
        assert raw not in page, raw
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;system&lt;/i&gt;" in page
    assert '<h1 lang="en">&lt;script&gt;alert(&#34;city&#34;)&lt;/script&gt;Markup Town</h1>' in page
    matrix = svg_of(client, "markup-town", "interoperability-matrix")
    assert any(MARKUP_SYSTEM in (t.text or "") for t in matrix.iter(SVG + "tspan"))
    assert not list(matrix.iter(SVG + "script")) and not list(matrix.iter("{http://www.w3.org/2000/svg}b"))
    heat = svg_of(client, "markup-town", "risk-heat-map")
    assert any("</text><script>alert(4)</script>" in (t.text or "") for t in heat.iter(SVG + "title"))
    rows = csv_of(client, "markup-town", "interoperability-matrix")
    assert rows[0]["from"] == MARKUP_SYSTEM and rows[0]["need"] == "<svg onload=alert(3)>"


def test_an_unknown_picture_or_city_is_a_404_naming_the_known_ones(client: TestClient) -> None:
    response = client.get("/cities/exampleton/pictures/pie-chart.svg")
    assert response.status_code == 404
    assert response.json()["known"] == list(CITY_PICTURES)
    response = client.get("/cities/nowhere/pictures/risk-heat-map.csv")
    assert response.status_code == 404 and "exampleton" in response.json()["known"]
    assert client.get("/cities/nowhere", headers={"Accept": BROWSER}).status_code == 404


def test_a_city_without_data_gets_empty_pictures_not_errors(client: TestClient) -> None:
    page = client.get("/cities/markup-town?lang=it", headers={"Accept": BROWSER}).text
    assert page.count("<svg ") == 4
    assert "Non c&#39;è ancora alcuna valutazione della maturità di questa città." in page
    assert csv_of(client, "markup-town", "maturity-radar")[0]["stage_number"] == ""


def test_a_large_matrix_is_cut_to_the_busiest_parties_and_says_so(client: TestClient) -> None:
    from cityref.cities import find_city, store_reader
    from cityref.pictures import interoperability_picture, read_interoperability

    read = store_reader(client.app.state.store, client.app.state.settings)  # type: ignore[attr-defined]
    city = find_city(read, "exampleton")
    full = read_interoperability(read, city.graph, "en")
    cut = read_interoperability(read, city.graph, "en", max_parties=3)
    assert len(cut.parties) == 3 < cut.party_count == len(full.parties)
    busiest = sorted(full.parties, key=lambda p: -sum((n.source == p) + (n.target == p) for n in full.needs))
    assert busiest[0] in cut.parties
    picture = interoperability_picture(cut)
    assert "draws the 3 of" in picture.description
    assert len(picture.table.rows) == len(full.needs), "the table keeps every need"
    root = ET.fromstring(picture.svg)
    drawn = [g for g in root.iter(SVG + "g") if g.get("class") == "need"]
    inside = [n for n in cut.needs if n.source in cut.parties and n.target in cut.parties]
    assert len(drawn) == len(inside) < len(full.needs)


def test_csv_cells_a_spreadsheet_would_run_are_defused() -> None:
    from cityref.pictures.common import Table

    table = Table((("label", "Label"), ("value", "Value")), [("=HYPERLINK(1)", "-3.5"), ("@SUM(A1)", "+x"), ("ok", "")])
    rows = list(csv.reader(io.StringIO(table.to_csv())))
    assert rows == [["label", "value"], ["'=HYPERLINK(1)", "-3.5"], ["'@SUM(A1)", "'+x"], ["ok", ""]]


def test_a_crowded_heat_map_cell_shows_five_markers_and_how_many_more() -> None:
    from cityref.pictures.risks import AssessedRisk, RiskHeatMap, draw_risk_heat_map

    risks = [AssessedRisk(f"urn:x:r{i}", f"risk {i}", "en", "", "", 3, 4, "") for i in range(9)]
    root = ET.fromstring(draw_risk_heat_map(RiskHeatMap("en", "Likelihood", "Impact", risks)))
    assert len([g for g in root.iter(SVG + "g") if g.get("class") == "risk"]) == 5
    texts = [t.text for t in root.iter(SVG + "tspan")]
    assert "+4" in texts
    assert sum(1 for t in texts if t and t.endswith("(3 × 4)")) == 9, "every risk stays in the key"
