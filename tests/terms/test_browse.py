"""The term browser over HTTP: every scheme's tree holds every member (counted by SPARQL over the ontology, not by
the index the pages are drawn from), the A–Z index files every term under the right letter, search filters narrow
the HTML results as they narrow the JSON, and the JSON clients get is unchanged."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from tests.conftest import UNLIMITED

from cityref import Settings, create_app
from cityref.ontology.model import load_ontology

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
NS = "https://w3id.org/cityref/def/"
PREFIXES = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX cityref: <https://w3id.org/cityref/def/>
"""


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=None, **UNLIMITED))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology().merged


def sparql_locals(graph: Graph, query: str) -> set[str]:
    return {str(row[0])[len(NS) :] for row in graph.query(PREFIXES + query)}


def scheme_members(graph: Graph, scheme: str) -> set[str]:
    query = f"""SELECT DISTINCT ?c WHERE {{
      {{ ?c skos:inScheme cityref:{scheme} }} UNION {{ ?c skos:topConceptOf cityref:{scheme} }}
      UNION {{ cityref:{scheme} skos:hasTopConcept ?c }} }}"""
    return sparql_locals(graph, query)


def schemes(graph: Graph) -> list[str]:
    return sorted(sparql_locals(graph, "SELECT ?s WHERE { ?s a skos:ConceptScheme }"))


def term_links(html: str) -> list[str]:
    return [h.split("?")[0] for h in re.findall(r'href="/def/([^"#]+)"', html)]


def between(html: str, start: str, end: str) -> str:
    i = html.index(start)
    return html[i : html.index(end, i)]


SCHEMES = schemes(load_ontology().merged)


def test_the_shipped_model_has_schemes_to_browse() -> None:
    assert len(SCHEMES) >= 20 and "scheme-operating-model" in SCHEMES


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_scheme_page_holds_every_member_in_its_tree_and_its_list(
    client: TestClient, ontology: Graph, scheme: str
) -> None:
    response = client.get(f"/browse/{scheme}", headers=HTML)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    expected = scheme_members(ontology, scheme)
    assert expected, scheme
    tree = between(response.text, '<div class="tree"', "</div>")
    assert set(term_links(tree)) == expected
    members = between(response.text, '<table class="members">', "</table>")
    assert sorted(term_links(members)) == sorted(expected), "each member listed once"
    assert f"({len(expected)})" in between(response.text, '<h2 id="members">', "</h2>")


def test_the_browser_holds_every_scheme_with_every_member(client: TestClient, ontology: Graph) -> None:
    page = client.get("/browse", headers=HTML).text
    for scheme in SCHEMES:
        assert f'href="/browse/{scheme}"' in page
    tree = between(page, '<ul class="tree" data-tree="collapsed">', "</main>")
    expected = set().union(*(scheme_members(ontology, s) for s in SCHEMES))
    assert set(term_links(tree)) == expected
    # each scheme's subtree is the list its disclosure button controls
    for control in re.findall(r'aria-controls="(scheme-\d+)"', page):
        assert f'<ul id="{control}">' in page
    assert page.count('aria-expanded="true"') == page.count("aria-controls=")


def test_a_scheme_tree_nests_narrower_under_broader(client: TestClient) -> None:
    page = client.get("/browse/scheme-operating-model", headers=HTML).text
    tree = between(page, '<div class="tree"', "</div>")
    # B5 sits in the list that its group's button controls, inside component B's list
    b = tree.index('href="/def/component-B"')
    group = tree.index('href="/def/group-strategy-management"')
    b5 = tree.index('href="/def/B5"')
    assert b < group < b5
    group_list = re.search(
        r'aria-controls="([^"]+)"[^>]*hidden><span class="visually-hidden">Narrower terms of Strategy', tree
    )
    assert group_list is not None
    nested = between(tree, f'<ul id="{group_list.group(1)}">', "</ul>")
    assert 'href="/def/B5"' in nested and 'href="/def/B1"' in nested and 'href="/def/B8"' not in nested


def test_an_unknown_scheme_is_a_404_naming_the_known_ones(client: TestClient) -> None:
    response = client.get("/browse/no-such-scheme", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert "scheme-key-risks" in response.json()["known"]
    assert client.get("/browse/B5", headers=HTML).status_code == 404, "a term that is not a scheme"
    assert client.get("/browse/key-risks", headers=HTML).status_code == 200, "the short name works too"


def _first_letter(label: str) -> str:
    folded = unicodedata.normalize("NFKD", label.replace("Œ", "OE").replace("œ", "oe"))
    letters = [ch for ch in folded if ch.isalnum() and not unicodedata.combining(ch)]
    first = letters[0].upper() if letters else "#"
    return first if "A" <= first <= "Z" else "#"


@pytest.mark.parametrize("lang", ["fr", "de", "en"])
def test_the_a_to_z_index_files_every_term_under_its_letter(client: TestClient, ontology: Graph, lang: str) -> None:
    rows = ontology.query(
        PREFIXES
        + f"""SELECT ?t (SAMPLE(?mine) AS ?in) (SAMPLE(?en) AS ?english) WHERE {{
          ?t skos:prefLabel|rdfs:label ?any . FILTER (STRSTARTS(STR(?t), STR(cityref:)))
          FILTER NOT EXISTS {{ ?t a cityref:Linkage }} FILTER NOT EXISTS {{ ?t owl:deprecated true }}
          OPTIONAL {{ ?t skos:prefLabel|rdfs:label ?mine FILTER (lang(?mine) = "{lang}") }}
          OPTIONAL {{ ?t skos:prefLabel|rdfs:label ?en FILTER (lang(?en) = "en") }}
        }} GROUP BY ?t"""
    )
    expected: dict[str, set[str]] = {}
    for term, mine, english in rows:
        label = str(mine if mine is not None else english)
        expected.setdefault(_first_letter(label), set()).add(str(term)[len(NS) :])
    page = client.get(f"/browse/a-z?lang={lang}", headers=HTML).text
    sections = re.findall(r'<section class="letter" aria-labelledby="letter-(\w+)">(.*?)</section>', page, re.S)
    found = {("#" if key == "other" else key): term_links(body) for key, body in sections}
    assert set(found) == set(expected), "a section for each letter some label starts with, and no other"
    for letter, terms in expected.items():
        assert sorted(found[letter]) == sorted(terms), letter
    # the letter bar names A to Z: a link for each letter with terms, plain text for the others
    bar = between(page, '<nav class="letters"', "</nav>")
    linked = re.findall(r'<a href="#letter-(\w+)">', bar)
    assert sorted(("#" if k == "other" else k) for k in linked) == sorted(expected)
    assert len(re.findall(r"<li>", bar)) == 27


def test_the_a_to_z_index_follows_the_language(client: TestClient) -> None:
    french = client.get("/browse/a-z?lang=fr", headers=HTML).text
    section = between(french, '<h2 id="letter-E">', "</section>")
    assert "Équipes" in section, "a French label with an accent is filed under E"
    assert '<html lang="fr">' in french and "Index de A à Z" in french
    english = client.get("/browse/a-z", headers=HTML).text
    assert "Équipes" not in english


def html_results(client: TestClient, **params: str) -> list[str]:
    response = client.get("/search", params={**params, "limit": "100"}, headers=HTML)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    return term_links(between(response.text, '<ol class="results"', "</ol>"))


def json_results(client: TestClient, **params: str) -> list[str]:
    body = client.get("/search", params={**params, "limit": "100"}).json()
    return [item["iri"][len(NS) :] for item in body["items"]]


def test_search_filters_narrow_the_html_results(client: TestClient, ontology: Graph) -> None:
    everything = html_results(client, q="interop")
    practices = html_results(client, q="interop", type="cityref:Practice")
    in_scheme = html_results(client, q="interop", scheme="scheme-eif-layers")
    assert everything == json_results(client, q="interop"), "the page lists what the API finds, in its order"
    assert set(practices) < set(everything) and practices
    assert set(practices) <= sparql_locals(ontology, "SELECT ?p WHERE { ?p a cityref:Practice }")
    assert practices == json_results(client, q="interop", type="cityref:Practice")
    assert set(in_scheme) < set(everything) and in_scheme
    assert set(in_scheme) <= scheme_members(ontology, "scheme-eif-layers") | {"scheme-eif-layers"}  # and itself
    assert in_scheme == json_results(client, q="interop", scheme="scheme-eif-layers")


def test_the_results_page_keeps_the_chosen_filters_in_its_form(client: TestClient) -> None:
    page = client.get("/search", params={"q": "interop", "type": "cityref:Practice", "lang": "fr"}, headers=HTML).text
    assert '<option value="cityref:Practice" selected>pratique</option>' in page
    assert '<option value="owl:Class">Classe</option>' in page, "the kinds of term are named in French too"
    assert '<option value="skos:ConceptScheme">Schéma de concepts</option>' in page
    assert '<input id="search-q" name="q" type="search" value="interop">' in page
    assert '<input type="hidden" name="lang" value="fr">' in page
    schemes = re.findall(r'<select id="search-scheme" name="scheme">(.*?)</select>', page, re.S)[0]
    assert len(re.findall(r"<option ", schemes)) == len(SCHEMES) + 1


def test_results_are_paged(client: TestClient) -> None:
    total = client.get("/search", params={"q": "data"}).json()["total"]
    assert total > 25
    first = client.get("/search", params={"q": "data", "limit": "10"}, headers=HTML).text
    assert 'rel="next"' in first and 'rel="prev"' not in first
    following = re.search(r'<a href="([^"]+)" rel="next">', first)
    assert following is not None
    second = client.get(following.group(1).replace("&amp;", "&"), headers=HTML).text
    assert '<ol class="results" start="11">' in second and 'rel="prev"' in second
    assert len(re.findall(r"<li><a href=\"/def/", second)) == 10, "the page size is kept"


def test_clients_still_get_the_search_json(client: TestClient) -> None:
    for headers in ({}, {"Accept": "application/json"}, {"Accept": "*/*"}):
        response = client.get("/search", params={"q": "interop", "limit": "3"}, headers=headers)
        assert response.status_code == 200 and response.headers["content-type"] == "application/json"
        body = response.json()
        assert set(body) == {"query", "total", "limit", "offset", "items"}
        assert body["query"] == "interop" and body["limit"] == 3 and len(body["items"]) == 3
        assert {"iri", "curie", "label", "score", "matched", "kind"} <= set(body["items"][0])
    assert client.get("/search", headers=HTML | {"Accept": "application/json"}).status_code == 422


def test_markup_in_a_label_is_shown_as_text(lifecycle_client: TestClient) -> None:
    for path in ("/browse/a-z", "/search?q=odd", "/def/widget-odd", "/browse/scheme-widgets"):
        page = lifecycle_client.get(path, headers=HTML).text
        assert "<script>alert(1)</script>" not in page, path
    assert (
        "Odd &lt;script&gt;alert(1)&lt;/script&gt; &amp; widget"
        in lifecycle_client.get("/browse/a-z", headers=HTML).text
    )


@pytest.mark.parametrize("path", ["/browse", "/browse/a-z", "/browse/key-risks", "/search?q=B5", "/def/B5"])
def test_the_browser_pages_are_under_terms_in_the_navigation(client: TestClient, path: str) -> None:
    page = client.get(path, headers=HTML).text
    nav = between(page, '<nav class="shell-nav"', "</nav>")
    assert '<a href="/browse" aria-current="page">Terms</a>' in nav


def test_the_landing_page_links_the_browser_and_is_no_longer_terms(client: TestClient) -> None:
    page = client.get("/?lang=it", headers=HTML).text
    main = between(page, "<main", "</main>")
    assert 'href="/browse?lang=it"' in main and 'href="/browse/a-z?lang=it"' in main
    assert 'aria-current="page"' not in between(page, '<nav class="shell-nav"', "</nav>")
    finder = between(main, '<input id="q"', ">")
    for attribute in ('role="combobox"', 'aria-expanded="false"', 'aria-controls="suggestions"'):
        assert attribute in finder
    assert '<ul id="suggestions" role="listbox"' in main
    assert 'action="/search"' in main, "without script, Enter still finds terms"
