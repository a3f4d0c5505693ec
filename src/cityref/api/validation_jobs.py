"""Validations that run in the background: ``POST /validate`` with ``Prefer: respond-async`` (RFC 7240) answers 202
at once with a status URL, and the report is fetched when it is ready.

A large delivery can take longer than a client, a proxy or a browser tab will wait. Everything that can be refused
without reading the delivery (format, profiles, size, language) is still refused on the request itself; the job
then waits at the validation gate and runs in a validation worker exactly as a synchronous request does, and a
failure (a syntax error, the budget, the memory limit) becomes the job's outcome, kept as the problem it would
have been. Finished reports are written to disk, not held in memory, and are kept for
``settings.validation_job_ttl_s`` seconds; at most ``settings.validation_jobs_kept`` jobs are remembered. Job ids
are 128-bit random tokens: a report may hold a vendor's data, and only whoever submitted it knows its address.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cityref.errors import Busy, CityrefError, NotFound

STATES = ("queued", "running", "done", "failed")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Job:
    id: str
    media_type: str
    profiles: tuple[str, ...]
    state: str = "queued"
    submitted: str = field(default_factory=_now)
    started: str | None = None
    finished: str | None = None
    began: float = field(default_factory=time.monotonic)
    ended: float | None = None
    conforms: bool | None = None
    truncated: bool = False
    problem: dict[str, Any] | None = None
    problem_status: int | None = None
    report: Path | None = None

    def status(self, base: str) -> dict[str, Any]:
        href = f"{base}/validate/jobs/{self.id}"
        return {
            "id": self.id,
            "status": self.state,
            "profiles": list(self.profiles),
            "submitted": self.submitted,
            "started": self.started,
            "finished": self.finished,
            "elapsedSeconds": round((self.ended or time.monotonic()) - self.began, 3),
            "conforms": self.conforms,
            "truncated": self.truncated,
            "statusUrl": href,
            "reportUrl": f"{href}/report" if self.state in ("done", "failed") else None,
            "problem": self.problem,
        }


class ValidationJobs:
    """The jobs of one app: created by the app factory with the other work, closed with it."""

    def __init__(self, kept: int, ttl_s: float) -> None:
        self.kept = kept
        self.ttl_s = ttl_s
        self.jobs: dict[str, Job] = {}
        self.folder = Path(tempfile.mkdtemp(prefix="cityref-validation-jobs-"))
        self._tasks: set[asyncio.Task[None]] = set()

    def _prune(self) -> None:
        now = time.monotonic()
        for job in list(self.jobs.values()):
            if job.ended is not None and now - job.ended > self.ttl_s:
                self._forget(job)
        finished = sorted((j for j in self.jobs.values() if j.ended is not None), key=lambda j: j.ended or 0)
        while len(self.jobs) > self.kept and finished:
            self._forget(finished.pop(0))

    def _forget(self, job: Job) -> None:
        self.jobs.pop(job.id, None)
        if job.report is not None:
            job.report.unlink(missing_ok=True)

    def get(self, job_id: str) -> Job:
        self._prune()
        job = self.jobs.get(job_id)
        if job is None:
            raise NotFound(
                f"No validation job {job_id!r}: it never existed, or its report was dropped after "
                f"{self.ttl_s:g} s (validation_job_ttl_s)"
            )
        return job

    async def submit(
        self,
        media_type: str,
        profiles: tuple[str, ...],
        run: Callable[[Callable[[], None]], Awaitable[tuple[bytes, bool, bool]]],
        cleanup: Callable[[], None],
    ) -> Job:
        """Start ``run(started)`` in the background; it calls ``started()`` once a worker takes the job and returns
        ``(report bytes, conforms, truncated)``. A queue already full refuses the job here, with 503."""
        self._prune()
        unfinished = sum(1 for j in self.jobs.values() if j.ended is None)
        if unfinished >= self.kept:
            raise Busy(f"{unfinished} validation jobs are unfinished; try again shortly", headers={"Retry-After": "5"})
        job = Job(secrets.token_urlsafe(16), media_type, profiles)

        def started() -> None:
            job.state, job.started = "running", _now()

        async def body() -> None:
            try:
                report, conforms, truncated = await run(started)
                path = self.folder / f"{job.id}.report"
                path.write_bytes(report)
                job.report, job.conforms, job.truncated, job.state = path, conforms, truncated, "done"
            except CityrefError as error:
                job.problem, job.problem_status, job.state = error.to_problem(), error.status, "failed"
            except Exception:  # a job's end must be recorded, whatever it was; the log has the details
                logging.getLogger("cityref").exception("validation job %s failed unexpectedly", job.id)
                job.problem = CityrefError(
                    "The validation failed unexpectedly; the server log has the details"
                ).to_problem()
                job.problem_status, job.state = 500, "failed"
            finally:
                job.finished, job.ended = _now(), time.monotonic()
                cleanup()

        task = asyncio.create_task(body())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        await asyncio.sleep(0)  # let the job reach the gate: a full queue refuses it now, on the request
        if job.state == "failed" and job.problem_status == 503:
            raise Busy(str((job.problem or {}).get("detail", "busy")), headers={"Retry-After": "2"})
        self.jobs[job.id] = job
        return job

    def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        with contextlib.suppress(OSError):
            shutil.rmtree(self.folder, ignore_errors=True)
