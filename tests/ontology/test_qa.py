"""Each quality rule (queries/qa/*.rq) finds nothing in the shipped ontology, and does find a violation seeded
into a copy of it: a rule that can never fire would pass forever and guard nothing."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from cityref.ontology import qa

RULES = qa.rule_queries()
PREFIXES = """PREFIX cityref: <https://w3id.org/cityref/def/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
"""

# rule name -> (SPARQL Update that breaks the rule, text the reported rows must mention)
SEEDS: dict[str, tuple[str, str]] = {
    "city-data-term-without-practice": ("DELETE WHERE { cityref:eifLayer cityref:servesPractice ?p }", "eifLayer"),
    "class-without-is-defined-by": (
        "DELETE WHERE { cityref:InteroperabilityNeed rdfs:isDefinedBy ?m }",
        "InteroperabilityNeed",
    ),
    "concept-without-scheme": (
        "DELETE WHERE { cityref:B5 skos:inScheme ?s } ;DELETE WHERE { cityref:B5 skos:topConceptOf ?t }",
        "/B5",
    ),
    "deprecated-without-replacement": ("INSERT DATA { cityref:B5 owl:deprecated true }", "/B5"),
    "duplicate-notation": ('INSERT DATA { cityref:B6 skos:notation "B5" }', "notation=B5"),
    "duplicate-label-in-language": (
        "DELETE { cityref:term-resilience skos:prefLabel ?old }"
        ' INSERT { cityref:term-resilience skos:prefLabel "Resilience"@en } WHERE {'
        ' cityref:term-resilience skos:prefLabel ?old FILTER (LANG(?old) = "en") }',
        "term-resilience",
    ),
    "duplicate-pref-label": (
        "DELETE { cityref:B6 skos:prefLabel ?old } INSERT { cityref:B6 skos:prefLabel ?new } WHERE {"
        ' cityref:B6 skos:prefLabel ?old FILTER (LANG(?old) = "en")'
        ' cityref:B5 skos:prefLabel ?five FILTER (LANG(?five) = "en")'
        ' BIND (STRLANG(UCASE(STR(?five)), "en") AS ?new) }',
        "/B6",
    ),
    "hierarchy-one-way": ("DELETE DATA { cityref:group-strategy-management skos:narrower cityref:B5 }", "/B5"),
    "incomplete-linkage": ("DELETE WHERE { cityref:linkage-B1-B3 cityref:linkageReason ?r }", "linkage-B1-B3"),
    "interpretation-not-flagged": (
        "DELETE WHERE { cityref:linkage-A-B cityref:isInterpretation ?flag }",
        "linkage-A-B",
    ),
    "interpretation-without-scope-note": (
        "DELETE WHERE { cityref:key-risk-silo-working skos:scopeNote ?n }",
        "key-risk-silo-working",
    ),
    "key-risk-without-mitigation": (
        "DELETE WHERE { cityref:key-risk-silo-working cityref:mitigatedByPrinciple ?p }",
        "key-risk-silo-working",
    ),
    "maturity-cells-per-dimension": (
        "DELETE { ?cell a cityref:MaturityCell } WHERE {"
        " { SELECT ?cell WHERE { ?cell a cityref:MaturityCell } ORDER BY ?cell LIMIT 1 } }",
        "maturity-dimension-",
    ),
    "missing-definition": (  # only the Italian one: each of the five languages is required
        'DELETE { cityref:B5 skos:definition ?d } WHERE { cityref:B5 skos:definition ?d FILTER (LANG(?d) = "it") }',
        "/B5",
    ),
    "missing-is-defined-by": ("DELETE WHERE { cityref:linkage-B1-B3 rdfs:isDefinedBy ?m }", "linkage-B1-B3"),
    "missing-label": (
        'DELETE { cityref:City rdfs:label ?l } WHERE { cityref:City rdfs:label ?l FILTER (LANG(?l) = "fr") }',
        "fr",
    ),
    "missing-source": ("DELETE WHERE { cityref:dependsOn dct:source ?s }", "dependsOn"),
    "multiple-pref-labels": ('INSERT DATA { cityref:B5 skos:prefLabel "a second English label"@en }', "/B5"),
    "one-ontology-per-module": (
        "DELETE WHERE { <https://w3id.org/cityref/ontology/core> dct:license ?l }",
        "dct:license",
    ),
    "practice-without-parts": ("DELETE WHERE { cityref:B5 cityref:practiceNeed ?need }", "/B5"),
    "property-kind-clash": ("INSERT DATA { cityref:dependsOn a owl:DatatypeProperty }", "dependsOn"),
    "reused-property-kind": (
        "DELETE WHERE { skos:closeMatch a owl:ObjectProperty } ;"
        "INSERT DATA { skos:closeMatch a owl:AnnotationProperty }",
        "closeMatch",
    ),
    "subcomponent-few-linkages": ("DELETE { ?l a cityref:Linkage } WHERE { ?l cityref:linkageFrom cityref:B5 }", "/B5"),
    "top-concept-with-broader": (
        "INSERT DATA { cityref:purpose-resilience skos:broader cityref:component-A }",
        "purpose-resilience",
    ),
    "undeclared-class": ("INSERT DATA { cityref:B5 a cityref:NoSuchClass }", "NoSuchClass"),
    "undeclared-property": ('INSERT DATA { cityref:B5 cityref:noSuchProperty "x" }', "noSuchProperty"),
}


def test_there_are_rules() -> None:
    assert len(RULES) >= 10


@pytest.mark.parametrize("rule", RULES, ids=lambda q: q.name)
def test_rule_finds_nothing(rule: qa.QaQuery, qa_store: ox.Store) -> None:
    assert qa.violations(qa_store, rule) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda q: q.name)
def test_rule_catches_seeded_violation(rule: qa.QaQuery, merged_store_copy: ox.Store) -> None:
    assert rule.name in SEEDS, f"add a seeded violation for {rule.path.name} to SEEDS in {__file__}"
    update, marker = SEEDS[rule.name]
    merged_store_copy.update(PREFIXES + update)
    rows = qa.describe(qa.violations(merged_store_copy, rule))
    assert rows, f"{rule.name} did not report the seeded violation"
    assert any(marker in row for row in rows), rows


def test_seeds_name_existing_rules() -> None:
    assert set(SEEDS) <= {r.name for r in RULES}


# Further seeds for rules that look in more than one place: each place is caught on its own.
EXTRA_SEEDS = [
    # a second rdfs:label in one language, as a term declared in two modules gets
    (
        "multiple-pref-labels",
        'INSERT DATA { cityref:isInterpretation rdfs:label "project interpretation"@en }',
        "isInterpretation",
    ),
    # a practice is not an interpretation by kind: only its flag asks for the scope note
    ("interpretation-without-scope-note", "DELETE WHERE { cityref:B5 skos:scopeNote ?note }", "/B5"),
    # a defined term whose source says "worded by cityref"
    ("interpretation-not-flagged", "DELETE WHERE { cityref:term-city cityref:isInterpretation ?flag }", "term-city"),
    # a practice whose parts cityref wrote
    ("interpretation-not-flagged", "DELETE WHERE { cityref:B5 cityref:isInterpretation ?flag }", "/B5"),
    # a property whose English scope note calls its values the project's own interpretation
    (
        "interpretation-not-flagged",
        "DELETE WHERE { cityref:linkageReason cityref:isInterpretation ?flag }",
        "linkageReason",
    ),
    # a data category, an interpretation by kind
    (
        "interpretation-not-flagged",
        "DELETE WHERE { cityref:data-category-audio cityref:isInterpretation ?flag }",
        "data-category-audio",
    ),
]


@pytest.mark.parametrize(("name", "update", "marker"), EXTRA_SEEDS)
def test_rules_catch_each_seeded_kind(name: str, update: str, marker: str, merged_store_copy: ox.Store) -> None:
    rule = next(r for r in RULES if r.name == name)
    assert marker not in " ".join(qa.describe(qa.violations(merged_store_copy, rule)))
    merged_store_copy.update(PREFIXES + update)
    rows = qa.describe(qa.violations(merged_store_copy, rule))
    assert any(marker in row for row in rows), rows
