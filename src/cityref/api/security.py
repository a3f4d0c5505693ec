"""HTTP hygiene in one ASGI middleware: no keys in URLs, per-client rate limits, a cap on every request body,
security headers on every response, and no Host header echoed in redirects.

Installed by :func:`install_security` inside the access log (which so records every 400, 413 and 429 it sends)
and outside the catch-all of :mod:`cityref.api.problems` (whose 500 so gets the headers too).

- **Keys in the URL** (``?key=``, ``?api_key=``, ``?apikey=``, ``?access_token=``, ``?token=``, any case) are
  refused with 400 on every route: URLs end up in proxy and access logs, headers do not.
- **Rate limits** per client address, in a moving window kept in memory (the ``limits`` library), on the routes
  that cost work: ``/sparql``, ``/queries/{name}`` (and ``/labels``, which its pages call), ``POST /validate``
  (and the validation page's runs and downloads), ``/resolve`` and ``/reconcile`` with
  everything below it. Past a limit: 429 problem+json with ``Retry-After``. Each replica counts on its own.
- **Bodies** over ``max_body_bytes``: 413 problem+json at once for a declared ``Content-Length`` over the limit,
  and as soon as a streamed (chunked) body passes it; nothing is buffered here. The 413 closes the connection, so
  the client stops sending. The routes' own streaming reader (:mod:`cityref.api.body`) still applies its limit.
- **Headers**: ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: no-referrer`` everywhere; our pages get
  ``default-src 'self'`` with no inline script (their CSS and JavaScript are files under ``/static``); every other
  response ``default-src 'none'``; framing is denied except for the reconciliation previews, which OpenRefine shows
  in a frame (``preview_frame_ancestors``). ``/docs`` and ``/redoc`` load Swagger UI and ReDoc from this server
  (bundled by the ``fastapi-offline`` package, so they work offline): they get the narrowest policy that lets
  exactly that run (see :func:`docs_policy`).
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
import time
from urllib.parse import unquote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cityref import templates
from cityref.api.auth import FailedKeys, client_address
from cityref.api.body import too_large
from cityref.api.problems import problem_body_response
from cityref.errors import BadRequest, CityrefError, TooManyRequests
from cityref.settings import Settings

KEY_PARAMETERS = frozenset({"key", "api_key", "apikey", "access_token", "token"})
PREVIEW_PATHS = frozenset({"/reconcile/preview", "/reconcile/v1/preview"})
DOCS_ASSETS = "/static-docs"
"""Where Swagger UI's and ReDoc's files are served from (the ``fastapi-offline`` package's static folder)."""

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_INLINE_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)

Headers = list[tuple[bytes, bytes]]


def csp_hash(text: str) -> str:
    """The CSP source expression that allows exactly one inline ``<script>`` or ``<style>`` with this content."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def template_style_hashes() -> list[str]:
    """Hashes of the inline ``<style>`` blocks left in the templates. The validation report keeps its style inline
    because ``cityref validate -f html`` writes the same page to a file that must look right on its own; its
    style holds no template expression, so the hash of the template text is the hash of every rendered page."""
    env = templates.environment()
    hashes: list[str] = []
    for name in env.list_templates(extensions=["html"]):
        source = env.loader.get_source(env, name)[0] if env.loader is not None else ""
        hashes.extend(csp_hash(style) for style in _INLINE_STYLE.findall(source) if "{" + "{" not in style)
    return sorted(set(hashes))


def page_policy() -> str:
    styles = " ".join(["'self'", *template_style_hashes()])
    return (
        f"default-src 'self'; style-src {styles}; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    )


API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def preview_policy(frame_ancestors: str) -> str:
    return (
        f"default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors {frame_ancestors}"
    )


def docs_policy(kind: str, html: bytes) -> str:
    """The policy of the ``/docs`` (Swagger UI) or ``/redoc`` page. Both load their script and style from this
    server (the ``fastapi-offline`` package's copies, under :data:`DOCS_ASSETS`); Swagger UI's page also runs, by
    hash, the one inline script FastAPI writes (it names the OpenAPI URL, so it is hashed as served). ReDoc styles
    its components with inline ``<style>`` elements it writes at run time, so its page alone allows inline style;
    it also runs its search in a ``blob:`` worker. Nothing comes from another host."""
    scripts = " ".join(["'self'", *(csp_hash(s) for s in _INLINE_SCRIPT.findall(html.decode("utf-8", "replace")))])
    common = "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    common += "frame-ancestors 'none'; object-src 'none'"
    if kind == "swagger":
        return f"default-src 'none'; script-src {scripts}; style-src 'self'; {common}"
    return (
        f"default-src 'none'; script-src {scripts}; style-src 'self' 'unsafe-inline'; font-src 'self'; "
        f"worker-src blob:; {common}"
    )


def parameter_names(query: str) -> set[str]:
    """The lower-cased names of a query string's parameters, as ``parse_qsl(query, keep_blank_values=True)`` reads
    them, without decoding the values (a SPARQL text can be most of the query string).

    >>> sorted(parameter_names("query=ASK%20%7B%7D&API%5FKEY=x&flag&a+b=1"))
    ['a b', 'api_key', 'flag', 'query']
    """
    return {unquote(part.split("=", 1)[0].replace("+", " ")).lower() for part in query.split("&") if part}


class BodyTooLarge(StarletteHTTPException):
    """Raised from ``receive`` once a body passes the limit. An HTTPException, so that FastAPI's own body parsing
    passes it on instead of turning it into a 400; its handler answers the usual 413 problem."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail="Payload too large")
        self.limit = limit


def rate_group(method: str, path: str) -> str | None:
    """Which rate limit a request counts against, if any."""
    if path == "/sparql":
        return "sparql"
    if path.startswith("/queries/") or path == "/labels":
        return "queries"  # a results page asks labels of what its query found: one budget for both
    if path in ("/validate", "/validate/runs") and method == "POST":
        return "validate"
    if path.startswith("/validate/runs/") and path.endswith("/report"):  # each download validates again
        return "validate"
    if path == "/resolve":
        return "resolve"
    if path == "/reconcile" or path.startswith("/reconcile/"):
        return "reconcile"
    return None


def _problem(error: CityrefError, scope: Scope, extra_headers: dict[str, str] | None = None) -> JSONResponse | Response:
    """The refusal as problem+json, or as an error page for a browser (:mod:`cityref.api.problems`)."""
    headers = {**error.headers, **(extra_headers or {})}
    return problem_body_response(error.to_problem(scope["path"]), error.status, headers, scope)


def _header(headers: Headers, name: bytes) -> bytes | None:
    return next((value for key, value in headers if key.lower() == name), None)


def _may_have_body(scope: Scope) -> bool:
    """Whether the request declares a body (HTTP/2 and 3 may send one without saying so: counted always)."""
    if scope.get("http_version", "1.1") not in ("1.0", "1.1"):
        return True
    return any(key.lower() in (b"content-length", b"transfer-encoding") for key, _ in scope.get("headers", []))


_OURS = frozenset({b"x-content-type-options", b"referrer-policy", b"content-security-policy", b"x-frame-options"})
"""The headers the middleware sets, dropped from a response that set them itself."""


class HttpHygiene:
    """The middleware described in the module docstring."""

    def __init__(self, app: ASGIApp, settings: Settings, docs_paths: dict[str, str]) -> None:
        self.app = app
        self.max_body = settings.max_body_bytes
        self.docs_paths = docs_paths
        self.page_policy = page_policy().encode()
        self.preview_policy = preview_policy(settings.preview_frame_ancestors).encode()
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        configured = {
            "sparql": settings.rate_limit_sparql,
            "queries": settings.rate_limit_queries,
            "validate": settings.rate_limit_validate,
            "resolve": settings.rate_limit_resolve,
            "reconcile": settings.rate_limit_reconcile,
        }
        self.limits: dict[str, list[RateLimitItem]] = {g: parse_many(v) for g, v in configured.items() if v}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :] or "/"
        send = self._sender(scope, path, send)

        refusal = self._refusal(scope, path)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        if not _may_have_body(scope):  # HTTP/1.1: no Content-Length and no Transfer-Encoding, no body to count
            await self.app(scope, receive, send)
            return

        received, exceeded, started = 0, False, False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    exceeded = True
                    raise BodyTooLarge(self.max_body)
            return message

        async def closing_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if exceeded:  # the rest of the body is not wanted: closing tells the client to stop sending it
                    message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        try:
            await self.app(scope, limited_receive, closing_send)
        except BodyTooLarge:
            # Raised where no handler saw it (a route that caught it late, a middleware): answer it here, unless
            # a response already began, in which case the server ends the connection.
            if not started:
                await _problem(too_large(self.max_body), scope, {"Connection": "close"})(scope, receive, send)

    def _refusal(self, scope: Scope, path: str) -> JSONResponse | Response | None:
        """A 400, 429 or 413 decided from the request line and headers alone, or ``None`` to go on."""
        query = scope.get("query_string", b"").decode("latin-1")
        if query:
            names = parameter_names(query)
            found = sorted(names & KEY_PARAMETERS)
            if found:
                return _problem(
                    BadRequest(
                        "API keys are never accepted in the URL, where logs keep them; send the key in the "
                        "Authorization (Bearer) or X-API-Key header, and replace a key that was sent this way",
                        parameters=found,
                    ),
                    scope,
                )
        group = rate_group(scope.get("method", ""), path)
        if group in self.limits:
            client = client_address(scope)
            for item in self.limits[group]:
                if not self.limiter.hit(item, group, client):
                    reset = self.limiter.get_window_stats(item, group, client).reset_time
                    wait = max(1, math.ceil(reset - time.time()))
                    error = TooManyRequests(
                        f"Too many requests to {path} from this address (limit {item}); try again in {wait} s",
                        headers={"Retry-After": str(wait)},
                        retry_after=wait,
                        limit=f"rate_limit_{group}",
                    )
                    return _problem(error, scope)
        declared = _header(scope.get("headers", []), b"content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > self.max_body:
            return _problem(too_large(self.max_body), scope, {"Connection": "close"})
        return None

    def _sender(self, scope: Scope, path: str, send: Send) -> Send:
        """``send``, adding the security headers to the response and making a Location on the request's own host
        relative (Starlette's trailing-slash redirect builds it from the Host header)."""
        docs_kind = self.docs_paths.get(path)
        held: list[Message] = []

        def secured(message: Message, body: bytes | None = None) -> Message:
            headers: Headers = []
            content_type = b""
            for key, value in message.get("headers", []):
                name = key.lower()
                if name == b"content-type" and not content_type:
                    content_type = value.lower()
                if name not in _OURS:
                    headers.append((key, value))
            headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
            if path in PREVIEW_PATHS:
                policy = self.preview_policy
            else:
                headers.append((b"x-frame-options", b"DENY"))
                if docs_kind is not None and body is not None:
                    policy = docs_policy(docs_kind, body).encode()
                elif content_type.startswith(b"text/html"):
                    policy = self.page_policy
                else:
                    policy = API_POLICY.encode()
            headers.append((b"content-security-policy", policy))
            location = _header(headers, b"location")
            request_host = _header(scope.get("headers", []), b"host") if location is not None else None
            if location is not None and request_host:
                for scheme in (b"http://", b"https://"):
                    if location.startswith(scheme + request_host):
                        rest = location[len(scheme + request_host) :]
                        if not rest or rest.startswith((b"/", b"?")):
                            relative = rest if rest.startswith(b"/") else b"/" + rest
                            headers = [(k, v) for k, v in headers if k.lower() != b"location"]
                            headers.append((b"location", relative))
            return {**message, "headers": headers}

        async def secured_send(message: Message) -> None:
            if docs_kind is None:
                await send(secured(message) if message["type"] == "http.response.start" else message)
                return
            # The docs pages are a kilobyte: hold them whole, to hash the inline script they carry.
            if message["type"] == "http.response.start":
                held.append(message)
                return
            if message["type"] == "http.response.body" and held:
                held.append(message)
                if message.get("more_body", False):
                    return
                body = b"".join(m.get("body", b"") for m in held[1:])
                await send(secured(held[0], body))
                await send({"type": "http.response.body", "body": body})
                held.clear()
                return
            await send(message)

        return secured_send


def install_security(app: FastAPI, settings: Settings) -> None:
    """Add the hygiene middleware, the wrong-key counter the write routes consult, the 413 handler for bodies cut
    off while a route reads them, and ``/static`` (the pages' CSS and JavaScript, so that the pages need no inline
    script under their policy)."""
    app.state.failed_keys = FailedKeys(settings)
    from cityref.api.docs import DOCS_PATHS

    docs = dict(DOCS_PATHS)

    async def on_body_too_large(request: Request, exc: Exception) -> JSONResponse | Response:
        assert isinstance(exc, BodyTooLarge)
        return _problem(too_large(exc.limit), request.scope)  # the middleware adds Connection: close

    app.add_exception_handler(BodyTooLarge, on_body_too_large)
    app.add_middleware(HttpHygiene, settings=settings, docs_paths=docs)
    app.mount("/static", StaticFiles(packages=[("cityref", "static")]), name="static")
    app.mount(DOCS_ASSETS, StaticFiles(packages=[("fastapi_offline", "static")]), name="static-docs")
