"""The Jinja2 templates of every HTML page and report, loaded by one environment per interface language with
autoescaping always on.

One loader means one escaping policy: validation reports and term pages show text that vendors and users wrote, so
no template may be rendered with escaping off by accident. Each environment has Jinja's i18n extension with that
language's gettext catalogue installed (:mod:`cityref.i18n`), so templates hold English source strings only, in
``{% trans %}`` blocks and ``_()`` calls.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader

from cityref import i18n


@cache
def environment(lang: str = i18n.DEFAULT_LANGUAGE) -> Environment:
    env = Environment(
        loader=PackageLoader("cityref", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["said"] = lambda text: i18n.said(text, lang)  # a problem's detail: (text, its language)
    return env


def render(name: str, lang: str = i18n.DEFAULT_LANGUAGE, /, **context: Any) -> str:
    """Fill the template ``name`` (a file in this folder) with ``context``, its interface text in ``lang``."""
    if lang not in i18n.UI_LANGUAGES:
        lang = i18n.DEFAULT_LANGUAGE
    return environment(lang).get_template(name).render(**context)
