"""Conflicts between a delivery and the city it is checked against: the delivery re-describes a resource the city
already holds, differently (another label, another operator).

SHACL cannot say this (a shape sees one data graph, not whose triple is whose), so the conflicts are found here,
in Python, from the two graphs kept apart, and added to the engine's report graph as ordinary results: every report
format then carries them, and both engines give the same ones.

Only properties the model means to have one value are compared: the label properties (one per language tag), the
ontology's ``owl:FunctionalProperty`` declarations, and the properties it flags ``cityref:singleValued true`` (one
value by the model's meaning, though not declared functional, so that a delivery may still be checked by the
profiles' cardinalities). A key (subject, property[, language]) conflicts when the delivery gives a value the city
lacks and the city has one the delivery lacks: repeating the city's value, or adding a language the city has no
label in, is no conflict.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, XSD
from rdflib.term import Node

from cityref.ontology.model import CITYREF
from cityref.validation.findings import Found
from cityref.validation.profiles import pick_text
from cityref.validation.report import CONFLICT_COMPONENT_TEXT

CONFLICT_SHAPE = URIRef("https://w3id.org/cityref/def/shapes/context-conflict")
CONFLICT_COMPONENT = URIRef(CONFLICT_COMPONENT_TEXT)
LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel)
SINGLE_VALUED = CITYREF.singleValued
"""The annotation by which the model flags a property meant to have one value that is not declared functional."""

# Our own wording, one template per language; {new} is the delivery's value, {old} the city's, {property} the
# property's label in that language.
LABEL_MESSAGES = {
    "en": 'The delivery gives the label "{new}" but the city\'s graph has "{old}"',
    "fr": "La livraison donne le libellé « {new} », alors que le graphe de la ville a « {old} »",
    "es": "La entrega da la etiqueta «{new}», pero el grafo de la ciudad tiene «{old}»",
    "de": "Die Lieferung gibt die Bezeichnung „{new}“ an, der Graph der Stadt hat jedoch „{old}“",
    "it": "La consegna indica l'etichetta «{new}», ma il grafo della città ha «{old}»",
}
VALUE_MESSAGES = {
    "en": 'The delivery gives "{new}" as {property} but the city\'s graph has "{old}"',
    "fr": "La livraison indique « {new} » comme {property}, alors que le graphe de la ville a « {old} »",
    "es": "La entrega indica «{new}» como {property}, pero el grafo de la ciudad tiene «{old}»",
    "de": "Die Lieferung gibt „{new}“ als {property} an, der Graph der Stadt hat jedoch „{old}“",
    "it": "La consegna indica «{new}» come {property}, ma il grafo della città ha «{old}»",
}

Key = tuple[URIRef, URIRef, str | None]
Index = dict[Key, set[Node]]


@dataclass(frozen=True)
class Conflict:
    """One (subject, property[, language]) the delivery and the city describe differently."""

    subject: URIRef
    prop: URIRef
    language: str | None
    delivered: tuple[Node, ...]
    held: tuple[Node, ...]


def compared_properties(ontology: Graph) -> frozenset[URIRef]:
    """The properties compared: labels, and the ontology's functional and :data:`SINGLE_VALUED` properties."""
    found: set[Node] = set(LABEL_PROPERTIES)
    found.update(ontology.subjects(RDF.type, OWL.FunctionalProperty))
    found.update(ontology.subjects(SINGLE_VALUED, Literal(True)))
    return frozenset(p for p in found if isinstance(p, URIRef))


def _key(subject: URIRef, prop: URIRef, obj: Node) -> Key:
    language = obj.language if prop in LABEL_PROPERTIES and isinstance(obj, Literal) else None
    return subject, prop, language.lower() if language else None


def _normal(obj: Node) -> Node:
    """Language tags compared case-insensitively (``"x"@EN`` is ``"x"@en``), typed literals by their canonical form
    (``"0730"^^xsd:integer`` is ``"730"``), whether or not the parser normalised them."""
    if isinstance(obj, Literal) and obj.language:
        return Literal(str(obj), lang=obj.language.lower())
    if isinstance(obj, Literal) and obj.datatype is not None:
        return Literal(str(obj), datatype=obj.datatype, normalize=True)
    return obj


def index_graph(graph: Graph, properties: frozenset[URIRef]) -> Index:
    """The compared values of an rdflib graph (the reference engine's path), by key; blank nodes left out."""
    found: Index = {}
    for prop in properties:
        for subject, obj in graph.subject_objects(prop):
            if isinstance(subject, URIRef) and not isinstance(obj, BNode):
                found.setdefault(_key(subject, prop, obj), set()).add(_normal(obj))
    return found


def _term(node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node | None:
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return Literal(node.value, lang=node.language)
        datatype = node.datatype.value
        return Literal(node.value) if datatype == str(XSD.string) else Literal(node.value, datatype=URIRef(datatype))
    return None


def index_ntriples(text: bytes, properties: frozenset[URIRef]) -> Index:
    """The compared values of N-Triples (the compiled engine's path), as :func:`index_graph` finds them."""
    wanted = {str(p) for p in properties}
    found: Index = {}
    for triple in ox.parse(text, format=ox.RdfFormat.N_TRIPLES):
        if triple.predicate.value not in wanted or not isinstance(triple.subject, ox.NamedNode):
            continue
        obj = _term(triple.object)
        if obj is not None:
            prop = URIRef(triple.predicate.value)
            found.setdefault(_key(URIRef(triple.subject.value), prop, obj), set()).add(_normal(obj))
    return found


def find_conflicts(delivery: Index, city: Index) -> list[Conflict]:
    """Every key both describe where each gives a value the other lacks, in a stable order."""
    found = []
    for key in sorted(delivery.keys() & city.keys(), key=lambda k: (str(k[0]), str(k[1]), k[2] or "")):
        new, old = delivery[key] - city[key], city[key] - delivery[key]
        if new and old:
            found.append(Conflict(*key, tuple(sorted(new, key=str)), tuple(sorted(old, key=str))))
    return found


def _property_label(prop: URIRef, ontology: Graph | None, lang: str) -> str:
    labels: list[Node] = list(ontology.objects(prop, RDFS.label)) if ontology is not None else []
    return pick_text(labels, lang) or str(prop).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def messages(conflict: Conflict, ontology: Graph | None) -> Iterator[Literal]:
    """The conflict's message in each of the five languages, naming both values."""
    new = ", ".join(str(v) for v in conflict.delivered)
    old = ", ".join(str(v) for v in conflict.held)
    templates = LABEL_MESSAGES if conflict.prop in LABEL_PROPERTIES else VALUE_MESSAGES
    for lang, template in templates.items():
        text = template.format(new=new, old=old, property=_property_label(conflict.prop, ontology, lang))
        yield Literal(text, lang=lang)


def as_found(conflicts: Iterable[Conflict], severity: str, ontology: Graph | None = None) -> list[Found]:
    """Each conflict as a validation result (one value: the delivery's first differing one), so that it is
    counted, ordered, cut and rendered as every other result."""
    return [
        Found(
            focus=conflict.subject,
            severity=SH[severity],
            component=CONFLICT_COMPONENT,
            shape=CONFLICT_SHAPE,
            value=conflict.delivered[0],
            path=conflict.prop,
            messages=tuple(messages(conflict, ontology)),
        )
        for conflict in conflicts
    ]


__all__: Sequence[str] = (
    "CONFLICT_COMPONENT",
    "CONFLICT_SHAPE",
    "Conflict",
    "as_found",
    "compared_properties",
    "find_conflicts",
    "index_graph",
    "index_ntriples",
)
