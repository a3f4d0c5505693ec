"""Validation of deliveries against SHACL profiles: the library behind ``POST /validate`` and ``cityref validate``.

>>> from cityref.validation import language_chain
>>> language_chain("fr-CA")
['fr-ca', 'fr', 'en', '']
"""

from cityref.validation.engine import run_shacl, validate
from cityref.validation.parse import parse_data
from cityref.validation.profiles import Profile, language_chain, load_profiles
from cityref.validation.render import RENDERERS, w3c_graph
from cityref.validation.report import SEVERITIES, ValidationReport, ValidationResult
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
