"""An answer written in this process, on a thread of its own, and handed on in parts as it is written: the remote
backend's way to stream what pyoxigraph writes from the store's capped answer (the query worker streams through its
pipe instead, :mod:`cityref.workers.child`).

``relay(write)`` runs ``write(sender)`` on a new thread, where ``write`` is one of the renderers of
:mod:`cityref.store.results` given ``sender``. If the answer stays short, ``write`` returns it whole and so does
``relay``. If it grows past its threshold, the renderer calls ``sender.start(head)`` and then ``sender.chunk`` for
each part: ``relay`` then returns the head at once with an :class:`~cityref.store.base.AnswerParts` that yields the
parts as they come. At most :data:`AHEAD` parts wait between the writer and the reader; giving the rest up
(``close``) stops the writer at its next part.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

AHEAD = 4
"""Parts that may wait between the writing thread and the reader."""

_POLL_S = 0.1


class _GivenUp(Exception):
    """Raised inside the writer once the reader has gone: pyoxigraph's writer stops at the failed write."""


class _Sender:
    def __init__(self) -> None:
        self.items: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=AHEAD)
        self.gone = threading.Event()

    def put(self, item: tuple[str, Any]) -> None:
        while not self.gone.is_set():
            try:
                self.items.put(item, timeout=_POLL_S)
                return
            except queue.Full:
                continue
        raise _GivenUp

    def start(self, head: Any) -> None:
        self.put(("head", head))

    def chunk(self, data: bytes) -> None:
        self.put(("part", data))


class RelayedParts:
    """The rest of an answer a thread is writing: iterate for its parts (the writer's failure is raised where it
    happened), or :meth:`close` to give it up."""

    def __init__(self, sender: _Sender) -> None:
        self._sender = sender

    def __iter__(self) -> Iterator[bytes]:
        while True:
            kind, value = self._sender.items.get()
            if kind == "part":
                yield value
            elif kind == "error":
                raise value
            else:  # "whole": the writer's return, None once it has sent everything in parts
                return

    def close(self) -> None:
        self._sender.gone.set()


@dataclass(frozen=True)
class Written(Generic[T]):
    """What :func:`relay` gives: ``whole``, the writer's return, for an answer written whole; else the ``head`` it
    started with and the ``parts`` still coming."""

    whole: T | None = None
    head: Any = None
    parts: RelayedParts | None = None


def relay(write: Callable[[_Sender], T]) -> Written[T]:
    """Run ``write(sender)`` on a thread of its own until it returns or starts sending in parts. A failure before
    the answer begins is raised here."""
    sender = _Sender()

    def run() -> None:
        try:
            outcome: tuple[str, Any] = ("whole", write(sender))
        except _GivenUp:
            return
        except Exception as error:  # handed to the reader, who raises it
            outcome = ("error", error)
        with contextlib.suppress(_GivenUp):
            sender.put(outcome)

    threading.Thread(target=run, name="cityref-relay", daemon=True).start()
    kind, value = sender.items.get()
    if kind == "head":
        return Written(head=value, parts=RelayedParts(sender))
    if kind == "error":
        raise value
    return Written(whole=value)
