"""``cityref validate``: check delivery files against profiles, for people and for CI.

Exit codes: 0 the data conforms, 1 it does not, 2 bad input or usage (malformed file, unknown profile...).
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, SpinnerColumn, TextColumn

from cityref.cli._app import app
from cityref.errors import CityrefError
from cityref.validation import RENDERERS, validate
from cityref.validation.parse import Part

FORMATS = ("text", "json", "turtle", "jsonld", "csv", "junit", "html")
LARGE_BYTES = 2 * 1024 * 1024  # below this, reading and validating are quick enough to need no progress display


def _read(files: list[Path], console: Console) -> list[Part]:
    """Read the files, with a progress bar when they are large."""
    total = sum(f.stat().st_size for f in files)
    if total < LARGE_BYTES:
        return [(f.name, f.read_bytes(), None) for f in files]
    parts: list[Part] = []
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), DownloadColumn())
    with Progress(*columns, console=console, transient=True) as progress:
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
) -> None:
    """Validate delivery files against one or more profiles; exit 0 conforms, 1 does not, 2 bad input."""
    err = Console(stderr=True)
    if format not in FORMATS:
        err.print(f"Unknown format {escape(repr(format))}; use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if not profile:
        err.print("Name at least one profile with --profile (see GET /profiles or the docs)")
        raise typer.Exit(2)
    if timeout is not None and not timeout > 0:  # also NaN; a negative budget used to end in a traceback
        err.print(f"--timeout must be a positive number of seconds, not {timeout}")
        raise typer.Exit(2)
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        err.print(f"No such file: {escape(', '.join(missing))}")
        raise typer.Exit(2)
    try:
        if timeout is not None:
            rendered, conforms = _in_worker(
                files, profile, format, lang, severity, max_results, inference, timeout, engine
            )
        else:
            parts = _read(files, err)
            large = sum(len(p[1]) for p in parts) >= LARGE_BYTES
            with err.status("Validating...", spinner="dots") if large else nullcontext():
                report = validate(
                    parts,
                    profile,
                    inference=inference,
                    lang=lang,
                    min_severity=severity,
                    max_results=max_results,
                    engine=engine,
                )
            rendered, conforms = RENDERERS[format][1](report), report.conforms
    except CityrefError as error:
        # the detail quotes the vendor's file (a Turtle error near "[ a ex:C ]"...): escaped, it is not rich markup
        err.print(f"[red]error[/red] ({error.code}): {escape(error.detail)}", highlight=False)
        known = error.extra.get("known")
        if known:
            err.print(f"known: {escape(', '.join(map(str, known)))}", highlight=False)
        raise typer.Exit(2) from None
    if output is not None:
        try:
            output.write_text(rendered, encoding="utf-8")
        except OSError as error:
            err.print(f"Cannot write the report to {escape(str(output))}: {escape(error.strerror or str(error))}")
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
    )
    try:
        result = run_in_pool(pool, job, timeout)
    finally:
        pool.close()
    return result.body.decode("utf-8"), result.conforms
