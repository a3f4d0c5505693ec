"""The stable shapes a term is served in: the Term JSON, a compact reference and its RDF description (the HTML
page is ``templates/term.html``, filled by the API).

The Term JSON keeps every key on every term (empty lists, ``null``) so that clients can rely on the shape; it is
documented in ``docs/terms.md``.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph

from cityref.lang import truncations
from cityref.ontology.model import CITYREF
from cityref.terms.index import TermIndex
from cityref.terms.record import TermRecord
from cityref.terms.search import Hit
from cityref.terms.text import LangChain, first_value, lang_matches, pick_lang


def term_ref(index: TermIndex, iri: str, chain: LangChain = None) -> dict[str, Any]:
    """A short reference to a term (or to a reused IRI): enough to show it and to follow it."""
    record = index.get(iri)
    if record is None:
        return {"iri": iri, "curie": index.compact(iri), "notation": None, "label": None}
    best = first_value(record.labels, chain)
    return {"iri": iri, "curie": record.curie, "notation": record.notation, "label": best[0] if best else None}


def _refs(index: TermIndex, iris: list[str], chain: LangChain) -> list[dict[str, Any]]:
    return [term_ref(index, iri, chain) for iri in iris]


def describe(index: TermIndex, record: TermRecord, chain: LangChain = None) -> dict[str, Any]:
    """The Term JSON of ``record`` with its multilingual fields chosen by ``chain`` (``None``: every language)."""
    best = first_value(record.labels, chain)
    linkages = [
        {
            "iri": link.iri,
            "direction": "outgoing" if link.source == record.iri else "incoming",
            "from": term_ref(index, link.source, chain),
            "to": term_ref(index, link.target, chain),
            "reason": pick_lang(link.reasons, chain),
        }
        for link in record.linkages
        if link.iri != record.iri
    ]
    return {
        "iri": record.iri,
        "curie": record.curie,
        "localName": record.local,
        "notation": record.notation,
        "kind": record.kind,
        "types": _refs(index, record.types, chain),
        "label": best[0] if best else None,
        "labelLang": best[1] if best else None,
        "labels": {lang: texts[0] for lang, texts in pick_lang(record.labels, chain).items()},
        "altLabels": pick_lang(record.alt_labels, chain) if chain is None else _alt(record, chain),
        "definition": pick_lang(record.definitions, chain),
        "scopeNote": pick_lang(record.scope_notes, chain),
        "source": record.sources,
        "broader": _refs(index, record.broader, chain),
        "narrower": _refs(index, record.narrower, chain),
        "related": _refs(index, record.related, chain),
        "inScheme": _refs(index, record.in_scheme, chain),
        "topConceptOf": _refs(index, record.top_concept_of, chain),
        "topConcepts": _refs(index, record.top_concepts, chain),
        "subClassOf": _refs(index, record.sub_class_of, chain),
        "domain": _refs(index, record.domain, chain),
        "range": _refs(index, record.range, chain),
        "servesPractice": _refs(index, record.serves_practice, chain),
        "linkages": linkages,
        "mitigatedBy": _refs(index, record.mitigated_by, chain),
        "mitigates": _refs(index, record.mitigates, chain),
        "deprecated": record.deprecated,
        "withdrawn": record.withdrawn,
        "replacedBy": term_ref(index, record.replaced_by[0], chain) if record.replaced_by else None,
        "changeNote": pick_lang(record.change_notes, chain),
        "definedBy": index.module_of(record),
        "ontologyVersion": index.version,
    }


def _alt(record: TermRecord, chain: LangChain) -> dict[str, list[str]]:
    """altLabels in the chain's languages only: an absent altLabel is not worth an English stand-in."""
    assert chain is not None
    wanted = {shorter for tag in chain for shorter in truncations(tag)}
    return {lang: texts for lang, texts in record.alt_labels.items() if any(lang_matches(w, lang) for w in wanted)}


def hit_json(index: TermIndex, hit: Hit, chain: LangChain = None) -> dict[str, Any]:
    """A search or resolve hit: the term reference, its score and what matched."""
    ref = term_ref(index, hit.record.iri, chain)
    ref.update(
        kind=hit.record.kind,
        deprecated=hit.record.deprecated,
        score=hit.score,
        matched={"field": hit.field, "lang": hit.lang or None, "text": hit.text, "match": hit.match},
    )
    return ref


def rdf_graph(index: TermIndex, *records: TermRecord) -> Graph:
    """The terms' own triples (and their linkages'), with the ontology's prefixes, for Turtle, JSON-LD and the rest."""
    graph = Graph()
    for prefix, namespace in index.prefixes.items():
        graph.bind(prefix, namespace)
    graph.bind("cityref", CITYREF, override=True)
    for record in records:
        for triple in index.description(record.iri):
            graph.add(triple)  # type: ignore[arg-type]
    return graph
