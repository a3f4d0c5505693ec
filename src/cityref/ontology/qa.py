"""Ontology quality as SPARQL: rules that must return nothing, and counts that must come out right.

Rules are ``queries/qa/*.rq``: each SELECT returns one row per violation (an ASK returns true on a violation).
Counts are ``queries/qa/counts/*.rq``: each SELECT returns one row with one number, compared with the expectation in
its header (``# expect: 4``, ``# expect: >= 10``). Queries run with pyoxigraph over the merged ontology loaded as
the default graph, which is what the rules are written for.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from cityref import resources
from cityref.errors import SyntaxProblem
from cityref.queryfile import header_fields

_EXPECT = re.compile(r"^(==|=|>=|<=|>|<)?\s*(\d+)$")
_OPERATORS: dict[str, Callable[[int, int], bool]] = {
    "=": operator.eq,
    "==": operator.eq,
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}


@dataclass(frozen=True)
class QaQuery:
    """One quality query: ``name`` is the file stem, ``header`` its leading ``# key: value`` comments."""

    name: str
    path: Path
    text: str
    header: dict[str, str]

    @property
    def title(self) -> str:
        return self.header.get("title") or self.name.replace("-", " ")

    @property
    def expect(self) -> tuple[str, int] | None:
        """For a count query, the comparison and the number, e.g. ``(">=", 10)``."""
        raw = self.header.get("expect")
        if raw is None:
            return None
        match = _EXPECT.match(raw.replace(" ", ""))
        if match is None:
            raise ValueError(f"{self.path.name}: cannot read 'expect: {raw}' (write e.g. '4' or '>= 10')")
        return match.group(1) or "=", int(match.group(2))

    def expectation_met(self, value: int) -> bool:
        expect = self.expect
        if expect is None:
            raise ValueError(f"{self.path.name} has no '# expect:' header")
        return _OPERATORS[expect[0]](value, expect[1])


def _read(path: Path) -> QaQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for field in header_fields(text):
        header.setdefault(field.key, field.value)
    return QaQuery(path.stem, path, text, header)


def rule_queries(directory: Path | None = None) -> list[QaQuery]:
    """The rules in ``queries/qa/`` (not its subfolders), by name."""
    folder = directory or resources.queries_dir() / "qa"
    return [_read(p) for p in sorted(folder.glob("*.rq"))]


def count_queries(directory: Path | None = None) -> list[QaQuery]:
    """The counts in ``queries/qa/counts/``, by name."""
    folder = directory or resources.queries_dir() / "qa" / "counts"
    return [_read(p) for p in sorted(folder.glob("*.rq"))]


def store_of(*graphs: Graph) -> ox.Store:
    """An in-memory pyoxigraph store holding the union of ``graphs`` as its default graph."""
    store = ox.Store()
    for graph in graphs:
        data = graph.serialize(format="nt", encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    return store


def _term(term: object) -> str:
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def _run(store: ox.Store, query: QaQuery) -> object:
    try:
        return store.query(query.text)
    except SyntaxError as error:
        raise SyntaxProblem(f"{query.path.name}: {error}", line=error.lineno, column=error.offset) from error


def violations(store: ox.Store, query: QaQuery) -> list[dict[str, str]]:
    """The rows a rule returns, each as ``{variable: value}``; an ASK that is true gives one empty row."""
    result = _run(store, query)
    if isinstance(result, ox.QueryBoolean):
        return [{}] if bool(result) else []
    if not isinstance(result, ox.QuerySolutions):
        raise ValueError(f"{query.path.name}: a quality rule must be a SELECT or an ASK query")
    names = [v.value for v in result.variables]
    return [{n: _term(row[n]) for n in names if row[n] is not None} for row in result]


def count(store: ox.Store, query: QaQuery) -> int:
    """The single number a count query returns (its first variable of its first row)."""
    result = _run(store, query)
    if not isinstance(result, ox.QuerySolutions):
        raise ValueError(f"{query.path.name}: a count query must be a SELECT")
    rows = list(result)
    if len(rows) != 1 or rows[0][0] is None:
        raise ValueError(f"{query.path.name}: a count query must return exactly one row with a number")
    value = rows[0][0]
    assert isinstance(value, ox.Literal)
    return int(value.value)


def describe(rows: Iterable[dict[str, str]]) -> list[str]:
    """Violations as short lines for a report: ``var=value`` pairs joined."""
    return [", ".join(f"{k}={v}" for k, v in row.items()) or "(true)" for row in rows]
