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
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from cityref.cli._app import app
from cityref.errors import CityrefError

if TYPE_CHECKING:
    from cityref.store import Store

FORMATS = ("table", "json", "csv")


def _ident(city: str) -> str:
    from cityref.cities.registry import CITY_GRAPH_BASE

    return city.removeprefix(CITY_GRAPH_BASE).strip("/")


def _read_files(store: Store, ident: str, files: list[Path]) -> None:
    """The city's graph from ``files``: the first replaces what the graph held, the others are added to it."""
    from cityref.cities.registry import CITY_GRAPH_BASE
    from cityref.cli.load import prepare_local

    graph = CITY_GRAPH_BASE + ident
    for index, file in enumerate(files):
        upload = prepare_local(store, file, None, lambda done, total: None)
        (store.graph_post if index else store.graph_put)(graph, upload)


@app.command()
def gaps(
    city: str = typer.Argument(..., metavar="CITY-GRAPH-OR-ID", help="A city's id or the IRI of its graph"),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv"),
    lang: str = typer.Option("en", help="Language of labels, reasons and sentences: en, fr, es, de or it"),
    assessment: str = typer.Option(None, help="The IRI of the assessment to read (default: the latest)"),
    date: str = typer.Option(None, help="The day of the assessment to read, YYYY-MM-DD (default: the latest)"),
    data_dir: Path = typer.Option(None, help="Embedded store directory (default: in memory with shipped data)"),
    files: list[Path] = typer.Option(
        None, "--file", help="Read the city's graph from this RDF file instead (repeatable; not with --data-dir)"
    ),
) -> None:
    """List the gaps in a city's practice adoption: what, why (the model's reason), how serious, what next."""
    from cityref.cities import find_city, find_gaps, store_reader
    from cityref.cities.export import gaps_csv
    from cityref.i18n import UI_LANGUAGES
    from cityref.ontology.model import Ontology
    from cityref.settings import Settings
    from cityref.store import bootstrap, open_store

    if fmt not in FORMATS:
        raise typer.BadParameter(f"one of {', '.join(FORMATS)}", param_hint="--format")
    if lang not in UI_LANGUAGES:
        raise typer.BadParameter(f"one of {', '.join(UI_LANGUAGES)}", param_hint="--lang")
    files = files or []
    if files and data_dir:
        raise typer.BadParameter("reads the city into memory, not with --data-dir", param_hint="--file")
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        typer.echo(f"error: no such file: {', '.join(missing)}", err=True)
        raise typer.Exit(2)
    settings = Settings(data_dir=data_dir) if data_dir else Settings(data_dir=None)
    store = open_store(settings.model_copy(update={"store": "embedded"}))
    try:
        bootstrap(store, Ontology(), load_examples=settings.load_examples)
        if files:
            _read_files(store, _ident(city), files)
        read = store_reader(store, settings)
        found_city = find_city(read, _ident(city), lang)
        found = find_gaps(read, found_city, lang, assessment, date)
    except CityrefError as error:
        known = error.extra.get("known")
        typer.echo(f"error: {error.detail}" + (f" (known: {', '.join(known)})" if known else ""), err=True)
        raise typer.Exit(2 if error.status < 500 else 1) from None
    finally:
        store.close()
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
