"""Background validations: ``Prefer: respond-async`` gives 202 and a status URL; the report, or the problem the
validation ended in, is fetched when it is ready; refusals that need no parsing still come on the request itself;
finished jobs are forgotten after their time to live."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import UNLIMITED

from cityref import Settings, create_app
from cityref.api.validation_jobs import Job

BROKEN = Path(__file__).parents[2] / "examples/deliveries/iot-device-register/broken-location.trig"
ASYNC = {"Content-Type": "application/trig", "Prefer": "respond-async"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = Settings(data_dir=None, load_examples=False, validation_job_ttl_s=60, **UNLIMITED)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def finished(client: TestClient, location: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = client.get(location).json()
        if status["status"] in ("done", "failed"):
            return status
        time.sleep(0.05)
    raise AssertionError(f"job {location} did not finish")


def test_a_background_validation_gives_the_report_a_synchronous_one_gives(client: TestClient) -> None:
    url = "/validate?profile=iot-device-register&lang=fr"
    submitted = client.post(url, content=BROKEN.read_bytes(), headers=ASYNC)
    assert submitted.status_code == 202, submitted.text
    assert submitted.headers["preference-applied"] == "respond-async"
    body = submitted.json()
    assert submitted.headers["location"] == body["statusUrl"] and body["status"] in ("queued", "running")
    assert len(body["id"]) >= 22, "128 random bits: nobody guesses another vendor's report"
    status = finished(client, body["statusUrl"])
    assert status["status"] == "done" and status["conforms"] is False and status["elapsedSeconds"] > 0
    report = client.get(status["reportUrl"])
    direct = client.post(url, content=BROKEN.read_bytes(), headers={"Content-Type": "application/trig"})
    assert report.status_code == 200 and report.headers["x-conforms"] == "false"
    assert report.json() == direct.json()


def test_a_failure_is_the_jobs_outcome_with_the_problem_it_would_have_been(client: TestClient) -> None:
    bad = b"@prefix ex: <http://example.org/> .\nex:a ex:b .\n"
    headers = {**ASYNC, "Content-Type": "text/turtle"}
    submitted = client.post("/validate?profile=iot-device-register", content=bad, headers=headers)
    assert submitted.status_code == 202
    status = finished(client, submitted.headers["location"])
    assert status["status"] == "failed" and status["problem"]["code"] == "syntax-error"
    report = client.get(status["reportUrl"])
    assert report.status_code == 400 and report.headers["content-type"].startswith("application/problem+json")
    assert report.json()["line"] == 2


def test_what_needs_no_parsing_is_refused_on_the_request(client: TestClient) -> None:
    unknown = client.post("/validate?profile=nope", content=BROKEN.read_bytes(), headers=ASYNC)
    assert unknown.status_code == 404 and "iot-device-register" in unknown.json()["known"]
    assert client.post("/validate?profile=iot-device-register", content=b"", headers=ASYNC).status_code == 400
    plain = client.post("/validate?profile=iot-device-register", content=BROKEN.read_bytes(),
                        headers={"Content-Type": "application/trig", "Prefer": "return=minimal"})  # fmt: skip
    assert plain.status_code == 200, "another preference is a synchronous request"


def test_unknown_and_unfinished_jobs(client: TestClient) -> None:
    assert client.get("/validate/jobs/nope").status_code == 404
    jobs = client.app.state.work.jobs  # type: ignore[attr-defined]
    jobs.jobs["waiting"] = Job("waiting", "application/json", ("iot-device-register",))
    try:
        early = client.get("/validate/jobs/waiting/report")
        assert early.status_code == 409 and early.json()["code"] == "not-ready" and early.headers["retry-after"]
        assert client.get("/validate/jobs/waiting").json()["reportUrl"] is None
    finally:
        jobs.jobs.pop("waiting")


def test_jobs_are_bounded_and_forgotten_after_their_time_to_live() -> None:
    settings = Settings(
        data_dir=None, load_examples=False, validation_jobs_kept=1, validation_job_ttl_s=0.3, **UNLIMITED
    )
    with TestClient(create_app(settings)) as client:
        jobs = client.app.state.work.jobs  # type: ignore[attr-defined]
        jobs.jobs["waiting"] = Job("waiting", "application/json", ("iot-device-register",))
        full = client.post("/validate?profile=iot-device-register", content=BROKEN.read_bytes(), headers=ASYNC)
        assert full.status_code == 503 and full.headers["retry-after"]
        jobs.jobs.pop("waiting")
        submitted = client.post("/validate?profile=iot-device-register", content=BROKEN.read_bytes(), headers=ASYNC)
        status = finished(client, submitted.headers["location"])
        kept = jobs.jobs[status["id"]].report
        assert kept is not None and kept.exists()
        time.sleep(0.4)
        assert client.get(status["statusUrl"]).status_code == 404
        assert not kept.exists(), "the report's file goes with the job"
