"""What the city commands (``gaps``, ``report``) share: the embedded store opened with the shipped model, the city's
graph read from the operator's files when given, and one way of telling a city error on the command line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cityref.errors import CityrefError

if TYPE_CHECKING:
    from cityref.cities.reader import Reader
    from cityref.settings import Settings
    from cityref.store import Store

DATA_DIR_HELP = "Embedded store directory (default: in memory with shipped data)"
FILES_HELP = "Read the city's graph from this RDF file instead (repeatable; not with --data-dir)"


def ident(city: str) -> str:
    """A city's id, from its id or its graph IRI."""
    from cityref.cities.registry import CITY_GRAPH_BASE

    return city.removeprefix(CITY_GRAPH_BASE).strip("/")


def check_choices(fmt: str, formats: tuple[str, ...], lang: str) -> None:
    """A usage error (exit 2) for a ``--format`` not in ``formats`` or a ``--lang`` the interface does not speak."""
    from cityref.i18n import UI_LANGUAGES

    if fmt not in formats:
        raise typer.BadParameter(f"one of {', '.join(formats)}", param_hint="--format")
    if lang not in UI_LANGUAGES:
        raise typer.BadParameter(f"one of {', '.join(UI_LANGUAGES)}", param_hint="--lang")


def check_files(files: list[Path] | None, data_dir: Path | None) -> list[Path]:
    """The ``--file`` paths, all present; a usage error with ``--data-dir`` (the files are read into memory, so a
    store on disk is never written), exit 2 naming any that is missing."""
    files = files or []
    if files and data_dir:
        raise typer.BadParameter("reads the city into memory, not with --data-dir", param_hint="--file")
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        typer.echo(f"error: no such file: {', '.join(missing)}", err=True)
        raise typer.Exit(2)
    return files


def _read_files(store: Store, city: str, files: list[Path]) -> None:
    """The city's graph from ``files``: the first replaces what the graph held, the others are added to it."""
    from cityref.cities.registry import CITY_GRAPH_BASE
    from cityref.cli.load import prepare_local

    graph = CITY_GRAPH_BASE + city
    for index, file in enumerate(files):
        upload = prepare_local(store, file, None, lambda done, total: None)
        (store.graph_post if index else store.graph_put)(graph, upload)


@contextmanager
def city_store(data_dir: Path | None, city: str, files: list[Path]) -> Iterator[tuple[Reader, Settings, str]]:
    """The embedded store (``data_dir``, or in memory with the shipped model and Exampleton), the city's graph read
    from ``files`` when given; yields a reader over it, the settings and the model's version. A
    :class:`CityrefError` inside (an unknown city, a malformed file) is told on stderr and exits 2 (1 for the
    server's own faults)."""
    from cityref.cities import store_reader
    from cityref.ontology.model import Ontology
    from cityref.settings import Settings
    from cityref.store import bootstrap, open_store

    settings = Settings(data_dir=data_dir) if data_dir else Settings(data_dir=None)
    store = open_store(settings.model_copy(update={"store": "embedded"}))
    try:
        ontology = Ontology()
        bootstrap(store, ontology, load_examples=settings.load_examples)
        if files:
            _read_files(store, city, files)
        yield store_reader(store, settings), settings, ontology.version
    except CityrefError as error:
        known = error.extra.get("known")
        typer.echo(f"error: {error.detail}" + (f" (known: {', '.join(known)})" if known else ""), err=True)
        raise typer.Exit(2 if error.status < 500 else 1) from None
    finally:
        store.close()
