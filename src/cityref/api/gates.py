"""The app's gates and worker pools, built from settings in the lifespan and closed with it.

Every route that starts bounded work goes through one gate: ``query`` (``/sparql`` queries, canned queries),
``validation`` (``POST /validate``) or ``write`` (Graph Store writes, SPARQL Update). See :mod:`cityref.workers.gate`.
"""

from __future__ import annotations

from dataclasses import dataclass

from cityref.intake.service import UploadParser
from cityref.settings import Settings
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
        )

    def close(self) -> None:
        for gate in (self.query, self.validation, self.write):
            gate.close()
        self.validators.close()
        self.uploads.close()
