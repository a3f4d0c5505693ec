"""The Jinja2 templates of every HTML page and report, loaded by one environment with autoescaping always on.

One loader means one escaping policy: validation reports and term pages show text that vendors and users wrote, so
no template may be rendered with escaping off by accident.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("cityref", "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )


def render(name: str, **context: Any) -> str:
    """Fill the template ``name`` (a file in this folder) with ``context``."""
    return environment().get_template(name).render(**context)
