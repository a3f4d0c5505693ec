"""Read user data into an rdflib graph, with limits and without ever touching the network.

pyoxigraph parses every format (it is faster than rdflib's parsers and reports line and column); its triples are
then handed to rdflib, which pySHACL needs. Measured on this machine for 90k triples: rdflib's Turtle parser 3.4 s,
pyoxigraph parse + conversion 2.2 s (most of it is rdflib's own indexing, which no route avoids).

Safety: nothing in the data is followed. ``owl:imports`` is data like any other triple; a JSON-LD ``@context`` given
by IRI is refused before parsing (pyoxigraph has no document loader set, so it could not fetch one either); RDF/XML
is read by the entity guard of :mod:`cityref.intake.guards` first (external and parameter entities refused,
expansion bounded). On the server all of this runs in a validation worker without network and with a memory limit.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any
from xml.parsers import expat

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from cityref import media
from cityref.errors import LimitExceeded, SyntaxProblem, UnsupportedMediaType, too_many_triples
from cityref.intake.guards import check_json_ld, check_xml

DEFAULT_BASE = "urn:cityref:upload:"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

_LINE_COLUMN = re.compile(r":(\d+):(\d+):")
_OX_PREFIX = re.compile(r"^Parser error at line \d+ (?:column \d+|between columns \d+ and \d+): ")


def supported_media_types() -> list[str]:
    """The canonical media types accepted for data and shapes."""
    return [f.media_type for f in media.RDF_FORMATS]


def format_for(content_type: str | None, filename: str | None = None) -> media.Format:
    """The RDF format named by a content type, else by a file name's extension; Turtle when nothing says.

    Raises :class:`UnsupportedMediaType` for a type that names no RDF format we read.
    """
    if content_type and media.bare_type(content_type) not in ("", "application/octet-stream"):
        fmt = media.rdf_format(content_type)
        if fmt is None:
            raise UnsupportedMediaType(f"Cannot read {content_type!r} as RDF", supported=supported_media_types())
        return fmt
    if filename and "." in filename:
        fmt = media.rdf_format(filename.rsplit(".", 1)[1])
        if fmt is not None:
            return fmt
    return media.rdf_format("turtle")  # type: ignore[return-value]


def rdflib_converter(bnode_prefix: str) -> Callable[[Any], Node]:
    def convert(term: Any) -> Node:
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return BNode(bnode_prefix + term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            if term.datatype.value == _XSD_STRING:  # rdflib tells "x" from "x"^^xsd:string; RDF 1.1 does not
                return Literal(term.value)
            # normalize=False keeps the lexical form as written: RDF terms "01" and "1" differ, and a report
            # should quote the value the vendor wrote
            return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
        raise SyntaxProblem("RDF-star triple terms are not supported in deliveries")

    return convert


_READING = ContextVar("cityref_reading_data", default=False)


def _not_about_data(record: logging.LogRecord) -> bool:
    return not (_READING.get() and record.getMessage().startswith("Failed to convert Literal lexical form"))


# rdflib logs each ill-typed literal it builds as a warning with a traceback; while data is read, that is noise.
logging.getLogger("rdflib.term").addFilter(_not_about_data)


@contextmanager
def strict_literals() -> Iterator[None]:
    """rdflib only warns on a boolean like "none" and reads it as false; as an error (which rdflib catches) the
    literal is ill-typed, as XSD says, and ``sh:datatype`` reports it. Other warnings about data are silenced, and
    so is rdflib's log line for each ill-typed literal: the report is where data problems belong."""
    reading = _READING.set(True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.filterwarnings("error", message="Parsing weird boolean")
        try:
            yield
        finally:
            _READING.reset(reading)


def expansion_limit(data: bytes, max_expansion: int) -> int:
    """What an XML document may expand to: ``max_expansion`` when given (the server passes its body limit), else
    ten times the document and at least 16 MiB."""
    return max_expansion if max_expansion > 0 else max(16 * 1024 * 1024, 10 * len(data))


def _locate_xml_error(data: bytes) -> tuple[int | None, int | None, str | None]:
    """Where an XML document stops being well-formed, by expat (which never fetches external entities here)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        return error.lineno, error.offset + 1, expat.errors.messages[error.code]
    try:  # well-formed XML but not valid RDF/XML: rdflib's handler says where
        Graph().parse(data=data, format="xml")
    except Exception as error:
        found = _LINE_COLUMN.search(str(error))
        if found:
            return int(found.group(1)), int(found.group(2)) + 1, None
    return None, None, None


def syntax_problem(error: SyntaxError, fmt: media.Format, data: bytes) -> SyntaxProblem:
    line, column = error.lineno, error.offset
    message = _OX_PREFIX.sub("", str(error.msg))
    if line is None and fmt.name == "rdfxml":
        line, column, xml_message = _locate_xml_error(data)
        message = xml_message or message
    where = f" at line {line}, column {column}" if line is not None else ""
    return SyntaxProblem(
        f"Malformed {fmt.name} data{where}: {message}", line=line, column=column, format=fmt.media_type
    )


@contextmanager
def reading(data: bytes, fmt: media.Format, *, name: str | None, max_expansion: int) -> Iterator[None]:
    """Around the parse of one file: the guards that read JSON-LD and RDF/XML before any parser does, the engine's
    ``SyntaxError`` as a ``SyntaxProblem`` at its line and column, and the file's ``name`` on any such problem."""
    try:
        if fmt.name == "jsonld":
            check_json_ld(data)
        elif fmt.name == "rdfxml":
            check_xml(data, max_expansion=expansion_limit(data, max_expansion))
        try:
            yield
        except SyntaxError as error:
            raise syntax_problem(error, fmt, data) from None
    except SyntaxProblem as problem:
        if name:
            problem.detail = f"{name}: {problem.detail}"
            problem.extra["file"] = name
        raise


def parse_data(
    data: bytes | str | Path,
    content_type: str | None = None,
    *,
    max_triples: int | None = None,
    base_iri: str = DEFAULT_BASE,
    into: Graph | None = None,
    name: str | None = None,
    bnode_prefix: str = "",
    max_expansion: int = 0,
) -> Graph:
    """Parse ``data`` (bytes, text or a file) into an rdflib graph; quads are merged into one graph.

    Raises :class:`SyntaxProblem` (with ``line``/``column`` when known), :class:`LimitExceeded` past
    ``max_triples`` and :class:`UnsupportedMediaType`. ``name`` (a file name) goes into error messages;
    ``bnode_prefix`` keeps blank nodes of several files apart when they are merged ``into`` one graph.
    """
    if isinstance(data, Path):
        name = name or data.name
        data = data.read_bytes()
    elif isinstance(data, str):
        data = data.encode("utf-8")
    fmt = format_for(content_type, name)
    graph = into if into is not None else Graph()
    with reading(data, fmt, name=name, max_expansion=max_expansion):
        parser = ox.parse(data, format=media.oxigraph_format(fmt), base_iri=base_iri)
        with strict_literals():
            _add_all(graph, parser, max_triples, rdflib_converter(bnode_prefix))
    # Prefixes matter: SPARQL-based shapes may rely on the shapes graph's own prefix declarations.
    for prefix, namespace in (parser.prefixes or {}).items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


Part = tuple[str | None, bytes, str | None]


def parse_parts(parts: Sequence[Part], *, max_triples: int | None = None, max_expansion: int = 0) -> Graph:
    """Parse several files (name, bytes, content type) into one graph; the triple cap counts them together."""
    graph = Graph()
    for index, (name, data, content_type) in enumerate(parts):
        remaining = None if max_triples is None else max_triples - len(graph)
        prefix = f"f{index}_" if len(parts) > 1 else ""
        try:
            parse_data(
                data,
                content_type,
                max_triples=remaining,
                into=graph,
                name=name,
                bnode_prefix=prefix,
                max_expansion=max_expansion,
            )
        except LimitExceeded:
            if max_triples is None:
                raise
            raise too_many_triples(max_triples) from None
    return graph


def _add_all(graph: Graph, parsed: Iterable[Any], max_triples: int | None, convert: Callable[[Any], Node]) -> None:
    batch: list[tuple[Node, Node, Node, Graph]] = []
    for count, item in enumerate(parsed, start=1):
        if max_triples is not None and count > max_triples:
            raise too_many_triples(max_triples)
        batch.append((convert(item.subject), convert(item.predicate), convert(item.object), graph))
        if len(batch) >= 10_000:
            graph.addN(batch)
            batch.clear()
    graph.addN(batch)
