"""Command-line interface: thin commands over the library, one module per command.

:func:`main` is the entry point (``cityref`` and ``python -m cityref``). Whatever goes wrong, it prints no Python
traceback: each command turns the errors it expects into a message and an exit code (0 ok, 1 does not conform or
checks failed, 2 usage or input error), and anything it did not expect becomes one line on stderr, exit 2, with a
request to report it.

Each command's module registers it with the one Typer application when imported. :func:`main` imports only the
module of the command it is asked to run (all of them for ``cityref --help`` or an unknown command): ``cityref
validate`` then starts without the SPARQL service, the canned queries and the ontology checks that other commands
need (0.3 s of a 1.5 s run). ``cityref.cli.app`` is the application with every command registered.
"""

import importlib
import logging
import sys
from collections.abc import Sequence

import typer
from pydantic import ValidationError

COMMANDS = ("check", "gaps", "report", "load", "resolve", "serve", "query", "validate")  # the order of --help
"""Every command, each in a module of its own name."""

__all__ = ["COMMANDS", "app", "main", "register"]

INTERNAL_ERROR = 2
"""The exit code of an error no command foresaw: the same as a usage or input error, since in practice it is most
often input nobody thought of; the message says it is a fault to report."""


class _OneLine(logging.Formatter):
    """Warnings a library logs without any logging set up (rdflib does, with a traceback) as one line each."""

    def format(self, record: logging.LogRecord) -> str:
        return f"warning: {record.getMessage().splitlines()[0] if record.getMessage() else record.name}"


def _quiet_last_resort() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(_OneLine())
    logging.lastResort = handler


def register(commands: Sequence[str] = COMMANDS) -> typer.Typer:
    """The application with ``commands`` registered (importing a command's module registers it)."""
    for name in commands:
        importlib.import_module(f"{__name__}.{name}")
    from cityref.cli._app import app

    return app


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # ``from cityref.cli import app``: every command, as the tests and --help see them
        return register()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _asked(argv: Sequence[str]) -> tuple[str, ...]:
    """The command line's command, when it names one; else every command (for the list in --help)."""
    named = next((arg for arg in argv if not arg.startswith("-")), None)
    return (named,) if named in COMMANDS else COMMANDS


def main() -> None:
    _quiet_last_resort()
    try:
        register(_asked(sys.argv[1:]))()
    except KeyboardInterrupt:
        print("cityref: interrupted", file=sys.stderr)
        sys.exit(130)
    except ValidationError as error:  # a CITYREF_* variable that does not parse: the operator's input
        wrong = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        print(f"cityref: invalid setting (CITYREF_* environment): {wrong}", file=sys.stderr)
        sys.exit(2)
    except Exception as error:  # the guard of last resort: one line, never a traceback
        message = " ".join(str(error).split()) or "no message"
        print(
            f"cityref: unexpected error ({type(error).__name__}): {message} - please report it, with the command "
            "you ran",
            file=sys.stderr,
        )
        sys.exit(INTERNAL_ERROR)
