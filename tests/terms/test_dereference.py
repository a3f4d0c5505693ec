"""Every term IRI of the shipped ontology dereferences, in every format, by Accept header and by ?format=."""

from __future__ import annotations

import json
import re

import pyoxigraph
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from cityref.ontology.model import Ontology
from cityref.terms import TermIndex
from cityref.terms.record import NS
from cityref.terms.render import rdf_graph

_SHIPPED = TermIndex.build(Ontology())
LOCALS = [r.local for r in _SHIPPED if not r.deprecated]
FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
}


def _parse(data: bytes, parser: str) -> Graph:
    """rdflib parses all but JSON-LD (its JSON-LD parser warns of its own deprecations): that goes via Oxigraph."""
    if parser != "json-ld":
        return Graph().parse(data=data, format=parser)
    quads = pyoxigraph.parse(data, pyoxigraph.RdfFormat.JSON_LD)
    ntriples = pyoxigraph.serialize([q.triple for q in quads], format=pyoxigraph.RdfFormat.N_TRIPLES)
    return Graph().parse(data=ntriples, format="nt")


@pytest.mark.parametrize("local", LOCALS)
def test_every_term_in_every_format(client: TestClient, index: TermIndex, local: str) -> None:
    record = index.resolve(local)
    expected = rdf_graph(index, record)
    assert (URIRef(record.iri), None, None) in expected, "a term has triples of its own"
    for media_type, parser in FORMATS.items():
        response = client.get(f"/def/{local}", headers={"Accept": media_type})
        assert response.status_code == 200, (media_type, response.text[:200])
        assert response.headers["content-type"].startswith(media_type)
        graph = _parse(response.content, parser)
        assert isomorphic(graph, expected), media_type
    page = client.get(f"/def/{local}", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert NS + local in page.text


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("turtle", "text/turtle"),
        ("jsonld", "application/ld+json"),
        ("rdfxml", "application/rdf+xml"),
        ("ntriples", "application/n-triples"),
        ("html", "text/html"),
        ("ttl", "text/turtle"),
    ],
)
def test_format_parameter_overrides_accept(client: TestClient, name: str, media_type: str) -> None:
    response = client.get(f"/def/B5?format={name}", headers={"Accept": "application/rdf+xml"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)


def test_negotiation_headers(client: TestClient) -> None:
    response = client.get("/def/B5", headers={"Accept": "text/turtle;q=0.4, application/ld+json"})
    assert response.headers["content-type"].startswith("application/ld+json")
    assert json.loads(response.content)
    assert response.headers["vary"] == "Accept"
    link = response.headers["link"]
    assert f'<{NS}B5>; rel="canonical"' in link
    for name, media_type in (("turtle", "text/turtle"), ("html", "text/html"), ("ntriples", "application/n-triples")):
        assert f'</def/B5?format={name}>; rel="alternate"; type="{media_type}"' in link
    assert client.get("/def/B5", headers={"Accept": "*/*"}).headers["content-type"].startswith("text/turtle")


def test_unacceptable_and_unknown(client: TestClient) -> None:
    assert client.get("/def/B5", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/def/B5?format=docx").status_code == 406
    missing = client.get("/def/B55")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert NS + "B5" in missing.json()["suggestions"]


def test_etag_and_304(client: TestClient) -> None:
    first = client.get("/def/B5", headers={"Accept": "text/turtle"})
    tag = first.headers["etag"]
    assert first.headers["cache-control"].startswith("public")
    again = client.get("/def/B5", headers={"Accept": "text/turtle", "If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == tag
    head = client.head("/def/B5", headers={"Accept": "text/turtle"})
    assert head.status_code == 200 and head.headers["etag"] == tag and head.content == b""
    other = client.get("/def/B5", headers={"Accept": "application/ld+json", "If-None-Match": tag})
    assert other.status_code == 200, "another representation has another tag"
    api = client.get("/terms/B5")
    assert client.get("/terms/B5", headers={"If-None-Match": api.headers["etag"]}).status_code == 304


def test_html_page_is_self_contained_and_escaped(client: TestClient) -> None:
    page = client.get("/def/B5?format=html&lang=fr").text
    assert not any(tag in page for tag in ("<script", "src=", "@import")), "no script, nothing imported"
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert stylesheets == ["/static/shell.css", "/static/term.css"], "the shell's style and the page's, from here"
    assert "Cartographie des besoins d&#39;interopérabilité de la ville" in page
    assert 'href="/def/group-strategy-management?lang=fr"' in page, "links keep the ?lang the reader gave"
