"""The shipped SHACL profiles and their example deliveries, tested file by file.

Every ``shapes/*.ttl`` must describe itself as a profile, pass SHACL-SHACL, speak five languages and only walk
properties the ontology declares. Every ``examples/deliveries/<profile>/<case>.trig`` holds a delivery (default
graph) and the report it must produce (``<urn:cityref:expected>``); the report must match that set exactly.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pyshacl
import pytest
from pyshacl.entrypoints import meta_validate
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF

from cityref import resources
from cityref.ontology.model import LANGUAGES
from cityref.validation.engine import ontology_graph
from cityref.validation.report import path_text

SH = Namespace("http://www.w3.org/ns/shacl#")
PROF = Namespace("http://www.w3.org/ns/dx/prof/")
CITYREF = Namespace("https://w3id.org/cityref/def/")
EXPECTED = URIRef("urn:cityref:expected")
CASE = URIRef("urn:cityref:case")
PROFILE_IDS = (
    "iot-device-register",
    "service-catalogue",
    "dataset-metadata",
    "interoperability-register",
    "benefit-map",
    "risk-register",
    "maturity-assessment",
    "roadmap",
    "data-sharing-agreement",
    "practice-assessment",
)
SHAPE_FILES = sorted(resources.shapes_dir().glob("*.ttl"))
CASE_FILES = sorted((resources.examples_dir() / "deliveries").glob("*/*.trig"))
# Parameters that make a shape produce results of its own; a shape holding only sh:property does not.
CONSTRAINT_PARAMETERS = {
    SH[name]
    for name in [
        "class",
        "datatype",
        "nodeKind",
        "minCount",
        "maxCount",
        "minExclusive",
        "minInclusive",
        "maxExclusive",
        "maxInclusive",
        "minLength",
        "maxLength",
        "pattern",
        "languageIn",
        "uniqueLang",
        "equals",
        "disjoint",
        "lessThan",
        "lessThanOrEquals",
        "not",
        "and",
        "or",
        "xone",
        "node",
        "qualifiedValueShape",
        "closed",
        "hasValue",
        "in",
        "sparql",
    ]
}
# Shapes used only inside these parameters report through their parent, so their messages are never shown.
NESTING_PARAMETERS = (SH["not"], SH["and"], SH["or"], SH["xone"], SH.node, SH.qualifiedValueShape)
Outcome = tuple[str, str | None, str, str]


def ontology() -> Graph:
    """The merged ontology as validation reads it: one parse per process, shared with ``validate()``."""
    return ontology_graph(str(resources.ontology_dir().resolve()))


@cache
def shapes_graph(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def path_iris(graph: Graph, path: object) -> Iterator[URIRef]:
    """Every property IRI a SHACL path walks."""
    if isinstance(path, URIRef):
        yield path
        return
    if graph.value(path, RDF.first) is not None:  # type: ignore[arg-type]
        for step in Collection(graph, path):  # type: ignore[arg-type]
            yield from path_iris(graph, step)
        return
    for prop in (SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
        inner = graph.value(path, prop)  # type: ignore[arg-type]
        if inner is not None:
            yield from path_iris(graph, inner)
    alternatives = graph.value(path, SH.alternativePath)  # type: ignore[arg-type]
    if alternatives is not None:
        for step in Collection(graph, alternatives):  # type: ignore[arg-type]
            yield from path_iris(graph, step)


def read_case(path: Path) -> tuple[Graph, bool, set[Outcome]]:
    """The delivery, whether it should conform, and the expected (focus, path, component, severity) set."""
    dataset = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib 7.x's own TriG parser uses a deprecated name
        dataset.parse(path, format="trig")
    data = Graph()
    for triple in dataset.default_graph:
        data.add(triple)
    expected = dataset.graph(EXPECTED)
    conforms = expected.value(CASE, SH.conforms)
    assert isinstance(conforms, Literal), f"{path.name}: <urn:cityref:case> sh:conforms missing"
    assert expected.value(CASE, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")) is not None
    outcomes = {
        (
            str(expected.value(node, SH.focusNode)),
            path_text(expected, expected.value(node, SH.resultPath)),
            str(expected.value(node, SH.sourceConstraintComponent)),
            str(expected.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
        )
        for node in expected.subjects(RDF.type, SH.ValidationResult)
    }
    return data, bool(conforms.toPython()), outcomes


PROBE = """
@prefix cityref: <https://w3id.org/cityref/def/> .
<https://exampleton.example/id/probe> a cityref:InteroperabilityNeed ;
    cityref:needStatus cityref:need-status-planned .
"""


def library_outcomes(data: Graph, profile_id: str) -> tuple[bool, set[Outcome]]:
    from cityref.validation import validate

    report = validate(data, [profile_id])
    return report.conforms, {(r.focus_node, r.path, r.constraint, r.severity) for r in report.results}


@cache
def library_sees_reference_types() -> bool:
    """Whether the library gives reference individuals (need statuses, classifications …) their ontology types."""
    try:
        import cityref.validation  # noqa: F401
    except ImportError:
        return False
    _, outcomes = library_outcomes(Graph().parse(data=PROBE, format="turtle"), "interoperability-register")
    return not any(o[1] == str(CITYREF.needStatus) for o in outcomes)


def engine_outcomes(data: Graph, profile_id: str) -> tuple[bool, set[Outcome]]:
    """pySHACL directly, with the whole ontology in the data graph (as the library contract promises)."""
    shapes = shapes_graph(resources.shapes_dir() / f"{profile_id}.ttl")
    conforms, report, _ = pyshacl.validate(
        data + ontology(), shacl_graph=shapes, inference="none", advanced=True, allow_warnings=False, inplace=True
    )
    assert isinstance(report, Graph)
    outcomes = set()
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        outcomes.add(
            (
                str(focus) if not isinstance(focus, BNode) else f"_:{focus}",
                path_text(report, report.value(node, SH.resultPath)),
                str(report.value(node, SH.sourceConstraintComponent)),
                str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
            )
        )
    return bool(conforms), outcomes


def run_profile(data: Graph, profile_id: str) -> tuple[bool, set[Outcome]]:
    """Through the library once it keeps its contract (see the test below); until then through pySHACL."""
    if library_sees_reference_types():
        return library_outcomes(data, profile_id)
    return engine_outcomes(data, profile_id)


def test_library_gives_reference_individuals_their_types() -> None:
    """The library contract: sh:class must see the ontology types of reference individuals such as
    cityref:need-status-planned. pySHACL's ont_graph only copies class and property axioms (and
    owl:NamedIndividual nodes), so the ontology has to be mixed into the data graph in full."""
    assert library_sees_reference_types()


# ---------------------------------------------------------------- the profiles themselves


def test_every_profile_is_shipped() -> None:
    assert sorted(p.stem for p in SHAPE_FILES) == sorted(PROFILE_IDS)


@pytest.mark.parametrize("path", SHAPE_FILES, ids=lambda p: p.stem)
def test_profile_describes_itself(path: Path) -> None:
    graph = shapes_graph(path)
    profiles = list(graph.subjects(RDF.type, PROF.Profile))
    assert profiles == [URIRef(f"https://w3id.org/cityref/profiles/{path.stem}")]
    profile = profiles[0]
    assert graph.value(profile, DCTERMS.identifier) == Literal(path.stem)
    for prop in (DCTERMS.title, DCTERMS.description):
        langs = sorted(o.language for o in graph.objects(profile, prop) if isinstance(o, Literal))
        assert langs == sorted(LANGUAGES), (prop, langs)
    assert graph.value(profile, OWL.versionInfo) is not None
    practices = set(graph.objects(profile, CITYREF.servesPractice))
    assert practices, "the profile names no subcomponent"
    for practice in practices:
        assert (practice, RDF.type, CITYREF.Practice) in ontology(), practice


@pytest.mark.parametrize("path", SHAPE_FILES, ids=lambda p: p.stem)
def test_profile_passes_shacl_shacl(path: Path) -> None:
    conforms, _, text = meta_validate(shapes_graph(path))
    assert conforms, text


@pytest.mark.parametrize("path", SHAPE_FILES, ids=lambda p: p.stem)
def test_shapes_live_under_the_profile_namespace(path: Path) -> None:
    graph = shapes_graph(path)
    named = {s for s in graph.subjects(RDF.type, SH.NodeShape)} | set(graph.subjects(RDF.type, SH.PropertyShape))
    assert named
    for shape in named:
        if isinstance(shape, URIRef):
            assert str(shape).startswith(f"https://w3id.org/cityref/shapes/{path.stem}/"), shape


def nested_shapes(graph: Graph) -> set[object]:
    """Shapes that only ever report through a parent (inside sh:or, sh:not, sh:qualifiedValueShape …)."""
    pending = []
    for prop in NESTING_PARAMETERS:
        for value in graph.objects(None, prop):
            pending.extend(Collection(graph, value) if graph.value(value, RDF.first) is not None else [value])
    nested: set[object] = set()
    while pending:
        shape = pending.pop()
        if shape not in nested:
            nested.add(shape)
            pending.extend(graph.objects(shape, SH.property))
    return nested


@pytest.mark.parametrize("path", SHAPE_FILES, ids=lambda p: p.stem)
def test_messages_and_hints_in_five_languages(path: Path) -> None:
    graph = shapes_graph(path)
    nested = nested_shapes(graph)
    bearing = {s for p in CONSTRAINT_PARAMETERS for s in graph.subjects(p, None)} - nested
    assert bearing
    for shape in bearing:
        langs = sorted(o.language for o in graph.objects(shape, SH.message) if isinstance(o, Literal))
        assert langs == sorted(LANGUAGES), (shape, langs)
        if (shape, SH.path, None) in graph:
            hints = sorted(o.language for o in graph.objects(shape, SH.description) if isinstance(o, Literal))
            assert hints == sorted(LANGUAGES), (shape, "sh:description", hints)
    for shape in set(graph.subjects(SH.message, None)):
        langs = sorted(o.language for o in graph.objects(shape, SH.message) if isinstance(o, Literal))
        assert langs == sorted(LANGUAGES), (shape, langs)


@pytest.mark.parametrize("path", SHAPE_FILES, ids=lambda p: p.stem)
def test_paths_use_declared_properties(path: Path) -> None:
    graph = shapes_graph(path)
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    walked = {iri for p in graph.objects(None, SH.path) for iri in path_iris(graph, p)}
    assert walked
    undeclared = sorted(iri for iri in walked if not any((iri, RDF.type, k) in ontology() for k in kinds))
    assert not undeclared


@pytest.mark.parametrize("path", SHAPE_FILES, ids=lambda p: p.stem)
def test_sparql_constraints_select_distinct_this(path: Path) -> None:
    graph = shapes_graph(path)
    for constraint in graph.objects(None, SH.sparql):
        assert "SELECT DISTINCT $this" in str(graph.value(constraint, SH.select))
        assert graph.value(constraint, SH.message) is not None


@pytest.mark.parametrize("path", SHAPE_FILES, ids=lambda p: p.stem)
def test_referenced_cityref_terms_exist(path: Path) -> None:
    """A typo in a class or reference individual would make a shape silently useless."""
    graph = shapes_graph(path)
    used = {o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(str(CITYREF))}
    missing = sorted(o for o in used if (o, None, None) not in ontology())
    assert not missing


# ---------------------------------------------------------------- the example deliveries


def test_every_profile_has_valid_and_two_broken_cases() -> None:
    for profile_id in PROFILE_IDS:
        names = {p.stem for p in CASE_FILES if p.parent.name == profile_id}
        assert "valid" in names, profile_id
        assert len([n for n in names if n.startswith("broken-")]) >= 2, profile_id


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case_report_matches_expected(path: Path) -> None:
    data, should_conform, expected = read_case(path)
    assert should_conform == (path.stem == "valid"), "only valid.trig may conform"
    assert should_conform == (not expected)
    conforms, outcomes = run_profile(data, path.parent.name)
    assert outcomes == expected
    assert conforms == should_conform


# ---------------------------------------------------------------- the Exampleton sample city

EXAMPLETON = resources.examples_dir() / "exampleton"
EX = "https://exampleton.example/id/"
# Which profile each sample file is written for; city.ttl holds the organisations and people the others share, and
# governance.ttl the bodies, seats, teams and decisions that lead the work of the others (no profile of its own: every
# profile below still runs over the whole sample city, governance.ttl included), and places.ttl the places, coverage
# figures and indicators they refer to (the benefit-map profile checks its indicators).
EXAMPLETON_PROFILES = {
    "devices": "iot-device-register",
    "services": "service-catalogue",
    "datasets": "dataset-metadata",
    "interoperability": "interoperability-register",
    "benefits": "benefit-map",
    "risks": "risk-register",
    "maturity": "maturity-assessment",
    "roadmap": "roadmap",
    "agreements": "data-sharing-agreement",
    "assessments": "practice-assessment",
}
# Since 0.2.0 a device states its retention in days (cityref:retentionDays); a 0.1.0 cityref:retentionPeriod still
# counts, with a warning, so the presence check walks either property.
RETENTION = f"(<{CITYREF.retentionDays}> | <{CITYREF.retentionPeriod}>)"
# The sample city is complete except for gaps left on purpose (see the comments at the top of each file), plus
# the digital-inclusion notices the service profile gives for services offered only online.
EXAMPLETON_GAPS: dict[str, set[Outcome]] = {
    "iot-device-register": {
        (EX + "dev-wifi-counter-03", RETENTION, str(SH.MinCountConstraintComponent), "Violation"),
    },
    "service-catalogue": {
        (
            EX + service,
            f"(<{CITYREF.availableThrough}> / <{CITYREF.channelType}>)",
            str(SH.QualifiedMinCountConstraintComponent),
            "Info",
        )
        for service in ("svc-live-bus-times", "svc-air-quality-alerts")
    },
    "risk-register": {
        (EX + "risk-funding-cliff", str(CITYREF.mitigatedBy), str(SH.MinCountConstraintComponent), "Violation"),
    },
    # places.ttl: two indicators with a baseline and a target, not measured yet (named at the top of that file).
    "benefit-map": {
        (EX + indicator, str(CITYREF.hasMeasurement), str(SH.MinCountConstraintComponent), "Info")
        for indicator in ("ind-adult-digital-skills", "ind-trust-in-council-data")
    },
}


@cache
def exampleton() -> Graph:
    graph = Graph()
    for path in sorted(EXAMPLETON.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def test_every_exampleton_file_has_a_profile() -> None:
    stems = {p.stem for p in EXAMPLETON.glob("*.ttl")} - {"city", "governance", "places"}
    assert stems == set(EXAMPLETON_PROFILES)


@pytest.mark.parametrize("profile_id", sorted(EXAMPLETON_PROFILES.values()))
def test_exampleton_conforms_except_deliberate_gaps(profile_id: str) -> None:
    conforms, outcomes = run_profile(exampleton(), profile_id)
    expected = EXAMPLETON_GAPS.get(profile_id, set())
    assert outcomes == expected
    assert conforms == (not expected)


def test_reading_the_folder_builds_no_shapes_graph(tmp_path: Path) -> None:
    """Reading the profiles takes what describes each from the file (pyoxigraph) and the same values an rdflib
    parse gives; the rdflib graph of a profile's shapes is built only when a validation asks for that profile."""
    from cityref.validation import validate
    from cityref.validation.profiles import load_profiles

    folder = tmp_path / "shapes"
    folder.mkdir()
    for path in resources.shapes_dir().glob("*.ttl"):
        (folder / path.name).write_bytes(path.read_bytes())
    profiles = load_profiles(folder)
    assert sorted(profiles) == sorted(PROFILE_IDS)
    assert not [p.id for p in profiles.values() if "shapes" in vars(p)]
    for profile in profiles.values():
        graph = Graph().parse(profile.path, format="turtle")
        node = URIRef(profile.iri)
        assert (node, RDF.type, PROF.Profile) in graph
        assert profile.id == str(graph.value(node, DCTERMS.identifier))
        assert profile.version == str(graph.value(node, OWL.versionInfo))
        assert profile.title == {o.language or "": str(o) for o in graph.objects(node, DCTERMS.title)}
        assert profile.description == {o.language or "": str(o) for o in graph.objects(node, DCTERMS.description)}
        assert profile.practices == sorted(str(o) for o in graph.objects(node, CITYREF.servesPractice))
    assert not [p.id for p in profiles.values() if "shapes" in vars(p)]
    validate("<urn:x:a> a <urn:x:C> .", ["risk-register"], content_type="text/turtle", profiles_dir=folder)
    assert [p.id for p in load_profiles(folder).values() if "shapes" in vars(p)] == ["risk-register"]


def test_a_profile_that_does_not_parse_is_named_when_the_folder_is_read(tmp_path: Path) -> None:
    from cityref.validation.profiles import load_profiles

    (tmp_path / "odd.ttl").write_text("@prefix ex: <http://e/> .\nex:a ex:b ex:c\nex:d .\n", encoding="utf-8")
    with pytest.raises(SyntaxError) as raised:
        load_profiles(tmp_path)
    assert "odd.ttl" in str(raised.value) and "line 3" in str(raised.value)
