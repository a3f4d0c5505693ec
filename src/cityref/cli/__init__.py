"""Command-line interface: thin commands over the library, one module per command."""

from cityref.cli import serve
from cityref.cli._app import app

__all__ = ["app", "main", "serve"]


def main() -> None:
    app()
