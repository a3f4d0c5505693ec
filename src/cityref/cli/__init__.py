"""Command-line interface: thin commands over the library, one module per command.

:func:`main` is the entry point (``cityref`` and ``python -m cityref``). Whatever goes wrong, it prints no Python
traceback: each command turns the errors it expects into a message and an exit code (0 ok, 1 does not conform or
checks failed, 2 usage or input error), and anything it did not expect becomes one line on stderr, exit 2, with a
request to report it.
"""

import logging
import sys

from pydantic import ValidationError

from cityref.cli import check, gaps, load, resolve, serve
from cityref.cli import query as query_command
from cityref.cli import validate as validate_command
from cityref.cli._app import app

__all__ = ["app", "check", "gaps", "load", "main", "query_command", "resolve", "serve", "validate_command"]

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


def main() -> None:
    _quiet_last_resort()
    try:
        app()
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
