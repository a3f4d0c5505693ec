"""Where the rows of a SELECT answer begin, read from the engine's own writing in the format asked for, so that the
row cap and the byte cap cut it without writing it twice (:func:`cityref.store.results.render_solutions`).

Each format's :class:`RowStarts` is fed the writer's chunks in order (pyoxigraph hands over about 8 KiB at a time,
cut anywhere, even inside a value) and counts rows with :meth:`bytes.count` and :meth:`bytes.find` over each
chunk: Python steps are taken a chunk, not a row, except for CSV's quoted values and where the cut falls. A row's
*start* is the offset the answer is cut at to keep the rows before it; the format's ``closing`` then ends the
document:

- TSV: the engine escapes line breaks in values, so every line ends a row (the first line is the header);
- CSV: a line break inside a quoted value is not a line end; quotes inside values are doubled, so whether a
  position is inside quotes is the parity of the quotes before it (a step per quoted value);
- XML: every row opens with ``<result>``, which no value can contain, since ``<`` is always escaped;
- JSON: the rows are the objects of ``"bindings":[...]``. After the first, a row with a binding begins at ``},{"``
  (the next variable's name follows). The same bytes appear inside a value only where a string ends in ``},{``;
  its closing quote is then followed by ``,`` or ``}``, never by a name, so one byte more tells them apart. A row
  with no binding is ``{}``, which outside strings means nothing else; where a chunk holds ``,{}`` or ``[{}``,
  the writing since the last such chunk is read for strings: escaped backslashes and quotes are blanked out, so
  that every quote left opens or closes a string, and the text is split at the quotes (answers whose values hold
  such marks cost more: docs/benchmarks.md, "The row cap in one pass").

Verified against pyoxigraph 0.5's writers; tests/sparql/test_row_cap.py checks every format against the engine's
answer to the same query with a ``LIMIT``, and against every way of cutting the writing into chunks.
"""

from __future__ import annotations

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


def _names_a_row(document: bytes, at: int) -> bool:
    """Whether the ``},{"`` at ``at`` begins a row: the byte after it is here and begins a name."""
    after = document[at + len(_NEXT_ROW) : at + len(_NEXT_ROW) + 1]
    return after not in (b"", b"}", b",")


def _bare(text: bytes) -> bytes:
    """``text`` with every escaped backslash and escaped quote blanked out, offsets kept: each quote left opens or
    closes a string. ``text`` must not begin inside an escape."""
    return text.replace(b"\\\\", b"  ").replace(b'\\"', b"  ")


def _bindings(document: bytes) -> int | None:
    """Where the first row starts or would start (the name of ``bindings`` is written once, in no string)."""
    at = document.find(_BINDINGS)
    return None if at < 0 else at + len(_BINDINGS)


def _empty_start(text: bytes, at: int) -> int:
    """Where the empty row whose ``{}`` is at ``at`` starts: at the comma before, or, the first row, at itself."""
    return at - 1 if text[at - 1 : at] == b"," else at


class _Json(RowStarts):
    """JSON (see the module's notes): rows with a binding by their mark, with one byte of look-ahead; rows with
    none by ``{}`` outside strings."""

    closing = b"]}}"

    def __init__(self, target: int) -> None:
        super().__init__(target)
        self._carry = b""  # the last four bytes: a mark still waiting for the byte after it
        self._read = 0  # how far the writing has been read for strings; never inside an escape
        self._in_string = False  # whether that point is inside a string
        self._unread: list[bytes] = []  # the writing from there on
        self._points = [(0, False)]  # each point read to, and whether it is inside a string
        self._last = b" "  # the byte before ``_read`` (a space before the first)

    def _empties(self, positions: bool) -> tuple[int, list[int]]:
        """Read the unread writing for strings and count the ``{}`` outside them: the empty rows. Returns the
        count and, when asked, where each starts. A last backslash, or a last ``{``, waits for what follows."""
        text = b"".join(self._unread)
        wait = len(text) - len(text.rstrip(b"\\"))
        if not wait and text.endswith(b"{"):
            wait = 1
        ready = _bare(text[: len(text) - wait])
        pieces = ready.split(b'"')  # outside and inside strings by turns
        outside = pieces[self._in_string :: 2]
        count = b" ".join(outside).count(b"{}")
        found: list[int] = []
        if positions and count:
            at, inside = self._read, self._in_string
            for piece in pieces:
                if not inside:
                    mark = piece.find(b"{}")
                    while mark >= 0:
                        found.append(at + mark)
                        mark = piece.find(b"{}", mark + 2)
                at, inside = at + len(piece) + 1, not inside
            joined = self._last + text  # the byte before, for a {} at the very start
            found = [_empty_start(joined, mark - self._read + 1) + self._read - 1 for mark in found]
        self._in_string ^= (len(pieces) - 1) % 2 == 1
        self._last = ready[-1:] or self._last
        self._read += len(ready)
        self._unread = [text[len(ready) :]] if wait else []
        self._points.append((self._read, self._in_string))
        return count, found

    @staticmethod
    def _named(window: bytes) -> list[int]:
        """The offsets in ``window`` where rows with a binding start (at the comma), in order."""
        end = len(window) - 1  # a mark counts once the byte after it is here: one in the last bytes waits
        named = []
        at = window.find(_NEXT_ROW, 0, end)
        while at >= 0:
            if _names_a_row(window, at):
                named.append(at + 1)
            at = window.find(_NEXT_ROW, at + 1, end)
        return named

    def feed(self, chunk: bytes, base: int, document: Callable[[], bytes]) -> None:
        window = self._carry + chunk
        start = base - len(self._carry)
        self._unread.append(chunk)
        if self.head_end is None:
            written = document()
            head_end = _bindings(written)
            if head_end is not None and head_end + 2 <= len(written):  # the bytes after say whether a row follows
                self.head_end = head_end
                if written[head_end : head_end + 2] == b'{"':
                    self.rows = 1
                    if self.target == 1:
                        self.cut = head_end
        found = window.count(_NEXT_ROW, 0, len(window) - 1)
        if found:
            found -= window.count(_NOT_A_NAME[0]) + window.count(_NOT_A_NAME[1])
        empty: list[int] = []
        if b"{}" in window and (b",{}" in window or b"[{}" in window):  # only then are strings read, once each
            before = self._read, self._in_string, list(self._unread), len(self._points), self._last
            count, empty = self._empties(positions=False)
            if self.cut is None and self.rows + found + count >= self.target:  # the cut is here: where exactly
                self._read, self._in_string, self._unread, points, self._last = before
                del self._points[points:]
                count, empty = self._empties(positions=True)
            found += count
        if self.cut is None and self.rows + found >= self.target:
            starts = sorted([start + at for at in self._named(window)] + empty)
            self.cut = starts[self.target - self.rows - 1]
        self.rows += found
        self._carry = window[-len(_NEXT_ROW) :]

    def last_start(self, document: bytes, limit: int) -> int:
        assert self.head_end is not None
        end = limit + len(_NEXT_ROW) - 1  # so that the comma is at or before ``limit``
        at = document.rfind(_NEXT_ROW, 0, end)
        while at >= 0 and not _names_a_row(document, at):
            at = document.rfind(_NEXT_ROW, 0, at + len(_NEXT_ROW) - 1)
        named = at + 1 if at >= 0 else -1
        empty = -1
        if len(self._points) > 1 and document.find(b"{}", max(named, 0), limit + 3) >= 0:
            # The last {} whose comma fits, after the last row with a binding: an empty row if it lies outside
            # strings. A {} before it, but after that row's start, would lie in that row, so inside a string.
            read, inside = max(point for point in self._points if point[0] <= max(named, 0))
            bare = _bare(document[read : limit + 3])
            mark = bare.rfind(b"{}")
            if inside == (bare.count(b'"', 0, mark) % 2 == 1):  # an even count of quotes from outside strings
                empty = _empty_start(document, read + mark)
        return max(named, empty, self.head_end)


_KINDS: dict[str, type[RowStarts]] = {TSV: _Lines, CSV: _QuotedLines, XML: _Marked, JSON: _Json}


def row_starts(media_type: str, target: int) -> RowStarts:
    """The row counter for SELECT answers in ``media_type`` (one of the four results formats)."""
    return _KINDS[media_type](target)
