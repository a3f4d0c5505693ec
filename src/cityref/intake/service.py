"""The server's side of upload parsing: spool a request body to disk, then have a parse worker turn it into a
:class:`~cityref.intake.Prepared` file for the store."""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from cityref.errors import BudgetExceeded, LimitExceeded, WorkerFailed
from cityref.intake.prepare import Prepared
from cityref.settings import Settings
from cityref.workers import WorkerCrashed, WorkerOutOfMemory, WorkerPool, WorkerSpec, WorkerTimeout

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
            count = self.pool.run("prepare", payload, deadline=time.monotonic() + timeout_s)
        except WorkerTimeout:
            target.unlink(missing_ok=True)
            raise BudgetExceeded(
                f"Reading the upload took longer than {timeout_s:g} s", limit="write_timeout_s"
            ) from None
        except WorkerOutOfMemory:
            target.unlink(missing_ok=True)
            raise LimitExceeded(
                f"Reading the upload needed more than the {self.settings.parse_worker_memory_mb} MiB memory limit",
                limit="parse_worker_memory_mb",
                limit_mib=self.settings.parse_worker_memory_mb,
            ) from None
        except WorkerCrashed as error:
            target.unlink(missing_ok=True)
            raise WorkerFailed(f"The upload parser crashed: {error}") from None
        return Prepared(target, int(count))

    def close(self) -> None:
        self.pool.close()
