"""HTTP helpers shared by the term routes: validators, caching (ETag, 304) and the term lifecycle (308, 410)."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any, NamedTuple
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response

from cityref.errors import Gone, LimitExceeded, PayloadTooLarge
from cityref.settings import Settings
from cityref.terms import TermIndex, TermRecord, describe
from cityref.terms.record import NS
from cityref.terms.text import LangChain

CACHE_CONTROL = "public, max-age=300"


def check_query(q: str, settings: Settings, parameter: str = "q") -> None:
    """Over-long query strings are refused with the limit named, before any work is done."""
    if len(q) > settings.max_search_length:
        raise LimitExceeded(
            f"{parameter} is {len(q)} characters long; the limit is {settings.max_search_length} (max_search_length)",
            limit="max_search_length",
            max=settings.max_search_length,
        )


def check_bulk(count: int, settings: Settings) -> None:
    """Oversized batches are refused as a whole (413), naming the limit, rather than silently cut."""
    if count > settings.max_bulk_items:
        raise PayloadTooLarge(
            f"{count} items sent; the limit is {settings.max_bulk_items} per request (max_bulk_items)",
            limit="max_bulk_items",
            max=settings.max_bulk_items,
        )


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


class Tagged(NamedTuple):
    """A body kept by a cache, with its ETag computed once with it (not on every request)."""

    body: bytes
    etag: str

    @classmethod
    def of(cls, body: bytes) -> Tagged:
        return cls(body, _etag(body))


def cached(request: Request, body: bytes | Tagged, media_type: str, headers: dict[str, str] | None = None) -> Response:
    """A cacheable response: strong ETag over the exact bytes, Cache-Control, and 304 when the client has it."""
    body, tag = body if isinstance(body, Tagged) else (body, _etag(body))
    all_headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL, **(headers or {})}
    wanted = request.headers.get("if-none-match")
    if wanted:
        tags = {t.strip().removeprefix("W/") for t in wanted.split(",")}
        if tag in tags or "*" in tags:
            return Response(status_code=304, headers=all_headers)
    return Response(body, media_type=media_type, headers=all_headers)


@lru_cache(maxsize=2048)
def term_json(index: TermIndex, iri: str, chain: LangChain) -> Tagged:
    """A term's Term JSON as bytes, built once per language chain: the index never changes after start-up, and
    describing the term and encoding it was most of a lookup's time (docs/benchmarks.md)."""
    record = index.get(iri)
    assert record is not None
    return Tagged.of(json.dumps(describe(index, record, chain), ensure_ascii=False, separators=(",", ":")).encode())


def json_cached(request: Request, data: Any, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return cached(request, body, "application/json", headers)


def lifecycle(
    index: TermIndex, record: TermRecord, request: Request, *, redirect: bool, location: str, chain: LangChain
) -> Response | None:
    """Deprecated terms with a replacement redirect (308), withdrawn ones are gone (410); ``None``: serve as usual.

    ``location`` is where the replacement is served (see :func:`successor_location`); the query string travels
    with a redirect on this server only. ``?redirect=false`` asks for the old term's own description instead
    (still announcing its successor in a ``Link`` header).
    """
    if not record.deprecated:
        return None
    if record.withdrawn:
        why = next(iter(record.change_notes.values()), "The term was withdrawn without a replacement.")
        raise Gone(
            f"The term {record.curie} is withdrawn: {why}",
            term=describe(index, record, chain),
            headers={"Cache-Control": CACHE_CONTROL},
        )
    if not redirect:
        return None
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "iri"])
    local = location.startswith("/")
    return Response(
        status_code=308,
        headers={
            "Location": location + (f"?{query}" if query and local else ""),
            "Link": successor_link(record),
            "Cache-Control": CACHE_CONTROL,
        },
    )


def successor_location(record: TermRecord, prefix: str) -> str:
    """Where a deprecated term's replacement is described: ``prefix`` + its local name when it is a cityref term,
    else its own IRI. A term replaced by a reused one (cityref:contactPoint by dcat:contactPoint) sends the client
    to that vocabulary, which this server does not describe."""
    if not record.replaced_by:
        return ""
    target = record.replaced_by[0]
    return prefix + target.removeprefix(NS) if target.startswith(NS) else target


def successor_link(record: TermRecord) -> str:
    return ", ".join(f'<{iri}>; rel="successor-version"' for iri in record.replaced_by)
