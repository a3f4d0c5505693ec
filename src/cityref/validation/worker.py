"""Validation in a worker process: the whole request's work (parsing the delivery and any user shapes, running the
engine, building the report, rendering it) happens here, within the budget and the worker's memory limit.

The server hands over a :class:`ValidationJob` naming files on disk (the uploads, spooled there as they arrived)
and gets back the rendered report as bytes, with the verdict beside it. The worker reads the profiles and the
ontology once and keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cityref.errors import Said
from cityref.workers import WorkerPool, WorkerSpec, run_bounded

MiB = 1024 * 1024


@dataclass(frozen=True)
class ValidationJob:
    """One validation as plain, picklable values; ``files`` are (path, content type, name)."""

    files: tuple[tuple[str, str | None, str | None], ...]
    profiles: tuple[str, ...]
    renderer: str
    lang: str = "en"
    min_severity: str = "Info"
    max_results: int | None = None
    inference: str = "none"
    shapes: str | None = None
    shapes_type: str | None = None
    max_triples: int | None = None
    max_expansion: int = 0
    profiles_dir: str | None = None
    ontology_dir: str | None = None
    engine: str | None = None
    context_files: tuple[tuple[str, str | None, str | None], ...] = ()
    """What the city holds, as ``files`` are given: the named graph the server wrote out of its store (N-Triples),
    or the files ``cityref validate --context`` names. Empty: the delivery is checked alone."""
    context_name: str | None = None
    conflict_severity: str = "Warning"
    """The severity of a conflict between the delivery and the context (``validation_context_conflict_severity``)."""
    """The graph IRI (or file names) the context came from, for the report and the shapes' marker."""
    focus_labels: bool = False
    """Also name the focus nodes by their labels in the delivery (the validation page's grouping)."""


@dataclass(frozen=True)
class RenderedReport:
    body: bytes
    conforms: bool
    truncated: bool
    counts: dict[str, int]
    labels: dict[str, str] = field(default_factory=dict)
    """Focus node IRI -> its label in the delivery, when the job asked for them."""


class ValidationWorker:
    """The validation worker's handler: ``("validate", ValidationJob)`` gives a :class:`RenderedReport`."""

    def handle(self, op: str, payload: Any) -> Any:
        if op != "validate":
            raise ValueError(f"unknown validation operation {op!r}")
        return run_job(payload)


def run_job(job: ValidationJob) -> RenderedReport:
    from cityref.validation.context import Context
    from cityref.validation.engine import validate
    from cityref.validation.render import RENDERERS

    parts = [(name or Path(path).name, Path(path).read_bytes(), ctype) for path, ctype, name in job.files]
    context = None
    if job.context_files:
        found = tuple((name or Path(p).name, Path(p).read_bytes(), ctype) for p, ctype, name in job.context_files)
        context = Context(found, job.context_name or ", ".join(str(part[0]) for part in found))
    report = validate(
        parts,
        list(job.profiles),
        inference=job.inference,  # type: ignore[arg-type]
        lang=job.lang,
        shapes=Path(job.shapes).read_bytes() if job.shapes else None,
        shapes_content_type=job.shapes_type,
        min_severity=job.min_severity,
        max_results=job.max_results,
        max_triples=job.max_triples,
        max_expansion=job.max_expansion,
        profiles_dir=Path(job.profiles_dir) if job.profiles_dir else None,
        ontology_dir=Path(job.ontology_dir) if job.ontology_dir else None,
        engine=job.engine,
        context=context,
        conflict_severity=job.conflict_severity,
    )
    body = RENDERERS[job.renderer][1](report).encode("utf-8")
    labels: dict[str, str] = {}
    if job.focus_labels:
        from cityref.validation.labels import focus_labels

        focus = {r.focus_node for r in report.results}
        labels = focus_labels(parts, focus, job.lang, max_triples=job.max_triples, max_expansion=job.max_expansion)
    return RenderedReport(body, report.conforms, report.truncated, dict(report.counts), labels)


def worker_spec(memory_mb: int, recycle_mb: int, start_timeout_s: float, require_sandbox: bool = True) -> WorkerSpec:
    return WorkerSpec(
        "validation",
        "cityref.validation.worker:ValidationWorker",
        memory_bytes=memory_mb * MiB,
        recycle_bytes=recycle_mb * MiB,
        start_timeout_s=start_timeout_s,
        require_sandbox=require_sandbox,
    )


def run_in_pool(pool: WorkerPool, job: ValidationJob, timeout_s: float) -> RenderedReport:
    """Run ``job`` on one of the pool's workers within ``timeout_s``; a worker past its time or memory is killed
    and the request told which limit stopped it."""
    result: RenderedReport = run_bounded(
        pool,
        "validate",
        job,
        timeout_s=timeout_s,
        doing=Said("Validating the delivery"),
        budget_setting="validation_timeout_s",
        memory_setting="validation_worker_memory_mb",
    )
    return result
