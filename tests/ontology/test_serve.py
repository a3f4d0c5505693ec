"""``GET /ontology`` and ``/ontology/{module}``: every RDF format round-trips, browsers get HTML documentation
generated from the ontology, unknown modules and unservable media types get problem details."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from cityref import media
from cityref.ontology.model import CITYREF, LANGUAGES

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
FORMATS = [f for f in media.RDF_FORMATS if not f.quads]
# Parsed back with pyoxigraph: an independent parser, and rdflib's JSON-LD parser warns about its own internals.
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}


@pytest.fixture(scope="module")
def served(client: TestClient) -> Graph:
    merged: Graph = client.app.state.ontology.merged  # type: ignore[attr-defined]
    return merged


@pytest.fixture(scope="module")
def html_en(client: TestClient) -> str:
    response = client.get("/ontology", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_each_format_parses_back(client: TestClient, served: Graph, fmt: media.Format) -> None:
    response = client.get("/ontology", headers={"Accept": fmt.media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(fmt.media_type)
    parsed = list(ox.parse(response.content, format=OX_FORMATS[fmt.name]))
    assert len(parsed) == len(served)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_format_parameter_overrides_accept(client: TestClient, fmt: media.Format) -> None:
    response = client.get(f"/ontology/core?format={fmt.name}", headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(fmt.media_type)


def test_module_is_served_alone(client: TestClient, served: Graph) -> None:
    response = client.get("/ontology/maturity", headers={"Accept": "text/turtle"})
    module = Graph().parse(data=response.text, format="turtle")
    assert 0 < len(module) < len(served)
    assert list(module.subjects(RDF.type, OWL.Ontology)) == [URIRef("https://w3id.org/cityref/ontology/maturity")]


def test_link_header_names_alternates(client: TestClient) -> None:
    link = client.get("/ontology/core", headers={"Accept": "text/turtle"}).headers["link"]
    for fmt in FORMATS:
        assert f'</ontology/core?format={fmt.name}>; rel="alternate"; type="{fmt.media_type}"' in link
    assert 'type="text/html"' in link


def test_html_documents_every_class(html_en: str, served: Graph) -> None:
    classes = [c for c in served.subjects(RDF.type, OWL.Class) if str(c).startswith(str(CITYREF))]
    assert len(classes) > 20
    for cls in classes:
        label = served.value(cls, RDFS.label)
        local = str(cls)[len(str(CITYREF)) :]
        assert f'id="{local}"' in html_en, local
        assert str(label).replace("'", "&#39;") in html_en, label


def test_html_shows_labels_in_five_languages_definition_and_source(html_en: str) -> None:
    article = re.search(r'<article class="term" id="B5">.*?</article>', html_en, re.S)
    assert article is not None
    for lang in LANGUAGES:
        assert f'<li lang="{lang}">' in article.group(0)
    assert 'class="definition"' in article.group(0)
    assert "ISO 37106:2021, 6.7" in article.group(0)


def test_html_lists_concept_schemes_with_concepts(html_en: str, served: Graph) -> None:
    assert 'id="concept-schemes"' in html_en
    for scheme in served.subjects(RDF.type, SKOS.ConceptScheme):
        assert f'id="{str(scheme)[len(str(CITYREF)) :]}"' in html_en


def test_lang_parameter_picks_the_display_language(client: TestClient, served: Graph) -> None:
    german = client.get("/ontology/city-data?format=html&lang=de").text
    label = next(str(v) for v in served.objects(CITYREF.InteroperabilityNeed, RDFS.label) if v.language == "de")
    assert '<html lang="de">' in german
    assert f"<h3>{label}" in german


def test_unknown_lang_falls_back_to_english(client: TestClient) -> None:
    response = client.get("/ontology/core?format=html&lang=xx")
    assert response.status_code == 200 and '<html lang="en">' in response.text


def test_unknown_module_is_404_listing_known_ones(client: TestClient) -> None:
    response = client.get("/ontology/no-such-module")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert {"core", "cityref", "city-data"} <= set(response.json()["known"])


def test_unservable_media_type_is_406(client: TestClient) -> None:
    response = client.get("/ontology", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.json()["code"] == "not-acceptable"


def test_unknown_format_parameter_is_406(client: TestClient) -> None:
    assert client.get("/ontology?format=yaml").status_code == 406
