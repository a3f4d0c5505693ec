"""The N-Triples text the compiled engine gets is read for booleans and integers not in their canonical forms
(:func:`cityref.validation.triples.non_canonical_in`) the same way :func:`is_canonical` reads the terms."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from cityref.validation.triples import is_canonical, non_canonical_in

LEXICAL = st.text(alphabet='0123456789+-. truefalsx"\\\n', max_size=6)
TYPES = st.sampled_from(["boolean", "integer", "int", "unsignedByte", "negativeInteger", "decimal", "string"])
SUBJECT, PREDICATE = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")


def ntriples(literals: list[ox.Literal]) -> bytes:
    text = ox.serialize([ox.Triple(SUBJECT, PREDICATE, literal) for literal in literals], format=ox.RdfFormat.N_TRIPLES)
    assert text is not None
    return text


def typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(f"http://www.w3.org/2001/XMLSchema#{datatype}"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(LEXICAL, TYPES), max_size=6))
def test_the_text_scan_agrees_with_is_canonical(values: list[tuple[str, str]]) -> None:
    literals = [typed(value, datatype) for value, datatype in values]
    assert non_canonical_in(ntriples(literals)) == any(not is_canonical(literal) for literal in literals)


INTEGER_TYPES = (
    "integer", "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
)  # fmt: skip


def test_each_integer_type_is_read() -> None:
    for datatype in INTEGER_TYPES:
        assert non_canonical_in(ntriples([typed("12", datatype), typed("012", datatype)])), datatype
        assert not non_canonical_in(ntriples([typed("12", datatype), typed("-3", datatype)])), datatype
    assert not non_canonical_in(ntriples([typed("012", "decimal"), typed("1", "string")]))
