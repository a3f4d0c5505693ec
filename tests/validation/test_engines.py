"""The compiled engine and pySHACL give the same reports: on every profile's example deliveries, on the test data,
and on generated device registers with randomly injected defects (seeded, a few hundred triples each).

A result is compared as (focus node, path, value, source shape, constraint component, severity) plus its message,
fix hint and ontology term, in several languages; the results are compared as multisets.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from tests.validation.conftest import BROKEN, PROFILES, VALID, in_worker
from tests.validation.w3c import report_outcome

from cityref import resources
from cityref.errors import BadRequest
from cityref.validation import ValidationReport, load_profiles, parse_data, run_shacl, validate
from cityref.validation.engine import choose_engine, ontology_graph
from cityref.validation.fast import ENGINES, FAST, REFERENCE
from cityref.validation.triples import is_canonical
from cityref.workers import WorkerPool

EXAMPLES = sorted((resources.examples_dir() / "deliveries").rglob("*.trig"))
LANGS = ("en", "fr", "de")


def outcome(report: ValidationReport) -> Counter[tuple[object, ...]]:
    return Counter(
        (r.focus_node, r.path, r.value, r.source_shape, r.constraint, r.severity, r.message, r.fix_hint, str(r.term))
        for r in report.results
    )


def same_on_both(data: str | Path, profiles: list[str], lang: str, **options: object) -> ValidationReport:
    """The default path (the compiled engine unless the profile needs pySHACL) against pySHACL alone."""
    fast = validate(data, profiles, lang=lang, **options)  # type: ignore[arg-type]
    reference = validate(data, profiles, lang=lang, engine=REFERENCE, **options)  # type: ignore[arg-type]
    assert outcome(fast) == outcome(reference)
    assert (fast.conforms, fast.counts) == (reference.conforms, reference.counts)
    return fast


def test_every_example_profile_is_covered() -> None:
    assert {path.parent.name for path in EXAMPLES} == set(load_profiles())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("delivery", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_example_deliveries(delivery: Path, lang: str) -> None:
    """Every example on both engines, the roadmap's too (it runs on pySHACL by default, see below)."""
    report = same_on_both(delivery, [delivery.parent.name], lang)
    assert report.conforms == delivery.stem.startswith("valid")


@pytest.mark.xfail(
    strict=True, reason="shacl-rust 0.2.12 reports no sh:lessThanOrEquals result for values that cannot be compared"
)
def test_roadmap_on_the_compiled_engine_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Why the roadmap profile runs on pySHACL: a start date against the end date "end of summer".

    The start is a 0.1.0 xsd:date, which the profile still reads: against it the engine reports nothing."""
    monkeypatch.setattr(load_profiles()["roadmap"], "engine_reason", None)
    delivery = resources.examples_dir() / "deliveries" / "roadmap" / "broken-dates.trig"
    text = delivery.read_text(encoding="utf-8").replace('"2026-07-01T00:00:00"^^xsd:dateTime', '"2026-07-01"^^xsd:date')
    assert '"2026-07-01"^^xsd:date' in text
    fast = validate(text, ["roadmap"], engine=FAST, content_type="application/trig")
    assert outcome(fast) == outcome(validate(text, ["roadmap"], engine=REFERENCE, content_type="application/trig"))


@pytest.mark.parametrize("data", [VALID, BROKEN], ids=["valid", "broken"])
def test_test_data(data: Path) -> None:
    same_on_both(data, ["demo"], "fr", profiles_dir=PROFILES)


# A device as benchmarks/validate_devices.py writes one, as (predicate, object) lines; defects edit the lines.
DEVICE = [
    ("a", "cityref:IoTDevice"),
    ("rdfs:label", '"Sensor {n}"@en'),
    ("cityref:inPublicSpace", "true"),
    ("cityref:collectsPersonalData", "false"),
    ("cityref:operator", "ex:org-operator"),
    ("dcat:contactPoint", "<mailto:sensors@exampleton.example>"),
    ("sosa:hosts", "[ a sosa:Sensor ; sosa:observes ex:property-air-quality ]"),
    ("cityref:collectsDataCategory", "cityref:data-category-traffic-counts"),
    ("geo:hasGeometry", "ex:geometry-{n}"),
    ("cityref:inServiceSince", '"2024-01-02T00:00:00"^^xsd:dateTime'),
    ("cityref:retentionDays", "365"),
    ("cityref:purpose", '"Measures air quality."@en'),
    ("cityref:networkType", '"LoRaWAN"'),
    ("cityref:securityProtocol", '"LoRaWAN AES-128"'),
    ("cityref:encryptedInTransit", "true"),
    ("cityref:encryptedAtRest", "true"),
    ("cityref:dataClassification", "cityref:classification-public"),
]
REPLACEMENTS = {
    "cityref:inPublicSpace": ['"yes"^^xsd:boolean', '"none"^^xsd:boolean', "1", "false"],
    "cityref:collectsPersonalData": ["true", '"1"^^xsd:boolean', '"maybe"'],
    "cityref:operator": ["ex:not-an-organisation", '"Operator Ltd"', "[ a cityref:Organisation ]"],
    "dcat:contactPoint": ['"sensors@exampleton.example"', "<http://exampleton.example/contact>", "_:contact"],
    "sosa:hosts": ["ex:sensor-unknown", "[ a sosa:Sensor ]"],
    "cityref:collectsDataCategory": ["cityref:classification-public", "ex:unknown-category"],
    "geo:hasGeometry": ['[ geo:asWKT "LINESTRING(4 50, 5 51)"^^geo:wktLiteral ]', '"POINT(4 50)"'],
    "cityref:inServiceSince": ['"2024-13-45"^^xsd:dateTime', '"last spring"', '"2024-01-02"^^xsd:date'],
    "cityref:retentionDays": ['"one year"', "-1", "365 , 730", '"P1Y"^^xsd:duration'],
    "cityref:purpose": ["ex:purpose", '"Mesure la qualité de l\'air."@fr'],
    "cityref:encryptedInTransit": ["false", '"true"'],
    "cityref:encryptedAtRest": ["false", "true , false"],
    "cityref:dataClassification": ["cityref:classification-private", "ex:top-secret", '"public"'],
}


def device(n: int, rng: random.Random) -> str:
    lines = [(p, o.format(n=n)) for p, o in DEVICE]
    for _ in range(rng.choice((0, 0, 1, 2, 3))):
        index = rng.randrange(1, len(lines))
        predicate = lines[index][0]
        if rng.random() < 0.3 or predicate not in REPLACEMENTS:
            del lines[index]  # a missing fact
        else:
            lines[index] = (predicate, rng.choice(REPLACEMENTS[predicate]))
    if rng.random() < 0.2:
        lines.append(("cityref:inPublicSpace", "false"))  # two answers, or out of public space
    subject = f"_:device{n}" if rng.random() < 0.1 else f"ex:device-{n}"
    body = " ;\n    ".join(f"{p} {o}" for p, o in lines)
    geometry = f'ex:geometry-{n} geo:asWKT "POINT({4 + n / 1000:.4f} 50.85)"^^geo:wktLiteral .\n'
    return f"{subject} {body} .\n{geometry}"


def register(seed: int, devices: int = 16) -> str:
    from benchmarks.validate_devices import PREFIXES

    rng = random.Random(seed)
    return PREFIXES + "".join(device(n, rng) for n in range(devices))


@pytest.mark.parametrize("seed", range(8))
def test_generated_registers_with_defects(seed: int) -> None:
    text = register(seed)
    report = same_on_both(text, ["iot-device-register"], LANGS[seed % len(LANGS)])
    assert text.count("\n") >= 250 and report.results, "the generator should write a few hundred triples and defects"


def test_engine_is_decided_per_profile_when_profiles_load() -> None:
    profiles = load_profiles()
    assert profiles["roadmap"].engine == REFERENCE
    assert "lessThanOrEquals" in (profiles["roadmap"].engine_reason or "")
    # the agreement period is checked with sh:lessThan, which the compiled engine skips for incomparable values
    assert profiles["data-sharing-agreement"].engine == REFERENCE
    assert "lessThan" in (profiles["data-sharing-agreement"].engine_reason or "")
    compared = {"roadmap", "data-sharing-agreement"}
    assert {p.engine for i, p in profiles.items() if i not in compared} == {FAST}
    assert choose_engine(None, [profiles["iot-device-register"]], None, "none") == FAST
    assert choose_engine(None, [profiles["iot-device-register"], profiles["roadmap"]], None, "none") == REFERENCE
    assert choose_engine(None, [profiles["iot-device-register"]], None, "rdfs") == REFERENCE
    assert choose_engine(REFERENCE, [profiles["iot-device-register"]], None, "none") == REFERENCE
    with pytest.raises(BadRequest, match="lessThanOrEquals"):
        choose_engine(FAST, [profiles["roadmap"]], None, "none")
    with pytest.raises(BadRequest):
        choose_engine("jena", [], None, "none")


def test_profiles_say_which_engine_runs_them(demo_client: TestClient) -> None:
    listed = demo_client.get("/profiles").json()["profiles"]
    assert all(p["engine"] in (FAST, REFERENCE) for p in listed)
    assert demo_client.get("/profiles/demo").json()["engine"] == FAST


@pytest.mark.parametrize("engine", [FAST, REFERENCE])
def test_engine_query_parameter(demo_client: TestClient, engine: str) -> None:
    response = demo_client.post(
        f"/validate?profile=demo&engine={engine}&lang=fr",
        content=BROKEN.read_bytes(),
        headers={"Content-Type": "text/turtle", "Accept": "application/json"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["results"]
    fast = demo_client.post(
        "/validate?profile=demo&lang=fr",
        content=BROKEN.read_bytes(),
        headers={"Content-Type": "text/turtle", "Accept": "application/json"},
    )
    assert sorted(map(str, fast.json()["results"])) == sorted(map(str, response.json()["results"]))


def test_unknown_engine_is_a_400(demo_client: TestClient) -> None:
    response = demo_client.post(
        "/validate?profile=demo&engine=jena", content=VALID.read_bytes(), headers={"Content-Type": "text/turtle"}
    )
    assert response.status_code == 400
    assert FAST in response.text


@pytest.mark.parametrize(
    ("lexical", "datatype", "canonical"),
    [
        ("true", "boolean", True),
        ("1", "boolean", False),
        ("12", "integer", True),
        ("012", "integer", False),
        ("+5", "int", False),
        ("-0", "integer", False),
        ("01", "string", True),
        ("1.50", "decimal", True),  # compared as written by both engines: no SPARQL in the profiles reads decimals
    ],
)
def test_canonical_forms(lexical: str, datatype: str, canonical: bool) -> None:
    literal = ox.Literal(lexical, datatype=ox.NamedNode(f"http://www.w3.org/2001/XMLSchema#{datatype}"))
    assert is_canonical(literal) is canonical


def test_a_non_canonical_boolean_runs_on_pyshacl_where_shapes_use_sparql() -> None:
    """The compiled engine's SPARQL would read "1"^^xsd:boolean as the true of the profile's SPARQL target."""
    text = register(2).replace("cityref:collectsPersonalData false", 'cityref:collectsPersonalData "1"^^xsd:boolean')
    forced = validate(text, ["iot-device-register"], engine=FAST)
    default = same_on_both(text, ["iot-device-register"], "en")
    assert outcome(forced) != outcome(default)


def test_both_engines_in_the_sandboxed_worker(validators: WorkerPool, tmp_path: Path) -> None:
    """The compiled engine runs where the server runs it: a worker under RLIMIT_AS with no network."""
    reports = [in_worker(validators, tmp_path, BROKEN, ["demo"], engine=e, profiles_dir=str(PROFILES)) for e in ENGINES]
    assert reports[0].body == reports[1].body and not reports[0].conforms


ON_BOTH = [p for p in EXAMPLES if p.stem.startswith("broken") and not load_profiles()[p.parent.name].engine_reason]


@pytest.mark.parametrize("delivery", ON_BOTH, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_run_shacl_gives_the_same_report_graph_on_both_engines(delivery: Path) -> None:
    """The whole W3C report graph that ``run_shacl`` builds from the compiled engine's records, against
    pySHACL's own, result by result (blank paths and blank values compared by what they hold). The ontology joins
    the data, as :func:`validate` puts it (pySHACL's own ``ont_graph`` would copy class axioms only)."""
    shapes = load_profiles()[delivery.parent.name].shapes
    data = parse_data(delivery) + ontology_graph(str(resources.ontology_dir()))
    graphs = [run_shacl(data, shapes, None, "none", inplace=False, engine=e) for e in ENGINES]
    fast_outcome, reference_outcome = (report_outcome(g) for g in graphs)
    assert fast_outcome == reference_outcome
    assert not fast_outcome[0] and fast_outcome[1]
