"""The compiled engine's path reads the ontology with pyoxigraph alone (:mod:`cityref.validation.ontology_text`):
the same triples as rdflib's merged graph, and the same term labels and definitions in every report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from cityref import resources
from cityref.ontology.model import LANGUAGES, Ontology
from cityref.validation.engine import ontology_graph
from cityref.validation.ontology_text import ontology_text
from cityref.validation.report import term_info
from cityref.validation.triples import ontology_ntriples


def _triples(text: bytes) -> tuple[set[ox.Triple], int]:
    """The triples without blank nodes, and how many have one (blank node labels differ between readers)."""
    every = list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    named = {t for t in every if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)}
    return named, len(every) - len(named)


def test_the_same_triples_as_the_merged_graph() -> None:
    folder = str(resources.ontology_dir().resolve())
    assert _triples(ontology_text(folder).ntriples) == _triples(ontology_ntriples(ontology_graph(folder)))


@pytest.mark.parametrize("lang", [*LANGUAGES, "pt"])
def test_the_same_term_details_as_the_merged_graph(lang: str) -> None:
    folder = str(resources.ontology_dir().resolve())
    graph, text = ontology_graph(folder), ontology_text(folder)
    terms = {s for s in graph.subjects() if isinstance(s, URIRef)} | {URIRef("https://example.org/not-a-term")}
    assert len(terms) > 500
    for term in terms:
        assert term_info(term, text, lang) == term_info(term, graph, lang), term


def test_a_folder_without_the_top_module_merges_every_module(tmp_path: Path) -> None:
    """As :attr:`Ontology.merged` does (a test fixture, a module being drafted)."""
    for name in ("core.ttl", "iot.ttl"):
        shutil.copy(resources.ontology_dir() / name, tmp_path / name)
    merged = Ontology(tmp_path).merged
    assert _triples(ontology_text(str(tmp_path)).ntriples) == _triples(ontology_ntriples(merged))
