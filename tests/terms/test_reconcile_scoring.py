"""The reconciliation scores, rule by rule (docs/terms.md, "Reconciliation scores").

Every expected score is a literal worked out by hand from the documented rules, never read back from the module's
constants: changing a weight, a band or the order of the bands makes one of these tests fail. The terms come from
``SCORING_TTL`` (tests/terms/conftest.py), whose labels are chosen so that each rule shows on its own.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cityref.terms.reconcile import similarity


def recon(client: TestClient, query: dict[str, Any], lang: str | None = None) -> dict[str, Any]:
    data = {"queries": json.dumps({"q": query})}
    if lang:
        data["lang"] = lang
    response = client.post("/reconcile", data=data)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()["q"]
    return answer


def scores(client: TestClient, query: dict[str, Any], lang: str | None = None) -> list[tuple[str, float]]:
    return [(c["id"], c["score"]) for c in recon(client, query, lang)["result"]]


@pytest.mark.parametrize("text", ["G1", "g1", "cityref:G1", "https://w3id.org/cityref/def/G1"])
def test_an_identifier_scores_100(scoring_client: TestClient, text: str) -> None:
    assert scores(scoring_client, {"query": text}) == [("G1", 100.0)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Strategy management", None, 95.0),  # no language named: every language is the query's
        ("Strategiemanagement", "de", 95.0),
        ("Strategiemanagement", "en", 90.0),  # exact, but in a language the query did not ask for
        ("gestion de la strategie", "fr-CA", 95.0),  # accents folded; fr-CA asks for fr
        ("Strategic steering", None, 85.0),  # an alternative label
        ("Strategic steering", "fr", 80.0),
    ],
)
def test_exact_labels(scoring_client: TestClient, text: str, lang: str | None, expected: float) -> None:
    assert scores(scoring_client, {"query": text}, lang)[0] == ("G1", expected)


def test_a_prefix_scores_by_the_share_of_the_label_it_covers(scoring_client: TestClient) -> None:
    # 70 + 9 x 14/19 for "strategy management", 70 + 9 x 14/25 for "strategy management tools"
    assert scores(scoring_client, {"query": "Strategy manag"}) == [("G1", 76.63), ("G2", 75.04)]
    # the start of an alternative label: 60 + 9 x 13/18
    assert scores(scoring_client, {"query": "Strategic ste"}) == [("G1", 66.5)]


def test_a_typo_scores_below_any_prefix(scoring_client: TestClient) -> None:
    # one edit in 19 letters: similarity 18/19; 50 + 9 x (18/19 - 0.8) / 0.2
    assert similarity("strategy managment", "strategy management") == pytest.approx(18 / 19)
    assert scores(scoring_client, {"query": "Strategy managment"}) == [("G1", 56.63)]
    assert scores(scoring_client, {"query": "Strategy manegement"}) == [("G1", 56.63)], "a letter replaced"
    # two letters swapped are two edits (Levenshtein): 50 + 9 x (17/19 - 0.8) / 0.2
    assert scores(scoring_client, {"query": "Startegy management"}) == [("G1", 54.26)]
    # two edits in 8 letters (similarity 0.75) is not a typo any more
    assert scores(scoring_client, {"query": "Dota hab"}) == []


def test_words_of_a_label_and_of_a_definition(scoring_client: TestClient) -> None:
    # every word of the query among the label's: 40 + 9 x (2 query words / words of the label)
    assert scores(scoring_client, {"query": "management strategy"}) == [("G1", 49.0), ("G2", 46.0)]
    # among the definition's (10 words): 20 + 9 x 3/10
    assert scores(scoring_client, {"query": "whole city heading"}) == [("G1", 22.7)]


def test_the_bands_are_in_order_and_within_0_to_100(scoring_client: TestClient) -> None:
    """Identifier > exact label > the same in another language > alternative label > prefix > prefix of an
    alternative label > typo > words."""
    ladder = [
        ({"query": "G1"}, None),
        ({"query": "Strategy management"}, None),
        ({"query": "Strategiemanagement"}, "en"),
        ({"query": "Strategic steering"}, None),
        ({"query": "Strategic steering"}, "fr"),
        ({"query": "Strategy manag"}, None),
        ({"query": "Strategic ste"}, None),
        ({"query": "Strategy managment"}, None),
        ({"query": "management strategy"}, None),
        ({"query": "whole city heading"}, None),
    ]
    found = [dict(scores(scoring_client, q, lang))["G1"] for q, lang in ladder]
    assert found == sorted(found, reverse=True) and len(set(found)) == len(found), found
    assert all(0 <= s <= 100 for s in found)


def test_property_conditions_weigh_20_points(scoring_client: TestClient) -> None:
    def with_properties(*properties: dict[str, str]) -> list[tuple[str, float]]:
        return scores(scoring_client, {"query": "Strategy management", "properties": list(properties)})

    # 0.8 x 95 + 20 x share of conditions met; G2's name is a prefix: 0.8 x 76.84
    assert with_properties({"pid": "inScheme", "v": "scheme-kit"}) == [("G1", 96.0), ("G2", 61.47)]
    assert with_properties({"pid": "notation", "v": "G9"}) == [("G1", 76.0), ("G2", 61.47)]
    assert with_properties({"pid": "notation", "v": "G9"}, {"pid": "inScheme", "v": "kit"})[0] == ("G1", 86.0)


def test_without_a_name_the_score_is_the_share_of_conditions_met(scoring_client: TestClient) -> None:
    assert scores(scoring_client, {"properties": [{"pid": "inScheme", "v": "kit"}]}) == [("G1", 100.0)]
    both = [{"pid": "broader", "v": "G1"}, {"pid": "notation", "v": "G9"}]
    assert scores(scoring_client, {"properties": both}) == [("G2", 50.0)]


def test_a_soft_type_costs_a_quarter(scoring_client: TestClient) -> None:
    query = {"query": "Data hub", "type": "Gadget", "type_strict": "should"}
    assert scores(scoring_client, query) == [("G3", 95.0), ("G4", 71.25)]
    features = {c["id"]: {f["id"]: f["value"] for f in c["features"]} for c in recon(scoring_client, query)["result"]}
    assert features["G3"]["type"] is True and features["G4"]["type"] is False


def test_deprecated_terms_are_not_candidates_by_name(scoring_client: TestClient) -> None:
    assert "G5" not in dict(scores(scoring_client, {"query": "Retired strategy management"}))
    assert scores(scoring_client, {"query": "G5"}) == [("G5", 100.0)], "named by its id, it is still found"


def matches(client: TestClient, query: dict[str, Any], lang: str | None = None) -> list[tuple[str, bool]]:
    return [(c["id"], c["match"]) for c in recon(client, query, lang)["result"]]


def test_match_is_set_for_a_single_exact_hit_only(scoring_client: TestClient) -> None:
    assert matches(scoring_client, {"query": "G1"}) == [("G1", True)]
    assert matches(scoring_client, {"query": "Strategy management"}) == [("G1", True), ("G2", False)]
    assert matches(scoring_client, {"query": "Strategiemanagement"}, "en") == [("G1", True)]
    assert matches(scoring_client, {"query": "Strategic steering"}) == [("G1", True)]
    assert matches(scoring_client, {"query": "Strategy manag"}) == [("G1", False), ("G2", False)]
    assert matches(scoring_client, {"query": "Strategy managment"}) == [("G1", False)]
    assert matches(scoring_client, {"properties": [{"pid": "inScheme", "v": "kit"}]}) == [("G1", False)]


def test_namesakes_are_never_a_match_not_even_when_the_limit_hides_one(scoring_client: TestClient) -> None:
    assert matches(scoring_client, {"query": "Data hub"}) == [("G3", False), ("G4", False)]
    assert matches(scoring_client, {"query": "Data hub", "limit": 1}) == [("G3", False)]


def test_a_type_can_make_a_namesake_unambiguous(scoring_client: TestClient) -> None:
    assert matches(scoring_client, {"query": "Data hub", "type": "Gadget"}) == [("G3", True)]
    soft = {"query": "Data hub", "type": "Gadget", "type_strict": "should"}
    assert matches(scoring_client, soft) == [("G3", True), ("G4", False)]


def test_a_condition_can_make_a_namesake_unambiguous(scoring_client: TestClient) -> None:
    query = {"query": "Data hub", "properties": [{"pid": "notation", "v": "G4"}]}
    assert matches(scoring_client, query) == [("G4", True), ("G3", False)]
    query["properties"] = [{"pid": "type", "v": "skos:Concept"}]  # both have it: still ambiguous
    assert matches(scoring_client, query) == [("G3", False), ("G4", False)]


def test_an_unmet_condition_prevents_a_match(scoring_client: TestClient) -> None:
    query = {"query": "Strategy management", "properties": [{"pid": "notation", "v": "G9"}]}
    assert matches(scoring_client, query)[0] == ("G1", False)
    query["properties"] = [{"pid": "notation", "v": "G1"}]
    assert matches(scoring_client, query)[0] == ("G1", True)


def test_the_1_0_draft_scores_alike(scoring_client: TestClient) -> None:
    """The draft's lang is the language the name is written in: it decides which exact label is "another
    language"; an id condition is an identifier."""

    def top(query: dict[str, Any]) -> tuple[str, float, bool]:
        response = scoring_client.post("/reconcile/v1/match", json={"queries": [query]})
        assert response.status_code == 200, response.text
        best = response.json()["results"][0]["candidates"][0]
        return best["id"], best["score"], best["match"]

    name = [{"matchType": "name", "propertyValue": "Strategiemanagement"}]
    assert top({"conditions": name, "lang": "de"}) == ("G1", 95.0, True)
    assert top({"conditions": name, "lang": "en"}) == ("G1", 90.0, True)
    assert top({"conditions": [{"matchType": "id", "propertyValue": "G2"}]}) == ("G2", 100.0, True)
    refined = [*name, {"matchType": "property", "propertyId": "notation", "propertyValue": "G9"}]
    assert top({"conditions": refined, "lang": "de"}) == ("G1", 76.0, False)
