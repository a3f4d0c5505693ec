"""Deprecated and withdrawn terms over HTTP, on a small fixture ontology and on the shipped one (0.2.0 deprecates
terms in favour of reused W3C and QUDT terms)."""

from __future__ import annotations

from fastapi.testclient import TestClient

NS = "https://w3id.org/cityref/def/"


def test_deprecated_term_redirects_to_its_replacement(lifecycle_client: TestClient) -> None:
    for path, target in (("/def/widget-old", "/def/widget-new"), ("/terms/W1", "/terms/widget-new")):
        response = lifecycle_client.get(path, headers={"Accept": "text/turtle"})
        assert response.status_code == 308, path
        assert response.headers["location"] == target
        assert response.headers["link"] == f'<{NS}widget-new>; rel="successor-version"'
    by_iri = lifecycle_client.get("/terms", params={"iri": NS + "widget-old", "lang": "fr"})
    assert by_iri.status_code == 308 and by_iri.headers["location"] == "/terms/widget-new?lang=fr"
    kept = lifecycle_client.get("/def/widget-old?format=ntriples")
    assert kept.headers["location"] == "/def/widget-new?format=ntriples", "the query string travels with it"
    followed = lifecycle_client.get("/def/widget-old", headers={"Accept": "text/turtle"}, follow_redirects=True)
    assert followed.status_code == 200 and "New widget" in followed.text


def test_redirect_false_describes_the_old_term(lifecycle_client: TestClient) -> None:
    response = lifecycle_client.get("/terms/widget-old?redirect=false")
    assert response.status_code == 200
    body = response.json()
    assert body["deprecated"] is True and body["withdrawn"] is False
    assert body["replacedBy"]["iri"] == NS + "widget-new"
    assert body["changeNote"] == {"en": "Merged into the new widget in 9.9.9."}
    assert 'rel="successor-version"' in response.headers["link"]
    page = lifecycle_client.get("/def/widget-old?redirect=false&format=html")
    assert page.status_code == 200 and "Deprecated" in page.text


def test_withdrawn_term_is_gone_with_why(lifecycle_client: TestClient) -> None:
    for path in ("/def/widget-gone", "/terms/W0", "/terms/widget-gone?redirect=false"):
        response = lifecycle_client.get(path)
        assert response.status_code == 410, path
        problem = response.json()
        assert "duplicated the operating model" in problem["detail"]
        assert problem["term"]["withdrawn"] is True


def test_search_hides_deprecated_unless_asked(lifecycle_client: TestClient) -> None:
    default = lifecycle_client.get("/search?q=widget").json()["items"]
    expected = {"cityref:Widget", "cityref:widget-new", "cityref:widget-odd", "cityref:scheme-widgets"}
    assert {i["curie"] for i in default} == expected
    everything = lifecycle_client.get("/search?q=widget&include_deprecated=true").json()["items"]
    assert {i["curie"] for i in everything} >= {"cityref:widget-old", "cityref:widget-gone"}
    assert all(i["deprecated"] for i in everything if i["curie"] in ("cityref:widget-old", "cityref:widget-gone"))
    listed = lifecycle_client.get("/terms").json()["items"]
    assert "cityref:widget-old" not in {i["curie"] for i in listed}
    suggested = lifecycle_client.get("/autocomplete?q=old").json()["items"]
    assert suggested == []


def test_fixture_module_and_version(lifecycle_client: TestClient) -> None:
    body = lifecycle_client.get("/terms/W2?lang=fr").json()
    assert body["label"] == "nouveau gadget"
    assert body["definedBy"] == {"module": "lifecycle", "iri": "https://w3id.org/cityref/ontology/lifecycle",
                                 "version": None}  # fmt: skip
    assert body["ontologyVersion"] == "9.9.9"


def test_html_escapes_what_the_ontology_says(lifecycle_client: TestClient) -> None:
    page = lifecycle_client.get("/def/widget-odd", headers={"Accept": "text/html"}).text
    assert "<script>" not in page
    assert "Odd &lt;script&gt;alert(1)&lt;/script&gt; &amp; widget" in page
    preview = lifecycle_client.get("/reconcile/preview", params={"id": "widget-odd"}).text
    assert "<script>" not in preview


def test_deprecated_term_replaced_by_a_reused_term_redirects_to_its_iri(client: TestClient) -> None:
    """A cityref term replaced by a term of another vocabulary sends the client to that term's own IRI, which this
    server does not describe: no /def/ or /terms/ path made from a foreign IRI, no loop onto a namesake, and none of
    our query parameters appended to someone else's IRI."""
    replaced = {
        "contactPoint": "http://www.w3.org/ns/dcat#contactPoint",
        "unit": "http://qudt.org/schema/qudt/unit",
    }
    for local, target in replaced.items():
        for path in (f"/def/{local}", f"/terms/{local}", f"/terms/cityref:{local}", f"/def/{local}?format=turtle"):
            response = client.get(path, follow_redirects=False)
            assert response.status_code == 308, path
            assert response.headers["location"] == target, path
            assert response.headers["link"] == f'<{target}>; rel="successor-version"'
        by_iri = client.get("/terms", params={"iri": NS + local, "lang": "fr"}, follow_redirects=False)
        assert by_iri.status_code == 308 and by_iri.headers["location"] == target
        described = client.get(f"/terms/{local}?redirect=false").json()
        assert described["deprecated"] is True and described["withdrawn"] is False
        assert described["replacedBy"]["iri"] == target
        page = client.get(f"/def/{local}?redirect=false&format=html")
        assert page.status_code == 200 and f'href="{target}"' in page.text


def test_shipped_deprecations_point_at_reused_terms(client: TestClient) -> None:
    """The 0.1.0 terms that 0.2.0 replaces by reused ones are still served (for 0.1.0 data) and marked as such."""
    body = client.get("/terms/contactPoint?redirect=false").json()
    assert body["changeNote"]["en"].startswith("Deprecated in 0.2.0")
    hidden = {i["curie"] for i in client.get("/search?q=contact point").json()["items"]}
    assert "cityref:contactPoint" not in hidden
