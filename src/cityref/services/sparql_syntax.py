"""Parsing a SPARQL text with the engine's own parser, and nothing more, before anything else is decided.

A syntax error must be a 400 at its position whatever else is wrong with the request: an Accept header nothing
can satisfy, a SERVICE or LOAD the allow-list refuses. pyoxigraph has no parse-only call, but both of its entry
points parse first and check their arguments after: a query given two dataset arguments that exclude each other,
and an update given to a read-only store, fail right after parsing, before evaluation could fetch or write
anything. The text is the one the engine will run, with the same base IRI, so both parsers agree by construction.

>>> check_query("SELECT * { <s> ?p ?o }", base_iri="http://example.org/sparql")
>>> check_update("LOAD ;")  # doctest: +ELLIPSIS
Traceback (most recent call last):
cityref.errors.SyntaxProblem: error at 1:7: ...
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache

import pyoxigraph as ox

from cityref.store.parsing import sparql_syntax_problem

__all__ = ["check_query", "check_update", "warm_up"]

_CONFLICT = "should not be set at the same time"
_READ_ONLY = "read-write"


@cache
def _empty() -> ox.Store:
    return ox.Store()


@cache
def _read_only() -> ox.Store:
    """An empty store opened read-only: an update on it is parsed, then refused before it starts."""
    location = tempfile.mkdtemp(prefix="cityref-sparql-parse-")
    atexit.register(shutil.rmtree, location, True)
    writable = ox.Store(location)
    writable.flush()
    del writable
    return ox.Store.read_only(location)


def warm_up() -> None:
    """Open the parsing stores now (the app's lifespan calls it) rather than inside the first request."""
    _empty()
    _read_only()


def check_query(text: str, *, base_iri: str | None = None) -> None:
    """Raise ``SyntaxProblem`` (400, with line and column) unless the engine parses ``text`` as a query."""
    try:
        _empty().query(text, base_iri=base_iri, use_default_graph_as_union=True, default_graph=[])
    except SyntaxError as error:
        raise sparql_syntax_problem(error) from None
    except ValueError as error:
        if _CONFLICT not in str(error):
            raise sparql_syntax_problem(SyntaxError(str(error))) from None


def check_update(text: str, *, base_iri: str | None = None) -> None:
    """Raise ``SyntaxProblem`` (400, with line and column) unless the engine parses ``text`` as an update."""
    try:
        _read_only().update(text, base_iri=base_iri)
    except SyntaxError as error:
        raise sparql_syntax_problem(error) from None
    except ValueError as error:
        raise sparql_syntax_problem(SyntaxError(str(error))) from None
    except (OSError, RuntimeError) as error:
        if _READ_ONLY not in str(error):
            raise
