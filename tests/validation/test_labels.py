"""Focus nodes named by the delivery's own labels, for the validation page."""

from __future__ import annotations

from pathlib import Path

from tests.validation.conftest import in_worker

from cityref.validation.labels import focus_labels
from cityref.workers import WorkerPool

DATA = b"""@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:a> rdfs:label "Sensor A"@en, "Capteur A"@fr ; skos:prefLabel "Preferred A"@en .
<urn:b> rdfs:label "Sensor B"@en .
<urn:c> <urn:p> "no label" .
<urn:d> rdfs:label "not a focus node" .
_:x rdfs:label "a blank node" .
"""


def test_labels_prefer_skos_then_the_language_asked_for() -> None:
    parts = [("d.ttl", DATA, "text/turtle")]
    found = focus_labels(parts, ["urn:a", "urn:b", "urn:c", "_:x"], "fr", max_triples=None, max_expansion=0)
    assert found == {"urn:a": "Preferred A", "urn:b": "Sensor B"}
    no_skos = DATA.replace(b' ; skos:prefLabel "Preferred A"@en', b"")
    found = focus_labels([("d.ttl", no_skos, None)], ["urn:a"], "fr", max_triples=None, max_expansion=0)
    assert found == {"urn:a": "Capteur A"}


def test_labels_are_named_only_when_the_job_asks(validators: WorkerPool, tmp_path: Path) -> None:
    text = "@prefix cityref: <https://w3id.org/cityref/def/> .\n@prefix ex: <https://exampleton.example/id/> .\n"
    text += "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    text += 'ex:parking-system a cityref:CitySystem ; rdfs:label "Parking <b>P</b>"@en .\n'
    plain = in_worker(validators, tmp_path, text, ["demo"])
    named = in_worker(validators, tmp_path, text, ["demo"], focus_labels=True)
    assert not plain.conforms and plain.body == named.body, "the report itself is the same"
    assert plain.labels == {}
    assert named.labels == {"https://exampleton.example/id/parking-system": "Parking <b>P</b>"}
