"""Which cities the store holds: Exampleton first, others by name, each found by its id; an unknown id is a 404
naming the known ones. Over HTTP (JSON for clients, HTML for browsers) and through the reader API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from cityref import Settings, create_app
from cityref.api.auth import key_digest
from cityref.cities import find_city, list_cities, store_reader
from cityref.errors import NotFound
from cityref.store.base import EXAMPLETON_GRAPH

OTHER = "https://w3id.org/cityref/graph/city/aardvark-bay"
KEY = "test-key-for-cities"


@pytest.fixture(scope="module")
def app_client() -> Iterator[TestClient]:
    settings = Settings(data_dir=None, api_key_hashes=[key_digest(KEY)], rate_limit_queries=None)
    with TestClient(create_app(settings)) as client:
        body = (
            "@prefix cityref: <https://w3id.org/cityref/def/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."
            '<https://aardvark.example/city> a cityref:City ; rdfs:label "Aardvark Bay"@en , "Baie-Oryctérope"@fr .'
        )
        put = client.put(
            "/graphs",
            params={"graph": OTHER},
            content=body.encode(),
            headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {KEY}"},
        )
        assert put.status_code in (201, 204), put.text
        yield client


def test_cities_lists_exampleton_first_then_the_others_by_name(app_client: TestClient) -> None:
    body = app_client.get("/cities").json()
    ids = [c["id"] for c in body["cities"]]
    assert ids == ["exampleton", "aardvark-bay"]
    first = body["cities"][0]
    assert first["graph"] == EXAMPLETON_GRAPH
    assert first["label"] == "Exampleton"
    assert first["href"].endswith("/cities/exampleton")


def test_a_city_label_follows_the_readers_language(app_client: TestClient) -> None:
    body = app_client.get("/cities", params={"lang": "fr"}).json()
    other = next(c for c in body["cities"] if c["id"] == "aardvark-bay")
    assert (other["label"], other["labelLang"]) == ("Baie-Oryctérope", "fr")
    body = app_client.get("/cities", params={"lang": "de"}).json()
    other = next(c for c in body["cities"] if c["id"] == "aardvark-bay")
    assert (other["label"], other["labelLang"]) == ("Aardvark Bay", "en")


def test_one_city_by_id_and_an_unknown_id_names_the_known_ones(app_client: TestClient) -> None:
    found = app_client.get("/cities/exampleton").json()
    assert found["city"] == "https://exampleton.example/id/exampleton"
    missing = app_client.get("/cities/atlantis")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert set(missing.json()["known"]) == {"exampleton", "aardvark-bay"}


def test_browsers_get_a_page_that_links_every_city(app_client: TestClient) -> None:
    page = app_client.get("/cities", headers={"Accept": "text/html"}, params={"lang": "it"})
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="it">' in page.text
    assert 'href="/cities/exampleton?lang=it"' in page.text
    assert 'href="/cities/aardvark-bay?lang=it"' in page.text
    assert "Città" in page.text
    city = app_client.get("/cities/exampleton", headers={"Accept": "text/html"})
    assert "<h1" in city.text and "Exampleton" in city.text


def test_a_city_name_with_markup_is_shown_as_text(app_client: TestClient) -> None:
    body = (
        "@prefix cityref: <https://w3id.org/cityref/def/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."
        '<https://evil.example/c> a cityref:City ; rdfs:label "<script>alert(1)</script>"@en .'
    )
    graph = "https://w3id.org/cityref/graph/city/evil"
    headers = {"Content-Type": "text/turtle", "Authorization": f"Bearer {KEY}"}
    assert app_client.put("/graphs", params={"graph": graph}, content=body.encode(), headers=headers).is_success
    try:
        page = app_client.get("/cities", headers={"Accept": "text/html"}).text
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    finally:
        app_client.delete("/graphs", params={"graph": graph}, headers=headers)


def test_the_reader_api_finds_cities_in_any_store() -> None:
    settings = Settings(data_dir=None)
    with TestClient(create_app(settings)) as client:
        store = client.app.state.store  # type: ignore[attr-defined]
        read = store_reader(store, settings)
        assert [c.id for c in list_cities(read)] == ["exampleton"]
        assert find_city(read, "exampleton").label == "Exampleton"
        with pytest.raises(NotFound):
            find_city(read, "nowhere")
