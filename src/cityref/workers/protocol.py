"""Frames between a server and its worker processes: a 4-byte big-endian length, then a pickled tuple.

Only the server writes to a worker and only the worker answers, both our own code, so pickle is safe here: nothing a
client sends is unpickled, it travels inside the tuples as plain bytes and strings.
"""

from __future__ import annotations

import pickle
import struct
from typing import IO, Any

_HEADER = struct.Struct(">I")


def write_frame(stream: IO[bytes], message: Any) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def read_frame(stream: IO[bytes]) -> Any:
    """The next message, or ``None`` when the other side closed the pipe."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    payload = stream.read(size)
    if len(payload) < size:
        return None
    return pickle.loads(payload)


def frame_size(header: bytes) -> int:
    (size,) = _HEADER.unpack(header)
    return int(size)


HEADER_SIZE = _HEADER.size
