"""The term index on the shipped ontology: lookups, folding, multilingual search, filters, hierarchy."""

from __future__ import annotations

import pytest

from cityref.errors import BadRequest, NotFound
from cityref.ontology.model import CITYREF
from cityref.terms import MalformedIdentifier, TermIndex, UnknownFilter, UnknownPrefix, describe, fold, parse_lang

B5 = str(CITYREF.B5)


def test_b5_by_every_identifier(index: TermIndex) -> None:
    for ident in ("B5", "b5", "cityref:B5", B5, " B5 "):
        assert index.resolve(ident).iri == B5


def test_b5_search_puts_the_interoperability_subcomponent_first(index: TermIndex) -> None:
    hits = index.search.search("B5")
    assert hits[0].record.iri == B5
    assert (hits[0].field, hits[0].match, hits[0].score) == ("notation", "exact", 100.0)
    assert "interoperability" in describe(index, hits[0].record, ("en",))["label"].lower()


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("Cartographie des besoins d'interopérabilité de la ville", "fr"),
        ("Mapeo de las necesidades de interoperabilidad de la ciudad", "es"),
        ("Erfassung des Interoperabilitätsbedarfs der Stadt", "de"),
        ("Mappatura delle esigenze di interoperabilità della città", "it"),
    ],
)
def test_a_label_in_each_language_finds_b5(index: TermIndex, query: str, lang: str) -> None:
    hit = index.search.search(query)[0]
    assert hit.record.iri == B5
    assert (hit.field, hit.lang, hit.match) == ("label", lang, "exact")


@pytest.mark.parametrize("lang", ["fr", "es", "de", "it"])
def test_every_label_of_every_language_finds_its_term(index: TermIndex, lang: str) -> None:
    """Where two terms share a label, the term must at least be among the exact hits."""
    checked = 0
    for record in index:
        for label in record.labels.get(lang, []):
            exact = [h.record.iri for h in index.search.search(label, include_deprecated=True) if h.score >= 90]
            assert record.iri in exact, (label, exact[:3])
            checked += 1
    assert checked > 50


def test_case_and_accents_are_folded(index: TermIndex) -> None:
    assert fold("INTEROPÉRABILITÉ") == fold("interoperabilite")
    upper = index.search.search("GESTION DE LA STRATEGIE")[0]
    assert upper.record.local == "group-strategy-management"
    assert (upper.lang, upper.match) == ("fr", "exact")


def test_word_match_and_ranking_order(index: TermIndex) -> None:
    hits = index.search.search("interopérabilité", chain=("fr",))
    locals_ = [h.record.local for h in hits]
    assert "B5" in locals_  # a word of B5's French label
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    b5 = hits[locals_.index("B5")]
    assert (b5.field, b5.match, b5.lang) == ("label", "words", "fr")
    exact = [h for h in hits if h.match == "exact"]
    assert all(h.score > b5.score for h in exact)


def test_definition_words_rank_last(index: TermIndex) -> None:
    hits = index.search.search("priority order")
    by_def = [h for h in hits if h.field == "definition"]
    assert B5 in [h.record.iri for h in by_def]
    assert all(h.score < 30 for h in by_def)


def test_type_scheme_and_parent_filters(index: TermIndex) -> None:
    practice = index.resolve_class("Practice")
    hits = index.search.search("management", type_iri=practice)
    assert hits and all(index.has_type(h.record, practice) for h in hits)
    parent = index.resolve_filter("group-strategy-management", "parent")
    under = index.search.search("a", parent=parent) + index.search.search("management", parent=parent)
    assert under and all(parent in index.ancestors(h.record.iri) for h in under)
    scheme = index.resolve_filter("scheme-operating-model", "scheme")
    listed = list(index.select(scheme=scheme))
    assert B5 in [r.iri for r in listed]
    with pytest.raises(UnknownFilter):
        index.resolve_class("NoSuchClass")


def test_hierarchy(index: TermIndex) -> None:
    ancestors = [index.records[i].local for i in index.ancestors(B5)]
    assert ancestors[:2] == ["group-strategy-management", "component-B"]
    assert B5 in index.children(str(CITYREF["group-strategy-management"]))
    assert B5 in index.descendants(str(CITYREF["component-B"]))
    top = [index.records[i].local for i in index.resolve("scheme-operating-model").top_concepts]
    assert top == ["component-A", "component-B", "component-C", "component-D"]


def test_term_json_has_linkages_with_reasons(index: TermIndex) -> None:
    term = describe(index, index.resolve("B5"), ("en",))
    assert term["linkages"], "B5 takes part in linkages"
    for linkage in term["linkages"]:
        assert B5 in (linkage["from"]["iri"], linkage["to"]["iri"])
        assert linkage["reason"]
    assert term["definedBy"]["module"] == "operating-model"
    assert term["source"] == ["ISO 37106:2021, 6.7"]


def test_lang_chain_falls_back(index: TermIndex) -> None:
    term = describe(index, index.resolve("B5"), parse_lang("xx,de"))
    assert list(term["labels"]) == ["de"]
    assert list(term["definition"]) == ["de"]
    unknown = describe(index, index.resolve("B5"), parse_lang("pt"))
    assert (list(unknown["labels"]), list(unknown["definition"])) == (["en"], ["en"]), "no Portuguese: English"
    regional = describe(index, index.resolve("B5"), parse_lang("fr-CA"))
    assert (regional["labelLang"], list(regional["labels"])) == ("fr", ["fr"]), "fr-CA is served French, not English"
    everything = describe(index, index.resolve("B5"), parse_lang("all"))
    assert set(everything["labels"]) >= {"en", "fr", "es", "de", "it"}


def test_bad_identifiers(index: TermIndex) -> None:
    with pytest.raises(UnknownPrefix):
        index.resolve("nosuch:B5")
    with pytest.raises(MalformedIdentifier):
        index.resolve("https://w3id.org/cityref/def/B 5")
    with pytest.raises(BadRequest):
        parse_lang("f r")
    with pytest.raises(NotFound) as caught:
        index.resolve("B55")
    assert B5 in caught.value.extra["suggestions"]


def test_autocomplete_prefixes(index: TermIndex) -> None:
    hits = index.search.autocomplete("strategie", chain=("fr",))
    assert "group-strategy-management" in [h.record.local for h in hits]
    assert str(index.search.autocomplete("B1")[0].record.notation).startswith("B1")
    assert index.search.autocomplete("") == []


def test_docstring_examples_run() -> None:
    import doctest

    import cityref.terms
    from cityref.terms import text

    for module in (text, cityref.terms):
        failures, tried = doctest.testmod(module)
        assert tried > 0 and failures == 0, module.__name__


def test_public_names_are_exported() -> None:
    import cityref.terms

    for name in cityref.terms.__all__:
        assert hasattr(cityref.terms, name)
