"""Worker processes and admission: the one way cityref runs work that must be bounded in time, memory and reach.

- :class:`WorkerPool` keeps warm worker processes of one :class:`WorkerSpec` and runs messages on them with a
  deadline; :mod:`cityref.workers.sandbox` is what each worker gives up before it reads any input.
- :class:`Gate` admits requests to a kind of work: a few run, a bounded number wait (without holding a thread),
  the rest are told at once to come back later.
"""

from cityref.workers.gate import Gate
from cityref.workers.process import (
    Setup,
    WorkerCrashed,
    WorkerOutOfMemory,
    WorkerPool,
    WorkerProcess,
    WorkerSpec,
    WorkerTimeout,
    run_bounded,
)

__all__ = [
    "Gate",
    "Setup",
    "WorkerCrashed",
    "WorkerOutOfMemory",
    "WorkerPool",
    "WorkerProcess",
    "WorkerSpec",
    "WorkerTimeout",
    "run_bounded",
]
