"""``cityref check``: every ontology quality check, as a table for people or JSON for machines.

Exit codes: 0 every check passed, 1 a check failed (or could not run), 2 usage error.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cityref.cli._app import app
from cityref.ontology.checks import CheckReport, run_checks

_STYLE = {"pass": "green", "fail": "bold red", "error": "bold red", "skipped": "yellow"}
_MAX_DETAILS = 10


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def render(report: CheckReport, console: Console) -> None:
    """A table of checks with their outcome; failing checks list their first violations."""
    table = Table(title="cityref ontology checks", show_lines=False)
    table.add_column("check", no_wrap=True)
    table.add_column("result", no_wrap=True)
    table.add_column("details")
    for r in report.results:
        lines = [r.summary, *(f"- {d}" for d in r.details[:_MAX_DETAILS])]
        if len(r.details) > _MAX_DETAILS:
            lines.append(f"... and {len(r.details) - _MAX_DETAILS} more")
        table.add_row(escape(r.name), f"[{_STYLE[r.status]}]{r.status}[/]", escape("\n".join(lines)))
    console.print(table)
    failed = [r for r in report.results if r.status != "pass"]
    if failed:
        console.print(f"[bold red]{len(failed)} of {len(report.results)} checks did not pass[/]")
    else:
        console.print(f"[green]all {len(report.results)} checks passed[/]")


@app.command()
def check(
    output: OutputFormat = typer.Option(OutputFormat.text, "--format", help="Report format: text (a table) or json"),
    ontology_dir: Path = typer.Option(
        None, exists=True, file_okay=False, help="Check this folder of modules instead of the shipped ontology"
    ),
    examples_dir: Path = typer.Option(
        None, exists=True, file_okay=False, help="Sample-city folder to reason over (default: the shipped Exampleton)"
    ),
    reason: bool = typer.Option(True, help="Run HermiT (needs Java); --no-reason leaves it out"),
    owlapi: bool = typer.Option(
        True, help="Run the OWL API's OWL 2 DL profile check (needs Java and libowlapi-java); --no-owlapi leaves it out"
    ),
) -> None:
    """Check the ontology: parsing, headers, imports, OWL 2 DL (structure and the OWL API profile checker), quality
    queries, counts and HermiT consistency."""
    report = run_checks(ontology_dir, examples_dir=examples_dir, reason=reason, owlapi=owlapi)
    if output is OutputFormat.json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        render(report, Console(width=160))
    raise typer.Exit(0 if report.ok else 1)
