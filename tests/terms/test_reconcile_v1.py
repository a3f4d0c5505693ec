"""The 1.0 draft's routes at /reconcile/v1 (manifest, match, suggest, preview, extend, propose), data extension in
0.2, and every JSON answer of both versions against its published schema."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from cityref import resources
from cityref.api.reconcile import accept_language

from .conftest import Schemas

V1 = "/reconcile/v1"


def cityref_classes() -> set[URIRef]:
    """The classes of the cityref namespace in the shipped ontology (the number grows as modules are added)."""
    graph = Graph()
    for path in sorted(resources.ontology_dir().glob("*.ttl")):
        graph.parse(path, format="turtle")
    return {c for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith("https://w3id.org/cityref/def/")}


NAME = {"matchType": "name", "propertyValue": "Strategy management"}
EXTEND = {"ids": ["B5", "group-strategy-management"], "properties": [{"id": "iri"}, {"id": "broader"}]}

# (version, method, path, request keywords, schema of the answer): every JSON route and kind of answer.
ANSWERS: list[tuple[str, str, str, dict[str, Any], str]] = [
    ("0.2", "GET", "/reconcile", {}, "manifest"),
    ("0.2", "GET", "/reconcile", {"params": {"queries": json.dumps({"q": {"query": "B5"}})}},
     "reconciliation-result-batch"),
    ("0.2", "POST", "/reconcile", {"data": {"queries": json.dumps({"q": {"query": "B5", "type": "Nope"}})}},
     "reconciliation-result-batch"),
    ("0.2", "GET", "/reconcile", {"params": {"extend": json.dumps(EXTEND)}}, "data-extension-response"),
    ("0.2", "POST", "/reconcile", {"data": {"extend": json.dumps({**EXTEND, "ids": ["B5", "nope"]})}},
     "data-extension-response"),
    ("0.2", "GET", "/reconcile/extend/propose", {"params": {"type": "Practice", "limit": 3}},
     "data-extension-property-proposal"),
    ("0.2", "GET", "/reconcile/suggest/entity", {"params": {"prefix": "strat", "cursor": 1}},
     "suggest-entities-response"),
    ("0.2", "GET", "/reconcile/suggest/type", {"params": {"prefix": "risk"}}, "suggest-types-response"),
    ("0.2", "GET", "/reconcile/suggest/property", {"params": {"prefix": "scheme"}}, "suggest-properties-response"),
    ("1.0-draft", "GET", V1, {}, "manifest"),
    ("1.0-draft", "POST", V1 + "/match", {"json": {"queries": [{"conditions": [NAME]}]}},
     "reconciliation-result-batch"),
    ("1.0-draft", "POST", V1 + "/match", {"json": {"queries": [{"conditions": [NAME], "type": "Nope"}]}},
     "reconciliation-result-batch"),
    ("1.0-draft", "GET", V1 + "/match", {"params": {"queries": json.dumps({"queries": [{"conditions": [NAME]}]})}},
     "reconciliation-result-batch"),
    ("1.0-draft", "POST", V1 + "/reconcile", {"json": {"queries": [{"conditions": [NAME]}]}},
     "reconciliation-result-batch"),
    ("1.0-draft", "POST", V1 + "/extend", {"json": EXTEND}, "data-extension-response"),
    ("1.0-draft", "GET", V1, {"params": {"extend": json.dumps(EXTEND)}}, "data-extension-response"),
    ("1.0-draft", "POST", V1 + "/extend", {"json": {"ids": ["nope"], "properties": [{"id": "colour"}]}},
     "data-extension-response"),
    ("1.0-draft", "GET", V1 + "/extend/propose", {"params": {"type": "KeyRisk"}}, "data-extension-property-proposal"),
    ("1.0-draft", "GET", V1 + "/suggest/entity", {"params": {"prefix": "B5"}}, "suggest-entities-response"),
    ("1.0-draft", "GET", V1 + "/suggest/entity", {"params": {"prefix": "", "limit": 3, "offset": 2}},
     "suggest-entities-response"),
    ("1.0-draft", "GET", V1 + "/suggest/type", {"params": {"prefix": ""}}, "suggest-types-response"),
    ("1.0-draft", "GET", V1 + "/suggest/property", {"params": {"prefix": "bro"}}, "suggest-properties-response"),
]  # fmt: skip


@pytest.mark.parametrize(("version", "method", "path", "kwargs", "schema"), ANSWERS)
def test_every_answer_validates(
    open_client: TestClient, schemas: Schemas, version: str, method: str, path: str, kwargs: dict[str, Any], schema: str
) -> None:
    response = open_client.request(method, path, **kwargs)
    assert response.status_code == 200, response.text
    body = response.json()
    schemas.validate(version, schema, body)
    assert body, "an empty object would validate against some of these schemas"
    for key in ("result", "results", "rows", "properties"):
        if key in body:
            assert body[key], f"{path}: empty {key}: the test would prove little"


def test_the_requests_we_document_validate(schemas: Schemas) -> None:
    for version in ("0.2", "1.0-draft"):
        schemas.validate(version, "data-extension-query", EXTEND)
    schemas.validate("1.0-draft", "reconciliation-query-batch", {"queries": [{"conditions": [NAME]}]})
    assert not schemas.is_valid("1.0-draft", "data-extension-query", {"ids": ["B5"]}), "the schema bites"


def test_match_answers_in_order_with_per_query_errors(open_client: TestClient) -> None:
    queries = [
        {"conditions": [{"matchType": "name", "propertyValue": "B5"}]},
        {"conditions": [{"matchType": "name", "propertyValue": "B5"}], "type": "Nope"},
        {"conditions": [{"matchType": "property", "propertyId": "notation", "propertyValue": "B6"}]},
        {"conditions": [{"matchType": "name", "propertyValue": "B5"},
                        {"matchType": "property", "propertyId": "colour", "propertyValue": "red", "required": True}]},
        {"conditions": [{"matchType": "id", "propertyValue": ["B7", "cityref:B8"]}]},
    ]  # fmt: skip
    results = open_client.post(V1 + "/match", json={"queries": queries}).json()["results"]
    assert [[c["id"] for c in r["candidates"]][:2] for r in results[1:]] == [[], ["B6"], [], ["B7", "B8"]]
    assert results[0]["candidates"][0]["id"] == "B5"
    assert "errors" not in results[0] and results[1]["errors"][0]["code"] == "unknown-type"
    assert results[3]["errors"][0] == {
        "code": "unknown-property",
        "message": results[3]["errors"][0]["message"],
        "property": "colour",
    }
    assert "notation" in results[3]["errors"][0]["message"], "the message lists the properties we know"


def test_match_quantifiers_and_condition_languages(open_client: TestClient) -> None:
    def ids(*conditions: dict[str, Any]) -> list[str]:
        body = {"queries": [{"limit": 25, "conditions": list(conditions)}]}
        return [c["id"] for c in open_client.post(V1 + "/match", json=body).json()["results"][0]["candidates"]]

    def notation(values: Any, quantifier: str, **more: Any) -> dict[str, Any]:
        return {"matchType": "property", "propertyId": "notation", "propertyValue": values,
                "matchQuantifier": quantifier, **more}  # fmt: skip

    assert ids(notation(["B5", "B6"], "any")) == ["B5", "B6"]
    assert ids(notation(["B5", "B6"], "all")) == []
    group = {"matchType": "property", "propertyId": "broader", "propertyValue": "group-strategy-management"}
    members = ids({**group, "required": True})
    assert "B5" in members and len(members) > 1
    assert "B5" not in ids({**group, "required": True}, notation("B5", "none", required=True))
    label = {"matchType": "property", "propertyId": "label", "propertyValue": "Strategiemanagement", "required": True}
    assert ids({**label, "lang": "de"}) == ["group-strategy-management"]
    assert ids({**label, "lang": "fr"}) == [], "a German label is not a French one"


def test_an_unsupported_match_qualifier_is_reported_not_refused(open_client: TestClient) -> None:
    condition = {"matchType": "property", "propertyId": "notation", "propertyValue": "B5", "matchQualifier": "Wild"}
    result = open_client.post(V1 + "/match", json={"queries": [{"conditions": [condition]}]}).json()["results"][0]
    assert result["candidates"][0]["id"] == "B5"
    assert (
        result["errors"][0]["code"] == "unsupported-match-qualifier" and result["errors"][0]["matchQualifier"] == "Wild"
    )


def test_accept_language_names_the_candidates(open_client: TestClient) -> None:
    body = {"queries": [{"conditions": [{"matchType": "id", "propertyValue": "B5"}]}]}
    french = open_client.post(V1 + "/match", json=body, headers={"Accept-Language": "fr-CH, fr;q=0.9, en;q=0.8"})
    candidate = french.json()["results"][0]["candidates"][0]
    assert candidate["lang"] == "fr" and candidate["name"].startswith("Cartographie")
    assert candidate["type"] == [{"id": "Practice", "name": "pratique"}]
    english = open_client.post(V1 + "/match", json=body).json()["results"][0]["candidates"][0]
    assert english["lang"] == "en" and english["name"] == "Mapping the city's interoperability needs"


def test_accept_language_parsing() -> None:
    assert accept_language("fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5") == ("fr-ch", "fr", "en")
    assert accept_language("de;q=0.5, it") == ("it", "de")
    assert accept_language("en;q=0, es") == ("es",)
    assert accept_language("<script>, fr;q=abc, it") == ("it",)
    assert accept_language("") is None and accept_language(None) is None


def test_suggest_by_id_empty_prefix_limit_and_offset(open_client: TestClient) -> None:
    def ids(kind: str, **params: Any) -> list[str]:
        return [r["id"] for r in open_client.get(f"{V1}/suggest/{kind}", params=params).json()["result"]]

    assert ids("entity", prefix="group-strategy-management")[0] == "group-strategy-management"
    assert ids("entity", prefix="cityref:B5")[0] == "B5"
    everything = ids("entity", prefix="", limit=100)
    assert len(everything) == 100
    assert ids("entity", prefix="", limit=3, offset=2) == everything[2:5]
    assert ids("type", prefix="KeyRisk")[0] == "KeyRisk"
    assert ids("type", prefix="risk")[:3] == ["Risk", "RiskAssessment", "KeyRisk"], "name, then start, then a word"
    assert ids("property", prefix="broader") == ["broader"]
    assert len(ids("property", prefix="", limit=100)) == 16
    assert len(ids("type", prefix="", limit=2)) == 2


def test_types_carry_their_broader_types(open_client: TestClient) -> None:
    listed = open_client.get(V1 + "/suggest/type", params={"prefix": "", "limit": 100}).json()["result"]
    types = {t["id"]: t for t in listed}
    assert len(types) == len(cityref_classes()) > 40, "every class of the ontology"
    assert types["Programme"]["broader"] == [{"id": "Initiative", "name": "initiative"}]
    assert types["Practice"]["broader"] == [{"id": "skos:Concept", "name": "skos:Concept"}]
    assert types["City"]["broader"] == [{"id": "Place", "name": "place"}]
    assert "broader" not in types["Vision"]
    broader = {b["id"] for t in listed for b in t.get("broader", [])}
    queries = [{"type": b, "conditions": [{"matchType": "name", "propertyValue": "city"}]} for b in sorted(broader)]
    results = open_client.post(V1 + "/match", json={"queries": queries}).json()["results"]
    assert not any("errors" in r for r in results), "every broader type works as a query's type"


def test_the_preview_fits_its_frame_and_speaks_the_asked_language(open_client: TestClient) -> None:
    manifest = open_client.get(V1).json()
    assert manifest["preview"] == {"width": 430, "height": 180}
    page = open_client.get(V1 + "/preview", params={"id": "B5"}, headers={"Accept-Language": "fr"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="fr">' in page.text and "Cartographie des besoins" in page.text
    assert "Détermination des systèmes" in page.text and "Working out which systems" not in page.text
    fallback = open_client.get(V1 + "/preview", params={"id": "B5"}, headers={"Accept-Language": "pt"}).text
    assert "Working out which systems" in fallback, "no Portuguese definition: the English one stands in"
    assert 'href="/def/B5"' in page.text and "<script" not in page.text
    german = open_client.get(V1 + "/preview", params={"id": "B5", "lang": "de"}).text
    assert '<html lang="de">' in german and '<p lang="de">Ermittlung' in german
    assert german.count('lang="de"') == 2, "the label, in the page's language, carries no tag of its own"


def test_extend_v1(open_client: TestClient) -> None:
    body = {
        "ids": ["B5", "nope", "cityref:B6"],
        "properties": [
            {"id": "iri"},
            {"id": "label", "settings": {"lang": "it"}},
            {"id": "broader"},
            {"id": "inScheme", "settings": {"limit": "1"}},
            {"id": "colour"},
            {"id": "label", "settings": {"lang": "fr"}},
        ],
    }
    answer = open_client.post(V1 + "/extend", json=body).json()
    assert [m["id"] for m in answer["meta"]] == ["iri", "label", "broader", "inScheme", "colour"]
    assert [r["id"] for r in answer["rows"]] == ["B5", "nope", "cityref:B6"], "rows in the order of the ids asked"
    b5 = {p["id"]: p["values"] for p in answer["rows"][0]["properties"]}
    assert b5["iri"] == [{"str": "https://w3id.org/cityref/def/B5"}]
    assert b5["label"] == [{"str": "Mappatura delle esigenze di interoperabilità della città", "lang": "it"}]
    assert b5["broader"] == [{"id": "group-strategy-management", "name": "Strategy management", "lang": "en"}]
    assert b5["inScheme"] == [{"id": "scheme-operating-model", "name": "smart city operating model", "lang": "en"}]
    assert b5["colour"] == []
    assert all(p["values"] == [] for p in answer["rows"][1]["properties"])
    b6 = {p["id"]: p["values"] for p in answer["rows"][2]["properties"]}
    assert b6["iri"] == [{"str": "https://w3id.org/cityref/def/B6"}]
    assert {(e["code"], e.get("property") or e.get("id")) for e in answer["errors"]} == {
        ("unknown-property", "colour"),
        ("unknown-entity", "nope"),
    }


def test_extend_languages(open_client: TestClient) -> None:
    def labels(headers: dict[str, str] | None = None, **settings: str) -> list[dict[str, str]]:
        body = {"ids": ["B5"], "properties": [{"id": "label", "settings": settings}]}
        answer = open_client.post(V1 + "/extend", json=body, headers=headers or {}).json()
        values: list[dict[str, str]] = answer["rows"][0]["properties"][0]["values"]
        return values

    assert [v["lang"] for v in labels()] == ["en"]
    assert [v["lang"] for v in labels({"Accept-Language": "es"})] == ["es"]
    assert [v["lang"] for v in labels({"Accept-Language": "es"}, lang="de")] == ["de"], "the setting wins"
    assert sorted(v["lang"] for v in labels(lang="all")) == ["de", "en", "es", "fr", "it"]
    assert labels(lang="xx")[0]["lang"] == "en", "a language the term lacks gets the English stand-in"


def test_extend_v02_shape(open_client: TestClient) -> None:
    query = {"ids": ["B5"], "properties": [{"id": "label", "settings": {"lang": "de"}}, {"id": "mitigates"}]}
    answer = open_client.post("/reconcile", data={"extend": json.dumps(query)}).json()
    assert answer["meta"] == [{"id": "label", "name": "preferred label"}, {"id": "mitigates", "name": "mitigates"}]
    row = answer["rows"]["B5"]
    assert row["label"] == [{"str": "Erfassung des Interoperabilitätsbedarfs der Stadt"}], "0.2 values carry no lang"
    assert {v["id"] for v in row["mitigates"]} == {"key-risk-silo-working", "key-risk-uncoordinated-infrastructure"}
    assert all(set(v) == {"id", "name"} for v in row["mitigates"])
    by_get = open_client.get("/reconcile", params={"extend": json.dumps(query), "lang": "it"}).json()
    assert by_get["rows"]["B5"]["label"][0]["str"].startswith("Erfassung"), "the property's own setting wins"


def test_extended_entities_reconcile_back(open_client: TestClient) -> None:
    """Linking values are entities of this service: their ids work in /match and in the view template."""
    answer = open_client.post(V1 + "/extend", json={"ids": ["B5"], "properties": [{"id": "mitigates"}]}).json()
    for value in answer["rows"][0]["properties"][0]["values"]:
        query = {"queries": [{"conditions": [{"matchType": "id", "propertyValue": value["id"]}]}]}
        found = open_client.post(V1 + "/match", json=query).json()["results"][0]["candidates"][0]
        assert (found["id"], found["match"]) == (value["id"], True)
        view = open_client.get(V1).json()["view"]["url"].replace("{id}", value["id"])
        assert open_client.get(view.replace("http://127.0.0.1:8000", "")).status_code == 200


def test_proposals(open_client: TestClient) -> None:
    def proposed(**params: Any) -> dict[str, Any]:
        response = open_client.get(V1 + "/extend/propose", params=params)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    risks = proposed(type="KeyRisk")
    ids = [p["id"] for p in risks["properties"]]
    assert risks["type"] == "KeyRisk" and "mitigatedBy" in ids and "mitigates" not in ids, "only what risks have"
    assert "iri" in ids and "label" in ids
    practices = [p["id"] for p in proposed(type="Practice")["properties"]]
    assert "mitigates" in practices and "mitigatedBy" not in practices
    limited = proposed(type="Practice", limit=2)
    assert limited["limit"] == 2 and [p["id"] for p in limited["properties"]] == practices[:2]
    assert len(proposed()["properties"]) == 16, "no type: every property"
    unknown = open_client.get(V1 + "/extend/propose", params={"type": "Nope"})
    assert unknown.status_code == 400 and unknown.json()["parameter"] == "type"


def test_the_manifests_announce_what_is_served(open_client: TestClient) -> None:
    v1 = open_client.get(V1).json()
    assert v1["extend"]["proposeProperties"] is True
    assert [s["id"] for s in v1["extend"]["propertySettings"]] == ["limit", "lang"]
    assert v1["suggest"] == {"entity": True, "property": True, "type": True}
    v02 = open_client.get("/reconcile").json()
    propose = v02["extend"]["propose_properties"]
    assert propose["service_path"] == "/reconcile/extend/propose"
    assert [s["name"] for s in v02["extend"]["property_settings"]] == ["limit", "lang"]
    for kind in ("entity", "type", "property"):
        service = v02["suggest"][kind]
        assert open_client.get(service["service_path"], params={"prefix": "a"}).status_code == 200


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (V1 + "/extend", {"ids": "B5", "properties": []}),
        (V1 + "/extend", {"ids": ["B5"], "properties": ["iri"]}),
        (V1 + "/extend", {"ids": ["B5"], "properties": [{"id": "iri", "settings": {"limit": "many"}}]}),
        (V1 + "/extend", {"ids": ["B5"], "properties": [{"id": "iri", "settings": {"lang": "not a tag!"}}]}),
        (V1 + "/match", {"queries": {"q0": {"query": "B5"}}}),
        (V1 + "/match", {"queries": [{"conditions": [{"matchType": "name"}]}]}),
        (V1 + "/match", {"queries": [{"conditions": [{"matchType": "property", "propertyValue": "x"}]}]}),
        (V1 + "/match", {"queries": [{"conditions": [{"matchType": "name", "propertyValue": [[1]]}]}]}),
    ],
)
def test_malformed_requests_are_400(open_client: TestClient, path: str, body: dict[str, Any]) -> None:
    response = open_client.post(path, json=body)
    assert response.status_code == 400, response.text


def test_extension_requests_are_bounded(open_client: TestClient) -> None:
    limit = open_client.app.state.settings.max_bulk_items  # type: ignore[attr-defined]
    many = {"ids": [f"B{i}" for i in range(limit + 1)], "properties": [{"id": "iri"}]}
    response = open_client.post(V1 + "/extend", json=many)
    assert response.status_code == 413 and response.json()["limit"] == "max_bulk_items"
    long_id = {"ids": ["B" * 1000], "properties": [{"id": "iri"}]}
    assert open_client.post(V1 + "/extend", json=long_id).status_code == 422


def test_the_deprecated_alias_is_marked_in_openapi(open_client: TestClient) -> None:
    paths = open_client.get("/openapi.json").json()["paths"]
    assert paths[V1 + "/reconcile"]["post"]["deprecated"] is True
    assert "deprecated" not in paths[V1 + "/match"]["post"]
    assert re.search(r"/match", paths[V1 + "/reconcile"]["post"]["summary"])
