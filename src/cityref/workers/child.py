"""The body of every worker process: give up memory and network, load one handler, answer messages until EOF.

Run as ``python -m cityref.workers.child SPEC`` where SPEC is JSON: ``handler`` (``module:Class``),
``memory_bytes``, ``network`` and ``config`` (keyword arguments for the handler). Only the handler's module and this
package are imported, never the web stack, so a replacement worker is ready quickly.

Replies are ``(status, value..., resident_bytes)``:

- ``("ready", pid, facts, rss)`` once, after the sandbox is in place;
- ``("ok", result, rss)``;
- for a handler that sends an answer in parts (it has ``attach_stream``, and is given a :class:`Stream`):
  ``("stream", head, rss)``, then ``("chunk", bytes)`` for each part, then the final reply as for any message;
- ``("error", class_name, detail, extra, headers, rss)`` for a :class:`~cityref.errors.CityrefError` (the caller's
  fault: bad input, a limit);
- ``("memory", detail, rss)`` when Python ran out of its memory limit (native code aborts instead: the server reads
  the worker's error stream to tell);
- ``("crash", description, traceback, rss)`` for anything else: our fault, reported as such.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import traceback
from importlib import import_module
from typing import Any

from cityref.errors import CityrefError
from cityref.workers import sandbox
from cityref.workers.protocol import read_frame, write_frame


def _reply(status: str, *values: Any) -> tuple[Any, ...]:
    return (status, *values, sandbox.resident_bytes())


class Stream:
    """How a handler sends one answer in parts, as the engine writes it: :meth:`start` once with what the server
    needs before the first byte (a media type, say), then :meth:`chunk` for each part. The usual final reply
    follows when ``handle`` returns or fails, so a failure after the first part still reaches the server."""

    def __init__(self, out: Any) -> None:
        self._out = out

    def start(self, head: Any) -> None:
        write_frame(self._out, _reply("stream", head))

    def chunk(self, data: bytes) -> None:
        write_frame(self._out, ("chunk", data))


def _outlive_no_parent(parent: int) -> None:
    """End this worker as soon as the server that started it is gone (killed, crashed), even in the middle of a
    job: an orphan would hold the store's lock and its memory with nobody to answer. A thread, because the job
    itself may be inside native code for minutes (with the interpreter lock released)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(70)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str]) -> int:
    _outlive_no_parent(os.getppid())
    spec = json.loads(argv[1])
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames may reach the server's pipe
    facts: dict[str, Any] = {"network_denied": False, "sandbox_problem": None}
    if not spec.get("network", False):
        facts["sandbox_problem"] = sandbox.deny_network()
        facts["network_denied"] = sandbox.network_denied()
    sandbox.limit_memory(int(spec.get("memory_bytes", 0)))
    module, _, name = spec["handler"].partition(":")
    handler = getattr(import_module(module), name)(**spec.get("config", {}))
    if hasattr(handler, "attach_stream"):
        handler.attach_stream(Stream(out))
    write_frame(out, _reply("ready", os.getpid(), facts))
    inp = sys.stdin.buffer
    while True:
        message = read_frame(inp)
        if message is None:
            return 0
        op, payload = message
        try:
            reply = _reply("ok", handler.handle(op, payload))
        except CityrefError as error:
            reply = _reply("error", type(error).__name__, error.detail, error.extra, error.headers)
        except MemoryError:
            reply = _reply("memory", f"{op} needed more memory than the worker may use")
        except Exception as error:  # our fault: say what, keep serving (the handler's state is still sound)
            reply = _reply("crash", f"{type(error).__name__}: {error}", traceback.format_exc())
        write_frame(out, reply)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
