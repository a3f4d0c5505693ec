"""The busiest reads (a term by id, a term IRI dereferenced, autocomplete) served past FastAPI's route machinery.

FastAPI's matching (it tries the routes in order, and these come after the SPARQL routes) and its handling of a
matched route (dependency solving, the exit stack around each call) cost about 80 µs a request on the build
machine: half of what cityref spent on a term lookup (``docs/benchmarks.md``); a route FastAPI tries first gains
little this way (``/sparql`` was measured: nothing). Each route named in :data:`HOT` also gets a plain Starlette
route, tried before every FastAPI route, that calls the same endpoint function with arguments read the way FastAPI
reads them, from the endpoint's own declaration: path parameters, the request, dependencies that need only the
request (``Depends(fn)``), and query parameters of four simple kinds (text, optional text, a flag, a bounded
integer).

The FastAPI route stays the contract: it documents the operation (OpenAPI), and it answers every request the plain
route does not take: any method but GET, a query parameter given twice, a value FastAPI would refuse (a 422) or
that this module does not read exactly as FastAPI does, a required one missing. ``tests/test_hot_routes.py`` holds
both ways to the same answers. An endpoint whose declaration uses anything else fails at start-up, not at request
time. ``settings.hot_routes`` turns the plain routes off.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import annotated_types
from fastapi import FastAPI, Request
from fastapi.params import Depends, Query
from pydantic_core import PydanticUndefined
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams
from starlette.responses import Response
from starlette.routing import Match, Route
from starlette.types import Scope

from cityref.api import dereference, terms

# The endpoints served this way, by path: the functions FastAPI's routes call.
HOT: dict[str, Callable[..., Any]] = {
    "/terms/{term_id}": terms.get_term,
    "/def/{local}": dereference.dereference,
    "/autocomplete": terms.autocomplete,
}

# What pydantic accepts as a boolean in a query string (lax mode, any case).
_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


class _Refused(Exception):
    """A query value this module does not read as FastAPI would: the FastAPI route takes the request."""


@dataclass(frozen=True)
class _Param:
    name: str
    read: Callable[[str], Any]
    required: bool


def _text(value: str) -> str:
    return value


def _flag(value: str) -> bool:
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise _Refused


def _integer(low: int | None, high: int | None) -> Callable[[str], int]:
    def read(value: str) -> int:
        if not (value.isascii() and value.isdigit()):  # signs, spaces and other digits are FastAPI's to judge
            raise _Refused
        number = int(value)
        if (low is not None and number < low) or (high is not None and number > high):
            raise _Refused
        return number

    return read


def _query_param(name: str, kind: Any, query: Query, default: Any) -> _Param:
    if query.alias not in (None, name):
        raise TypeError(f"{name}: aliases are not read here")
    optional = isinstance(kind, types.UnionType) and type(None) in typing.get_args(kind)
    base = next(a for a in typing.get_args(kind) if a is not type(None)) if optional else kind
    bounds = {type(m): m for m in query.metadata}
    if set(bounds) - {annotated_types.Ge, annotated_types.Le}:
        raise TypeError(f"{name}: constraints other than ge and le are not read here")
    if base is str:
        read: Callable[[str], Any] = _text
    elif base is bool and not bounds:
        read = _flag
    elif base is int:
        ge, le = bounds.get(annotated_types.Ge), bounds.get(annotated_types.Le)
        read = _integer(getattr(ge, "ge", None), getattr(le, "le", None))
    else:
        raise TypeError(f"{name}: a query parameter of type {kind!r} is not read here")
    return _Param(name, read, required=default is inspect.Parameter.empty and not optional)


@dataclass(frozen=True)
class _Plan:
    """How to call one endpoint: what each parameter is made of."""

    endpoint: Callable[..., Any]
    path_params: tuple[str, ...]
    request: str | None
    dependencies: tuple[tuple[str, Callable[[Request], Any]], ...]
    query: tuple[_Param, ...]

    @classmethod
    def of(cls, path: str, endpoint: Callable[..., Any]) -> _Plan:
        hints = typing.get_type_hints(endpoint, include_extras=True)
        in_path = [part[1:-1].split(":")[0] for part in path.split("/") if part.startswith("{")]
        request, dependencies, query = None, [], []
        for name, parameter in inspect.signature(endpoint).parameters.items():
            hint = hints[name]
            extras: tuple[Any, ...] = getattr(hint, "__metadata__", ())
            kind = typing.get_args(hint)[0] if extras else hint
            marker = extras[0] if len(extras) == 1 else None
            if name in in_path:
                if kind is not str or extras:
                    raise TypeError(f"{name}: only plain text path parameters are read here")
            elif kind is Request:
                request = name
            elif isinstance(marker, Depends) and marker.dependency is not None:
                dependency = marker.dependency
                if list(inspect.signature(dependency).parameters) != ["request"]:
                    raise TypeError(f"{name}: only dependencies on the request alone are called here")
                dependencies.append((name, dependency))
            elif isinstance(marker, Query) and marker.default is PydanticUndefined:
                query.append(_query_param(name, kind, marker, parameter.default))
            else:
                raise TypeError(f"{name}: a parameter of this kind is not read here ({hint!r})")
        answer = hints.get("return")
        if not (isinstance(answer, type) and issubclass(answer, Response)):
            raise TypeError(f"{endpoint.__name__} must return a Response: nothing here encodes other values")
        return cls(endpoint, tuple(in_path), request, tuple(dependencies), tuple(query))

    def arguments(self, query_string: bytes) -> dict[str, Any] | None:
        """The query parameters as the endpoint takes them, or ``None`` where FastAPI must judge the request."""
        given = QueryParams(query_string)
        found: dict[str, Any] = {}
        try:
            for param in self.query:
                values = given.getlist(param.name)
                if len(values) > 1 or (param.required and not values):
                    return None
                if values:
                    found[param.name] = param.read(values[0])
        except _Refused:
            return None
        return found


class HotRoute(Route):
    """A GET route that takes only the requests its plan reads exactly (the module's docstring)."""

    def __init__(self, path: str, endpoint: Callable[..., Any]) -> None:
        self.plan = _Plan.of(path, endpoint)
        super().__init__(path, self._serve, methods=["GET"], name=f"hot:{endpoint.__name__}", include_in_schema=False)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http" or scope.get("method") != "GET":
            return Match.NONE, {}
        match, child = super().matches(scope)
        if match is not Match.FULL:
            return Match.NONE, {}
        arguments = self.plan.arguments(scope.get("query_string", b""))
        if arguments is None:
            return Match.NONE, {}
        # the access log and metrics name the route by its template, as for FastAPI's routes
        return Match.FULL, {**child, "route": self, "cityref.hot_arguments": arguments}

    async def _serve(self, request: Request) -> Any:
        plan = self.plan
        arguments: dict[str, Any] = dict(request.scope["cityref.hot_arguments"])
        arguments.update((name, request.path_params[name]) for name in plan.path_params)
        if plan.request is not None:
            arguments[plan.request] = request
        for name, dependency in plan.dependencies:
            found = dependency(request)
            arguments[name] = await found if inspect.isawaitable(found) else found
        if inspect.iscoroutinefunction(plan.endpoint):
            return await plan.endpoint(**arguments)
        return await run_in_threadpool(plan.endpoint, **arguments)


def install_hot_routes(app: FastAPI, hot: dict[str, Callable[..., Any]] | None = None) -> Sequence[HotRoute]:
    """Put a :class:`HotRoute` for each endpoint before all of the app's routes."""
    routes = [HotRoute(path, endpoint) for path, endpoint in (HOT if hot is None else hot).items()]
    app.router.routes[:0] = routes
    return routes
