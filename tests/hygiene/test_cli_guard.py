"""The command line never prints a Python traceback: expected errors get a message and exit 2, and anything
unexpected one line on stderr (exit 2, with a request to report it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from cityref import cli
from cityref.cli._app import app

ILL_TYPED = """@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix cityref: <https://w3id.org/cityref/def/> .
@prefix ex: <http://example.org/> .
ex:d1 a cityref:IoTDevice ; cityref:retentionPeriod "P1Y2X"^^xsd:duration ; cityref:collectsPersonalData true ;
    cityref:inPublicSpace "abc"^^xsd:integer .
"""


@pytest.fixture()
def ill_typed(tmp_path: Path) -> Path:
    path = tmp_path / "devices.ttl"
    path.write_text(ILL_TYPED)
    return path


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cityref", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_validating_a_malformed_duration_prints_the_report_and_no_traceback(ill_typed: Path) -> None:
    for extra in ([], ["--timeout", "60"]):  # in-process, and in a worker process
        result = run("validate", str(ill_typed), "-p", "iot-device-register", *extra)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and "Failed to convert" not in result.stderr
        assert "retentionPeriod" in result.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--timeout", "-1"], "--timeout must be a positive number"),
        (["--timeout", "nan"], "--timeout must be a positive number"),
        (["-o", "/nonexistent-dir/report.txt"], "Cannot write the report"),
    ],
)
def test_odd_validate_flags_are_usage_errors(ill_typed: Path, tmp_path: Path, args: list[str], says: str) -> None:
    result = run("validate", str(ill_typed), "-p", "iot-device-register", *args)
    assert result.returncode == 2
    assert says in result.stderr and "Traceback" not in result.stderr


def test_writing_the_report_into_a_directory_is_a_usage_error(ill_typed: Path, tmp_path: Path) -> None:
    result = run("validate", str(ill_typed), "-p", "iot-device-register", "-o", str(tmp_path))
    assert result.returncode == 2 and "Cannot write the report" in result.stderr
    assert "Traceback" not in result.stderr


def test_load_and_query_refuse_an_endpoint_that_is_not_an_http_url(ill_typed: Path) -> None:
    load = run("load", str(ill_typed), "--graph", "urn:x", "--endpoint", "not a url")
    assert load.returncode == 2 and "--endpoint must be an http" in load.stderr
    query = run("query", "silo-systems", "--endpoint", "ftp//nowhere")
    assert query.returncode == 2 and "Traceback" not in load.stderr + query.stderr


def test_query_parameters_that_are_ill_typed_literals_are_usage_errors(tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("# title: t\n# param: d (date) a day\nSELECT ?d WHERE { BIND(?d AS ?e) }\n")
    result = run("query", str(rq), "-p", "d=P1Y2X")
    assert result.returncode == 2 and "not a date" in result.stderr and "Traceback" not in result.stderr


def test_a_malformed_setting_is_one_line_and_exit_2() -> None:
    result = run("serve", env={"CITYREF_RATE_LIMIT_SPARQL": "lots"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "cityref: invalid setting (CITYREF_* environment): rate_limit_sparql: Value error, couldn't parse rate "
        "limit string 'lots'"
    ]


def test_an_unexpected_error_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    @app.command("test-only-explode")
    def explode() -> None:
        raise ZeroDivisionError("division by zero\nsecond line")

    try:
        monkeypatch.setattr(sys, "argv", ["cityref", "test-only-explode"])
        with pytest.raises(SystemExit) as exit_info:
            cli.main()
    finally:
        app.registered_commands[:] = [c for c in app.registered_commands if c.name != "test-only-explode"]
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("cityref: unexpected error (ZeroDivisionError): division by zero second line")
    assert "please report it" in err


def test_typer_exits_keep_their_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    @app.command("test-only-exit")
    def leave() -> None:
        raise typer.Exit(1)

    try:
        monkeypatch.setattr(sys, "argv", ["cityref", "test-only-exit"])
        with pytest.raises(SystemExit) as exit_info:
            cli.main()
    finally:
        app.registered_commands[:] = [c for c in app.registered_commands if c.name != "test-only-exit"]
    assert exit_info.value.code == 1
