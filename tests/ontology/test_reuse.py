"""Reused vocabularies are used as their own W3C/QUDT files define them (issue 10, item 7): SOSA/SSN from the 2017
Recommendation only, observing on sensors only, QUDT units, OWL-Time periods, PROV and a device-to-dataset link,
dcat:contactPoint, and the ISO/IEC 21972 indicator matched by a measurement rather than by an indicator."""

from __future__ import annotations

import warnings

from rdflib import OWL, RDF, RDFS, Dataset, Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, SKOS, TIME

from cityref import resources
from cityref.ontology.model import CITYREF

SOSA = Namespace("http://www.w3.org/ns/sosa/")
SSN = Namespace("http://www.w3.org/ns/ssn/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = "http://qudt.org/vocab/unit/"
I72 = Namespace("https://w3id.org/citydata/21972/v1/")
# Namespaces whose declarations the review found unused: every term core.ttl declares from them must now serve.
CHECKED_NAMESPACES = (str(PROV), str(TIME), "http://qudt.org/schema/qudt/")


def _deliveries() -> Dataset:
    dataset = Dataset()
    paths = sorted((resources.examples_dir() / "deliveries").glob("*/*.trig"))
    assert paths
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib 7.x's own TriG parser uses a deprecated name
        for path in paths:
            dataset.parse(path, format="trig")
    return dataset


def test_only_sosa_ssn_2017_terms(merged: Graph, exampleton: Graph) -> None:
    """sosa:Deployment exists only in the 2024 SOSA draft; the 2017 Recommendation has ssn:Deployment."""
    draft = SOSA.Deployment
    graphs = [merged, exampleton, *(Graph().parse(p) for p in resources.shapes_dir().glob("*.ttl"))]
    graphs.extend(_deliveries().graphs())
    assert len(graphs) > 3
    offenders = [g.identifier for g in graphs if any(draft in triple for triple in g)]
    assert offenders == []


def test_device_deployment_is_an_ssn_deployment(merged: Graph) -> None:
    assert (CITYREF.DeviceDeployment, RDFS.subClassOf, SSN.Deployment) in merged
    assert (CITYREF.hasDeployment, RDFS.subPropertyOf, SSN.inDeployment) in merged
    assert (SOSA.observes, RDFS.domain, SOSA.Sensor) in merged


def test_exampleton_devices_host_the_sensors_that_observe(exampleton: Graph) -> None:
    devices = set(exampleton.subjects(RDF.type, CITYREF.IoTDevice))
    assert len(devices) >= 5
    observers = set(exampleton.subjects(SOSA.observes, None))
    assert observers and not observers & devices, "a device (a platform) never carries sosa:observes itself"
    for sensor in observers:
        assert (sensor, RDF.type, SOSA.Sensor) in exampleton
        assert set(exampleton.subjects(SOSA.hosts, sensor)) & devices, sensor
    for device in devices:
        assert set(exampleton.objects(device, SOSA.hosts)) & observers, device
        for deployment in exampleton.objects(device, CITYREF.hasDeployment):
            assert (deployment, SSN.deployedOnPlatform, device) in exampleton
            hosted = set(exampleton.objects(device, SOSA.hosts))
            assert set(exampleton.objects(deployment, SSN.deployedSystem)) <= hosted and hosted


def test_exampleton_uses_no_deprecated_cityref_term(exampleton: Graph, merged: Graph) -> None:
    deprecated = set(merged.subjects(OWL.deprecated, None))
    assert {CITYREF.unit, CITYREF.contactPoint} <= deprecated
    used = {t for triple in exampleton for t in triple if isinstance(t, URIRef)}
    assert sorted(used & deprecated) == []


def test_deprecated_terms_name_their_reused_successors(merged: Graph) -> None:
    assert (CITYREF.contactPoint, DCTERMS.isReplacedBy, DCAT.contactPoint) in merged
    assert (CITYREF.unit, DCTERMS.isReplacedBy, QUDT.unit) in merged


def test_exampleton_units_are_qudt_iris(exampleton: Graph) -> None:
    indicators = set(exampleton.subjects(RDF.type, CITYREF.Indicator))
    measurements = set(exampleton.subjects(RDF.type, CITYREF.Measurement))
    assert indicators and measurements
    for node in indicators | measurements:
        units = list(exampleton.objects(node, QUDT.unit))
        assert len(units) == 1 and isinstance(units[0], URIRef) and str(units[0]).startswith(UNIT), node
    for indicator in indicators:
        for measurement in exampleton.objects(indicator, CITYREF.hasMeasurement):
            assert exampleton.value(measurement, QUDT.unit) == exampleton.value(indicator, QUDT.unit), measurement


def test_exampleton_measurements_cover_an_owl_time_interval(exampleton: Graph) -> None:
    measurements = set(exampleton.subjects(RDF.type, CITYREF.Measurement))
    assert measurements
    for measurement in measurements:
        period = exampleton.value(measurement, DCTERMS.temporal)
        assert (period, RDF.type, TIME.Interval) in exampleton, measurement
        ends = [exampleton.value(period, p) for p in (TIME.hasBeginning, TIME.hasEnd)]
        stamps = [exampleton.value(end, TIME.inXSDDateTimeStamp) for end in ends]
        assert all(s is not None for s in stamps), period
        begin, end = (s.toPython() for s in stamps)  # type: ignore[union-attr]
        assert begin < end, period
        assert exampleton.value(measurement, CITYREF.inCity) is not None, measurement


def test_devices_feed_datasets_and_a_dataset_is_derived(exampleton: Graph, merged: Graph) -> None:
    assert (CITYREF.feedsDataset, RDFS.domain, CITYREF.IoTDevice) in merged
    fed = set(exampleton.objects(None, CITYREF.feedsDataset))
    datasets = set(exampleton.subjects(RDF.type, DCAT.Dataset))
    assert fed and fed <= datasets
    derived = list(exampleton.subject_objects(PROV.wasDerivedFrom))
    assert derived and all(s in datasets and o in datasets for s, o in derived)


def test_indicator_alignment_matches_measurements(merged: Graph) -> None:
    """An i72 indicator is one value for one city and one time interval: our Measurement, not our Indicator."""
    assert (CITYREF.Indicator, RDFS.subClassOf, I72.Indicator) not in merged
    assert not any(I72.Indicator in merged.objects(CITYREF.Indicator, p) for p in (SKOS.closeMatch, SKOS.exactMatch))
    assert (CITYREF.Measurement, SKOS.closeMatch, I72.Indicator) in merged
    assert merged.value(CITYREF.Indicator, SKOS.changeNote) is not None


def test_reused_declarations_are_used(merged: Graph, exampleton: Graph) -> None:
    """A term declared from PROV, OWL-Time or QUDT is used, not only declared: a predicate or an object somewhere in
    the ontology, a profile or the examples (its own declaration, with the term as subject, does not count)."""
    declared = {
        s
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in merged.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(CHECKED_NAMESPACES)
    }
    assert {TIME.Interval, TIME.inXSDDateTimeStamp, PROV.wasDerivedFrom, QUDT.unit} <= declared
    everything = Graph()
    everything += merged
    everything += exampleton
    for path in resources.shapes_dir().glob("*.ttl"):
        everything.parse(path, format="turtle")
    unused = [
        str(term)
        for term in declared
        if next(everything.triples((None, term, None)), None) is None
        and next(everything.triples((None, None, term)), None) is None
    ]
    assert sorted(unused) == []
