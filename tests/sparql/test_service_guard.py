"""The SERVICE/LOAD allow-list holds against texts that a looser lexer would read differently from the engine.

Each bypass below was checked against pyoxigraph: the engine parses the text and reaches for the SERVICE host,
while a lexer that reads one token longer than the grammar allows would not see the SERVICE at all.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from cityref.errors import Forbidden
from cityref.services.sparql_text import analyse, check_services, tokens

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
