"""The examples in the store and SPARQL modules' docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "cityref.store",
    "cityref.store.base",
    "cityref.sparql.service",
    "cityref.sparql.text",
    "cityref.sparql.syntax",
    "cityref.sparql.binding",
    "cityref.api.auth",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    failures, tried = doctest.testmod(importlib.import_module(name))
    assert tried > 0 and failures == 0
