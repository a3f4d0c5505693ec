"""CORS for the reconciliation service: ``Access-Control-Allow-Origin: *`` on ``/reconcile`` and everything below
it, whatever ``cors_origins`` says.

Why every origin, by default: both the 0.2 specification and the 1.0 draft require CORS on every endpoint of a
reconciliation service, because its clients include web pages (the Community Group's test bench, Cocoda,
browser-based editors) that call the service straight from the user's browser, on an origin no operator can list in
advance. It is safe here because these routes only read public ontology data, change nothing and take no
credentials: a page on any origin learns nothing it could not fetch from its own server. Credentials are never
allowed (no ``Access-Control-Allow-Credentials``), so a browser never sends cookies or HTTP authentication along,
and the answer never depends on who the user is. The rate limit still applies to every request.

Installed outside the general, opt-in CORS middleware (``cors_origins``), so that on these paths this one decides:
it answers preflights itself and replaces whatever CORS headers an inner layer set.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

ROOT = "/reconcile"
METHODS = b"GET, HEAD, POST, OPTIONS"
EXPOSED = b"Retry-After, X-Request-ID"
MAX_AGE = b"600"
_HEADER_LIST = re.compile(rb"^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$")


def is_reconciliation(path: str) -> bool:
    return path == ROOT or path.startswith(ROOT + "/")


def _cors_headers(request_headers: bytes | None = None) -> list[tuple[bytes, bytes]]:
    headers = [(b"access-control-allow-origin", b"*"), (b"access-control-expose-headers", EXPOSED)]
    if request_headers is not None:
        headers += [(b"access-control-allow-methods", METHODS), (b"access-control-max-age", MAX_AGE)]
        # Echo the headers the page means to send (Content-Type: application/json makes every POST preflighted),
        # when they are a well-formed list; without credentials, allowing them gives a page nothing new.
        if _HEADER_LIST.match(request_headers.strip()):
            headers.append((b"access-control-allow-headers", request_headers.strip()))
    return headers


class ReconciliationCors:
    """The middleware the module docstring describes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :] or "/"
        if not is_reconciliation(path):
            await self.app(scope, receive, send)
            return
        headers = dict((k.lower(), v) for k, v in scope.get("headers", []))
        if scope.get("method") == "OPTIONS" and b"access-control-request-method" in headers:
            await self._preflight(headers.get(b"access-control-request-headers", b""), send)
            return

        async def with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if not k.lower().startswith(b"access-control-")]
                message = {**message, "headers": [*kept, *_cors_headers()]}
            await send(message)

        await self.app(scope, receive, with_cors)

    async def _preflight(self, requested: bytes, send: Send) -> None:
        """Answer a preflight at once: the routes themselves know no OPTIONS."""
        headers = [*_cors_headers(requested), (b"content-length", b"0"), (b"vary", b"Access-Control-Request-Headers")]
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
