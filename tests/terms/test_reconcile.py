"""The reconciliation service, checked against the published JSON Schemas of API 0.2 (what OpenRefine speaks) and of
the 1.0 draft: manifests, single and batch queries, property refinement, suggest and preview services, and the
limits. The 1.0 draft's own routes (match, extend, propose...) are in test_reconcile_v1.py, the scores in
test_reconcile_scoring.py."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cityref.settings import Settings

from .conftest import Schemas

BATCH_V02 = {
    "q0": {"query": "B5"},
    "q1": {"query": "Strategiemanagement", "type": "ProcessGroup", "limit": 2},
    "q2": {"query": "interoperability", "type": ["Practice"], "type_strict": "all",
           "properties": [{"pid": "notation", "v": "B5"}]},
    "q3": {"query": "qqqzzzxxy"},
    "q4": {"properties": [{"pid": "notation", "v": "B7"}]},
}  # fmt: skip


def _post_v02(client: TestClient, batch: dict[str, Any]) -> Any:
    response = client.post("/reconcile", data={"queries": json.dumps(batch)})
    assert response.status_code == 200, response.text
    return response.json()


def test_manifest_v02(client: TestClient, schemas: Schemas) -> None:
    manifest = client.get("/reconcile").json()
    schemas.validate("0.2", "manifest", manifest)
    assert "0.2" in manifest["versions"]
    assert manifest["identifierSpace"] == "https://w3id.org/cityref/def/"
    assert {"Practice", "KeyRisk", "DeliveryPrinciple"} <= {t["id"] for t in manifest["defaultTypes"]}
    view = manifest["view"]["url"].replace("{{id}}", "B5")
    assert client.get(view, headers={"Accept": "text/html"}).status_code == 200
    preview = client.get(manifest["preview"]["url"].replace("{{id}}", "B5"))
    assert preview.status_code == 200 and "interoperability" in preview.text
    entity = manifest["suggest"]["entity"]
    suggested = client.get(entity["service_url"] + entity["service_path"], params={"prefix": "strat"}).json()
    schemas.validate("0.2", "suggest-entities-response", suggested)


def test_manifest_v1(client: TestClient, schemas: Schemas) -> None:
    manifest = client.get("/reconcile/v1").json()
    schemas.validate("1.0-draft", "manifest", manifest)
    assert manifest["standardizedScore"] is True and manifest["batchSize"] >= 1
    assert manifest["view"]["url"].endswith("/def/{id}"), "an RFC 6570 template, as the draft asks"
    assert "identifierSpace" not in manifest and "schemaSpace" not in manifest, "the draft dropped them"
    assert not schemas.is_valid("1.0-draft", "manifest", {"versions": ["0.2"], "name": "x"}), "the schema bites"


def test_batch_v02(client: TestClient, schemas: Schemas) -> None:
    schemas.validate("0.2", "reconciliation-query-batch", BATCH_V02)
    results = _post_v02(client, BATCH_V02)
    schemas.validate("0.2", "reconciliation-result-batch", results)
    assert set(results) == set(BATCH_V02)
    first = results["q0"]["result"][0]
    assert (first["id"], first["score"], first["match"]) == ("B5", 100.0, True)
    assert first["type"] == [{"id": "Practice", "name": "practice"}]
    assert [c["id"] for c in results["q1"]["result"]] == ["group-strategy-management"]
    refined = results["q2"]["result"][0]
    assert refined["id"] == "B5"
    assert {"id": "property:notation", "name": "notation condition met", "value": True} in refined["features"]
    assert results["q3"]["result"] == []
    assert results["q4"]["result"][0]["id"] == "B7"


def test_get_with_queries_and_single_query(client: TestClient, schemas: Schemas) -> None:
    response = client.get("/reconcile", params={"queries": json.dumps({"a": {"query": "gestione della strategia"}})})
    schemas.validate("0.2", "reconciliation-result-batch", response.json())
    best = response.json()["a"]["result"][0]
    assert best["id"] == "group-strategy-management" and best["lang"] == "it"
    single = client.get("/reconcile", params={"query": "B5"}).json()
    assert single["result"][0]["id"] == "B5"


def test_jsonp_is_off_by_default_and_opt_in(client: TestClient, settings: Settings) -> None:
    plain = client.get("/reconcile", params={"callback": "cb"})
    assert plain.headers["content-type"].startswith("application/json")
    app_state = client.app.state  # type: ignore[attr-defined]
    app_state.settings = settings.model_copy(update={"reconcile_jsonp": True})
    try:
        wrapped = client.get("/reconcile", params={"callback": "cb"})
        assert wrapped.headers["content-type"].startswith("application/javascript")
        assert wrapped.text.startswith("/**/cb(") and wrapped.text.endswith(");")
        assert client.get("/reconcile", params={"callback": "alert(1)//"}).status_code == 400
    finally:
        app_state.settings = settings


def test_batch_v1(client: TestClient, schemas: Schemas) -> None:
    body = {
        "queries": [
            {"conditions": [{"matchType": "name", "propertyValue": "Strategy management"}], "lang": "en"},
            {"conditions": [{"matchType": "id", "propertyValue": "cityref:B6"}]},
            {
                "type": "Practice",
                "limit": 3,
                "conditions": [
                    {"matchType": "name", "propertyValue": "interoperability"},
                    {"matchType": "property", "propertyId": "broader", "propertyValue": "component-B",
                     "required": True},
                ],
            },
            {"conditions": [{"matchType": "name", "propertyValue": "qqqzzzxxy"}]},
        ]
    }  # fmt: skip
    schemas.validate("1.0-draft", "reconciliation-query-batch", body)
    response = client.post("/reconcile/v1/match", json=body)
    assert response.status_code == 200, response.text
    results = response.json()
    schemas.validate("1.0-draft", "reconciliation-result-batch", results)
    candidates = [r["candidates"] for r in results["results"]]
    assert candidates[0][0]["id"] == "group-strategy-management" and candidates[0][0]["match"] is True
    assert candidates[1][0]["id"] == "B6"
    assert candidates[2] and all(c["id"].startswith("B") for c in candidates[2])
    assert candidates[3] == []


@pytest.mark.parametrize("version", ["0.2", "1.0-draft"])
@pytest.mark.parametrize("kind", ["entity", "type", "property"])
def test_suggest_services(client: TestClient, schemas: Schemas, version: str, kind: str) -> None:
    root = "/reconcile" if version == "0.2" else "/reconcile/v1"
    prefix = {"entity": "interop", "type": "prac", "property": "nota"}[kind]
    body = client.get(f"{root}/suggest/{kind}", params={"prefix": prefix}).json()
    schema = {"entity": "suggest-entities-response", "type": "suggest-types-response"}.get(
        kind, "suggest-properties-response"
    )
    schemas.validate(version, schema, body)
    assert body["result"], kind


def test_bad_requests(client: TestClient, settings: Settings) -> None:
    assert client.post("/reconcile", data={"queries": "{not json"}).status_code == 400
    assert client.post("/reconcile", data={"queries": "[1, 2]"}).status_code == 400
    assert client.post("/reconcile", data={}).status_code == 400
    too_many = {f"q{i}": {"query": "B5"} for i in range(settings.max_bulk_items + 1)}
    response = client.post("/reconcile", data={"queries": json.dumps(too_many)})
    assert response.status_code == 413 and response.json()["limit"] == "max_bulk_items"
    long_query = {"q0": {"query": "x" * (settings.max_search_length + 1)}}
    assert client.post("/reconcile", data={"queries": json.dumps(long_query)}).status_code == 422
    bad_v1 = client.post("/reconcile/v1/match", json={"queries": [{"conditions": []}]})
    assert bad_v1.status_code == 400, "the schema wants at least one condition: the batch is malformed"
    assert client.post("/reconcile", data={"queries": json.dumps({"q0": {"query": "B5", "type_strict": "some"}})}
                       ).status_code == 400  # fmt: skip
    assert client.get("/reconcile/preview", params={"id": "B55"}).status_code == 404


def test_an_unknown_type_or_property_costs_its_own_query_only(client: TestClient, schemas: Schemas) -> None:
    """A well-formed query naming what we do not know is answered (with an error entry), and so is the batch."""
    batch = {
        "good": {"query": "B5"},
        "type": {"query": "B5", "type": "Nope"},
        "soft": {"query": "B5", "type": "Nope", "type_strict": "should"},
        "pid": {"query": "B5", "properties": [{"pid": "colour", "v": "red"}]},
        "needed": {"properties": [{"pid": "colour", "v": "red"}]},
    }
    results = _post_v02(client, batch)
    schemas.validate("0.2", "reconciliation-result-batch", results)
    assert results["good"]["result"][0]["id"] == "B5" and "errors" not in results["good"]
    assert results["type"]["result"] == [], "no term has an unknown type"
    assert results["type"]["errors"] == [
        {"code": "unknown-type", "message": "No class of the ontology is called 'Nope'", "type": "Nope"}
    ]
    soft = results["soft"]["result"][0]
    assert soft["id"] == "B5" and soft["score"] == 75.0 and soft["match"] is False, "a wish, not a filter"
    assert results["pid"]["result"][0]["id"] == "B5", "the unknown property is a condition nobody meets"
    assert results["pid"]["result"][0]["score"] == 80.0
    assert [e["code"] for e in results["pid"]["errors"]] == ["unknown-property"]
    assert results["needed"]["result"] == []


def test_several_types_any_or_all(client: TestClient) -> None:
    """A candidate has one of the types (the default, or "any") or all of them; unknown ones never match."""

    def ids(query: dict[str, Any]) -> set[str]:
        return {c["id"] for c in _post_v02(client, {"q": {**query, "limit": 25}})["q"]["result"]}

    risks, practices = ids({"query": "data", "type": "KeyRisk"}), ids({"query": "data", "type": "Practice"})
    assert risks and practices and not risks & practices
    assert ids({"query": "data", "type": ["KeyRisk", "Practice"]}) == risks | practices
    assert ids({"query": "data", "type": ["KeyRisk", "Practice"], "type_strict": "any"}) == risks | practices
    assert ids({"query": "data", "type": ["KeyRisk", "Nope"]}) == risks
    assert ids({"query": "data", "type": ["KeyRisk", "Nope"], "type_strict": "all"}) == set()
    assert ids({"query": "data", "type": ["KeyRisk", "Practice"], "type_strict": "all"}) == set()
    assert ids({"query": "data", "type": ["KeyRisk", "skos:Concept"], "type_strict": "all"}) == risks


def test_property_values_and_ids_count_against_the_limits(client: TestClient, settings: Settings) -> None:
    """Each id and property value is looked up for every candidate: they are bounded like query texts."""
    many = [{"pid": "broader", "v": [f"x{i}" for i in range(settings.max_bulk_items + 1)]}]
    response = client.post("/reconcile", data={"queries": json.dumps({"q0": {"query": "B5", "properties": many}})})
    assert response.status_code == 413 and response.json()["limit"] == "max_bulk_items"
    long_value = [{"matchType": "id", "propertyValue": "B" * (settings.max_search_length + 1)}]
    response = client.post("/reconcile/v1/match", json={"queries": [{"conditions": long_value}]})
    assert response.status_code == 422 and response.json()["limit"] == "max_search_length"


@pytest.mark.parametrize(
    "query",
    [{"query": "B5", "properties": {"pid": "notation"}}, {"query": "B5", "properties": ["notation"]}, {"query": 5}],
)
def test_malformed_v02_members_are_400_not_500(client: TestClient, query: dict[str, object]) -> None:
    response = client.post("/reconcile", data={"queries": json.dumps({"q0": query})})
    assert response.status_code == 400, response.text


def test_an_infinite_limit_falls_back_to_the_default(client: TestClient) -> None:
    response = client.post("/reconcile", data={"queries": '{"q0": {"query": "Strategy", "limit": 1e999}}'})
    assert response.status_code == 200 and 0 < len(response.json()["q0"]["result"]) <= 5


@pytest.mark.parametrize(
    "query",
    [
        {"conditions": ["B5"]},
        {"conditions": [{"matchType": "name", "propertyValue": "B5"}], "lang": 5},
        {"conditions": [{"matchType": "name", "propertyValue": "B5"}], "type": ["Practice"]},
    ],
)
def test_malformed_v1_members_are_400_not_500(client: TestClient, query: dict[str, object]) -> None:
    response = client.post("/reconcile/v1/match", json={"queries": [query]})
    assert response.status_code == 400, response.text


@pytest.mark.parametrize(
    "text",
    [
        "[" * 1200 + "]" * 1200,
        '{"a":' * 1200 + "1" + "}" * 1200,
        '{"q0": {"query": "B5", "limit": ' + "9" * 5000 + "}}",
    ],
    ids=["deep list", "deep object", "huge integer"],
)
def test_json_python_cannot_read_is_400_not_500(client: TestClient, text: str) -> None:
    """json.loads raises RecursionError and ValueError (digit limit) besides JSONDecodeError; both were 500s."""
    assert client.get("/reconcile", params={"queries": text}).status_code == 400
    assert client.post("/reconcile", data={"queries": text}).status_code == 400
