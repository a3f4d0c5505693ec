"""The query pages for browsers next to the JSON for clients: ``/queries``, ``/queries/{name}``, ``/sparql`` and
``POST /labels``, chosen by Accept (or ``?format=html``), with the clients' answers unchanged."""

from __future__ import annotations

import hashlib
import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from cityref import Settings, create_app
from cityref.api import query_text
from cityref.sparql import canned

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def listing_as_before(base: str) -> dict[str, object]:
    """What ``GET /queries`` answered before it had a page: the JSON clients rely on."""
    return {
        "queries": [
            {**q.to_json(), "href": f"{base}/queries/{q.name}", "text": f"{base}/queries/{q.name}.rq"}
            for q in canned.catalogue().values()
        ]
    }


def options(page: str, name: str) -> list[tuple[str, str]]:
    """(value, text) of each option of the select named ``name``."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.DOTALL)
    assert select, f"no select named {name}"
    return [(unescape(v), unescape(t)) for v, t in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', select[1])]


@pytest.mark.parametrize("accept", [None, "application/json", "*/*"])
def test_clients_get_the_listing_as_json_unchanged(app_client: TestClient, accept: str | None) -> None:
    headers = {"Accept": accept} if accept else {}
    response = app_client.get("/queries", headers=headers)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert response.json() == listing_as_before("http://127.0.0.1:8000")
    assert "Accept" in response.headers["vary"]
    assert "range" not in str(response.json()), "the class an iri parameter ranges over stays out of the JSON"


@pytest.mark.parametrize(("accept", "query"), [(BROWSER, ""), ("application/json", "?format=html")])
def test_browsers_get_the_listing_as_a_page_with_links(app_client: TestClient, accept: str, query: str) -> None:
    response = app_client.get("/queries" + query, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    for name in canned.catalogue():
        assert f'href="/queries/{name}"' in response.text
    assert "<h1>Canned queries</h1>" in response.text


def test_the_listing_page_speaks_the_chosen_language(app_client: TestClient) -> None:
    page = app_client.get("/queries?lang=it", headers={"Accept": BROWSER}).text
    assert '<html lang="it">' in page
    assert "Esigenze di interoperabilità per livello EIF e stato" in page
    assert "<p>Ogni esigenza di interoperabilità registrata dalla città tra due parti" in page, "described in Italian"
    assert 'href="/queries/interoperability-needs?lang=it"' in page


def test_a_canned_query_page_has_pickers_filled_from_the_model(app_client: TestClient) -> None:
    response = app_client.get("/queries/interoperability-needs?lang=de", headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    layers = dict(options(page, "layer"))
    assert layers["cityref:eif-layer-semantic"] == "semantische Interoperabilität"
    assert layers[""] == "(alle)" and len(layers) == 5
    statuses = dict(options(page, "status"))
    assert statuses["cityref:need-status-blocked"] == "blockiert"
    assert options(page, "city") == [("https://w3id.org/cityref/graph/city/exampleton", "Exampleton")]
    assert 'type="text"' not in page, "no raw IRI box for a parameter that has a picker"
    # The page asks the same address for the results, the page's language as the query's lang parameter.
    assert 'data-results="/queries/interoperability-needs?lang=de"' in page
    assert 'href="/queries/interoperability-needs?lang=de&amp;format=csv" download' in page


def test_a_practice_picker_shows_codes_and_keeps_the_given_value(app_client: TestClient) -> None:
    page = app_client.get(
        "/queries/practice-dependencies?practice=https://w3id.org/cityref/def/B6&lang=fr", headers={"Accept": BROWSER}
    ).text
    practices = options(page, "practice")
    assert ("cityref:B5", "B5 · Cartographie des besoins d'interopérabilité de la ville") in practices
    assert re.search(r'<option value="cityref:B6"[^>]*selected', page), "a full IRI in the URL selects its option"
    # A query with a lang parameter takes the page's language for it, and keeps it on the results URL.
    assert dict(options(page, "lang"))["fr"] == "Français"
    assert re.search(r'<option value="fr"[^>]*selected', page)
    assert (
        'data-results="/queries/practice-dependencies?practice=https%3A%2F%2Fw3id.org%2Fcityref%2Fdef%2FB6&amp;lang=fr"'
        in page
    )


def test_the_interface_language_stays_off_a_query_without_a_lang_parameter(app_client: TestClient) -> None:
    page = app_client.get("/queries/silo-systems?lang=fr", headers={"Accept": BROWSER}).text
    assert 'data-results="/queries/silo-systems"' in page
    assert 'href="/queries/silo-systems?format=csv" download' in page
    assert '<input type="hidden" name="lang" value="fr">' in page, "the form keeps the language for the next page"
    assert app_client.get("/queries/silo-systems?lang=fr").status_code == 400, "clients: lang is not a parameter"


def test_numbers_and_days_get_inputs_of_their_kind(app_client: TestClient) -> None:
    risks = app_client.get("/queries/risk-register", headers={"Accept": BROWSER}).text
    assert re.search(r'<input id="param-minScore" name="minScore" type="number" value="0"', risks)
    roadmap = app_client.get("/queries/roadmap-timeline", headers={"Accept": BROWSER}).text
    assert re.search(r'<input id="param-activeOn" name="activeOn" type="date"', roadmap)


@pytest.mark.parametrize("accept", [None, "application/sparql-results+json", "*/*"])
def test_clients_running_a_canned_query_get_results_as_before(app_client: TestClient, accept: str | None) -> None:
    headers = {"Accept": accept} if accept else {}
    response = app_client.get("/queries/interoperability-needs?layer=cityref:eif-layer-semantic", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert len(response.json()["results"]["bindings"]) == 3


def test_a_browser_asking_for_a_format_gets_that_format(app_client: TestClient) -> None:
    response = app_client.get("/queries/silo-systems?format=csv", headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")


def test_the_query_text_stays_text_for_browsers(app_client: TestClient) -> None:
    response = app_client.get("/queries/silo-systems.rq", headers={"Accept": BROWSER})
    assert response.headers["content-type"].startswith("application/sparql-query")


def test_sparql_with_a_query_is_the_workbench_for_browsers_and_results_for_clients(app_client: TestClient) -> None:
    query = "ASK { ?s ?p ?o }"
    page = app_client.get("/sparql", params={"query": query}, headers={"Accept": BROWSER})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'data-autorun="true"' in page.text and ">ASK { ?s ?p ?o }</textarea>" in page.text
    answer = app_client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert answer.json()["boolean"] is True
    download = app_client.get("/sparql", params={"query": query, "format": "csv"}, headers={"Accept": BROWSER})
    assert download.headers["content-type"].startswith("text/csv")


def test_the_workbench_declares_the_ontology_prefixes_and_lists_the_canned_queries(app_client: TestClient) -> None:
    page = app_client.get("/sparql?lang=es", headers={"Accept": BROWSER}).text
    for line in ("PREFIX cityref: &lt;https://w3id.org/cityref/def/&gt;", "PREFIX skos:", "PREFIX dcat:"):
        assert line in page
    assert 'href="/queries/interoperability-needs?lang=es"' in page
    assert "Banco de consultas" in page
    assert "FILTER (lang(?label) = &#34;es&#34;)" in page, "the example asks for labels in the reader's language"


def test_labels_in_the_chosen_language_with_term_pages(app_client: TestClient) -> None:
    iris = ["https://w3id.org/cityref/def/B5", "https://exampleton.example/id/council", "urn:x-nothing:here"]
    response = app_client.post("/labels", json={"iris": iris, "lang": "it"})
    assert response.status_code == 200
    labels = response.json()["labels"]
    assert labels["https://w3id.org/cityref/def/B5"]["href"] == "/def/B5"
    assert labels["https://w3id.org/cityref/def/B5"]["lang"] == "it"
    assert labels["https://exampleton.example/id/council"] == {
        "label": "Exampleton City Council",
        "lang": "en",
        "href": None,
    }
    assert "urn:x-nothing:here" not in labels


@pytest.mark.parametrize("iri", ["B5", "<urn:x>", "urn:x> } ; DROP ALL ; { <urn:y", "http://a b"])
def test_labels_refuse_what_is_not_an_absolute_iri(app_client: TestClient, iri: str) -> None:
    response = app_client.post("/labels", json={"iris": [iri]})
    assert response.status_code == 400 and response.json()["parameter"] == "iris"


def test_labels_ask_at_most_the_configured_number() -> None:
    with TestClient(create_app(Settings(data_dir=None, label_lookup_max_iris=2))) as client:
        response = client.post("/labels", json={"iris": ["urn:a", "urn:b", "urn:c"]})
    assert response.status_code == 422 and response.json()["setting"] == "label_lookup_max_iris"


def test_a_parameter_may_name_the_class_its_picker_lists() -> None:
    text = "# title: t\n# description: d\n# param: p (iri of cityref:Practice, optional) one\nSELECT ?p { ?p ?q ?r }"
    param = canned.parse(text, "t").params[0]
    assert param.range == "https://w3id.org/cityref/def/Practice" and not param.required
    assert "range" not in param.to_json()
    with pytest.raises(canned.QueryHeaderError, match="only an iri parameter"):
        canned.parse(text.replace("iri of", "integer of"), "t")


def test_every_shipped_title_and_description_is_marked_for_translation() -> None:
    titles = {q.title for q in canned.catalogue().values()}
    described = {p.description for q in canned.catalogue().values() for p in q.params}
    assert titles <= set(query_text.TITLES), sorted(titles - set(query_text.TITLES))
    descriptions = {q.description for q in canned.catalogue().values()}
    assert descriptions <= set(query_text.DESCRIPTIONS), sorted(descriptions - set(query_text.DESCRIPTIONS))
    assert described <= set(query_text.PARAMETERS), sorted(described - set(query_text.PARAMETERS))


def test_labels_fall_back_to_any_language_only_where_nothing_better_exists() -> None:
    key = "labels-test-key"
    settings = Settings(data_dir=None, api_key_hashes=[hashlib.sha256(key.encode()).hexdigest()])
    turtle = (
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<urn:x:only-de> rdfs:label "nur Deutsch"@de .\n'
        '<urn:x:both> rdfs:label "both"@en, "les deux"@fr, "beide"@de .\n'
        '<urn:x:plain> rdfs:label "untagged" .\n'
    )
    with TestClient(create_app(settings)) as client:
        put = client.put(
            "/graphs?graph=urn:x:labels",
            content=turtle,
            headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {key}"},
        )
        assert put.status_code in (201, 204)
        labels = client.post("/labels", json={"iris": ["urn:x:only-de", "urn:x:both", "urn:x:plain"], "lang": "fr"})
    found = {iri: (v["label"], v["lang"]) for iri, v in labels.json()["labels"].items()}
    assert found == {
        "urn:x:only-de": ("nur Deutsch", "de"),
        "urn:x:both": ("les deux", "fr"),
        "urn:x:plain": ("untagged", None),
    }


def test_interoperability_needs_labels_layers_and_statuses_in_the_language_asked(app_client: TestClient) -> None:
    english = app_client.get("/queries/interoperability-needs").json()["results"]["bindings"]
    french = app_client.get("/queries/interoperability-needs?lang=fr").json()["results"]["bindings"]
    assert {b["layerLabel"]["xml:lang"] for b in english} == {"en"}, "the default answer is as before"
    assert {b["layerLabel"]["xml:lang"] for b in french} == {"fr"}
    assert {b["need"]["value"] for b in french} == {b["need"]["value"] for b in english}
    assert "interopérabilité sémantique" in {b["layerLabel"]["value"] for b in french}
