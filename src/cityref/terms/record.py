"""What the index knows about one term, read once from the merged ontology graph.

A :class:`TermRecord` holds plain strings (IRIs, literals by language) so that nothing after start-up touches rdflib:
lookups, search and rendering work on these records only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from cityref.ontology.model import CITYREF

NS = str(CITYREF)

PROPERTY_TYPES = {str(OWL.ObjectProperty), str(OWL.DatatypeProperty), str(OWL.AnnotationProperty), str(RDF.Property)}
CLASS_TYPES = {str(OWL.Class), str(RDFS.Class)}


@dataclass(frozen=True)
class LinkageRecord:
    """A ``cityref:Linkage`` individual: one subcomponent depends on another, for a stated reason."""

    iri: str
    source: str
    target: str
    reasons: dict[str, str]


@dataclass
class TermRecord:
    """Every fact the term API serves about one term of the ``cityref:`` namespace."""

    iri: str
    local: str
    types: list[str]
    notations: list[str] = field(default_factory=list)
    labels: dict[str, list[str]] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    scope_notes: dict[str, str] = field(default_factory=dict)
    change_notes: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)
    narrower: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    in_scheme: list[str] = field(default_factory=list)
    top_concept_of: list[str] = field(default_factory=list)
    top_concepts: list[str] = field(default_factory=list)
    sub_class_of: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    serves_practice: list[str] = field(default_factory=list)
    mitigated_by: list[str] = field(default_factory=list)
    mitigates: list[str] = field(default_factory=list)
    linkages: list[LinkageRecord] = field(default_factory=list)
    deprecated: bool = False
    replaced_by: list[str] = field(default_factory=list)
    defined_by: str | None = None
    kind: str = "individual"

    @property
    def curie(self) -> str:
        return "cityref:" + self.local

    @property
    def notation(self) -> str | None:
        return self.notations[0] if self.notations else None

    @property
    def withdrawn(self) -> bool:
        """Deprecated with nowhere to go: the term is kept for the record but no longer to be used."""
        return self.deprecated and not self.replaced_by


def _iris(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    return sorted(str(o) for o in graph.objects(subject, predicate) if isinstance(o, URIRef))


def _classes(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    """Named classes, with ``owl:unionOf`` lists opened up (a domain of "Initiative or CitySystem")."""
    found: set[str] = set()
    for obj in graph.objects(subject, predicate):
        if isinstance(obj, URIRef):
            found.add(str(obj))
            continue
        for union in graph.objects(obj, OWL.unionOf):
            found.update(str(m) for m in Collection(graph, union) if isinstance(m, URIRef))
    return sorted(found)


def _by_lang(graph: Graph, subject: URIRef, *predicates: URIRef) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for predicate in predicates:
        for obj in graph.objects(subject, predicate):
            if isinstance(obj, Literal):
                found[obj.language or ""].append(str(obj))
    return {lang: sorted(set(texts)) for lang, texts in sorted(found.items())}


def _one_by_lang(graph: Graph, subject: URIRef, *predicates: URIRef) -> dict[str, str]:
    return {lang: " ".join(texts) for lang, texts in _by_lang(graph, subject, *predicates).items()}


def _is_term(graph: Graph, node: Node) -> bool:
    if not isinstance(node, URIRef) or not str(node).startswith(NS) or len(str(node)) == len(NS):
        return False
    return (node, RDF.type, None) in graph or (node, SKOS.prefLabel, None) in graph or (node, RDFS.label, None) in graph


def superclass_closure(graph: Graph) -> dict[str, set[str]]:
    """Each class with all its named superclasses (itself included), from ``rdfs:subClassOf`` chains."""
    direct: dict[str, set[str]] = defaultdict(set)
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            direct[str(sub)].add(str(sup))
    closure: dict[str, set[str]] = {}
    for start in list(direct):
        seen, pending = {start}, [start]
        while pending:
            for parent in direct.get(pending.pop(), set()):
                if parent not in seen:
                    seen.add(parent)
                    pending.append(parent)
        closure[start] = seen
    return closure


def _kind(types: list[str], supers: dict[str, set[str]]) -> str:
    type_set = set(types)
    if str(SKOS.ConceptScheme) in type_set:
        return "scheme"
    if type_set & CLASS_TYPES:
        return "class"
    if type_set & PROPERTY_TYPES:
        return "property"
    if NS + "Linkage" in type_set:
        return "linkage"
    if any(str(SKOS.Concept) in supers.get(t, {t}) for t in types):
        return "concept"
    return "individual"


def read_records(graph: Graph) -> dict[str, TermRecord]:
    """Read every term of our namespace from ``graph``, with inverse links filled in both directions."""
    supers = superclass_closure(graph)
    records: dict[str, TermRecord] = {}
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef) and _is_term(graph, s)}
    for subject in sorted(subjects):
        iri = str(subject)
        types = _iris(graph, subject, RDF.type)
        record = TermRecord(
            iri=iri,
            local=iri[len(NS) :],
            types=types,
            notations=sorted(str(o) for o in graph.objects(subject, SKOS.notation)),
            labels=_by_lang(graph, subject, SKOS.prefLabel, RDFS.label),
            alt_labels=_by_lang(graph, subject, SKOS.altLabel),
            definitions=_one_by_lang(graph, subject, SKOS.definition),
            scope_notes=_one_by_lang(graph, subject, SKOS.scopeNote),
            change_notes=_one_by_lang(graph, subject, SKOS.changeNote, SKOS.historyNote),
            sources=sorted(str(o) for o in graph.objects(subject, DCTERMS.source)),
            broader=_iris(graph, subject, SKOS.broader),
            narrower=_iris(graph, subject, SKOS.narrower),
            related=_iris(graph, subject, SKOS.related),
            in_scheme=_iris(graph, subject, SKOS.inScheme),
            top_concept_of=_iris(graph, subject, SKOS.topConceptOf),
            top_concepts=_iris(graph, subject, SKOS.hasTopConcept),
            sub_class_of=_iris(graph, subject, RDFS.subClassOf),
            domain=_classes(graph, subject, RDFS.domain),
            range=_classes(graph, subject, RDFS.range),
            serves_practice=_iris(graph, subject, CITYREF.servesPractice),
            mitigated_by=_iris(graph, subject, CITYREF.mitigatedByPractice)
            + _iris(graph, subject, CITYREF.mitigatedByPrinciple),
            deprecated=any(
                o.toPython() is True for o in graph.objects(subject, OWL.deprecated) if isinstance(o, Literal)
            ),
            replaced_by=_iris(graph, subject, DCTERMS.isReplacedBy),
            defined_by=next(iter(_iris(graph, subject, RDFS.isDefinedBy)), None),
            kind=_kind(types, supers),
        )
        records[iri] = record
    _link_inverses(graph, records)
    return records


def _link_inverses(graph: Graph, records: dict[str, TermRecord]) -> None:
    """Fill what the ontology may state on one side only: narrower/broader, top concepts, mitigations, linkages."""

    def add(target: str, attribute: str, value: str) -> None:
        record = records.get(target)
        if record is not None and value not in getattr(record, attribute):
            getattr(record, attribute).append(value)

    for record in list(records.values()):
        for parent in record.broader:
            add(parent, "narrower", record.iri)
        for child in record.narrower:
            add(child, "broader", record.iri)
        for scheme in record.top_concept_of:
            add(scheme, "top_concepts", record.iri)
            add(record.iri, "in_scheme", scheme)
        for top in record.top_concepts:
            add(top, "top_concept_of", record.iri)
            add(top, "in_scheme", record.iri)
        for mitigation in record.mitigated_by:
            add(mitigation, "mitigates", record.iri)
    for record in records.values():
        if record.kind != "linkage":
            continue
        subject = URIRef(record.iri)
        source = graph.value(subject, CITYREF.linkageFrom)
        target = graph.value(subject, CITYREF.linkageTo)
        if source is None or target is None:
            continue
        linkage = LinkageRecord(
            record.iri, str(source), str(target), _one_by_lang(graph, subject, CITYREF.linkageReason)
        )
        for end in {str(source), str(target)}:
            if end in records:
                records[end].linkages.append(linkage)
    for record in records.values():
        for attribute in ("broader", "narrower", "in_scheme", "top_concept_of", "top_concepts", "mitigates"):
            getattr(record, attribute).sort()
