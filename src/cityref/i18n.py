"""The interface's languages: gettext catalogues read with Babel, and the rule that picks a reader's language.

The catalogues are the ``.po`` files under ``cityref/locale/{lang}/LC_MESSAGES/messages.po``. They are compiled in
memory the first time a language is asked for, so an installed package works without a compile step and a
translator sees a change on the next start. English is the source language and needs no catalogue.

The language of a page is chosen, in order, by ``?lang=`` (its first tag the interface speaks, ``fr-CA`` counting
as ``fr``), the picker's cookie, ``Accept-Language`` (by q-value), and English.

>>> choose_language("de,en", None, "fr")
'de'
>>> choose_language(None, "it", "fr")
'it'
>>> choose_language(None, None, "pt-BR, es;q=0.8, fr;q=0.9")
'fr'
>>> choose_language("xx", "nope", None)
'en'
"""

from __future__ import annotations

import io
from functools import cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from cityref.errors import Said

UI_LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "de", "it")
"""The languages the interface speaks, English (the source language) first."""
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "de": "Deutsch", "it": "Italiano"}
"""Each language in its own words, as the picker shows it."""
LANGUAGE_WORDS = {"en": "English", "fr": "French", "es": "Spanish", "de": "German", "it": "Italian"}
"""Each language as a word of English, which pages translate into the reader's language ("shown in French")."""
DEFAULT_LANGUAGE = "en"
COOKIE = "cityref_lang"
"""The cookie the language picker sets (a year, the whole site)."""
DOMAIN = "messages"


def _supported(tag: str) -> str | None:
    """The interface language a tag asks for: ``fr-CA`` and ``FR`` give ``fr``; an unknown or malformed tag none."""
    primary = tag.strip().lower().split("-", 1)[0]
    return primary if primary in UI_LANGUAGES else None


def from_lang_parameter(value: str | None) -> str | None:
    """The first interface language that ``?lang=fr,en`` names, if any (``all`` names none)."""
    for tag in (value or "").split(","):
        found = _supported(tag)
        if found:
            return found
    return None


def from_accept_language(header: str | None) -> str | None:
    """The interface language a browser's ``Accept-Language`` prefers most, if it names one (``q=0`` excludes)."""
    ranked: list[tuple[float, int, str]] = []
    for position, member in enumerate((header or "").split(",")):
        tag, _, params = member.partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
        found = _supported(tag)
        if found and q > 0:
            ranked.append((-q, position, found))
    return min(ranked)[2] if ranked else None


def choose_language(lang_parameter: str | None, cookie: str | None, accept_language: str | None) -> str:
    """``?lang``, then the picker's cookie, then ``Accept-Language``, then English."""
    return (
        from_lang_parameter(lang_parameter)
        or (_supported(cookie) if cookie else None)
        or from_accept_language(accept_language)
        or DEFAULT_LANGUAGE
    )


@cache
def translations(lang: str) -> NullTranslations:
    """The catalogue of ``lang``, compiled from its ``.po`` file; English (and a missing file) translate nothing."""
    if lang == DEFAULT_LANGUAGE or lang not in UI_LANGUAGES:
        return NullTranslations()
    source = resources.files("cityref").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.po")
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def gettext(lang: str, message: str) -> str:
    """``message`` in ``lang`` (for text made in Python rather than in a template)."""
    return translations(lang).gettext(message)


def said(text: object, lang: str) -> tuple[str, str]:
    """A problem's detail in ``lang`` and the language it is then in: a :class:`~cityref.errors.Said` whose message
    the catalogue translates (with each value that is one too), else the text as it is, in English (the words of
    the libraries we wrap, such as a parser's syntax message, are never translated)."""
    if not isinstance(text, Said) or lang == DEFAULT_LANGUAGE:
        return str(text), DEFAULT_LANGUAGE
    translated = translations(lang).gettext(text.template)
    if translated == text.template:
        return str(text), DEFAULT_LANGUAGE
    values = {name: said(value, lang)[0] if isinstance(value, Said) else value for name, value in text.values.items()}
    return (translated % values if values else translated), lang
