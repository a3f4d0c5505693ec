"""``cityref serve``: run the HTTP service with uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from cityref.cli._app import app


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
    # The app writes its own access log (JSON with a request id); uvicorn's would repeat every line.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info", access_log=False)
