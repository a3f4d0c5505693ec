"""Text folding and language chains: how labels are compared, and which language a client is served.

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

from cityref.errors import BadRequest

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'", "ß": "ss"})
_WORD = re.compile(r"\w+")
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

T = TypeVar("T")

LangChain = tuple[str, ...] | None
"""Languages in order of preference; ``None`` means every language."""


def fold(text: str) -> str:
    """Lower-case, strip accents and expand ligatures; whitespace collapsed to single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def words(text: str) -> list[str]:
    """The folded words of a text, in order (punctuation dropped)."""
    return _WORD.findall(fold(text))


def parse_lang(value: str | None, default: LangChain = None) -> LangChain:
    """Parse ``lang=fr,en`` into a fallback chain; ``all`` (or nothing, with no default) means every language.

    A malformed tag is a client error naming the tag, not a silent fallback.
    """
    if value is None or not value.strip():
        return default
    tags = [t.strip() for t in value.split(",") if t.strip()]
    if any(t.lower() in ("all", "*") for t in tags):
        return None
    for tag in tags:
        if not _LANG_TAG.match(tag):
            raise BadRequest(f"Malformed language tag {tag!r} in lang={value!r}", parameter="lang", value=tag)
    return tuple(t.lower() for t in tags)


def lang_matches(wanted: str, actual: str) -> bool:
    """``fr`` accepts ``fr`` and ``fr-CA``; an untagged literal is accepted by nothing but itself."""
    actual = actual.lower()
    return actual == wanted or actual.startswith(wanted + "-")


def pick_lang(values: Mapping[str, T], chain: LangChain) -> dict[str, T]:
    """The values a client asked for: all of them, or the first language of the chain that has one.

    When none of the chain's languages is present, English and then any language stand in, so a client never gets an
    empty answer for a term that does have the field.
    """
    if chain is None or not values:
        return dict(values)
    for wanted in (*chain, "en", ""):
        for lang, value in values.items():
            if lang_matches(wanted, lang) or (wanted == "" and lang == ""):
                return {lang: value}
    first = next(iter(values))
    return {first: values[first]}


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
