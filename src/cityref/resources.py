"""Where the shipped product files live: the ontology, the SHACL profiles, the canned queries and the examples.

In a wheel they sit inside the package (``cityref/_data``); in a source checkout they sit at the repository root.
Every other module finds them through this one, never through the working directory.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_KINDS = ("ontology", "shapes", "queries", "examples")


@cache
def data_root() -> Path:
    """The folder that holds ``ontology/``, ``shapes/``, ``queries/`` and ``examples/``."""
    packaged = _PACKAGE / "_data"
    if (packaged / "ontology").is_dir():
        return packaged
    checkout = _PACKAGE.parent.parent
    if (checkout / "ontology").is_dir():
        return checkout
    raise FileNotFoundError(f"cityref data files not found under {packaged} or {checkout}")


def path(kind: str) -> Path:
    """The folder of one kind of shipped file, e.g. ``path("ontology")``."""
    if kind not in _KINDS:
        raise ValueError(f"unknown resource kind {kind!r}; known: {', '.join(_KINDS)}")
    return data_root() / kind


def ontology_dir() -> Path:
    return path("ontology")


def shapes_dir() -> Path:
    return path("shapes")


def queries_dir() -> Path:
    return path("queries")


def examples_dir() -> Path:
    return path("examples")
