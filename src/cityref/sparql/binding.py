"""Safe binding of canned-query parameters: user input becomes RDF terms, never query text.

Each raw value is validated against its declared type and turned into one SPARQL term written by this module
(IRIs checked against a strict pattern, literals escaped per the SPARQL grammar). Each term is written in place
of its variable throughout the ``WHERE`` group (SEP-0007 substitution, done on tokens, never on raw input) and
bound again by a ``VALUES`` block for the projection: plain SPARQL 1.1 that every engine, embedded or remote, runs.

>>> to_term("iri", "cityref:B5", "practice").sparql
'<https://w3id.org/cityref/def/B5>'
>>> to_term("string", 'say "hi"', "q").sparql
'"say \\\\"hi\\\\""'
>>> bind_query("SELECT ?s ?o WHERE { ?s ?p ?o }", {"s": to_term("iri", "urn:x", "s")})
'SELECT ?s ?o WHERE { VALUES (?s) { (<urn:x>) }\\n <urn:x> ?p ?o }'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from cityref.errors import BadRequest
from cityref.ontology.model import CITYREF
from cityref.sparql.text import Token, tokens

PARAM_TYPES = ("iri", "literal", "string", "integer", "decimal", "date", "boolean", "lang")
XSD = "http://www.w3.org/2001/XMLSchema#"
MAX_VALUE_LENGTH = 2000

# CURIEs a user may write instead of a full IRI; a known prefix wins over an IRI scheme of the same name.
PREFIXES = {
    "cityref": str(CITYREF),
    "ex": "https://exampleton.example/id/",
}

# RFC 3987 in spirit, strict in practice: a scheme, then no spaces, controls or any of <>"{}|^`\ .
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\\x7f]*")
_LANG_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LANG_LITERAL = re.compile(r'"(.*)"@([^@"]+)', re.DOTALL)
_TYPED_LITERAL = re.compile(r'"(.*)"\^\^<([^<>]*)>', re.DOTALL)
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_CONTROL = re.compile(r"[\x00-\x07\x0b\x0e-\x1f\x7f]")


class ParameterError(BadRequest):
    """A parameter is unknown, missing or not of its declared type; ``param`` names it."""

    code, title = "invalid-parameter", "Invalid query parameter"


@dataclass(frozen=True)
class BoundTerm:
    """A validated value: its SPARQL spelling and the same value as a pyoxigraph term.

    pyoxigraph's own ``substitutions=`` would be the natural way to bind in-process, but it only accepts variables
    of the SELECT projection, and our parameters (the city graph, a language) are rarely projected.
    """

    sparql: str
    term: ox.NamedNode | ox.Literal


def _fail(name: str, message: str) -> ParameterError:
    return ParameterError(f"Parameter {name!r}: {message}", param=name)


_BARE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")


def check_iri(value: str, name: str) -> str:
    """Expand a bare name (``B13``: a term of the model, as ``cityref resolve B13`` reads it) or a known CURIE,
    then accept only a strict absolute IRI."""
    prefix, colon, local = value.partition(":")
    if not colon and _BARE_NAME.fullmatch(value):
        value = PREFIXES["cityref"] + value
    elif colon and prefix in PREFIXES and not local.startswith("//"):
        value = PREFIXES[prefix] + local
    if not _IRI.fullmatch(value):
        raise _fail(
            name,
            "not an absolute IRI, a CURIE such as cityref:B13, or a bare code such as B13 (no spaces or any of"
            ' <>"{}|^`\\ allowed)',
        )
    try:
        ox.NamedNode(value)
    except ValueError as exc:
        raise _fail(name, f"not a valid IRI ({exc})") from None
    return value


def escape_string(value: str, name: str = "value") -> str:
    """Quote ``value`` as a SPARQL string literal; refuse what cannot be written unambiguously."""
    if _CONTROL.search(value):
        raise _fail(name, "control characters are not allowed")
    if re.search(r"\\[uU]", value):
        # Some engines expand \u escapes before parsing, even after an escaped backslash: refuse rather than guess.
        raise _fail(name, "a backslash followed by 'u' is not allowed")
    return '"' + "".join(_ECHAR.get(ch, ch) for ch in value) + '"'


def _typed(lexical: str, datatype: str) -> BoundTerm:
    return BoundTerm(f'"{lexical}"^^<{datatype}>', ox.Literal(lexical, datatype=ox.NamedNode(datatype)))


def _literal(raw: str, name: str) -> BoundTerm:
    """``"text"@lang``, ``"text"^^<datatype>`` (or a CURIE datatype) or bare text (a plain string)."""
    if m := _LANG_LITERAL.fullmatch(raw):
        text, lang = m.groups()
        if not _LANG_TAG.fullmatch(lang):
            raise _fail(name, f"{lang!r} is not a language tag")
        return BoundTerm(f"{escape_string(text, name)}@{lang.lower()}", ox.Literal(text, language=lang.lower()))
    if m := _TYPED_LITERAL.fullmatch(raw):
        text, datatype = m.groups()
        datatype = check_iri(datatype, name)
        escape_string(text, name)
        try:
            term = ox.Literal(text, datatype=ox.NamedNode(datatype))
        except ValueError as exc:
            raise _fail(name, str(exc)) from None
        return BoundTerm(f"{escape_string(text, name)}^^<{datatype}>", term)
    return BoundTerm(escape_string(raw, name), ox.Literal(raw))


def to_term(kind: str, raw: str, name: str) -> BoundTerm:
    """Validate ``raw`` as a value of type ``kind`` and return it as a term; :class:`ParameterError` if it is not."""
    if len(raw) > MAX_VALUE_LENGTH:
        raise _fail(name, f"longer than {MAX_VALUE_LENGTH} characters")
    if kind == "iri":
        iri = check_iri(raw, name)
        return BoundTerm(f"<{iri}>", ox.NamedNode(iri))
    if kind == "string":
        return BoundTerm(escape_string(raw, name), ox.Literal(raw))
    if kind == "literal":
        return _literal(raw, name)
    value = raw  # no trimming: a stray newline or space is an error, not something to guess around
    if kind == "integer":
        if not _INTEGER.fullmatch(value):
            raise _fail(name, f"{raw!r} is not an integer")
        return _typed(value, XSD + "integer")
    if kind == "decimal":
        if not _DECIMAL.fullmatch(value):
            raise _fail(name, f"{raw!r} is not a decimal number")
        return _typed(value, XSD + "decimal")
    if kind == "date":
        try:
            if not _DATE.fullmatch(value):
                raise ValueError(value)
            date.fromisoformat(value)
        except ValueError:
            raise _fail(name, f"{raw!r} is not a date (YYYY-MM-DD)") from None
        return _typed(value, XSD + "date")
    if kind == "boolean":
        lowered = value.lower()
        if lowered not in ("true", "false", "1", "0"):
            raise _fail(name, f"{raw!r} is not a boolean (true or false)")
        return _typed("true" if lowered in ("true", "1") else "false", XSD + "boolean")
    if kind == "lang":
        if not _LANG_TAG.fullmatch(value):
            raise _fail(name, f"{raw!r} is not a language tag such as 'fr' or 'pt-BR'")
        return BoundTerm(f'"{value.lower()}"', ox.Literal(value.lower()))
    raise ValueError(f"unknown parameter type {kind!r}; known: {', '.join(PARAM_TYPES)}")


def variables(query: str) -> set[str]:
    """The names of the variables the query text mentions (``?x`` and ``$x``), comments and strings excluded."""
    return {text[1:] for kind, text, _ in tokens(query) if kind == "var"}


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword outside comments."""
    for kind, text, _ in tokens(query):
        if kind == "word" and text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return text.upper()
    return None


def where_offset(query: str, lexed: list[Token] | None = None) -> int:
    """The offset just after the ``{`` opening the top-level WHERE group (the first top-level group if no WHERE);
    ``lexed`` is ``tokens(query)`` when the caller has it already."""
    depth, after_where, first_open = 0, False, None
    for kind, text, offset in tokens(query) if lexed is None else lexed:
        if kind == "word" and depth == 0 and text.upper() == "WHERE":
            after_where = True
        elif kind == "open":
            if depth == 0 and (after_where or first_open is None):
                if after_where:
                    return offset + 1
                first_open = offset + 1
            depth += 1
        elif kind == "close":
            depth -= 1
    if first_open is None:
        raise ValueError("the query has no group pattern to bind parameters in")
    return first_open


def values_block(bound: Mapping[str, BoundTerm]) -> str:
    names = list(bound)
    head = " ".join(f"?{n}" for n in names)
    row = " ".join(bound[n].sparql for n in names)
    return f"VALUES ({head}) {{ ({row}) }}"


def _substitute(query: str, lexed: list[Token], start: int, bound: Mapping[str, BoundTerm]) -> str:
    """Replace the bound variables inside the group opening at ``start`` by their terms.

    ``BOUND(?x)`` of a bound parameter becomes ``true``: the function only takes a variable, and the answer is known.
    """
    found = [t for t in lexed if t[2] >= start]
    pieces, cursor, depth, i = [query[:start]], start, 1, 0
    while i < len(found) and depth > 0:
        kind, text, offset = found[i]
        depth += {"open": 1, "close": -1}.get(kind, 0)
        if kind == "var" and text[1:] in bound:
            previous = found[i - 1][1].upper() if i else ""
            if previous == "AS":
                raise ValueError(f"parameter {text} is the target of AS; it cannot be bound")
            pieces += [query[cursor:offset], bound[text[1:]].sparql]
            cursor = offset + len(text)
        elif (
            kind == "word"
            and text.upper() == "BOUND"
            and i + 3 < len(found)
            and [k for k, _, _ in found[i + 1 : i + 4]] == ["other", "var", "other"]
            and found[i + 1][1] == "("
            and found[i + 3][1] == ")"
            and found[i + 2][1][1:] in bound
        ):
            end = found[i + 3][2] + 1
            pieces += [query[cursor:offset], "true"]
            cursor, i = end, i + 3
        i += 1
    pieces.append(query[cursor:])
    return "".join(pieces)


def bind_query(query: str, bound: Mapping[str, BoundTerm]) -> str:
    """``query`` with each bound parameter's term written in place of its variable in the WHERE group.

    This is SEP-0007 substitution done on the text, so that it reaches remote engines too: a variable is replaced
    wherever it occurs in the WHERE group (nested groups, OPTIONAL filters, NOT EXISTS included), and a VALUES block
    at the start of the group keeps it bound for the projection. The text is unchanged when nothing is bound.
    """
    if not bound:
        return query
    lexed = tokens(query)
    at = where_offset(query, lexed)
    body = _substitute(query, lexed, at, bound)
    return f"{body[:at]} {values_block(bound)}\n{body[at:]}"
