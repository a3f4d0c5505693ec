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
    "maturity-cells": ("=", 20),
    "maturity-grid": ("=", 20),
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
