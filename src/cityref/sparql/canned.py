"""Canned queries: the shipped ``queries/*.rq`` files, their headers, and safe runs with parameters.

A canned query starts with a header of comment lines (the grammar is in ``docs/queries.md``)::

    # title: Interoperability needs by EIF layer and status
    # description: Every need the city recorded between two parties ...
    #   a continuation line (two or more spaces after '#') extends the field above
    # param: city (iri, default https://w3id.org/cityref/graph/city/exampleton) the city's data graph
    # param: layer (iri, optional) restrict to one EIF layer

Each parameter names a variable of the query. A bound parameter's term replaces the variable in the WHERE group
(see :mod:`cityref.sparql.binding`); an optional one left out stays a free variable, so it matches anything.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cityref import resources
from cityref.errors import BadRequest, NotFound
from cityref.queryfile import HeaderLine, header_lines
from cityref.sparql import binding
from cityref.sparql.binding import PARAM_TYPES, BoundTerm, ParameterError
from cityref.sparql.service import QueryOutcome, run_query
from cityref.sparql.syntax import SyntaxCheck, in_process
from cityref.sparql.text import tokens

if TYPE_CHECKING:
    from cityref.settings import Settings
    from cityref.store import Store

# Query-string names the HTTP route keeps for itself; no parameter may take them.
RESERVED = frozenset({"describe", "timeout", "format", "accept"})

_NAME = re.compile(r"[a-z][a-z0-9-]*")
_PARAM = re.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?P<type>[a-z]+)(?:\s+of\s+(?P<range>[^\s,()]+))?\s*(?:,\s*(?P<opt>optional|default\s+(?P<default>[^)]*?)))?\s*\)"
    r"\s*(?P<description>.*)"
)


class QueryHeaderError(BadRequest):
    """A canned query's header does not follow the grammar; ``line`` says where."""

    code, title = "bad-query-header", "Malformed canned query header"


@dataclass(frozen=True)
class Param:
    """A declared parameter: the variable it binds, its type, and whether it is required or has a default."""

    name: str
    type: str
    description: str
    required: bool = True
    default: str | None = None
    range: str | None = None
    """For an ``iri`` declared ``iri of CLASS``: the class whose members a form offers (a full IRI). Not part of
    the JSON of ``/queries``, which stays as clients know it."""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "required": self.required,
            "default": self.default,
            "description": self.description,
        }


@dataclass(frozen=True)
class CannedQuery:
    """One canned query: its name (the file stem), header fields and full text (header included)."""

    name: str
    title: str
    description: str
    params: list[Param] = field(default_factory=list)
    text: str = ""

    @cached_property
    def form(self) -> str | None:
        """SELECT, ASK, CONSTRUCT or DESCRIBE; lexed once, not at every listing of ``/queries``."""
        return binding.query_form(self.text)

    @cached_property
    def graph_params(self) -> frozenset[str]:
        """The parameters that name a graph (``GRAPH ?city``): a form offers the store's city graphs for them."""
        lexed = [(kind, value) for kind, value, _ in tokens(self.text) if kind != "comment"]
        return frozenset(
            value[1:]
            for (kind, word), (next_kind, value) in itertools.pairwise(lexed)
            if kind == "word" and word.lower() == "graph" and next_kind == "var" and self.param(value[1:])
        )

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def bindings(self, values: Mapping[str, str]) -> dict[str, BoundTerm]:
        """Validate ``values`` against the declared parameters and apply defaults; :class:`ParameterError` if not."""
        unknown = sorted(set(values) - {p.name for p in self.params})
        if unknown:
            raise ParameterError(
                f"Unknown parameter {unknown[0]!r} for query {self.name!r}",
                param=unknown[0],
                known=[p.name for p in self.params],
            )
        bound: dict[str, BoundTerm] = {}
        for p in self.params:
            raw = values.get(p.name)
            if raw is None or (raw == "" and not p.required):
                raw = p.default
            if raw is None:
                if p.required:
                    raise ParameterError(f"Missing required parameter {p.name!r} ({p.type})", param=p.name)
                continue
            bound[p.name] = binding.to_term(p.type, raw, p.name)
        return bound

    def bind(self, values: Mapping[str, str] | None = None) -> str:
        """The query text ready to run, with validated parameter values bound by a VALUES block."""
        return binding.bind_query(self.text, self.bindings(values or {}))

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "form": self.form,
            "params": [p.to_json() for p in self.params],
        }


def _parse_param(value: str, line: int) -> Param:
    m = _PARAM.fullmatch(value.strip())
    if not m:
        raise QueryHeaderError(
            f"line {line}: expected 'NAME (TYPE[, optional | , default VALUE]) description'", line=line
        )
    name, kind, opt, default = m["name"], m["type"], m["opt"], m["default"]
    if kind not in PARAM_TYPES:
        raise QueryHeaderError(f"line {line}: unknown type {kind!r}; known: {', '.join(PARAM_TYPES)}", line=line)
    range_iri = None
    if m["range"] is not None:
        if kind != "iri":
            raise QueryHeaderError(f"line {line}: only an iri parameter may name a class ('iri of CLASS')", line=line)
        try:
            range_iri = binding.check_iri(m["range"], name)
        except ParameterError as exc:
            raise QueryHeaderError(f"line {line}: bad class: {exc.detail}", line=line) from None
    if name in RESERVED:
        raise QueryHeaderError(f"line {line}: {name!r} is reserved", line=line)
    if default is not None:
        default = default.strip()
        try:
            binding.to_term(kind, default, name)
        except ParameterError as exc:
            raise QueryHeaderError(f"line {line}: bad default: {exc.detail}", line=line) from None
    return Param(name, kind, m["description"].strip(), required=opt is None, default=default, range=range_iri)


def parse(text: str, name: str, *, require_header: bool = True) -> CannedQuery:
    """Read a query's header; :class:`QueryHeaderError` when it breaks the grammar or names no variable."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    for item in header_lines(text):
        if isinstance(item, HeaderLine) or item.key not in ("title", "description", "param"):
            if require_header:
                raise QueryHeaderError(
                    f"line {item.line}: expected '# title:', '# description:' or '# param:'", line=item.line
                )
        elif item.key == "param":
            params.append(_parse_param(item.value, item.line))
        elif item.key in fields:
            raise QueryHeaderError(f"line {item.line}: {item.key!r} given twice", line=item.line)
        else:
            fields[item.key] = item.value
    if require_header:
        for key in ("title", "description"):
            if not fields.get(key):
                raise QueryHeaderError(f"{name}: the header has no '# {key}:' line")
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise QueryHeaderError(f"{name}: a parameter is declared twice")
    mentioned = binding.variables(text)
    for p in params:
        if p.name not in mentioned:
            raise QueryHeaderError(f"{name}: parameter {p.name!r} is not a variable of the query")
    if binding.query_form(text) is None:
        raise QueryHeaderError(f"{name}: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return CannedQuery(name, fields.get("title", name), fields.get("description", ""), params, text)


def load_file(path: Path, *, require_header: bool = True) -> CannedQuery:
    return parse(path.read_text(encoding="utf-8"), path.stem, require_header=require_header)


def load_dir(directory: Path) -> dict[str, CannedQuery]:
    """Every ``*.rq`` directly in ``directory`` (the quality checks in ``qa/`` are not canned queries)."""
    found: dict[str, CannedQuery] = {}
    for path in sorted(directory.glob("*.rq")):
        if not _NAME.fullmatch(path.stem):
            raise QueryHeaderError(f"{path.name}: query names are lower-case words joined by '-'")
        found[path.stem] = load_file(path)
    return found


GAP_PREFIX = "gap-"
"""The gap rules of ``queries/gaps/`` are canned queries too, named ``gap-<rule>`` (``gap-key-risk-left-open``)."""


@cache
def catalogue() -> dict[str, CannedQuery]:
    """The shipped canned queries, read once per process: ``queries/*.rq`` and the gap rules of ``queries/gaps/``
    (run over one practice adoption assessment; ``cityref.cities.gaps`` explains their rows)."""
    found = load_dir(resources.queries_dir())
    for name, query in load_dir(resources.queries_dir() / "gaps").items():
        found[GAP_PREFIX + name] = replace(query, name=GAP_PREFIX + name)
    return found


def get(name: str) -> CannedQuery:
    """The shipped query called ``name`` (a trailing ``.rq`` is ignored); :class:`NotFound` otherwise."""
    queries = catalogue()
    found = queries.get(name.removesuffix(".rq"))
    if found is None:
        raise NotFound(f"No canned query {name!r}", known=sorted(queries))
    return found


def run(
    store: Store,
    settings: Settings,
    query: CannedQuery,
    values: Mapping[str, str] | None = None,
    *,
    accept: str | None = None,
    timeout_s: float | None = None,
    remaining_s: float | None = None,
    syntax: SyntaxCheck = in_process,
    stream_bytes: int = 0,
) -> QueryOutcome:
    """Bind ``values`` and run the query with the same budgets and negotiation as ``/sparql``; ``stream_bytes`` as
    :func:`~cityref.sparql.service.run_query` takes it (an answer longer than that may come in parts)."""
    text = query.bind(values)
    return run_query(
        store,
        settings,
        text,
        accept=accept,
        timeout_s=timeout_s,
        remaining_s=remaining_s,
        syntax=syntax,
        stream_bytes=stream_bytes,
    )
