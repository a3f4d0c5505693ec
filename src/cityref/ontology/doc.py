"""HTML documentation of the ontology, generated from the ontology graph itself.

:func:`document` turns a graph (the merged ontology or one module) into a page model: the cityref classes, object,
datatype and annotation properties, and the concept schemes with their concepts, each term with its labels in the
five languages, definition, source and the other statements made about it. :func:`render_html` fills the Jinja2
template ``templates/ontology.html`` with it. Nothing is written by hand, so the page cannot drift from the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from cityref import templates
from cityref.lang import best_literal
from cityref.ontology.model import CITYREF, LANGUAGES

_NS = str(CITYREF)
# Statements shown in a term's own fields rather than in its list of other statements.
_SHOWN_APART = {
    RDF.type,
    RDFS.label,
    SKOS.prefLabel,
    SKOS.altLabel,
    SKOS.definition,
    SKOS.scopeNote,
    SKOS.notation,
    DCTERMS.source,
    RDFS.isDefinedBy,
    SKOS.inScheme,
    SKOS.topConceptOf,
    OWL.deprecated,
}


@dataclass
class Link:
    text: str
    href: str | None = None


@dataclass
class TermDoc:
    """One documented term: ``anchor`` is its local name, ``label`` its label in the page's language."""

    iri: str
    anchor: str
    curie: str
    label: str
    labels: dict[str, str]
    kind: str
    definition: str | None = None
    scope_note: str | None = None
    notation: str | None = None
    sources: list[str] = field(default_factory=list)
    defined_by: str | None = None
    deprecated: bool = False
    statements: list[tuple[Link, list[Link]]] = field(default_factory=list)


@dataclass
class SchemeDoc:
    scheme: TermDoc
    concepts: list[TermDoc]


@dataclass
class OntologyPage:
    """Everything the template shows; ``sections`` are (anchor, heading, terms) in display order."""

    title: str
    description: str | None
    iri: str | None
    version: str | None
    lang: str
    sections: list[tuple[str, str, list[TermDoc]]]
    schemes: list[SchemeDoc]
    others: list[TermDoc]

    def all_terms(self) -> list[TermDoc]:
        terms = [t for _, _, ts in self.sections for t in ts] + self.others
        return terms + [d.scheme for d in self.schemes] + [c for d in self.schemes for c in d.concepts]


def _natural(text: str) -> list[object]:
    """Sort key that puts B2 before B10."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", text)]


def _in_lang(values: Iterable[object], lang: str) -> str | None:
    """The literal in ``lang``, else English, else an untagged one, else any (the rule of :mod:`cityref.lang`)."""
    found = best_literal(values, (lang,))
    return str(found) if found is not None else None


class _Builder:
    def __init__(self, graph: Graph, lang: str, href: Callable[[str], str], names: Graph) -> None:
        self.graph, self.lang, self.href, self.names = graph, lang, href, names

    def label(self, term: URIRef) -> str:
        values = [*self.names.objects(term, SKOS.prefLabel), *self.names.objects(term, RDFS.label)]
        return _in_lang(values, self.lang) or self.curie(term)

    def curie(self, term: URIRef) -> str:
        try:
            return self.names.namespace_manager.curie(term, generate=False)
        except (KeyError, ValueError):
            return str(term)

    def link(self, node: object) -> Link:
        if isinstance(node, URIRef):
            text = self.label(node) if str(node).startswith(_NS) else self.curie(node)
            return Link(text, self.href(str(node)))
        if isinstance(node, Literal):
            return Link(str(node))
        return Link("(anonymous class expression)")

    def pick_language(self, objects: list[object]) -> list[object]:
        """Language-tagged values in the page's language, or English when it has none; other values all."""
        tagged = [o for o in objects if isinstance(o, Literal) and o.language]
        rest = [o for o in objects if o not in tagged]
        for wanted in (self.lang, "en"):
            chosen = [o for o in tagged if isinstance(o, Literal) and o.language == wanted]
            if chosen:
                return rest + chosen
        return rest + tagged

    def term(self, iri: URIRef, kind: str) -> TermDoc:
        g = self.graph
        labels: dict[str, str] = {}
        for value in [*g.objects(iri, SKOS.prefLabel), *g.objects(iri, RDFS.label)]:
            if isinstance(value, Literal) and value.language in LANGUAGES:
                labels.setdefault(value.language, str(value))
        notation = g.value(iri, SKOS.notation)
        defined_by = g.value(iri, RDFS.isDefinedBy)
        values: dict[URIRef, list[object]] = {}
        for p, o in sorted(g.predicate_objects(iri)):
            if isinstance(p, URIRef) and p not in _SHOWN_APART:
                values.setdefault(p, []).append(o)
        statements = {p: [self.link(o) for o in self.pick_language(objects)] for p, objects in values.items()}
        return TermDoc(
            iri=str(iri),
            anchor=str(iri)[len(_NS) :],
            curie=self.curie(iri),
            label=self.label(iri),
            labels=labels,
            kind=kind,
            definition=_in_lang(g.objects(iri, SKOS.definition), self.lang),
            scope_note=_in_lang(g.objects(iri, SKOS.scopeNote), self.lang),
            notation=str(notation) if notation is not None else None,
            sources=sorted(str(s) for s in g.objects(iri, DCTERMS.source)),
            defined_by=str(defined_by) if defined_by is not None else None,
            deprecated=any(str(v).lower() in ("true", "1") for v in g.objects(iri, OWL.deprecated)),
            statements=[(self.link(p), ls) for p, ls in sorted(statements.items(), key=lambda i: self.label(i[0]))],
        )


def _ours(nodes: Iterable[object]) -> list[URIRef]:
    return sorted({n for n in nodes if isinstance(n, URIRef) and str(n).startswith(_NS)})


def document(
    graph: Graph, *, lang: str = "en", href: Callable[[str], str] | None = None, names: Graph | None = None
) -> OntologyPage:
    """The page model of ``graph`` in ``lang`` (labels fall back to English).

    ``href`` maps a term IRI to a link; ``names`` is the graph labels of linked terms are looked up in (the merged
    ontology, so that a module's page names the terms it borrows from other modules).
    """
    lang = lang if lang in LANGUAGES else "en"
    b = _Builder(graph, lang, href or (lambda iri: iri), names if names is not None else graph)
    sort: Callable[[TermDoc], list[object]] = lambda t: _natural(t.notation or t.label)  # noqa: E731
    kinds = [
        ("classes", "Classes", OWL.Class, "class"),
        ("object-properties", "Object properties", OWL.ObjectProperty, "object property"),
        ("datatype-properties", "Datatype properties", OWL.DatatypeProperty, "datatype property"),
        ("annotation-properties", "Annotation properties", OWL.AnnotationProperty, "annotation property"),
    ]
    seen: set[URIRef] = set()
    sections = []
    for anchor, heading, rdf_class, kind in kinds:
        iris = [i for i in _ours(graph.subjects(RDF.type, rdf_class)) if i not in seen]
        seen.update(iris)
        sections.append((anchor, heading, sorted((b.term(i, kind) for i in iris), key=sort)))
    schemes = []
    for scheme in _ours(graph.subjects(RDF.type, SKOS.ConceptScheme)):
        members = _ours(
            [
                *graph.subjects(SKOS.inScheme, scheme),
                *graph.subjects(SKOS.topConceptOf, scheme),
                *graph.objects(scheme, SKOS.hasTopConcept),
            ]
        )
        members = [m for m in members if m not in seen]
        seen.update(members)
        seen.add(scheme)
        concepts = sorted((b.term(m, "concept") for m in members), key=sort)
        schemes.append(SchemeDoc(b.term(scheme, "concept scheme"), concepts))
    schemes.sort(key=lambda s: _natural(s.scheme.label))
    others = sorted((b.term(i, "individual") for i in _ours(graph.subjects(RDF.type, None)) if i not in seen), key=sort)
    ontologies = sorted(o for o in graph.subjects(RDF.type, OWL.Ontology) if isinstance(o, URIRef))
    top = next((o for o in ontologies if str(o).endswith("/cityref")), ontologies[0] if ontologies else None)
    title = (_in_lang(graph.objects(top, DCTERMS.title), lang) if top else None) or "cityref ontology"
    description = _in_lang(graph.objects(top, DCTERMS.description), lang) if top else None
    version = graph.value(top, OWL.versionInfo) if top else None
    return OntologyPage(
        title,
        description,
        str(top) if top else None,
        str(version) if version else None,
        lang,
        sections,
        schemes,
        others,
    )


def render_html(page: OntologyPage, ui: object, **context: object) -> str:
    """The page as HTML in the shell (``ui``: the reader's :class:`cityref.api.ui.UI`, which the interfaces build:
    the model layer does not import them); ``context`` passes links the template needs (formats, modules)."""
    return templates.render("ontology.html", page.lang, page=page, ui=ui, languages=LANGUAGES, **context)
