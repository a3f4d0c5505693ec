"""An answer written on a thread of its own and handed on in parts (:mod:`cityref.store.relay`), as the remote
backend writes a long answer: whole when short, in parts when long, its failures raised where the reader is, and a
reader who gives up stops the writer."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pyoxigraph as ox
import pytest

from cityref.store.relay import AHEAD, relay
from cityref.store.results import Sender, render_solutions

JSON = "application/sparql-results+json"


def writers() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "cityref-relay"]


def gone(timeout_s: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while writers() and time.monotonic() < deadline:
        time.sleep(0.01)
    return not writers()


def solutions(rows: int) -> ox.QuerySolutions:
    store = ox.Store()
    for n in range(rows):
        store.add(
            ox.Quad(ox.NamedNode(f"http://example.org/s{n}"), ox.NamedNode("http://example.org/p"), ox.Literal(n))
        )
    found = store.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o")
    assert isinstance(found, ox.QuerySolutions)
    return found


Writer = Callable[[Sender | None], tuple[bytes | None, bool]]


def write(rows: int, threshold: int) -> Writer:
    def run(sender: Sender | None) -> tuple[bytes | None, bool]:
        return render_solutions(
            solutions(rows), JSON, 10**6, sender=sender, stream_bytes=threshold, head=lambda cut: cut
        )

    return run


def test_a_short_answer_comes_whole() -> None:
    written = relay(write(10, 1 << 20))
    assert written.parts is None and written.whole is not None
    body, truncated = written.whole
    assert body == write(10, 0)(None)[0] and not truncated
    assert gone()


def test_a_long_answer_comes_in_parts_that_make_the_whole() -> None:
    whole, _ = write(20_000, 0)(None)
    assert whole is not None and len(whole) > 1 << 20
    written = relay(write(20_000, 4096))
    assert written.parts is not None and written.head is False
    parts = list(written.parts)
    assert len(parts) > 1 and b"".join(parts) == whole
    assert gone()


def test_a_failure_before_the_answer_begins_is_raised_at_once_and_after_it_while_reading() -> None:
    def broken(sender: Sender | None) -> None:
        raise ValueError("no answer")

    with pytest.raises(ValueError, match="no answer"):
        relay(broken)

    def breaks_later(sender: Sender | None) -> None:
        assert sender is not None
        sender.start("head")
        sender.chunk(b"first")
        raise ValueError("cut")

    written = relay(breaks_later)
    assert written.head == "head" and written.parts is not None
    got = []
    with pytest.raises(ValueError, match="cut"):
        for part in written.parts:
            got.append(part)
    assert got == [b"first"] and gone()


def test_a_reader_who_gives_up_stops_the_writer() -> None:
    sent: list[int] = []

    def endless(sender: Sender | None) -> None:
        assert sender is not None
        sender.start("head")
        while True:
            sender.chunk(b"x" * 1000)
            sent.append(1)

    written = relay(endless)
    assert written.parts is not None
    first = next(iter(written.parts))
    assert first == b"x" * 1000
    time.sleep(0.2)
    assert len(sent) <= AHEAD + 1  # the writer waits while the parts are unread
    written.parts.close()
    assert gone()
