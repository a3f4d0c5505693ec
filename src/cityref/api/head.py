"""HEAD wherever GET is served (RFC 9110 expects it), without declaring a HEAD operation on every route.

FastAPI routes answer only the methods they declare. When no route takes HEAD for a path, the request is run as a
GET and its body dropped, so headers (ETag, Content-Length, Link...) are exactly what GET would send.
"""

from __future__ import annotations

from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """ASGI middleware: a HEAD request that no route declares is served by the GET route, body removed."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD" or self._declared(scope):
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)

    def _declared(self, scope: Scope) -> bool:
        router = scope["app"].router
        return any(route.matches(scope)[0] == Match.FULL for route in router.routes)
