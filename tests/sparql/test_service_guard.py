"""The SERVICE/LOAD allow-list holds against texts that a looser lexer would read differently from the engine.

Each bypass below was checked against pyoxigraph: the engine parses the text and reaches for the SERVICE host,
while a lexer that reads one token longer than the grammar allows would not see the SERVICE at all.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from cityref.errors import Forbidden
from cityref.sparql.text import UNRESOLVED, analyse, check_services, tokens

EVIL = "http://127.0.0.1:1/sparql"

BYPASSES = {
    # A comment ends at CR as well as at LF.
    "comment-ends-at-cr": f"SELECT * WHERE {{ # note\r SERVICE <{EVIL}> {{ ?s ?p ?o }} }}",
    # Non-ASCII spaces are allowed inside an IRIREF; a lexer that stops the IRI there starts a comment at '#'.
    "nbsp-inside-iri": f"SELECT * WHERE {{ BIND(<http://x/\u00a0#> AS ?z) SERVICE <{EVIL}> {{ ?s ?p ?o }} }}",
    # \u escapes are allowed inside an IRIREF too.
    "uchar-inside-iri": f"SELECT * WHERE {{ BIND(<http://x/\\u00e9#> AS ?z) SERVICE <{EVIL}> {{ ?s ?p ?o }} }}",
    # An escaped '#' belongs to a prefixed name; it does not start a comment.
    "escaped-hash-in-pname": f"PREFIX e: <http://x/> SELECT * WHERE {{ BIND(e:a\\#b AS ?z) SERVICE <{EVIL}> {{ }} }}",
}


@pytest.mark.parametrize("name", sorted(BYPASSES))
def test_engine_parses_each_bypass(name: str) -> None:
    """The texts are real SPARQL: the engine gets as far as the SERVICE call (and is stopped by the port)."""
    with pytest.raises(OSError, match="port 1"):
        list(ox.Store().query(BYPASSES[name]))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(BYPASSES))
def test_each_bypass_is_refused(name: str) -> None:
    analysis = analyse(BYPASSES[name])
    assert EVIL in analysis.services
    with pytest.raises(Forbidden):
        check_services(analysis, ["allowed.example"])


def test_pname_escape_cannot_move_the_host() -> None:
    """``e:allowed.example\\@localhost`` is ``http://allowed.example@localhost``: the host is localhost."""
    text = "PREFIX e: <http://> SELECT * WHERE { SERVICE e:allowed.example\\@localhost { ?s ?p ?o } }"
    assert analyse(text).services == ["http://allowed.example@localhost"]
    with pytest.raises(Forbidden):
        check_services(analyse(text), ["allowed.example"])


def test_codepoint_escapes_are_read_both_ways() -> None:
    """Engines that expand \\u before parsing see a SERVICE keyword here; the check sees it too."""
    text = f"SELECT * WHERE {{ \\u0053ERVICE <{EVIL}> {{ ?s ?p ?o }} }}"
    assert EVIL in analyse(text).services
    hidden_in_string = f'SELECT * WHERE {{ BIND("a\\u0022b" AS ?x) SERVICE <{EVIL}> {{ }} }}'
    assert EVIL in analyse(hidden_in_string).services


def test_less_than_read_as_an_iri_is_checked_inside() -> None:
    """A PEG engine reads ``?a<1)SERVICE ?x#>`` as a comparison, a SERVICE and a comment; a lexer, as one IRI."""
    text = "SELECT * WHERE { BIND(1 AS ?a) FILTER(?a<1)SERVICE?x#>\n{ ?s ?p ?o } }"
    with pytest.raises(Forbidden):
        check_services(analyse(text), ["allowed.example"])


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s <http://en.example.org/wiki/Node_(graph)> ?o }",
        "SELECT * WHERE { ?s ?p 'SERVICE <http://x/>' } # SERVICE <http://y/>\n",
        'SELECT * WHERE { ?s ?p """SERVICE\n<http://x/>""" }',
        "PREFIX e: <http://x/> SELECT * WHERE { ?s e:service ?o }",
    ],
)
def test_ordinary_texts_name_no_service(text: str) -> None:
    assert analyse(text).services == []


def test_update_detection_skips_the_prologue() -> None:
    assert analyse("PREFIX e: <http://x/> BASE <http://y/> INSERT DATA { e:a e:b 1 }").is_update
    assert not analyse("PREFIX insert: <http://x/> SELECT * { ?s insert:p ?o }").is_update


def test_tokens_keep_offsets() -> None:
    text = "ASK { ?s ?p ?o }"
    assert all(text[offset:].startswith(value) for _, value, offset in tokens(text))


def test_endpoint_refuses_the_cr_comment_bypass(embedded_client: TestClient) -> None:
    response = embedded_client.get("/sparql", params={"query": BYPASSES["comment-ends-at-cr"]})
    assert response.status_code == 403 and response.json()["service"] == EVIL


# The engine reads keywords without a word boundary (tests/sparql/test_service_differential.py proves each kind
# against it): every one of these names EVIL as what SERVICE or LOAD fetches.
GLUED = {
    "service-silent-glued": f"SELECT * {{ SERVICESILENT<{EVIL}> {{ ?a ?b ?c }} }}",
    "service-silent-mixed-case": f"SELECT * {{ serviceSILENT<{EVIL}> {{ ?a ?b ?c }} }}",
    "service-empty-prefix": "PREFIX : <http://127.0.0.1:1/> SELECT * { SERVICE:sparql { ?a ?b ?c } }",
    "service-prefix-glued": "PREFIX c: <http://127.0.0.1:1/> SELECT * { SERVICEc:sparql { ?a ?b ?c } }",
    "service-silent-prefix": "PREFIX : <http://127.0.0.1:1/> SELECT * { SERVICESILENT:sparql { ?a ?b ?c } }",
    "prefix-named-service": "PREFIX service: <https://ok.example/> PREFIX : <http://127.0.0.1:1/> "
    "SELECT * { service:sparql { ?a ?b ?c } }",
    "after-boolean": f"SELECT * {{ ?a ?b trueSERVICE<{EVIL}> {{ ?a ?b ?c }} }}",
    "after-exponent": f"SELECT * {{ ?a ?b 1e5SERVICE<{EVIL}> {{ ?a ?b ?c }} }}",
    "after-second-dot-group": f"PREFIX x: <http://x/> SELECT * {{ ?a ?b x:a.b.SERVICE<{EVIL}> {{ ?a ?b ?c }} }}",
    "comments-and-cr": f"SELECT * {{ service#a\rsilent#b\r<{EVIL}>#c\r{{ ?a ?b ?c }} }}",
    "inside-an-iri-glued": "PREFIX e: <http://127.0.0.1:1/> SELECT * { BIND(1 AS ?a) FILTER(?a<1)SERVICEe:sparql#>\n"
    "{ ?s ?p ?o } }",
    "load-silent-glued": f"LOADSILENT<{EVIL}>",
    "load-empty-prefix": "PREFIX : <http://127.0.0.1:1/> LOAD:sparql",
    "load-into-glued": f"LOAD<{EVIL}>INTOGRAPH<urn:g>",
    "load-after-operations": f"INSERTDATA{{<urn:a> <urn:b> <urn:c>}};CLEAR SILENT GRAPH <urn:g>;load silent<{EVIL}>;",
    "insert-where-service": f"INSERT {{ ?a ?b ?c }} WHERE {{ SERVICESILENT<{EVIL}> {{ ?a ?b ?c }} }}",
}


@pytest.mark.parametrize("name", sorted(GLUED))
def test_glued_keywords_are_read_as_the_engine_reads_them(name: str) -> None:
    analysis = analyse(GLUED[name])
    assert EVIL in analysis.services
    with pytest.raises(Forbidden):
        check_services(analysis, ["allowed.example"])


def test_a_name_that_contains_service_is_a_service_only_before_a_group() -> None:
    """The engine reads ``service:x ?p ?o`` as a triple and ``service:x { }`` as SERVICE ``:x``."""
    prologue = "PREFIX service: <https://ok.example/> PREFIX : <http://127.0.0.1:1/> "
    assert analyse(prologue + "SELECT * { service:sparql ?p ?o }").services == []
    assert analyse(prologue + "SELECT * { service:sparql { ?a ?b ?c } }").services == [EVIL]


def test_every_declaration_of_a_prefix_is_checked() -> None:
    """The engine keeps the last declaration; a glued one (``PREFIXr:``) is a declaration too."""
    allowed = "PREFIX r: <https://allowed.example/> "
    service = "SELECT * { SERVICE r:x { ?a ?b ?c } }"
    check_services(analyse(allowed + service), ["allowed.example"])
    for again in ("PREFIX r: <http://127.0.0.1:1/> ", "PREFIXr:<http://127.0.0.1:1/>"):
        with pytest.raises(Forbidden):
            check_services(analyse(allowed + again + service), ["allowed.example"])


@pytest.mark.parametrize(
    "target",
    [
        "<http://allowed.example@127.0.0.1:1/>",
        "<http://allowed.\\u0009example/>",
        "<//127.0.0.1:1/sparql>",
    ],
)
def test_misleading_iris_are_never_allowed(target: str) -> None:
    """What looks like the allowed host is not, and a relative IRI resolves to the host it names."""
    text = f"BASE <https://allowed.example/> SELECT * {{ SERVICE {target} {{ ?a ?b ?c }} }}"
    with pytest.raises(Forbidden):
        check_services(analyse(text), ["allowed.example"])


def test_keywords_are_matched_without_changing_offsets() -> None:
    """``str.lower`` turns ``İ`` into two characters; a shifted offset would read the target as ``:x``."""
    text = (
        "PREFIX x: <http://x/> PREFIX : <https://allowed.example/> PREFIX c: <http://127.0.0.1:1/> "
        "SELECT * { ?a ?b x:\u0130.b.SERVICEc:sparql { ?a ?b ?c } }"
    )
    assert analyse(text).services == [EVIL]


def test_glued_forms_and_updates_are_told_apart() -> None:
    assert analyse("LOADSILENT<http://x/>").is_update
    assert analyse("INSERTDATA{<urn:a> <urn:b> <urn:c>}").is_update
    assert analyse("SELECTDISTINCT*{?s ?p ?o}").kind == "select"
    assert not analyse("VERSION '1.2' SELECT * { ?s ?p ?o }").is_update


def test_a_language_tag_is_not_a_keyword() -> None:
    assert not analyse('SELECT * { ?s ?p "x"@from }').has_dataset
    assert analyse('SELECT * { ?s ?p "x"@service }').services == []
    assert analyse("SELECT * FROMNAMED<urn:g> { GRAPH ?g { ?s ?p ?o } }").has_dataset


def test_a_language_tag_is_not_a_from_clause(embedded_client: TestClient) -> None:
    """``"x"@from`` used to read as FROM, which gives a query the dataset it names instead of the service's."""
    query = 'SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } FILTER(?o != "x"@from) }'
    assert analyse(query).has_dataset is False
    response = embedded_client.get("/sparql", params={"query": query}, headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert [row["g"]["value"] for row in response.json()["results"]["bindings"]]


def test_a_name_full_of_keywords_is_refused_not_read_again_and_again() -> None:
    """Each ``service`` in a name reads the rest of the name again; past a few, the name is refused instead."""
    name = "e:" + "service" * 20_000
    assert analyse(f"PREFIX e: <http://x/> SELECT * {{ ?s ?p {name} }}").services == [UNRESOLVED]
    assert analyse("PREFIX e: <http://x/> SELECT * { ?s ?p e:serviceservice }").services == []


RUNS_PAST_THE_IRI = {
    # `<2)#>` is no IRI to the engine (relative, no base): `?a < 2`, then a comment to the line's end. A lexer that
    # took it for an IRI read the rest of the line as the start of a long string that hid the next line.
    "comment-then-long-string": "SELECT * { BIND(1 AS ?a) FILTER(?a<2)#>'''\n"
    f"SERVICE <{EVIL}> {{ }} BIND(\"'''\" AS ?q) }}",
    # The engine's string '>' starts inside the would-be IRI; the lexer's string began at its end instead.
    "string": f"SELECT * {{ BIND(1 AS ?a) FILTER(?a<2)BIND('>' AS ?q)SERVICE <{EVIL}> {{ }} BIND('x' AS ?r) }}",
}


@pytest.mark.parametrize("name", sorted(RUNS_PAST_THE_IRI))
def test_a_comment_or_string_begun_inside_a_would_be_iri_is_followed(name: str) -> None:
    assert EVIL in analyse(RUNS_PAST_THE_IRI[name]).services


def test_iris_that_are_iris_are_not_read_again() -> None:
    """An absolute IRI is one to the engine whatever the base; parentheses, `#` and `'` in it change nothing."""
    iris = " ".join(f"<http://example.org/Node_({i})#it's>" for i in range(50))
    assert analyse(f"SELECT * {{ VALUES ?x {{ {iris} }} }}").services == []


def test_reading_the_text_again_has_a_limit() -> None:
    """Each relative IRI with `)` and `#` makes the rest of the text be read again; past a few, it is refused."""
    iris = " ".join(f"<x{i})#>\n" for i in range(12))
    assert analyse(f"BASE <http://example.org/> SELECT * {{ VALUES ?x {{ {iris} }} }}").services == [UNRESOLVED]


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        # A BASE of the first prologue resolves a relative target, as the engine does.
        (
            "BASE <http://allowed.example/q/> SELECT * { SERVICE <sparql> { ?s ?p ?o } }",
            ["http://allowed.example/q/sparql"],
        ),
        ("BASE <http://allowed.example/> LOAD <d.ttl> INTO GRAPH <g>", ["http://allowed.example/d.ttl"]),
        ("BASE <https://allowed.example/> ASK { SERVICE <//allowed.example/s> {} }", ["https://allowed.example/s"]),
        # Without one, the endpoint's own address would resolve it: it stays relative, and is refused.
        ("SELECT * { SERVICE <sparql> { ?s ?p ?o } }", ["sparql"]),
        ("LOAD <x> ; BASE <http://allowed.example/> LOAD <y>", ["x", "y"]),
        ("BASE <rel/> LOAD <y>", ["y"]),
    ],
)
def test_relative_targets_resolve_against_the_texts_base(text: str, targets: list[str]) -> None:
    analysis = analyse(text)
    assert analysis.services == targets
    if all(t.startswith(("http://allowed.example/", "https://allowed.example/")) for t in targets):
        check_services(analysis, ["allowed.example"])
    else:
        with pytest.raises(Forbidden):
            check_services(analysis, ["allowed.example"])


def test_relative_iris_are_not_fetches(embedded_client: TestClient) -> None:
    """Relative IRIs elsewhere are plain terms resolved against the endpoint: nothing for the allow-list."""
    assert analyse("INSERT DATA { <s> <p> 'o1' }").services == []
    assert analyse("SELECT * { <s> ?p ?o FILTER(?o < 1) }").services == []


def test_a_query_texts_reading_is_remembered_and_a_refusal_is_not(monkeypatch: pytest.MonkeyPatch) -> None:
    """``read_query`` remembers what a passing text said; a text refused by the allow-list or the shape check is
    refused again each time, and a long text is read anew each time."""
    from cityref import Settings
    from cityref.errors import LimitExceeded
    from cityref.sparql import service

    reads: list[str] = []
    real = service.analyse

    def counting(text: str):  # type: ignore[no-untyped-def]
        reads.append(text)
        return real(text)

    monkeypatch.setattr(service, "analyse", counting)
    service._read_remembered.cache_clear()
    settings = Settings(data_dir=None, sparql_max_nesting=8)
    text = "SELECT * WHERE { SERVICE <" + EVIL + "> { ?s ?p ?o } }"
    first = service.read_query(text, settings)
    assert service.read_query(text, settings) is first and len(reads) == 1
    for _ in range(2):  # remembered or not, the allow-list still refuses it
        with pytest.raises(Forbidden):
            check_services(service.read_query(text, settings), settings.allowed_remote_hosts)
    deep = "ASK { " + "{ " * 9 + "}" * 9 + " }"
    for _ in range(2):
        with pytest.raises(LimitExceeded):
            service.read_query(deep, settings)
    long = "ASK { } #" + "x" * service.READ_TEXT_CHARS
    service.read_query(long, settings)
    service.read_query(long, settings)
    assert reads.count(long) == 2
    other_limits = Settings(data_dir=None, sparql_max_nesting=64)
    service.read_query(deep, other_limits)  # the limits are part of what is remembered
    assert reads.count(deep) == 1
    assert service._read_remembered.cache_info().maxsize == service.READ_TEXTS
