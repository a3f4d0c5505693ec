"""``cityref resolve`` in-process: best matches, JSON output, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from typer.testing import CliRunner

from cityref.cli import app
from cityref.ontology.model import Ontology

runner = CliRunner()


def test_french_word_finds_interoperability_terms() -> None:
    result = runner.invoke(app, ["resolve", "interopérabilité", "--lang", "fr", "--json", "--limit", "20"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    curies = [i["curie"] for i in body["items"]]
    assert curies[0] == "cityref:principle-interoperability"
    assert "cityref:B5" in curies
    assert all(i["matched"]["lang"] == "fr" for i in body["items"][:3])


def test_table_output_and_limit() -> None:
    result = runner.invoke(app, ["resolve", "B5", "--limit", "1"])
    assert result.exit_code == 0
    assert "cityref:B5" in result.output and "notation" in result.output


def test_type_filter_and_no_match() -> None:
    typed = runner.invoke(app, ["resolve", "management", "--type", "Practice", "--json"])
    assert typed.exit_code == 0
    assert all(i["notation"] for i in json.loads(typed.output)["items"])
    none = runner.invoke(app, ["resolve", "qqqzzzxxy"])
    assert none.exit_code == 1 and "no term matches" in none.output


def test_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["resolve", "B5", "--lang", "f r"]).exit_code == 2
    assert runner.invoke(app, ["resolve", "B5", "--type", "NoSuchClass"]).exit_code == 2


def test_ontology_dir_option(lifecycle_ontology: Ontology) -> None:
    result = runner.invoke(app, ["resolve", "W1", "--json", "--include-deprecated",
                                 "--ontology-dir", str(lifecycle_ontology.directory)])  # fmt: skip
    assert result.exit_code == 0
    assert json.loads(result.output)["items"][0]["curie"] == "cityref:widget-old"


def test_console_script_entry_point() -> None:
    """The installed ``cityref`` script reaches the command (smoke test of the entry point)."""
    exe = shutil.which("cityref") or sys.executable
    args = (
        [exe, "resolve", "B5", "--json"]
        if exe.endswith("cityref")
        else [exe, "-m", "cityref", "resolve", "B5", "--json"]
    )
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["items"][0]["curie"] == "cityref:B5"
