"""One report per city: the web page has each section (maturity, adoption by component, top gaps, benefits at risk,
interoperability), the PDF's text read back names the city, the model version and a benefit at risk, ``?since`` says
what improved and what got worse, labels with markup stay text."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from rdflib import Graph, Namespace

from cityref import Settings, create_app, resources
from cityref.api.auth import key_digest
from cityref.api.report import to_pdf
from cityref.cities import find_city, find_gaps, store_reader

CITYREF = Namespace("https://w3id.org/cityref/def/")
EX = Namespace("https://exampleton.example/id/")

KEY = "test-key-for-reports"
ON = "2026-12-01"
"""A fixed day in the past: its reports have tables only (pictures come with a report of today)."""
MARKED = "https://w3id.org/cityref/graph/city/marked"
MARKED_TTL = """
@prefix cityref: <https://w3id.org/cityref/def/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix m: <https://marked.example/> .
m:city a cityref:City ; rdfs:label "<i>Marked</i> town"@en .
m:ind a cityref:Indicator ; rdfs:label "<img src=x onerror=alert(1)> visits"@en ;
  cityref:baselineValue 10.0 ; cityref:targetValue 20.0 ; cityref:hasMeasurement m:v .
m:v cityref:measuredValue 8.0 ; cityref:measuredOn "2020-01-01T00:00:00"^^xsd:dateTime .
m:need a cityref:InteroperabilityNeed ; rdfs:label "<b>need</b>"@en ; cityref:fromParty m:a ; cityref:toParty m:b ;
  cityref:eifLayer cityref:eif-layer-semantic ; cityref:needStatus cityref:need-status-blocked .
m:a rdfs:label "<script>alert(2)</script>"@en . m:b rdfs:label "Other & co"@en .
m:mat-2024 a cityref:MaturityAssessment ; cityref:assessedOn "2024-03-01T00:00:00Z"^^xsd:dateTime ;
  cityref:hasDimensionAssessment m:r1 , m:r2 , m:r5 .
m:r1 cityref:dimension cityref:maturity-dimension-lead-collaboratively ; cityref:stage cityref:maturity-stage-1 .
m:r2 cityref:dimension cityref:maturity-dimension-engage-stakeholders ; cityref:stage cityref:maturity-stage-3 .
m:r5 cityref:dimension cityref:maturity-dimension-problem-solving ; cityref:stage cityref:maturity-stage-2 .
m:mat-2026 a cityref:MaturityAssessment ; cityref:assessedOn "2026-03-01T00:00:00Z"^^xsd:dateTime ;
  cityref:hasDimensionAssessment m:s1 , m:s2 , m:s3 .
m:s1 cityref:dimension cityref:maturity-dimension-lead-collaboratively ; cityref:stage cityref:maturity-stage-3 .
m:s2 cityref:dimension cityref:maturity-dimension-engage-stakeholders ; cityref:stage cityref:maturity-stage-2 .
m:s3 cityref:dimension cityref:maturity-dimension-integrate-technology-data ; cityref:stage cityref:maturity-stage-1 .
"""


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = Settings(data_dir=None, api_key_hashes=[key_digest(KEY)], rate_limit_queries=None)
    with TestClient(create_app(settings)) as client:
        headers = {"Content-Type": "text/turtle", "Authorization": f"Bearer {KEY}"}
        put = client.put("/graphs", params={"graph": MARKED}, content=MARKED_TTL.encode(), headers=headers)
        assert put.status_code in (201, 204), put.text
        yield client


def pdf_text(content: bytes) -> str:
    """The PDF's text with its line breaks folded, so that a label wrapped in a table cell reads as one phrase."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_page_has_each_section(client: TestClient) -> None:
    page = client.get("/cities/exampleton/report", params={"on": ON}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    for heading in ('id="maturity"', 'id="adoption"', 'id="gaps"', 'id="benefits-at-risk"', 'id="interoperability"'):
        assert heading in text
    assert "Work across disciplines, city departments and systems" in text and "Stage 1: siloed" in text
    assert "Median days from fault report to repair" in text  # at risk: its forecast misses the target
    assert "Council fleet carbon emissions" not in text  # on track, so not in the at-risk table
    assert "Customer relationship management system → Highways asset management system" in text
    assert "model version 0.2.0" in text and f"State as of {ON}" in text
    assert 'id="changes"' not in text  # no ?since, no comparison
    assert f'href="/cities/exampleton/report?format=pdf&amp;on={ON}"' in text
    assert "<svg" not in text


def test_a_report_of_today_embeds_the_maturity_radar_and_the_interoperability_matrix(client: TestClient) -> None:
    page = client.get("/cities/exampleton/report", params={"format": "html"}).text
    maturity = page.split('id="maturity"')[1].split('id="benefits-at-risk"')[0]
    interoperability = page.split('id="interoperability"')[1]
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="maturity-radar"' in maturity
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="interoperability-matrix"' in interoperability
    assert "<table>" in maturity and "<table>" in interoperability  # the same in words, beside each picture
    pdf = client.get("/cities/exampleton/report", params={"format": "pdf"})
    assert pdf.status_code == 200 and "Maturity" in pdf_text(pdf.content)


def _adoptions(assessment: str) -> dict[str, str]:
    """Practice or principle local name -> status local name, read from Exampleton's Turtle with rdflib."""
    graph = Graph().parse(resources.examples_dir() / "exampleton" / "assessments.ttl")
    return {
        str(graph.value(r, CITYREF.adoptionOf)).rsplit("/", 1)[-1]: str(graph.value(r, CITYREF.adoptionStatus))
        .rsplit("/", 1)[-1]
        .removeprefix("adoption-status-")
        for r in graph.objects(EX[assessment], CITYREF.hasAdoption)
    }


def test_adoption_by_component_and_the_top_gaps_come_from_the_assessment_in_force(client: TestClient) -> None:
    now = _adoptions("adoption-2026")
    established_b = sorted(k for k, v in now.items() if re.fullmatch(r"B\d+", k) and v == "established")
    page = client.get("/cities/exampleton/report", params={"on": ON, "format": "html"}).text
    adoption = page.split('id="adoption"')[1].split('id="gaps"')[0]
    assert "practice adoption assessment of 2026-03-02" in adoption
    row_b = adoption.split("B Key cross-city delivery processes")[1].split("</tr>")[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row_b, flags=re.S)
    assert len(cells) == 4  # not started, planned, partial, established
    assert f"<strong>{len(established_b)}</strong>" in cells[3]
    assert ", ".join(sorted(established_b, key=lambda n: int(n[1:]))) in cells[3]
    # A day between the two assessments: the 2025 one is in force.
    before = client.get("/cities/exampleton/report", params={"on": "2025-12-31", "format": "html"}).text
    assert "practice adoption assessment of 2025-03-03" in before
    # The top gaps: the first report_top_gaps of the gap analysis of that assessment, in its order, with reasons.
    settings = Settings(data_dir=None)
    read = store_reader(client.app.state.store, settings)  # type: ignore[attr-defined]
    gaps = find_gaps(read, find_city(read, "exampleton"), "en", date="2026-03-02")
    shown = page.split('id="gaps"')[1].split("</ol>")[0]
    items = re.findall(r"<li>(.*?)</li>", shown, flags=re.S)
    assert len(items) == min(len(gaps), settings.report_top_gaps)
    for gap, item in zip(gaps, items, strict=False):
        assert str(escape(gap.what)) in item
        if gap.why:
            assert str(escape(gap.why)) in item


def test_since_names_practices_whose_adoption_moved_and_gaps_closed(client: TestClient) -> None:
    then, now = _adoptions("adoption-2025"), _adoptions("adoption-2026")
    order = ["not-started", "planned", "partial", "established"]
    rose = [k for k in now if k in then and order.index(now[k]) > order.index(then[k])]
    fell = [k for k in now if k in then and order.index(now[k]) < order.index(then[k])]
    page = client.get("/cities/exampleton/report", params={"on": ON, "since": "2025-06-30", "format": "html"}).text
    improved, worse = page.split('id="improved"')[1].split('id="worse"')
    assert improved.count("adoption established</li>") + improved.count("adoption partial</li>") + improved.count(
        "adoption planned</li>"
    ) == len(rose)
    assert "B4 Procurement and supplier management</span>: adoption planned, now adoption established" in improved
    assert worse.count(", now adoption") == len(fell)
    assert "Gap closed: " in improved


def test_the_model_version_is_the_ontology_s(client: TestClient) -> None:
    version = client.get("/health").json()["ontologyVersion"]
    page = client.get("/cities/exampleton/report", params={"format": "html", "on": ON}).text
    assert f"model version {version}" in page


def test_the_pdf_reads_back_with_the_city_the_model_version_and_a_benefit_at_risk(client: TestClient) -> None:
    version = client.get("/health").json()["ontologyVersion"]
    answer = client.get("/cities/exampleton/report", params={"on": ON}, headers={"Accept": "application/pdf"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF-")
    assert f'filename="exampleton-report-{ON}.pdf"' in answer.headers["content-disposition"]
    text = pdf_text(answer.content)
    assert "Exampleton" in text
    assert f"model version {version}" in text
    assert "Median days from fault report to repair" in text
    assert "misses the target" in text
    assert "Benefits at risk" in text and "Interoperability matrix" in text
    assert "Practice adoption by component" in text and "Top gaps" in text


def test_the_pdf_follows_the_language(client: TestClient) -> None:
    answer = client.get("/cities/exampleton/report", params={"on": ON, "format": "pdf", "lang": "de"})
    text = pdf_text(answer.content)
    assert "Stadtbericht" in text and "Gefährdete Nutzen" in text


def test_since_says_what_improved_and_what_got_worse(client: TestClient) -> None:
    # On 2026-01-15 the fault repairs had three measurements on a line that reached 5 days in time; by 2026-12-02 a
    # fourth, slower one puts the forecast above the target: worse. Fleet carbon had 1634.5 t/yr then, 1502 now,
    # closer to its 1200 target: better.
    page = client.get("/cities/exampleton/report", params={"on": ON, "since": "2026-01-15", "format": "html"}).text
    assert 'id="changes"' in page and "Since 2026-01-15" in page
    improved, worse = page.split('id="worse"')
    assert "Council fleet carbon emissions</span>: Latest value 1634.5, now 1502 (target 1200)" in improved
    assert "Median days from fault report to repair</span>: Benefit status On track, now At risk" in worse
    assert "Council fleet carbon emissions" not in worse
    pdf = client.get("/cities/exampleton/report", params={"on": ON, "since": "2026-01-15", "format": "pdf"})
    assert "What got worse" in pdf_text(pdf.content)


def test_since_a_date_before_any_maturity_assessment_counts_each_rating_as_new(client: TestClient) -> None:
    page = client.get("/cities/exampleton/report", params={"on": ON, "since": "2024-01-01", "format": "html"}).text
    improved = page.split('id="improved"')[1].split('id="worse"')[0]
    assert improved.count("Rated for the first time") == 4  # Exampleton's 2025 assessment rates four dimensions


def test_since_compares_maturity_stages_of_two_dated_assessments(client: TestClient) -> None:
    # Marked town rated "lead collaboratively" 1 in 2024 and 3 in 2026 (better), "engage stakeholders" 3 then 2
    # (worse), and "integrate technology and data" only in 2026 (rated for the first time). Its 2024 rating of the
    # deprecated fifth dimension is not shown.
    page = client.get("/cities/marked/report", params={"on": ON, "since": "2025-01-01", "format": "html"}).text
    maturity = page.split('id="maturity"')[1].split('id="benefits-at-risk"')[0]
    assert maturity.count("2026-03-01") == 3 and "Problem" not in maturity
    improved, worse = page.split('id="improved"')[1].split('id="worse"')
    assert "Lead collaboratively</span>: Maturity stage Stage 1: siloed, now Stage 3" in improved
    assert "Integrate technology and data</span>: Rated for the first time: Stage 1: siloed" in improved
    assert "Engage stakeholders and users</span>: Maturity stage Stage 3" in worse
    assert "now Stage 2: cross-disciplinary" in worse
    before = client.get("/cities/marked/report", params={"on": "2025-01-01", "format": "html"}).text
    assert before.split('id="maturity"')[1].split('id="benefits-at-risk"')[0].count("2024-03-01") == 2


def test_bad_dates_and_unknown_city(client: TestClient) -> None:
    assert client.get("/cities/exampleton/report", params={"since": "yesterday"}).status_code == 400
    assert client.get("/cities/exampleton/report", params={"on": ON, "since": ON}).status_code == 400
    missing = client.get("/cities/atlantis/report")
    assert missing.status_code == 404 and "exampleton" in missing.text
    assert client.get("/cities/atlantis/report", params={"format": "pdf"}).status_code == 404
    assert client.get("/cities/exampleton/report", params={"format": "docx"}).status_code == 406


def test_labels_with_markup_show_as_text_on_the_page_and_in_the_pdf(client: TestClient) -> None:
    page = client.get("/cities/marked/report", params={"on": ON, "format": "html"}).text
    for raw in ("<i>Marked</i>", "<img src=x", "<script>alert(2)</script>"):
        assert raw not in page
    assert "&lt;i&gt;Marked&lt;/i&gt; town" in page
    assert "&lt;img src=x onerror=alert(1)&gt; visits" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt; → Other &amp; co" in page
    today = client.get("/cities/marked/report", params={"format": "html"}).text  # with its pictures
    assert "<svg" in today
    for raw in ("<i>Marked</i>", "<img src=x", "<script>alert(2)</script>", "<b>need</b>"):
        assert raw not in today
    text = pdf_text(client.get("/cities/marked/report", params={"on": ON, "format": "pdf"}).content)
    assert "<i>Marked</i> town" in text and "<img src=x onerror=alert(1)> visits" in text


def test_the_pdf_fetches_nothing(tmp_path: Path) -> None:
    # A real image on disk and a stylesheet on a host that does not exist: the fetcher refuses both, so the PDF is
    # drawn without any image; the same image inline as a data: URL, which needs no fetching, is embedded.
    from PIL import Image

    picture = tmp_path / "dot.png"
    Image.new("RGB", (8, 8), "black").save(picture)
    html = '<link rel="stylesheet" href="http://nowhere.invalid/x.css"><p>Kept</p><img src="{src}" alt="x">'
    refused = pypdf.PdfReader(io.BytesIO(to_pdf(html.format(src=picture.as_uri()))))
    assert "Kept" in refused.pages[0].extract_text()
    assert len(refused.pages[0].images) == 0
    inline = "data:image/png;base64," + base64.b64encode(picture.read_bytes()).decode()
    drawn = pypdf.PdfReader(io.BytesIO(to_pdf(html.format(src=inline))))
    assert len(drawn.pages[0].images) == 1


def test_the_city_page_links_its_report(client: TestClient) -> None:
    assert client.get("/cities/exampleton").json()["pages"]["report"].endswith("/cities/exampleton/report")
