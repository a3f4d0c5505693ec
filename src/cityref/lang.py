"""Language tags: reading a client's ``lang=`` and choosing, among a text's languages, the one to serve.

Term pages, search hits, validation messages and fix hints all answer the same question, so they answer it here:
the client's tags in order, each followed by its shorter forms (``fr-CA`` then ``fr``, as RFC 4647 lookup does),
then English, then untagged text. A wanted tag also accepts a more specific one (``fr`` is served by ``fr-CA``).

>>> parse_lang("fr-CA, de")
('fr-ca', 'de')
>>> fallback_chain(("fr-ca", "de"))
['fr-ca', 'fr', 'de', 'en', '']
>>> best_language(["en", "fr-CA"], ("fr",))
'fr-CA'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rdflib import Literal

from cityref.errors import BadRequest, LimitExceeded

FALLBACK_LANGUAGE = "en"
MAX_LANGUAGES = 32
"""Most distinct tags a ``lang=`` chain may name."""
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")

LangChain = tuple[str, ...] | None
"""Languages in order of preference; ``None`` means every language."""


def parse_lang(value: str | None, default: LangChain = None) -> LangChain:
    """Parse ``lang=fr,en`` into a chain of lower-cased tags; ``all`` or ``*`` (or nothing, with no default) means
    every language.

    A malformed tag is a client error naming the tag, not a silent fallback: the tag also ends up in documents
    (``<html lang>``, language-tagged RDF literals) where a malformed one would break them.
    """
    if value is None or not value.strip():
        return default
    tags = [t.strip() for t in value.split(",") if t.strip()]
    if any(t.lower() in ("all", "*") for t in tags):
        return None
    for tag in tags:
        if not _LANG_TAG.match(tag):
            shown = tag[:40]
            raise BadRequest(f"Malformed language tag {shown!r} in the lang parameter", parameter="lang", value=shown)
    chain = tuple(dict.fromkeys(t.lower() for t in tags))
    if len(chain) > MAX_LANGUAGES:
        # Every label lookup walks the chain: an unbounded one turns one request into minutes of work.
        raise LimitExceeded(f"lang= names {len(chain)} languages; the limit is {MAX_LANGUAGES}", limit="max_languages")
    return chain


def truncations(tag: str) -> list[str]:
    """A tag and its shorter forms: ``zh-Hant-TW`` gives ``zh-hant-tw, zh-hant, zh``."""
    out: list[str] = []
    tag = tag.strip().lower()
    while tag:
        out.append(tag)
        tag = tag.rpartition("-")[0]
    return out


def fallback_chain(wanted: Sequence[str]) -> list[str]:
    """Every tag to try, most wanted first: each tag and its truncations, then English, then untagged (``""``)."""
    chain = dict.fromkeys(shorter for tag in wanted for shorter in truncations(tag))
    chain.setdefault(FALLBACK_LANGUAGE)
    chain.setdefault("")
    return list(chain)


def lang_matches(wanted: str, actual: str) -> bool:
    """``fr`` accepts ``fr`` and ``fr-CA``; an untagged text is accepted by ``""`` only."""
    actual = actual.lower()
    return actual == wanted or (bool(wanted) and actual.startswith(wanted + "-"))


def best_language(available: Iterable[str], wanted: Sequence[str]) -> str | None:
    """The tag among ``available`` (as spelled there) to serve a client wanting ``wanted``; ``None`` when even the
    English and untagged fallbacks are missing (the caller then picks any, rather than serve nothing)."""
    tags = list(available)
    for candidate in fallback_chain(wanted):
        exact = next((t for t in tags if t.lower() == candidate), None)
        if exact is not None:
            return exact
        wider = next((t for t in tags if lang_matches(candidate, t)), None)
        if wider is not None:
            return wider
    return None


def best_literal(values: Iterable[object], wanted: Sequence[str]) -> Literal | None:
    """The RDF literal among ``values`` to show a client wanting ``wanted``; any literal when none fits (the same
    one every time: the first by language and text), ``None`` when there is no literal."""
    literals = sorted((v for v in values if isinstance(v, Literal)), key=lambda v: (v.language or "", str(v)))
    tag = best_language([v.language or "" for v in literals], wanted)
    return next((v for v in literals if (v.language or "") == tag), literals[0] if literals else None)


def label_rank(tag: str | None, wanted: str) -> int:
    """How well a label tagged ``tag`` serves a reader of the one interface language ``wanted``, lower being
    better: theirs, then English, then untagged, then any other (the order of :func:`fallback_chain` for one tag).

    >>> [label_rank(t, "fr") for t in ("fr", "en", None, "de")]
    [0, 1, 2, 3]
    """
    if tag == wanted:
        return 0
    if tag == FALLBACK_LANGUAGE:
        return 1
    return 2 if not tag else 3
