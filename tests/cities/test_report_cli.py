"""``cityref report``: a city's report as one self-contained HTML page or a PDF, from the embedded store or the
city's own files; exit 2 on a usage or input error."""

from __future__ import annotations

from pathlib import Path

from tests.cities.test_gaps_cli import calm_town
from typer.testing import CliRunner

from cityref.cli import app

runner = CliRunner()
SECTIONS = ('id="maturity"', 'id="adoption"', 'id="gaps"', 'id="benefits-at-risk"', 'id="interoperability"')


def test_a_report_of_today_as_a_page_with_its_pictures(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "exampleton", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page and "Exampleton" in page
    assert all(section in page for section in SECTIONS) and page.count("<svg") == 2
    assert 'id="changes"' not in page and 'href="/static' not in page  # self-contained: no link to the server


def test_an_earlier_day_compared_in_french_on_standard_output() -> None:
    result = runner.invoke(app, ["report", "exampleton", "--on", "2026-02-01", "--since", "2025-06-01", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert '<html lang="fr">' in page and 'id="changes"' in page and "2025-06-01" in page
    assert "<svg" not in page  # the pictures show today's data: a report of another day has none


def test_a_pdf(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = runner.invoke(app, ["report", "exampleton", "--format", "pdf", "--output", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF") and len(data) > 10_000


def test_a_city_from_its_own_files(tmp_path: Path) -> None:
    calm = tmp_path / "calm.ttl"
    calm.write_text(calm_town(), encoding="utf-8")
    result = runner.invoke(app, ["report", "calm-town", "--file", str(calm)])
    assert result.exit_code == 0, result.output
    assert "Calm Town" in result.stdout and all(section in result.stdout for section in SECTIONS)


def test_usage_and_input_errors_exit_2(tmp_path: Path) -> None:
    unknown = runner.invoke(app, ["report", "atlantis"])
    assert unknown.exit_code == 2 and "exampleton" in unknown.stderr
    assert runner.invoke(app, ["report", "exampleton", "--format", "docx"]).exit_code == 2
    assert runner.invoke(app, ["report", "exampleton", "--lang", "xx"]).exit_code == 2
    bad_day = runner.invoke(app, ["report", "exampleton", "--on", "2025-13-01"])
    assert bad_day.exit_code == 2 and "YYYY-MM-DD" in bad_day.output
    assert runner.invoke(app, ["report", "exampleton", "--on", "2025-06-01", "--since", "2025-06-01"]).exit_code == 2
    absent = runner.invoke(app, ["report", "exampleton", "--file", str(tmp_path / "absent.ttl")])
    assert absent.exit_code == 2 and "absent.ttl" in absent.stderr
    unwritable = runner.invoke(app, ["report", "exampleton", "-o", str(tmp_path / "no" / "such" / "dir.html")])
    assert unwritable.exit_code == 2 and "cannot write the report" in unwritable.stderr
