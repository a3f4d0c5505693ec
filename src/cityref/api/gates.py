"""The app's gates and worker pools, built from settings in the lifespan and closed with it.

Every route that starts bounded work goes through one gate: ``query`` (``/sparql`` queries, canned queries),
``validation`` (``POST /validate``) or ``write`` (Graph Store writes, SPARQL Update). See :mod:`cityref.workers.gate`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from cityref.api.validation_jobs import ValidationJobs
from cityref.api.workbench_runs import WorkbenchRuns
from cityref.intake.service import UploadParser
from cityref.settings import Settings
from cityref.sparql.syntax import SparqlParser
from cityref.validation import worker_spec
from cityref.workers import Gate, WorkerPool

RETRY_AFTER_S = 2


@dataclass
class Work:
    query: Gate
    validation: Gate
    write: Gate
    validators: WorkerPool
    uploads: UploadParser
    sparql: SparqlParser
    jobs: ValidationJobs
    runs: WorkbenchRuns

    @classmethod
    def from_settings(cls, settings: Settings) -> Work:
        return cls(
            query=Gate("query", settings.max_concurrent_queries, settings.query_queue, RETRY_AFTER_S),
            validation=Gate("validation", settings.validation_workers, settings.validation_queue, RETRY_AFTER_S),
            write=Gate("write", 1, settings.write_queue, RETRY_AFTER_S),
            validators=WorkerPool(
                worker_spec(
                    settings.validation_worker_memory_mb,
                    settings.worker_recycle_mb,
                    settings.worker_start_timeout_s,
                    settings.require_network_sandbox,
                ),
                settings.validation_workers,
            ),
            uploads=UploadParser(settings),
            sparql=SparqlParser(settings),
            jobs=ValidationJobs(settings.validation_jobs_kept, settings.validation_job_ttl_s),
            runs=WorkbenchRuns(settings.validation_page_runs_kept, settings.validation_page_run_ttl_s),
        )

    def close(self) -> None:
        for gate in (self.query, self.validation, self.write):
            gate.close()
        self.validators.close()
        self.uploads.close()
        self.sparql.close()
        self.jobs.close()
        self.runs.close()


class WorkCollector(Collector):
    """Gates and worker pools in ``/metrics``: how much runs and waits, how often work is refused, and how often
    workers are started, stopped at their deadline, killed at their memory limit, crash or are recycled."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def describe(self) -> list[Any]:
        return []

    def collect(self) -> Iterator[Any]:
        work: Work | None = getattr(self.app.state, "work", None)
        store = getattr(self.app.state, "store", None)
        running = GaugeMetricFamily("cityref_work_running", "Requests running, by kind of work", labels=["work"])
        waiting = GaugeMetricFamily("cityref_work_waiting", "Requests waiting for a slot", labels=["work"])
        refused = CounterMetricFamily("cityref_work_refused", "Requests refused with 503 (queue full)", labels=["work"])
        events = CounterMetricFamily(
            "cityref_worker_events", "Worker processes started, stopped and replaced", labels=["pool", "event"]
        )
        if work is not None:
            for gate in (work.query, work.validation, work.write):
                running.add_metric([gate.name], gate.running)
                waiting.add_metric([gate.name], gate.waiting)
                refused.add_metric([gate.name], gate.refused)
        pools: list[WorkerPool] = []
        if work is not None:
            pools += [work.validators, work.uploads.pool, work.sparql.pool]
        for name in ("queries", "federated_queries", "writer"):
            pool = getattr(store, name, None)
            if isinstance(pool, WorkerPool):
                pools.append(pool)
        for pool in pools:
            for event, count in asdict(pool.stats).items():
                events.add_metric([pool.spec.name + ("-federated" if pool.spec.network else ""), event], count)
        yield from (running, waiting, refused, events)
