"""Validation of deliveries against SHACL profiles: the library behind ``POST /validate`` and ``cityref validate``.

>>> from cityref.validation import language_chain
>>> language_chain("fr-CA")
['fr-ca', 'fr', 'en', '']
"""

import typing as _typing

from cityref.validation.engine import run_shacl, validate
from cityref.validation.parse import parse_data
from cityref.validation.profiles import Profile, language_chain, load_profiles
from cityref.validation.render import RENDERERS, w3c_graph
from cityref.validation.report import SEVERITIES, ValidationReport, ValidationResult

if _typing.TYPE_CHECKING:
    from cityref.validation.worker import RenderedReport, ValidationJob, run_in_pool, worker_spec

__all__ = [
    "RENDERERS",
    "SEVERITIES",
    "Profile",
    "RenderedReport",
    "ValidationJob",
    "ValidationReport",
    "ValidationResult",
    "language_chain",
    "load_profiles",
    "parse_data",
    "run_in_pool",
    "run_shacl",
    "validate",
    "w3c_graph",
    "worker_spec",
]

_WORKER = ("RenderedReport", "ValidationJob", "run_in_pool", "worker_spec")
"""Loaded on first use: the worker pool (asyncio, the worker machinery) is the server's, and ``cityref validate``
without ``--timeout`` need not import it (50 ms)."""


def __getattr__(name: str) -> _typing.Any:
    if name in _WORKER:
        from cityref.validation import worker

        return getattr(worker, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
