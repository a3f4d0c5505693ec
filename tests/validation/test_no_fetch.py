"""Nothing in user data or user shapes makes the server reach the network: a local server records any attempt."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.validation.conftest import PROFILES, in_worker

from cityref.errors import CityrefError, SyntaxProblem
from cityref.validation import validate
from cityref.workers import WorkerPool


class Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared on purpose: the server makes one handler per request

    def do_GET(self) -> None:
        Recorder.hits.append(self.path)
        body = b'{"@context": {"name": "http://schema.org/name"}}' if "json" in self.path else b"<!ENTITY x 'y'>"
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json" if "json" in self.path else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def trap() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_hits_before() -> None:
    Recorder.hits.clear()


def test_the_trap_itself_records_a_fetch(trap: str) -> None:
    """The proof below means something only if a real fetch would be seen."""
    import urllib.request

    with urllib.request.urlopen(f"{trap}/probe.json") as response:
        assert response.status == 200
    assert Recorder.hits == ["/probe.json"]


def test_owl_imports_in_data_are_not_followed(trap: str, validators: WorkerPool, tmp_path: Path) -> None:
    data = f"""@prefix owl: <http://www.w3.org/2002/07/owl#> .
    <urn:delivery> owl:imports <{trap}/more-data.ttl> ."""
    assert validate(data, ["demo"], profiles_dir=PROFILES).conforms
    assert in_worker(validators, tmp_path, data, ["demo"]).conforms
    assert Recorder.hits == []


def test_owl_imports_in_user_shapes_are_not_followed(trap: str) -> None:
    shapes = f"""@prefix owl: <http://www.w3.org/2002/07/owl#> .
    <urn:shapes> owl:imports <{trap}/shapes.ttl> ."""
    validate("<http://a> <http://b> <http://c> .", [], shapes=shapes, with_ontology=False)
    assert Recorder.hits == []


@pytest.mark.parametrize(
    "document",
    [
        '{{"@context": "{trap}/context.json", "@id": "http://a", "name": "x"}}',
        '{{"@context": [{{"ex": "http://e/"}}, "{trap}/context.json"], "@id": "http://a"}}',
        '{{"@context": {{"@import": "{trap}/context.json"}}, "@id": "http://a"}}',
        '{{"@graph": [{{"@context": "{trap}/context.json", "@id": "http://a", "name": "x"}}]}}',
    ],
    ids=["string", "list", "import", "nested"],
)
def test_remote_jsonld_contexts_are_refused_not_fetched(trap: str, document: str) -> None:
    with pytest.raises(SyntaxProblem) as caught:
        validate(document.format(trap=trap), ["demo"], content_type="application/ld+json", profiles_dir=PROFILES)
    assert "context" in caught.value.detail
    assert Recorder.hits == []


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE rdf:RDF [<!ENTITY ext SYSTEM "{trap}/entity.txt">]>',
        '<!DOCTYPE rdf:RDF [<!ENTITY % pe SYSTEM "{trap}/entity.dtd"> %pe;]>',
        '<!DOCTYPE rdf:RDF SYSTEM "{trap}/doc.dtd">',
    ],
    ids=["general", "parameter", "dtd"],
)
def test_xml_external_entities_are_not_resolved(trap: str, doctype: str) -> None:
    document = (
        '<?xml version="1.0"?>\n' + doctype.format(trap=trap) + "\n"
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="http://a"><rdf:value>&ext;</rdf:value></rdf:Description>\n</rdf:RDF>\n'
    )
    with pytest.raises(CityrefError):
        validate(document, ["demo"], content_type="application/rdf+xml", profiles_dir=PROFILES)
    assert Recorder.hits == []


@pytest.mark.parametrize("keyword", ["SERVICE", "FROM"])
def test_user_shapes_with_remote_sparql_are_refused(trap: str, keyword: str) -> None:
    clause = f"SERVICE <{trap}/sparql> {{ ?s ?p ?o }}" if keyword == "SERVICE" else "?s ?p ?o"
    from_clause = f"FROM <{trap}/graph.ttl>" if keyword == "FROM" else ""
    shapes = f"""@prefix sh: <http://www.w3.org/ns/shacl#> .
    <urn:s> a sh:NodeShape ; sh:targetNode <http://a> ;
        sh:sparql [ sh:select "SELECT $this {from_clause} WHERE {{ {clause} FILTER(false) }}" ] ."""
    with pytest.raises(CityrefError) as caught:
        validate("<http://a> <http://b> <http://c> .", [], shapes=shapes, with_ontology=False)
    assert caught.value.status == 400
    assert Recorder.hits == []


@pytest.mark.parametrize("kind", ["rule", "target"])
def test_remote_sparql_hidden_behind_unicode_escapes_is_refused(trap: str, kind: str) -> None:
    """SPARQL expands ``\\uXXXX`` anywhere in a query, so ``\\u0053ERVICE`` is SERVICE to the engine; pySHACL
    itself only refuses SERVICE in constraints, so rules and targets would reach the network."""
    service = f"\\\\u0053ERVICE <{trap}/sparql> {{ ?this ?p ?o }}"
    body = {
        "rule": f'sh:rule [ a sh:SPARQLRule ; sh:construct "CONSTRUCT {{ $this <urn:p> ?o }} WHERE {{ {service} }}" ]',
        "target": f'sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this WHERE {{ {service} }}" ]',
    }[kind]
    shapes = f"""@prefix sh: <http://www.w3.org/ns/shacl#> .
    <urn:s> a sh:NodeShape ; sh:targetNode <http://a> ; {body} ."""
    with pytest.raises(CityrefError) as caught:
        validate("<http://a> <http://b> <http://c> .", [], shapes=shapes, with_ontology=False)
    assert caught.value.status == 400 and caught.value.extra.get("keyword", "").upper() == "SERVICE"
    assert Recorder.hits == []


def test_http_route_refuses_remote_context(trap: str, demo_client: TestClient) -> None:
    document = f'{{"@context": "{trap}/context.json", "@id": "http://a"}}'
    response = demo_client.post(
        "/validate?profile=demo", content=document, headers={"Content-Type": "application/ld+json"}
    )
    assert response.status_code == 400
    assert Recorder.hits == []
