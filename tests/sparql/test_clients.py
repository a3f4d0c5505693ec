"""Off-the-shelf SPARQL clients work against a real uvicorn server, unchanged: SPARQLWrapper and rdflib's
SPARQLStore / SPARQLUpdateStore."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper
from tests.sparql.conftest import KEY, LiveServer

from cityref.store import ONTOLOGY_GRAPH

NOTATIONS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?c ?n WHERE { ?c skos:notation ?n FILTER (?n IN ("B5", "C1")) } ORDER BY ?n"""


def test_sparqlwrapper_json_xml_and_construct(live_server: LiveServer) -> None:
    wrapper = SPARQLWrapper(live_server.url + "/sparql")
    wrapper.setQuery(NOTATIONS)
    wrapper.setReturnFormat(JSON)
    rows = wrapper.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert [r["n"]["value"] for r in rows] == ["B5", "C1"]

    wrapper.setReturnFormat(XML)
    document = wrapper.queryAndConvert()
    assert len(document.getElementsByTagName("result")) == 2  # type: ignore[union-attr]

    wrapper.setMethod(POST)
    b5 = "<https://w3id.org/cityref/def/B5>"
    wrapper.setQuery(f"CONSTRUCT {{ {b5} ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ {b5} ?p ?o }} }}")
    wrapper.setReturnFormat(TURTLE)
    turtle = wrapper.queryAndConvert()
    graph = Graph().parse(data=turtle, format="turtle")
    assert len(graph) > 5


def test_rdflib_sparqlstore_reads(live_server: LiveServer) -> None:
    store = SPARQLStore(live_server.url + "/sparql", returnFormat="xml")
    graph = Graph(store=store)
    rows = list(graph.query(NOTATIONS))
    assert [str(row[1]) for row in rows] == ["B5", "C1"]  # type: ignore[index]
    b5 = URIRef("https://w3id.org/cityref/def/B5")
    labels = list(graph.triples((b5, URIRef("http://www.w3.org/2004/02/skos/core#notation"), None)))
    assert labels and labels[0][2] == Literal("B5")
    store.close()


def test_rdflib_sparqlupdatestore_writes_with_the_key(live_server: LiveServer) -> None:
    endpoint = live_server.url + "/sparql"
    store = SPARQLUpdateStore(endpoint, endpoint, headers={"Authorization": f"Bearer {KEY}"}, autocommit=True)
    graph = Graph(store=store, identifier=URIRef("http://example.org/clients/g"))
    triple = (URIRef("http://example.org/a"), URIRef("http://example.org/p"), Literal("written"))
    graph.add(triple)
    assert triple in graph
    store.close()
