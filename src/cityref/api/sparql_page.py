"""What ``GET /sparql`` without a query answers: the service description (RDF) or a plain query page (HTML).

The description follows the SPARQL 1.1 Service Description vocabulary, with VoID triple counts for the default
graph and each named graph, so a client learns what the dataset holds before asking.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, VOID, XSD

from cityref import templates
from cityref.api.ui import UI
from cityref.sparql import canned
from cityref.store.base import GraphInfo

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV")
_GRAPH_FORMATS = ("Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(endpoint: str, graphs: list[GraphInfo], *, union: bool, federated: bool = False) -> Graph:
    """The ``sd:Service`` for ``endpoint`` with its default dataset and the size of every graph; ``federated``
    (some SERVICE host is allow-listed) is the only case where the description may claim federated query."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    g.bind("formats", FORMATS)
    service = BNode()
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    for language in (SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update):
        g.add((service, SD.supportedLanguage, language))
    for name in (*_RESULT_FORMATS, *_GRAPH_FORMATS):
        g.add((service, SD.resultFormat, FORMATS[name]))
    if federated:
        g.add((service, SD.feature, SD.BasicFederatedQuery))
    if union:
        g.add((service, SD.feature, SD.UnionDefaultGraph))
    dataset = BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    total = sum(info.triples for info in graphs)
    default = BNode()
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    default_size = total if union else next((i.triples for i in graphs if i.iri is None), 0)
    g.add((default, VOID.triples, Literal(default_size, datatype=XSD.integer)))
    for info in graphs:
        if info.iri is None:
            continue
        named, inner = BNode(), BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(info.iri)))
        g.add((named, SD.graph, inner))
        g.add((inner, RDF.type, SD.Graph))
        g.add((inner, VOID.triples, Literal(info.triples, datatype=XSD.integer)))
    return g


_EXAMPLE = """SELECT ?subcomponent ?label WHERE {
  ?subcomponent skos:notation ?notation ; skos:prefLabel ?label .
  FILTER (lang(?label) = "{lang}")
} ORDER BY ?notation LIMIT 20"""


def prologue(prefixes: dict[str, str]) -> str:
    """``PREFIX`` lines for the ontology's own prefixes, ``cityref`` first, so a new query can use any of them.

    >>> prologue({"skos": "http://www.w3.org/2004/02/skos/core#", "cityref": "https://w3id.org/cityref/def/"})
    'PREFIX cityref: <https://w3id.org/cityref/def/>\\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\\n'
    """
    ordered = sorted(prefixes.items(), key=lambda item: (item[0] != "cityref", item[0]))
    return "".join(f"PREFIX {name}: <{namespace}>\n" for name, namespace in ordered)


def render(endpoint: str, ui: UI, prefixes: dict[str, str], query: str | None = None) -> str:
    """The query workbench: the editor (with ``query`` in it, run at once, or the prefixes and an example), the
    results region and the canned queries. Without JavaScript the form still sends the query with GET."""
    text = query if query is not None else prologue(prefixes) + _EXAMPLE.replace("{lang}", ui.lang)
    return templates.render(
        "sparql.html",
        ui.lang,
        ui=ui,
        endpoint=endpoint,
        query=text,
        autorun=query is not None,
        prefixes=prefixes,
        canned=list(canned.catalogue().values()),
    )
