"""The term API over HTTP: lookups, lists, hierarchy, search, autocomplete, download, bulk resolve, limits, OpenAPI."""

from __future__ import annotations

import json

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from rdflib import Graph

from cityref.api import dereference, reconcile
from cityref.api import terms as terms_api
from cityref.api.term_models import ResolveResponse, SearchPage, Term, TermPage
from cityref.settings import Settings

B5 = "https://w3id.org/cityref/def/B5"


@pytest.mark.parametrize("path", ["/terms/B5", "/terms/cityref:B5", "/terms/b5", f"/terms?iri={B5}"])
def test_term_by_any_identifier(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    body = response.json()
    Term.model_validate(body)  # the documented shape
    assert (body["iri"], body["curie"], body["notation"]) == (B5, "cityref:B5", "B5")
    assert response.headers["etag"] and response.headers["cache-control"]


def test_term_language_chain(client: TestClient) -> None:
    body = client.get("/terms/B5?lang=it,en").json()
    assert body["labelLang"] == "it" and list(body["labels"]) == ["it"]
    everything = client.get("/terms/B5?lang=all").json()
    assert {"en", "fr", "es", "de", "it"} <= set(everything["labels"])
    assert client.get("/terms/B5?lang=e%20n").status_code == 400


def test_bad_identifiers(client: TestClient) -> None:
    unknown = client.get("/terms/nosuch:B5")
    assert unknown.status_code == 400
    assert unknown.json()["code"] == "unknown-prefix" and unknown.json()["prefix"] == "nosuch"
    malformed = client.get("/terms", params={"iri": "https://w3id.org/cityref/def/B 5"})
    assert malformed.status_code == 400 and "not allowed" in malformed.json()["detail"]
    missing = client.get("/terms/Strategy-managment")
    assert missing.status_code == 404
    assert "https://w3id.org/cityref/def/group-strategy-management" in missing.json()["suggestions"]
    assert client.get("/terms", params={"iri": "https://example.org/other"}).status_code == 404


def test_paged_list_and_filters(client: TestClient) -> None:
    first = client.get("/terms?limit=10").json()
    TermPage.model_validate(first)
    second = client.get("/terms?limit=10&offset=10").json()
    assert first["total"] == second["total"] > 100
    assert not {i["iri"] for i in first["items"]} & {i["iri"] for i in second["items"]}
    practices = client.get("/terms?type=Practice&limit=500").json()
    notations = {i["notation"] for i in practices["items"]}
    assert {"B1", "B5", "B14", "C1", "C3"} <= notations and practices["total"] == 17
    below = client.get("/terms?parent=group-strategy-management").json()
    assert {i["notation"] for i in below["items"]} == {f"B{n}" for n in range(1, 8)}
    assert client.get("/terms?type=NoSuchClass").status_code == 400
    assert client.get("/terms?scheme=nothing-here").status_code == 400


def test_hierarchy_routes(client: TestClient) -> None:
    ancestors = client.get("/terms/B5/ancestors").json()["items"]
    assert [a["curie"] for a in ancestors][:2] == ["cityref:group-strategy-management", "cityref:component-B"]
    children = client.get("/terms/group-strategy-management/children").json()["items"]
    assert [c["notation"] for c in children] == [f"B{n}" for n in range(1, 8)]
    descendants = client.get("/terms/component-B/descendants").json()["items"]
    assert "B14" in {d["notation"] for d in descendants}
    assert client.get("/terms/B55/children").status_code == 404


def test_schemes(client: TestClient) -> None:
    schemes = client.get("/schemes").json()["items"]
    assert "cityref:scheme-operating-model" in {s["curie"] for s in schemes}
    top = client.get("/schemes/scheme-operating-model/top?lang=fr").json()["items"]
    assert [t["notation"] for t in top] == ["A", "B", "C", "D"]
    assert client.get("/schemes/B5/top").status_code == 400


def test_search_ranks_and_explains(client: TestClient) -> None:
    page = client.get("/search?q=B5").json()
    SearchPage.model_validate(page)
    assert page["items"][0]["iri"] == B5
    assert page["items"][0]["matched"] == {"field": "notation", "lang": None, "text": "B5", "match": "exact"}
    german = client.get("/search", params={"q": "erfassung des interoperabilitatsbedarfs der stadt"}).json()
    assert german["items"][0]["iri"] == B5 and german["items"][0]["matched"]["lang"] == "de"
    typed = client.get("/search?q=management&type=Practice&limit=100").json()["items"]
    assert typed and all(i["notation"] and i["notation"][0] in "BC" for i in typed)
    schemed = client.get("/search?q=strategy&scheme=scheme-operating-model").json()["items"]
    assert schemed and "cityref:StrategicObjective" not in {i["curie"] for i in schemed}
    assert "cityref:StrategicObjective" in {i["curie"] for i in client.get("/search?q=strategy").json()["items"]}
    below = client.get("/search?q=management&parent=component-B").json()["items"]
    assert below and all(i["curie"] != "cityref:component-B" for i in below)
    paged = client.get("/search?q=management&limit=2&offset=2").json()
    assert paged["offset"] == 2 and len(paged["items"]) == 2


def test_limits_are_named(client: TestClient, settings: Settings) -> None:
    long_q = "x" * (settings.max_search_length + 1)
    for path in ("/search", "/autocomplete"):
        response = client.get(path, params={"q": long_q})
        assert response.status_code == 422
        assert response.json()["limit"] == "max_search_length" and str(settings.max_search_length) in response.text
    too_many = client.post("/resolve", json=["B5"] * (settings.max_bulk_items + 1))
    assert too_many.status_code == 413
    assert too_many.json()["limit"] == "max_bulk_items"


def test_autocomplete(client: TestClient) -> None:
    items = client.get("/autocomplete?q=Strat&lang=fr").json()["items"]
    assert items and all(i["matched"]["match"] in ("prefix", "words") for i in items)
    assert "cityref:group-strategy-management" in {i["curie"] for i in items}
    assert client.get("/autocomplete?q=B1&limit=3").json()["items"][0]["notation"].startswith("B1")


def test_resolve_bulk(client: TestClient) -> None:
    body = client.post("/resolve", json=["B5", B5, "gestione della strategia", "qqqqzzz"]).json()
    ResolveResponse.model_validate(body)
    results = body["results"]
    assert [r["best"]["iri"] if r["best"] else None for r in results[:2]] == [B5, B5]
    assert results[2]["best"]["curie"] == "cityref:group-strategy-management"
    assert results[3] == {"input": "qqqqzzz", "best": None, "matches": []}
    shaped = client.post("/resolve", json={"items": ["management"], "type": "Practice", "limit": 2}).json()
    assert len(shaped["results"][0]["matches"]) == 2
    assert all(m["score"] <= 100 for m in shaped["results"][0]["matches"])


def test_download(client: TestClient) -> None:
    data = client.get("/download").json()
    assert len(data["terms"]) == client.get("/terms?limit=1&include_deprecated=true").json()["total"]
    Term.model_validate(data["terms"][0])
    turtle = client.get("/download?format=turtle")
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert "attachment" in turtle.headers["content-disposition"]
    assert len(Graph().parse(data=turtle.content, format="turtle")) > 1000
    assert client.get("/download?format=docx").status_code == 406
    assert json.loads(client.get("/download?format=json&lang=fr").content)["terms"]


def test_every_route_is_documented(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ours = {
        "/terms/{term_id}", "/terms", "/terms/{term_id}/children", "/terms/{term_id}/ancestors",
        "/terms/{term_id}/descendants", "/schemes", "/schemes/{scheme_id}/top", "/search", "/autocomplete",
        "/download", "/resolve", "/def/{local}", "/reconcile", "/reconcile/v1", "/reconcile/v1/reconcile",
        "/reconcile/suggest/entity", "/reconcile/suggest/type", "/reconcile/suggest/property", "/reconcile/preview",
        "/reconcile/v1/suggest/entity", "/reconcile/v1/suggest/type", "/reconcile/v1/suggest/property",
        "/reconcile/v1/preview", "/reconcile/v1/match", "/reconcile/v1/extend", "/reconcile/v1/extend/propose",
        "/reconcile/extend/propose",
    }  # fmt: skip
    routers = (terms_api.router, dereference.router, reconcile.router)
    routes = [r for router in routers for r in router.routes if isinstance(r, APIRoute)]
    assert {r.path for r in routes} == ours
    for route in routes:
        assert route.summary, f"{route.path} has no summary of its own"
        for method in route.methods or ():
            assert spec["paths"][route.path][method.lower()]["summary"] == route.summary, route.path


def test_language_chains_are_bounded(client: TestClient) -> None:
    """Every label lookup walks the chain: 200,000 tags in a /resolve body took 15 s of one worker's time."""
    many = ",".join(f"{a}{b}" for a in "abc" for b in "abcdefghijk")  # 33 distinct tags
    response = client.get("/terms/B5", params={"lang": many})
    assert response.status_code == 422 and response.json()["limit"] == "max_languages"
    huge = client.post("/resolve", json={"items": ["strategy"], "lang": ",".join(["fr-ca"] * 200_000 + [many])})
    assert huge.status_code == 422
    repeated = client.get("/terms/B5", params={"lang": ",".join(["fr"] * 500)})  # repeats collapse to one tag
    assert repeated.status_code == 200 and repeated.json()["labelLang"] == "fr"


def test_term_list_declares_both_of_its_answers(client: TestClient) -> None:
    """``/terms?iri=`` answers a Term, not a page: the schema said only TermPage, so clients validating it failed."""
    schema = client.get("/openapi.json").json()["paths"]["/terms"]["get"]["responses"]["200"]
    refs = {ref["$ref"].rsplit("/", 1)[-1] for ref in schema["content"]["application/json"]["schema"]["anyOf"]}
    assert refs == {"TermPage", "Term"}
