"""Reading a request body under ``max_body_bytes``, for every route that takes one.

The limit is enforced while the body streams in, not after: a client that sends no Content-Length (chunked
transfer) or a false one is cut off at the limit instead of being buffered whole in memory first.
"""

from __future__ import annotations

from fastapi import Request
from starlette.requests import ClientDisconnect

from cityref.errors import BadRequest, PayloadTooLarge


def too_large(limit: int) -> PayloadTooLarge:
    """The 413 problem for a body over ``limit`` bytes; ``limit`` names the setting, ``max_bytes`` its value."""
    return PayloadTooLarge(f"The body is larger than the {limit}-byte limit", limit="max_body_bytes", max_bytes=limit)


def client_gone() -> BadRequest:
    """The answer to a client that hung up before sending its whole body. Nobody reads it, but the access log and
    the metrics then count a client error, not a 500 (a client that sends less than its Content-Length and then
    gives up is not a server fault)."""
    return BadRequest("The client closed the connection before sending the whole body")


def declared_length(request: Request) -> int | None:
    """The Content-Length the client declared, when it declared a well-formed one."""
    declared = request.headers.get("content-length", "")
    return int(declared) if declared.isdigit() else None


async def read_limited(request: Request, limit: int) -> bytes:
    """The whole body, or :class:`PayloadTooLarge` (413) as soon as it passes ``limit`` bytes."""
    declared = declared_length(request)
    if declared is not None and declared > limit:
        raise too_large(limit)
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large(limit)
            chunks.append(chunk)
    except ClientDisconnect:
        raise client_gone() from None
    return b"".join(chunks)
