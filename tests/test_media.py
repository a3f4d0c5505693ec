import pytest

from cityref import media


@pytest.mark.parametrize(
    ("accept", "offers", "expected"),
    [
        (None, ["text/turtle", "text/html"], "text/turtle"),
        ("", ["text/turtle"], "text/turtle"),
        ("*/*", ["text/turtle", "text/html"], "text/turtle"),
        ("text/html", ["text/turtle", "text/html"], "text/html"),
        ("text/turtle;q=0.5, application/ld+json", ["text/turtle", "application/ld+json"], "application/ld+json"),
        ("text/*;q=0.3, text/html;q=0.7, */*;q=0.1", ["application/ld+json", "text/turtle"], "text/turtle"),
        ("text/*;q=0.3, text/html;q=0.7", ["text/html", "text/turtle"], "text/html"),
        ("application/xml", ["text/turtle", "text/html"], None),
        ("text/turtle;q=0", ["text/turtle"], None),
        ("text/turtle;q=0, */*", ["text/turtle", "text/html"], "text/html"),
        ("garbage, text/turtle", ["text/turtle"], "text/turtle"),
        ("text/turtle;q=abc, text/html;q=0.2", ["text/turtle", "text/html"], "text/html"),
    ],
)
def test_negotiate(accept: str | None, offers: list[str], expected: str | None) -> None:
    assert media.negotiate(accept, offers) == expected


def test_browser_accept_gets_html_and_rdf_clients_get_rdf() -> None:
    chrome = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
    assert media.negotiate_rdf(chrome, html=True) == "text/html"
    assert media.negotiate_rdf("application/x-turtle", html=True) == "text/turtle"
    assert media.negotiate_rdf("*/*", html=True) == "text/turtle"
    assert media.negotiate_rdf("application/n-quads") is None
    assert media.negotiate_rdf("application/n-quads", quads=True) == "application/n-quads"


@pytest.mark.parametrize(
    ("key", "name"),
    [("text/turtle; charset=utf-8", "turtle"), ("jsonld", "jsonld"), ("nt", "ntriples"), (".owl", "rdfxml")],
)
def test_rdf_format_lookup(key: str, name: str) -> None:
    fmt = media.rdf_format(key)
    assert fmt is not None and fmt.name == name


def test_unknown_format_is_none() -> None:
    assert media.rdf_format("image/png") is None
    assert media.result_format("text/turtle") is None
    assert media.result_format("application/json").name == "json"  # type: ignore[union-attr]
