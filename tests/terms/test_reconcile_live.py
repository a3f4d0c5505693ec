"""The requests the W3C Entity Reconciliation CG's test bench sends, replayed against a real uvicorn server as a
browser on another origin would send them (preflights included).

The test bench (reconciliation-api/testbench) is a web page, not a list of requests: the files in
tests/terms/testbench-requests are our own account of each request it makes when pointed at an endpoint, taken from
what it does (the manifest, suggest while typing, POST /match with JSON and Accept-Language, the link to the answer,
the preview frame, its data extension tab). ``CITYREF_TESTBENCH_REQUESTS`` points the test at another folder of
such files. Each answer is checked as the bench checks it: against the schema of the newest API version the
manifest validates for, readable from the page's origin.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import UNLIMITED
from tests.sparql.conftest import LiveServer

from cityref import Settings, create_app

from .conftest import Schemas

FOLDER = Path(os.environ.get("CITYREF_TESTBENCH_REQUESTS") or Path(__file__).parent / "testbench-requests")
ENDPOINT = "/reconcile/v1"
PAGE = "https://reconciliation-api.github.io"  # where the bench is served from: never this server's origin
SAFE_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}
SAFE_HEADERS = {"accept", "accept-language", "content-language", "content-type"}


@pytest.fixture(scope="module")
def live() -> Iterator[LiveServer]:
    with LiveServer(create_app(Settings(data_dir=None, **UNLIMITED))) as server:
        yield server


def fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None, body: bytes | None = None) -> Any:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def needs_preflight(method: str, headers: dict[str, str]) -> bool:
    """The CORS rule a browser applies: anything but a simple GET/HEAD/POST is asked about first."""
    if method not in ("GET", "HEAD", "POST"):
        return True
    for name, value in headers.items():
        if name.lower() not in SAFE_HEADERS:
            return True
        if name.lower() == "content-type" and value.split(";")[0].strip().lower() not in SAFE_TYPES:
            return True
    return False


def requests() -> list[Any]:
    files = sorted(FOLDER.glob("*.json"))
    return [pytest.param(json.loads(f.read_text(encoding="utf-8")), id=f.stem) for f in files]


def test_the_request_list_is_there() -> None:
    assert len(requests()) >= 12, f"no test bench requests found in {FOLDER}"


@pytest.fixture(scope="module")
def version(live: LiveServer, schemas: Schemas) -> str:
    """The version the bench settles on: the newest whose manifest schema the manifest passes."""
    status, _, body = fetch(live.url + ENDPOINT, headers={"Origin": PAGE})
    assert status == 200
    manifest = json.loads(body)
    passed = [v for v in ("0.2", "1.0-draft") if schemas.is_valid(v, "manifest", manifest)]
    assert passed == ["1.0-draft"]
    return passed[-1]


@pytest.mark.parametrize("spec", requests())
def test_bench_request(live: LiveServer, schemas: Schemas, version: str, spec: dict[str, Any]) -> None:
    method, headers = spec["method"], {"Origin": PAGE, **spec.get("headers", {})}
    params = {k: json.dumps(v) if isinstance(v, dict | list) else str(v) for k, v in spec.get("params", {}).items()}
    url = live.url + ENDPOINT + spec["path"] + ("?" + urllib.parse.urlencode(params) if params else "")
    body = json.dumps(spec["json"]).encode() if "json" in spec else None
    if needs_preflight(method, spec.get("headers", {})):
        asked = ", ".join(sorted(h.lower() for h in spec.get("headers", {})))
        status, allowed, _ = fetch(
            url,
            "OPTIONS",
            {"Origin": PAGE, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": asked},
        )
        allowed = {k.lower(): v for k, v in allowed.items()}
        assert 200 <= status < 300, f"preflight refused: {status}"
        assert allowed["access-control-allow-origin"] == "*"
        assert method in allowed["access-control-allow-methods"]
        assert {h.strip() for h in allowed["access-control-allow-headers"].split(",")} >= set(asked.split(", "))
    status, got, content = fetch(url, method, headers, body)
    got = {k.lower(): v for k, v in got.items()}
    assert status == spec["status"], content[:500]
    assert got["access-control-allow-origin"] == "*", "the page could not read the answer"
    assert "access-control-allow-credentials" not in got
    if "content_type" in spec:
        assert got["content-type"].startswith(spec["content_type"])
    if spec.get("framed"):
        assert "x-frame-options" not in got and "frame-ancestors *" in got["content-security-policy"]
    if "schema" in spec:
        answer = json.loads(content)
        schemas.validate(version, spec["schema"], answer)
        if "nonempty" in spec:
            assert answer[spec["nonempty"]], f"empty {spec['nonempty']}"
        if "first_candidate" in spec:
            assert answer["results"][0]["candidates"][0]["id"] == spec["first_candidate"]
