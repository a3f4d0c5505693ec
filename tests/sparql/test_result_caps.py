"""The caps on a query answer (:mod:`cityref.store.results`), driven by the engine's own writer: whatever the byte
cap, a cut SELECT parses back, keeps a prefix of the rows and says it was cut; a capped read of line-based text
stops at the first chunk past the cap.

The engine's TSV writer hands its buffer (about 8 KiB) over again after a refused write; byte caps that fall in the
first buffer, at its edge and past it are all tried.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from cityref.store.results import read_capped, render_ntriples, render_solutions, render_triples

EX = "http://example.org/"
JSON = "application/sparql-results+json"
TSV = "text/tab-separated-values"
NT = "application/n-triples"
ROWS = 400


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for n in range(ROWS):
        # Values of uneven length, so that lines end at every offset of the writer's buffer.
        value = ox.Literal(f"value {n} " + "x" * (n * 7 % 53))
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{n:04d}"), ox.NamedNode(f"{EX}p"), value))
    return store


def everything(store: ox.Store) -> ox.QuerySolutions:
    solutions = store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s")
    assert isinstance(solutions, ox.QuerySolutions)
    return solutions


def rows(body: bytes) -> list[tuple[str, str]]:
    bindings = json.loads(body)["results"]["bindings"]
    return [(b["s"]["value"], b["o"]["value"]) for b in bindings]


@pytest.mark.parametrize("max_bytes", [60, 100, 2000, 2913, 3000, 8126, 8127, 8192, 8193, 12_000, 20_000])
def test_a_select_cut_at_any_byte_cap_parses_back_as_a_prefix_of_the_rows(store: ox.Store, max_bytes: int) -> None:
    full, whole_cut = render_solutions(everything(store), JSON, ROWS)
    assert full is not None and not whole_cut
    body, truncated = render_solutions(everything(store), JSON, ROWS, max_bytes)
    assert body is not None and truncated
    parsed = json.loads(body)
    assert parsed["truncated"] is True and parsed["rowCap"] == ROWS
    kept = rows(body)
    assert kept == rows(full)[: len(kept)] and len(kept) < ROWS
    assert len(body) <= max_bytes or not kept  # within the cap, or the header alone (which is longer)
    tsv, tsv_cut = render_solutions(everything(store), TSV, ROWS, max_bytes)
    assert tsv is not None and tsv_cut and len(tsv) <= max_bytes
    tsv_rows = tsv.decode().splitlines()[1:]
    assert [row.split("\t")[0] for row in tsv_rows] == [f"<{s}>" for s, _ in rows(full)[: len(tsv_rows)]]
    assert len(tsv_rows) >= len(kept)  # the cap counts the format asked for, and TSV is the shortest


def test_a_byte_cap_above_the_answer_cuts_nothing(store: ox.Store) -> None:
    body, truncated = render_solutions(everything(store), TSV, ROWS, 10_000_000)
    assert body is not None and not truncated and body.count(b"\n") == ROWS + 1


def test_solutions_already_cut_say_so(store: ox.Store) -> None:
    body, truncated = render_solutions(everything(store), JSON, ROWS, cut=True)
    assert body is not None and truncated and json.loads(body)["truncated"] is True and len(rows(body)) == ROWS


def chunked(data: bytes, size: int, taken: list[int]) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        taken.append(start)
        yield data[start : start + size]


@pytest.mark.parametrize("size", [1, 7, 64, 4096])
def test_a_capped_read_keeps_whole_lines_whatever_the_chunks(size: int) -> None:
    text = b"".join(b"line %d %s\n" % (n, b"y" * (n % 11)) for n in range(100))
    lines = text.splitlines(keepends=True)
    taken: list[int] = []
    kept, cut = read_capped(chunked(text, size, taken), 10)
    assert cut and kept == b"".join(lines[:10])
    kept, cut = read_capped(chunked(text, size, []), 1000)
    assert not cut and kept == text
    kept, cut = read_capped(chunked(text, size, []), 1000, 500)
    assert cut and len(kept) <= 500 and kept.endswith(b"\n") and text.startswith(kept)
    kept, cut = read_capped(chunked(text + b"last without newline", size, []), 1000)
    assert not cut and kept.endswith(b"last without newline")


def test_a_capped_read_stops_at_the_first_chunk_past_the_cap() -> None:
    def endless(taken: list[int]) -> Iterator[bytes]:
        while True:
            taken.append(1)
            yield b"a\tb\n" * 100

    taken: list[int] = []
    kept, cut = read_capped(endless(taken), 250)
    assert cut and kept.count(b"\n") == 250 and len(taken) == 3
    taken = []
    kept, cut = read_capped(endless(taken), 10**9, 1000)
    assert cut and len(kept) <= 1000 and len(taken) == 3


def test_one_endless_value_is_cut_at_the_byte_cap() -> None:
    taken: list[int] = []

    def one_value() -> Iterator[bytes]:
        yield b"?s\n"
        while True:
            taken.append(1)
            yield b"z" * 1000

    kept, cut = read_capped(one_value(), 10, 5000)
    assert cut and kept == b"?s\n" and len(taken) == 5


def graph(store: ox.Store) -> ox.QueryTriples:
    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(triples, ox.QueryTriples)
    return triples


def test_triples_cut_at_the_cap_or_already_cut_say_so(store: ox.Store) -> None:
    body, truncated = render_triples(graph(store), NT, 30)
    assert body is not None and truncated and body.startswith(b"# truncated: ") and body.count(b"\n") == 31
    few = b"".join(graph(store).serialize(format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)[:20])
    body, truncated = render_ntriples(few, NT, 30, cut=True)
    assert body is not None and truncated and b"tripleCap=30" in body and body.count(b"\n") == 21
    body, truncated = render_ntriples(few, NT, 30)
    assert body == few and not truncated
    body, truncated = render_triples(graph(store), NT, ROWS)
    assert body == graph(store).serialize(format=ox.RdfFormat.N_TRIPLES) and not truncated


GRAPH_TYPES = ("text/turtle", NT, "application/rdf+xml", "application/ld+json")


def triples_of(body: bytes, media_type: str) -> set[ox.Triple]:
    graph_format = ox.RdfFormat.from_media_type(media_type)
    return {quad.triple for quad in ox.parse(body, format=graph_format)}


@pytest.mark.parametrize("media_type", GRAPH_TYPES)
@pytest.mark.parametrize("max_bytes", [500, 2000, 8191, 8193, 20_000])
def test_a_graph_cut_at_any_byte_cap_parses_back_as_part_of_the_answer(
    store: ox.Store, media_type: str, max_bytes: int
) -> None:
    full, full_cut = render_triples(graph(store), media_type, ROWS)
    assert full is not None and not full_cut
    everything = triples_of(full, media_type)
    assert len(everything) == ROWS
    runs: list[int] = []

    def again() -> ox.QueryTriples:
        runs.append(1)
        return graph(store)

    body, truncated = render_triples(graph(store), media_type, ROWS, max_bytes, again=again)
    assert body is not None and truncated
    assert len(runs) == (0 if media_type == NT else 1)  # N-Triples are cut at a line, the others written again
    assert (b"tripleCap=" in body[:300]) == (media_type != "application/ld+json")  # JSON-LD: the header only
    kept = triples_of(body, media_type)
    assert kept < everything and len(body) <= max_bytes + 100  # the signal may come on top of the cap
    assert kept or max_bytes < 1000


def test_a_graph_past_the_byte_cap_with_no_way_to_run_again_is_cut_to_nothing(store: ox.Store) -> None:
    body, truncated = render_triples(graph(store), "text/turtle", ROWS, 2000)
    assert body is not None and truncated and not triples_of(body, "text/turtle")


def test_a_graph_within_the_caps_is_written_once_by_the_engine(store: ox.Store) -> None:
    for media_type in GRAPH_TYPES:
        body, truncated = render_triples(graph(store), media_type, ROWS, 10_000_000)
        graph_format = ox.RdfFormat.from_media_type(media_type)
        assert body == graph(store).serialize(format=graph_format) and not truncated
        body, truncated = render_triples(graph(store), media_type, ROWS - 1, 10_000_000)
        assert body is not None and truncated and len(triples_of(body, media_type)) == ROWS - 1


#: One of each kind of term the engine writes differently in Turtle: the shorter forms of numbers and booleans,
#: language and direction tags, escapes, blank nodes, repeated subjects and objects.
TERMS = r"""
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:p 1, 1.5, 1.0e3, true, "x"@en, "tab\there \"quoted\" \\ \u00e9"@fr, "2026-12-04"^^xsd:date ;
    ex:q [ ex:r ex:b ], _:n ; ex:s "line\nbreak" .
_:n ex:p ex:a .
<http://example.org/%20odd> <http://example.org/p> "x"^^<http://example.org/type> .
"""


def test_turtle_is_never_longer_than_the_n_triples_it_is_written_from() -> None:
    """The reason Turtle answers may be sent in parts once they are within the byte cap as N-Triples."""
    small = ox.Store()
    small.load(TERMS.encode(), format=ox.RdfFormat.TURTLE)
    ntriples = graph(small).serialize(format=ox.RdfFormat.N_TRIPLES)
    for line in ntriples.splitlines(keepends=True):
        turtle, _ = render_ntriples(line, "text/turtle", 10)
        assert turtle is not None and len(turtle) <= len(line), line
    turtle, _ = render_ntriples(ntriples, "text/turtle", 100)
    assert turtle is not None and len(turtle) <= len(ntriples)
    again, first = triples_of(turtle, "text/turtle"), triples_of(ntriples, NT)
    assert len(again) == len(first) == 13 and grounded(again) == grounded(first) and len(grounded(first)) == 9


def grounded(triples: set[ox.Triple]) -> set[ox.Triple]:
    return {t for t in triples if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)}


def test_a_remote_stores_n_triples_are_read_again_and_a_broken_line_is_refused() -> None:
    line = b'<http://example.org/a> <http://example.org/p> "1" .\n'
    assert render_ntriples(line, NT, 10) == (line, False)
    with pytest.raises(SyntaxError):
        render_ntriples(line + b"<http://example.org/a> broken .\n", NT, 10)
