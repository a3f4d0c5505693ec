"""Benefit tracking (C2): trends and forecasts against sums worked out here from the data, each at-risk rule with its
reason, the JSON, CSV and HTML answers, an unknown city, a label with markup.

Expected numbers come from the Turtle itself and the standard library's independent ``statistics.linear_regression``
plus the textbook prediction-interval formula, never from the code under test."""

from __future__ import annotations

import csv
import io
import math
import statistics
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from cityref import Settings, create_app
from cityref.api.auth import key_digest
from cityref.cities import find_city, store_reader
from cityref.cities.benefits import Rules, benefit_progress
from cityref.cities.trend import fit, t975

KEY = "test-key-for-benefits"
TESTFORD = "https://w3id.org/cityref/graph/city/testford"
ON = "2026-12-02"

# A small city with one indicator per rule. Dates are chosen so that, judged on 2026-12-02:
# - rising-bad: lower is better (target below baseline) but the values rise: moving away;
# - overdue: target date 2026-06-30 passed, latest value 40 short of the target 50;
# - never: no measurement at all;
# - undated: no target date, so no forecast;
# - same-day: three measurements on one day: no trend;
# - markup: a label with markup, on track.
TESTFORD_TTL = """
@prefix cityref: <https://w3id.org/cityref/def/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix qudt: <http://qudt.org/schema/qudt/> .
@prefix unit: <http://qudt.org/vocab/unit/> . @prefix t: <https://testford.example/> .
t:city a cityref:City ; rdfs:label "Testford"@en .
t:benefit a cityref:Benefit ; rdfs:label "Quieter nights"@en ; cityref:measuredBy t:rising-bad .
t:rising-bad a cityref:Indicator ; rdfs:label "Night noise complaints"@en ; qudt:unit unit:PER-WK ;
  cityref:baselineValue 20.0 ; cityref:targetValue 10.0 ; cityref:targetDate "2028-01-01T00:00:00"^^xsd:dateTime ;
  cityref:hasMeasurement t:rb1 , t:rb2 , t:rb3 .
t:rb1 cityref:measuredValue 20.0 ; cityref:measuredOn "2025-01-01T00:00:00"^^xsd:dateTime .
t:rb2 cityref:measuredValue 22.0 ; cityref:measuredOn "2025-07-01T00:00:00"^^xsd:dateTime .
t:rb3 cityref:measuredValue 23.0 ; cityref:measuredOn "2026-01-01T00:00:00"^^xsd:dateTime .
t:overdue a cityref:Indicator ; rdfs:label "Homes on fibre"@en ; qudt:unit unit:PERCENT ;
  cityref:baselineValue 10.0 ; cityref:targetValue 50.0 ; cityref:targetDate "2026-06-30T00:00:00"^^xsd:dateTime ;
  cityref:hasMeasurement t:o1 .
t:o1 cityref:measuredValue 40.0 ; cityref:measuredOn "2026-05-31T00:00:00"^^xsd:dateTime .
t:never a cityref:Indicator ; rdfs:label "Trees planted"@en ; cityref:baselineValue 0.0 ; cityref:targetValue 500.0 .
t:undated a cityref:Indicator ; rdfs:label "Library visits"@en ; cityref:baselineValue 100.0 ;
  cityref:targetValue 150.0 ; cityref:hasMeasurement t:u1 , t:u2 , t:u3 .
t:u1 cityref:measuredValue 100.0 ; cityref:measuredOn "2026-01-01T00:00:00"^^xsd:dateTime .
t:u2 cityref:measuredValue 110.0 ; cityref:measuredOn "2026-04-01T00:00:00"^^xsd:dateTime .
t:u3 cityref:measuredValue 125.0 ; cityref:measuredOn "2026-07-01T00:00:00"^^xsd:dateTime .
t:same-day a cityref:Indicator ; rdfs:label "Bus shelters"@en ; cityref:baselineValue 1.0 ; cityref:targetValue 9.0 ;
  cityref:targetDate "2030-01-01T00:00:00"^^xsd:dateTime ; cityref:hasMeasurement t:s1 , t:s2 , t:s3 .
t:s1 cityref:measuredValue 2.0 ; cityref:measuredOn "2026-10-01"^^xsd:date .
t:s2 cityref:measuredValue 3.0 ; cityref:measuredOn "2026-10-01"^^xsd:date .
t:s3 cityref:measuredValue 4.0 ; cityref:measuredOn "2026-10-01"^^xsd:date .
t:markup a cityref:Indicator ; rdfs:label "<b>Bins</b> & <script>alert(1)</script>"@en ;
  cityref:baselineValue 0.0 ; cityref:targetValue 10.0 ; cityref:targetDate "2030-01-01T00:00:00"^^xsd:dateTime ;
  cityref:hasMeasurement t:k1 , t:k2 , t:k3 .
t:k1 cityref:measuredValue 1.0 ; cityref:measuredOn "2026-01-01T00:00:00"^^xsd:dateTime .
t:k2 cityref:measuredValue 2.0 ; cityref:measuredOn "2026-04-01T00:00:00"^^xsd:dateTime .
t:k3 cityref:measuredValue 3.0 ; cityref:measuredOn "2026-07-01T00:00:00"^^xsd:dateTime .
t:formula a cityref:Indicator ; rdfs:label "=HYPERLINK(\\"http://evil.example\\")"@en ; cityref:baselineValue 1.0 ;
  cityref:targetValue 2.0 .
"""


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = Settings(data_dir=None, api_key_hashes=[key_digest(KEY)], rate_limit_queries=None)
    with TestClient(create_app(settings)) as client:
        headers = {"Content-Type": "text/turtle", "Authorization": f"Bearer {KEY}"}
        put = client.put("/graphs", params={"graph": TESTFORD}, content=TESTFORD_TTL.encode(), headers=headers)
        assert put.status_code in (201, 204), put.text
        yield client


def years(day: str) -> float:
    return (date.fromisoformat(day) - date(1970, 1, 1)).days / 365.25


def indicator(body: dict, local: str) -> dict:
    return next(i for i in body["indicators"] if i["indicator"].endswith("/" + local))


def test_a_line_through_three_points_worked_by_hand() -> None:
    # (0, 1), (1, 2), (2, 4): x̄ = 1, ȳ = 7/3, Sxy = (-1)(-4/3) + 0 + (1)(5/3) = 3, Sxx = 2, slope 1.5,
    # intercept 7/3 - 1.5 = 5/6; residuals 1/6, -1/3, 1/6, SSE = 1/6, s = √(1/6); at x = 3:
    # ŷ = 5/6 + 4.5 = 16/3, se = s·√(1 + 1/3 + 4/2) = √(1/6 · 10/3) = √(5/9).
    line = fit([(0.0, 1.0), (1.0, 2.0), (2.0, 4.0)])
    assert line.slope == pytest.approx(1.5)
    assert line.intercept == pytest.approx(5 / 6)
    predicted = line.predict(3.0)
    assert predicted.value == pytest.approx(16 / 3)
    assert predicted.standard_error == pytest.approx(math.sqrt(5 / 9))
    assert predicted.high - predicted.value == pytest.approx(12.706 * math.sqrt(5 / 9))
    assert t975(2) == 4.303 and t975(35) == t975(30) and t975(5000) == 1.96


def test_exampleton_fault_repairs_forecast_matches_the_textbook_formula(client: TestClient) -> None:
    # The four measurements of ex:ind-fault-repair-days in examples/exampleton/benefits.ttl.
    data = [("2024-12-31", 11.0), ("2025-06-30", 9.5), ("2025-12-31", 8.0), ("2026-06-30", 7.6)]
    xs, ys = [years(d) for d, _ in data], [v for _, v in data]
    slope, intercept = statistics.linear_regression(xs, ys)
    x0 = years("2027-03-31")
    mean = statistics.fmean(xs)
    sse = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    se = math.sqrt(sse / 2) * math.sqrt(1 + 1 / 4 + (x0 - mean) ** 2 / sum((x - mean) ** 2 for x in xs))
    expected = intercept + slope * x0

    body = client.get("/cities/exampleton/benefits", params={"on": ON}).json()
    assert "least squares" in body["method"]
    fault = indicator(body, "ind-fault-repair-days")
    assert fault["unit"] == "http://qudt.org/vocab/unit/DAY"
    assert (fault["baseline"], fault["target"], fault["targetDate"]) == (12.5, 5.0, "2027-03-31")
    assert [m["value"] for m in fault["measurements"]] == ys
    assert fault["trendPerYear"] == pytest.approx(slope, abs=1e-5)
    forecast = fault["forecast"]
    assert forecast["possible"] is True
    assert forecast["value"] == pytest.approx(expected, abs=1e-5)
    assert forecast["standardError"] == pytest.approx(se, abs=1e-5)
    assert forecast["predictionInterval"]["low"] == pytest.approx(expected - 4.303 * se, abs=1e-5)
    # Lower is better; the forecast stays above 5.0 days, so the benefit is at risk, with that reason.
    assert expected > 5.0
    assert fault["status"] == "at-risk"
    assert [r["code"] for r in fault["risks"]] == ["forecast-misses"]
    assert "2027-03-31" in fault["risks"][0]["message"]


def test_exampleton_has_benefits_on_track_and_at_risk(client: TestClient) -> None:
    body = client.get("/cities/exampleton/benefits", params={"on": ON}).json()
    co2 = indicator(body, "ind-fleet-co2")
    xs = [years(d) for d in ("2024-03-31", "2025-03-31", "2026-03-31")]
    slope, intercept = statistics.linear_regression(xs, [1792.0, 1634.5, 1502.0])
    assert co2["forecast"]["value"] == pytest.approx(intercept + slope * years("2030-03-31"), abs=1e-4)
    assert intercept + slope * years("2030-03-31") < 1200.0
    assert (co2["status"], co2["risks"]) == ("on-track", [])
    satisfaction = indicator(body, "ind-request-satisfaction")
    assert satisfaction["forecast"]["possible"] is False
    assert satisfaction["forecast"]["reason"] == "too-few-measurements"
    days = (date.fromisoformat(ON) - date(2025, 10, 31)).days
    assert satisfaction["risks"] == [
        {"code": "stale", "message": f"The latest measurement is {days} days old (more than 365 days)."}
    ]
    # Those at risk come first.
    statuses = [i["status"] for i in body["indicators"]]
    assert statuses == sorted(statuses, key=lambda s: s != "at-risk")


def test_measurements_after_the_day_are_not_seen(client: TestClient) -> None:
    body = client.get("/cities/exampleton/benefits", params={"on": "2026-01-15"}).json()
    fault = indicator(body, "ind-fault-repair-days")
    assert [m["on"] for m in fault["measurements"]] == ["2024-12-31", "2025-06-30", "2025-12-31"]
    # Three points on a straight line, 1.5 days less every half year: 8.0 - 3.0 · 1.25 years (to 2027-03-31),
    # within the rounding of days to years.
    assert fault["forecast"]["value"] == pytest.approx(8.0 - 3.0 * (years("2027-03-31") - years("2025-12-31")), 0.02)
    assert fault["status"] == "on-track"


def test_each_at_risk_rule_with_its_reason(client: TestClient) -> None:
    body = client.get("/cities/testford/benefits", params={"on": ON}).json()
    rising = indicator(body, "rising-bad")
    assert "moving-away" in [r["code"] for r in rising["risks"]]
    assert "forecast-misses" in [r["code"] for r in rising["risks"]]
    assert rising["lowerIsBetter"] is True and rising["trendPerYear"] > 0
    overdue = indicator(body, "overdue")
    assert [r["code"] for r in overdue["risks"]] == ["target-date-passed"]
    assert "2026-06-30" in overdue["risks"][0]["message"]
    assert overdue["forecast"]["reason"] == "target-date-passed"
    assert [r["code"] for r in indicator(body, "never")["risks"]] == ["no-measurement"]
    undated = indicator(body, "undated")
    assert (undated["forecast"]["reason"], undated["status"]) == ("no-target-date", "on-track")
    same = indicator(body, "same-day")
    assert same["forecast"]["reason"] == "one-day" and same["trendPerYear"] is None


def test_the_stale_limit_is_a_setting() -> None:
    settings = Settings(data_dir=None)
    with TestClient(create_app(settings)) as client:
        read = store_reader(client.app.state.store, settings)  # type: ignore[attr-defined]
        city = find_city(read, "exampleton")
        strict = benefit_progress(read, city, on=date(2026, 12, 2), rules=Rules(stale_after_days=100))
        lenient = benefit_progress(read, city, on=date(2026, 12, 2), rules=Rules(stale_after_days=1000))
    stale = {p.iri.rsplit("/", 1)[-1] for p in strict if any(r.code == "stale" for r in p.risks)}
    assert "ind-fleet-co2" in stale  # measured 2026-03-31, 246 days before
    assert not any(r.code == "stale" for p in lenient for r in p.risks)


def test_csv_has_one_row_per_indicator_with_the_method(client: TestClient) -> None:
    answer = client.get("/cities/exampleton/benefits", params={"on": ON}, headers={"Accept": "text/csv"})
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert len(rows) == 5
    fault = next(r for r in rows if r["indicator"].endswith("ind-fault-repair-days"))
    assert (fault["status"], fault["risks"], fault["measurements"]) == ("at-risk", "forecast-misses", "4")
    assert "least squares" in fault["forecast_method"]
    no2 = next(r for r in rows if r["indicator"].endswith("ind-no2-roadside"))
    assert no2["forecast_value"].startswith("No forecast")


def test_html_page_in_french_says_the_method_and_the_reasons(client: TestClient) -> None:
    page = client.get("/cities/exampleton/benefits", params={"on": ON, "lang": "fr"}, headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="fr">' in page.text
    assert "Suivi des bénéfices" in page.text and "moindres carrés" in page.text
    assert "À risque" in page.text and "manque la cible" in page.text
    assert client.get("/cities/exampleton/benefits", params={"format": "html"}).text.count("<section") == 5
    body = client.get("/cities/exampleton/benefits", params={"on": ON, "lang": "fr"}).json()
    fault = indicator(body, "ind-fault-repair-days")
    assert fault["risks"][0]["message"].startswith("La prévision pour le 2027-03-31")
    no2 = indicator(body, "ind-no2-roadside")
    assert no2["forecast"]["message"].startswith("Pas de prévision")


def test_a_label_with_markup_shows_as_text(client: TestClient) -> None:
    page = client.get("/cities/testford/benefits", params={"format": "html", "on": ON}).text
    assert "<script>alert(1)</script>" not in page and "<b>Bins</b>" not in page
    assert "&lt;b&gt;Bins&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_no_csv_cell_runs_as_a_spreadsheet_formula(client: TestClient) -> None:
    text = client.get("/cities/testford/benefits", params={"on": ON, "format": "csv"}).text
    rows = list(csv.DictReader(io.StringIO(text)))
    formula = next(r for r in rows if r["indicator"].endswith("/formula"))
    assert formula["label"] == '\'=HYPERLINK("http://evil.example")'
    rising = next(r for r in rows if r["indicator"].endswith("/rising-bad"))
    assert float(rising["trend_per_year"]) > 0  # numbers stay numbers


def test_unknown_city_bad_day_and_bad_format(client: TestClient) -> None:
    missing = client.get("/cities/atlantis/benefits")
    assert missing.status_code == 404
    assert "exampleton" in missing.json()["known"]
    assert client.get("/cities/exampleton/benefits", params={"on": "next tuesday"}).status_code == 400
    assert client.get("/cities/exampleton/benefits", params={"format": "xml"}).status_code == 406


def test_the_city_page_links_its_benefit_tracking(client: TestClient) -> None:
    assert client.get("/cities/exampleton").json()["pages"]["benefits"].endswith("/cities/exampleton/benefits")
