"""The header of a ``.rq`` file: leading ``# key: value`` comment lines, shared by canned and quality queries.

A line indented two or more spaces after ``#`` continues the field before it; a bare ``#`` ends that field. The
header stops at the first line that is not a comment.

>>> [(f.key, f.value) for f in header_fields("# title: A\\n# description: one\\n#   two\\nSELECT * {}")]
[('title', 'A'), ('description', 'one two')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FIELD = re.compile(r"#\s?(?P<key>[A-Za-z][\w-]*)\s*:\s*(?P<value>.*)")
_CONTINUATION = re.compile(r"#\s{2,}(?P<value>\S.*)")


@dataclass
class HeaderField:
    """One field: its 1-based ``line``, lower-case ``key`` and ``value`` with continuation lines joined."""

    line: int
    key: str
    value: str


@dataclass
class HeaderLine:
    """A header line that is neither a field nor a continuation (kept so strict readers can refuse it)."""

    line: int
    text: str


def header_lines(text: str) -> list[HeaderField | HeaderLine]:
    """Every line of the header, fields with their continuations joined, other comment lines as they are."""
    out: list[HeaderField | HeaderLine] = []
    current: HeaderField | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        if line == "#":
            current = None
        elif current is not None and (more := _CONTINUATION.fullmatch(raw.rstrip())):
            current.value = f"{current.value} {more['value'].strip()}"
        elif match := _FIELD.fullmatch(line):
            current = HeaderField(number, match["key"].lower(), match["value"].strip())
            out.append(current)
        else:
            current = None
            out.append(HeaderLine(number, line))
    return out


def header_fields(text: str) -> list[HeaderField]:
    """The header's fields, in order (a key may repeat, as ``param`` does)."""
    return [item for item in header_lines(text) if isinstance(item, HeaderField)]
