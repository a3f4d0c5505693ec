from fastapi.testclient import TestClient


def test_health_reports_versions(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["version"] == "0.2.0"
    assert body["ontologyVersion"] == "0.2.0"


def test_unknown_route_is_problem_json(client: TestClient) -> None:
    response = client.get("/no/such/route")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 404


def test_health_reports_that_workers_cannot_reach_the_network(client: TestClient) -> None:
    """Checked by the kernel at start (a probe worker tries to connect), not read from the configuration."""
    sandbox = client.get("/health").json()["sandbox"]
    assert sandbox == {"networkDenied": True, "problem": None}
