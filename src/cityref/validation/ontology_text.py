"""The shipped ontology as the compiled engine's path needs it, read by pyoxigraph alone.

That path needs two things of the ontology: its triples as N-Triples, which join the delivery, and, for the kept
results, the labels and definitions of the terms they concern. pyoxigraph reads the module files and writes both
in about 0.02 s, where rdflib's parse, merge and serialisation took 0.4 s of every ``cityref validate``. The triples are
the same as those of :attr:`cityref.ontology.model.Ontology.merged` (the same import closure of the same files; a
test holds them equal). The rdflib graph is still made where it is needed: pySHACL, the context check, and a
caller that passes its own :class:`~cityref.ontology.model.Ontology`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import OWL, RDFS, SKOS
from rdflib.term import Node

from cityref.ontology.model import ONTOLOGY_BASE, TOP_MODULE, import_closure
from cityref.validation.parse import rdflib_converter

_DESCRIBING = frozenset({str(RDFS.label), str(SKOS.prefLabel), str(SKOS.definition)})
_IMPORTS = str(OWL.imports)
_CONVERT = rdflib_converter("")


@dataclass(frozen=True)
class OntologyText:
    """The merged ontology as N-Triples, and the terms' labels and definitions, read as an rdflib graph would be
    for :func:`cityref.validation.report.term_info` (``(term, None, None) in`` and ``objects``). The labels stay
    pyoxigraph terms until a report asks for one: a report names a few dozen terms of the thousands."""

    ntriples: bytes
    subjects: frozenset[str]
    described: dict[tuple[str, str], list[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]]
    _converted: dict[tuple[str, str], list[Node]] = field(default_factory=dict, compare=False, repr=False)

    def __contains__(self, pattern: tuple[Node, None, None]) -> bool:
        return str(pattern[0]) in self.subjects

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        key = (str(subject), str(predicate))
        if key not in self._converted:
            self._converted[key] = [_CONVERT(term) for term in self.described.get(key, ())]
        return iter(self._converted[key])


@cache
def ontology_text(directory: str) -> OntologyText:
    """The import closure of the top module of ``directory`` (every module, when it has none), read once per
    process and folder."""
    modules = {
        path.stem: list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        for path in sorted(Path(directory).glob("*.ttl"))
    }
    imports = {
        name: [
            t.object.value for t in triples if t.predicate.value == _IMPORTS and t.subject.value == ONTOLOGY_BASE + name
        ]
        for name, triples in modules.items()
    }
    names = import_closure(imports) if TOP_MODULE in modules else list(modules)
    merged = {triple: None for name in names for triple in modules[name]}  # a triple two modules state, once
    subjects: set[str] = set()
    described: dict[tuple[str, str], list[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]] = {}
    for triple in merged:
        if isinstance(triple.subject, ox.NamedNode):
            subjects.add(triple.subject.value)
            if triple.predicate.value in _DESCRIBING:
                described.setdefault((triple.subject.value, triple.predicate.value), []).append(triple.object)
    text = ox.serialize(merged, format=ox.RdfFormat.N_TRIPLES) or b""
    return OntologyText(text, frozenset(subjects), described)
