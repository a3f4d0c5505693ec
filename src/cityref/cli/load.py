"""``cityref load``: add an RDF file to a graph of the embedded store, or of any Graph Store endpoint.

Exit codes: 0 loaded, 2 usage or input error (missing file, unknown format, syntax error, refused by the server).
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

from cityref.cli._app import app, is_http_url
from cityref.errors import CityrefError


@app.command()
def load(
    file: Path = typer.Argument(
        ..., exists=True, dir_okay=False, readable=True, help="RDF file (format from extension)"
    ),
    graph: str = typer.Option(..., "--graph", help="IRI of the graph to add the triples to"),
    endpoint: str = typer.Option(
        None, help="Graph Store endpoint to send to (a cityref server's /graphs, Oxigraph's /store, Fuseki's /ds/data)"
    ),
    key: str = typer.Option(None, envvar="CITYREF_API_KEY", help="API key for the endpoint (or CITYREF_API_KEY)"),
    data_dir: Path = typer.Option(None, help="Embedded store directory (default CITYREF_DATA_DIR)"),
    media_type: str = typer.Option(None, "--media-type", help="Media type, when the extension does not tell"),
) -> None:
    """Add FILE's triples to graph IRI (merge), with a progress bar."""
    from cityref.settings import Settings
    from cityref.store import EmbeddedStore, RemoteStore, Store
    from cityref.store.base import check_graph_iri

    console = Console(stderr=True)
    try:
        check_graph_iri(graph)
    except ValueError as error:
        console.print(f"[red]--graph must be an absolute IRI:[/] {error}")
        raise typer.Exit(2) from None
    store: Store
    if endpoint and not is_http_url(endpoint):
        console.print(f"[red]--endpoint must be an http:// or https:// URL:[/] {escape(endpoint)}")
        raise typer.Exit(2)
    if endpoint:
        store = RemoteStore(endpoint, gsp_url=endpoint, api_key=key)
        target = endpoint
    else:
        directory = data_dir or Settings().data_dir
        if directory is None:
            console.print(
                "[red]Give --data-dir (or CITYREF_DATA_DIR), or --endpoint: an in-memory store would not keep it"
            )
            raise typer.Exit(2)
        try:
            store = EmbeddedStore(directory)
        except OSError as error:  # most often a running server holding the store's lock
            console.print(f"[red]Cannot open the store at {directory}:[/] {error}")
            raise typer.Exit(2) from None
        target = str(directory)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    try:
        with Progress(*columns, console=console, transient=False) as progress:
            task = progress.add_task(f"loading {file.name}", total=file.stat().st_size)
            store.load_file(
                file,
                graph,
                media_type=media_type,
                progress=lambda done, total: progress.update(task, completed=done, total=total),
            )
    except CityrefError as error:
        console.print(f"[red]{error.title}:[/] {error.detail}")
        raise typer.Exit(2) from error
    finally:
        store.close()
    console.print(f"loaded {file.name} into <{graph}> at {target}")
