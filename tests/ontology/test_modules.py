"""Every module parses, carries one complete owl:Ontology header, and the top module's closure covers them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from cityref import resources
from cityref.ontology import checks
from cityref.ontology.model import ONTOLOGY_BASE, TOP_MODULE, Ontology

MODULE_FILES = sorted(resources.ontology_dir().glob("*.ttl"))


def test_modules_exist() -> None:
    assert {p.stem for p in MODULE_FILES} >= {TOP_MODULE, "core", "operating-model", "city-data", "alignments"}


@pytest.mark.parametrize("path", MODULE_FILES, ids=lambda p: p.name)
def test_module_parses(path: Path) -> None:
    assert checks.syntax_error(path) is None


@pytest.mark.parametrize("path", MODULE_FILES, ids=lambda p: p.name)
def test_module_header(path: Path) -> None:
    graph = Graph().parse(path, format="turtle")
    iri = next(iter(graph.subjects(RDF.type, OWL.Ontology)))
    assert list(graph.subjects(RDF.type, OWL.Ontology)) == [iri]
    assert str(iri) == ONTOLOGY_BASE + path.stem
    for label, predicate in checks.HEADER_FIELDS.items():
        assert graph.value(iri, predicate) is not None, f"{path.name} lacks {label}"
    version = graph.value(iri, OWL.versionInfo)
    assert str(graph.value(iri, OWL.versionIRI)) == f"{ONTOLOGY_BASE}{version}/{path.stem}"


def test_closure_covers_every_module(ontology: Ontology) -> None:
    assert {m.name for m in ontology.closure()} == {p.stem for p in MODULE_FILES}
    assert checks.check_closure(ontology).status == "pass"


def test_merged_holds_every_module(ontology: Ontology, merged: Graph) -> None:
    for module in ontology.modules.values():
        assert len(module.graph - merged) == 0, module.name
    assert len(ontology.ontology_iris()) == len(MODULE_FILES)


def test_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e ex:f ex:g .\n")
    problem = checks.syntax_error(bad)
    assert problem is not None and problem.startswith("broken.ttl:3:")


def test_missing_header_field_is_reported(tmp_path: Path) -> None:
    text = (resources.ontology_dir() / "core.ttl").read_text(encoding="utf-8")
    (tmp_path / "core.ttl").write_text(text.replace("dct:license", "dct:rights"), encoding="utf-8")
    result = checks.check_headers(Ontology(tmp_path))
    assert result.status == "fail" and any("dct:license" in d for d in result.details)


def test_external_import_is_reported(tmp_path: Path) -> None:
    for path in MODULE_FILES:
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / "core.ttl").open("a", encoding="utf-8") as out:
        out.write(f"\n<{ONTOLOGY_BASE}core> <{OWL.imports}> <http://www.w3.org/2004/02/skos/core> .\n")
    result = checks.check_closure(Ontology(tmp_path))
    assert result.status == "fail" and "skos/core" in result.details[0]


def test_rdflib_only_syntax_error_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When only rdflib (the loader the service uses) rejects a file, its error is located too."""
    bad = tmp_path / "broken.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "open ;\n')
    monkeypatch.setattr(checks.ox, "parse", lambda **_: iter(()))
    assert checks.syntax_error(bad, rdflib_too=False) is None
    problem = checks.syntax_error(bad)
    assert problem is not None and problem.startswith("broken.ttl:2:")
