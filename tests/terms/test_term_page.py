"""The HTML term page over HTTP: B5 in Italian with its Italian definition, linkages read as "depends on" and
"enables" with their Italian reasons (checked against SPARQL over the ontology), the profiles that constrain a
term, mappings to other vocabularies, a SPARQL query that runs, the formats, and the neighbourhood picture with its
text alternative."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from rdflib import Graph
from tests.conftest import UNLIMITED

from cityref import Settings, create_app
from cityref.ontology.model import load_ontology
from cityref.terms.neighbourhood import MAX_PER_GROUP, layout

HTML = {"Accept": "text/html"}
PREFIXES = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX cityref: <https://w3id.org/cityref/def/>
"""


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=None, **UNLIMITED))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology().merged


@pytest.fixture(scope="module")
def b5_it(client: TestClient) -> str:
    response = client.get("/def/B5?lang=it", headers=HTML)
    assert response.status_code == 200
    return response.text


def section(page: str, ident: str) -> str:
    start = page.index(f'<h2 id="{ident}">')
    end = page.find("<h2 ", start + 1)
    return page[start : end if end > 0 else None]


def test_b5_in_italian_has_every_section(b5_it: str) -> None:
    assert '<html lang="it">' in b5_it
    for ident in ("details", "linkages", "profiles", "neighbourhood", "sparql", "formats"):
        assert f'<h2 id="{ident}">' in b5_it, ident
        assert f'<a href="#{ident}">' in b5_it, "the page's own contents link to it"
    assert "<h1>Mappatura delle esigenze di interoperabilità della città</h1>" in b5_it
    assert '<h2 id="linkages">Collegamenti</h2>' in b5_it and '<h3 id="depends-on">Dipende da</h3>' in b5_it


def test_b5_shows_its_italian_definition_and_source(b5_it: str, ontology: Graph) -> None:
    (definition,) = [
        str(row[0])
        for row in ontology.query(
            PREFIXES + 'SELECT ?d WHERE { cityref:B5 skos:definition ?d FILTER (lang(?d) = "it") }'
        )
    ]
    assert f'<p class="definition">{escape(definition)!s}</p>' in b5_it
    assert '<p class="fallback">' not in b5_it
    assert "ISO 37106:2021, 6.7" in b5_it.split('<h2 id="details">')[0], "the source clause is shown up front"


@pytest.mark.parametrize(
    ("heading", "this_end", "other_end"), [("depends-on", "from", "to"), ("enables", "to", "from")]
)
def test_linkages_read_from_the_terms_side_with_their_reasons(
    b5_it: str, ontology: Graph, heading: str, this_end: str, other_end: str
) -> None:
    rows = ontology.query(
        PREFIXES
        + f"""SELECT ?other ?reason WHERE {{ ?l a cityref:Linkage ; cityref:linkage{this_end.title()} cityref:B5 ;
            cityref:linkage{other_end.title()} ?other ; cityref:linkageReason ?reason
            FILTER (lang(?reason) = "it") }}"""
    )
    expected = {(str(other).rsplit("/", 1)[-1], str(reason)) for other, reason in rows}
    assert expected, "B5 has linkages both ways"
    start = b5_it.index(f'<h3 id="{heading}">')
    listed = b5_it[start : b5_it.index("</ul>", start)]
    found = set(
        re.findall(r'<li><a href="/def/([^"?]+)\?lang=it">[^<]+</a>: <span class="reason">([^<]+)</span></li>', listed)
    )
    assert found == {(local, str(escape(reason))) for local, reason in expected}


def test_the_profiles_that_constrain_a_term(client: TestClient, b5_it: str) -> None:
    profiles = section(b5_it, "profiles")
    assert '<a href="/profiles/interoperability-register?lang=it">' in profiles and "serve questa pratica" in profiles
    device = section(client.get("/def/IoTDevice", headers=HTML).text, "profiles")
    assert '<a href="/profiles/iot-device-register">' in device and "checks every instance of it" in device
    retention = section(client.get("/def/retentionDays", headers=HTML).text, "profiles")
    assert "constrains this property" in retention


def test_mappings_to_other_vocabularies(client: TestClient, ontology: Graph) -> None:
    rows = ontology.query(PREFIXES + "SELECT ?m WHERE { cityref:City skos:closeMatch ?m }")
    targets = {str(row[0]) for row in rows}
    assert len(targets) >= 2
    page = client.get("/def/City?lang=de", headers=HTML).text
    mappings = section(page, "mappings")
    assert "<dt>nahe Entsprechung</dt>" in mappings
    assert set(re.findall(r'<a href="([^"]+)" rel="external">', mappings)) == targets


def test_the_ready_query_runs_and_is_about_the_term(client: TestClient, b5_it: str) -> None:
    sparql = section(b5_it, "sparql")
    assert "&lt;https://w3id.org/cityref/def/B5&gt; ?property ?value" in sparql
    link = re.search(r'<a href="(/sparql\?query=[^"]+)">', sparql)
    assert link is not None and "lang=it" in link.group(1)
    response = client.get(html.unescape(link.group(1)), headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    rows = response.json()["results"]["bindings"]
    values = {(r["property"]["value"].rsplit("#", 1)[-1], r["value"]["value"]) for r in rows}
    assert ("notation", "B5") in values
    assert ("prefLabel", "Mappatura delle esigenze di interoperabilità della città") in values
    assert not any(r["value"].get("xml:lang") not in (None, "it") for r in rows), "texts in the page's language"


def test_the_formats_are_linked_and_served(client: TestClient, b5_it: str) -> None:
    formats = section(b5_it, "formats")
    links = re.findall(r'<a href="([^"]+)" type="([^"]+)">', formats)
    assert {t for _, t in links} >= {
        "text/turtle",
        "application/ld+json",
        "application/rdf+xml",
        "application/n-triples",
    }
    for href, media_type in links:
        response = client.get(html.unescape(href))
        assert response.status_code == 200 and response.headers["content-type"].startswith(media_type), href


def test_the_neighbourhood_picture_has_a_text_alternative(b5_it: str) -> None:
    picture = section(b5_it, "neighbourhood")
    svg = picture[picture.index("<svg") : picture.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="nb-title nb-desc"' in svg
    title = re.search(r'<title id="nb-title">([^<]+)</title>', svg)
    desc = re.search(r'<desc id="nb-desc">([^<]+)</desc>', svg)
    assert title is not None and "Mappatura delle esigenze" in title.group(1)
    assert desc is not None
    for word in (
        "Dipende da",
        "Rende possibile",
        "Gestione della strategia",
        "Approvvigionamento e gestione dei fornitori",
    ):
        assert word in html.unescape(desc.group(1)), word
    assert svg.count("<rect") == 1 + 1 + 3 + 3, "the term, its group, three it depends on, three that depend on it"
    assert "<figcaption>" in picture


def test_a_crowded_group_is_cut_short_and_says_how_many_more() -> None:
    many = [(f"term {i}", "en") for i in range(MAX_PER_GROUP + 4)]
    picture = layout(("centre", "en"), [], many, [], [])
    more = [b for b in picture.boxes if b.more]
    assert len(picture.boxes) == MAX_PER_GROUP + 1 and more and more[0].more == 4
    assert picture.groups["Narrower"] == many, "the description in words names them all"
    assert all(b.y >= picture.centre.y + 34 for b in picture.boxes), "narrower terms are drawn below the term"
    assert picture.height >= max(b.y for b in picture.boxes) + 34


def test_every_term_page_renders(client: TestClient, ontology: Graph) -> None:
    """Each kind of term (class, property, concept, scheme, linkage, individual) has a page that renders."""
    for local in ("Practice", "retentionDays", "B5", "scheme-key-risks", "linkage-B12-B5", "component-A"):
        response = client.get(f"/def/{local}?lang=fr", headers=HTML)
        assert response.status_code == 200, local
        assert '<h2 id="sparql">' in response.text and '<h2 id="formats">' in response.text
