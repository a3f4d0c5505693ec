"""The documentation page model: built from the graph, labels in the chosen language with English fallback."""

from __future__ import annotations

from rdflib import Graph

from cityref.api.ui import UI
from cityref.i18n import UI_LANGUAGES
from cityref.ontology.doc import document, render_html

TTL = """@prefix cityref: <https://w3id.org/cityref/def/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://w3id.org/cityref/ontology/cityref> a owl:Ontology ; dct:title "Test <model>"@en ; owl:versionInfo "9.9" .
cityref:Thing a owl:Class ; rdfs:label "thing"@en, "chose"@fr ; skos:definition "A thing."@en ;
    dct:source "Nowhere, 1.2" ; rdfs:subClassOf cityref:Other .
cityref:Other a owl:Class ; rdfs:label "other"@en .
cityref:scheme-x a skos:ConceptScheme ; skos:prefLabel "scheme"@en .
cityref:B10 a skos:Concept ; skos:notation "B10" ; skos:inScheme cityref:scheme-x ; skos:prefLabel "ten"@en .
cityref:B2 a skos:Concept ; skos:notation "B2" ; skos:inScheme cityref:scheme-x ; skos:prefLabel "two"@en .
"""


def page(lang: str) -> str:
    graph = Graph().parse(data=TTL, format="turtle")
    ui = UI(lang=lang if lang in UI_LANGUAGES else "en", section="model")
    return render_html(document(graph, lang=lang, href=lambda iri: "#" + iri.rsplit("/", 1)[-1]), ui, formats=[])


def test_sections_and_order() -> None:
    doc = document(Graph().parse(data=TTL, format="turtle"))
    classes = dict((a, ts) for a, _, ts in doc.sections)["classes"]
    assert [t.anchor for t in classes] == ["Other", "Thing"]
    (scheme,) = doc.schemes
    assert [c.notation for c in scheme.concepts] == ["B2", "B10"]  # natural order, not B10 before B2
    assert doc.version == "9.9"


def test_language_choice_and_fallback() -> None:
    french = page("fr")
    assert "<h3>chose" in french and "<h3>other" in french  # no French label for Other: English shown
    assert '<html lang="fr">' in french


def test_term_fields_and_escaping() -> None:
    html = page("en")
    assert 'id="Thing"' in html and "A thing." in html and "Nowhere, 1.2" in html
    assert '<a href="#Other">other</a>' in html  # subClassOf rendered as a link to the other term's anchor
    assert "Test &lt;model&gt;" in html
