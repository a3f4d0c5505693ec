"""``/ontology`` as HTML over HTTP: expressions written out, our terms linked to this server's own pages, a table
of contents per module, a filter box and headings in the reader's language."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.sparql.conftest import embedded_settings

from cityref import create_app

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(embedded_settings())) as test_client:
        yield test_client


@pytest.mark.parametrize("path", ["/ontology", "/ontology/core", "/ontology/city-data?lang=de"])
def test_no_placeholder_and_no_external_link_for_our_terms(client: TestClient, path: str) -> None:
    page = client.get(path, headers=HTML).text
    assert "(anonymous class expression)" not in page
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert hrefs
    ours = [h for h in hrefs if h.startswith("https://w3id.org/cityref")]
    assert ours == [], ours[:5]


def test_expressions_are_in_manchester_syntax_with_links(client: TestClient) -> None:
    page = client.get("/ontology", headers=HTML).text
    expressions = [re.sub(r"<[^>]+>", "", e) for e in re.findall(r'<code class="manchester">(.*?)</code>', page)]
    assert "&#39;linkage from&#39; exactly 1 skos:Concept" in expressions
    assert "xsd:integer[&gt;= 1, &lt;= 5]" in expressions
    assert "(inverse &#39;linkage from&#39;) o &#39;linkage to&#39;" in expressions
    assert any(" or " in e for e in expressions)
    # the named classes inside an expression link to their documentation
    assert '<a href="#Practice">practice</a> or <a href="#OperatingModelComponent">' in page


def test_term_headings_link_to_the_term_pages_keeping_the_language(client: TestClient) -> None:
    page = client.get("/ontology?lang=it", headers=HTML).text
    assert '<a href="/def/B5?lang=it" title="https://w3id.org/cityref/def/B5">pagina del termine</a>' in page
    assert '<a href="/ontology/core?lang=it">core</a>' in page


def test_contents_per_module_and_a_filter_box(client: TestClient) -> None:
    page = client.get("/ontology?lang=fr", headers=HTML).text
    toc = page[page.index('<nav class="toc"') : page.index("</nav>", page.index('<nav class="toc"'))]
    assert "Sommaire par module" in toc
    modules = re.findall(r"<summary>([\w-]+) \((\d+)\)</summary>", toc)
    names = {name for name, _ in modules}
    assert {"core", "operating-model", "city-data", "linkages", "iot"} <= names
    anchors = re.findall(r'<li><a href="#([^"]+)">', toc)
    articles = re.findall(r'<article class="term[^"]*" id="([^"]+)">', page)
    assert sorted(anchors) == sorted(articles), "every documented term is in the contents, once"
    assert sum(int(n) for _, n in modules) == len(articles)
    assert '<label for="doc-filter">Filtrer les termes de cette page</label>' in page
    assert "/static/ontology.js" in page


def test_headings_are_translated(client: TestClient) -> None:
    page = client.get("/ontology?lang=es", headers=HTML).text
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page)
    assert "Clases" in headings and "Propiedades de anotación" in headings
    assert "Classes" not in headings and "Annotation properties" not in headings
