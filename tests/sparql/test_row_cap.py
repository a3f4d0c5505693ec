"""The row cap and the byte cap on SELECT answers, cut in the engine's own writing (:mod:`cityref.store.row_cap`).

The oracle is the engine itself: an answer cut after *k* rows must be, byte for byte, the engine's answer to the
same query with ``LIMIT k``, plus the truncation signal; *k* is the row cap, or, under a byte cap, the most rows
whose answer fits. Values are chosen to look like the marks the counters look for (``},{"``, ``{}``, ``<result>``,
quotes, line breaks, backslashes), and the writing is also handed over in every size of chunk, down to one byte.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cityref.store import results
from cityref.store.results import _CapReached, mark_truncated, render_solutions
from cityref.store.row_cap import CSV, JSON, TSV, XML

EX = "http://example.org/"
FORMATS = [JSON, XML, CSV, TSV]
Value = str | None  # a literal's text, or unbound

AWKWARD = [
    '},{"',
    "},{",
    ",{}",
    "{}",
    "[{",
    ",{},",
    "[{}]",
    ',{}],"',
    '\\",{},{}',
    "<result>",
    "</results>",
    '"',
    '""',
    "\n",
    "\r\n",
    "\\",
    '\\"',
    ",",
    "\t",
    "é",
    "x",
]


def city(rows: Sequence[Sequence[Value]], triple_terms: bool = False) -> ox.Store:
    """A store holding one subject a row (ordered by ``ex:i``) with ``ex:a`` and ``ex:b`` where bound."""
    store = ox.Store()
    for n, row in enumerate(rows):
        subject = ox.NamedNode(f"{EX}s{n:05d}")
        store.add(ox.Quad(subject, ox.NamedNode(f"{EX}i"), ox.Literal(str(n), datatype=ox.NamedNode(XSD_INT))))
        for name, value in zip("ab", row, strict=True):
            if value is None:
                continue
            term: Any = ox.Literal(value)
            if triple_terms and name == "b":
                term = ox.Triple(subject, ox.NamedNode(f"{EX}said"), ox.Literal(value, language="en"))
            store.add(ox.Quad(subject, ox.NamedNode(f"{EX}{name}"), term))
    return store


XSD_INT = "http://www.w3.org/2001/XMLSchema#integer"
QUERY = f"SELECT ?a ?b WHERE {{ ?s <{EX}i> ?i OPTIONAL {{ ?s <{EX}a> ?a }} OPTIONAL {{ ?s <{EX}b> ?b }} }} ORDER BY ?i"


def written(store: ox.Store, media_type: str, limit: int | None = None) -> bytes:
    """The engine's own answer to the query, with ``LIMIT limit`` when given."""
    out = io.BytesIO()
    query = QUERY if limit is None else f"{QUERY} LIMIT {limit}"
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    assert fmt is not None
    solutions.serialize(out, fmt)
    return out.getvalue()


def expected(store: ox.Store, media_type: str, total: int, row_cap: int, max_bytes: int) -> tuple[bytes, bool]:
    """What the capped answer must be, from the engine's answers with a LIMIT."""
    if total <= row_cap and (not max_bytes or len(written(store, media_type)) <= max_bytes):
        return written(store, media_type), False
    keep = min(row_cap, total)
    while keep and max_bytes and len(mark_truncated(written(store, media_type, keep), media_type, row_cap)) > max_bytes:
        keep -= 1
    return mark_truncated(written(store, media_type, keep), media_type, row_cap), True


def parsed(body: bytes, media_type: str) -> list[Any]:
    """The rows of an answer, read back (CSV by the standard library, which pyoxigraph does not read)."""
    if media_type == CSV:
        return list(csv.reader(io.StringIO(body.decode(), newline="")))[1:]
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    assert fmt is not None
    return list(ox.parse_query_results(body, fmt))


class Chunked:
    """Solutions that write a given document in given chunk sizes (cycled), as the engine's writer would, and stop
    at the first refused write."""

    def __init__(self, document: bytes, sizes: Sequence[int]) -> None:
        self.document = document
        self.sizes = sizes
        self.writes = 0

    def serialize(self, sink: Any, fmt: Any) -> None:
        at, n = 0, 0
        while at < len(self.document):
            size = self.sizes[n % len(self.sizes)]
            self.writes += 1
            sink.write(self.document[at : at + size])
            at, n = at + size, n + 1


def capped(store: ox.Store, media_type: str, row_cap: int, max_bytes: int) -> tuple[bytes, bool]:
    solutions = store.query(QUERY)
    body, truncated = render_solutions(solutions, media_type, row_cap, max_bytes)
    assert body is not None
    return body, truncated


ROWS: list[list[Value]] = [[AWKWARD[n % len(AWKWARD)] * (1 + n % 3), f"v{n}" if n % 4 else None] for n in range(60)]


@pytest.fixture(scope="module")
def awkward() -> ox.Store:
    return city(ROWS)


@pytest.mark.parametrize("media_type", FORMATS)
@pytest.mark.parametrize("row_cap", [1, 2, 17, 59, 60, 61, 1000])
def test_the_row_cap_keeps_what_limit_keeps(awkward: ox.Store, media_type: str, row_cap: int) -> None:
    assert capped(awkward, media_type, row_cap, 0) == expected(awkward, media_type, len(ROWS), row_cap, 0)


@pytest.mark.parametrize("media_type", FORMATS)
def test_the_byte_cap_keeps_the_most_rows_that_fit(awkward: ox.Store, media_type: str) -> None:
    full = len(written(awkward, media_type))
    for max_bytes in sorted({1, 20, 60, 150, 151, 333, 512, 1000, full // 2, full - 1, full, full + 1}):
        body, truncated = capped(awkward, media_type, 1000, max_bytes)
        assert (body, truncated) == expected(awkward, media_type, len(ROWS), 1000, max_bytes), max_bytes
        header_only = expected(awkward, media_type, len(ROWS), 1000, 1)[0]
        assert len(body) <= max_bytes or body == header_only


@pytest.mark.parametrize("media_type", FORMATS)
def test_both_caps_at_once_keep_the_fewer_rows(awkward: ox.Store, media_type: str) -> None:
    for row_cap, max_bytes in [(5, 400), (40, 400), (40, 100_000), (3, 10)]:
        assert capped(awkward, media_type, row_cap, max_bytes) == expected(
            awkward, media_type, len(ROWS), row_cap, max_bytes
        )


@pytest.mark.parametrize("media_type", FORMATS)
def test_rows_with_nothing_bound_are_rows(media_type: str) -> None:
    rows: list[list[Value]] = [[None, None], ["{}", None], [None, None], [None, "},{"], [None, None], ["a", "b"]]
    store = city(rows)
    for row_cap in range(1, 7):
        assert capped(store, media_type, row_cap, 0) == expected(store, media_type, len(rows), row_cap, 0)
    document = written(store, media_type)
    for max_bytes in range(len(document) - 60, len(document) + 2):
        want = expected(store, media_type, len(rows), 10, max_bytes)
        for sizes in ([1], [2], [3], [5], [7], [len(document)]):
            assert render_solutions(Chunked(document, sizes), media_type, 10, max_bytes) == want, (max_bytes, sizes)


@pytest.mark.parametrize("media_type", FORMATS)
def test_an_answer_of_no_columns_counts_its_rows(media_type: str) -> None:
    store = ox.Store()
    query = "SELECT ?nothing WHERE { VALUES ?x { 1 2 3 } }"
    body, truncated = render_solutions(store.query(query), media_type, 2)
    assert truncated and body is not None
    kept = parsed(body, media_type)
    assert len(kept) == 2 and not any(any(row) for row in kept)  # two rows, each with nothing bound


@pytest.mark.parametrize("media_type", FORMATS)
def test_triple_terms_are_cut_whole(media_type: str) -> None:
    rows: list[list[Value]] = [[f"n{n}", AWKWARD[n % len(AWKWARD)]] for n in range(12)]
    store = city(rows, triple_terms=True)
    for row_cap in (1, 5, 11, 12):
        assert capped(store, media_type, row_cap, 0) == expected(store, media_type, len(rows), row_cap, 0)
    assert capped(store, media_type, 12, 700) == expected(store, media_type, len(rows), 12, 700)


@pytest.mark.parametrize("media_type", FORMATS)
def test_no_rows_is_no_rows(media_type: str) -> None:
    store = city([])
    assert capped(store, media_type, 1, 0) == (written(store, media_type), False)
    for max_bytes in (1, 5, 200):
        assert capped(store, media_type, 1, max_bytes) == expected(store, media_type, 0, 1, max_bytes)


@pytest.mark.parametrize("media_type", FORMATS)
def test_every_chunking_cuts_alike(awkward: ox.Store, media_type: str) -> None:
    document = written(awkward, media_type)
    chooser = random.Random(37106)
    chunkings = [[1], [2], [3], [4], [5], [7], [64], [len(document)]]
    chunkings += [[chooser.randint(1, 40) for _ in range(30)] for _ in range(8)]
    for row_cap, max_bytes in [(1, 0), (7, 0), (59, 0), (60, 0), (1000, 555), (10, 300), (1000, 1)]:
        want = expected(awkward, media_type, len(ROWS), row_cap, max_bytes)
        for sizes in chunkings:
            assert render_solutions(Chunked(document, sizes), media_type, row_cap, max_bytes) == want, sizes


class Endless:
    """Solutions whose writer never ends: a header, then the same row (or one value) for ever."""

    def __init__(self, head: bytes, again: bytes) -> None:
        self.head, self.again = head, again
        self.writes = 0

    def serialize(self, sink: Any, fmt: Any) -> None:
        sink.write(self.head)
        while True:
            self.writes += 1
            if self.writes > 10_000:
                raise AssertionError("the sink never stopped the writer")
            sink.write(self.again)


XML_HEAD = (
    b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="a"/></head>'
)
ENDLESS_ROWS = {
    JSON: (
        b'{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"literal","value":"0"}}',
        b',{"a":{"type":"literal","value":"1"}}',
    ),
    XML: (
        XML_HEAD + b"<results>",
        b'<result><binding name="a"><literal>1</literal></binding></result>',
    ),
    CSV: (b"a\r\n", b'"1\n2",x\r\n'),
    TSV: (b"?a\n", b'"1"\n'),
}


@pytest.mark.parametrize("media_type", FORMATS)
def test_an_endless_answer_stops_at_the_caps(media_type: str) -> None:
    head, row = ENDLESS_ROWS[media_type]
    endless = Endless(head, row)
    body, truncated = render_solutions(endless, media_type, 100)
    assert truncated and body is not None and endless.writes <= 102
    assert len(parsed(body, media_type)) == 100
    endless = Endless(head, row)
    body, truncated = render_solutions(endless, media_type, 10**9, 5000)
    assert truncated and body is not None and len(body) <= 5000 and endless.writes < 5000 // len(row) + 3
    assert parsed(body, media_type) and len(body) + len(row) > 5000  # one row more would not fit


@pytest.mark.parametrize("media_type", FORMATS)
def test_one_endless_value_leaves_the_header(media_type: str) -> None:
    heads = {
        JSON: b'{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"literal","value":"',
        XML: XML_HEAD + b'<results><result><binding name="a"><literal>',
        CSV: b'a\r\n"',
        TSV: b'?a\n"',
    }
    again = {JSON: b'z},{\\"', XML: b"z\n", CSV: b"z\n", TSV: b"z"}[media_type] * 100
    endless = Endless(heads[media_type], again)
    body, truncated = render_solutions(endless, media_type, 10, 3000)
    assert truncated and body is not None and endless.writes <= 3000 // len(again) + 2
    assert parsed(body, media_type) == []


def _refusing() -> Any:
    class Refusing(io.RawIOBase):
        def write(self, data: Any) -> int:
            raise _CapReached

    return Refusing()


def test_an_error_of_the_writer_is_not_taken_for_the_cap() -> None:
    class Broken:
        def serialize(self, sink: Any, fmt: Any) -> None:
            raise OSError("the disk is gone")

    with pytest.raises(OSError, match="disk"):
        render_solutions(Broken(), JSON, 10)
    with pytest.raises(_CapReached):  # a refused write is the cap, and render_solutions takes it as such
        Endless(b"", b"").serialize(_refusing(), None)


values = st.lists(st.sampled_from(AWKWARD), max_size=4).map("".join)
rows_of = st.lists(st.lists(st.none() | values, min_size=2, max_size=2), max_size=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=rows_of,
    media_type=st.sampled_from(FORMATS),
    row_cap=st.integers(1, 30),
    max_bytes=st.integers(0, 3000),
    sizes=st.lists(st.integers(1, 300), min_size=1, max_size=8),
    triple_terms=st.booleans(),
)
def test_any_rows_any_caps_any_chunks(
    rows: list[list[Value]], media_type: str, row_cap: int, max_bytes: int, sizes: list[int], triple_terms: bool
) -> None:
    store = city(rows, triple_terms)
    want = expected(store, media_type, len(rows), row_cap, max_bytes)
    assert capped(store, media_type, row_cap, max_bytes) == want
    assert render_solutions(Chunked(written(store, media_type), sizes), media_type, row_cap, max_bytes) == want


class Recorder:
    """A sender that keeps what it is given."""

    def __init__(self) -> None:
        self.heads: list[Any] = []
        self.parts: list[bytes] = []

    def start(self, head: Any) -> None:
        self.heads.append(head)

    def chunk(self, data: bytes) -> None:
        self.parts.append(data)


@pytest.mark.parametrize("media_type", FORMATS)
@pytest.mark.parametrize("row_cap", [7, 1000])
def test_a_long_answer_goes_in_parts_that_make_the_whole(
    awkward: ox.Store, media_type: str, row_cap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(results, "PART_BYTES", 300)
    document = written(awkward, media_type)
    whole, truncated = render_solutions(Chunked(document, [97]), media_type, row_cap, 0)
    assert whole is not None and truncated == (row_cap < len(ROWS))
    sender = Recorder()
    streamed, cut = render_solutions(
        Chunked(document, [97]), media_type, row_cap, 0, sender=sender, stream_bytes=50, head=lambda cut: ("h", cut)
    )
    assert streamed is None and cut == truncated and sender.heads == [("h", truncated)]
    assert b"".join(sender.parts) == whole
    sizes = {len(part) for part in sender.parts[:-1]}
    assert sizes <= ({300} if truncated else set(range(300, 300 + 97)))  # the cut answer sliced, or chunks joined
    short, _ = render_solutions(Chunked(document, [97]), media_type, row_cap, 0, sender=sender, stream_bytes=10**6)
    assert short == whole and len(sender.heads) == 1  # at most stream_bytes: returned whole, nothing sent
