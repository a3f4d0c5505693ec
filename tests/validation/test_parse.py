"""Reading user data: every format, errors that say where, limits."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef

from cityref.errors import LimitExceeded, SyntaxProblem, UnsupportedMediaType
from cityref.validation.parse import format_for, parse_data, parse_parts

RDF_XML_HEAD = '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'

BROKEN = [
    ("text/turtle", '@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', 3),
    ("application/n-triples", "<http://a> <http://b> <http://c> .\n<http://a> <http://b> c .\n", 2),
    ("application/ld+json", '{"@id": "http://a",\n  "http://b": \n', 3),
    (
        "application/rdf+xml",
        RDF_XML_HEAD + '<rdf:Description rdf:about="http://a">\n<rdf:value>\n</rdf:Description>\n',
        5,
    ),
    ("application/trig", "<http://g> {\n <http://a> <http://b> <http://c> \n", 3),
]


@pytest.mark.parametrize(("content_type", "text", "line"), BROKEN, ids=[b[0] for b in BROKEN])
def test_malformed_data_names_line_and_column(content_type: str, text: str, line: int) -> None:
    with pytest.raises(SyntaxProblem) as caught:
        parse_data(text, content_type)
    assert caught.value.extra["line"] == line
    assert isinstance(caught.value.extra["column"], int) and caught.value.extra["column"] >= 1
    assert f"line {line}" in caught.value.detail


def test_every_format_parses_to_the_same_triple() -> None:
    texts = {
        "text/turtle": '<http://a> <http://b> "x" .',
        "application/n-triples": '<http://a> <http://b> "x" .',
        "application/ld+json": '{"@id": "http://a", "http://b": "x"}',
        "application/rdf+xml": RDF_XML_HEAD + '<rdf:Description rdf:about="http://a"><b xmlns="http://">x</b>'
        "</rdf:Description></rdf:RDF>",
        "application/trig": '<http://g> { <http://a> <http://b> "x" . }',
    }
    for content_type, text in texts.items():
        graph = parse_data(text, content_type)
        assert set(graph) == {(URIRef("http://a"), URIRef("http://b"), Literal("x"))}, content_type


def test_triple_cap_is_enforced() -> None:
    text = "\n".join(f"<http://a> <http://b> {i} ." for i in range(11))
    assert len(parse_data(text, "text/turtle", max_triples=11)) == 11
    with pytest.raises(LimitExceeded):
        parse_data(text, "text/turtle", max_triples=10)


def test_triple_cap_counts_all_files_together() -> None:
    part = "\n".join(f"<http://a> <http://b> {i} ." for i in range(6)).encode()
    with pytest.raises(LimitExceeded):
        parse_parts(
            [("one.ttl", part, None), ("two.ttl", part.replace(b"http://a", b"http://c"), None)], max_triples=10
        )


def test_blank_nodes_of_separate_files_stay_apart() -> None:
    one = b'_:b0 <http://p> "1" .'
    two = b'_:b0 <http://p> "2" .'
    graph = parse_parts([("one.nt", one, None), ("two.nt", two, None)])
    subjects = set(graph.subjects())
    assert len(subjects) == 2 and all(isinstance(s, BNode) for s in subjects)


def test_error_in_one_of_several_files_names_the_file() -> None:
    with pytest.raises(SyntaxProblem) as caught:
        parse_parts([("good.ttl", b"<http://a> <http://b> 1 .", None), ("bad.ttl", b"<http://a> <http://b> .", None)])
    assert caught.value.extra["file"] == "bad.ttl"


def test_unsupported_media_type() -> None:
    with pytest.raises(UnsupportedMediaType):
        format_for("application/pdf")
    assert format_for(None, "register.jsonld").name == "jsonld"
    assert format_for("application/octet-stream", "x.nt").name == "ntriples"
    assert format_for(None).name == "turtle"


def test_prefixes_are_kept_for_sparql_shapes() -> None:
    graph = parse_data("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .", "text/turtle")
    assert dict(graph.namespaces())["ex"] == URIRef("http://example.org/")


def test_plain_and_xsd_string_literals_are_one_value() -> None:
    graph = parse_data('<http://a> <http://b> "x"^^<http://www.w3.org/2001/XMLSchema#string> .', "text/turtle")
    assert (URIRef("http://a"), URIRef("http://b"), Literal("x")) in graph


@pytest.mark.parametrize(
    "text",
    [
        '{"@context": {"@vocab": "http://x/"}, "p": ' + '{"p": ' * 5000 + '"v"' + "}" * 5001,
        "[" * 5000 + "]" * 5000,
        '{"@id": "http://x/a", "http://x/p": ' + "9" * 5000 + "}",
    ],
    ids=["deep objects", "deep lists", "huge integer"],
)
def test_json_ld_the_json_reader_refuses_is_a_syntax_problem(text: str) -> None:
    """These escaped the JSON pre-check as RecursionError or ValueError and reached the client as a 500."""
    with pytest.raises(SyntaxProblem):
        parse_data(text, "application/ld+json")


def test_remote_context_is_found_at_any_depth_the_reader_allows() -> None:
    nested = '{"http://x/p": ' * 900 + '{"@context": "http://evil.example/ctx"}' + "}" * 900
    with pytest.raises(SyntaxProblem, match="not fetched"):
        parse_data(nested, "application/ld+json")
