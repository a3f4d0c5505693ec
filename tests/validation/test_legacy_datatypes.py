"""A 0.1.0 delivery (days as xsd:date, retention as an xsd:duration) is still read: no violation, and a warning on
each old value that says what 0.2.0 writes instead. Both engines agree (see test_engines for every example)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cityref import resources
from cityref.validation import validate

DELIVERIES = resources.examples_dir() / "deliveries"
LEGACY = sorted(DELIVERIES.glob("*/legacy-0-1-0.trig"))


def test_there_are_legacy_cases_for_dates_and_retention() -> None:
    assert {p.parent.name for p in LEGACY} >= {"iot-device-register", "roadmap"}


@pytest.mark.parametrize("path", LEGACY, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_legacy_delivery_is_read_with_warnings_that_say_what_to_write(path: Path, lang: str) -> None:
    report = validate(path, [path.parent.name], lang=lang)
    assert report.counts["Violation"] == 0
    assert report.counts["Warning"] == len(report.results) > 0
    for result in report.results:
        assert "0.1.0" in result.message
        assert "xsd:dateTime" in result.fix_hint or "cityref:retentionDays" in result.fix_hint


def test_the_same_delivery_in_0_2_0_form_is_clean() -> None:
    """The legacy register is the valid one written the old way: the warnings are all that separates them."""
    valid = validate(DELIVERIES / "iot-device-register" / "valid.trig", ["iot-device-register"])
    legacy = validate(DELIVERIES / "iot-device-register" / "legacy-0-1-0.trig", ["iot-device-register"])
    assert valid.conforms and not legacy.conforms
    assert {r.path for r in legacy.results} == {
        "https://w3id.org/cityref/def/inServiceSince",
        "https://w3id.org/cityref/def/retentionPeriod",
    }


def test_a_wrong_value_in_a_legacy_delivery_is_still_a_violation() -> None:
    text = (DELIVERIES / "roadmap" / "legacy-0-1-0.trig").read_text(encoding="utf-8")
    broken = text.replace('"2025-12-19"^^xsd:date', '"19 December"', 1)
    assert broken != text
    report = validate(broken, ["roadmap"], content_type="application/trig")
    assert report.counts["Violation"] > 0
