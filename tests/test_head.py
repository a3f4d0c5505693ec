"""HEAD is answered wherever GET is, with GET's headers and no body."""

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    "path",
    ["/health", "/ontology", "/terms/B5", "/search?q=B5", "/profiles", "/queries", "/sparql?query=ASK%7B%7D", "/"],
)
def test_head_matches_get(client: TestClient, path: str) -> None:
    got = client.get(path)
    head = client.head(path)
    assert got.status_code == head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    if "etag" in got.headers:
        assert head.headers["etag"] == got.headers["etag"]


def test_head_of_a_missing_term_is_404_without_body(client: TestClient) -> None:
    response = client.head("/terms/NoSuchTerm")
    assert response.status_code == 404
    assert response.content == b""


def test_routes_that_declare_head_keep_their_own(client: TestClient) -> None:
    assert client.head("/def/B5").status_code == 200


def test_methods_other_than_head_are_unchanged(client: TestClient) -> None:
    assert client.put("/health").status_code == 405
