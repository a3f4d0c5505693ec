"""``cityref check`` in-process: clean on the shipped ontology, exit 1 on a broken one, JSON on request."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cityref import resources
from cityref.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def clean_run() -> dict[str, object]:
    result = runner.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 0, result.output
    report: dict[str, object] = json.loads(result.output)
    return report


def copy_ontology(tmp_path: Path) -> Path:
    target = tmp_path / "ontology"
    shutil.copytree(resources.ontology_dir(), target)
    return target


def test_check_passes_on_shipped_ontology(clean_run: dict[str, object]) -> None:
    assert clean_run["ok"] is True
    checks = clean_run["checks"]
    assert isinstance(checks, list)
    names = {c["name"] for c in checks}
    assert {"parse", "headers", "closure", "owl2-dl", "exampleton", "hermit:ontology", "hermit:exampleton"} <= names
    assert {"owlapi:ontology", "owlapi:exampleton"} <= names  # the OWL API's OWL 2 DL profile checker
    assert any(n.startswith("qa:") for n in names) and any(n.startswith("count:") for n in names)
    assert all(c["status"] == "pass" for c in checks)


def test_check_prints_a_table() -> None:
    result = runner.invoke(app, ["check", "--no-reason", "--no-owlapi"])  # the Java checks: clean_run
    assert result.exit_code == 0, result.output
    assert "count:components" in result.output and "checks passed" in result.output


def test_syntax_error_exits_1_with_position(tmp_path: Path) -> None:
    folder = copy_ontology(tmp_path)
    with (folder / "core.ttl").open("a", encoding="utf-8") as out:
        out.write("\ncityref:Broken a \n")
    result = runner.invoke(app, ["check", "--format", "json", "--ontology-dir", str(folder)])
    assert result.exit_code == 1
    report = json.loads(result.output)
    parse = next(c for c in report["checks"] if c["name"] == "parse")
    assert parse["status"] == "fail" and parse["details"][0].startswith("core.ttl:")


def test_missing_label_exits_1(tmp_path: Path) -> None:
    folder = copy_ontology(tmp_path)
    path = folder / "operating-model.ttl"
    text = path.read_text(encoding="utf-8")
    assert '"modèle opérationnel de la ville intelligente"@fr,' in text
    path.write_text(text.replace('"modèle opérationnel de la ville intelligente"@fr,', "", 1), encoding="utf-8")
    args = ["check", "--no-reason", "--no-owlapi", "--format", "json", "--ontology-dir", str(folder)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    failed = {c["name"] for c in json.loads(result.output)["checks"] if c["status"] != "pass"}
    assert "count:terms-without-five-languages" in failed


def test_missing_top_module_exits_1(tmp_path: Path) -> None:
    folder = copy_ontology(tmp_path)
    (folder / "cityref.ttl").unlink()
    result = runner.invoke(app, ["check", "--no-reason", "--ontology-dir", str(folder)])
    assert result.exit_code == 1
    assert "top module" in result.output


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["check", "--format", "yaml"]).exit_code == 2
    assert runner.invoke(app, ["check", "--ontology-dir", str(tmp_path / "absent")]).exit_code == 2


def test_missing_java_is_reported_not_crashed(monkeypatch: pytest.MonkeyPatch) -> None:
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "no-such-java-runtime")
    result = runner.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 1
    checks = {c["name"]: c for c in json.loads(result.output)["checks"]}
    for name in ("hermit:ontology", "owlapi:ontology", "owlapi:exampleton"):
        assert checks[name]["status"] == "error" and "Java" in checks[name]["summary"], name


def test_undeclared_datatype_fails_the_owl_api_profile_check(tmp_path: Path) -> None:
    """A 0.1.0-style xsd:date range planted in a module: the OWL API check (and the structural one) fail."""
    folder = copy_ontology(tmp_path)
    with (folder / "city-data.ttl").open("a", encoding="utf-8") as out:
        out.write("\ncityref:plantedDay a owl:DatatypeProperty ; rdfs:range xsd:date .\n")
    result = runner.invoke(app, ["check", "--no-reason", "--format", "json", "--ontology-dir", str(folder)])
    assert result.exit_code == 1
    checks = {c["name"]: c for c in json.loads(result.output)["checks"]}
    for name in ("owlapi:ontology", "owlapi:exampleton"):
        assert checks[name]["status"] == "fail", name
        assert any("UseOfUndeclaredDatatype: xsd:date" in d and "plantedDay" in d for d in checks[name]["details"])
    assert checks["owl2-dl"]["status"] == "fail"


def test_no_owlapi_leaves_the_profile_check_out() -> None:
    result = runner.invoke(app, ["check", "--no-reason", "--no-owlapi", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert not any(c["name"].startswith("owlapi:") for c in json.loads(result.output)["checks"])


def test_inconsistent_sample_city_exits_1(tmp_path: Path) -> None:
    (tmp_path / "city.ttl").write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix ex: <https://exampleton.example/id/> .\n"
        "ex:A a owl:Class . ex:B a owl:Class ; owl:disjointWith ex:A . ex:x a owl:NamedIndividual, ex:A, ex:B .\n"
    )
    result = runner.invoke(app, ["check", "--no-owlapi", "--format", "json", "--examples-dir", str(tmp_path)])
    assert result.exit_code == 1
    statuses = {c["name"]: c["status"] for c in json.loads(result.output)["checks"]}
    assert statuses["hermit:exampleton"] == "fail"
    assert statuses["hermit:ontology"] == "pass"  # reasoned over separately once the union fails
