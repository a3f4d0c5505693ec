"""Exampleton exercises every practice of the operating model (B1 to B14, C1 to C3), and every governance structure.

Two counts by SPARQL, each per practice: the terms Exampleton uses (a class it has an instance of, a property it
uses) that say ``cityref:servesPractice`` that practice; and the work items (initiatives, systems, services that
``cityref:advances`` it, governance bodies that ``cityref:leadsPractice`` it) that take it on. A practice with a zero
count is named in the failure.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from cityref.ontology import qa
from cityref.ontology.model import CITYREF, ONTOLOGY_BASE

ONTOLOGY = "urn:cityref:test:ontology"
CITY = "urn:cityref:test:city"
GOVERNANCE = URIRef(ONTOLOGY_BASE + "governance")
PRACTICES = [f"B{n}" for n in range(1, 15)] + ["C1", "C2", "C3"]

PREFIXES = f"""
PREFIX cityref: <{CITYREF}>
PREFIX rdf: <{RDF}>
PREFIX skos: <{SKOS}>
"""

SERVED_BY_USED_TERMS = (
    PREFIXES
    + f"""
SELECT ?notation (COUNT(DISTINCT ?term) AS ?terms) WHERE {{
  GRAPH <{ONTOLOGY}> {{ ?practice a cityref:Practice ; skos:notation ?notation }}
  OPTIONAL {{
    GRAPH <{ONTOLOGY}> {{ ?term cityref:servesPractice ?practice }}
    {{ GRAPH <{CITY}> {{ ?thing rdf:type ?term }} }} UNION {{ GRAPH <{CITY}> {{ ?thing ?term ?value }} }}
  }}
}}
GROUP BY ?notation
"""
)

TAKEN_ON_BY_WORK = (
    PREFIXES
    + f"""
SELECT ?notation (COUNT(DISTINCT ?work) AS ?items) WHERE {{
  GRAPH <{ONTOLOGY}> {{ ?practice a cityref:Practice ; skos:notation ?notation }}
  OPTIONAL {{ GRAPH <{CITY}> {{ ?work cityref:advances|cityref:leadsPractice ?practice }} }}
}}
GROUP BY ?notation
"""
)


def _store(merged: Graph, city: Graph) -> ox.Store:
    store = ox.Store()
    for graph, name in ((merged, ONTOLOGY), (city, CITY)):
        data = graph.serialize(format="nt", encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    return store


def _counts(store: ox.Store, query: str) -> dict[str, int]:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return {row[0].value: int(row[1].value) for row in result}


def _not_exercised(store: ox.Store, query: str) -> list[str]:
    counts = _counts(store, query)
    assert sorted(counts) == sorted(PRACTICES), "the ontology must hold the 17 practices B1-B14, C1-C3"
    return [p for p in PRACTICES if counts[p] == 0]


@pytest.fixture(scope="module")
def store(merged: Graph, exampleton: Graph) -> ox.Store:
    return _store(merged, exampleton)


def test_every_practice_is_served_by_a_term_exampleton_uses(store: ox.Store) -> None:
    missing = _not_exercised(store, SERVED_BY_USED_TERMS)
    assert missing == [], f"Exampleton uses no term that serves {', '.join(missing)}"


def test_every_practice_is_advanced_or_led_in_exampleton(store: ox.Store) -> None:
    missing = _not_exercised(store, TAKEN_ON_BY_WORK)
    assert missing == [], f"no initiative, system, service or governance body of Exampleton takes on {missing}"


def _without_terms_serving(merged: Graph, city: Graph, practice: str) -> Graph:
    """A copy of ``city`` from which every use of a term serving ``practice`` is gone."""
    terms = set(merged.subjects(CITYREF.servesPractice, CITYREF[practice]))
    damaged = Graph()
    for s, p, o in city:
        if p in terms or (p == RDF.type and o in terms):
            continue
        damaged.add((s, p, o))
    return damaged


@pytest.mark.parametrize("practice", ["B3", "B6", "C3"])
def test_a_practice_whose_terms_are_unused_is_named(merged: Graph, exampleton: Graph, practice: str) -> None:
    damaged = _store(merged, _without_terms_serving(merged, exampleton, practice))
    assert _not_exercised(damaged, SERVED_BY_USED_TERMS) == [practice]


@pytest.mark.parametrize("practice", ["B1", "B4", "C2"])
def test_a_practice_nobody_takes_on_is_named(merged: Graph, exampleton: Graph, practice: str) -> None:
    damaged = Graph()
    damaged += exampleton
    damaged.remove((None, CITYREF.advances, CITYREF[practice]))
    damaged.remove((None, CITYREF.leadsPractice, CITYREF[practice]))
    assert _not_exercised(_store(merged, damaged), TAKEN_ON_BY_WORK) == [practice]


# ---------------------------------------------------------------- the governance module


def _governance_terms(merged: Graph, *kinds: URIRef) -> set[URIRef]:
    return {
        t
        for kind in kinds
        for t in merged.subjects(RDF.type, kind)
        if isinstance(t, URIRef) and (t, RDFS.isDefinedBy, GOVERNANCE) in merged
    }


def test_governance_terms_serve_practices(merged: Graph, merged_store_copy: ox.Store) -> None:
    """The QA rule on servesPractice covers the governance module, and its terms pass it."""
    terms = _governance_terms(merged, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    assert len(terms) >= 10
    practices = set(merged.subjects(RDF.type, CITYREF.Practice))
    assert sorted(str(t) for t in terms if not set(merged.objects(t, CITYREF.servesPractice)) & practices) == []
    rule = next(r for r in qa.rule_queries() if r.name == "city-data-term-without-practice")
    assert qa.violations(merged_store_copy, rule) == []
    merged_store_copy.update(f"DELETE WHERE {{ <{CITYREF.leadsPractice}> <{CITYREF.servesPractice}> ?p }}")
    assert qa.violations(merged_store_copy, rule) == [{"term": str(CITYREF.leadsPractice)}]


def test_exampleton_uses_every_governance_structure(merged: Graph, exampleton: Graph) -> None:
    classes = _governance_terms(merged, OWL.Class)
    properties = _governance_terms(merged, OWL.ObjectProperty, OWL.DatatypeProperty)
    roles = _governance_terms(merged, CITYREF.GovernanceRole)
    assert classes and properties and len(roles) == 5
    org_role = URIRef("http://www.w3.org/ns/org#role")
    unused = sorted(str(c) for c in classes if c != CITYREF.GovernanceRole and (None, RDF.type, c) not in exampleton)
    unused += sorted(str(p) for p in properties if (None, p, None) not in exampleton)
    unused += sorted(str(r) for r in roles if (None, org_role, r) not in exampleton)
    assert unused == []


def test_exampleton_has_a_body_with_seats_from_several_organisations(exampleton: Graph) -> None:
    """Matrix management across public-service boundaries: a cross-boundary body whose seats are held by at least
    three distinct organisations, and a team post that reports along two lines."""
    store = qa.store_of(exampleton)
    rows = store.query(
        PREFIXES
        + """PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?body (COUNT(DISTINCT ?member) AS ?organisations) WHERE {
          ?body a cityref:CrossBoundaryBody .
          ?seat org:organization ?body ; org:member ?member .
          ?member a cityref:Organisation .
        } GROUP BY ?body HAVING (COUNT(DISTINCT ?member) >= 3)"""
    )
    assert isinstance(rows, ox.QuerySolutions) and len(list(rows)) >= 1
    matrix = store.query(
        PREFIXES
        + """PREFIX org: <http://www.w3.org/ns/org#>
        ASK {
          ?post org:postIn ?team ; cityref:homeOrganisation ?home ; org:reportsTo ?inTeam , ?atHome .
          ?team a cityref:CrossBoundaryTeam .
          ?inTeam org:postIn ?team .
          ?atHome org:postIn ?home .
        }"""
    )
    assert isinstance(matrix, ox.QueryBoolean) and bool(matrix)
