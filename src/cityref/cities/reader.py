"""Rows of a SELECT, as plain dictionaries, from whichever store answers.

A row maps each bound variable to its SPARQL JSON term (``{"type": "uri", "value": ...}``, a literal with
``xml:lang`` or ``datatype``); an unbound variable is absent. :func:`iri` and :func:`literal` read one value.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from cityref.errors import BudgetExceeded, LimitExceeded
from cityref.settings import Settings
from cityref.sparql import service as sparql
from cityref.sparql import syntax as sparql_syntax
from cityref.store import Store

Row = dict[str, dict[str, str]]
Reader = Callable[[str], list[Row]]
"""SPARQL SELECT text in, its rows out (all of them: a cut result is an error, never a silent half answer)."""

JSON = "application/sparql-results+json"


def store_reader(
    store: Store,
    settings: Settings,
    *,
    budget_s: float | None = None,
    syntax: sparql_syntax.SyntaxCheck = sparql_syntax.in_process,
) -> Reader:
    """A reader over ``store`` with the server's query budgets; every query it runs shares one budget of
    ``budget_s`` seconds (the server's query timeout by default), so a page built from several queries is stopped
    as one query would be."""
    budget = sparql.effective_timeout(settings, budget_s)
    deadline = time.monotonic() + budget

    def read(text: str) -> list[Row]:
        left = deadline - time.monotonic()
        if left <= 0:
            raise BudgetExceeded(f"The {budget:g} s budget ran out before every query of this page had run")
        outcome = sparql.run_query(store, settings, text, accept=JSON, remaining_s=left, syntax=syntax)
        if outcome.truncated:
            raise LimitExceeded(
                f"A query of this page has more than the {settings.result_row_cap} rows the server returns"
            )
        body: dict[str, Any] = json.loads(outcome.body)
        rows: list[Row] = body["results"]["bindings"]
        return rows

    return read


def iri(row: Row, name: str) -> str | None:
    """The IRI bound to ``name`` (``None`` when unbound or not an IRI)."""
    term = row.get(name)
    return term["value"] if term is not None and term.get("type") == "uri" else None


def literal(row: Row, name: str) -> str | None:
    """The lexical form bound to ``name``, whatever its kind (``None`` when unbound)."""
    term = row.get(name)
    return term["value"] if term is not None else None
