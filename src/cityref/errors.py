"""Errors with stable codes, one HTTP status table and one body shape (RFC 9457 problem details).

Services raise these; the HTTP layer (:mod:`cityref.api.problems`) renders them, the CLI prints ``str(error)``.
Nothing here imports the web stack: worker processes and the CLI load this module too.
"""

from __future__ import annotations

from typing import Any, ClassVar

PROBLEM_BASE = "https://w3id.org/cityref/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"


class Said(str):
    """A detail in our own words that a page can show in the reader's language: the English text as a ``str``
    (what programs and logs get), with its gettext message id and the values put into it.

    >>> said = Said("The data holds more than %(count)s triples", count=10)
    >>> said, said.template, said.values
    ('The data holds more than 10 triples', 'The data holds more than %(count)s triples', {'count': 10})
    """

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, /, **values: Any) -> Said:
        said = super().__new__(cls, template % values if values else template)
        said.template, said.values = template, values
        return said

    def __reduce__(self) -> tuple[Any, ...]:  # a worker's error crosses the pipe pickled
        return _said, (self.template, self.values)


def _said(template: str, values: dict[str, Any]) -> Said:
    return Said(template, **values)


def too_many_triples(most: int, *, graph: bool = False) -> LimitExceeded:
    """The triple cap's error, in one wording wherever a delivery (or a graph sent to the store) is counted."""
    if graph:
        return LimitExceeded(Said("The graph has more than %(count)s triples", count=most), limit="max_triples")
    return LimitExceeded(Said("The data holds more than %(count)s triples", count=most), limit="max_triples")


class CityrefError(Exception):
    """Base error: a stable ``code``, an HTTP ``status``, a human ``detail`` and optional extra members."""

    code: ClassVar[str] = "internal-error"
    status: ClassVar[int] = 500
    title: ClassVar[str] = "Internal error"

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra

    def to_problem(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": PROBLEM_BASE + self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
        }
        if instance:
            body["instance"] = instance
        body.update(self.extra)
        return body


class BadRequest(CityrefError):
    code, status, title = "bad-request", 400, "Bad request"


class SyntaxProblem(BadRequest):
    """Malformed RDF or SPARQL; ``line`` and ``column`` (1-based) say where, when known."""

    code, title = "syntax-error", "Syntax error"


class Unauthorized(CityrefError):
    code, status, title = "unauthorized", 401, "Authentication required"


class Forbidden(CityrefError):
    code, status, title = "forbidden", 403, "Forbidden"


class NotFound(CityrefError):
    code, status, title = "not-found", 404, "Not found"


class NotAcceptable(CityrefError):
    code, status, title = "not-acceptable", 406, "Not acceptable"


class NotReady(CityrefError):
    """Asked for the outcome of work that has not finished (a background validation's report)."""

    code, status, title = "not-ready", 409, "Not ready"


class Gone(CityrefError):
    code, status, title = "gone", 410, "Gone"


class PayloadTooLarge(CityrefError):
    code, status, title = "payload-too-large", 413, "Payload too large"


class UnsupportedMediaType(CityrefError):
    code, status, title = "unsupported-media-type", 415, "Unsupported media type"


class LimitExceeded(CityrefError):
    """A configured limit other than body size (triple cap, list length...); ``limit`` names it."""

    code, status, title = "limit-exceeded", 422, "Limit exceeded"


class InvalidParameters(CityrefError):
    """Query, path or body parameters the route's declared types reject; ``errors`` lists each one."""

    code, status, title = "invalid-parameters", 422, "Invalid parameters"


class TooManyRequests(CityrefError):
    """A client went past a rate limit or sent too many wrong keys; ``Retry-After`` says when to come back."""

    code, status, title = "too-many-requests", 429, "Too many requests"


class Busy(CityrefError):
    code, status, title = "busy", 503, "Service busy"


class BudgetExceeded(CityrefError):
    """A query or validation ran out of its time budget and was stopped."""

    code, status, title = "timeout", 504, "Time budget exceeded"


class StoreLocked(CityrefError):
    """Another process has the store's data directory open."""

    code, status, title = "store-locked", 503, "Store in use"


class WorkerFailed(CityrefError):
    """A worker process crashed while doing the work: our fault, not the request's; logged and counted."""

    code, status, title = "worker-crashed", 500, "Worker crashed"


class UpstreamError(CityrefError):
    code, status, title = "upstream-error", 502, "Upstream store error"


class StoreUnavailable(CityrefError):
    """The store cannot be reached (refused, reset, unknown host) or was found down a moment ago; the detail is
    ours, never the network library's text, and ``Retry-After`` says when to try again."""

    code, status, title = "store-unavailable", 503, "Store unavailable"

    def __init__(self, detail: str, *, retry_after_s: int, **extra: Any) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after_s)}, **extra)
