"""Checks that run on a client's RDF before any RDF parser sees it, for the two formats that can make a parser do
more than read: XML (entities) and JSON-LD (nesting, remote contexts).

They run inside worker processes that have a memory limit of their own and no network, so each check is a first
line of defence, not the only one.

**XML entities.** An RDF/XML document may declare internal entities; nested ones expand exponentially (the
"billion laughs": under 1 KB of declarations becomes gigabytes of text). The RDF/XML parser expands them as it
reads. Before it does, the document is read once by expat, in chunks, counting every character of text and
attribute value that the document expands to; past ``max_expansion`` bytes the upload is refused. External and
parameter entities are refused outright: nothing in an upload is ever fetched or read from disk. Flat entities used
as namespace abbreviations (``<!ENTITY owl "http://www.w3.org/2002/07/owl#">``, as ontology editors write them)
stay allowed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, BinaryIO
from xml.parsers import expat

from cityref.errors import PayloadTooLarge, Said, SyntaxProblem

_CHUNK = 1 << 20


class _Refused(Exception):
    def __init__(self, problem: Exception) -> None:
        self.problem = problem


def check_xml(source: Path | bytes, *, max_expansion: int) -> None:
    """Refuse an XML document whose entities are external or parameter entities, or whose text expands past
    ``max_expansion`` bytes; report where it stops being well-formed (line and column, 1-based)."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    expanded = 0

    def count(size: int) -> None:
        nonlocal expanded
        expanded += size
        if expanded > max_expansion:
            raise _Refused(_expands_too_far(max_expansion))

    def text(data: str) -> None:
        count(len(data))

    def start(_name: str, attributes: dict[str, str]) -> None:
        count(sum(len(k) + len(v) for k, v in attributes.items()))

    def entity(name: str, is_parameter: int, value: str | None, *_: Any) -> None:
        if is_parameter:
            raise _Refused(SyntaxProblem(f"XML parameter entities are not accepted (%{name};)", format="xml"))
        if value is None:
            raise _Refused(SyntaxProblem(f"External XML entities are not accepted (&{name};)", format="xml"))
        count(len(value))

    def external(*_: Any) -> int:
        raise _Refused(SyntaxProblem("External XML entities are not accepted", format="xml"))

    parser.CharacterDataHandler = text
    parser.StartElementHandler = start
    parser.EntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    try:
        if isinstance(source, bytes):
            parser.Parse(source, True)
        else:
            with open(source, "rb") as stream:
                _feed(parser, stream)
    except _Refused as refused:
        raise refused.problem from None
    except expat.ExpatError as error:
        if expat.errors.messages[error.code] == _AMPLIFICATION:
            raise _expands_too_far(max_expansion) from None  # expat's own billion-laughs guard stopped first
        message = expat.errors.messages[error.code]
        raise SyntaxProblem(
            f"Malformed XML at line {error.lineno}, column {error.offset + 1}: {message}",
            line=error.lineno,
            column=error.offset + 1,
            format="application/rdf+xml",
        ) from None


def _expands_too_far(max_expansion: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        Said(
            "The XML document expands to more than %(limit)s bytes of text through its entities; an expanded "
            "document must stay within the body limit",
            limit=max_expansion,
        ),
        limit="max_body_bytes",
        max_bytes=max_expansion,
    )


_AMPLIFICATION = getattr(expat.errors, "XML_ERROR_AMPLIFICATION_LIMIT_BREACH", "")


def _feed(parser: Any, stream: BinaryIO) -> None:
    while chunk := stream.read(_CHUNK):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def too_deep() -> SyntaxProblem:
    """JSON nested deeper than Python's JSON reader goes (about 1,000 levels). The check also shields the RDF
    parser, whose JSON-LD reader recurses natively and crashes the process from about 10,000 levels."""
    return SyntaxProblem("The JSON-LD document is nested too deeply", format="application/ld+json")


def check_json_ld(data: bytes) -> None:
    """Refuse JSON-LD that is malformed (with its position), nested too deeply, or names a remote context: a
    context given by IRI would have to be fetched, and nothing in an upload is fetched."""
    try:
        document = json.loads(data)
    except json.JSONDecodeError as error:
        raise SyntaxProblem(
            f"Malformed JSON-LD at line {error.lineno}, column {error.colno}: {error.msg}",
            line=error.lineno,
            column=error.colno,
            format="application/ld+json",
        ) from None
    except UnicodeDecodeError as error:
        raise SyntaxProblem(f"Invalid UTF-8: {error.reason}") from None
    except RecursionError:
        raise too_deep() from None
    except ValueError as error:  # an integer longer than Python's digit limit, among others
        raise SyntaxProblem(f"Malformed JSON-LD: {error}", format="application/ld+json") from None
    _check_contexts(document)


def _check_contexts(document: Any) -> None:
    """Walked with a stack, not recursion: a document may nest as deep as the JSON reader allows."""
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("@context", "@import"):
                    for ctx in item if isinstance(item, list) else [item]:
                        if isinstance(ctx, str):
                            raise SyntaxProblem(
                                f"Remote JSON-LD context {ctx!r} is not fetched; embed the context in the document",
                                remote_context=ctx,
                            )
                        stack.append(ctx)
                else:
                    stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)
