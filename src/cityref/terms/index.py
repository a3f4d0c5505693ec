"""The term index: every term of the ontology, looked up by IRI, CURIE, local name or notation, in memory.

Built once at start-up from the merged ontology (:meth:`TermIndex.build`); afterwards no request touches SPARQL or
walks the RDF graph for a lookup, so resolution stays fast and predictable whatever the store is doing.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from cityref.errors import BadRequest, NotFound
from cityref.ontology.model import ONTOLOGY_BASE, Ontology
from cityref.terms.record import NS, TermRecord, read_records, superclass_closure
from cityref.terms.search import SearchIndex
from cityref.terms.text import fold, unique

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_IRI_FORBIDDEN = re.compile(r"[\s<>\"{}|\\^`]")
_PREFIX = re.compile(r"^[A-Za-z_][\w.-]*$")
_NATURAL = re.compile(r"(\d+)")

Triple = tuple[URIRef, URIRef, object]


class MalformedIdentifier(BadRequest):
    """An IRI or CURIE that cannot name anything (no scheme, forbidden characters, no local part)."""

    code, title = "malformed-identifier", "Malformed identifier"


class UnknownPrefix(BadRequest):
    """A CURIE whose prefix the ontology does not declare; ``known`` lists the ones it does."""

    code, title = "unknown-prefix", "Unknown CURIE prefix"


class UnknownFilter(BadRequest):
    """A type, scheme or parent filter naming nothing the ontology holds."""

    code, title = "unknown-filter", "Unknown filter value"


def natural_key(text: str) -> list[object]:
    """Sort ``B2`` before ``B10``."""
    return [int(part) if part.isdigit() else part.lower() for part in _NATURAL.split(text)]


def check_iri(iri: str) -> None:
    """Reject what cannot be an absolute IRI, saying why (a 400, not a 404: the client sent a broken identifier)."""
    if not _SCHEME.match(iri):
        raise MalformedIdentifier(f"Malformed IRI {iri!r}: it has no scheme (expected e.g. {NS}B5)", value=iri)
    bad = _IRI_FORBIDDEN.search(iri)
    if bad:
        raise MalformedIdentifier(f"Malformed IRI {iri!r}: character {bad.group()!r} is not allowed", value=iri)


def _bounded(graph: Graph, subjects: list[URIRef]) -> list[Triple]:
    """The subjects' triples, following blank nodes (``owl:unionOf`` lists...) so that the description is whole."""
    triples: list[Triple] = []
    pending: list[Node] = list(subjects)
    seen: set[Node] = set()
    while pending:
        node = pending.pop()
        if node in seen:
            continue
        seen.add(node)
        for triple in graph.triples((node, None, None)):
            triples.append(triple)  # type: ignore[arg-type]
            if isinstance(triple[2], BNode):
                pending.append(triple[2])
    return triples


def declared_prefixes(ontology: Ontology) -> dict[str, str]:
    """The prefixes the modules declare themselves, merged."""
    found: dict[str, str] = {}
    for module in ontology.modules.values():
        found.update(module.prefixes)
    return found


class TermIndex:
    """All terms of the ``cityref:`` namespace with the lookups, hierarchy and search the term API needs."""

    def __init__(
        self,
        graph: Graph,
        *,
        version: str = "0",
        modules: dict[str, tuple[str, str | None]] | None = None,
        prefixes: dict[str, str] | None = None,
    ) -> None:
        self.version = version
        self.modules = modules or {}
        self.records: dict[str, TermRecord] = read_records(graph)
        self.prefixes: dict[str, str] = (
            dict(prefixes) if prefixes else {p: str(ns) for p, ns in graph.namespaces() if p}
        )
        self.prefixes["cityref"] = NS
        self._class_supers = superclass_closure(graph)
        self._by_local = {r.local: r.iri for r in self.records.values()}
        self._by_folded: dict[str, list[str]] = defaultdict(list)
        for record in self.records.values():
            for key in {fold(record.local), *(fold(n) for n in record.notations)}:
                self._by_folded[key].append(record.iri)
        self._subclasses: dict[str, list[str]] = defaultdict(list)
        for record in self.records.values():
            for sup in record.sub_class_of:
                self._subclasses[sup].append(record.iri)
        self._descriptions = self._collect_descriptions(graph)
        self._ancestor_sets: dict[str, frozenset[str]] = {}  # the index never changes once built
        self.search = SearchIndex(self)

    @classmethod
    def build(cls, ontology: Ontology) -> TermIndex:
        """Index the merged ontology (every module of the folder when it has no top module). An index is built
        once per ontology object and shared: lookups never change it."""
        return _index_of(ontology) if cls is TermIndex else cls._build(ontology)

    @classmethod
    def _build(cls, ontology: Ontology) -> TermIndex:
        modules = {ONTOLOGY_BASE + name: (name, m.version) for name, m in ontology.modules.items()}
        return cls(ontology.merged, version=ontology.version, modules=modules, prefixes=declared_prefixes(ontology))

    def _collect_descriptions(self, graph: Graph) -> dict[str, list[Triple]]:
        """Each term's own triples, plus those of the linkage individuals that point at it (their reasons)."""
        out: dict[str, list[Triple]] = {}
        for iri, record in self.records.items():
            subjects = [URIRef(iri), *(URIRef(link.iri) for link in record.linkages if link.iri != iri)]
            out[iri] = _bounded(graph, subjects)
        return out

    # ---- lookups -------------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[TermRecord]:
        return iter(sorted(self.records.values(), key=lambda r: natural_key(r.local)))

    def get(self, iri: str) -> TermRecord | None:
        return self.records.get(iri)

    def description(self, iri: str) -> list[Triple]:
        return self._descriptions.get(iri, [])

    def expand_curie(self, curie: str) -> str:
        """``cityref:B5`` to its IRI; an unknown prefix is a 400 naming the prefix and the known ones."""
        prefix, _, local = curie.partition(":")
        if not _PREFIX.match(prefix) or not local:
            raise MalformedIdentifier(f"Malformed CURIE {curie!r}: expected prefix:localName", value=curie)
        if prefix not in self.prefixes:
            raise UnknownPrefix(
                f"Unknown CURIE prefix {prefix!r} in {curie!r}", prefix=prefix, known=sorted(self.prefixes)
            )
        return self.prefixes[prefix] + local

    def compact(self, iri: str) -> str:
        """The CURIE of an IRI when one of our prefixes covers it, else the IRI itself."""
        best = max((ns for ns in self.prefixes.values() if iri.startswith(ns)), key=len, default=None)
        if best is None:
            return iri
        prefix = "cityref" if best == NS else next(p for p, ns in self.prefixes.items() if ns == best)
        return f"{prefix}:{iri[len(best) :]}"

    def to_iri(self, ident: str) -> str:
        """An IRI for whatever a client sent: an IRI, a CURIE, a local name or a notation (case-insensitively)."""
        ident = ident.strip()
        if "://" in ident or ident.startswith("urn:"):
            check_iri(ident)
            return ident
        if ident in self._by_local:
            return self._by_local[ident]
        if ":" in ident:
            return self.expand_curie(ident)
        found = self._by_folded.get(fold(ident), [])
        return found[0] if found else NS + ident

    def resolve(self, ident: str) -> TermRecord:
        """The term an identifier names, or a 404 that suggests close matches."""
        iri = self.to_iri(ident)
        record = self.records.get(iri)
        if record is None:
            raise NotFound(
                f"No term {ident!r} in the cityref ontology", suggestions=[r.iri for r in self.close_matches(ident)]
            )
        return record

    def close_matches(self, text: str, n: int = 5) -> list[TermRecord]:
        """Terms whose notation, local name or label is spelled like ``text`` (for 'did you mean')."""
        key = fold(text.rsplit("/", 1)[-1].rsplit(":", 1)[-1])
        keys = self.search.spellings()
        hits = difflib.get_close_matches(key, list(keys), n=n * 2, cutoff=0.6)
        iris = unique(iri for hit in hits for iri in keys[hit])
        return [self.records[i] for i in iris[:n]]

    # ---- types, hierarchy, schemes -------------------------------------------------------------------------------

    def resolve_class(self, ident: str) -> str:
        """A type filter's IRI; it must name a class the ontology knows (ours or a reused one it declares)."""
        iri = self.to_iri(ident)
        if iri not in self._class_supers and not any(iri in s for s in self._class_supers.values()):
            known = {t for r in self.records.values() for t in r.types}
            if iri not in known:
                raise UnknownFilter(f"Unknown type {ident!r}: no class of the ontology has that name", parameter="type")
        return iri

    def resolve_filter(self, ident: str, parameter: str) -> str:
        """A scheme or parent filter's IRI; it must name a term, else a 400 naming the parameter."""
        iri = self.to_iri(ident)
        if iri not in self.records:
            raise UnknownFilter(
                f"Unknown {parameter} {ident!r}: no term of the ontology has that name", parameter=parameter
            )
        return iri

    def is_subclass(self, class_iri: str, super_iri: str) -> bool:
        """``rdfs:subClassOf*``: a class is a subclass of itself."""
        return super_iri in self._class_supers.get(class_iri, {class_iri})

    def has_type(self, record: TermRecord, type_iri: str) -> bool:
        return any(type_iri in self._class_supers.get(t, {t}) for t in record.types)

    def parents(self, iri: str) -> list[str]:
        record = self.records.get(iri)
        if record is None:
            return []
        return [p for p in unique([*record.broader, *record.sub_class_of]) if p in self.records]

    def children(self, iri: str) -> list[str]:
        record = self.records.get(iri)
        found = [*(record.narrower if record else []), *self._subclasses.get(iri, [])]
        return sorted(unique(c for c in found if c in self.records), key=lambda i: natural_key(self.records[i].local))

    def _walk(self, iri: str, step: Callable[[str], list[str]]) -> list[str]:
        seen: dict[str, None] = {}
        frontier = [iri]
        while frontier:
            following: list[str] = []
            for current in frontier:
                for nxt in step(current):
                    if nxt not in seen and nxt != iri:
                        seen[nxt] = None
                        following.append(nxt)
            frontier = following
        return list(seen)

    def ancestors(self, iri: str) -> list[str]:
        """Broader concepts and superclasses, nearest first."""
        return self._walk(iri, self.parents)

    def descendants(self, iri: str) -> list[str]:
        """Narrower concepts and subclasses, nearest first."""
        return self._walk(iri, self.children)

    def schemes(self) -> list[TermRecord]:
        return [r for r in self if r.kind == "scheme"]

    def select(
        self,
        *,
        type_iri: str | None = None,
        scheme: str | None = None,
        parent: str | None = None,
        include_deprecated: bool = False,
    ) -> Iterable[TermRecord]:
        """Terms passing the list and search filters, in natural order of their local names."""
        for record in self:
            if self.accepts(record, type_iri=type_iri, scheme=scheme, parent=parent, deprecated=include_deprecated):
                yield record

    def accepts(
        self, record: TermRecord, *, type_iri: str | None, scheme: str | None, parent: str | None, deprecated: bool
    ) -> bool:
        if record.deprecated and not deprecated:
            return False
        if type_iri and not self.has_type(record, type_iri):
            return False
        if scheme and scheme not in record.in_scheme and scheme != record.iri:
            return False
        return not (parent and parent not in self.ancestor_set(record.iri))

    def ancestor_set(self, iri: str) -> frozenset[str]:
        """:meth:`ancestors` as a set, computed once per term: a parent filter tests it for every term listed."""
        found = self._ancestor_sets.get(iri)
        if found is None:
            found = self._ancestor_sets[iri] = frozenset(self.ancestors(iri))
        return found

    def module_of(self, record: TermRecord) -> dict[str, str | None] | None:
        """The defining module's name, IRI and version (from ``rdfs:isDefinedBy``)."""
        if record.defined_by is None:
            return None
        name, version = self.modules.get(record.defined_by, (record.defined_by.rsplit("/", 1)[-1], None))
        return {"module": name, "iri": record.defined_by, "version": version}


@functools.cache
def _index_of(ontology: Ontology) -> TermIndex:
    return TermIndex._build(ontology)
