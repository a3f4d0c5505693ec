"""One media-type table and one Accept parser, shared by every route and the CLI.

>>> negotiate("text/turtle;q=0.5, application/ld+json", ["text/turtle", "application/ld+json"])
'application/ld+json'
>>> negotiate("*/*", ["text/turtle", "text/html"])
'text/turtle'
>>> rdf_format("application/x-turtle").name
'turtle'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

from cityref.errors import NotAcceptable


@dataclass(frozen=True)
class Format:
    """A serialisation: our short name, its canonical media type, file extension, rdflib's name, aliases.

    ``aliases`` are negotiated when named exactly (never through a wildcard: ``text/*`` does not reach
    ``text/xml``); ``generic`` ones (``text/plain`` for N-Triples, ``application/xml`` for RDF/XML) name the format
    in a lookup or ``?format=`` but are never negotiated, since browsers and other clients send them for anything.
    ``names`` are the short names ``?format=`` takes besides ``name``.
    """

    name: str
    media_type: str
    extension: str
    rdflib: str | None = None
    aliases: tuple[str, ...] = ()
    quads: bool = False
    generic: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases, *self.generic)


RDF_FORMATS: tuple[Format, ...] = (
    Format(
        "turtle", "text/turtle", "ttl", "turtle", ("application/x-turtle", "application/turtle"), names=("ttl", "n3")
    ),
    Format("jsonld", "application/ld+json", "jsonld", "json-ld", ("application/json-ld",), names=("json-ld", "json")),
    Format(
        "rdfxml", "application/rdf+xml", "rdf", "xml", generic=("application/xml", "text/xml"), names=("rdf", "xml")
    ),
    Format("ntriples", "application/n-triples", "nt", "nt", generic=("text/plain",), names=("nt",)),
    Format("trig", "application/trig", "trig", "trig", ("application/x-trig",), quads=True),
    Format("nquads", "application/n-quads", "nq", "nquads", ("text/x-nquads",), quads=True),
)
"""RDF: Turtle first, the server's order of preference."""

RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", "srj", None, ("application/json",)),
    Format(
        "xml", "application/sparql-results+xml", "srx", None, ("application/xml", "text/xml"), names=("rdf", "rdfxml")
    ),
    Format("csv", "text/csv", "csv"),
    Format("tsv", "text/tab-separated-values", "tsv"),
)
"""SPARQL SELECT/ASK results: JSON first."""

REPORT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/json", "json"),
    Format("turtle", "text/turtle", "ttl", "turtle"),
    Format("jsonld", "application/ld+json", "jsonld", "json-ld"),
    Format("csv", "text/csv", "csv"),
    Format("junit", "application/junit+xml", "xml", None, ("application/xml", "text/xml")),
    Format("html", "text/html", "html"),
    Format("text", "text/plain", "txt"),
)
"""Validation reports: JSON first."""

HTML = "text/html"
JSON = "application/json"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
FORM = "application/x-www-form-urlencoded"

_BY_NAME = {f.name: f for f in RDF_FORMATS}
_BY_EXTENSION = {f.extension: f for f in RDF_FORMATS} | {"json": _BY_NAME["jsonld"], "owl": _BY_NAME["rdfxml"]}


def bare_type(media_type: str) -> str:
    """A media type without its parameters, lower-cased: ``Text/Turtle; charset=UTF-8`` gives ``text/turtle``."""
    return media_type.split(";", 1)[0].strip().lower()


def rdf_format(media_type_or_name: str) -> Format | None:
    """The RDF format named by a media type (parameters ignored), a short name or a file extension."""
    key = bare_type(media_type_or_name)
    if key in _BY_NAME:
        return _BY_NAME[key]
    for fmt in RDF_FORMATS:
        if key in fmt.media_types or key in fmt.names:
            return fmt
    return _BY_EXTENSION.get(key.lstrip("."))


def oxigraph_format(fmt: Format) -> ox.RdfFormat:
    """The engine's parser and serialiser for an RDF format of the table."""
    found = ox.RdfFormat.from_media_type(fmt.media_type)
    if found is None:
        raise ValueError(f"{fmt.media_type} is not an RDF format")
    return found


def result_format(media_type_or_name: str) -> Format | None:
    """The SPARQL results format named by a media type or a short name (``json``, ``xml``, ``csv``, ``tsv``)."""
    return _lookup(RESULT_FORMATS, media_type_or_name)


def report_format(media_type_or_name: str) -> Format | None:
    """The validation report format named by a media type or a short name (``json``, ``junit``, ``html``...)."""
    return _lookup(REPORT_FORMATS, media_type_or_name)


def _lookup(formats: Sequence[Format], media_type_or_name: str) -> Format | None:
    key = bare_type(media_type_or_name)
    for fmt in formats:
        if key == fmt.name or key in fmt.media_types:
            return fmt
    return None


def accept_for_format(name: str) -> str | None:
    """An Accept header for a ``?format=`` short name or a media type, or None if it is neither: a results type
    and a graph type, so that one name serves a SELECT and a CONSTRUCT alike (``csv`` asks for CSV results or,
    for a graph, the default Turtle).

    >>> accept_for_format("csv")
    'text/csv, text/turtle'
    >>> accept_for_format("rdfxml")
    'application/sparql-results+xml, application/rdf+xml'
    """
    key = name.strip().lower()
    if "/" in key:
        return key
    results = next((f for f in RESULT_FORMATS if key in (f.name, *f.names)), None)
    graph = next((f for f in RDF_FORMATS if not f.quads and key in (f.name, *f.names)), None)
    if results is None and graph is None:
        return None
    return f"{(results or RESULT_FORMATS[0]).media_type}, {(graph or RDF_FORMATS[0]).media_type}"


def format_names() -> list[str]:
    """Every short name :func:`accept_for_format` knows."""
    formats = [*RESULT_FORMATS, *(f for f in RDF_FORMATS if not f.quads)]
    return list(dict.fromkeys(n for f in formats for n in (f.name, *f.names)))


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    params: tuple[tuple[str, str], ...] = ()

    def matches(self, media_type: str) -> int:
        """How specifically this range matches ``media_type``: -1 not at all, 0 ``*/*``, 1 ``type/*``, 2 exact."""
        kind, _, sub = bare_type(media_type).partition("/")
        if self.type == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header into media ranges, most preferred first; malformed members are skipped."""
    ranges: list[MediaRange] = []
    for member in (header or "").split(","):
        parts = [p.strip() for p in member.split(";")]
        kind, slash, sub = parts[0].lower().partition("/")
        if not slash or not kind or not sub:
            continue
        q = 1.0
        params: list[tuple[str, str]] = []
        for param in parts[1:]:
            key, _, value = param.partition("=")
            key, value = key.strip().lower(), value.strip().strip('"')
            if key == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
            elif key:
                params.append((key, value))
        ranges.append(MediaRange(kind, sub, q, tuple(params)))
    return sorted(ranges, key=lambda r: (-r.q, -(r.type != "*") - (r.subtype != "*")))


_EXACT, _ALIAS = 3, 2
"""How specifically a range names a format: its canonical type (3), an alias (2), ``type/*`` (1), ``*/*`` (0)."""


def fit(ranges: Sequence[MediaRange], fmt: Format) -> tuple[float, str] | None:
    """The q-value the client gives ``fmt`` and the media type that earned it; None when no range matches.

    RFC 9110: the most specific range decides, here over all of the format's names at once, so that ``q=0``
    excludes a format under every alias (``application/sparql-results+json;q=0, */*;q=0.1`` does not get JSON
    through ``application/json``). Wildcards match the canonical type only; at equal specificity ``q=0`` wins.
    """
    best: tuple[int, float, str] | None = None
    for name in (fmt.media_type, *fmt.aliases):
        canonical = name == fmt.media_type
        for r in ranges:
            specificity = r.matches(name)
            if specificity == 2:
                specificity = _EXACT if canonical else _ALIAS
            elif specificity < 0 or not canonical:
                continue
            if best is None or specificity > best[0] or (specificity == best[0] and r.q == 0):
                best = (specificity, r.q, name)
    return None if best is None else (best[1], best[2])


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The q-value the client gives ``media_type``: that of the most specific range matching it."""
    found = fit(ranges, Format(media_type, media_type, ""))
    return found[0] if found else 0.0


def choose(accept: str | None, formats: Sequence[Format]) -> tuple[Format, str] | None:
    """The format the client prefers and the media type it was asked by (an alias when named so); ties go to the
    server's order, the order of ``formats``. ``None`` when nothing is acceptable. No Accept (or one with no
    readable member) accepts anything: the first format wins.

    >>> fmt, asked = choose("text/*", RESULT_FORMATS)
    >>> fmt.name, asked
    ('csv', 'text/csv')
    >>> choose("application/sparql-results+json;q=0, */*;q=0.1", RESULT_FORMATS)[0].name
    'xml'
    >>> choose("application/json;q=0", RESULT_FORMATS) is None
    True
    """
    if not formats:
        return None
    ranges = parse_accept(accept)
    if not ranges:
        return formats[0], formats[0].media_type
    best: tuple[Format, str] | None = None
    best_q = 0.0
    for fmt in formats:
        found = fit(ranges, fmt)
        if found is not None and found[0] > best_q:
            best, best_q = (fmt, found[1]), found[0]
    return best


NEGOTIATED = 256
"""How many Accept headers each negotiation remembers its answer for: clients send a few distinct ones, over and
over (a term lookup's negotiation was a sixth of its cost); a client inventing a new one each time only misses."""


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """Pick the offer the client prefers among plain media types; ties go to the server's order. ``None`` when
    nothing is acceptable. An absent or empty Accept header accepts anything, so the first offer wins.
    """
    chosen = choose(accept, [Format(o, o, "") for o in offers])
    return chosen[0].media_type if chosen else None


@lru_cache(maxsize=NEGOTIATED)
def negotiate_results(accept: str | None) -> str | None:
    """The SELECT/ASK results media type the client prefers (JSON first), or None."""
    chosen = choose(accept, RESULT_FORMATS)
    return chosen[0].media_type if chosen else None


def negotiate_graph(accept: str | None) -> str | None:
    """The CONSTRUCT/DESCRIBE media type the client prefers (Turtle first), or None."""
    return negotiate_rdf(accept)


def rdf_offers(*, html: bool = False, quads: bool = False) -> list[str]:
    """The media types an RDF resource can be served in, in the server's order of preference."""
    offers = [f.media_type for f in RDF_FORMATS if quads or not f.quads]
    return [*offers, HTML] if html else offers


def negotiate_rdf(
    accept: str | None, *, html: bool = False, quads: bool = False, first: Sequence[str] = ()
) -> str | None:
    """Like :func:`negotiate` over RDF formats, also honouring their aliases (``application/x-turtle``...).

    ``first`` names other media types offered ahead of RDF (a profile's JSON summary). Browsers rank ``text/html``
    above ``*/*``, so when HTML is offered it wins for them; ``*/*`` gets the first offer (Turtle by default).
    """
    return _negotiate_rdf(accept, html, quads, tuple(first))


@lru_cache(maxsize=NEGOTIATED)
def _negotiate_rdf(accept: str | None, html: bool, quads: bool, first: tuple[str, ...]) -> str | None:
    formats = [
        *(Format(mt, mt, "") for mt in first),
        *(f for f in RDF_FORMATS if quads or not f.quads),
        *([Format("html", HTML, "html")] if html else []),
    ]
    chosen = choose(accept, formats)
    return chosen[0].media_type if chosen else None


def choose_rdf(
    accept: str | None, format: str | None = None, *, html: bool = False, first: Mapping[str, str] | None = None
) -> str:
    """The media type to serve a resource in: ``?format=`` (short name or media type) overrides Accept.

    ``first`` maps short names to non-RDF media types preferred over RDF (``{"json": JSON}``). Every route that
    serves RDF decides here, so that they all read aliases, ``?format=`` and Accept the same way; nothing
    acceptable raises :class:`~cityref.errors.NotAcceptable`.
    """
    named = {**(first or {}), **({"html": HTML} if html else {})}
    if format:
        key = format.strip().lower()
        for name, media_type in named.items():
            if key in (name, media_type):
                return media_type
        fmt = rdf_format(key)
        if fmt is not None and not fmt.quads:
            return fmt.media_type
        known = [*named, *(f.name for f in RDF_FORMATS if not f.quads)]
        raise NotAcceptable(f"Unknown format {format!r}", known=known)
    chosen = negotiate_rdf(accept, html=html, first=list((first or {}).values()))
    if chosen is None:
        offers = [*(first or {}).values(), *rdf_offers(html=html)]
        raise NotAcceptable("None of the accepted media types can be served", offers=offers)
    return chosen
