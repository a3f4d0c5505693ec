"""A long query answer sent to the client in parts, as the query worker writes it (issue 13).

The query runs on its gate's thread as any other. When the answer comes whole, that thread returns it and the
response is sent as before. When it comes in parts (:attr:`~cityref.store.base.QueryOutcome.parts`: longer than
``result_stream_bytes``), sending goes on in the query's slot (:meth:`Gate.run`'s ``then``): a gate thread hands
each part to the event loop through a short queue until the last, so the gate's count of running queries stays
true and the server holds a few parts at most, never the whole answer. The query's budget covers sending too: a
client that stops reading (or never starts) is given up at the deadline, and the worker ended.

A failure after the first part (the worker crashed, the budget ran out) cannot change the status any more: the
connection is closed without the end of the chunked body, so that no client takes the cut answer for a whole one,
and the failure is logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from cityref.store.base import AnswerParts, QueryOutcome
from cityref.workers.gate import Gate

log = logging.getLogger("cityref.sparql")

_AHEAD = 4
"""Parts that may wait between the worker and the socket (about 256 KiB each)."""


class _Handoff:
    """The parts of one answer, from the gate's thread to the event loop: at most :data:`_AHEAD` wait at a time."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()  # bounded by ``room``, which threads can wait on
        self.room = threading.Semaphore(_AHEAD)
        self.stop = threading.Event()

    def _post(self, item: tuple[str, Any]) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is closed: the server is shutting down
            self.loop.call_soon_threadsafe(self.queue.put_nowait, item)

    def put(self, item: tuple[str, Any], deadline: float) -> bool:
        """Hand ``item`` over (from the thread), waiting while :data:`_AHEAD` parts are unread; ``False`` when
        the reader has gone away, or has not read by ``deadline`` (the reader is then told the answer is cut)."""
        if not self.room.acquire(timeout=max(0.0, deadline - time.monotonic())):
            self.stop.set()
            self._post(("fail", "the query's budget ran out while the client was still reading the answer"))
            return False
        if self.stop.is_set():
            return False
        self._post(item)
        return True

    async def take(self) -> tuple[str, Any]:
        item = await self.queue.get()
        self.room.release()
        return item

    def give_up(self) -> None:
        """The reader is done (finished, failed or gone; on the loop): a waiting ``put`` returns ``False``, a
        waiting ``take`` gets ``("gone", None)``."""
        self.stop.set()
        self.room.release()
        self.queue.put_nowait(("gone", None))


class _CutShort(Exception):
    pass


class PartsResponse(Response):
    """An answer whose body arrives through a :class:`_Handoff`. A failure on the way ends the connection without
    the body's last chunk; a client that disconnects stops the sending."""

    def __init__(self, handoff: _Handoff, outcome: QueryOutcome, headers: dict[str, str]) -> None:
        super().__init__(media_type=outcome.media_type, headers=headers)
        self._handoff = handoff
        self.raw_headers = [(k, v) for k, v in self.raw_headers if k != b"content-length"]

    async def _parts(self) -> AsyncIterator[bytes]:
        while True:
            kind, value = await self._handoff.take()
            if kind == "part":
                yield value
            elif kind in ("end", "gone"):
                return
            else:
                log.warning("a query answer sent in parts was cut short: %s", value)
                raise _CutShort(value)

    async def _watch(self, receive: Receive) -> None:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                self._handoff.give_up()
                return

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        watcher = asyncio.ensure_future(self._watch(receive))
        try:
            await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
            async for part in self._parts():
                await send({"type": "http.response.body", "body": part, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        except _CutShort:
            return  # the server sees an unfinished response and closes the connection
        finally:
            watcher.cancel()
            self._handoff.give_up()


def _send(handoff: _Handoff, parts: AnswerParts, deadline: float) -> None:
    """Hand every part over (on a gate thread), then the end; or the failure, once the answer has begun."""
    try:
        for part in parts:
            if not handoff.put(("part", part), deadline):
                return
        handoff.put(("end", None), deadline)
    except Exception as error:  # the answer had begun: it can only be cut short
        handoff.put(("fail", error), deadline)
    finally:
        parts.close()


async def answer(
    gate: Gate,
    budget_s: float,
    run: Callable[[float], QueryOutcome],
    respond: Callable[[QueryOutcome], Response],
    headers: Callable[[QueryOutcome], dict[str, str]],
) -> Response:
    """Run ``run`` through ``gate`` and answer: ``respond(outcome)`` for a whole answer, a :class:`PartsResponse`
    with ``headers(outcome)`` for one in parts."""
    deadline = time.monotonic() + budget_s
    handoffs: list[_Handoff] = []

    def then(outcome: QueryOutcome) -> Callable[[], None] | None:
        parts = outcome.parts
        if parts is None:
            return None
        handoff = _Handoff(asyncio.get_running_loop())
        handoffs.append(handoff)
        return lambda: _send(handoff, parts, deadline)

    outcome = await gate.run(budget_s, run, then=then)
    if outcome.parts is None:
        return respond(outcome)
    return PartsResponse(handoffs[0], outcome, headers(outcome))
