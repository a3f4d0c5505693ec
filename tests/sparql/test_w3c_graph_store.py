"""The W3C Graph Store Protocol tests with indirect graph identification (graph-store-protocol/manifest-indirect.ttl),
replayed from the manifest's own HTTP descriptions against /graphs.

The direct-identification manifest (graph IRIs that are paths under the endpoint) is not run: cityref's graph
names are independent of where it is served, so it offers indirect identification only.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from tests.conftest import CONFORMANCE
from tests.sparql.conftest import AUTH, embedded_settings

from cityref import create_app

MANIFEST = CONFORMANCE / "sparql11/graph-store-protocol/manifest-indirect.ttl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
STATUS = {"OK": 200, "Created": 201, "NoContent": 204, "NotFound": 404}

MANIFEST_GRAPH = Graph().parse(MANIFEST, format="turtle")
ENTRIES = [e for head in MANIFEST_GRAPH.objects(None, MF.entries) for e in Collection(MANIFEST_GRAPH, head)]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(embedded_settings(load_examples=False))) as test_client:
        yield test_client


def _headers(node: object) -> dict[str, str]:
    g = MANIFEST_GRAPH
    head = g.value(node, HT.headers)
    if head is None:
        return {}
    return {str(g.value(h, HT.fieldName)): str(g.value(h, HT.fieldValue)) for h in Collection(g, head)}


@pytest.mark.parametrize("entry", ENTRIES, ids=[str(e).rsplit("#", 1)[-1] for e in ENTRIES])
def test_graph_store_protocol(client: TestClient, entry: object) -> None:
    g = MANIFEST_GRAPH
    client.app.state.store.clear()  # type: ignore[attr-defined]  # each exchange starts from an empty store
    variables: dict[str, str] = {}
    connection = g.value(entry, MF.action)
    for request in Collection(g, g.value(connection, HT.requests)):
        method = str(g.value(request, HT.methodName))
        path = str(g.value(request, HT.absolutePath)).replace("/gsp", "/graphs", 1)
        body_node = g.value(request, HT.body)
        body = str(g.value(body_node, CNT.chars)) if body_node is not None else None
        for name, value in variables.items():
            path = path.replace(name, value)
            body = body.replace(name, value) if body is not None else None
        headers = {**_headers(request), **AUTH}
        response = client.request(method, path, content=body.encode() if body is not None else None, headers=headers)
        expected = g.value(request, HT.resp)
        statuses = {STATUS[str(s).rsplit("#", 1)[-1]] for s in g.objects(expected, MF.expectedStatus)}
        assert response.status_code in statuses, (method, path, response.status_code, response.text)
        location = g.value(expected, MF.expectedLocation)
        if location is not None:
            variables[str(location)] = response.headers["location"]
        expected_body = g.value(expected, HT.body)
        if expected_body is not None:
            want = _headers(expected).get("content-type", "text/turtle").split(";")[0]
            assert response.headers["content-type"].split(";")[0] == want
            expected_graph = Graph().parse(data=str(g.value(expected_body, CNT.chars)), format="turtle")
            assert isomorphic(expected_graph, Graph().parse(data=response.text, format="turtle"))
