"""The engine itself decides what the SERVICE/LOAD guard must catch.

Every text of a generated corpus (keyword spellings, glue, SILENT, prefixes, escapes, comments, odd whitespace,
nesting) runs on a real in-memory Oxigraph store while a local HTTP server records each request it gets. Whatever
text made the engine contact that server must be refused by ``analyse`` + ``check_services`` with an empty
allow-list; a set of ordinary texts that only look alike must be accepted.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from tests.sparql.conftest import AUTH
from tests.sparql.listener import Recorder, listening

from cityref.errors import Forbidden
from cityref.sparql.text import analyse, check_services, neutralise_silent_loads

ALLOWED = "allowed.example"


@pytest.fixture(scope="module")
def listener() -> Iterator[str]:
    with listening() as host:
        yield host


XSD = "http://www.w3.org/2001/XMLSchema#"
# Objects that the glued contexts below end a triple with, so that the engine gets past that triple to the SERVICE
# (a join with nothing on its left is never evaluated).
OBJECTS = [
    ox.NamedNode("urn:c"),
    ox.NamedNode("http://x.example/a.b"),
    ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")),
    ox.Literal("1e5", datatype=ox.NamedNode(XSD + "double")),
    ox.Literal("x", language="en"),
    ox.NamedNode("http://x.example/\u0130.b"),
]


def _store() -> ox.Store:
    store = ox.Store()
    for obj in OBJECTS:
        store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), obj))
    return store


@dataclass(frozen=True)
class Case:
    text: str
    update: bool

    def run(self, store: ox.Store) -> None:
        try:
            if self.update:
                store.update(self.text)
            else:
                result = store.query(self.text)
                if not isinstance(result, ox.QueryBoolean):
                    list(result)  # results are lazy: the SERVICE call happens while iterating
        except (SyntaxError, OSError, RuntimeError, ValueError):
            pass  # most variants are not SPARQL at all; what counts is whether the listener was reached

    def refused(self, allowed_hosts: list[str]) -> bool:
        try:
            check_services(analyse(self.text), allowed_hosts)
        except Forbidden:
            return True
        return False


# {H} is the listener's host:port. Each target: (prologue it needs, the target as written).
TARGETS = {
    "iri": ("", "<http://{H}/t>"),
    "iri-escaped": ("", "<http://{H}/\\u0074>"),
    "empty-prefix": ("PREFIX : <http://{H}/> ", ":t"),
    "prefix": ("PREFIX c: <http://{H}/> ", "c:t"),
    "prefix-named-service": ("PREFIX service: <http://{H}/> ", "service:t"),
    "prefix-named-silent": ("PREFIX silent: <http://{H}/> ", "silent:t"),
    "prefix-named-load": ("PREFIX load: <http://{H}/> ", "load:t"),
    "prefix-named-into": ("PREFIX into: <http://{H}/> ", "into:t"),
    "glued-prefix-declaration": ("PREFIXg:<http://{H}/>", "g:t"),
    "redeclared-prefix": (f"PREFIX r: <https://{ALLOWED}/> PREFIX r: <http://{{H}}/> ", "r:t"),
    "escaped-local": ("PREFIX e: <http://{H}/> ", "e:a\\-b"),
    "relative-to-base": ("BASE <http://{H}/> ", "<t>"),
    "network-path": ("BASE <http://a.example/> ", "<//{H}/t>"),
}
SPELLINGS = ["SERVICE", "service", "SeRvIcE"]
LOAD_SPELLINGS = ["LOAD", "load", "lOaD"]
SILENT = [None, "SILENT", "silent", "SiLeNt"]
GAPS = ["", " ", "\t", "\n", "\r", "\r\n", "\x0c", "#c\n", "#c\r", " # SERVICE <http://no.example/>\n"]
GROUP = "{ ?x ?y ?z }"
# Where a SERVICE pattern {S} goes: (query or update, extra prologue, text).
CONTEXTS = [
    (False, "", "SELECT * { {S} }"),
    (False, "", "SELECT*{{S}}"),
    (False, "", "SELECT * { ?a ?b ?c {S} }"),
    (False, "", "SELECT * { ?a ?b ?c . {S} }"),
    (False, "", "SELECT * { ?a ?b ?c ;{S} }"),
    (False, "", "SELECT * { {} {S} }"),
    (False, "", "SELECT * { OPTIONAL { {S} } }"),
    (False, "", "SELECT * { { ?a ?b ?c } UNION { {S} } }"),
    (False, "", "SELECT * { { SELECT * { {S} } } }"),
    (False, "", "SELECT * { ?a ?b ?c FILTER EXISTS { {S} } }"),
    (False, "", "SELECT * { ?a ?b ?c FILTER NOT EXISTS { {S} } }"),
    (False, "", "SELECT * { ?a ?b ?c MINUS { {S} } }"),
    (False, "", "ASK { {S} }"),
    (False, "", "CONSTRUCT { ?a ?b ?c } WHERE { {S} }"),
    (False, "", "DESCRIBE ?x WHERE { {S} }"),
    (False, "", "SELECT * { ?a ?b true{S} }"),
    (False, "", "SELECT * { ?a ?b 1e5{S} }"),
    (False, "PREFIX x: <http://x.example/> ", "SELECT * { ?a ?b x:a.b.{S} }"),
    (True, "", "INSERT { ?a ?b ?c } WHERE { {S} }"),
    (True, "", "INSERT{?a ?b ?c}WHERE{{S}}"),
    (True, "", "DELETE { ?a ?b ?c } WHERE { ?a ?b ?c {S} }"),
    (True, "", "WITH <urn:g> INSERT { ?a ?b ?c } WHERE { {S} }"),
    (True, "", "INSERT DATA { <urn:a> <urn:b> <urn:d> } ; INSERT { ?a ?b ?c } WHERE { {S} }"),
]
# Where a LOAD operation {L} goes.
LOAD_CONTEXTS = [
    "{L}",
    "{L} ;",
    "{L};",
    "INSERT DATA { <urn:a> <urn:b> <urn:d> } ;{L}",
    "INSERT DATA { <urn:a> <urn:b> <urn:d> };{L};INSERT DATA {}",
    "CLEAR SILENT GRAPH <urn:nothing> ; {L} ; CLEAR SILENT GRAPH <urn:nothing>",
]
SAMPLES, LOAD_SAMPLES = 6, 10
INTO = ["", " INTO GRAPH <urn:g>", "INTO GRAPH<urn:g>", "INTOGRAPH<urn:g>", " into graph <urn:g>"]


def _service(spelling: str, gap: str, silent: str | None, gap2: str, target: str, gap3: str) -> str:
    return spelling + gap + (silent + gap2 if silent else "") + target + gap3 + GROUP


def _load(spelling: str, gap: str, silent: str | None, gap2: str, target: str, into: str) -> str:
    return spelling + gap + (silent + gap2 if silent else "") + target + into


def corpus(host: str) -> list[Case]:
    """Hand-written variants, then every target in every context, each a few times with spellings, SILENT and
    gaps drawn at random (seeded, so that a failure can be replayed)."""
    cases = [
        Case(f"SELECT * {{ SERVICESILENT<http://{host}/x> {{ ?a ?b ?c }} }}", False),
        Case(f"SELECT * {{ serviceSILENT<http://{host}/x> {{ ?a ?b ?c }} }}", False),
        Case(f"PREFIX : <http://{host}/> SELECT * {{ SERVICE:x {{ ?a ?b ?c }} }}", False),
        Case(f"PREFIX c: <http://{host}/> SELECT * {{ SERVICEc:x {{ ?a ?b ?c }} }}", False),
        Case(
            f"PREFIX service: <https://ok.example/> PREFIX : <http://{host}/> SELECT * {{ service:x {GROUP} }}", False
        ),
        Case(
            f"PREFIX servicec: <https://ok.example/> PREFIX c: <http://{host}/> SELECT * {{ servicec:x {GROUP} }}",
            False,
        ),
        Case(f"SELECT * {{ VALUES ?s {{ <http://{host}/v> }} SERVICE ?s {GROUP} }}", False),
        Case(f"SELECT * {{ VALUES ?s {{ <http://{host}/v> }} SERVICESILENT?s {GROUP} }}", False),
        Case(f"SELECT * {{ BIND(1 AS ?a) FILTER(?a<1)SERVICE?s#>\n{GROUP} VALUES ?s {{ <http://{host}/v> }} }}", False),
        *(
            # The engine reads `<2)SERVICE...#>` as less-than, a SERVICE and a comment, not as an IRI.
            Case(
                f"PREFIX e: <http://{host}/> PREFIX : <http://{host}/> SELECT * {{ BIND(1 AS ?a) {tail}\n{GROUP} }}",
                False,
            )
            for tail in ("FILTER(?a<2)SERVICEe:x#>", "FILTER(?a<2)SERVICESILENT:x#>", "FILTER(?a<2)serviceSILENTe:x#>")
        ),
        # A comment or a string that starts inside such an IRI runs on past its `>`: what a lexer reads after it
        # as a long string (or a string) is code to the engine.
        Case(
            f"SELECT * {{ BIND(1 AS ?a) FILTER(?a<2)#>'''\nSERVICE <http://{host}/x> {GROUP} BIND(\"'''\" AS ?q) }}",
            False,
        ),
        Case(
            f'SELECT * {{ BIND(1 AS ?a) FILTER(?a<2)#>"""\nSERVICE <http://{host}/x> {GROUP} BIND(\'"""\' AS ?q) }}',
            False,
        ),
        Case(
            f"SELECT * {{ BIND(1 AS ?a) FILTER(?a<2)BIND('>' AS ?q)SERVICE <http://{host}/x> {GROUP} "
            "BIND('x' AS ?r) }",
            False,
        ),
        Case(f"SELECT * {{ SERVICE <http://{host}/a> {{ SERVICE <http://{host}/b> {GROUP} }} }}", False),
        Case(
            f"PREFIX x: <http://x.example/> PREFIX : <https://{ALLOWED}/> PREFIX c: <http://{host}/> "
            f"SELECT * {{ ?a ?b x:\u0130.b.SERVICEc:x {GROUP} }}",
            False,
        ),
        Case(f"LOADSILENT<http://{host}/x>", True),
        Case(f"PREFIX : <http://{host}/> LOAD:x", True),
        Case(f"PREFIX : <http://{host}/> LOADSILENT:x INTO GRAPH:g", True),
        Case(f"INSERT {{ ?a ?b ?c }} WHERE {{ SERVICESILENT<http://{host}/x> {{ ?a ?b ?c }} }}", True),
        Case(f"INSERTDATA{{<urn:a> <urn:b> <urn:c>}};LOAD<http://{host}/x>", True),
        Case(f"BASE <http://{host}/> LOAD <x>", True),
    ]
    rng = random.Random(20240611)
    for name, (prologue, target) in TARGETS.items():
        for update, extra, context in CONTEXTS:
            for _ in range(SAMPLES):
                spelling, silent = rng.choice(SPELLINGS), rng.choice(SILENT)
                gap, gap2, gap3 = rng.choice(GAPS), rng.choice(GAPS), rng.choice(GAPS)
                pattern = _service(spelling, gap, silent, gap2, target, gap3)
                cases.append(Case((prologue + extra + context.replace("{S}", pattern)).replace("{H}", host), update))
        if name == "prefix-named-into":
            continue
        for context in LOAD_CONTEXTS:
            for _ in range(LOAD_SAMPLES):
                spelling, silent, into = rng.choice(LOAD_SPELLINGS), rng.choice(SILENT), rng.choice(INTO)
                operation = _load(spelling, rng.choice(GAPS), silent, rng.choice(GAPS), target, into)
                cases.append(Case((prologue + context.replace("{L}", operation)).replace("{H}", host), True))
    return list(dict.fromkeys(cases))


# Texts that only look like a SERVICE or LOAD: each must run on the engine and be accepted by the guard.
LEGITIMATE = [
    Case("PREFIX service: <https://example.org/> SELECT * { service:x ?p ?o }", False),
    Case("PREFIX service: <https://example.org/> SELECT * { service:x service:p service:o . }", False),
    Case("PREFIX servicec: <https://example.org/> SELECT * { servicec:x ?p ?o }", False),
    Case("PREFIX e: <https://example.org/> SELECT * { ?s e:service ?o }", False),
    Case("PREFIX e: <https://example.org/> SELECT * { ?s e:hasService ?svc . ?svc e:load ?l }", False),
    Case("PREFIX e: <https://example.org/> SELECT * { ?s a e:Service { ?s ?p ?o } }", False),
    Case("PREFIX e: <https://example.org/> SELECT * { GRAPH e:services { ?s ?p ?o } }", False),
    Case("PREFIX load: <https://example.org/> SELECT * { load:a load:b ?o }", False),
    Case("SELECT ?service ?load WHERE { ?service ?load ?o }", False),
    Case("SELECT * { ?s <http://example.org/service/load> ?o }", False),
    Case("SELECT * { ?s ?p 'SERVICE <http://example.org/> {}' }", False),
    Case('SELECT * { ?s ?p """LOAD <http://example.org/>\nSERVICE <http://example.org/> {}""" }', False),
    Case("SELECT * { ?s ?p ?o } # SERVICE <http://example.org/> { }", False),
    Case('SELECT * { ?s ?p "x"@service }', False),
    Case("SELECT * WHERE { ?s <http://en.example.org/wiki/Node_(graph)> ?o }", False),
    Case("SELECT * { ?s <http://en.example.org/wiki/Node_(graph)#it> ?o ; <http://example.org/(a)'s> ?p }", False),
    Case("PREFIX e: <https://example.org/> INSERT DATA { e:a e:payload e:b }", True),
    Case("PREFIX load: <https://example.org/> INSERT DATA { load:a load:b load:c }", True),
    Case("PREFIX e: <https://example.org/> DELETE WHERE { ?s e:download ?o }", True),
    Case("PREFIX service: <https://example.org/> INSERT { ?s service:p ?o } WHERE { ?s ?p ?o }", True),
    Case(
        "PREFIX loader: <https://example.org/> CLEAR SILENT GRAPH loader:g ; INSERT DATA { loader:a loader:b 1 }", True
    ),
]


def test_the_listener_sees_a_real_service_call(listener: str) -> None:
    """The check below means something only if the engine's calls are seen."""
    Recorder.hits.clear()
    Case(f"SELECT * {{ SERVICE <http://{listener}/probe> {GROUP} }}", False).run(_store())
    assert Recorder.hits and Recorder.hits[0].startswith("/probe")


def test_every_text_that_reaches_the_network_is_refused(listener: str) -> None:
    store = _store()
    reached, missed, still_loading = 0, [], []
    for case in corpus(listener):
        Recorder.hits.clear()
        case.run(_store() if case.update else store)
        if not Recorder.hits:
            continue
        reached += 1
        # Refused with no host allowed, and with another one allowed: the host read is the one contacted.
        if not (case.refused([]) and case.refused([ALLOWED])):
            missed.append(case.text)
        if case.update:
            # What run_update sends on: a LOAD SILENT made a no-op must be refused or reach nothing.
            sent = Case(neutralise_silent_loads(case.text, []), update=True)
            Recorder.hits.clear()
            sent.run(_store())
            if Recorder.hits and not sent.refused([]):
                still_loading.append(sent.text)
    assert not missed, f"{len(missed)} texts reached the listener unrefused, e.g. {missed[:5]!r}"
    assert not still_loading, f"{len(still_loading)} neutralised updates still reach it, e.g. {still_loading[:5]!r}"
    assert reached > 500, "the corpus should reach the listener often, or it proves little"


@pytest.mark.parametrize("case", LEGITIMATE, ids=lambda c: c.text[:60])
def test_lookalike_texts_run_and_are_accepted(listener: str, case: Case) -> None:
    Recorder.hits.clear()
    store = _store()
    if case.update:
        store.update(case.text)
    else:
        result = store.query(case.text)
        assert not isinstance(result, ox.QueryBoolean)
        list(result)
    assert Recorder.hits == []
    assert not case.refused([])


BRIEF = [
    ("SELECT * { SERVICESILENT<http://{H}/x> { ?a ?b ?c } }", False),
    ("SELECT * { serviceSILENT<http://{H}/x> { ?a ?b ?c } }", False),
    ("PREFIX : <http://{H}/> SELECT * { SERVICE:x { ?a ?b ?c } }", False),
    ("PREFIX c: <http://{H}/> SELECT * { SERVICEc:x { ?a ?b ?c } }", False),
    ("LOADSILENT<http://{H}/x> ; LOAD <http://{H}/y>", True),
    ("PREFIX : <http://{H}/> LOAD:x", True),
    ("INSERT { ?a ?b ?c } WHERE { SERVICESILENT<http://{H}/x> { ?a ?b ?c } }", True),
]


@pytest.mark.parametrize(("text", "update"), BRIEF, ids=[text[:50] for text, _ in BRIEF])
def test_the_endpoint_refuses_them_without_contact(
    listener: str, text: str, update: bool, embedded_client: TestClient
) -> None:
    text = text.replace("{H}", listener)
    Recorder.hits.clear()
    if update:
        response = embedded_client.post("/sparql", data={"update": text}, headers=AUTH)
    else:
        response = embedded_client.get("/sparql", params={"query": text})
    assert response.status_code == 403, response.text
    assert Recorder.hits == []
