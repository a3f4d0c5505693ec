"""``cityref load``: add an RDF file to a graph of the embedded store, or of any Graph Store endpoint.

Exit codes: 0 loaded, 2 usage or input error (missing file, unknown format, syntax error, refused by the server).
The file is read whole (with a progress bar) before anything is written, then added in one all-or-nothing write.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

from cityref.cli._app import app, is_http_url
from cityref.errors import CityrefError

if TYPE_CHECKING:
    from cityref.intake import Prepared
    from cityref.store import Store


def prepare_local(store: Store, file: Path, media_type: str | None, progress: Callable[[int, int], None]) -> Prepared:
    """Read a local file into a prepared upload for ``store``, reporting bytes read.

    The operator's own file is read here, in the CLI's process, with no worker and no limits: the limits protect a
    server from its clients, and ``cityref load`` is the operator at work."""
    import uuid

    from cityref.intake import Prepared, write_ntriples
    from cityref.store.parsing import CountingReader, file_format

    fmt = file_format(file, media_type)
    target = store.incoming_dir() / f"load-{uuid.uuid4().hex}.nt"
    total = file.stat().st_size
    try:
        with file.open("rb") as raw, open(target, "wb") as out:
            reader = CountingReader(raw, total, progress)
            count = write_ntriples(
                [(reader, fmt.media_type, file.name)],  # type: ignore[list-item]
                out,
                base_iri=file.resolve().as_uri(),
                max_triples=0,
                max_expansion=0,
            )
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    progress(total, total)
    return Prepared(target, count)


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
    from cityref.store import EmbeddedStore, RemoteStore
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
        except (OSError, CityrefError) as error:  # most often a running server holding the store's lock
            console.print(f"[red]Cannot open the store at {directory}:[/] {getattr(error, 'detail', error)}")
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
            task = progress.add_task(f"reading {file.name}", total=file.stat().st_size)
            upload = prepare_local(
                store, file, media_type, lambda done, total: progress.update(task, completed=done, total=total)
            )
            progress.update(task, description=f"writing {upload.triples} triples")
            store.graph_post(graph, upload)  # all or nothing: the file was read whole before anything changes
    except CityrefError as error:
        console.print(f"[red]{error.title}:[/] {error.detail}")
        raise typer.Exit(2) from error
    finally:
        store.close()
    console.print(f"loaded {file.name} into <{graph}> at {target}")
