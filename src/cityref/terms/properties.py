"""The properties of our terms as the reconciliation service offers them: to refine a match, to suggest, and to
fetch as new columns (data extension).

One catalogue serves all three, so a property a client can fetch is also one it can match on, under the same id.
A property is either *textual* (its values are strings, perhaps language-tagged: notation, labels, definition...)
or *linking* (its values are other terms: broader, inScheme, type...). Linking values come back as entities whose
ids are valid for this very service, so OpenRefine can keep them reconciled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cityref.terms.text import fold, lang_matches

if TYPE_CHECKING:
    from cityref.terms.index import TermIndex
    from cityref.terms.record import TermRecord


@dataclass(frozen=True)
class Text:
    """A string value and its language tag (``""`` when untagged)."""

    text: str
    lang: str = ""


def _texts(values: dict[str, list[str]]) -> list[Text]:
    return [Text(text, lang) for lang, texts in values.items() for text in texts]


def _single(values: dict[str, str]) -> list[Text]:
    return [Text(text, lang) for lang, text in values.items()]


@dataclass(frozen=True)
class Property:
    """One property of the catalogue.

    ``texts`` reads a textual property's values; ``links`` a linking property's term IRIs. ``contains`` makes a
    textual condition hold when the value occurs inside a text (definitions are sentences nobody types whole), not
    only when it equals one. ``reaches`` overrides what a linking condition accepts: ``broader`` holds for an
    ancestor at any depth, not only a direct parent.
    """

    id: str
    name: str
    description: str
    texts: Callable[[TermRecord], list[Text]] | None = None
    links: Callable[[TermIndex, TermRecord], list[str]] | None = None
    contains: bool = False
    reaches: Callable[[TermIndex, TermRecord, str], bool] | None = None

    @property
    def linking(self) -> bool:
        return self.links is not None

    def values(self, index: TermIndex, record: TermRecord) -> list[Text] | list[str]:
        if self.links is not None:
            return self.links(index, record)
        assert self.texts is not None
        return self.texts(record)

    def holds_text(self, record: TermRecord, value: str, lang: str | None = None) -> bool:
        """Does the record have this textual value (folded for case and accents; in ``lang`` when one is given)?"""
        assert self.texts is not None
        wanted = fold(value)
        if not wanted:
            return False
        for text in self.texts(record):
            if lang and text.lang and not lang_matches(lang.lower(), text.lang):
                continue
            folded = fold(text.text)
            if folded == wanted or (self.contains and wanted in folded):
                return True
        return False

    def holds_link(self, index: TermIndex, record: TermRecord, target: str) -> bool:
        """Does the record link to the term ``target`` (an IRI) through this property?"""
        if self.reaches is not None:
            return self.reaches(index, record, target)
        assert self.links is not None
        return target in self.links(index, record)


def _known(index: TermIndex, iris: list[str]) -> list[str]:
    return [iri for iri in iris if iri in index.records]


CATALOGUE: dict[str, Property] = {
    p.id: p
    for p in (
        Property("notation", "notation", "the term's code, such as B5", texts=lambda r: [Text(n) for n in r.notations]),
        Property(
            "label", "preferred label", "the preferred label, in any of its languages", texts=lambda r: _texts(r.labels)
        ),
        Property(
            "altLabel",
            "alternative label",
            "a synonym or other alternative label",
            texts=lambda r: _texts(r.alt_labels),
        ),
        Property(
            "definition",
            "definition",
            "what the term means (a value matches when the definition contains it)",
            texts=lambda r: _single(r.definitions),
            contains=True,
        ),
        Property(
            "scopeNote",
            "scope note",
            "how the term is to be used (matches when the note contains the value)",
            texts=lambda r: _single(r.scope_notes),
            contains=True,
        ),
        Property(
            "source",
            "source",
            "the document and clause the term comes from (matches when it contains the value)",
            texts=lambda r: [Text(s) for s in r.sources],
            contains=True,
        ),
        Property("iri", "IRI", "the term's full IRI", texts=lambda r: [Text(r.iri)]),
        Property(
            "type",
            "type",
            "the term's class (a condition also accepts a superclass)",
            links=lambda i, r: list(r.types),
            reaches=lambda i, r, t: i.has_type(r, t),
        ),
        Property(
            "broader",
            "broader term",
            "broader concept or superclass (a condition accepts one at any depth)",
            links=lambda i, r: i.parents(r.iri),
            reaches=lambda i, r, t: t in i.ancestor_set(r.iri),
        ),
        Property(
            "narrower",
            "narrower terms",
            "narrower concepts and subclasses (a condition accepts any depth)",
            links=lambda i, r: i.children(r.iri),
            reaches=lambda i, r, t: r.iri in i.ancestor_set(t),
        ),
        Property("related", "related terms", "terms linked by skos:related", links=lambda i, r: _known(i, r.related)),
        Property(
            "inScheme",
            "concept scheme",
            "the concept scheme the term belongs to",
            links=lambda i, r: _known(i, r.in_scheme),
        ),
        Property(
            "servesPractice",
            "serves practice",
            "for city-data terms: the practices they serve",
            links=lambda i, r: _known(i, r.serves_practice),
        ),
        Property(
            "mitigatedBy",
            "mitigated by",
            "for key risks: the practices and principles that counter them",
            links=lambda i, r: _known(i, r.mitigated_by),
        ),
        Property(
            "mitigates",
            "mitigates",
            "for practices and principles: the key risks they counter",
            links=lambda i, r: _known(i, r.mitigates),
        ),
        Property(
            "replacedBy",
            "replaced by",
            "for deprecated terms: the term to use instead",
            links=lambda i, r: _known(i, r.replaced_by),
        ),
    )
}
"""Every property, by id: the ids reconciliation queries, suggest, data extension and proposals all use."""


def proposals(index: TermIndex, type_iri: str | None) -> list[Property]:
    """The properties worth fetching for terms of a type: those at least one such term has a value for, in catalogue
    order (every property when no type is given)."""
    if type_iri is None:
        return list(CATALOGUE.values())
    members = [r for r in index.records.values() if index.has_type(r, type_iri)]
    return [p for p in CATALOGUE.values() if any(p.values(index, r) for r in members)]
