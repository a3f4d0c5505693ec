"""``cityref validate``: check delivery files against profiles, for people and for CI.

Exit codes: 0 the data conforms, 1 it does not, 2 bad input or usage (malformed file, unknown profile...).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from cityref.cli._app import app
from cityref.errors import CityrefError, LimitExceeded, NotFound
from cityref.validation import RENDERERS, validate
from cityref.validation.context import Context
from cityref.validation.parse import Part

if TYPE_CHECKING:
    from rich.console import Console

ContextFiles = tuple[tuple[str, str | None, str | None], ...]

FORMATS = ("text", "json", "turtle", "jsonld", "csv", "junit", "html")
LARGE_BYTES = 2 * 1024 * 1024  # below this, reading and validating are quick enough to need no progress display


class _Stderr:
    """rich's console on standard error, made when first used: importing rich takes about 14 ms of every run, and a
    run that goes well off a terminal writes nothing there."""

    def __init__(self) -> None:
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True)
        return self._console

    def print(self, text: str, **options: Any) -> None:
        self.console.print(text, **options)


def _escape(text: str) -> str:
    """``text`` printed as it is, not read as rich markup."""
    from rich.markup import escape

    return escape(text)


def _on_terminal(err: _Stderr) -> bool:
    """Whether standard error is a terminal that someone watches. Asked of the stream first: off a terminal rich is
    not even loaded, and a ``FORCE_COLOR`` (which CI services set) does not make rich draw bars into a log."""
    return sys.stderr.isatty() and err.console.is_terminal


def _shows_progress(err: _Stderr, size: int) -> bool:
    """Whether to draw progress: for large input, on a terminal (a bar written to a pipe or a CI log is noise)."""
    return size >= LARGE_BYTES and _on_terminal(err)


def _read(files: list[Path], err: _Stderr) -> list[Part]:
    """Read the files, with a progress bar when they are large and someone is watching."""
    total = sum(f.stat().st_size for f in files)
    if not _shows_progress(err, total):
        return [(f.name, f.read_bytes(), None) for f in files]
    from rich.progress import BarColumn, DownloadColumn, Progress, SpinnerColumn, TextColumn  # 40 ms: only here

    parts: list[Part] = []
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), DownloadColumn())
    with Progress(*columns, console=err.console, transient=True) as progress:
        task = progress.add_task("Reading", total=total)
        for f in files:
            progress.update(task, description=f"Reading {f.name}")
            chunks = []
            with f.open("rb") as stream:
                while chunk := stream.read(1024 * 1024):
                    chunks.append(chunk)
                    progress.advance(task, len(chunk))
            parts.append((f.name, b"".join(chunks), None))
    return parts


@app.command("validate")
def validate_command(
    files: list[Path] = typer.Argument(..., help="Delivery files (Turtle, N-Triples, JSON-LD, RDF/XML, TriG)"),
    profile: list[str] = typer.Option([], "--profile", "-p", help="Profile id; repeat for several"),
    format: str = typer.Option("text", "--format", "-f", help="text, json, turtle, jsonld, csv, junit or html"),
    lang: str = typer.Option("en", help="Language of messages and labels (falls back to English)"),
    severity: str = typer.Option("Info", help="Minimum severity reported and counted against the data"),
    max_results: int = typer.Option(None, help="Report at most this many results"),
    inference: str = typer.Option("none", help="none or rdfs"),
    engine: str = typer.Option(
        None, help="SHACL engine: pyshacl (the reference) or shacl-rust; by default the compiled one where it can run"
    ),
    timeout: float = typer.Option(None, help="Stop after this many seconds (runs in a worker process)"),
    output: Path = typer.Option(None, "--output", "-o", help="Write the report here instead of to standard output"),
    context: list[str] = typer.Option(
        [],
        "--context",
        "-c",
        metavar="GRAPH|FILE",
        help="Check the delivery together with what the city holds: the IRI of a named graph of the store (the "
        "store the CITYREF_* settings name, else one in memory with the shipped graphs), or files (repeatable); "
        "read-only, and results only for the delivery's own nodes",
    ),
    data_dir: Path = typer.Option(
        None, help="Embedded store directory to read a --context graph from (opened read-only, never loaded into)"
    ),
) -> None:
    """Validate delivery files against one or more profiles; exit 0 conforms, 1 does not, 2 bad input."""
    err = _Stderr()
    if format not in FORMATS:
        err.print(f"Unknown format {_escape(repr(format))}; use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if not profile:
        err.print("Name at least one profile with --profile (see GET /profiles or the docs)")
        raise typer.Exit(2)
    if timeout is not None and not timeout > 0:  # also NaN; a negative budget used to end in a traceback
        err.print(f"--timeout must be a positive number of seconds, not {timeout}")
        raise typer.Exit(2)
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        err.print(f"No such file: {_escape(', '.join(missing))}")
        raise typer.Exit(2)
    scratch = Path(tempfile.mkdtemp(prefix="cityref-context-"))
    try:
        context_files, context_name = _context_files(context, data_dir, scratch)
        if timeout is not None:
            rendered, conforms = _in_worker(
                files,
                profile,
                format,
                lang,
                severity,
                max_results,
                inference,
                timeout,
                engine,
                context_files=context_files,
                context_name=context_name,
            )
        else:
            city = None
            if context_files:
                found = tuple((name, Path(path).read_bytes(), ctype) for path, ctype, name in context_files)
                city = Context(found, context_name or "")
            parts = _read(files, err)
            large = _shows_progress(err, sum(len(p[1]) for p in parts))
            with err.console.status("Validating...", spinner="dots") if large else nullcontext():
                report = validate(
                    parts,
                    profile,
                    inference=inference,
                    lang=lang,
                    min_severity=severity,
                    max_results=max_results,
                    engine=engine,
                    context=city,
                    conflict_severity=_conflict_severity() if city is not None else "Warning",
                )
            rendered, conforms = RENDERERS[format][1](report), report.conforms
    except CityrefError as error:
        # the detail quotes the vendor's file (a Turtle error near "[ a ex:C ]"...): escaped, it is not rich markup
        err.print(f"[red]error[/red] ({error.code}): {_escape(error.detail)}", highlight=False)
        known = error.extra.get("known")
        if known:
            err.print(f"known: {_escape(', '.join(map(str, known)))}", highlight=False)
        raise typer.Exit(2) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if output is not None:
        try:
            output.write_text(rendered, encoding="utf-8")
        except OSError as error:
            err.print(f"Cannot write the report to {_escape(str(output))}: {_escape(error.strerror or str(error))}")
            raise typer.Exit(2) from None
    else:
        typer.echo(rendered, nl=False)
    raise typer.Exit(0 if conforms else 1)


def _in_worker(
    files: list[Path],
    profiles: list[str],
    renderer: str,
    lang: str,
    severity: str,
    max_results: int | None,
    inference: str,
    timeout: float,
    engine: str | None = None,
    *,
    context_files: ContextFiles = (),
    context_name: str | None = None,
) -> tuple[str, bool]:
    """Validate in a worker process that is stopped after ``timeout`` seconds, as the server does."""
    from cityref.settings import Settings
    from cityref.validation import ValidationJob, run_in_pool, worker_spec
    from cityref.workers import WorkerPool

    settings = Settings()
    spec = worker_spec(
        settings.validation_worker_memory_mb, 0, settings.worker_start_timeout_s, settings.require_network_sandbox
    )
    pool = WorkerPool(spec, 1)
    job = ValidationJob(
        files=tuple((str(f.resolve()), None, f.name) for f in files),
        profiles=tuple(profiles),
        renderer=renderer,
        lang=lang,
        min_severity=severity,
        max_results=max_results,
        inference=inference,
        engine=engine,
        context_files=context_files,
        context_name=context_name,
        conflict_severity=settings.validation_context_conflict_severity,
    )
    try:
        result = run_in_pool(pool, job, timeout)
    finally:
        pool.close()
    return result.body.decode("utf-8"), result.conforms


def _conflict_severity() -> str:
    """The severity the CITYREF_* settings give a conflict with the context, as the server would."""
    from cityref.settings import Settings

    return Settings().validation_context_conflict_severity


def _context_files(values: list[str], data_dir: Path | None, scratch: Path) -> tuple[ContextFiles, str | None]:
    """The ``--context`` values as files for the validator, and the name the report gives them: files as they
    are; a graph IRI written out of the store into ``scratch`` first."""
    if not values:
        return (), None
    paths = [Path(v) for v in values]
    if all(p.is_file() for p in paths):
        return tuple((str(p.resolve()), None, p.name) for p in paths), ", ".join(p.name for p in paths)
    if len(values) > 1:
        missing = ", ".join(v for v, p in zip(values, paths, strict=True) if not p.is_file())
        raise NotFound(f"--context names one graph IRI, or files; no such file: {missing}")
    iri = values[0]
    from cityref.store.base import NTRIPLES, check_graph_iri

    try:
        check_graph_iri(iri)
    except ValueError:
        raise NotFound(f"--context {iri!r} is neither a file nor the absolute IRI of a named graph") from None
    target = scratch / "context.nt"
    _export_graph(iri, data_dir, target)
    return ((str(target), NTRIPLES, None),), iri


def _export_graph(iri: str, data_dir: Path | None, target: Path) -> None:
    """Write the named graph out of the store the settings name (``--data-dir``: that embedded store), read-only:
    a store in memory gets the shipped graphs first, a persisted one is only read."""
    from cityref.ontology.model import Ontology
    from cityref.settings import Settings
    from cityref.store import bootstrap, open_store

    settings = Settings()
    if data_dir is not None:
        settings = settings.model_copy(update={"store": "embedded", "data_dir": data_dir})
    store = open_store(settings)
    try:
        if store.kind == "embedded" and settings.data_dir is None:
            bootstrap(store, Ontology(), load_examples=settings.load_examples)
        size = store.graph_size(iri)
        if size is None:
            known = sorted(g.iri for g in store.graphs() if g.iri is not None) if store.kind == "embedded" else []
            raise NotFound(f"The store holds no graph <{iri}> to validate against (--context)", known=known)
        cap = min(settings.validation_context_max_triples, settings.max_triples)
        if size > cap:
            raise LimitExceeded(
                f"The graph <{iri}> holds {size} triples, more than the {cap} a validation may use as its context "
                "(validation_context_max_triples, max_triples)",
                limit="validation_context_max_triples",
            )
        store.export_graph(iri, target, max_triples=cap)
    finally:
        store.close()
