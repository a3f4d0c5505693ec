"""``cityref gaps``: exit 0 when the rules find no gap, 1 when they find some, 2 on a usage or input error (an
unknown city names the known ones), over the embedded store (in memory, or a ``--data-dir``)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rdflib import RDF
from tests.cities.conftest import model
from tests.cities.test_gaps import C, text_in
from typer.testing import CliRunner

from cityref import resources
from cityref.cities.export import GAP_COLUMNS
from cityref.cli import app

runner = CliRunner()


def calm_town() -> str:
    """A city at "partial" on every practice and principle, each with evidence: no rule has anything to say."""
    onto = model()
    parts = sorted({*onto.subjects(RDF.type, C.Practice), *onto.subjects(RDF.type, C.DeliveryPrinciple)})
    assert len(parts) == 30
    records = "".join(
        f"t:r{n} a cityref:PracticeAdoption ; cityref:adoptionOf <{p}> ; cityref:owner t:org ;"
        f" cityref:adoptionStatus cityref:adoption-status-partial ; cityref:adoptionEvidence t:plan .\n"
        for n, p in enumerate(parts)
    )
    links = " , ".join(f"t:r{n}" for n in range(len(parts)))
    return (
        "@prefix cityref: <https://w3id.org/cityref/def/> . @prefix t: <https://calm.example/id/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        't:city a cityref:City ; rdfs:label "Calm Town"@en . t:org a cityref:Organisation .\n'
        "t:a a cityref:AdoptionAssessment ; cityref:assessesCity t:city ; cityref:owner t:org ;\n"
        f' cityref:recordedOn "2026-02-01T00:00:00Z"^^xsd:dateTime ; cityref:hasAdoption {links} .\n' + records
    )


def test_exampleton_has_gaps_exit_1_with_reasons_in_json() -> None:
    result = runner.invoke(app, ["gaps", "exampleton", "--format", "json", "--lang", "it"])
    assert result.exit_code == 1, result.output
    body = json.loads(result.stdout)
    assert body["count"] == len(body["gaps"]) > 20
    gap = next(g for g in body["gaps"] if g["why"]["source"] and g["why"]["source"]["iri"] == str(C["linkage-B9-B10"]))
    assert gap["why"]["text"] == text_in(model(), C["linkage-B9-B10"], C.linkageReason, "it")


def test_a_graph_iri_and_csv_and_the_table() -> None:
    graph = "https://w3id.org/cityref/graph/city/exampleton"
    result = runner.invoke(app, ["gaps", graph, "-f", "csv", "--date", "2025-03-03"])
    assert result.exit_code == 1
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == GAP_COLUMNS and {r[-1] for r in rows[1:]} == {"https://exampleton.example/id/adoption-2025"}
    table = runner.invoke(app, ["gaps", "exampleton"], env={"COLUMNS": "200"})
    assert table.exit_code == 1 and "B5 Mapping the city's interoperability needs" in table.stdout


def test_usage_errors_exit_2() -> None:
    unknown = runner.invoke(app, ["gaps", "atlantis"])
    assert unknown.exit_code == 2 and "exampleton" in unknown.stderr
    assert runner.invoke(app, ["gaps", "exampleton", "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["gaps", "exampleton", "--lang", "xx"]).exit_code == 2
    assert runner.invoke(app, ["gaps", "exampleton", "--date", "2020-01-01"]).exit_code == 2


def test_a_city_without_gaps_exits_0(tmp_path: Path) -> None:
    data = tmp_path / "calm.ttl"
    data.write_text(calm_town(), encoding="utf-8")
    store = tmp_path / "store"
    graph = "https://w3id.org/cityref/graph/city/calm-town"
    loaded = runner.invoke(app, ["load", str(data), "--graph", graph, "--data-dir", str(store)])
    assert loaded.exit_code == 0, loaded.output
    result = runner.invoke(app, ["gaps", "calm-town", "--data-dir", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["count"] == 0
    assert runner.invoke(app, ["gaps", "exampleton", "--data-dir", str(store)]).exit_code == 1


def test_a_city_read_from_its_files(tmp_path: Path) -> None:
    """``--file`` reads the city's graph from files into memory: the same gaps as the shipped graph from the same
    files, none for Calm Town, and no store written."""
    shipped = runner.invoke(app, ["gaps", "exampleton", "-f", "json"])
    files = sorted((resources.examples_dir() / "exampleton").glob("*.ttl"))
    assert len(files) > 1
    args = [arg for f in files for arg in ("--file", str(f))]
    from_files = runner.invoke(app, ["gaps", "exampleton", "-f", "json", *args])
    assert from_files.exit_code == shipped.exit_code == 1, from_files.output
    assert json.loads(from_files.stdout) == json.loads(shipped.stdout)
    calm = tmp_path / "calm.ttl"
    calm.write_text(calm_town(), encoding="utf-8")
    result = runner.invoke(app, ["gaps", "calm-town", "--file", str(calm), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["city"]["label"] == "Calm Town"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calm.ttl"]
    # Exampleton's graph, replaced by Calm Town's files in memory, has no gap either.
    assert runner.invoke(app, ["gaps", "exampleton", "--file", str(calm)]).exit_code == 0


def test_files_that_cannot_be_read_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix x: <https://x.example/> .\nx:a x:b\n", encoding="utf-8")
    result = runner.invoke(app, ["gaps", "broken", "--file", str(broken)])
    assert result.exit_code == 2 and "broken.ttl" in result.stderr and "line 3" in result.stderr
    absent = runner.invoke(app, ["gaps", "calm-town", "--file", str(tmp_path / "absent.ttl")])
    assert absent.exit_code == 2 and "absent.ttl" in absent.stderr
    both = runner.invoke(app, ["gaps", "calm-town", "--file", str(broken), "--data-dir", str(tmp_path / "store")])
    assert both.exit_code == 2 and not (tmp_path / "store").exists()
