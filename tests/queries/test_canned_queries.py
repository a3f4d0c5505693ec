"""Every canned query parses, has a full header, and answers what the Exampleton files imply.

Expected answers are computed from the files with rdflib graph walks (no SPARQL), so a wrong query and a right
expectation cannot agree by sharing a mistake.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from tests.queries.conftest import ONTOLOGY_GRAPH, solutions

from cityref import resources
from cityref.sparql import canned

C = Namespace("https://w3id.org/cityref/def/")
EX = Namespace("https://exampleton.example/id/")
NAMES = sorted(canned.catalogue())
TRUE = Literal(True)


def iris(rows: list[dict[str, str]], var: str) -> set[str]:
    return {r[var] for r in rows if var in r}


def test_at_least_twelve_queries_ship() -> None:
    assert len(NAMES) >= 12
    assert not any(name.startswith("qa") for name in NAMES), "queries/qa/ holds checks, not canned queries"


@pytest.mark.parametrize("name", NAMES)
def test_header_is_complete(name: str) -> None:
    query = canned.get(name)
    assert query.title and len(query.title) > 10
    assert query.description and len(query.description) > 40
    assert query.form == "SELECT"
    for p in query.params:
        assert p.description, f"{name}: parameter {p.name} has no description"
        assert p.required == (p.default is None and not _declared_optional(query.text, p.name))
    assert query.text.startswith("# title:")


def _declared_optional(text: str, name: str) -> bool:
    return f"# param: {name} (" in text and "optional)" in text.split(f"# param: {name} (", 1)[1].split("\n", 1)[0]


@pytest.mark.parametrize("name", NAMES)
def test_runs_on_exampleton(name: str, run: Any) -> None:
    values = {"lang": "fr"} if name == "missing-translations" else {}
    assert isinstance(run(name, **values), list)


def test_queries_dir_is_the_shipped_one() -> None:
    shipped = {p.stem for p in resources.queries_dir().glob("*.rq")}
    shipped |= {f"gap-{p.stem}" for p in (resources.queries_dir() / "gaps").glob("*.rq")}
    assert shipped == set(NAMES)


def test_practice_dependencies_follow_the_linkages(run: Any, onto: Graph) -> None:
    for practice in ("B5", "B6"):
        iri = C[practice]
        expected = {str(onto.value(link, C.linkageTo)) for link in onto.subjects(C.linkageFrom, iri)}
        expected |= {str(o) for o in onto.objects(iri, C.dependsOn)}
        rows = run("practice-dependencies", practice=f"cityref:{practice}")
        assert expected and iris(rows, "dependency") == expected
        assert all(r["practice"] == str(iri) for r in rows)
        assert all(r.get("reason") for r in rows if "linkage" in r)
    assert iris(run("practice-dependencies"), "practice") == {str(C.B5)}  # the default


def test_unmitigated_key_risks(run: Any, onto: Graph, city: Graph) -> None:
    key_risks = set(onto.subjects(RDF.type, C.KeyRisk))
    mitigated = {city.value(r, C.refersToKeyRisk) for r in city.subjects(C.mitigatedBy, None)}
    recorded = set(city.objects(None, C.refersToKeyRisk))
    rows = run("unmitigated-key-risks")
    assert iris(rows, "keyRisk") == {str(k) for k in key_risks - mitigated}
    assert {r["keyRisk"] for r in rows if r["recorded"] == "true"} == {str(k) for k in (recorded - mitigated)}


def test_interoperability_needs_and_filters(run: Any, city: Graph) -> None:
    needs = set(city.subjects(RDF.type, C.InteroperabilityNeed))
    rows = run("interoperability-needs")
    assert iris(rows, "need") == {str(n) for n in needs}
    semantic = {str(n) for n in needs if city.value(n, C.eifLayer) == C["eif-layer-semantic"]}
    assert semantic and iris(run("interoperability-needs", layer="cityref:eif-layer-semantic"), "need") == semantic
    achieved_technical = {
        str(n)
        for n in needs
        if city.value(n, C.eifLayer) == C["eif-layer-technical"]
        and city.value(n, C.needStatus) == C["need-status-achieved"]
    }
    rows = run("interoperability-needs", layer=str(C["eif-layer-technical"]), status="cityref:need-status-achieved")
    assert iris(rows, "need") == achieved_technical


def test_silo_systems(run: Any, city: Graph) -> None:
    systems = set(city.subjects(RDF.type, C.CitySystem))
    parties = set(city.objects(None, C.fromParty)) | set(city.objects(None, C.toParty))
    expected = {str(s) for s in systems - parties}
    assert expected and iris(run("silo-systems"), "system") == expected


def test_services_without_digital_channel(run: Any, city: Graph) -> None:
    services = set(city.subjects(RDF.type, C.CityService))
    digital = {
        s
        for s in services
        for ch in city.objects(s, C.availableThrough)
        if (ch, C.channelType, C["channel-type-digital"]) in city
    }
    expected = {str(s) for s in services - digital}
    assert expected and iris(run("services-without-digital-channel"), "service") == expected


def test_personal_data_without_retention(run: Any, city: Graph) -> None:
    expected = {
        str(d)
        for d in city.subjects(RDF.type, C.IoTDevice)
        if (d, C.collectsPersonalData, TRUE) in city and city.value(d, C.retentionDays) is None
    }
    rows = run("personal-data-without-retention")
    assert expected and iris(rows, "device") == expected
    assert len(rows) == len(expected)


def test_service_datasets(run: Any, city: Graph) -> None:
    expected = set()
    for s in city.subjects(RDF.type, C.CityService):
        expected |= {(str(s), str(d)) for d in city.objects(s, C.usesDataset)}
        for system in city.objects(s, C.supportedBy):
            expected |= {(str(s), str(d)) for d in city.objects(system, C.usesDataset)}
    rows = run("service-datasets")
    assert expected and {(r["service"], r["dataset"]) for r in rows} == expected
    one = sorted(expected)[0][0]
    assert {r["service"] for r in run("service-datasets", service=one)} == {one}


def test_model_outline(run: Any, onto: Graph) -> None:
    practices = set(onto.subjects(RDF.type, C.Practice))
    rows = run("model-outline")
    assert iris(rows, "practice") == {str(p) for p in practices}
    assert len(rows) == len(practices)
    b5 = next(r for r in rows if r["notation"] == "B5")
    assert b5["group"] == str(C["group-strategy-management"]) and b5["component"] == str(C["component-B"])
    french = next(r for r in run("model-outline", lang="fr") if r["notation"] == "B5")
    assert french["label"] == str(next(lbl for lbl in onto.objects(C.B5, SKOS.prefLabel) if lbl.language == "fr"))


def test_missing_translations(run: Any, onto: Graph) -> None:
    def missing(lang: str) -> set[str]:
        found = set()
        for prop in (RDFS.label, SKOS.prefLabel):
            for term, label in onto.subject_objects(prop):
                if isinstance(term, URIRef) and getattr(label, "language", None) == "en":
                    labels = [*onto.objects(term, RDFS.label), *onto.objects(term, SKOS.prefLabel)]
                    if not any(getattr(x, "language", None) == lang for x in labels):
                        found.add(str(term))
        return found

    assert iris(run("missing-translations", lang="fr"), "term") == missing("fr")
    everything = iris(run("missing-translations", lang="xx"), "term")
    assert everything == missing("xx") and len(everything) > 100


def test_principles_by_key_risks(run: Any, onto: Graph) -> None:
    counts = Counter(str(p) for p in onto.objects(None, C.mitigatedByPrinciple))
    rows = run("principles-by-key-risks")
    assert {r["principle"]: int(r["keyRisks"]) for r in rows if int(r["keyRisks"])} == dict(counts)
    assert int(rows[0]["keyRisks"]) == max(counts.values())


def test_objective_coverage(run: Any, onto: Graph, city: Graph) -> None:
    purposes = set(onto.subjects(RDF.type, C.SustainabilityPurpose))
    issues = set(onto.subjects(RDF.type, C.SustainabilityIssue))
    counts: Counter[tuple[str, str]] = Counter()
    for o in city.subjects(RDF.type, C.StrategicObjective):
        for p in city.objects(o, C.servesPurpose):
            for i in city.objects(o, C.addressesIssue):
                counts[(str(p), str(i))] += 1
    rows = run("objective-coverage")
    assert len(rows) == len(purposes) * len(issues)
    assert {(r["purpose"], r["issue"]): int(r["objectives"]) for r in rows if r["objectives"] != "0"} == dict(counts)


def test_maturity_profile(run: Any, onto: Graph, city: Graph) -> None:
    in_use = {d for d in onto.subjects(RDF.type, C.MaturityDimension) if (d, OWL.deprecated, TRUE) not in onto}
    assert len(in_use) == 4
    expected = {
        (str(city.value(da, C.dimension)), str(onto.value(city.value(da, C.stage), C.stageNumber)))
        for da in city.objects(None, C.hasDimensionAssessment)
    }
    rows = run("maturity-profile")
    assert expected and {(r["dimension"], r["stageNumber"]) for r in rows} == expected
    assert {r["dimension"] for r in rows} == {str(d) for d in in_use}, "Exampleton rates the four dimensions"
    assert all(r.get("cellDefinition") for r in rows)
    assert all(r.get("nextStep") for r in rows if r["stageNumber"] != "4")
    for r in rows:
        described = {
            str(text)
            for sa in onto.subjects(C.describedAspect, C["maturity-aspect-problem-solving"])
            if str(onto.value(onto.value(sa, C.describedStage), C.stageNumber)) == r["stageNumber"]
            for text in onto.objects(sa, SKOS.definition)
            if text.language == "en"
        }
        assert r["problemSolving"] in described


def test_maturity_profile_leaves_out_the_deprecated_fifth_dimension(oxstore: ox.Store) -> None:
    """A 0.1.0 assessment rating five dimensions still gives a profile of the four; the fifth is not shown."""
    legacy = resources.examples_dir() / "deliveries" / "maturity-assessment" / "broken-five-dimensions-0.1.0.trig"
    graph = "https://w3id.org/cityref/graph/city/legacy"
    store = ox.Store()
    for quad in oxstore.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH)):
        store.add(quad)
    for quad in ox.parse(path=str(legacy), format=ox.RdfFormat.TRIG):
        if quad.graph_name == ox.DefaultGraph():
            store.add(ox.Quad(quad.subject, quad.predicate, quad.object, ox.NamedNode(graph)))
    rows = solutions(store, canned.get("maturity-profile").bind({"city": graph}))
    dimensions = {r["dimension"] for r in rows}
    assert len(rows) == 4 and len(dimensions) == 4
    assert str(C["maturity-dimension-problem-solving"]) not in dimensions
    assert str(C["maturity-dimension-lead-collaboratively"]) in dimensions


def _reach(city: Graph, start: URIRef) -> set[URIRef]:
    seen: set[URIRef] = set()
    todo = [start]
    while todo:
        for nxt in city.objects(todo.pop(), C.contributesTo):
            if isinstance(nxt, URIRef) and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_benefit_chain_reaches_objectives_with_progress(run: Any, city: Graph) -> None:
    objectives = set(city.subjects(RDF.type, C.StrategicObjective))
    expected = {
        (str(e), str(o)) for e in city.subjects(RDF.type, C.Enabler) for o in _reach(city, e) if o in objectives
    }
    rows = run("benefit-chain")
    assert expected and {(r["enabler"], r["objective"]) for r in rows} == expected
    for r in (r for r in rows if "indicator" in r):
        indicator = URIRef(r["indicator"])
        latest = max(city.objects(indicator, C.hasMeasurement), key=lambda m: city.value(m, C.measuredOn).toPython())
        assert Decimal(r["latest"]) == Decimal(str(city.value(latest, C.measuredValue)))
        base, target = (Decimal(str(city.value(indicator, p))) for p in (C.baselineValue, C.targetValue))
        share = (Decimal(r["latest"]) - base) / (target - base)
        assert abs(Decimal(r["progress"]) - share) <= Decimal("0.005")
    one = sorted(expected)[0][0]
    assert {r["enabler"] for r in run("benefit-chain", enabler=one)} == {one}
    units = {r["indicator"]: r.get("unit") for r in rows if "indicator" in r}
    qudt_unit = URIRef("http://qudt.org/schema/qudt/unit")
    assert units and units == {i: str(city.value(URIRef(i), qudt_unit)) for i in units}
    assert all(u.startswith("http://qudt.org/vocab/unit/") for u in units.values())


def test_practice_coverage(run: Any, city: Graph) -> None:
    counts = Counter(str(p) for p in city.objects(None, C.advances))
    rows = run("practice-coverage")
    assert len(rows) == 17
    assert {r["practice"]: int(r["advancedBy"]) for r in rows if r["advancedBy"] != "0"} == dict(counts)


def test_risk_register_scores_latest_assessment(run: Any, city: Graph) -> None:
    scores = {}
    for risk in city.subjects(RDF.type, C.Risk):
        latest = max(city.objects(risk, C.hasAssessment), key=lambda a: city.value(a, C.assessedOn).toPython())
        scores[str(risk)] = int(city.value(latest, C.likelihood)) * int(city.value(latest, C.impact))
    rows = run("risk-register")
    assert {r["risk"]: int(r["score"]) for r in rows} == scores
    threshold = sorted(scores.values())[len(scores) // 2]
    high = run("risk-register", minScore=str(threshold))
    assert iris(high, "risk") == {r for r, s in scores.items() if s >= threshold}


def test_roadmap_timeline_active_on(run: Any, city: Graph) -> None:
    phases = set(city.objects(None, C.hasPhase))
    assert iris(run("roadmap-timeline"), "phase") == {str(p) for p in phases}
    day = Literal("2025-03-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")).toPython()
    active = {
        str(p)
        for p in phases
        if city.value(p, C.startDate).toPython().date() <= day <= city.value(p, C.endDate).toPython().date()
    }
    assert active and iris(run("roadmap-timeline", activeOn="2025-03-01"), "phase") == active


def test_sensitive_devices_unencrypted(run: Any, onto: Graph, city: Graph) -> None:
    def expected(min_rank: int) -> set[str]:
        found = set()
        for d in city.subjects(RDF.type, C.IoTDevice):
            cls = city.value(d, C.dataClassification)
            rank = onto.value(cls, C.classificationRank) if cls is not None else None
            safe = (d, C.encryptedInTransit, TRUE) in city and (d, C.encryptedAtRest, TRUE) in city
            if rank is not None and int(rank) >= min_rank and not safe:
                found.add(str(d))
        return found

    assert iris(run("sensitive-devices-unencrypted"), "device") == expected(2)
    assert iris(run("sensitive-devices-unencrypted", minRank="1"), "device") == expected(1)


def test_every_query_is_documented() -> None:
    docs = resources.data_root().parent / "docs" / "queries.md"
    if not docs.is_file():  # an installed wheel ships no docs; the checkout does
        docs = Path(__file__).resolve().parents[2] / "docs" / "queries.md"
    text = docs.read_text(encoding="utf-8")
    assert [name for name in NAMES if f"| `{name}` |" not in text] == []


ORG = Namespace("http://www.w3.org/ns/org#")
BODY_KINDS = (C.GovernanceBody, C.CrossBoundaryBody, C.CrossBoundaryTeam)


def test_governance_bodies_seats_and_led_practices(run: Any, onto: Graph, city: Graph) -> None:
    bodies = {b for kind in BODY_KINDS for b in city.subjects(RDF.type, kind)}
    organisations = set(city.subjects(RDF.type, C.Organisation))
    expected = set()
    for body in bodies:
        for seat in city.subjects(ORG.organization, body):
            holder = city.value(seat, ORG.member)
            home = city.value(seat, C.homeOrganisation) or (holder if holder in organisations else None)
            expected.add((str(body), str(seat), str(holder), str(home) if home else None))
        for post in city.subjects(ORG.postIn, body):
            home = city.value(post, C.homeOrganisation)
            expected.add((str(body), str(post), str(post), str(home) if home else None))
    rows = run("governance-bodies")
    assert iris(rows, "body") == {str(b) for b in bodies}
    seated = {(r["body"], r["seat"], r["holder"], r.get("fromOrganisation")) for r in rows if "seat" in r}
    assert expected and seated == expected
    led = {str(b): {str(onto.value(p, SKOS.notation)) for p in city.objects(b, C.leadsPractice)} for b in bodies}
    assert all(set(r["practices"].split()) == led[r["body"]] for r in rows if r.get("practices"))
    assert all(not r.get("practices") for r in rows if not led[r["body"]])
    overseen = {str(b): len(set(city.objects(b, C.oversees))) for b in bodies}
    assert all(int(r["oversees"]) == overseen[r["body"]] for r in rows)
    cross = {str(b) for b in city.subjects(RDF.type, C.CrossBoundaryBody)}
    sources = {b: {r["fromOrganisation"] for r in rows if r["body"] == b and "fromOrganisation" in r} for b in cross}
    assert any(len(organisations) >= 3 for organisations in sources.values())
    for practice in ("B4", "C2"):
        leaders = {str(b) for b in bodies if (b, C.leadsPractice, C[practice]) in city}
        assert leaders and iris(run("governance-bodies", practice=f"cityref:{practice}"), "body") == leaders


def test_data_sharing_agreements_by_party(run: Any, city: Graph) -> None:
    agreements = set(city.subjects(RDF.type, C.DataSharingAgreement))
    expected = {
        (str(party), role, str(a))
        for a in agreements
        for prop, role in ((C.dataProvider, "provider"), (C.dataRecipient, "recipient"))
        for party in city.objects(a, prop)
    }
    rows = run("data-sharing-agreements")
    assert len(agreements) >= 2 and {(r["party"], r["role"], r["agreement"]) for r in rows} == expected
    assert len(rows) == len(expected)
    for r in rows:
        agreement = URIRef(r["agreement"])
        assert set(r["datasets"].split()) == {str(d) for d in city.objects(agreement, C.sharedDataset)}
        parties = {*city.objects(agreement, C.dataProvider), *city.objects(agreement, C.dataRecipient)}
        assert set(r["otherParties"].split()) == {str(p) for p in parties} - {r["party"]}
        assert r["sovereigntyShared"] == str(city.value(agreement, C.sovereigntyShared)).lower()
    council = str(EX.council)
    assert {r["party"] for r in run("data-sharing-agreements", party=council)} == {council}
    assert {(p, role, a) for p, role, a in expected if p == council} == {
        (r["party"], r["role"], r["agreement"]) for r in run("data-sharing-agreements", party=council)
    }
