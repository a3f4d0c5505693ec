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

from cityref.store.results import read_capped, render_solutions, render_triples

EX = "http://example.org/"
JSON = "application/sparql-results+json"
TSV = "text/tab-separated-values"
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
    tsv, tsv_cut = render_solutions(everything(store), TSV, ROWS, max_bytes)
    assert tsv is not None and tsv_cut and len(tsv) <= max_bytes
    assert tsv.count(b"\n") == len(kept) + 1  # the header line once, then the same rows


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


def test_triples_cut_at_the_cap_or_already_cut_say_so(store: ox.Store) -> None:
    triples = [q.triple for q in store]
    body, truncated = render_triples(iter(triples), "application/n-triples", 30)
    assert truncated and body.startswith(b"# truncated: ") and body.count(b"\n") == 31
    body, truncated = render_triples(iter(triples[:20]), "application/n-triples", 30, cut=True)
    assert truncated and b"tripleCap=30" in body and body.count(b"\n") == 21
    body, truncated = render_triples(iter(triples[:20]), "application/n-triples", 30)
    assert not truncated and body.count(b"\n") == 20
