"""The interface's language and error pages over HTTP: which language a page speaks (``?lang``, then the picker's
cookie, then Accept-Language, then English), links that keep ``?lang``, the picker's redirect, an HTML error page
for a browser and problem+json for everyone else, and catalogues that translate every interface string."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient
from tests.sparql.conftest import embedded_settings

from cityref import create_app, i18n, i18n_strings
from cityref.errors import PROBLEM_MEDIA_TYPE

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
LOCALE = Path(i18n.__file__).parent / "locale"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(embedded_settings())) as test_client:
        yield test_client


def html_lang(text: str) -> str:
    found = re.search(r'<html lang="([^"]+)"', text)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize(
    ("query", "cookie", "accept_language", "expected"),
    [
        ("", None, None, "en"),
        ("", None, "de-CH, de;q=0.9, en;q=0.5", "de"),
        ("", None, "pt-BR, it;q=0.4, es;q=0.6", "es"),
        ("", None, "fr;q=0, it;q=0.1", "it"),
        ("", None, "pt, ja", "en"),
        ("", "it", "de", "it"),
        ("", "xx", "de", "de"),
        ("?lang=fr", "it", "de", "fr"),
        ("?lang=fr-CA", None, None, "fr"),
        ("?lang=pt,es", None, None, "es"),
        ("?lang=pt", "de", None, "de"),
    ],
)
def test_the_language_of_a_page(
    client: TestClient, query: str, cookie: str | None, accept_language: str | None, expected: str
) -> None:
    headers = {"Accept": BROWSER}
    if accept_language:
        headers["Accept-Language"] = accept_language
    if cookie:
        headers["Cookie"] = f"{i18n.COOKIE}={cookie}"
    for path in ("/", "/validate", "/sparql", "/ontology/core"):
        response = client.get(path + query, headers=headers)
        assert response.status_code == 200, path
        assert html_lang(response.text) == expected, path
        assert response.headers["content-language"] == expected
        assert "Accept-Language" in response.headers["vary"] and "Cookie" in response.headers["vary"]


def test_the_interface_text_is_translated(client: TestClient) -> None:
    words = {"en": "Validate", "fr": "Valider", "es": "Validar", "de": "Prüfen", "it": "Convalida"}
    for lang, word in words.items():
        page = client.get(f"/?lang={lang}").text
        assert f">{word}</a>" in page, lang


def test_links_keep_lang_only_when_it_was_given(client: TestClient) -> None:
    given = client.get("/def/B5?lang=it", headers={"Accept": BROWSER}).text
    internal = re.findall(r'href="(/[^"]*)"', given)
    assert internal, "the page links to itself and others"
    for href in internal:
        if href.startswith(("/static/", "/language/")):
            continue
        assert "lang=it" in href, href
    assert 'href="/model?lang=it"' in given, "the navigation keeps it"
    plain = client.get("/def/B5", headers={"Accept": BROWSER, "Cookie": f"{i18n.COOKIE}=it"}).text
    assert html_lang(plain) == "it"
    assert 'href="/model"' in plain, "a cookie's language needs no ?lang on links"


def test_the_term_page_follows_the_reader_without_lang(client: TestClient) -> None:
    french = client.get("/def/B5", headers={"Accept": BROWSER, "Accept-Language": "fr"}).text
    assert "<h1>Cartographie des besoins d&#39;interopérabilité de la ville</h1>" in french
    # Every language's label stays listed, each marked with its own language.
    for lang in ("en", "fr", "es", "de", "it"):
        assert f'<span lang="{lang}">' in french
    english = client.get("/def/B5", headers={"Accept": BROWSER}).text
    assert "<h1>Mapping the city&#39;s interoperability needs</h1>" in english


def test_the_picker_sets_the_cookie_and_returns_to_the_page(client: TestClient) -> None:
    response = client.get("/language/de", params={"next": "/def/B5?format=html&lang=fr#x"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/def/B5?format=html&lang=de#x"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{i18n.COOKIE}=de;") and "SameSite=lax" in cookie and "Path=/" in cookie
    for hostile in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        moved = client.get("/language/fr", params={"next": hostile}, follow_redirects=False)
        assert moved.headers["location"] == "/?lang=fr", hostile
    unknown = client.get("/language/xx", follow_redirects=False)
    assert unknown.headers["location"] == "/?lang=en"


@pytest.mark.parametrize(
    ("accept", "html"),
    [
        (BROWSER, True),
        ("text/html", True),
        ("text/html;q=0.9, application/json;q=0.5", True),
        (None, False),
        ("*/*", False),
        ("application/json", False),
        ("application/problem+json", False),
        ("text/html, application/json", False),
        ("application/json, text/html;q=0.9", False),
        ("text/turtle", False),
    ],
)
def test_error_pages_for_browsers_problem_json_for_clients(client: TestClient, accept: str | None, html: bool) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    response = client.get("/def/Practise", headers=headers)
    assert response.status_code == 404
    if html:
        assert response.headers["content-type"].startswith("text/html")
        assert "<title>404 · Not found · cityref</title>" in response.text
        assert '<a href="/def/Practice">Practice</a>' in response.text, "the close match is a link"
        assert '<main id="main"' in response.text
    else:
        assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
        assert response.json()["code"] == "not-found"


def test_a_syntax_error_page_names_line_and_column(client: TestClient) -> None:
    response = client.post(
        "/validate?profile=iot-device-register&lang=fr",
        content=b"<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b>\n",
        headers={"Content-Type": "text/turtle", "Accept": BROWSER},
    )
    assert response.status_code == 400 and response.headers["content-type"].startswith("text/html")
    assert html_lang(response.text) == "fr"
    assert "<h1>Erreur de syntaxe</h1>" in response.text
    assert re.search(r"<dt>Ligne</dt><dd>\d+</dd>", response.text)
    assert re.search(r"<dt>Colonne</dt><dd>\d+</dd>", response.text)
    as_json = client.post(
        "/validate?profile=iot-device-register",
        content=b"<urn:a> <urn:b>\n",
        headers={"Content-Type": "text/turtle"},
    )
    assert as_json.headers["content-type"] == PROBLEM_MEDIA_TYPE and "line" in as_json.json()


def test_refusals_from_the_middleware_are_pages_for_browsers_too(client: TestClient) -> None:
    too_big = client.post(
        "/validate",
        content=b"x",
        headers={"Accept": BROWSER, "Content-Length": str(10**10), "Content-Type": "text/turtle"},
    )
    assert too_big.status_code == 413 and too_big.headers["content-type"].startswith("text/html")
    assert "Payload too large" in too_big.text
    wrong_type = client.post("/sparql", content=b"x", headers={"Accept": BROWSER, "Content-Type": "image/png"})
    assert wrong_type.status_code == 415 and "<h1>Unsupported media type</h1>" in wrong_type.text
    key = client.get("/health?api_key=oops", headers={"Accept": BROWSER})
    assert key.status_code == 400 and key.headers["content-type"].startswith("text/html")
    assert client.get("/health?api_key=oops").headers["content-type"] == PROBLEM_MEDIA_TYPE


def test_every_catalogue_translates_every_interface_string() -> None:
    with (LOCALE / "messages.pot").open("rb") as handle:
        ids = {m.id for m in read_po(handle) if m.id}
    marked = {s for group in vars(i18n_strings).values() if isinstance(group, tuple) for s in group}
    assert marked <= ids, "the template lists every string translated from a variable"
    for lang in ("fr", "es", "de", "it"):
        with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        messages = {m.id: m.string for m in catalog if m.id}
        assert set(messages) == ids, lang
        for msgid, text in messages.items():
            assert text, f"{lang}: {msgid!r} untranslated"
            assert re.findall(r"%\(\w+\)s", text) == re.findall(r"%\(\w+\)s", msgid), f"{lang}: {msgid!r}"
            assert re.findall(r"</?code>", text) == re.findall(r"</?code>", msgid), f"{lang}: {msgid!r}"


def test_the_template_catalogue_matches_the_sources(tmp_path: Path) -> None:
    """``messages.pot`` is what extraction from the sources gives today: no interface string is left out."""
    fresh = tmp_path / "messages.pot"
    package = LOCALE.parent
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(LOCALE / "babel.cfg"),
         "-k", "N_", "-k", "Said", "--no-location", "-o", str(fresh), str(package)],
        check=True, capture_output=True,
    )  # fmt: skip
    with fresh.open("rb") as a, (LOCALE / "messages.pot").open("rb") as b:
        assert {m.id for m in read_po(a) if m.id} == {m.id for m in read_po(b) if m.id}


def test_a_busy_or_unreachable_store_is_a_page_with_its_retry_time() -> None:
    from cityref.api.problems import problem_body_response
    from cityref.errors import StoreUnavailable

    error = StoreUnavailable("The store does not answer", retry_after_s=7)
    scope = {"type": "http", "path": "/sparql", "query_string": b"lang=it", "headers": [(b"accept", BROWSER.encode())]}
    page = problem_body_response(error.to_problem("/sparql"), error.status, error.headers, scope)
    assert page.status_code == 503 and page.headers["retry-after"] == "7"
    text = bytes(page.body).decode()
    assert html_lang(text) == "it" and "<h1>Archivio non disponibile</h1>" in text
    assert "<dt>Riprova tra</dt><dd>7 s</dd>" in text
    scope["headers"] = [(b"accept", b"*/*")]
    plain = problem_body_response(error.to_problem("/sparql"), error.status, error.headers, scope)
    assert plain.media_type == PROBLEM_MEDIA_TYPE and plain.headers["retry-after"] == "7"


def test_behind_a_path_prefix_the_shell_links_stay_under_it() -> None:
    from cityref.api.ui import UI

    ui = UI(lang="fr", keep="fr", path="/def/B5", root="/city")
    assert ui.url("/ontology#classes") == "/city/ontology?lang=fr#classes"
    assert ("fr", "Français", "/city/language/fr?next=/city/def/B5") in ui.languages()
    assert all(href.startswith("/city/") for _, href, _ in ui.navigation())


def test_a_term_page_says_which_language_its_definition_fell_back_to(client: TestClient) -> None:
    """Whatever languages the model's definitions are in, the note appears exactly when the reader's is missing."""
    definitions = client.get("/terms/B5", params={"lang": "all"}).json()["definition"]
    for lang, word in {"fr": "anglais", "de": "Englisch", "en": None}.items():
        page = client.get(f"/def/B5?lang={lang}", headers={"Accept": BROWSER}).text
        note = re.search(r'<p class="fallback">(.*?)</p>', page)
        if lang in definitions or word is None:
            assert note is None, lang
        else:
            assert note is not None and word in note.group(1), lang
