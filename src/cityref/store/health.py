"""Whether a store is up, as every call and the background monitor see it: a circuit breaker.

The remote store shares one :class:`Breaker` between its calls and the monitor. A connection failure (refused,
reset, unknown host, no connection within the connect timeout) or a failed probe opens it: the store is *down*,
and for ``cooldown_s`` every call fails at once with 503 instead of each waiting for its own connect timeout.
After the cooldown one call at a time goes through as a trial; a trial that succeeds, or a probe that succeeds,
closes the breaker. A trial that ends without a verdict (it timed out) keeps the store down for another cooldown:
only an answer proves the store is back.

A call that merely times out while the store is up changes nothing: a slow query is not a dead store. The probe
(``ASK {}``) is different, since a store that cannot answer that within its short timeout serves nobody.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cityref.errors import StoreUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoreState:
    """A snapshot for ``/health``: ``since`` is when the store last went up or down (wall clock, for people)."""

    kind: str
    up: bool
    since: datetime
    last_error: str | None = None
    last_error_at: datetime | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "state": "up" if self.up else "down",
            "since": _iso(self.since),
            "lastError": self.last_error,
            "lastErrorAt": _iso(self.last_error_at) if self.last_error_at else None,
        }


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _now() -> datetime:
    return datetime.now(UTC)


class Breaker:
    """The up/down state of one remote store; every method is safe to call from any thread."""

    def __init__(
        self, kind: str, *, cooldown_s: float, retry_after_s: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.kind = kind
        self.cooldown_s = cooldown_s
        self.retry_after_s = retry_after_s
        self._clock = clock
        self._lock = threading.Lock()
        self._up = True  # optimistic until something fails: the first call or probe finds out
        self._since = _now()
        self._reopen_at = 0.0  # monotonic time from which a trial may go through
        self._trial = False
        self._last_error: str | None = None
        self._last_error_at: datetime | None = None

    def admit(self) -> bool:
        """Let a call through, or raise ``StoreUnavailable`` while the store is down. True when the call is the
        trial that decides whether the store is back (the caller then reports its verdict, or ``inconclusive``)."""
        with self._lock:
            if self._up:
                return False
            if self._trial or self._clock() < self._reopen_at:
                raise self._unavailable()
            self._trial = True
            return True

    def succeeded(self) -> None:
        """The store answered (any HTTP status counts: it is there)."""
        with self._lock:
            self._trial = False
            if not self._up:
                self._up, self._since = True, _now()
                log.warning("the %s store is up again", self.kind)

    def failed(self, reason: str) -> StoreUnavailable:
        """The store could not be reached; ``reason`` is our own short text. Returns the error to raise."""
        with self._lock:
            self._trial = False
            now = _now()
            if self._up:
                self._up, self._since = False, now
                log.warning("the %s store is down: %s", self.kind, reason)
            self._last_error, self._last_error_at = reason, now
            self._reopen_at = self._clock() + self.cooldown_s
            return self._unavailable()

    def inconclusive(self) -> None:
        """A trial ended without an answer (it timed out): stay down for another cooldown."""
        with self._lock:
            if self._trial:
                self._trial = False
                self._reopen_at = self._clock() + self.cooldown_s

    @property
    def up(self) -> bool:
        with self._lock:
            return self._up

    def state(self) -> StoreState:
        with self._lock:
            return StoreState(self.kind, self._up, self._since, self._last_error, self._last_error_at)

    def _unavailable(self) -> StoreUnavailable:
        reason = f" ({self._last_error})" if self._last_error else ""
        return StoreUnavailable(
            f"The data store cannot be reached{reason}. cityref keeps trying by itself; "
            f"try again in {self.retry_after_s} s.",
            retry_after_s=self.retry_after_s,
        )


def store_state(store: object) -> StoreState:
    """The state of any store: a remote one reports its breaker, the embedded one is always up (it lives in this
    process: if it were gone, so would be the answer)."""
    breaker = getattr(store, "breaker", None)
    if isinstance(breaker, Breaker):
        return breaker.state()
    return StoreState(getattr(store, "kind", "embedded"), True, _STARTED)


_STARTED = _now()
