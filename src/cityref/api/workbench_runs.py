"""What the validation page keeps of each validation made on it: the input and the report, for a while.

A browser cannot send a file again once the page has changed, so "validate again" and the report downloads (each
format is one more validation of the same input) need the files on the server. Each run keeps its input files in
a folder of its own, with the options it was made with, for ``settings.validation_page_run_ttl_s`` seconds; at
most ``settings.validation_page_runs_kept`` runs are kept, the oldest dropped first. Run ids are 128-bit random
tokens: a delivery may be a vendor's confidential data, and only whoever sent it knows its address.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cityref.errors import NotFound


@dataclass
class Run:
    """One validation made on the page. ``files`` are (path, content type, name) as a validation job takes them,
    ``sources`` says where each came from (``text``, ``file`` or ``url``); ``text`` is the pasted delivery (also
    among ``files``), kept to fill the text area again."""

    id: str
    folder: Path
    files: list[tuple[str, str | None, str | None]]
    profiles: list[str]
    lang: str
    sources: list[str] = field(default_factory=list)
    text: str = ""
    text_format: str = "text/turtle"
    url: str = ""
    context: str | None = None
    report: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    created: float = field(default_factory=time.monotonic)

    @property
    def uploaded(self) -> list[str]:
        """The names of the files chosen in the browser (not the pasted text, not the fetched URL)."""
        return [name or "" for (_, _, name), source in zip(self.files, self.sources, strict=True) if source == "file"]

    def source_of(self, name: str) -> str | None:
        """Which input the file called ``name`` came from, as a validation error names it."""
        return next((src for (_, _, n), src in zip(self.files, self.sources, strict=True) if n == name), None)


class WorkbenchRuns:
    """The runs of one app: created with the app's other work, removed with it."""

    def __init__(self, kept: int, ttl_s: float) -> None:
        self.kept = kept
        self.ttl_s = ttl_s
        self.runs: dict[str, Run] = {}
        self.fetching = 0
        """Deliveries being fetched from URLs right now (each holds a thread while it waits on the network)."""
        self.folder = Path(tempfile.mkdtemp(prefix="cityref-validation-page-"))

    def new_folder(self) -> tuple[str, Path]:
        """A fresh id and its (empty) folder, for a run not yet made."""
        run_id = secrets.token_urlsafe(16)
        folder = self.folder / run_id
        folder.mkdir()
        return run_id, folder

    def add(self, run: Run) -> Run:
        self.runs[run.id] = run
        self._prune()
        return run

    def get(self, run_id: str) -> Run:
        self._prune()
        run = self.runs.get(run_id)
        if run is None:
            raise NotFound(
                f"No validation {run_id!r} is kept: it never existed, or its input was dropped after "
                f"{self.ttl_s:g} s (validation_page_run_ttl_s); validate the delivery again"
            )
        return run

    def _prune(self) -> None:
        now = time.monotonic()
        for run in list(self.runs.values()):
            if now - run.created > self.ttl_s:
                self.forget(run.id)
        for run in sorted(self.runs.values(), key=lambda r: r.created)[: max(len(self.runs) - self.kept, 0)]:
            self.forget(run.id)

    def forget(self, run_id: str) -> None:
        run = self.runs.pop(run_id, None)
        if run is not None:
            shutil.rmtree(run.folder, ignore_errors=True)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            shutil.rmtree(self.folder, ignore_errors=True)
