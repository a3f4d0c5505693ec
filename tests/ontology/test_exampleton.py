"""The Exampleton sample city parses and speaks only the ontology's vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from cityref import resources
from cityref.ontology import checks
from cityref.ontology.model import CITYREF

EXAMPLE_FILES = sorted((resources.examples_dir() / "exampleton").glob("*.ttl"))


def test_exampleton_has_files() -> None:
    assert len(EXAMPLE_FILES) >= 3


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_file_parses(path: Path) -> None:
    assert checks.syntax_error(path) is None


def test_exampleton_uses_only_defined_cityref_terms(exampleton: Graph, merged: Graph) -> None:
    assert checks.undefined_terms(exampleton, merged) == []
    assert any(isinstance(p, URIRef) and p.startswith(str(CITYREF)) for p in exampleton.predicates())


def test_undefined_term_is_caught(exampleton: Graph, merged: Graph) -> None:
    damaged = Graph()
    damaged += exampleton
    damaged.add((URIRef("https://exampleton.example/id/x"), CITYREF.notAProperty, CITYREF.NotAClass))
    assert checks.undefined_terms(damaged, merged) == [str(CITYREF.NotAClass), str(CITYREF.notAProperty)]
