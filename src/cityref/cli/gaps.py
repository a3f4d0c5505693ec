"""``cityref gaps CITY``: the gaps the model's rules find in a city's practice adoption, with their reasons.

CITY is a city's id (``exampleton``) or its graph IRI (``https://w3id.org/cityref/graph/city/exampleton``), read
from the embedded store: in memory with the shipped ontology and Exampleton (as ``cityref query`` does), or the
store in ``--data-dir``. With ``--file`` (repeatable), the city's graph is read from those RDF files instead, into
the in-memory store beside the shipped ontology (a city's own files, before or without loading them anywhere; a
shipped city of the same id is replaced there, never on disk). Exit codes: 0 no gap, 1 gaps found, 2 usage or
input error (unknown city or assessment, a missing or malformed file).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from cityref.cli._app import app
from cityref.cli._city import DATA_DIR_HELP, FILES_HELP, check_choices, check_files, city_store, ident

FORMATS = ("table", "json", "csv")


@app.command()
def gaps(
    city: str = typer.Argument(..., metavar="CITY-GRAPH-OR-ID", help="A city's id or the IRI of its graph"),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv"),
    lang: str = typer.Option("en", help="Language of labels, reasons and sentences: en, fr, es, de or it"),
    assessment: str = typer.Option(None, help="The IRI of the assessment to read (default: the latest)"),
    date: str = typer.Option(None, help="The day of the assessment to read, YYYY-MM-DD (default: the latest)"),
    data_dir: Path = typer.Option(None, help=DATA_DIR_HELP),
    files: list[Path] = typer.Option(None, "--file", help=FILES_HELP),
) -> None:
    """List the gaps in a city's practice adoption: what, why (the model's reason), how serious, what next."""
    from cityref.cities import find_city, find_gaps
    from cityref.cities.export import gaps_csv

    check_choices(fmt, FORMATS, lang)
    files = check_files(files, data_dir)
    city = ident(city)
    with city_store(data_dir, city, files) as (read, _, _):
        found_city = find_city(read, city, lang)
        found = find_gaps(read, found_city, lang, assessment, date)
    if fmt == "json":
        body = {"city": found_city.to_json(), "count": len(found), "gaps": [g.to_json() for g in found]}
        sys.stdout.write(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        sys.stdout.write(gaps_csv(found))
    else:
        table = Table(title=f"{found_city.label}: {len(found)} gap(s)", show_lines=True)
        for column in ("severity", "gap", "why", "next"):
            table.add_column(column, overflow="fold")
        for gap in found:
            why = gap.why or ""
            table.add_row(gap.severity_label, gap.what, why, gap.next.name if gap.next else "")
        Console().print(table, markup=False)
    raise typer.Exit(1 if found else 0)
