"""Command-line interface: thin commands over the library, one module per command."""

from cityref.cli import check, load, resolve, serve
from cityref.cli import query as query_command
from cityref.cli import validate as validate_command
from cityref.cli._app import app

__all__ = ["app", "check", "load", "main", "query_command", "resolve", "serve", "validate_command"]


def main() -> None:
    app()
