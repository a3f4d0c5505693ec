"""Turning a client's RDF upload into a file the store can take as it is: N-Triples, checked, counted, with its blank
nodes renamed apart from every other upload's.

This runs in a parse worker (:class:`IntakeWorker`), which has a memory limit and no network, so the server's own
process never parses what a client sent. The result is written to disk, never held whole in memory, and synced
before the store is told about it: the store's journal may refer to it after a crash.

Blank nodes: a parser keeps the labels a document gives (``_:a``), so two uploads that both say ``_:a`` would
share one node once stored. Each source gets a fresh random label prefix instead, as a SPARQL ``INSERT DATA`` would.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox

from cityref import media
from cityref.errors import SyntaxProblem, UnsupportedMediaType, too_many_triples
from cityref.intake.guards import check_json_ld, check_xml

_BATCH = 20_000


@dataclass(frozen=True)
class Prepared:
    """An upload ready for the store: an N-Triples file and how many triples it holds."""

    path: Path
    triples: int


def triples_format(media_type: str) -> ox.RdfFormat:
    """The parser for an upload's Content-Type; 415 for anything that is not a triples format."""
    fmt = media.rdf_format(media_type)
    if fmt is None or fmt.quads:
        known = [f.media_type for f in media.RDF_FORMATS if not f.quads]
        raise UnsupportedMediaType(f"Cannot read a graph in {media_type or 'an unnamed format'}", supported=known)
    found = ox.RdfFormat.from_media_type(fmt.media_type)
    assert found is not None
    return found


def rdf_syntax_problem(error: SyntaxError, name: str | None = None) -> SyntaxProblem:
    """An RDF parse error as a problem with ``line`` and ``column`` when the parser gives them."""
    where = f"{name}: " if name else ""
    if error.lineno is not None:
        return SyntaxProblem(f"{where}{error}", line=error.lineno, column=error.offset)
    return SyntaxProblem(f"{where}{error}")


def _renamer(prefix: str) -> Any:
    def rename(term: Any) -> Any:
        return ox.BlankNode(prefix + term.value) if isinstance(term, ox.BlankNode) else term

    return rename


def write_ntriples(
    sources: Sequence[tuple[Path | IO[bytes], str, str | None]],
    target: IO[bytes],
    *,
    base_iri: str | None,
    max_triples: int,
    max_expansion: int,
) -> int:
    """Parse each ``(file or stream, media type, name)`` and append its triples to ``target`` as N-Triples; returns
    how many. ``max_triples`` (0: none) counts all sources together."""
    count = 0
    for source, media_type, name in sources:
        fmt = triples_format(media_type)
        if isinstance(source, Path):
            if fmt == ox.RdfFormat.RDF_XML:
                check_xml(source, max_expansion=max_expansion)
            elif fmt == ox.RdfFormat.JSON_LD:
                check_json_ld(source.read_bytes())
        rename = _renamer(f"u{secrets.token_hex(6)}x")
        batch: list[ox.Triple] = []
        stream = source.open("rb") if isinstance(source, Path) else source
        try:
            for quad in ox.parse(cast(IO[bytes], stream), format=fmt, base_iri=base_iri):
                count += 1
                if max_triples and count > max_triples:
                    raise too_many_triples(max_triples, graph=True)
                batch.append(ox.Triple(rename(quad.subject), quad.predicate, rename(quad.object)))
                if len(batch) >= _BATCH:
                    target.write(ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b"")
                    batch = []
        except SyntaxError as error:
            raise rdf_syntax_problem(error, name) from None
        finally:
            if isinstance(source, Path):
                stream.close()
        if batch:
            target.write(ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b"")
    return count


def prepare_files(
    sources: Sequence[tuple[str, str, str | None]],
    target: str,
    *,
    base_iri: str | None,
    max_triples: int,
    max_expansion: int,
) -> int:
    """:func:`write_ntriples` from files into the file ``target``, synced to disk; the file is removed on error."""
    try:
        with open(target, "wb") as out:
            count = write_ntriples(
                [(Path(path), media_type, name) for path, media_type, name in sources],
                out,
                base_iri=base_iri,
                max_triples=max_triples,
                max_expansion=max_expansion,
            )
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(target).unlink(missing_ok=True)
        raise
    return count


class IntakeWorker:
    """The parse worker's handler: ``("prepare", {sources, target, base_iri, max_triples, max_expansion})``."""

    def handle(self, op: str, payload: Any) -> Any:
        if op == "prepare":
            return prepare_files(**payload)
        raise ValueError(f"unknown intake operation {op!r}")
