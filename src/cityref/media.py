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

from cityref.errors import NotAcceptable


@dataclass(frozen=True)
class Format:
    """A serialisation: our short name, its canonical media type, aliases, file extension and rdflib's name."""

    name: str
    media_type: str
    extension: str
    rdflib: str | None = None
    aliases: tuple[str, ...] = ()
    quads: bool = False

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


RDF_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", "ttl", "turtle", ("application/x-turtle", "application/turtle")),
    Format("jsonld", "application/ld+json", "jsonld", "json-ld", ("application/json-ld",)),
    Format("rdfxml", "application/rdf+xml", "rdf", "xml", ("application/xml", "text/xml")),
    Format("ntriples", "application/n-triples", "nt", "nt", ("text/plain",)),
    Format("trig", "application/trig", "trig", "trig", ("application/x-trig",), quads=True),
    Format("nquads", "application/n-quads", "nq", "nquads", ("text/x-nquads",), quads=True),
)

RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", "srj", None, ("application/json",)),
    Format("xml", "application/sparql-results+xml", "srx", None, ("application/xml", "text/xml")),
    Format("csv", "text/csv", "csv"),
    Format("tsv", "text/tab-separated-values", "tsv"),
)

HTML = "text/html"
JSON = "application/json"

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
        if key in fmt.media_types:
            return fmt
    return _BY_EXTENSION.get(key.lstrip("."))


def result_format(media_type_or_name: str) -> Format | None:
    key = bare_type(media_type_or_name)
    for fmt in RESULT_FORMATS:
        if key == fmt.name or key in fmt.media_types:
            return fmt
    return None


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


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The q-value the client gives ``media_type``: that of the most specific range matching it."""
    best_specificity, best_q = -1, 0.0
    for r in ranges:
        specificity = r.matches(media_type)
        if specificity > best_specificity:
            best_specificity, best_q = specificity, r.q
    return best_q if best_specificity >= 0 else 0.0


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """Pick the offer the client prefers; ties go to the server's order. ``None`` when nothing is acceptable.

    An absent or empty Accept header accepts anything, so the first offer wins.
    """
    if not offers:
        return None
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best, best_q = None, 0.0
    for offer in offers:
        q = quality(ranges, offer)
        if q > best_q:
            best, best_q = offer, q
    return best


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
    offers: list[str] = list(first)
    canonical: dict[str, str] = {mt: mt for mt in first}
    for fmt in RDF_FORMATS:
        if fmt.quads and not quads:
            continue
        for mt in fmt.media_types:
            if mt in ("text/plain", "application/xml", "text/xml"):
                continue  # generic types: honoured only through the short name or an explicit ?format=
            offers.append(mt)
            canonical[mt] = fmt.media_type
    if html:
        offers.append(HTML)
        canonical[HTML] = HTML
    chosen = negotiate(accept, offers)
    return canonical[chosen] if chosen else None


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
