"""``cityref query``: run a canned query, a ``.rq`` file or SPARQL text against the embedded store or an endpoint.

Exit codes: 0 answered, 2 usage or input error (unknown query or parameter, bad value, syntax), 1 the store failed
(timeout, unreachable endpoint).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from cityref import media
from cityref.cli._app import app, is_http_url
from cityref.errors import CityrefError, SyntaxProblem
from cityref.sparql import canned
from cityref.sparql.binding import PREFIXES

FORMATS = {**{f.name: f.media_type for f in media.RESULT_FORMATS}, "table": media.RESULT_FORMATS[0].media_type}
"""``--format`` names: the results formats of :mod:`cityref.media`, and ``table`` (JSON, drawn as a table)."""
_SHORT = {**PREFIXES, "xsd": "http://www.w3.org/2001/XMLSchema#", "skos": "http://www.w3.org/2004/02/skos/core#"}


def resolve(target: str) -> canned.CannedQuery:
    """A shipped query by name, else a file (its header optional), else the argument itself as SPARQL text."""
    if target.removesuffix(".rq") in canned.catalogue():
        return canned.get(target)
    path = Path(target)
    if len(target) < 4096 and "\n" not in target and path.is_file():
        return canned.load_file(path, require_header=False)
    if "{" in target:
        return canned.parse(target, "query", require_header=False)
    raise typer.BadParameter(f"{target!r} is neither a canned query, a file nor SPARQL text", param_hint="QUERY")


def parse_params(pairs: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        key, eq, value = pair.partition("=")
        if not eq or not key:
            raise typer.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="--param")
        values[key.strip()] = value
    return values


def shorten(iri: str) -> str:
    for prefix, ns in _SHORT.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def cell(term: dict[str, Any] | None) -> str:
    if term is None:
        return ""
    if term["type"] == "uri":
        return shorten(term["value"])
    return str(term["value"])  # language tags and datatypes are noise in a table; json/csv keep them


def render_table(body: bytes, console: Console, title: str | None = None) -> None:
    """SPARQL JSON results as a rich table (IRIs shortened with the usual prefixes); ASK as yes/no."""
    data = json.loads(body)
    if "boolean" in data:
        console.print("yes" if data["boolean"] else "no")
        return
    names = data["head"].get("vars", [])
    table = Table(title=title, show_lines=False, header_style="bold")
    for name in names:
        table.add_column(name, overflow="fold")
    rows = data["results"]["bindings"]
    for row in rows:
        table.add_row(*(cell(row.get(name)) for name in names))
    console.print(table)
    note = " (truncated at the row cap)" if data.get("truncated") else ""
    console.print(f"{len(rows)} row(s){note}", style="dim")


def run_remote(endpoint: str, text: str, media_type: str, timeout: float | None) -> bytes:
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    # Without this SPARQLWrapper also sends format=xml&output=xml, which cityref and Fuseki obey over Accept.
    client.setOnlyConneg(True)
    client.setQuery(text)
    client.addCustomHttpHeader("Accept", media_type)
    if timeout:
        client.setTimeout(int(max(1, timeout)))
    try:
        body: bytes = client.query().response.read()
    except QueryBadFormed as error:  # the endpoint's 400: the query is at fault (exit 2), not the store (exit 1)
        detail = str(error).split("Response:", 1)[-1].strip().removeprefix("b'").removesuffix("'")
        raise SyntaxProblem(f"The endpoint rejected the query: {detail}") from error
    return body


def run_embedded(text: str, media_type: str, data_dir: Path | None, timeout: float | None) -> tuple[bytes, bool]:
    from cityref.ontology.model import Ontology
    from cityref.settings import Settings
    from cityref.sparql.service import run_query
    from cityref.store import bootstrap, open_store

    settings = Settings(data_dir=data_dir) if data_dir else Settings(data_dir=None)
    store = open_store(settings.model_copy(update={"store": "embedded"}))
    try:
        bootstrap(store, Ontology(), load_examples=settings.load_examples)
        outcome = run_query(store, settings, text, accept=f"{media_type}, text/turtle;q=0.9", timeout_s=timeout)
        return outcome.body, outcome.truncated
    finally:
        store.close()


@app.command()
def query(
    target: str = typer.Argument(None, metavar="QUERY", help="Canned query name, a .rq file, or SPARQL text"),
    param: list[str] | None = typer.Option(None, "--param", "-p", help="A parameter as NAME=VALUE (repeatable)"),
    endpoint: str = typer.Option(None, help="A SPARQL endpoint URL (default: the embedded store)"),
    data_dir: Path = typer.Option(None, help="Embedded store directory (default: in memory with shipped data)"),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json, xml, csv or tsv"),
    timeout: float = typer.Option(None, help="Time budget in seconds"),
    list_all: bool = typer.Option(False, "--list", help="List the canned queries and their parameters"),
    show: bool = typer.Option(False, "--show", help="Print the query text with parameters bound; do not run it"),
) -> None:
    """Run a canned query or any SPARQL query; results as a table (default) or a SPARQL results format."""
    console = Console()
    if list_all:
        if fmt == "json":
            listing = {"queries": [q.to_json() for q in canned.catalogue().values()]}
            sys.stdout.write(json.dumps(listing, indent=2, ensure_ascii=False) + "\n")
        elif fmt == "table":
            _print_catalogue(console)
        else:
            raise typer.BadParameter("with --list, table or json", param_hint="--format")
        return
    if target is None:
        raise typer.BadParameter("give a canned query name, a .rq file or SPARQL text", param_hint="QUERY")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"one of {', '.join(FORMATS)}", param_hint="--format")
    if endpoint and not is_http_url(endpoint):
        raise typer.BadParameter("an http:// or https:// URL", param_hint="--endpoint")
    try:
        chosen = resolve(target)
        text = chosen.bind(parse_params(param or []))
        if show:
            sys.stdout.write(text)
            return
        if endpoint:
            body, truncated = run_remote(endpoint, text, FORMATS[fmt], timeout), False
        else:
            body, truncated = run_embedded(text, FORMATS[fmt], data_dir, timeout)
    except CityrefError as error:
        typer.echo(f"error: {error.detail}", err=True)
        raise typer.Exit(2 if error.status < 500 else 1) from None
    except typer.BadParameter:
        raise
    except Exception as error:  # an unreachable or failing endpoint: report it, do not dump a traceback
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    if fmt == "table" and body.lstrip().startswith(b"{"):
        render_table(body, console, title=chosen.title if chosen.name != "query" else None)
    else:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    if truncated:
        typer.echo("warning: results truncated at the row cap", err=True)


def _print_catalogue(console: Console) -> None:
    table = Table(header_style="bold")
    for column in ("name", "title", "parameters"):
        table.add_column(column, overflow="fold")
    for q in canned.catalogue().values():
        params = ", ".join(
            f"{p.name} ({p.type}{'' if p.required and p.default is None else ', optional'})" for p in q.params
        )
        table.add_row(q.name, q.title, params)
    console.print(table)
