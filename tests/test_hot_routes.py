"""The busiest reads served past FastAPI's route machinery (``cityref.api.hot``) answer exactly as the FastAPI
routes do: the same status, headers and body for every request of a matrix of ids, languages, flags, formats,
malformed and repeated parameters, with the plain routes on and off."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import urlencode

import pytest
from fastapi import FastAPI, Query, Request
from fastapi.testclient import TestClient
from starlette.responses import Response
from starlette.routing import Match

from cityref.api import hot
from cityref.app import create_app
from cityref.settings import Settings

# Headers that differ between any two answers, whatever serves them.
VARYING = {"date", "x-request-id", "x-ratelimit-remaining", "x-ratelimit-reset", "ratelimit-remaining"}

TERM_IDS = ["B5", "cityref:B5", "b5", "nope", "cityref:nope", "contactPoint", "maturity-cell-problem-solving-1", "x:y"]
TERM_QUERIES: list[dict[str, Any]] = [
    {},
    {"lang": "fr"},
    {"lang": "fr,en"},
    {"lang": "all"},
    {"lang": ""},
    {"lang": "not a tag!"},
    {"redirect": "false"},
    {"redirect": "False"},
    {"redirect": "0"},
    {"redirect": "yes"},
    {"redirect": "maybe"},
    {"redirect": ""},
    {"lang": ["fr", "de"]},
    {"unknown": "1"},
]
DEF_QUERIES: list[dict[str, Any]] = [
    {},
    {"format": "turtle"},
    {"format": "jsonld", "lang": "de"},
    {"format": "html"},
    {"format": "nope"},
    {"redirect": "false"},
    {"redirect": "no", "format": "ntriples"},
    {"format": ["turtle", "html"]},
]
AUTOCOMPLETE_QUERIES: list[dict[str, Any]] = [
    {},
    {"q": "inter"},
    {"q": "inter", "limit": "3"},
    {"q": "inter", "limit": "0"},
    {"q": "inter", "limit": "51"},
    {"q": "inter", "limit": "+3"},
    {"q": "inter", "limit": " 3"},
    {"q": "inter", "limit": "٣"},
    {"q": "inter", "include_deprecated": "true", "lang": "it"},
    {"q": ""},
    {"q": "x" * 300},
    {"q": ["inter", "data"]},
]
ACCEPTS = ["application/json", "text/html", "text/turtle", "*/*", "image/png"]


@pytest.fixture(scope="module")
def clients() -> Iterator[tuple[TestClient, TestClient]]:
    with (
        TestClient(create_app(Settings(data_dir=None)), follow_redirects=False) as plain,
        TestClient(create_app(Settings(data_dir=None, hot_routes=False)), follow_redirects=False) as fastapi_only,
    ):
        yield plain, fastapi_only


def answer(client: TestClient, path: str, params: dict[str, Any], accept: str) -> tuple[int, dict[str, str], bytes]:
    response = client.get(path, params=params, headers={"Accept": accept})
    headers = {k: v for k, v in response.headers.items() if k.lower() not in VARYING}
    return response.status_code, headers, response.content


def requests() -> Iterator[tuple[str, dict[str, Any], str]]:
    for term_id, query in itertools.product(TERM_IDS, TERM_QUERIES):
        yield f"/terms/{term_id}", query, "application/json"
    for local, query, accept in itertools.product(["B5", "nope", "contactPoint"], DEF_QUERIES, ACCEPTS):
        yield f"/def/{local}", query, accept
    for query in AUTOCOMPLETE_QUERIES:
        yield "/autocomplete", query, "application/json"


def served_plainly(app: FastAPI, path: str, query: dict[str, Any]) -> bool:
    scope = {"type": "http", "method": "GET", "path": path, "root_path": "", "headers": []}
    scope["query_string"] = urlencode(query, doseq=True).encode()
    return any(r.matches(scope)[0] == Match.FULL for r in app.router.routes if isinstance(r, hot.HotRoute))


def test_plain_routes_answer_as_fastapi_does(clients: tuple[TestClient, TestClient]) -> None:
    plain, fastapi_only = clients
    statuses, plainly = set(), {True: 0, False: 0}
    for path, query, accept in requests():
        ours = answer(plain, path, query, accept)
        assert ours == answer(fastapi_only, path, query, accept), (path, query, accept)
        statuses.add(ours[0])
        plainly[served_plainly(plain.app, path, query)] += 1
    assert {200, 308, 400, 404, 406, 422} <= statuses  # the matrix reaches every kind of answer
    assert plainly[True] > 3 * plainly[False] > 0  # most by the plain routes, some left to FastAPI's


def test_the_plain_route_serves_what_it_reads_and_leaves_the_rest(clients: tuple[TestClient, TestClient]) -> None:
    """Which way a request went shows in no answer, so it is asked of the routes themselves."""
    plain, _ = clients
    route = next(r for r in plain.app.router.routes if isinstance(r, hot.HotRoute) and r.path == "/autocomplete")
    assert route.plan.arguments(b"q=inter&limit=3&include_deprecated=on") == {
        "q": "inter",
        "limit": 3,
        "include_deprecated": True,
    }
    for refused in (b"", b"q=a&q=b", b"q=a&limit=0", b"q=a&limit=-1", b"q=a&include_deprecated=maybe"):
        assert route.plan.arguments(refused) is None, refused
    head = {"type": "http", "method": "HEAD", "path": "/autocomplete", "query_string": b"q=a", "headers": []}
    assert route.matches(head)[0].name == "NONE"


def test_the_access_log_and_metrics_name_the_route_template(clients: tuple[TestClient, TestClient]) -> None:
    plain, _ = clients
    assert served_plainly(plain.app, "/terms/B5", {})

    line = re.compile(
        r'^cityref_http_requests_total\{method="GET",route="/terms/\{term_id\}",status="200"\} (\S+)$', re.M
    )

    def count() -> float:
        found = line.search(plain.get("/metrics").text)
        return float(found.group(1)) if found else 0.0

    before = count()
    plain.get("/terms/B5")
    assert count() == before + 1


def test_an_endpoint_the_plan_cannot_read_fails_at_start_up() -> None:
    app = FastAPI()

    async def aliased(request: Request, kind: Annotated[str | None, Query(alias="type")] = None) -> Response:
        return Response(b"")

    async def listed(values: Annotated[list[str], Query()]) -> Response:
        return Response(b"")

    async def untyped(request: Request) -> dict[str, str]:
        return {}

    for endpoint in (aliased, listed, untyped):
        with pytest.raises(TypeError):
            hot.install_hot_routes(app, {"/x": endpoint})
