"""The structures the sample city must show, counted by SPARQL over the merged ontology plus Exampleton
(queries/qa/exampleton-counts/*.rq; the counts in queries/qa/counts/ run over the ontology alone)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph

from cityref import resources
from cityref.ontology import checks, qa

FOLDER = resources.queries_dir() / "qa" / "exampleton-counts"
COUNTS = qa.count_queries(FOLDER)
# Fixed here, so that editing a query's header cannot loosen them (issue 10: a city region with districts and
# data-sharing agreements in Exampleton).
REQUIRED = {
    "city-region-with-districts": ("=", 1),
    "districts-in-city-region": ("=", 3),
    "data-sharing-agreements": (">=", 2),
    "procurement-contracts": (">=", 1),
    "coverage-observations": (">=", 1),
    "digital-maturity-indicators": (">=", 1),
    # issue 12: two dated practice adoption assessments, each covering every practice and principle
    "practice-adoption-assessments": (">=", 2),
}
CITYREF = "https://w3id.org/cityref/def/"
EX = "https://exampleton.example/id/"


@pytest.fixture(scope="module")
def city_store(merged: Graph, exampleton: Graph) -> ox.Store:
    return qa.store_of(merged, exampleton)


def _query(name: str) -> qa.QaQuery:
    return next(q for q in COUNTS if q.name == name)


def test_required_counts_are_all_there() -> None:
    assert {q.name: q.expect for q in COUNTS} == REQUIRED


@pytest.mark.parametrize("query", COUNTS, ids=lambda q: q.name)
def test_count_over_exampleton(query: qa.QaQuery, city_store: ox.Store) -> None:
    value = qa.count(city_store, query)
    assert query.expectation_met(value), f"{query.name}: {value}, expected {query.expect}"


def test_counts_do_not_hold_over_the_ontology_alone(qa_store: ox.Store) -> None:
    """The ontology holds no city: every one of these counts comes from the sample city's data."""
    assert all(qa.count(qa_store, q) == 0 for q in COUNTS)


def test_a_district_cut_off_from_its_city_is_not_counted(merged: Graph, exampleton: Graph) -> None:
    store = qa.store_of(merged, exampleton)
    query = _query("districts-in-city-region")
    before = qa.count(store, query)
    store.update(f"DELETE WHERE {{ <{EX}district-northfield> <{CITYREF}partOfPlace> ?whole }}")
    assert qa.count(store, query) == before - 1
    store.update(f"DELETE WHERE {{ <{EX}exampleton> <{CITYREF}partOfPlace> ?region }}")
    assert qa.count(store, query) == 0
    assert not _query("city-region-with-districts").expectation_met(
        qa.count(store, _query("city-region-with-districts"))
    )


def test_an_agreement_with_one_party_is_not_counted(merged: Graph, exampleton: Graph) -> None:
    store = qa.store_of(merged, exampleton)
    query = _query("data-sharing-agreements")
    before = qa.count(store, query)
    store.update(
        f"DELETE {{ ?a <{CITYREF}dataRecipient> ?r }} INSERT {{ ?a <{CITYREF}dataRecipient> ?p }} WHERE {{"
        f" ?a a <{CITYREF}DataSharingAgreement> ; <{CITYREF}dataProvider> ?p ; <{CITYREF}dataRecipient> ?r }}"
    )
    assert before >= 2 and qa.count(store, query) == 0


def test_check_counts_the_sample_city() -> None:
    """``cityref check`` runs these counts over the shipped Exampleton; a sample-city folder given explicitly is
    treated as another city, for which they would not hold, so they are left out."""
    report = checks.run_checks(reason=False, owlapi=False)  # the counts need neither Java check
    city = {r.name: r.status for r in report.results if r.name.startswith("count:exampleton:")}
    assert city == {f"count:exampleton:{name}": "pass" for name in REQUIRED}
    other = checks.run_checks(examples_dir=resources.examples_dir() / "exampleton", reason=False, owlapi=False)
    assert not any(r.name.startswith("count:exampleton:") for r in other.results)
