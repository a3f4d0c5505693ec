"""Reading a request body under ``max_body_bytes``, for every route that takes one.

The limit is enforced while the body streams in, not after: a client that sends no Content-Length (chunked
transfer) or a false one is cut off at the limit instead of being buffered whole in memory first. Uploads that
workers will read (deliveries, graphs) are spooled to disk as they arrive instead of being held in memory.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from pathlib import Path

from fastapi import Request
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import ClientDisconnect

from cityref.errors import BadRequest, LimitExceeded, PayloadTooLarge, Said


def too_large(limit: int) -> PayloadTooLarge:
    """The 413 problem for a body over ``limit`` bytes; ``limit`` names the setting, ``max_bytes`` its value."""
    return PayloadTooLarge(
        Said("The body is larger than the %(limit)s-byte limit", limit=limit), limit="max_body_bytes", max_bytes=limit
    )


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


async def spool_limited(request: Request, limit: int, target: Path) -> int:
    """Stream the body into the file ``target`` (never whole in memory), or :class:`PayloadTooLarge` as soon as it
    passes ``limit`` bytes; returns its size."""
    declared = declared_length(request)
    if declared is not None and declared > limit:
        raise too_large(limit)
    size = 0
    try:
        with open(target, "wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise too_large(limit)
                out.write(chunk)  # to the page cache: microseconds, not worth a thread hop per chunk
    except ClientDisconnect:
        raise client_gone() from None
    return size


async def file_chunks(path: Path, size: int = 1 << 16) -> AsyncGenerator[bytes, None]:
    """A spooled body read back in chunks, for parsers that take a stream (multipart)."""
    with open(path, "rb") as stream:
        while chunk := stream.read(size):
            yield chunk


async def spooled_multipart(
    request: Request, body: Path, directory: Path, *, max_files: int, max_fields: int
) -> tuple[list[tuple[str, Path, str | None, str | None]], dict[str, list[str]]]:
    """The parts of a spooled ``multipart/form-data`` body: files as ``(field, path, content type, filename)``, each
    written to its own file in ``directory``, and the text fields by name."""
    try:
        form = await MultiPartParser(
            request.headers, file_chunks(body), max_files=max_files, max_fields=max_fields
        ).parse()
    except MultiPartException as error:
        for kind, setting, most in (
            ("files", "max_upload_files", max_files),
            ("fields", "max_form_fields", max_fields),
        ):
            if error.message.startswith(f"Too many {kind}"):
                detail = f"The upload has more than {most} {kind} ({setting})"
                raise LimitExceeded(detail, limit=setting, max=most) from None
        raise BadRequest(f"Malformed multipart body: {error.message}") from None
    files: list[tuple[str, Path, str | None, str | None]] = []
    fields: dict[str, list[str]] = {}
    try:
        for index, (key, value) in enumerate(form.multi_items()):
            if isinstance(value, str):
                fields.setdefault(key, []).append(value)
                continue
            path = directory / f"part-{index}"
            with open(path, "wb") as out:
                await value.seek(0)
                while chunk := await value.read(1 << 16):
                    out.write(chunk)
            files.append((key, path, value.content_type, value.filename))
    finally:
        await form.close()
    return files, fields
