"""Parameter binding is safe: values are validated by type and reach the query as terms, never as text."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from cityref.sparql import binding, canned
from cityref.sparql.binding import ParameterError, to_term

INJECTIONS = [
    "> } ; DROP ALL #",
    "https://x.example/a> } ; DROP ALL #",
    'https://x.example/"quoted"',
    "https://x.example/a\nDROP ALL",
    "https://x.example/a b",
    "https://x.example/{x}",
    "not an iri",
    "",
]

ADHOC = """# title: A test query for binding
# description: Lists what one subject says, with optional filters, to exercise every parameter type here.
# param: s (iri) the subject
# param: label (string, optional) a label to match exactly
# param: n (integer, default 3) a number
# param: on (date, optional) a day
# param: flag (boolean, optional) a flag
# param: lit (literal, optional) any literal
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?p ?o WHERE {
  ?s ?p ?o .
  OPTIONAL { ?s rdfs:label ?l FILTER(?l = ?label) }
  FILTER(!BOUND(?on) || ?on > "2000-01-01"^^<http://www.w3.org/2001/XMLSchema#date>)
  FILTER(!BOUND(?flag) || ?flag || !?flag)
  FILTER(!BOUND(?lit) || isLiteral(?lit))
  FILTER(?n = 3 || ?n != 3)
}
"""


def select(store: ox.Store, text: str) -> list[ox.QuerySolution]:
    result = store.query(text)
    assert isinstance(result, ox.QuerySolutions)
    return list(result)


@pytest.fixture()
def adhoc() -> canned.CannedQuery:
    return canned.parse(ADHOC, "adhoc")


@pytest.mark.parametrize("value", INJECTIONS)
def test_iri_injection_is_refused(value: str) -> None:
    with pytest.raises(ParameterError) as caught:
        to_term("iri", value, "city")
    assert caught.value.status == 400 and caught.value.extra["param"] == "city"


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("integer", "1; DROP ALL"),
        ("integer", "1.5"),
        ("decimal", "1e5 }"),
        ("date", "2025-02-30"),
        ("date", '2025-01-01"'),
        ("boolean", "yes"),
        ("lang", 'en" } DROP ALL #'),
        ("lang", "en\n"),
        ("string", "a\x00b"),
        ("string", "\\u0022 } DROP ALL #"),
        ("literal", '"x"^^<bad iri>'),
    ],
)
def test_typed_values_are_validated(kind: str, value: str) -> None:
    with pytest.raises(ParameterError, match="'p'"):
        to_term(kind, value, "p")


@pytest.mark.parametrize(
    ("kind", "value", "sparql"),
    [
        ("iri", "cityref:B5", "<https://w3id.org/cityref/def/B5>"),
        ("iri", "ex:council", "<https://exampleton.example/id/council>"),
        ("iri", "urn:isbn:123", "<urn:isbn:123>"),
        ("string", 'a "b"\n} #', '"a \\"b\\"\\n} #"'),
        ("integer", "-42", '"-42"^^<http://www.w3.org/2001/XMLSchema#integer>'),
        ("decimal", "2.50", '"2.50"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
        ("date", "2025-03-01", '"2025-03-01"^^<http://www.w3.org/2001/XMLSchema#date>'),
        ("boolean", "TRUE", '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'),
        ("lang", "pt-BR", '"pt-br"'),
        ("literal", '"Ville"@fr', '"Ville"@fr'),
        ("literal", "plain", '"plain"'),
        ("literal", '"x"@en" } #', '"\\"x\\"@en\\" } #"'),  # not a literal form: a plain string, escaped
    ],
)
def test_values_become_terms(kind: str, value: str, sparql: str) -> None:
    assert to_term(kind, value, "p").sparql == sparql


def test_hostile_string_stays_data() -> None:
    """A string full of SPARQL punctuation is matched as a value; the store is untouched afterwards."""
    store = ox.Store()
    hostile = "\"} ; DROP ALL ; INSERT DATA { <urn:a> <urn:b> <urn:c> } #\n'\\"
    store.add(
        ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(hostile))
    )
    query = canned.parse(ADHOC, "adhoc")
    rows = select(store, query.bind({"s": "urn:s", "label": hostile}))
    assert rows and len(store) == 1


def test_unknown_missing_and_repeated(adhoc: canned.CannedQuery) -> None:
    with pytest.raises(ParameterError, match="Unknown parameter 'nope'"):
        adhoc.bind({"s": "urn:s", "nope": "1"})
    with pytest.raises(ParameterError, match="Missing required parameter 's'"):
        adhoc.bind({})
    with pytest.raises(ParameterError, match="'n'"):
        adhoc.bind({"s": "urn:s", "n": "three"})


def test_all_types_bind_into_runnable_sparql(adhoc: canned.CannedQuery) -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o")))
    values = {"s": "urn:s", "label": "x", "n": "3", "on": "2025-01-01", "flag": "false", "lit": '"x"@en'}
    text = adhoc.bind(values)
    rows = select(store, text)
    assert len(rows) == 1 and rows[0]["s"] == ox.NamedNode("urn:s")
    assert "BOUND(?on)" not in text and "true" in text  # BOUND of a bound parameter is known to be true


def test_bound_variable_reaches_nested_groups() -> None:
    """The reason for substitution over a bare VALUES join: a FILTER inside OPTIONAL sees the parameter."""
    store = ox.Store()
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    store.add(ox.Quad(ox.NamedNode("urn:s"), label, ox.Literal("Ville", language="fr")))
    store.add(ox.Quad(ox.NamedNode("urn:s"), label, ox.Literal("Town", language="en")))
    query = canned.parse(
        "# title: label in a language\n# description: the label of urn:s in the language asked for, if any\n"
        "# param: lang (lang, default en) the language\n"
        "SELECT ?l WHERE { <urn:s> ?p ?any OPTIONAL { <urn:s> <http://www.w3.org/2000/01/rdf-schema#label> ?l "
        "FILTER(LANG(?l) = ?lang) } }",
        "label",
    )
    assert {s["l"].value for s in select(store, query.bind({"lang": "fr"}))} == {"Ville"}


def test_where_offset_skips_construct_templates_strings_and_comments() -> None:
    text = 'CONSTRUCT { ?s ?p "{" } # { not here\nWHERE { ?s ?p ?o }'
    at = binding.where_offset(text)
    assert text[at - 1] == "{" and text[:at].rstrip().endswith("WHERE {")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("# description: no title here at all, just a description\nSELECT * { ?s ?p ?o }", "title"),
        ("# title: A title\nSELECT * { ?s ?p ?o }", "description"),
        ("# title: T\n# description: D\n# param: x (colour) bad type\nSELECT * { ?x ?p ?o }", "unknown type"),
        ("# title: T\n# description: D\n# param: y (iri) not used\nSELECT * { ?x ?p ?o }", "not a variable"),
        ("# title: T\n# description: D\n# param: x (integer, default ten) d\nSELECT * { ?x ?p ?o }", "bad default"),
        ("# title: T\n# description: D\n# colour: red\nSELECT * { ?x ?p ?o }", "expected"),
        ("# title: T\n# description: D\n# param: timeout (integer) d\nSELECT * { ?timeout ?p ?o }", "reserved"),
    ],
)
def test_header_grammar_errors(header: str, message: str) -> None:
    with pytest.raises(canned.QueryHeaderError, match=message):
        canned.parse(header, "q")


def test_header_continuation_and_defaults() -> None:
    q = canned.parse(
        "# title: T\n# description: first part\n#   second part\n"
        "# param: x (iri, default cityref:B5) the x\n# param: y (string, optional) the y\nSELECT * { ?x ?y ?o }",
        "q",
    )
    assert q.description == "first part second part"
    assert [(p.name, p.required, p.default) for p in q.params] == [("x", False, "cityref:B5"), ("y", False, None)]


def test_docstring_examples_run() -> None:
    import doctest

    failures, tried = doctest.testmod(binding)
    assert tried >= 3 and failures == 0
