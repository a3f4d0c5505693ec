"""API keys: scopes (401 without a good key, 403 without the scope), the lockout after repeated wrong keys, and
keys refused in the URL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from tests.hygiene.conftest import ADMIN, LOADER, UPDATER, hygiene_settings

from cityref import create_app
from cityref.api.auth import key_digest

TTL = {"Content-Type": "text/turtle"}
UPDATE = {"Content-Type": "application/sparql-update"}
DATA = b"<http://example.org/a> <http://example.org/p> 1 ."
INSERT = "INSERT DATA { <http://example.org/a> <http://example.org/p> 2 }"


def put(client: TestClient, key: str | None, graph: str = "http://example.org/k") -> int:
    headers = {**TTL, **({"X-API-Key": key} if key else {})}
    return client.put("/graphs", params={"graph": graph}, content=DATA, headers=headers).status_code


def update(client: TestClient, key: str | None) -> int:
    headers = {**UPDATE, **({"Authorization": f"Bearer {key}"} if key else {})}
    return client.post("/sparql", content=INSERT, headers=headers).status_code


def test_a_digest_in_api_key_hashes_has_every_scope(client: TestClient) -> None:
    assert put(client, ADMIN) in (201, 204)
    assert update(client, ADMIN) == 204


def test_a_scoped_key_does_only_what_its_scopes_name(client: TestClient) -> None:
    assert put(client, LOADER, "http://example.org/loader") in (201, 204)
    denied = client.post("/sparql", content=INSERT, headers={**UPDATE, "Authorization": f"Bearer {LOADER}"})
    assert denied.status_code == 403
    assert denied.headers["content-type"] == "application/problem+json"
    assert denied.json()["scope"] == "sparql:update"
    assert 'error="insufficient_scope"' in denied.headers["www-authenticate"]
    # The updater's digest is configured in upper case: digests are compared without regard to case.
    assert update(client, UPDATER) == 204
    assert put(client, UPDATER) == 403
    assert (
        client.delete("/graphs", params={"graph": "http://example.org/k"}, headers={"X-API-Key": UPDATER}).status_code
        == 403
    )


def test_no_key_and_a_wrong_key_are_401_with_a_challenge(client: TestClient) -> None:
    for key in (None, "not-a-key"):
        response = client.put(
            "/graphs", params={"default": ""}, content=DATA, headers={**TTL, **({"X-API-Key": key} if key else {})}
        )
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith('Bearer realm="cityref"')
        assert response.json()["code"] == "unauthorized"
    assert (
        'error="invalid_token"'
        in client.post("/sparql", content=INSERT, headers={**UPDATE, "X-API-Key": "nope"}).headers["www-authenticate"]
    )


def test_repeated_wrong_keys_lock_the_address_out_even_for_the_right_key() -> None:
    app = create_app(hygiene_settings(auth_max_failures=3, auth_failure_window_s=600, auth_cooldown_s=120))
    with TestClient(app, client=("192.0.2.10", 4000)) as attacker:
        neighbour = TestClient(app, client=("192.0.2.20", 4000))  # the same app, another address
        assert [put(attacker, f"guess-{i}") for i in range(3)] == [401, 401, 401]
        locked = attacker.put("/graphs", params={"default": ""}, content=DATA, headers={**TTL, "X-API-Key": ADMIN})
        assert locked.status_code == 429
        assert locked.headers["content-type"] == "application/problem+json"
        assert 0 < int(locked.headers["retry-after"]) <= 120
        assert locked.json()["retry_after"] == int(locked.headers["retry-after"])
        assert update(attacker, ADMIN) == 429, "every write route is locked for that address"
        assert put(neighbour, ADMIN) in (201, 204), "another address is not affected"
        assert attacker.get("/health").status_code == 200, "reads stay open"


def test_requests_without_a_key_do_not_count_as_wrong_keys() -> None:
    app = create_app(hygiene_settings(auth_max_failures=2))
    with TestClient(app) as client:
        assert [put(client, None) for _ in range(5)] == [401] * 5
        assert put(client, ADMIN) in (201, 204)


def test_a_forbidden_scope_does_not_count_as_a_wrong_key() -> None:
    with TestClient(create_app(hygiene_settings(auth_max_failures=2))) as client:
        assert [update(client, LOADER) for _ in range(4)] == [403] * 4
        assert update(client, UPDATER) == 204


@pytest.mark.parametrize("name", ["key", "api_key", "apikey", "access_token", "token", "API_KEY", "Token"])
@pytest.mark.parametrize("path", ["/health", "/sparql", "/graphs", "/terms/B5", "/no-such-route"])
def test_keys_in_the_query_string_are_refused_on_any_route(client: TestClient, path: str, name: str) -> None:
    response = client.get(path, params={name: ADMIN, "graph": "http://example.org/k"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["parameters"] == [name.lower()]
    assert ADMIN not in response.text, "the key is not echoed back"


def test_a_key_in_the_url_is_refused_even_on_a_write_with_the_key_in_a_header(client: TestClient) -> None:
    response = client.put(
        "/graphs",
        params={"graph": "http://example.org/k", "access_token": ADMIN},
        content=DATA,
        headers={**TTL, "X-API-Key": ADMIN},
    )
    assert response.status_code == 400


def test_parameters_that_merely_resemble_key_names_pass(client: TestClient) -> None:
    assert client.get("/search", params={"q": "token", "keys": "1"}).status_code == 200


@pytest.mark.parametrize(
    "entry",
    [
        {"sha256": "abc", "scopes": ["graphs:write"]},
        {"sha256": key_digest("x"), "scopes": ["graphs:admin"]},
        {"sha256": key_digest("x"), "scopes": []},
    ],
)
def test_malformed_key_entries_fail_at_start(entry: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        hygiene_settings(api_keys=[entry])


@given(st.text(alphabet="ab=&+%2F5fAPI_KEY;x ", max_size=40))
def test_the_url_check_reads_parameter_names_as_parse_qsl_does(query: str) -> None:
    """The key check reads only the names of a query string, not its (possibly long) values: the same names."""
    from urllib.parse import parse_qsl

    from cityref.api.security import parameter_names

    assert parameter_names(query) == {name.lower() for name, _ in parse_qsl(query, keep_blank_values=True)}


def test_a_key_hidden_behind_an_escape_in_the_url_is_refused(client: TestClient) -> None:
    answer = client.get("/sparql?query=ASK%20%7B%7D&api%5Fkey=x", headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 400 and "api_key" in answer.json()["parameters"]
