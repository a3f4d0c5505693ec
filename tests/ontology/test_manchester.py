"""Class expressions and data ranges written out in Manchester syntax: each OWL construct the renderer knows, on a
small test ontology, and the documentation page of the shipped ontology with none left as a placeholder."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, URIRef

from cityref.api.ui import UI
from cityref.ontology import manchester
from cityref.ontology.doc import document, render_html

SNIPPET = """@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix : <urn:t:> .
:union :is [ a owl:Class ; owl:unionOf ( :A :B :C ) ] .
:intersection :is [ a owl:Class ; owl:intersectionOf ( :A [ a owl:Class ; owl:unionOf ( :B :C ) ] ) ] .
:complement :is [ a owl:Class ; owl:complementOf :A ] .
:some :is [ a owl:Restriction ; owl:onProperty :p ; owl:someValuesFrom :A ] .
:only :is [ a owl:Restriction ; owl:onProperty :p ; owl:allValuesFrom [ owl:complementOf :B ] ] .
:value :is [ a owl:Restriction ; owl:onProperty :p ; owl:hasValue :x ] .
:self :is [ a owl:Restriction ; owl:onProperty :p ; owl:hasSelf true ] .
:exactly :is [ a owl:Restriction ; owl:onProperty :p ; owl:cardinality "2"^^xsd:nonNegativeInteger ] .
:min :is [ a owl:Restriction ; owl:onProperty :p ; owl:minCardinality "1"^^xsd:nonNegativeInteger ] .
:max :is [ a owl:Restriction ; owl:onProperty :p ; owl:maxCardinality "3"^^xsd:nonNegativeInteger ] .
:qexactly :is [ a owl:Restriction ; owl:onProperty :p ; owl:qualifiedCardinality "1"^^xsd:nonNegativeInteger ;
    owl:onClass :A ] .
:qmin :is [ a owl:Restriction ; owl:onProperty :p ; owl:minQualifiedCardinality "1"^^xsd:nonNegativeInteger ;
    owl:onClass [ owl:unionOf ( :A :B ) ] ] .
:qmax :is [ a owl:Restriction ; owl:onProperty :d ; owl:maxQualifiedCardinality "1"^^xsd:nonNegativeInteger ;
    owl:onDataRange xsd:integer ] .
:range :is [ a rdfs:Datatype ; owl:onDatatype xsd:integer ;
    owl:withRestrictions ( [ xsd:minInclusive 1 ] [ xsd:maxInclusive 5 ] ) ] .
:exclusive :is [ a rdfs:Datatype ; owl:onDatatype xsd:decimal ;
    owl:withRestrictions ( [ xsd:minExclusive 0.5 ] [ xsd:maxLength 4 ] ) ] .
:pattern :is [ a rdfs:Datatype ; owl:onDatatype xsd:string ; owl:withRestrictions ( [ xsd:pattern "B[0-9]+" ] ) ] .
:oneOf :is [ a owl:Class ; owl:oneOf ( :x :y ) ] .
:literals :is [ a rdfs:Datatype ; owl:oneOf ( "a" "b"@en 3 ) ] .
:notData :is [ a rdfs:Datatype ; owl:datatypeComplementOf xsd:string ] .
:inverse :is [ a owl:Restriction ; owl:onProperty [ owl:inverseOf :p ] ; owl:someValuesFrom :A ] .
:chain :is ( [ owl:inverseOf :p ] :q ) .
:nested :is [ owl:intersectionOf ( [ owl:onProperty :p ; owl:someValuesFrom [ owl:onProperty :q ;
    owl:allValuesFrom :A ] ] :B ) ] .
"""
EXPECTED = {
    "union": "A or B or C",
    "intersection": "A and (B or C)",
    "complement": "not A",
    "some": "p some A",
    "only": "p only (not B)",
    "value": "p value x",
    "self": "p Self",
    "exactly": "p exactly 2",
    "min": "p min 1",
    "max": "p max 3",
    "qexactly": "p exactly 1 A",
    "qmin": "p min 1 (A or B)",
    "qmax": "d max 1 integer",
    "range": "integer[>= 1, <= 5]",
    "exclusive": "decimal[> 0.5, maxLength 4]",
    "pattern": 'string[pattern "B[0-9]+"]',
    "oneOf": "{x, y}",
    "literals": '{"a", "b"@en, 3}',
    "notData": "not string",
    "inverse": "(inverse p) some A",
    "chain": "(inverse p) o q",
    "nested": "(p some (q only A)) and B",
}


def short(iri: str) -> str:
    return re.split(r"[:#]", iri)[-1]


@pytest.fixture(scope="module")
def snippet() -> Graph:
    return Graph().parse(data=SNIPPET, format="turtle")


@pytest.mark.parametrize("construct", list(EXPECTED))
def test_each_construct_is_written_out(snippet: Graph, construct: str) -> None:
    node = snippet.value(URIRef("urn:t:" + construct), URIRef("urn:t:is"))
    assert node is not None
    assert manchester.text(snippet, node, short) == EXPECTED[construct]


def test_named_terms_carry_their_iri_and_keywords_do_not(snippet: Graph) -> None:
    node = snippet.value(URIRef("urn:t:qmin"), URIRef("urn:t:is"))
    pieces = manchester.pieces(snippet, node, short)
    assert [p.iri for p in pieces if p.iri] == ["urn:t:p", "urn:t:A", "urn:t:B"]
    assert all(p.iri is None for p in pieces if p.text.strip() in ("min 1", "or", "(", ")"))


def test_a_cycle_of_blank_nodes_is_cut_short() -> None:
    graph = Graph().parse(
        data="@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix : <urn:t:> . "
        ":s :is _:a . _:a owl:complementOf _:b . _:b owl:complementOf _:a .",
        format="turtle",
    )
    written = manchester.text(graph, graph.value(URIRef("urn:t:s"), URIRef("urn:t:is")), short)
    assert written.startswith("not (not (not") and written.rstrip(")").endswith("…")


def test_the_documentation_shows_expressions_with_our_labels_linked() -> None:
    ttl = """@prefix cityref: <https://w3id.org/cityref/def/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    cityref:Thing a owl:Class ; rdfs:label "thing"@en ; rdfs:subClassOf [ a owl:Restriction ;
        owl:onProperty cityref:hasPart ; owl:minQualifiedCardinality "1"^^xsd:nonNegativeInteger ;
        owl:onClass [ a owl:Class ; owl:unionOf ( cityref:Part cityref:Other ) ] ] .
    cityref:hasPart a owl:ObjectProperty ; rdfs:label "has part"@en .
    cityref:Part a owl:Class ; rdfs:label "part"@en . cityref:Other a owl:Class ; rdfs:label "other"@en ."""
    graph = Graph().parse(data=ttl, format="turtle")
    html = render_html(document(graph, href=lambda iri: "#" + iri.rsplit("/", 1)[-1]), UI(section="model"), formats=[])
    assert "(anonymous class expression)" not in html
    assert (
        '<code class="manchester"><a href="#hasPart">&#39;has part&#39;</a> min 1 '
        '(<a href="#Part">part</a> or <a href="#Other">other</a>)</code>'
    ) in html


def test_the_docstring_examples_run() -> None:
    import doctest

    from cityref.terms import browse

    for module in (manchester, browse):
        failures, tried = doctest.testmod(module)
        assert tried > 0 and failures == 0, module.__name__
