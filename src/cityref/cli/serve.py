"""``cityref serve``: run the HTTP service with uvicorn."""

from __future__ import annotations

import errno
import fcntl
import logging
import socket
from pathlib import Path
from typing import Any

import typer

from cityref.cli._app import app


def store_holder(data_dir: Path) -> str | None:
    """Who holds the store's lock (``"pid N"``), or None when the directory is free (or does not exist yet)."""
    lock = data_dir / "cityref.lock"
    if not lock.exists():
        return None
    with open(lock, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            pid = handle.read().strip()
            return f"pid {pid}" if pid else "another process"
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host:port`` (a port in use, an address not on this machine)."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return "the port is in use (another server is running there)"
        return error.strerror or str(error)
    return None


@app.command()
def serve(
    host: str = typer.Option(None, help="Interface to listen on (default 127.0.0.1, or CITYREF_HOST)"),
    port: int = typer.Option(None, min=1, max=65535, help="Port (default 8000, or CITYREF_PORT)"),
    data_dir: Path = typer.Option(None, help="Embedded store directory (default: in memory, or CITYREF_DATA_DIR)"),
) -> None:
    """Start the server on its embedded defaults: ontology, profiles and the Exampleton sample city loaded."""
    import uvicorn

    from cityref.app import create_app
    from cityref.settings import Settings

    overrides: dict[str, Any] = {"host": host, "port": port, "data_dir": data_dir}
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    if settings.store == "embedded" and settings.data_dir is not None:
        holder = store_holder(settings.data_dir)
        if holder is not None:
            typer.echo(
                f"The data directory {settings.data_dir} is in use by another cityref process ({holder})", err=True
            )
            raise typer.Exit(2)
    problem = port_problem(settings.host, settings.port)
    if problem is not None:
        typer.echo(f"Cannot listen on {settings.host}:{settings.port}: {problem}", err=True)
        raise typer.Exit(2)
    logger = logging.getLogger("cityref")
    if not logger.handlers:  # the server's own lines (what it loaded, store faults) next to uvicorn's
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    # The app writes its own access log (JSON with a request id); uvicorn's would repeat every line.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info", access_log=False)
