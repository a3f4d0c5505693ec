"""The Austin maturity model says what its source says: the four dimensions under the source's own names, the six
building blocks, numbered stages whose names are flagged as ours, the aspects described at every stage, and the
0.1.0 terms that no longer fit deprecated with a successor that is itself in use."""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

C = Namespace("https://w3id.org/cityref/def/")
MODULE = URIRef("https://w3id.org/cityref/ontology/maturity")
TRUE = Literal(True)
LANGUAGES = {"en", "fr", "es", "de", "it"}


def in_use(graph: Graph, kind: URIRef) -> set[URIRef]:
    return {t for t in graph.subjects(RDF.type, kind) if (t, OWL.deprecated, TRUE) not in graph}  # type: ignore[misc]


def english(graph: Graph, term: URIRef) -> str:
    return next(str(label) for label in graph.objects(term, SKOS.prefLabel) if label.language == "en")


def test_four_dimensions_named_as_the_source_names_them(merged: Graph) -> None:
    labels = {english(merged, d) for d in in_use(merged, C.MaturityDimension)}
    # The source's names, which are facts to match exactly; listed in another order than the source's.
    assert labels == {
        "Lead collaboratively",
        "Integrate technology and data",
        "Work across disciplines, city departments and systems",
        "Engage stakeholders and users",
    }
    intent = C["strategic-intent-austin"]
    assert set(merged.objects(intent, C.pursuedThrough)) == in_use(merged, C.MaturityDimension)


def test_six_building_blocks_as_the_source_lists_them(merged: Graph) -> None:
    labels = {english(merged, b) for b in in_use(merged, C.BuildingBlock)}
    assert labels == {"Teams", "Foundation", "Technology", "Policy", "Business and funding models", "Services"}


def test_stage_names_are_flagged_as_our_interpretation(merged: Graph) -> None:
    stages = in_use(merged, C.MaturityStage)
    assert sorted(int(merged.value(s, C.stageNumber)) for s in stages) == [1, 2, 3, 4]  # type: ignore[arg-type]
    for stage in stages:
        assert (stage, C.isInterpretation, TRUE) in merged
        assert any(n.language == "en" for n in merged.objects(stage, SKOS.scopeNote)), stage
        number = int(merged.value(stage, C.stageNumber))  # type: ignore[arg-type]
        assert Literal(f"Stage {number}", lang="en") in set(merged.objects(stage, SKOS.altLabel))


def test_every_stage_describes_the_five_aspects(merged: Graph) -> None:
    aspects = in_use(merged, C.MaturityAspect)
    assert {english(merged, a) for a in aspects} >= {"Teams and governance", "Communication", "Problem-solving"}
    for stage in in_use(merged, C.MaturityStage):
        described = {merged.value(d, C.describedAspect) for d in merged.subjects(C.describedStage, stage)}
        assert described == aspects, stage


def test_values_behind_the_strategic_intent(merged: Graph) -> None:
    values = set(merged.objects(C["strategic-intent-austin"], C.reflectsValue))
    assert {english(merged, v) for v in values} == {
        "Grounding smart in problem-solving",
        "Open government commitments",
        "Inclusion, accessibility and equity",
    }


def test_deprecated_maturity_terms_point_to_a_successor_in_use(merged: Graph) -> None:
    deprecated = {t for t in merged.subjects(OWL.deprecated, TRUE) if (t, RDFS.isDefinedBy, MODULE) in merged}
    assert C["maturity-dimension-problem-solving"] in deprecated
    assert {C[f"maturity-cell-problem-solving-{n}"] for n in range(1, 5)} <= deprecated
    for term in deprecated:
        successors = list(merged.objects(term, DCTERMS.isReplacedBy))
        assert len(successors) == 1, term
        assert (successors[0], OWL.deprecated, TRUE) not in merged
        assert (successors[0], RDFS.isDefinedBy, MODULE) in merged
        assert any(n.language == "en" for n in merged.objects(term, SKOS.changeNote)), term


def test_every_maturity_term_has_five_definitions_and_labels(merged: Graph) -> None:
    terms = set(merged.subjects(RDFS.isDefinedBy, MODULE))
    assert len(terms) >= 79  # cityref:isInterpretation is declared in core, not here
    for term in terms:
        definitions = {d.language for d in merged.objects(term, SKOS.definition)}
        labels = {x.language for p in (SKOS.prefLabel, RDFS.label) for x in merged.objects(term, p)}
        assert definitions == LANGUAGES, term
        assert labels == LANGUAGES, term
