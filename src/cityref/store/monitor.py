"""Keeping the app's store usable over time: the start-up load of the shipped graphs, retried in the background
while a remote store is down, and a monitor that probes a remote store every few seconds.

Both run on their own daemon threads, not on the worker threads that sync routes share: a frozen store can then
hold at most the calls made to it, never the probe's schedule or ``/health``. ``stop()`` asks both to end and
waits briefly; a thread still inside a store call ends with that call's own timeout.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from cityref.errors import BudgetExceeded, Busy, StoreUnavailable, UpstreamError
from cityref.settings import Settings
from cityref.store.base import Store
from cityref.store.health import StoreState, store_state
from cityref.store.remote import RemoteStore
from cityref.store.shipped import Loaded

log = logging.getLogger(__name__)

STORE_ERRORS = (StoreUnavailable, BudgetExceeded, UpstreamError, Busy)
"""What a store that is down, frozen or failing raises: the load is retried later, not the app stopped."""

_JOIN_S = 2.0


class StoreSupervisor:
    """Loads the shipped graphs with ``load`` and, for a remote store, watches it."""

    def __init__(self, store: Store, settings: Settings, load: Callable[[], list[Loaded]]) -> None:
        self.store = store
        self.settings = settings
        self._load = load
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._loaded = threading.Event()

    @property
    def graphs_loaded(self) -> bool:
        """Whether the shipped graphs have been loaded (or found up to date) since start."""
        return self._loaded.is_set()

    def state(self) -> StoreState:
        return store_state(self.store)

    def start(self) -> None:
        """Load now when the store answers; otherwise start serving anyway and load in the background. Errors
        that are not the store's (a broken shipped file) still stop the start, as they always did."""
        if not isinstance(self.store, RemoteStore):
            self._load()
            self._loaded.set()
            return
        try:
            self.store.probe()  # short: a frozen store must not hold the start for a long read timeout
            self._load()
            self._loaded.set()
        except STORE_ERRORS as error:
            reason = self.store.breaker.state().last_error or error.detail
            log.warning("the remote store is not available at start (%s); loading the shipped graphs later", reason)
            self._spawn("cityref-store-bootstrap", self._bootstrap_loop)
        self._spawn("cityref-store-monitor", self._monitor_loop)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=_JOIN_S)

    def _spawn(self, name: str, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _monitor_loop(self) -> None:
        assert isinstance(self.store, RemoteStore)
        while not self._stop.wait(self.settings.remote_probe_interval_s):
            try:
                self.store.probe()  # the breaker records the outcome and logs each change of state
            except STORE_ERRORS:
                pass
            except Exception:  # a bug in probing must not end the monitor
                log.exception("the remote store probe failed unexpectedly")

    def _bootstrap_loop(self) -> None:
        assert isinstance(self.store, RemoteStore)
        while not self._stop.wait(self.settings.remote_bootstrap_retry_s):
            if not self.store.breaker.up:
                continue  # the monitor says when it is back; trying now would only fail fast
            try:
                done = self._load()
            except STORE_ERRORS as error:
                log.info("loading the shipped graphs failed again (%s); retrying", error)
                continue
            except Exception:
                if self._stop.is_set():
                    return  # the store was closed under the load at shutdown: nothing to report
                log.exception("loading the shipped graphs failed; retrying")
                continue
            self._loaded.set()
            graphs = ", ".join(f"<{item.graph}>" for item in done)
            log.warning("the remote store is back; the shipped graphs are loaded (%s)", graphs)
            return
