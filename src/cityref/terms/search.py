"""Ranked multilingual search and autocomplete over the term index, with no SPARQL and no scan of the graph.

Ranking tiers (score out of 100, best hit per term kept), in the order users of term services expect:

=====================  =======  ==========================================================
match                  score    example
=====================  =======  ==========================================================
IRI / CURIE / notation 100      ``B5``, ``cityref:B5``
exact label            90       ``Strategiemanagement``
label prefix           70-79    ``Mapping the city``
exact altLabel         60
altLabel prefix        50-59
every word in a label  40-49    ``interopérabilité`` (a word of B5's French label)
every word in altLabel 30-39
every word in the      20-29
definition
=====================  =======  ==========================================================

Within a tier, the larger the share of the label the query covers, the higher the score; a match in one of the
client's languages (English when none is asked for) gets half a point more.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from cityref.errors import CityrefError
from cityref.lang import truncations
from cityref.terms.text import LangChain, fold, lang_matches, words

if TYPE_CHECKING:
    from cityref.terms.index import TermIndex
    from cityref.terms.record import TermRecord

_MIN_PREFIX = 3  # shorter query words must match whole words, or "a" would match half the vocabulary


def _preferred(lang: str, chain: LangChain) -> bool:
    """Is a text in ``lang`` in one of the client's languages (``fr-CA`` counts ``fr`` texts; English by default)?"""
    return any(lang_matches(wanted, lang) for tag in chain or ("en",) for wanted in truncations(tag))


@dataclass(frozen=True)
class Entry:
    """One searchable string of one term: which field, which language, the text and its folded words."""

    iri: str
    field: str
    lang: str
    text: str
    folded: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    """A search result: the term, its score, and what matched (field, language, text, kind of match)."""

    record: TermRecord
    score: float
    field: str
    lang: str
    text: str
    match: str


class SearchIndex:
    """Exact, prefix and word indexes over notations, local names, labels, altLabels and definitions."""

    def __init__(self, index: TermIndex) -> None:
        self.index = index
        self.entries: list[Entry] = []
        for record in index.records.values():
            for notation in record.notations:
                self._add(record.iri, "notation", "", notation)
            self._add(record.iri, "localName", "", record.local)
            for field, values in (("label", record.labels), ("altLabel", record.alt_labels)):
                for lang, texts in values.items():
                    for text in texts:
                        self._add(record.iri, field, lang, text)
            for lang, text in record.definitions.items():
                self._add(record.iri, "definition", lang, text)
        self.exact: dict[str, list[Entry]] = defaultdict(list)
        self.by_word: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            if entry.field != "definition":
                self.exact[entry.folded].append(entry)
            for word in set(entry.words):
                self.by_word[word].append(entry)
        names = [e for e in self.entries if e.field in ("label", "altLabel", "notation")]
        self._prefix_keys = sorted((e.folded, i) for i, e in enumerate(names))
        self._prefix_entries = names
        self._words = sorted(self.by_word)

    def _add(self, iri: str, field: str, lang: str, text: str) -> None:
        self.entries.append(Entry(iri, field, lang, text, fold(text), tuple(words(text))))

    def spellings(self) -> dict[str, list[str]]:
        return self._spellings

    @cached_property
    def _spellings(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for entry in self.entries:
            if entry.field != "definition" and entry.iri not in out[entry.folded]:
                out[entry.folded].append(entry.iri)
        return dict(out)

    def _prefixed(self, prefix: str) -> list[Entry]:
        start = bisect.bisect_left(self._prefix_keys, (prefix, -1))
        found: list[Entry] = []
        for key, position in self._prefix_keys[start:]:
            if not key.startswith(prefix):
                break
            found.append(self._prefix_entries[position])
        return found

    def _word_entries(self, word: str) -> set[int]:
        """Ids of entries holding ``word`` (or, for words of 3+ letters, a word starting with it)."""
        if len(word) < _MIN_PREFIX:
            return {id(e) for e in self.by_word.get(word, ())}
        start = bisect.bisect_left(self._words, word)
        out: set[int] = set()
        for candidate in self._words[start:]:
            if not candidate.startswith(word):
                break
            out.update(id(e) for e in self.by_word[candidate])
        return out

    def _scored(self, query: str, chain: LangChain) -> dict[str, Hit]:
        folded, qwords = fold(query), words(query)
        best: dict[str, Hit] = {}

        def offer(entry: Entry, score: float, match: str) -> None:
            if entry.lang and _preferred(entry.lang, chain):
                score += 0.5
            current = best.get(entry.iri)
            if current is None or score > current.score:
                record = self.index.records[entry.iri]
                best[entry.iri] = Hit(record, round(score, 2), entry.field, entry.lang, entry.text, match)

        identified = self._identified(query)
        if identified is not None:
            offer(Entry(identified, "iri", "", query, folded, ()), 100.0, "exact")
        tiers = {"notation": 100.0, "localName": 100.0, "label": 90.0, "altLabel": 60.0}
        for entry in self.exact.get(folded, ()):
            offer(entry, tiers[entry.field], "exact")
        if not folded:
            return best
        for entry in self._prefixed(folded):
            if entry.folded != folded and entry.field != "notation":
                base = 70.0 if entry.field == "label" else 50.0
                offer(entry, base + 9 * len(folded) / len(entry.folded), "prefix")
        if qwords:
            ids = set.intersection(*(self._word_entries(w) for w in qwords))
            bases = {"label": 40.0, "altLabel": 30.0, "definition": 20.0}
            for entry in self.entries:
                if id(entry) in ids and entry.field in bases:
                    share = min(1.0, len(qwords) / max(1, len(entry.words)))
                    offer(entry, bases[entry.field] + 9 * share, "words")
        return best

    def _identified(self, query: str) -> str | None:
        """The term a query names outright as an IRI or CURIE, if any (errors in it are not the searcher's)."""
        if ":" not in query:
            return None
        try:
            iri = self.index.to_iri(query)
        except CityrefError:
            return None
        return iri if iri in self.index.records else None

    def search(
        self,
        query: str,
        *,
        chain: LangChain = None,
        type_iri: str | None = None,
        scheme: str | None = None,
        parent: str | None = None,
        include_deprecated: bool = False,
    ) -> list[Hit]:
        """Every term matching ``query`` under the filters, best first."""
        hits = [
            hit
            for hit in self._scored(query, chain).values()
            if self.index.accepts(
                hit.record, type_iri=type_iri, scheme=scheme, parent=parent, deprecated=include_deprecated
            )
        ]
        order = {"iri": 0, "notation": 0, "localName": 1, "label": 2, "altLabel": 3, "definition": 4}
        hits.sort(key=lambda h: (-h.score, order[h.field], len(h.text), h.record.local))
        return hits

    def autocomplete(
        self, prefix: str, *, chain: LangChain = None, limit: int = 10, include_deprecated: bool = False
    ) -> list[Hit]:
        """Suggestions for a partly typed label or notation: whole-string prefixes first, then word prefixes."""
        folded = fold(prefix)
        if not folded:
            return []
        best: dict[str, Hit] = {}

        def offer(entry: Entry, score: float, match: str) -> None:
            record = self.index.records[entry.iri]
            if record.deprecated and not include_deprecated:
                return
            if entry.lang and _preferred(entry.lang, chain):
                score += 0.5
            if entry.iri not in best or score > best[entry.iri].score:
                best[entry.iri] = Hit(record, score, entry.field, entry.lang, entry.text, match)

        for entry in self._prefixed(folded):
            offer(entry, (30.0 if entry.field == "notation" else 20.0) - len(entry.folded) / 100, "prefix")
        qwords = words(prefix)
        if len(best) < limit and qwords and len(qwords[-1]) >= 2:
            ids = set.intersection(*(self._word_entries(w) for w in qwords))
            for entry in self.entries:
                if id(entry) in ids and entry.field in ("label", "altLabel"):
                    offer(entry, 10.0 - len(entry.folded) / 100, "words")
        ranked = sorted(best.values(), key=lambda h: (-h.score, h.record.local))
        return ranked[:limit]
