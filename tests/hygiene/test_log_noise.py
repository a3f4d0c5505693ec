"""Ill-typed literals in an upload are reported, not logged: rdflib's per-literal traceback stays out of the log."""

from __future__ import annotations

import logging

import pytest

from cityref.validation import validate
from cityref.validation.parse import parse_data

PREFIXES = """@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix cityref: <https://w3id.org/cityref/def/> .
@prefix ex: <http://example.org/> .
"""


def register(devices: int) -> bytes:
    """A device register where every device has an ill-typed duration and an ill-typed integer flag."""
    lines = [PREFIXES]
    for i in range(devices):
        lines.append(
            f'ex:d{i} a cityref:IoTDevice ; cityref:retentionPeriod "P1Y2X"^^xsd:duration ; '
            f'cityref:collectsPersonalData true ; cityref:inPublicSpace "abc"^^xsd:integer .'
        )
    return "\n".join(lines).encode()


def test_validating_ill_typed_literals_logs_nothing_and_reports_them(
    caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    data = register(500)  # 1,000 ill-typed literals
    report = validate([("devices.ttl", data, "text/turtle")], ["iot-device-register"])
    assert not report.conforms
    flagged = [r for r in report.results if r.value in ("P1Y2X", "abc")]
    assert {r.value for r in flagged} == {"P1Y2X", "abc"}
    assert len([r for r in flagged if r.value == "P1Y2X"]) == 500
    assert [r.getMessage()[:80] for r in caplog.records if r.name.startswith("rdflib")] == []
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Failed to convert" not in err


def test_outside_reading_data_rdflib_still_logs(caplog: pytest.LogCaptureFixture) -> None:
    """The filter is scoped to parsing deliveries: an ill-typed literal built anywhere else is still logged."""
    from rdflib import Literal, URIRef

    caplog.set_level(logging.WARNING, logger="rdflib.term")
    parse_data(register(1), "text/turtle")
    assert [r for r in caplog.records if r.name == "rdflib.term"] == []
    Literal("abc", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))
    assert any("Failed to convert" in r.getMessage() for r in caplog.records if r.name == "rdflib.term")
