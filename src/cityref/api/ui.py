"""What every page's shell needs to know about the reader: the interface language, whether ``?lang`` was given
(then every internal link keeps it), and where the reader is (for the picker and the current navigation item).

Read from the ASGI scope, not a FastAPI request, so that error pages rendered by middleware use it too. A
malformed ``?lang`` never fails here: the page's own route decides what to say about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, quote, urlencode

from fastapi import APIRouter, Query
from fastapi.responses import RedirectResponse
from starlette.types import Scope

from cityref import i18n
from cityref._version import VERSION

router = APIRouter(tags=["service"])

NAVIGATION: tuple[tuple[str, str, str], ...] = (
    ("model", "/model", "Model"),
    ("terms", "/", "Terms"),
    ("query", "/sparql", "Query"),
    ("validate", "/validate", "Validate"),
    ("cities", "/cities", "Cities"),
    ("api", "/docs", "API"),
)
"""(key, path, English label) of each navigation item. "Model" is the picture of the operating model (which links the
ontology documentation); "Terms" is the term finder on the landing page, until the term browser has a page of its
own."""
VARY = "Accept, Accept-Language, Cookie"
"""What a page's language depends on, besides ``?lang`` in its URL."""


@dataclass(frozen=True)
class UI:
    """The shell's view of one request (hashable: rendered pages are cached by it)."""

    lang: str = i18n.DEFAULT_LANGUAGE
    keep: str | None = None
    """The ``?lang`` value to carry on internal links (``None``: it was not given)."""
    path: str = "/"
    root: str = ""
    section: str | None = None
    """The navigation item this page belongs to (``aria-current``)."""

    version: str = VERSION

    def url(self, target: str) -> str:
        """An internal link to ``target`` (a path, maybe with a query and fragment), keeping ``?lang``."""
        if not target.startswith("/"):
            return target
        target = self.root + target
        if self.keep is None:
            return target
        path, hashmark, fragment = target.partition("#")
        base, _, query = path.partition("?")
        pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "lang"]
        pairs.append(("lang", self.keep))
        return f"{base}?{urlencode(pairs)}{hashmark}{fragment}"

    def navigation(self) -> list[tuple[str, str, str]]:
        """(key, href, English label) of each navigation item."""
        return [(key, self.url(path), label) for key, path, label in NAVIGATION]

    def languages(self) -> list[tuple[str, str, str]]:
        """(code, own name, href) of each interface language: the picker's links, back to this page."""
        here = quote(self.root + self.path, safe="/")
        return [
            (code, i18n.LANGUAGE_NAMES[code], f"{self.root}/language/{code}?next={here}") for code in i18n.UI_LANGUAGES
        ]

    def with_section(self, section: str | None) -> UI:
        return UI(self.lang, self.keep, self.path, self.root, section)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


def cookie_language(scope: Scope) -> str | None:
    raw = _header(scope, b"cookie")
    if not raw:
        return None
    try:
        morsel = SimpleCookie(raw).get(i18n.COOKIE)
    except Exception:  # a malformed Cookie header is the browser's business, not a reason to fail a page
        return None
    return morsel.value if morsel is not None else None


def lang_parameter(scope: Scope) -> str | None:
    query = bytes(scope.get("query_string", b"")).decode("latin-1")
    values = [v for k, v in parse_qsl(query, keep_blank_values=True) if k == "lang"]
    return values[0] if values and values[0].strip() else None


def reader(scope: Scope, section: str | None = None, *, keep_as_code: bool = False) -> UI:
    """The shell's view of the request in ``scope``. ``keep_as_code``: carry the chosen language code on links
    rather than the raw ``?lang`` value (pages cached per language, whose ``lang`` takes one code)."""
    given = lang_parameter(scope)
    lang = i18n.choose_language(given, cookie_language(scope), _header(scope, b"accept-language"))
    keep = None
    if given is not None:
        raw_ok = all(part.strip().replace("-", "").isalnum() for part in given.split(",") if part.strip())
        keep = given if raw_ok and not keep_as_code and len(given) <= 64 else lang
    root = scope.get("root_path", "") or ""
    path = scope.get("path", "/") or "/"
    if root and path.startswith(root):
        path = path[len(root) :] or "/"
    return UI(lang=lang, keep=keep, path=path, root=root, section=section)


def _safe_next(target: str) -> str:
    """Only a path on this server: never ``//host`` or ``/\\host``, which browsers read as another host."""
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


@router.get(
    "/language/{code}",
    summary="The language picker: remember the interface language in a cookie and go back to the page",
    status_code=303,
    include_in_schema=False,
)
def pick_language(code: str, next: str = Query("/", description="The page to go back to")) -> RedirectResponse:
    chosen = code if code in i18n.UI_LANGUAGES else i18n.DEFAULT_LANGUAGE
    target = _safe_next(next)
    path, hashmark, fragment = target.partition("#")
    base, _, query = path.partition("?")
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "lang"] + [("lang", chosen)]
    response = RedirectResponse(f"{base}?{urlencode(pairs)}{hashmark}{fragment}", status_code=303)
    response.set_cookie(i18n.COOKIE, chosen, max_age=365 * 24 * 3600, path="/", samesite="lax", httponly=True)
    return response
