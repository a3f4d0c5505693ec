import pytest

from cityref import media
from cityref.errors import NotAcceptable


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


@pytest.mark.parametrize(
    ("accept", "fmt", "expected"),
    [
        ("application/x-turtle", None, "text/turtle"),
        (None, None, "text/turtle"),
        ("text/html", None, "text/html"),
        ("text/html", "jsonld", "application/ld+json"),  # ?format= overrides Accept
        ("image/png", "text/turtle", "text/turtle"),  # a media type works as ?format= too
        ("image/png", "HTML", "text/html"),
    ],
)
def test_choose_rdf(accept: str | None, fmt: str | None, expected: str) -> None:
    assert media.choose_rdf(accept, fmt, html=True) == expected


def test_choose_rdf_with_a_preferred_non_rdf_offer_and_refusals() -> None:
    assert media.choose_rdf("*/*", first={"json": media.JSON}) == media.JSON
    assert media.choose_rdf("text/turtle", first={"json": media.JSON}) == "text/turtle"
    assert media.choose_rdf(None, "json", first={"json": media.JSON}) == media.JSON
    with pytest.raises(NotAcceptable) as unknown:
        media.choose_rdf(None, "trig")  # quads are not a description of one resource
    assert "turtle" in unknown.value.extra["known"] and "html" not in unknown.value.extra["known"]
    with pytest.raises(NotAcceptable) as refused:
        media.choose_rdf("image/png", html=True)
    assert refused.value.extra["offers"][-1] == media.HTML


def test_bare_type() -> None:
    assert media.bare_type(" Multipart/Form-Data; boundary=x") == "multipart/form-data"


@pytest.mark.parametrize(
    ("accept", "formats", "expected"),
    [
        # q=0 excludes a format under every name it has
        (
            "application/sparql-results+json;q=0, */*;q=0.1",
            media.RESULT_FORMATS,
            ("xml", "application/sparql-results+xml"),
        ),
        ("application/json;q=0, */*;q=0.1", media.RESULT_FORMATS, ("xml", "application/sparql-results+xml")),
        ("text/turtle;q=0, */*;q=0.5", media.RDF_FORMATS, ("jsonld", "application/ld+json")),
        ("application/x-turtle;q=0, text/*", media.RDF_FORMATS, None),
        # wildcards reach canonical types only; an alias named exactly is honoured and reported
        ("text/*", media.RESULT_FORMATS, ("csv", "text/csv")),
        ("text/xml", media.RESULT_FORMATS, ("xml", "text/xml")),
        ("application/x-turtle", media.RDF_FORMATS, ("turtle", "application/x-turtle")),
        # generic types never negotiate an RDF format
        ("text/plain", media.RDF_FORMATS, None),
        ("application/xml", media.RDF_FORMATS, None),
        # most specific wins; ties go to the server's order
        ("*/*;q=0.1, text/csv;q=0.2", media.RESULT_FORMATS, ("csv", "text/csv")),
        ("text/csv;q=0.5, text/tab-separated-values;q=0.5", media.RESULT_FORMATS, ("csv", "text/csv")),
        ("application/*;q=0, application/json", media.RESULT_FORMATS, ("json", "application/json")),
        (None, media.REPORT_FORMATS, ("json", "application/json")),
    ],
)
def test_choose(accept: str | None, formats: tuple[media.Format, ...], expected: tuple[str, str] | None) -> None:
    chosen = media.choose(accept, formats)
    assert (None if chosen is None else (chosen[0].name, chosen[1])) == expected


def test_one_table_for_format_names() -> None:
    assert media.accept_for_format("csv") == "text/csv, text/turtle"
    assert media.accept_for_format("jsonld") == "application/sparql-results+json, application/ld+json"
    assert media.accept_for_format("nope") is None
    assert {"json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "rdfxml"} <= set(media.format_names())
    assert media.report_format("application/xml").name == "junit"  # type: ignore[union-attr]
    assert media.oxigraph_format(media.RDF_FORMATS[0]).media_type == "text/turtle"


def test_docstring_examples_run() -> None:
    import doctest

    failures, tried = doctest.testmod(media)
    assert tried > 0 and failures == 0


def test_remembered_negotiations_are_bounded_and_the_same_as_fresh_ones() -> None:
    """Answers are remembered per Accept header (``media.NEGOTIATED`` of them): a client sending a new header every
    time fills the memory no further, and an answer given again after it was forgotten is the same."""
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    first = (media.negotiate_rdf(browser, html=True), media.negotiate_results("application/json;q=0.5, text/csv"))
    for n in range(3 * media.NEGOTIATED):
        assert media.negotiate_rdf(f"application/x-made-up-{n}, text/turtle;q=0.{n % 9 + 1}") == "text/turtle"
        media.negotiate_results(f"application/x-made-up-{n}")
    for cached in (media._negotiate_rdf, media.negotiate_results):
        assert cached.cache_info().currsize <= media.NEGOTIATED
    assert first == (media.HTML, "text/csv")
    again = (media.negotiate_rdf(browser, html=True), media.negotiate_results("application/json;q=0.5, text/csv"))
    assert again == first
