"""Syntax errors with their position, formats of files to load, and progress while reading them.

Client uploads are parsed elsewhere, in parse workers (:mod:`cityref.intake`); this module holds what the store
backends and the CLI share.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from cityref import media
from cityref.errors import SyntaxProblem, UnsupportedMediaType
from cityref.intake import triples_format
from cityref.store.base import Progress

_SPARQL_POSITION = re.compile(r"at (?:line )?(\d+)[:, ]\s*(?:column )?(\d+)")


def sparql_syntax_problem(error: SyntaxError) -> SyntaxProblem:
    """A SPARQL syntax error as a problem with 1-based ``line`` and ``column`` when the engine gives them."""
    message = str(error)
    match = _SPARQL_POSITION.search(message)
    if match:
        return SyntaxProblem(message, line=int(match.group(1)), column=int(match.group(2)))
    return SyntaxProblem(message)


def file_format(path: Path, media_type: str | None) -> ox.RdfFormat:
    """The format of a file to load: the media type given, else its extension (415 when neither says)."""
    if media_type:
        return triples_format(media_type)
    fmt = media.rdf_format(path.suffix.lstrip(".")) or media.rdf_format(path.suffix.lstrip(".").lower())
    if fmt is None:
        raise UnsupportedMediaType(f"Cannot tell the RDF format of {path.name} from its extension; give it")
    return triples_format(fmt.media_type)


class CountingReader(io.RawIOBase):
    """Wraps a binary file and reports bytes read so far, for progress bars."""

    def __init__(self, raw: BinaryIO, total: int, progress: Progress | None) -> None:
        self._raw = raw
        self.total = total
        self.done = 0
        self._progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.done += n
        if self._progress is not None and n:
            self._progress(self.done, self.total)
        return n
