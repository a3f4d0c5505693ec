"""SPARQL in user shapes cannot be smuggled past the check through the text pySHACL adds to it.

pySHACL writes each ``sh:declare`` as a ``PREFIX p: <ns>`` line and each shape path in place of ``$PATH``, both
unescaped. Each vector below is first shown to make pySHACL alone contact a local listener; cityref must refuse
the same shapes (400) without any contact. Targets, rules, validators and functions are read by the same check.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyshacl
import pytest
from rdflib import Graph, Namespace, URIRef
from tests.sparql.listener import Recorder, listening

from cityref.errors import BadRequest, CityrefError
from cityref.validation import validate
from cityref.validation.user_shapes import check_user_shapes

PREAMBLE = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
"""
DATA = "<http://example.org/a> <http://example.org/p> <http://example.org/b> ."
EX = Namespace("http://example.org/")


def _declared(prefix: str, namespace: str, query: str) -> str:
    """A SPARQL constraint on ex:a whose query relies on one declared prefix."""
    return f"""{PREAMBLE}
    <urn:prefixes> sh:declare [ sh:prefix "{prefix}" ; sh:namespace "{namespace}"^^xsd:anyURI ] .
    <urn:shape> a sh:NodeShape ; sh:targetNode ex:a ;
        sh:sparql [ sh:prefixes <urn:prefixes> ; sh:select "{query}" ] ."""


def _path_shape(path: str) -> str:
    """A property shape whose path IRI is written with \\u escapes, which Turtle turns into any character, checked by
    a SPARQL-based constraint component that uses $PATH."""
    escaped = "".join(f"\\u{ord(c):04X}" if c in '<>{}" ' else c for c in path)
    return f"""{PREAMBLE}
    ex:Component a sh:ConstraintComponent ;
        sh:parameter [ sh:path ex:check ] ;
        sh:propertyValidator [ a sh:SPARQLSelectValidator ;
            sh:select "SELECT $this WHERE {{ $this $PATH ?value . }}" ] .
    <urn:shape> a sh:PropertyShape ; sh:targetNode ex:a ; sh:path <{escaped}> ; ex:check true ."""


def smuggling_path(host: str) -> str:
    """A path IRI that ends the triple, calls the service, closes the group and comments out the rest."""
    return f"http://example.org/p> ?value . SERVICE <http://{host}/smuggled> {{ ?a ?b ?c }} }} #"


def smuggled(host: str) -> dict[str, str]:
    service = f"SELECT $this WHERE {{ SERVICE <http://{host}/smuggled> {{ ?a ?b ?c }} }}"
    return {
        # The namespace closes the PREFIX line and writes a whole query; the user's "query" is only its tail.
        "namespace": _declared("x", f"http://x/> {service} #", "LIMIT 1"),
        "prefix": _declared(f"x: <http://x/> {service} #", "http://y/", "LIMIT 1"),
        "path": _path_shape(smuggling_path(host)),
    }


@pytest.fixture(scope="module")
def host() -> Iterator[str]:
    with listening() as listener_host:
        yield listener_host


@pytest.fixture(autouse=True)
def no_hits_before() -> None:
    Recorder.hits.clear()


@pytest.mark.parametrize("vector", ["namespace", "prefix", "path"])
def test_pyshacl_alone_contacts_the_listener(host: str, vector: str) -> None:
    """Each vector is real: without cityref's check, pySHACL runs the smuggled SERVICE."""
    data = Graph().parse(data=DATA, format="turtle")
    if vector == "path":
        # A value for the path, and a triple the smuggled query joins on before it calls the service.
        data.add((EX.a, URIRef(smuggling_path(host)), EX.b))
        data.add((EX.a, EX.p, EX.c))
    pyshacl.validate(data, shacl_graph=Graph().parse(data=smuggled(host)[vector], format="turtle"), advanced=True)
    assert any(hit.startswith("/smuggled") for hit in Recorder.hits)


@pytest.mark.parametrize("vector", ["namespace", "prefix"])
def test_cityref_refuses_the_smuggled_service(host: str, vector: str) -> None:
    with pytest.raises(CityrefError) as caught:
        validate(DATA, [], shapes=smuggled(host)[vector], with_ontology=False)
    assert caught.value.status == 400 and caught.value.detail.startswith("User shapes")
    assert Recorder.hits == []


def test_a_path_iri_that_sparql_cannot_hold_is_refused(host: str) -> None:
    """cityref's parser refuses such an IRI already; the check holds for a graph read by a laxer one too."""
    shapes = Graph().parse(data=smuggled(host)["path"], format="turtle")
    with pytest.raises(BadRequest, match="IRI that SPARQL cannot hold"):
        check_user_shapes(shapes)
    with pytest.raises(CityrefError) as caught:
        validate(DATA, [], shapes=smuggled(host)["path"], with_ontology=False)
    assert caught.value.status == 400
    assert Recorder.hits == []


GLUED = "SERVICEc:sparql { ?a ?b ?c }"
"""A SERVICE the old word-bounded search missed: the engine reads SERVICE, then ``c:sparql``."""


SELECT_GLUED = f'sh:select "SELECT ?this WHERE {{ {GLUED} }}"'


@pytest.mark.parametrize(
    "body",
    [
        f'sh:sparql [ sh:prefixes <urn:p> ; sh:select "SELECT $this WHERE {{ {GLUED} }}" ]',
        f"sh:target [ a sh:SPARQLTarget ; sh:prefixes <urn:p> ; {SELECT_GLUED} ]",
        "sh:rule [ a sh:SPARQLRule ; sh:prefixes <urn:p> ;"
        f' sh:construct "CONSTRUCT {{ $this ex:p 1 }} WHERE {{ {GLUED} }}" ]',
        "ex:flag true . ex:C a sh:ConstraintComponent ; sh:parameter [ sh:path ex:flag ] ;"
        f' sh:validator [ a sh:SPARQLAskValidator ; sh:ask "ASK {{ {GLUED} }}" ]',
        f"ex:flag true . ex:T a sh:SPARQLTargetType ; rdfs:subClassOf sh:Target ; {SELECT_GLUED}",
    ],
    ids=["constraint", "target", "rule", "ask-validator", "target-type"],
)
def test_glued_service_is_refused_wherever_sparql_sits(host: str, body: str) -> None:
    shapes = f"""{PREAMBLE}@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    <urn:p> sh:declare [ sh:prefix "c" ; sh:namespace "http://{host}/"^^xsd:anyURI ] .
    <urn:shape> a sh:NodeShape ; sh:targetNode ex:a ; {body} ."""
    with pytest.raises(CityrefError) as caught:
        validate(DATA, [], shapes=shapes, with_ontology=False)
    assert caught.value.status == 400 and caught.value.extra.get("keyword") == "SERVICE"
    assert Recorder.hits == []


@pytest.mark.parametrize(
    ("prefix", "namespace"),
    [("x y", "http://x/"), ("1x", "http://x/"), ("x", "relative/"), ("x", "http://x/{y}"), ("x", "http://x/\\n")],
)
def test_declarations_must_be_a_prefix_name_and_an_absolute_iri(prefix: str, namespace: str) -> None:
    with pytest.raises(CityrefError) as caught:
        validate(DATA, [], shapes=_declared(prefix, namespace, "SELECT $this WHERE { }"), with_ontology=False)
    assert caught.value.status == 400


def test_path_with_a_name_sparql_would_misread_is_refused() -> None:
    """With ``ex:`` declared, the path ``ex:ns#p`` would be written as ``ex:ns#p``: a comment from ``#`` on."""
    shapes = _path_shape("http://example.org/ns#p").replace(
        "<urn:shape>",
        '<urn:prefixes> sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .\n<urn:shape>',
    )
    with pytest.raises(CityrefError) as caught:
        validate(DATA, [], shapes=shapes, with_ontology=False)
    assert caught.value.status == 400 and "$PATH" in caught.value.detail


def test_ordinary_sparql_shapes_still_validate() -> None:
    """Declared prefixes, names that contain 'service' or 'load', and $PATH with a plain path all still run."""
    constraint = _declared(
        "ex.v-1",
        "http://example.org/",
        "SELECT $this WHERE { $this ex.v-1:p ?o . FILTER NOT EXISTS { $this ex.v-1:serviceArea ?x } "
        "FILTER NOT EXISTS { $this ex.v-1:loadFactor ?y } }",
    )
    report = validate(DATA, [], shapes=constraint, with_ontology=False)
    assert not report.conforms and len(report.results) == 1
    path = validate(DATA, [], shapes=_path_shape("http://example.org/p"), with_ontology=False)
    assert not path.conforms
