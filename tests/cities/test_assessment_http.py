"""``/cities/{id}/assessment`` and ``/cities/{id}/gaps`` over HTTP: JSON, CSV and HTML by Accept or ``?format=``,
in the reader's language; an unknown city or day is a 404 naming the known ones; city text with markup is shown
as text."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from markupsafe import escape
from tests.cities.conftest import CITY_GRAPH, model, put_city
from tests.cities.test_gaps import C, text_in

from cityref.cities.export import GAP_COLUMNS, RECORD_COLUMNS

LATEST, FIRST = "2026-03-02", "2025-03-03"


def test_assessment_lists_both_dates_and_the_latest_records(client: TestClient) -> None:
    body = client.get("/cities/exampleton/assessment").json()
    assert [a["date"] for a in body["assessments"]] == [LATEST, FIRST]
    assert body["chosen"]["date"] == LATEST and len(body["chosen"]["records"]) == 30
    assert body["assessments"][1]["href"].endswith(f"/cities/exampleton/assessment?date={FIRST}")
    earlier = client.get("/cities/exampleton/assessment", params={"date": FIRST}).json()
    assert earlier["chosen"]["assessment"] == "https://exampleton.example/id/adoption-2025"


def test_gaps_json_cites_the_linkage_reason_in_the_chosen_language(client: TestClient) -> None:
    body = client.get("/cities/exampleton/gaps", params={"lang": "es"}).json()
    assert body["count"] == len(body["gaps"]) > 20
    gap = next(
        g for g in body["gaps"] if g["rule"] == "prerequisite-not-established" and g["about"]["notation"] == "B9"
        and g["related"]["notation"] == "B10"
    )  # fmt: skip
    assert gap["why"] == {
        "text": text_in(model(), C["linkage-B9-B10"], C.linkageReason, "es"),
        "lang": "es",
        "source": gap["why"]["source"],
    }
    assert gap["why"]["source"]["iri"] == str(C["linkage-B9-B10"])
    assert gap["next"]["href"].endswith("/def/B10")
    assert gap["severityLabel"] == "media" and gap["severity"] == "medium"


def test_csv_by_accept_and_by_format(client: TestClient) -> None:
    json_count = client.get("/cities/exampleton/gaps").json()["count"]
    for response in (
        client.get("/cities/exampleton/gaps", headers={"Accept": "text/csv"}),
        client.get("/cities/exampleton/gaps", params={"format": "csv", "lang": "it"}),
    ):
        assert response.headers["content-type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == GAP_COLUMNS and len(rows) == json_count + 1
    records = list(csv.reader(io.StringIO(client.get("/cities/exampleton/assessment?format=csv").text)))
    assert records[0] == RECORD_COLUMNS and len(records) == 31
    assert {r[4] for r in records[1:18]} == {f"B{n}" for n in range(1, 15)} | {"C1", "C2", "C3"}


def test_browsers_get_translated_pages(client: TestClient) -> None:
    page = client.get("/cities/exampleton/gaps", params={"lang": "fr"}, headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and '<html lang="fr">' in page.text
    assert "Écarts et prochaines étapes" in page.text
    assert str(escape(text_in(model(), C["linkage-B9-B10"], C.linkageReason, "fr"))) in page.text
    assert 'href="/def/B10?lang=fr"' in page.text
    assessment = client.get(f"/cities/exampleton/assessment?date={FIRST}&lang=de", headers={"Accept": "text/html"})
    assert "Bewertung der Einführung der Praktiken" in assessment.text
    assert f'aria-current="page">{FIRST}<' in assessment.text
    city = client.get("/cities/exampleton", headers={"Accept": "text/html"}).text
    assert 'href="/cities/exampleton/gaps"' in city and 'href="/cities/exampleton/assessment"' in city


def test_unknown_city_or_day_is_a_404_naming_the_known_ones(client: TestClient) -> None:
    missing = client.get("/cities/atlantis/gaps")
    assert missing.status_code == 404 and "exampleton" in missing.json()["known"]
    day = client.get("/cities/exampleton/assessment", params={"date": "2020-01-01"})
    assert day.status_code == 404 and len(day.json()["known"]) == 2
    assert client.get("/cities/exampleton/gaps", params={"date": "soon"}).status_code == 400
    unknown = client.get("/cities/exampleton/gaps", params={"format": "pdf"})
    assert unknown.status_code == 406 and unknown.json()["known"] == ["json", "csv", "html"]
    assert client.get("/cities/exampleton/gaps", headers={"Accept": "image/png"}).status_code == 406


MARKUP = """
@prefix cityref: <https://w3id.org/cityref/def/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix m: <https://markup.example/id/> .
m:city a cityref:City ; rdfs:label "<b>Markup</b> town"@en .
m:org a cityref:Organisation ; rdfs:label "<script>alert(1)</script>"@en .
m:doc rdfs:label "<img src=x onerror=alert(2)>"@en .
m:a a cityref:AdoptionAssessment ; cityref:assessesCity m:city ; cityref:owner m:org ;
    cityref:recordedOn "2026-01-05T00:00:00Z"^^xsd:dateTime ; cityref:hasAdoption m:r .
m:r a cityref:PracticeAdoption ; cityref:adoptionOf cityref:B9 ; cityref:owner m:org ;
    cityref:adoptionStatus cityref:adoption-status-established ; cityref:adoptionEvidence m:doc .
"""


def test_a_label_with_markup_in_a_city_graph_shows_as_text(client: TestClient) -> None:
    put_city(client, "markup-town", MARKUP)
    for path in ("/cities/markup-town/assessment", "/cities/markup-town/gaps"):
        page = client.get(path, headers={"Accept": "text/html"}).text
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page and "<b>Markup" not in page
        assert "&lt;b&gt;Markup&lt;/b&gt; town" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/cities/markup-town/assessment?format=html").text
    assert "&lt;img src=x onerror=alert(2)&gt;" in client.get("/cities/markup-town/gaps?format=html").text


NEWTOWN = """
@prefix cityref: <https://w3id.org/cityref/def/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://newtown.example/id/newtown> a cityref:City ; rdfs:label "Newtown"@en .
"""


def test_a_city_with_no_assessment_gets_pages_that_say_how_to_add_one(client: TestClient) -> None:
    put_city(client, "newtown", NEWTOWN)
    dashboard = client.get("/cities/newtown", headers={"Accept": "text/html"}).text
    for path in ("/cities/newtown/assessment", "/cities/newtown/gaps"):
        assert f'href="{path}"' in dashboard
        page = client.get(path, headers={"Accept": "text/html"})
        assert page.status_code == 200, page.text
        assert "No assessment yet" in page.text and CITY_GRAPH + "newtown" in page.text
        assert (
            'href="/validate?profile=practice-assessment"' in page.text
            and 'href="/def/AdoptionAssessment"' in page.text
        )
        french = client.get(path, params={"lang": "fr"}, headers={"Accept": "text/html"})
        assert french.status_code == 200 and "Pas encore d'évaluation" in french.text
        # programs still learn there is nothing to read, rather than an empty list taken for "no gaps"
        for fmt in ("json", "csv"):
            refused = client.get(path, params={"format": fmt})
            assert refused.status_code == 404 and "no practice adoption assessment" in refused.json()["detail"]
    # a day asked for, where there is no assessment at all, stays a 404 for people too
    assert client.get("/cities/newtown/gaps?date=2026-01-01", headers={"Accept": "text/html"}).status_code == 404
    # the link the page gives opens the validation form with that profile ticked
    form = client.get("/validate?profile=practice-assessment", headers={"Accept": "text/html"})
    assert form.status_code == 200
    assert 'value="practice-assessment" checked' in form.text and 'value="roadmap" checked' not in form.text
    unknown = client.get("/validate?profile=practice-assessment&profile=nope")
    assert unknown.status_code == 404 and "practice-assessment" in unknown.json()["known"]
