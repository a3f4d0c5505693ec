"""Text folding and language picking: how labels are compared, and which language a client is served.

Matching must not depend on case, accents or ligatures ("Interopérabilité", "interoperabilite" and
"INTEROPERABILITE" are one key), because people type codes and labels from spreadsheets and phone keyboards.

>>> fold("Gestion de la Stratégie")
'gestion de la strategie'
>>> fold("Œuvre")
'oeuvre'
>>> words("Mapping the city's interoperability needs")
['mapping', 'the', 'city', 's', 'interoperability', 'needs']
>>> parse_lang("fr, en")
('fr', 'en')
>>> parse_lang("all") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TypeVar

from cityref.lang import LangChain, best_language, lang_matches, parse_lang

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'", "ß": "ss"})
_WORD = re.compile(r"\w+")

T = TypeVar("T")

__all__ = ["LangChain", "first_value", "fold", "lang_matches", "parse_lang", "pick_lang", "unique", "words"]


def fold(text: str) -> str:
    """Lower-case, strip accents and expand ligatures; whitespace collapsed to single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def words(text: str) -> list[str]:
    """The folded words of a text, in order (punctuation dropped)."""
    return _WORD.findall(fold(text))


def pick_lang(values: Mapping[str, T], chain: LangChain) -> dict[str, T]:
    """The values a client asked for: all of them, or those of the best language for the chain.

    When none of the chain's languages is present, English and then any language stand in, so a client never gets an
    empty answer for a term that does have the field.
    """
    if chain is None or not values:
        return dict(values)
    lang = best_language(values, chain)
    if lang is None:
        lang = next(iter(values))
    return {lang: values[lang]}


def first_value(values: Mapping[str, list[str]], chain: LangChain) -> tuple[str, str] | None:
    """The single best (text, language) of a multilingual field under a chain (``None`` chain prefers English)."""
    picked = pick_lang(values, chain or ("en",))
    for lang, texts in picked.items():
        if texts:
            return texts[0], lang
    return None


def unique(items: Iterable[T]) -> list[T]:
    """Items in first-seen order without repeats."""
    seen: dict[T, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
