"""The gap rules over Exampleton's two assessments, through the library (the reader the routes and the CLI use):
each rule finds the gaps the sample plants, and each gap quotes the reason the model states, read here from the
ontology files with rdflib (not through the code under test), in English, in French, and in English again when the
reader's language has none."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS
from tests.cities.conftest import exampleton, model, put_city

from cityref.cities import RULES, Gap, assessments, find_city, find_gaps, store_reader
from cityref.errors import BadRequest, NotFound

C = Namespace("https://w3id.org/cityref/def/")
EX = Namespace("https://exampleton.example/id/")
LATEST, FIRST = "2026-03-02", "2025-03-03"


def read_of(client: TestClient) -> Any:
    state = client.app.state  # type: ignore[attr-defined]
    return store_reader(state.store, state.settings)


def gaps_of(client: TestClient, ident: str = "exampleton", lang: str = "en", **options: Any) -> list[Gap]:
    read = read_of(client)
    return find_gaps(read, find_city(read, ident, lang), lang, **options)


def local(iri: str | None) -> str:
    return (iri or "").rsplit("/", 1)[-1]


def pairs(gaps: list[Gap], rule: str) -> set[tuple[str, str]]:
    return {(local(g.about.iri), local(g.related.iri if g.related else None)) for g in gaps if g.rule == rule}


def status_of(city: Graph, assessment: URIRef) -> dict[URIRef, URIRef]:
    return {
        city.value(r, C.adoptionOf): city.value(r, C.adoptionStatus) for r in city.objects(assessment, C.hasAdoption)
    }


def text_in(graph: Graph, subject: object, prop: URIRef, lang: str) -> str:
    found = [str(o) for o in graph.objects(subject, prop) if isinstance(o, Literal) and o.language == lang]
    assert len(found) == 1, (subject, prop, lang)
    return found[0]


def test_assessments_are_listed_newest_first_with_both_dates(client: TestClient) -> None:
    read = read_of(client)
    found = assessments(read, find_city(read, "exampleton"), "fr")
    assert [a.day for a in found] == [LATEST, FIRST]
    for assessment in found:
        kinds = [r.kind for r in assessment.records]
        assert kinds.count("practice") == 17 and kinds.count("principle") == 13
        assert [r.subject.notation for r in assessment.records[:3]] == ["B1", "B2", "B3"]
    b9 = found[0].record_of(str(C.B9))
    assert b9 is not None and b9.rank == 3 and b9.status is not None and b9.status.label == "adoption établie"
    assert {local(e.iri) for e in b9.evidence} >= {"sys-crm", "prog-one-front-door"}


def test_prerequisite_rule_matches_the_linkages(client: TestClient) -> None:
    """Computed here from the linkages and the 2026 records: every established practice with a linked practice
    that is not established."""
    onto, city = model(), exampleton()
    status = status_of(city, EX["adoption-2026"])
    expected = set()
    for link in onto.subjects(RDF.type, C.Linkage):
        source, target = onto.value(link, C.linkageFrom), onto.value(link, C.linkageTo)
        established = C["adoption-status-established"]
        if (target, RDF.type, C.Practice) in onto and status.get(source) == established != status.get(target):
            expected.add((local(source), local(target)))
    found = pairs(gaps_of(client), "prerequisite-not-established")
    assert found == expected
    assert {("B9", "B10"), ("B9", "B11"), ("B9", "B14"), ("B8", "B13")} <= found  # planted (assessments.ttl)


def test_principle_rule_matches_the_records(client: TestClient) -> None:
    city = exampleton()
    cited = {city.value(r, C.adoptionOf) for r in city.objects(EX["adoption-2026"], C.hasAdoption)
             if (r, C.adoptionEvidence, None) in city}  # fmt: skip
    principles = set(model().subjects(RDF.type, C.DeliveryPrinciple))
    found = {about for about, _ in pairs(gaps_of(client), "principle-without-evidence")}
    assert found == {local(p) for p in principles - cited}
    assert "principle-security-by-design" in found  # partial, and no evidence: planted


def test_the_other_rules_find_the_planted_gaps(client: TestClient) -> None:
    gaps = gaps_of(client)
    assert {("key-risk-skills-gap", "principle-agility"), ("key-risk-unrealised-benefits", "C3")} <= pairs(
        gaps, "key-risk-left-open"
    )
    assert {("B9", "need-fault-categories"), ("B9", "need-permits-single-account")} <= pairs(
        gaps, "interoperability-unresolved"
    )
    assert ("B9", "maturity-cell-work-across-boundaries-3") in pairs(gaps, "maturity-below-practices")
    worst = next(g for g in gaps if g.rule == "maturity-below-practices" and local(g.about.iri) == "B9")
    assert worst.severity == "high" and worst.next is not None and worst.next.notation == "B5"
    assert {local(e.iri) for e in worst.evidence} >= {"maturity-2025", "maturity-2025-across", "adoption-2026-B9"}
    assert {g.rule for g in gaps} == set(RULES)
    assert [g.severity for g in gaps] == sorted((g.severity for g in gaps), key=["high", "medium", "low"].index)


def _expected_reason(gap: Gap, lang: str) -> str:
    onto = model()
    source = URIRef(gap.source.iri) if gap.source else None
    if gap.rule == "prerequisite-not-established":
        assert source is not None and onto.value(source, C.linkageFrom) == URIRef(gap.about.iri)
        assert onto.value(source, C.linkageTo) == URIRef(gap.related.iri if gap.related else "")
        return text_in(onto, source, C.linkageReason, lang)
    if gap.rule == "key-risk-left-open":
        assert source == URIRef(gap.about.iri)
        return text_in(onto, source, C.mitigationReason, lang)
    if gap.rule == "interoperability-unresolved":
        status = exampleton().value(URIRef(gap.related.iri if gap.related else ""), C.needStatus)
        assert source == status
        return text_in(onto, status, SKOS.definition, lang)
    if gap.rule == "maturity-below-practices":
        assert (URIRef(gap.about.iri), C.impliesMaturityCell, source) in onto
        return text_in(onto, source, SKOS.definition, lang)
    assert source == URIRef(gap.about.iri)
    return text_in(onto, source, SKOS.definition, lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_gap_cites_the_reason_from_the_model(client: TestClient, lang: str) -> None:
    gaps = gaps_of(client, lang=lang)
    assert len(gaps) > 20
    for gap in gaps:
        assert gap.why == _expected_reason(gap, lang), gap.what
        assert gap.why_lang == lang


def test_a_language_the_model_lacks_falls_back_to_english(client: TestClient) -> None:
    for gap in gaps_of(client, lang="pt"):
        assert gap.why_lang == "en" and gap.why == _expected_reason(gap, "en")


def test_the_next_step_links_to_the_term_page(client: TestClient) -> None:
    gap = next(g for g in gaps_of(client, lang="de") if pairs([g], g.rule) == {("B9", "B10")})
    assert gap.next is not None and gap.next.href == "/def/B10"
    assert (gap.next.label, gap.next.lang) == (text_in(model(), C.B10, SKOS.prefLabel, "de"), "de")
    assert gap.to_json("http://city.example")["next"]["href"] == "http://city.example/def/B10"
    assert "B9" in gap.what and "B10" in gap.what


def test_an_earlier_assessment_by_date_or_iri(client: TestClient) -> None:
    by_date = gaps_of(client, date=FIRST)
    by_iri = gaps_of(client, assessment=str(EX["adoption-2025"]))
    assert [g.to_json() for g in by_date] == [g.to_json() for g in by_iri]
    assert {g.assessment for g in by_date} == {str(EX["adoption-2025"])}
    # in 2025 the roadmap (B7) was established ahead of benefit mapping (C1); a year later C1 is established too
    assert ("B7", "C1") in pairs(by_date, "prerequisite-not-established")
    assert ("B7", "C1") not in pairs(gaps_of(client), "prerequisite-not-established")
    with pytest.raises(NotFound) as missing:
        gaps_of(client, date="2024-01-01")
    assert any(FIRST in k for k in missing.value.extra["known"])
    with pytest.raises(BadRequest):
        gaps_of(client, date="March 2025")


def test_a_city_that_fixes_the_prerequisite_has_no_gap_for_it(client: TestClient) -> None:
    city = exampleton()
    record = EX["adoption-2026-B10"]
    city.set((record, C.adoptionStatus, C["adoption-status-established"]))
    put_city(client, "fixed-exampleton", city.serialize(format="turtle"))
    fixed = pairs(gaps_of(client, "fixed-exampleton"), "prerequisite-not-established")
    assert ("B9", "B10") not in fixed and ("B8", "B10") not in fixed
    assert ("B9", "B11") in fixed  # the other prerequisites are still partial
    assert ("B9", "B10") in pairs(gaps_of(client), "prerequisite-not-established")  # Exampleton is unchanged
