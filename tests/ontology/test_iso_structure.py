"""The ISO 37106 structure as the public preview gives it: the four-part pattern of every subcomponent and of
components A and D (with the headings the table of contents uses), the linkages of A and D, the aims of the
introduction and the Annex C checklist; the IoT guidelines' own heading for its fifth principle, its three goals and
its six values; and the interpretations named in issue 10 flagged and sourced as ours."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

C = Namespace("https://w3id.org/cityref/def/")
DCT_SOURCE = URIRef("http://purl.org/dc/terms/source")
TRUE = Literal(True)
LANGUAGES = {"en", "fr", "es", "de", "it"}

# clause of each part, as the table of contents of ISO 37106:2021 numbers and heads it
PATTERN = {
    "component-A": ("5", "The need", "Recommendations"),
    "B1": ("6.3", "The need", "Recommendations"),
    "B2": ("6.4", "The need", "Recommendations"),
    "B3": ("6.5", "Rationale", "Recommendation"),
    "B4": ("6.6", "Rationale", "Recommendations"),
    "B5": ("6.7", "The need", "Recommendation"),
    "B6": ("6.8", "The need", "Recommendations"),
    "B7": ("6.9", "The need", "Recommendations"),
    "B8": ("6.11", "The need", "Recommendation"),
    "B9": ("6.12", "The need", "Recommendation"),
    "B10": ("6.13", "The need", "Recommendation"),
    "B11": ("6.14", "The need", "Recommendation"),
    "B12": ("6.16", "The need", "Recommendation"),
    "B13": ("6.17", "The need", "Recommendation"),
    "B14": ("6.18", "The need", "Recommendation"),
    "C1": ("7.2", "The need", "Recommendations"),
    "C2": ("7.3", "The need", "Recommendations"),
    "C3": ("7.4", "The need", "Recommendation"),
    "component-D": ("8", "The need", "Recommendation"),
}


def english(graph: Graph, term: URIRef, prop: URIRef = SKOS.prefLabel) -> str:
    return next(str(v) for v in graph.objects(term, prop) if getattr(v, "language", None) == "en")


def flagged(graph: Graph, term: URIRef) -> bool:
    return (term, C.isInterpretation, TRUE) in graph and any(
        getattr(n, "language", None) == "en" for n in graph.objects(term, SKOS.scopeNote)
    )


def test_every_practice_and_components_a_and_d_follow_the_pattern(merged: Graph) -> None:
    practices = {p.split("/")[-1] for p in merged.subjects(RDF.type, C.Practice)}
    assert practices | {"component-A", "component-D"} == set(PATTERN)


@pytest.mark.parametrize("local", sorted(PATTERN))
def test_parts_and_their_clauses(merged: Graph, local: str) -> None:
    term = C[local]
    clause, need, recommendations = PATTERN[local]
    expected = {
        C.contextClause: f"ISO 37106:2021, {clause}.1 (Context)",
        C.needClause: f"ISO 37106:2021, {clause}.2 ({need})",
        C.recommendationsClause: f"ISO 37106:2021, {clause}.3 ({recommendations})",
        C.linkagesClause: f"ISO 37106:2021, {clause}.4 (Linkages)",
    }
    for prop, value in expected.items():
        assert [str(v) for v in merged.objects(term, prop)] == [value], (local, prop)
    for prop in (C.practiceContext, C.practiceNeed, C.practiceRecommendations):
        assert {getattr(v, "language", None) for v in merged.objects(term, prop)} == LANGUAGES, (local, prop)
    assert flagged(merged, term), "the preview gives only headings, so the parts are ours"


def test_components_a_and_d_have_linkages_of_their_own(merged: Graph) -> None:
    for source, targets in {"A": {"B", "C"}, "D": {"A", "B", "C"}}.items():
        component = C[f"component-{source}"]
        linkages = set(merged.subjects(C.linkageFrom, component))
        assert {str(t).split("-")[-1] for lk in linkages for t in merged.objects(lk, C.linkageTo)} == targets
        assert {str(t).split("-")[-1] for t in merged.objects(component, C.dependsOn)} == targets
        assert all(flagged(merged, lk) for lk in linkages)


def test_the_four_aims_of_the_introduction(merged: Graph) -> None:
    aims = set(merged.subjects(SKOS.inScheme, C["scheme-operating-model-aims"]))
    assert sorted(str(merged.value(a, DCT_SOURCE)) for a in aims) == [
        f"ISO 37106:2021, Introduction, item {letter})" for letter in "abcd"
    ]
    assert all({getattr(v, "language", None) for v in merged.objects(a, SKOS.prefLabel)} == LANGUAGES for a in aims)


def test_annex_c_is_modelled_only_as_far_as_its_title(merged: Graph) -> None:
    checklist = C["checklist-key-risks"]
    assert (checklist, SKOS.broader, C["component-D"]) in merged
    assert (C["component-D"], SKOS.narrower, checklist) in merged
    assert "title only" in str(merged.value(checklist, DCT_SOURCE))
    assert not list(merged.subjects(SKOS.broader, checklist)), "the preview lists no checklist items"


def test_iot_fifth_principle_carries_the_source_heading(merged: Graph) -> None:
    principle = C["iot-principle-sustainability-operations"]
    assert english(merged, principle) == "Operations and sustainability"
    assert english(merged, principle, SKOS.altLabel) == "Operations + Sustainability"
    assert str(merged.value(principle, DCT_SOURCE)).endswith("Operations + Sustainability")


def test_iot_goals_and_values(merged: Graph) -> None:
    goals = set(merged.subjects(SKOS.inScheme, C["scheme-iot-goals"]))
    assert len(goals) == 3
    values = {english(merged, v) for v in merged.subjects(SKOS.inScheme, C["scheme-iot-values"])}
    assert values == {
        f"{v} (IoT value)" for v in ("privacy", "security", "sustainability", "resilience", "equity", "efficiency")
    }


@pytest.mark.parametrize(
    "local",
    [
        "ChannelType",
        "scheme-channel-types",
        "channel-type-digital",
        "channel-type-post",
        "channelType",
        "BenefitStage",
        "stageOrder",
        "scheme-benefit-map-stages",
        "benefit-stage-enabler",
        "likelihood",
        "impact",
        "scheme-data-categories",
        "data-category-location",
        "term-city",
        "term-resilience",
        "term-smart-city-operating-model",
    ],
)
def test_interpretations_named_in_the_issue_are_flagged_and_sourced_as_ours(merged: Graph, local: str) -> None:
    term = C[local]
    assert flagged(merged, term), local
    assert all("cityref" in str(s) for s in merged.objects(term, DCT_SOURCE)), local


def test_smart_operating_model_no_longer_cites_a_clause_that_does_not_define_it(merged: Graph) -> None:
    term = C["term-smart-city-operating-model"]
    assert [str(s) for s in merged.objects(term, DCT_SOURCE)] == [
        "ISO 37106:2021, Introduction (names a smart operating model for cities; definition worded by cityref)"
    ]
    assert english(merged, term) == "smart operating model"
