"""Fixtures for the validation tests: a small demo profile, and an app that serves it with user shapes allowed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.conftest import UNLIMITED

from cityref import Settings, create_app
from cityref.validation import RenderedReport, ValidationJob, load_profiles, run_in_pool, worker_spec
from cityref.workers import WorkerPool

DATA = Path(__file__).resolve().parents[1] / "data" / "validation"
PROFILES = DATA / "profiles"
VALID = DATA / "valid.ttl"
BROKEN = DATA / "broken.ttl"


@pytest.fixture(scope="session")
def demo_client() -> Iterator[TestClient]:
    """An app whose profiles are the test profiles, with user shapes on and a small body limit."""
    settings = Settings(data_dir=None, load_examples=False, allow_user_shapes=True, max_body_bytes=100_000, **UNLIMITED)
    app = create_app(settings)
    with TestClient(app) as client:
        app.state.profiles = load_profiles(PROFILES)
        app.state.profiles_dir = PROFILES
        yield client


@pytest.fixture(scope="session")
def validators() -> Iterator[WorkerPool]:
    """Validation workers as the server runs them (memory limit, no network)."""
    pool = WorkerPool(worker_spec(2048, 0, 60.0), 1)
    yield pool
    pool.close()


def in_worker(
    pool: WorkerPool, tmp: Path, data: str | Path, profiles: list[str], timeout_s: float = 60.0, **job: object
) -> RenderedReport:
    """Validate in a worker: the data (text or a file) and any ``shapes`` text go to files, as uploads do."""
    path = data if isinstance(data, Path) else tmp / "data.ttl"
    if not isinstance(data, Path):
        path.write_text(data, encoding="utf-8")
    shapes = job.pop("shapes", None)
    if isinstance(shapes, str):
        (tmp / "shapes.ttl").write_text(shapes, encoding="utf-8")
        job["shapes"] = str(tmp / "shapes.ttl")
    return run_in_pool(
        pool,
        ValidationJob(
            files=((str(path), None, path.name),),
            profiles=tuple(profiles),
            renderer=str(job.pop("renderer", "json")),
            profiles_dir=str(job.pop("profiles_dir", PROFILES)),
            **job,  # type: ignore[arg-type]
        ),
        timeout_s,
    )
