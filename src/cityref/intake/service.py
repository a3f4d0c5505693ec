"""The server's side of upload parsing: spool a request body to disk, then have a parse worker turn it into a
:class:`~cityref.intake.Prepared` file for the store."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

from cityref.errors import CityrefError, Said
from cityref.intake.prepare import Prepared
from cityref.settings import Settings
from cityref.workers import WorkerPool, WorkerSpec, run_bounded

MiB = 1024 * 1024


class UploadParser:
    """Parse workers for Graph Store uploads (one at a time: writes are serialised anyway)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pool = WorkerPool(
            WorkerSpec(
                "parse",
                "cityref.intake.prepare:IntakeWorker",
                memory_bytes=settings.parse_worker_memory_mb * MiB,
                recycle_bytes=settings.worker_recycle_mb * MiB,
                start_timeout_s=settings.worker_start_timeout_s,
                require_sandbox=settings.require_network_sandbox,
            ),
            size=1,
        )

    def prepare(
        self,
        sources: Sequence[tuple[Path, str, str | None]],
        target_dir: Path,
        *,
        base_iri: str | None,
        timeout_s: float,
    ) -> Prepared:
        """Parse ``(file, media type, name)`` sources into one N-Triples file in ``target_dir``."""
        target = target_dir / f"upload-{uuid.uuid4().hex}.nt"
        payload = {
            "sources": [(str(path), media_type, name) for path, media_type, name in sources],
            "target": str(target),
            "base_iri": base_iri,
            "max_triples": self.settings.max_triples,
            "max_expansion": self.settings.max_body_bytes,
        }
        try:
            count = run_bounded(
                self.pool,
                "prepare",
                payload,
                timeout_s=timeout_s,
                doing=Said("Reading the upload"),
                budget_setting="write_timeout_s",
                memory_setting="parse_worker_memory_mb",
            )
        except CityrefError:
            target.unlink(missing_ok=True)
            raise
        return Prepared(target, int(count))

    def close(self) -> None:
        self.pool.close()
