"""Where the rows of a SELECT answer begin, read from the engine's own writing in the format asked for, so that the
row cap and the byte cap cut it without writing it twice (:func:`cityref.store.results.render_solutions`).

Each format's :class:`RowStarts` is fed the writer's chunks in order (pyoxigraph hands over about 8 KiB at a time,
cut anywhere, even inside a value) and counts rows with :meth:`bytes.count` over each chunk, never a Python step per
row. A row's *start* is the offset the answer is cut at to keep the rows before it; the format's ``closing`` then
ends the document:

- TSV: the engine escapes line breaks in values, so every line ends a row (the first line is the header);
- CSV: a line break inside a quoted value is not a line end; quotes inside values are doubled, so whether a
  position is inside quotes is the parity of the quotes before it;
- XML: every row opens with ``<result>``, which no value can contain, since ``<`` is always escaped;
- JSON: the rows are the objects of ``"bindings":[...]``. After the first, a row begins at ``},{"`` (the next
  variable's name follows); the same bytes appear inside a value only where a string ends in ``},{``, and its closing
  quote is then followed by ``,`` or ``}``, never by a name, so one byte more tells them apart. A row with no
  binding at all (``{}``) has no name to follow it: once ``{}`` appears anywhere, the count goes on token by
  token, with strings skipped (:class:`_ExactJson`), which is slower but exact whatever the values hold.

Verified against pyoxigraph 0.5's writers; tests/sparql/test_row_cap.py checks every format against the engine's
answer to the same query with a ``LIMIT``, and against every way of cutting the writing into chunks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"


class RowStarts:
    """Counts rows as the chunks of one answer come. ``target``: the row whose start is wanted (the row cap plus
    one); once it has been seen, :attr:`cut` is its offset. :attr:`head_end` is where the first row starts (or would
    start), once known: the least any cut keeps."""

    closing = b""

    def __init__(self, target: int) -> None:
        self.target = target
        self.rows = 0
        self.cut: int | None = None
        self.head_end: int | None = None

    def feed(self, chunk: bytes, base: int, document: Callable[[], bytes]) -> None:
        """Take the next ``chunk``, which starts at offset ``base``; ``document()`` is everything written so far,
        this chunk included (for a format that must look back)."""
        raise NotImplementedError

    def last_start(self, document: bytes, limit: int) -> int:
        """The offset of the last row start at or before ``limit`` in ``document``, but never less than
        :attr:`head_end` (which must be known)."""
        raise NotImplementedError


class _Lines(RowStarts):
    """TSV: a row a line, after the header line; the row after line end number *n* starts right after it."""

    def __init__(self, target: int) -> None:
        super().__init__(target)
        self._ends = 0  # line ends so far

    def _outside(self, chunk: bytes) -> list[tuple[int, bytes]]:
        """The pieces of ``chunk`` whose line ends count, with their offsets in it."""
        return [(0, chunk)]

    def feed(self, chunk: bytes, base: int, document: Callable[[], bytes]) -> None:
        for at, piece in self._outside(chunk):
            lines = piece.count(b"\n")
            if not lines:
                continue
            if self.head_end is None:
                self.head_end = base + at + piece.index(b"\n") + 1
            if self.cut is None and self._ends + lines >= self.target:
                end = -1
                for _ in range(self.target - self._ends):
                    end = piece.index(b"\n", end + 1)
                self.cut = base + at + end + 1
            self._ends += lines
        self.rows = max(self._ends - 1, 0)

    def last_start(self, document: bytes, limit: int) -> int:
        assert self.head_end is not None
        return max(document.rfind(b"\n", 0, limit) + 1, self.head_end)


class _QuotedLines(_Lines):
    """CSV: as TSV, but a line break inside quotes is part of a value."""

    def __init__(self, target: int) -> None:
        super().__init__(target)
        self._quoted = False  # inside quotes where the last chunk ended

    def _outside(self, chunk: bytes) -> list[tuple[int, bytes]]:
        if b'"' not in chunk:
            return [] if self._quoted else [(0, chunk)]
        pieces, at, outside = [], 0, not self._quoted
        for piece in chunk.split(b'"'):
            if outside:
                pieces.append((at, piece))
            at += len(piece) + 1
            outside = not outside
        self._quoted = outside  # the last piece had no quote after it: undo its turn
        return pieces

    def last_start(self, document: bytes, limit: int) -> int:
        assert self.head_end is not None
        end = document.rfind(b"\n", 0, limit)
        quotes = document.count(b'"', 0, end) if end >= 0 else 0
        while end + 1 > self.head_end and quotes % 2:  # inside quotes: step back to the line break before
            before = document.rfind(b"\n", 0, end)
            quotes -= document.count(b'"', before + 1, end)
            end = before
        return max(end + 1, self.head_end)


class _Marked(RowStarts):
    """A row a ``mark``, which no value can hold (XML's ``<result>``)."""

    mark = b"<result>"
    opening = b"<results>"
    closing = b"</results></sparql>"

    def __init__(self, target: int) -> None:
        super().__init__(target)
        self._carry = b""  # the last bytes, which may begin a mark that the next chunk ends

    def feed(self, chunk: bytes, base: int, document: Callable[[], bytes]) -> None:
        window = self._carry + chunk
        start = base - len(self._carry)
        if self.head_end is None:
            written = document()
            opening = written.find(self.opening)
            if opening >= 0:
                self.head_end = opening + len(self.opening)
        found = window.count(self.mark)
        if self.cut is None and self.rows + found >= self.target:
            at = -1
            for _ in range(self.target - self.rows):
                at = window.index(self.mark, at + 1)
            self.cut = start + at
        self.rows += found
        self._carry = window[-(len(self.mark) - 1) :]

    def last_start(self, document: bytes, limit: int) -> int:
        assert self.head_end is not None
        return max(document.rfind(self.mark, 0, limit + len(self.mark)), self.head_end)


_BINDINGS = b'"bindings":['
_NEXT_ROW = b'},{"'
_NOT_A_NAME = (b'},{"}', b'},{",')  # a string ending in "},{", then what follows its closing quote
_EMPTY_ROW = b"{}"


def _names_a_row(document: bytes, at: int) -> bool:
    """Whether the ``},{"`` at ``at`` begins a row: the byte after it is here and begins a name."""
    after = document[at + len(_NEXT_ROW) : at + len(_NEXT_ROW) + 1]
    return after not in (b"", b"}", b",")


def _bindings(document: bytes) -> int | None:
    """Where the first row starts or would start (the name of ``bindings`` is written once, in no string)."""
    at = document.find(_BINDINGS)
    return None if at < 0 else at + len(_BINDINGS)


class _Json(RowStarts):
    """JSON, fast while no ``{}`` appears (see the module's notes); then :class:`_ExactJson` takes over."""

    closing = b"]}}"

    def __init__(self, target: int) -> None:
        super().__init__(target)
        self._carry = b""  # the last four bytes: the start of a next-row mark still unconfirmed
        self._exact: _ExactJson | None = None

    def _take_over(self) -> None:
        assert self._exact is not None
        self.rows, self.cut, self.head_end = self._exact.rows, self._exact.cut, self._exact.head_end

    def feed(self, chunk: bytes, base: int, document: Callable[[], bytes]) -> None:
        if self._exact is not None:
            self._exact.feed(chunk, base, document)
            self._take_over()
            return
        window = self._carry + chunk
        if _EMPTY_ROW in window:
            self._exact = _ExactJson(self.target)
            self._exact.feed(document(), 0, document)
            self._take_over()
            return
        start = base - len(self._carry)
        if self.head_end is None:
            written = document()
            head_end = _bindings(written)
            if head_end is not None and head_end < len(written):  # the byte after it says whether a row follows
                self.head_end = head_end
                if written[head_end : head_end + 1] == b"{":
                    self.rows = 1
                    if self.target == 1:
                        self.cut = head_end
        # A mark counts once the byte after it is here: one ending in the last byte waits in the carry.
        found = window.count(_NEXT_ROW, 0, len(window) - 1)
        if found:
            found -= window.count(_NOT_A_NAME[0]) + window.count(_NOT_A_NAME[1])
        if self.cut is None and self.rows + found >= self.target:
            at, left = -1, self.target - self.rows
            while left:
                at = window.index(_NEXT_ROW, at + 1)
                left -= _names_a_row(window, at)
            self.cut = start + at + 1  # at the comma
        self.rows += found
        self._carry = window[-len(_NEXT_ROW) :]

    def last_start(self, document: bytes, limit: int) -> int:
        if self._exact is not None:
            return self._exact.last_start(document, limit)
        assert self.head_end is not None
        end = limit + len(_NEXT_ROW) - 1  # so that the comma is at or before ``limit``
        at = document.rfind(_NEXT_ROW, 0, end)
        while at >= 0 and not _names_a_row(document, at):
            at = document.rfind(_NEXT_ROW, 0, at + len(_NEXT_ROW) - 1)
        return max(at + 1, self.head_end) if at >= 0 else self.head_end


_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*(")?|[\[,]\{', re.DOTALL)
"""A JSON string (its closing quote captured: without one, it goes on past the text), or, outside any string, the
start of a row: ``[{`` for the first, ``,{`` for the others (terms are objects after ``:``)."""
_STRING_REST = re.compile(rb'(?:[^"\\]|\\.)*(")?', re.DOTALL)


class _ExactJson(RowStarts):
    """JSON read token by token from the start of the document: strings are skipped whole, and ``[{`` or ``,{``
    outside them is a row."""

    closing = b"]}}"

    def __init__(self, target: int) -> None:
        super().__init__(target)
        self._pending = b""  # the last bytes, not yet read for certain
        self._in_string = False  # where the pending bytes begin

    @staticmethod
    def scan(text: bytes, base: int, in_string: bool) -> tuple[list[int], int, bool]:
        """Row starts in ``text``, which begins at ``base`` (inside a string or not); returns them, how much of
        the text was read for certain, and whether what is left begins inside a string."""
        at = 0
        if in_string:
            rest = _STRING_REST.match(text)
            assert rest is not None  # the pattern matches the empty text
            if rest.group(1) is None:  # the string goes on (a backslash at the very end waits for its pair)
                return [], rest.end(), True
            at = rest.end()
        starts: list[int] = []
        for token in _TOKENS.finditer(text, at):
            first = token.group(0)[:1]
            if first == b'"':
                if token.group(1) is None:
                    return starts, token.end(), True
            else:
                starts.append(base + token.start() + (first == b"["))
        return starts, len(text) - (text[-1:] in (b"[", b",")), False

    def feed(self, chunk: bytes, base: int, document: Callable[[], bytes]) -> None:
        text = self._pending + chunk
        if self.head_end is None:
            self.head_end = _bindings(document())
        starts, done, self._in_string = self.scan(text, base - len(self._pending), self._in_string)
        if self.cut is None and self.rows + len(starts) >= self.target:
            self.cut = starts[self.target - self.rows - 1]
        self.rows += len(starts)
        self._pending = text[done:]

    def last_start(self, document: bytes, limit: int) -> int:
        assert self.head_end is not None
        starts, _, _ = self.scan(document[: limit + 2], 0, False)
        before = [start for start in starts if start <= limit]
        return max(before[-1], self.head_end) if before else self.head_end


_KINDS: dict[str, type[RowStarts]] = {TSV: _Lines, CSV: _QuotedLines, XML: _Marked, JSON: _Json}


def row_starts(media_type: str, target: int) -> RowStarts:
    """The row counter for SELECT answers in ``media_type`` (one of the four results formats)."""
    return _KINDS[media_type](target)
