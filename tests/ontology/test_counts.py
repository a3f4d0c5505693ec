"""The required numbers, counted by SPARQL over the merged ontology (queries/qa/counts/*.rq)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from cityref.ontology import qa

COUNTS = qa.count_queries()
REQUIRED = {
    "components": ("=", 4),
    "process-groups": ("=", 3),
    "subcomponents-b": ("=", 14),
    "subcomponents-c": ("=", 3),
    "sustainability-purposes": ("=", 6),
    "sustainability-issues": ("=", 12),
    # The Austin maturity model as its source gives it: four dimensions (the fifth of 0.1.0 is deprecated), four
    # stages, four by four cells, five aspects described at every stage, six building blocks, the intent's values.
    "maturity-dimensions": ("=", 4),
    "maturity-stages": ("=", 4),
    "maturity-cells": ("=", 16),
    "maturity-grid": ("=", 16),
    "maturity-aspects": ("=", 5),
    "maturity-stage-aspects": ("=", 20),
    "maturity-stage-aspect-grid": ("=", 20),
    "maturity-building-blocks": ("=", 6),
    "maturity-intent-values": ("=", 3),
    "maturity-intent-means": ("=", 4),
    "maturity-terms-without-five-definitions": ("=", 0),
    "maturity-duplicate-labels": ("=", 0),
    "maturity-interpretations-unmarked": ("=", 0),
    "iot-principles": ("=", 5),
    "delivery-principles": (">=", 10),
    "key-risks": (">=", 10),
    "unmitigated-key-risks": ("=", 0),
    "weakly-linked-subcomponents": ("=", 0),
    "terms-without-five-languages": ("=", 0),
    "place-kinds": ("=", 5),
}


def test_required_counts_are_all_there() -> None:
    """The issue's numbers are fixed here, so that editing a query's header cannot loosen them."""
    expectations = {q.name: q.expect for q in COUNTS}
    for name, expected in REQUIRED.items():
        assert expectations.get(name) == expected, name


@pytest.mark.parametrize("query", COUNTS, ids=lambda q: q.name)
def test_count(query: qa.QaQuery, qa_store: ox.Store) -> None:
    value = qa.count(qa_store, query)
    assert query.expectation_met(value), f"{query.name}: {value}, expected {query.expect}"


def test_count_detects_a_missing_term(merged_store_copy: ox.Store) -> None:
    merged_store_copy.update(
        "DELETE WHERE { <https://w3id.org/cityref/def/component-D> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?type }"
    )
    query = next(q for q in COUNTS if q.name == "components")
    assert not query.expectation_met(qa.count(merged_store_copy, query))


def test_expect_header_is_read(tmp_path: Path) -> None:
    (tmp_path / "x.rq").write_text("# title: X\n# expect: >= 10\nSELECT (1 AS ?n) {}\n")
    (query,) = qa.count_queries(tmp_path)
    assert query.title == "X" and query.expect == (">=", 10)
    assert query.expectation_met(10) and not query.expectation_met(9)


MATURITY_SEEDS = {
    # reviving the fifth dimension of 0.1.0 makes five again
    "maturity-dimensions": "DELETE WHERE { cityref:maturity-dimension-problem-solving owl:deprecated ?d }",
    # a cell of a dimension in use retired without a successor leaves a hole in the grid
    "maturity-grid": "INSERT DATA { cityref:maturity-cell-lead-collaboratively-3 owl:deprecated true }",
    "maturity-building-blocks": "DELETE WHERE { cityref:building-block-policy a ?type }",
    "maturity-stage-aspect-grid": (
        "DELETE { ?d skos:definition ?text } WHERE { ?d cityref:describedStage cityref:maturity-stage-3 ;"
        " cityref:describedAspect cityref:maturity-aspect-data ; skos:definition ?text }"
    ),
    "maturity-intent-means": (
        "DELETE WHERE { cityref:strategic-intent-austin cityref:pursuedThrough"
        " cityref:maturity-dimension-lead-collaboratively }"
    ),
    "maturity-terms-without-five-definitions": (
        "DELETE { cityref:maturity-cell-problem-solving-4 skos:definition ?d } WHERE {"
        ' cityref:maturity-cell-problem-solving-4 skos:definition ?d FILTER (LANG(?d) = "it") }'
    ),
    "maturity-duplicate-labels": (
        'INSERT DATA { cityref:building-block-teams skos:altLabel "Teams and governance"@en }'
    ),
    "maturity-interpretations-unmarked": "DELETE WHERE { cityref:maturity-stage-2 cityref:isInterpretation ?f }",
}


@pytest.mark.parametrize("name", sorted(MATURITY_SEEDS))
def test_maturity_count_detects_a_departure_from_the_source(name: str, merged_store_copy: ox.Store) -> None:
    query = next(q for q in COUNTS if q.name == name)
    merged_store_copy.update(
        "PREFIX cityref: <https://w3id.org/cityref/def/>\n"
        "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n" + MATURITY_SEEDS[name]
    )
    assert not query.expectation_met(qa.count(merged_store_copy, query)), name
