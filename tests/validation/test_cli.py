"""``cityref validate``: exit codes 0/1/2, formats, output file, and one real subprocess run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from tests.validation.conftest import BROKEN, PROFILES, VALID
from typer.testing import CliRunner

from cityref.cli import app
from cityref.validation import profiles as profiles_module

runner = CliRunner()


@pytest.fixture(autouse=True)
def demo_profiles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the shipped-profiles folder at the test profiles for the in-process runs."""
    monkeypatch.setattr("cityref.resources.shapes_dir", lambda: PROFILES)
    assert profiles_module.load_profiles(PROFILES)


def test_conforming_file_exits_0() -> None:
    result = runner.invoke(app, ["validate", str(VALID), "--profile", "demo"])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_broken_file_exits_1_with_json() -> None:
    result = runner.invoke(app, ["validate", str(BROKEN), "-p", "demo", "--format", "json", "--lang", "fr"])
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    assert body["conforms"] is False and body["results"][0]["message"].startswith("Le système")


def test_severity_option_changes_the_verdict(tmp_path: Path) -> None:
    data = tmp_path / "d.ttl"
    data.write_text(VALID.read_text().replace('dct:description "Runs the traffic lights." ;', ""))
    assert runner.invoke(app, ["validate", str(data), "-p", "demo"]).exit_code == 1
    assert runner.invoke(app, ["validate", str(data), "-p", "demo", "--severity", "Warning"]).exit_code == 0


def test_junit_to_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.xml"
    result = runner.invoke(app, ["validate", str(BROKEN), "-p", "demo", "-f", "junit", "-o", str(target)])
    assert result.exit_code == 1
    assert ET.parse(target).getroot().get("failures") == "6"


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{broken}", "-p", "nope"],
        ["validate", "{broken}"],
        ["validate", "{broken}", "-p", "demo", "-f", "pdf"],
        ["validate", "/no/such/file.ttl", "-p", "demo"],
        ["validate", "{bad}", "-p", "demo"],
    ],
    ids=["unknown-profile", "no-profile", "bad-format", "missing-file", "malformed"],
)
def test_bad_input_or_usage_exits_2(tmp_path: Path, args: list[str]) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a> <http://b> .")
    result = runner.invoke(app, [a.format(broken=BROKEN, bad=bad) for a in args])
    assert result.exit_code == 2, result.output


def test_malformed_file_reports_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a> <http://b> <http://c> .\n<http://a> <http://b> .")
    result = runner.invoke(app, ["validate", str(bad), "-p", "demo"])
    assert result.exit_code == 2 and "line 2" in result.output


def test_real_command_in_a_subprocess() -> None:
    """The installed entry point works end to end, against a shipped profile."""
    completed = subprocess.run(
        [sys.executable, "-m", "cityref", "validate", str(VALID), "--profile", "iot-device-register", "-f", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr  # no devices in the file: nothing to violate
    assert json.loads(completed.stdout)["profiles"] == ["iot-device-register"]


def test_large_input_path_with_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    """The progress display path (taken for large files on a terminal) reads and validates the same way."""
    monkeypatch.setattr("cityref.cli.validate.LARGE_BYTES", 0)
    drawn = []
    monkeypatch.setattr("cityref.cli.validate._on_terminal", lambda err: drawn.append(err.console) or True)
    result = runner.invoke(app, ["validate", str(BROKEN), str(VALID), "-p", "demo", "-f", "json"])
    assert result.exit_code == 1
    assert drawn  # the display was asked for
    body = json.loads(result.stdout)  # the progress display goes to standard error
    assert body["counts"]["Violation"] == 2


def test_no_progress_display_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Written to a pipe (a CI log), a large validation draws no bar and no spinner, and loads no progress code."""
    monkeypatch.setattr("cityref.cli.validate.LARGE_BYTES", 0)
    monkeypatch.delitem(sys.modules, "rich.progress", raising=False)
    result = runner.invoke(app, ["validate", str(BROKEN), "-p", "demo", "-f", "json"])
    assert result.exit_code == 1
    assert "rich.progress" not in sys.modules
    assert "Validating" not in result.stderr and "Reading" not in result.stderr


def test_a_run_off_a_terminal_loads_no_console_even_with_force_color(tmp_path: Path) -> None:
    """Off a terminal nothing is drawn, whatever ``FORCE_COLOR`` (which CI services set) says, and rich, which a
    run that goes well does not use, is not even imported (about 14 ms of every run)."""
    big = tmp_path / "big.ttl"
    big.write_bytes(VALID.read_bytes() + b"\n" + b"#" * (3 * 1024 * 1024) + b"\n")  # past LARGE_BYTES
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cityref", "validate", str(big), "-p", "iot-device-register"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "FORCE_COLOR": "1"},
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in completed.stderr.splitlines() if "|" in line}
    assert "cityref.validation" in imported and "rich.console" not in imported
    assert "Validating" not in completed.stderr and "Reading" not in completed.stderr


def test_error_text_is_not_read_as_console_markup(tmp_path: Path) -> None:
    """A file name (or a parser message quoting the file) with square brackets is printed as is, not as markup."""
    odd = tmp_path / "delivery[red].ttl"
    odd.write_text("<http://e/a> <http://e/b> .\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(odd), "-p", "demo"])
    assert result.exit_code == 2, result.output
    assert "delivery[red].ttl" in result.output


@pytest.mark.parametrize("engine", ["pyshacl", "shacl-rust"])
def test_engine_option(engine: str) -> None:
    """Either engine by name gives the report the default path gives."""
    result = runner.invoke(app, ["validate", str(BROKEN), "-p", "demo", "-f", "json", "--engine", engine])
    assert result.exit_code == 1, result.output
    default = runner.invoke(app, ["validate", str(BROKEN), "-p", "demo", "-f", "json"])
    assert json.loads(result.stdout) == json.loads(default.stdout)


def test_unknown_engine_exits_2() -> None:
    result = runner.invoke(app, ["validate", str(VALID), "-p", "demo", "--engine", "jena"])
    assert result.exit_code == 2
