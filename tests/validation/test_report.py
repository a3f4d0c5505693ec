"""The library entry point: verdicts, messages by language, terms, fix hints, filters, limits and the budget."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from tests.validation.conftest import BROKEN, PROFILES, VALID, in_worker

from cityref.errors import BadRequest, BudgetExceeded, LimitExceeded, NotFound
from cityref.validation import language_chain, validate
from cityref.workers import WorkerPool

SH = "http://www.w3.org/ns/shacl#"


def test_valid_delivery_conforms() -> None:
    report = validate(VALID, ["demo"], profiles_dir=PROFILES)
    assert report.conforms and report.results == [] and not report.truncated
    assert report.profiles == ["demo"]


def test_broken_delivery_lists_each_problem() -> None:
    report = validate(BROKEN, ["demo"], profiles_dir=PROFILES)
    assert not report.conforms
    assert report.counts == {"Violation": 2, "Warning": 2, "Info": 2}
    keys = {(r.focus_node.rsplit("/", 1)[-1], r.severity, r.constraint.rsplit("#", 1)[-1]) for r in report.results}
    assert ("parking-system", "Violation", "MinCountConstraintComponent") in keys
    assert ("lighting-system", "Violation", "ClassConstraintComponent") in keys
    assert report.results[0].severity == "Violation"  # most severe first


def test_result_names_term_fix_hint_and_value() -> None:
    report = validate(BROKEN, ["demo"], profiles_dir=PROFILES)
    missing = next(
        r
        for r in report.results
        if r.constraint == SH + "MinCountConstraintComponent" and "operatedBy" in (r.path or "")
    )
    assert missing.path == "https://w3id.org/cityref/def/operatedBy"
    assert missing.term is not None
    assert missing.term["label"] == "operated by"
    assert missing.term["link"] == "/def/operatedBy"
    assert missing.term["definition"]
    assert missing.fix_hint == "Add cityref:operatedBy pointing to a cityref:Organisation."
    assert missing.source_shape == "https://w3id.org/cityref/shapes/demo/system-operatedBy"
    wrong_class = next(r for r in report.results if r.constraint == SH + "ClassConstraintComponent")
    assert wrong_class.value == "https://exampleton.example/id/some-person"
    assert wrong_class.term is not None and wrong_class.term["iri"] == "http://www.w3.org/ns/org#Organization"


def test_messages_follow_the_language_with_fallback_to_english() -> None:
    french = validate(BROKEN, ["demo"], profiles_dir=PROFILES, lang="fr-CA")
    by_severity = {r.severity: r for r in french.results}
    assert by_severity["Violation"].message.startswith("Le système")
    assert by_severity["Violation"].term is not None and by_severity["Violation"].term["label"] == "exploité par"
    assert by_severity["Warning"].message == "The system has no label."  # no French message: English
    german = validate(BROKEN, ["demo"], profiles_dir=PROFILES, lang="de")
    assert {r.message for r in german.results if r.severity == "Info"} == {"Das System hat keine Beschreibung."}
    assert language_chain("pt-BR") == ["pt-br", "pt", "en", ""]
    assert language_chain("de-AT,fr") == ["de-at", "de", "fr", "en", ""]
    with pytest.raises(BadRequest):
        validate(VALID, ["demo"], profiles_dir=PROFILES, lang="not a tag")


def test_minimum_severity_filters_results_and_verdict() -> None:
    report = validate(BROKEN, ["demo"], profiles_dir=PROFILES, min_severity="Warning")
    assert {r.severity for r in report.results} == {"Violation", "Warning"}
    assert report.counts["Info"] == 2  # counts still tell what was left out
    data = VALID.read_text().replace('dct:description "Runs the traffic lights." ;', "")
    lenient = validate(data, ["demo"], profiles_dir=PROFILES, min_severity="Warning")
    assert lenient.conforms and lenient.counts["Info"] == 1
    with pytest.raises(BadRequest):
        validate(VALID, ["demo"], profiles_dir=PROFILES, min_severity="fatal")


def test_max_results_truncates_and_says_so() -> None:
    report = validate(BROKEN, ["demo"], profiles_dir=PROFILES, max_results=3)
    assert report.truncated and len(report.results) == 3
    assert not report.conforms and sum(report.counts.values()) == 6
    assert not validate(BROKEN, ["demo"], profiles_dir=PROFILES, max_results=6).truncated


def test_ontology_makes_subclasses_count() -> None:
    """cityref:Organisation is an org:Organization only through the ontology's subClassOf."""
    assert validate(VALID, ["demo"], profiles_dir=PROFILES).conforms
    assert not validate(VALID, ["demo"], profiles_dir=PROFILES, with_ontology=False).conforms


def test_graph_input_is_not_modified() -> None:
    graph = Graph().parse(VALID)
    before = len(graph)
    assert validate(graph, ["demo"], profiles_dir=PROFILES).conforms
    assert len(graph) == before


def test_unknown_and_missing_profiles() -> None:
    with pytest.raises(NotFound) as caught:
        validate(VALID, ["nope"], profiles_dir=PROFILES)
    assert caught.value.extra["known"] == ["demo"]
    with pytest.raises(BadRequest):
        validate(VALID, [], profiles_dir=PROFILES)


def test_triple_cap_through_the_worker(validators: WorkerPool, tmp_path: Path) -> None:
    with pytest.raises(LimitExceeded):
        in_worker(validators, tmp_path, BROKEN, ["demo"], max_triples=2)


def test_triple_cap_covers_user_shapes() -> None:
    shapes = "\n".join(f"<http://e/S{i}> a <http://www.w3.org/ns/shacl#NodeShape> ." for i in range(20))
    with pytest.raises(LimitExceeded):
        validate("<http://e/a> <http://e/b> <http://e/c> .", [], shapes=shapes, with_ontology=False, max_triples=10)


@pytest.mark.parametrize("engine", ["pyshacl", "shacl-rust"])
def test_runaway_validation_is_stopped(validators: WorkerPool, tmp_path: Path, engine: str) -> None:
    data = "\n".join(f"<http://e/n{i}> a <http://e/C> ; <http://e/v> {i} ." for i in range(300))
    # a filter no planner can fold away (the compiled engine drops FILTER(false) at once)
    shapes = """@prefix sh: <http://www.w3.org/ns/shacl#> .
    <http://e/S> a sh:NodeShape ; sh:targetClass <http://e/C> ;
        sh:sparql [ sh:select "SELECT $this WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . FILTER(STR(?b) = STR(?f)) }" ] ."""
    with pytest.raises(BudgetExceeded):
        in_worker(validators, tmp_path, data, [], timeout_s=1.5, shapes=shapes, engine=engine)
    # the killed worker is replaced: the next validation works
    assert in_worker(validators, tmp_path, VALID, ["demo"]).conforms


def test_rdfs_inference_is_available() -> None:
    report = validate(VALID, ["demo"], profiles_dir=PROFILES, inference="rdfs")
    assert report.conforms
    with pytest.raises(BadRequest):
        validate(VALID, ["demo"], profiles_dir=PROFILES, inference="owl")  # type: ignore[arg-type]


def test_term_of_a_sequence_path_is_its_last_property() -> None:
    shapes = """@prefix sh: <http://www.w3.org/ns/shacl#> .
    @prefix cityref: <https://w3id.org/cityref/def/> .
    <urn:s> a sh:NodeShape ; sh:targetClass cityref:CitySystem ;
        sh:property [ sh:path ( cityref:operatedBy [ sh:inversePath cityref:operatedBy ] ) ; sh:maxCount 0 ] ."""
    data = VALID.read_text()
    report = validate(data, [], shapes=shapes)
    assert len(report.results) == 1
    result = report.results[0]
    assert result.path == "(<https://w3id.org/cityref/def/operatedBy> / ^<https://w3id.org/cityref/def/operatedBy>)"
    assert result.term is not None and result.term["link"] == "/def/operatedBy"


def test_several_shipped_profiles_together() -> None:
    """Profiles are merged with their prefixes, so SPARQL-based targets keep working in a union."""
    from cityref import resources

    delivery = resources.examples_dir() / "deliveries" / "iot-device-register" / "broken-personal-data.trig"
    alone = validate(delivery, ["iot-device-register"])
    together = validate(delivery, ["iot-device-register", "dataset-metadata"])
    assert not alone.conforms and alone.results
    assert {(r.focus_node, r.path, r.constraint) for r in together.results} == {
        (r.focus_node, r.path, r.constraint) for r in alone.results
    }
    assert together.profiles == ["iot-device-register", "dataset-metadata"]


def test_max_results_cuts_before_results_are_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting and ordering need a few terms of each result; the full result (messages, terms, hints) is built
    for the kept ones only."""
    from cityref.validation import report as report_module

    built: list[object] = []
    real = report_module._result

    def counting(*args: object, **kwargs: object) -> object:
        built.append(args[1])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(report_module, "_result", counting)
    full = validate(BROKEN, ["demo"], profiles_dir=PROFILES)
    total = len(built)
    built.clear()
    capped = validate(BROKEN, ["demo"], profiles_dir=PROFILES, max_results=2)
    assert total == len(full.results) > 2
    assert len(built) == 2 and capped.truncated and capped.counts == full.counts
    assert [r.focus_node for r in capped.results] == [r.focus_node for r in full.results[:2]]
