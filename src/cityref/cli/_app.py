"""The one Typer application every command module registers with."""

from urllib.parse import urlsplit

import typer

app = typer.Typer(
    name="cityref",
    help="cityref: the ISO 37106 smart city reference model as a service.\n\n"
    "Exit codes: 0 ok, 1 data does not conform or checks failed, 2 usage or input error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def is_http_url(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) URL with a host (what ``--endpoint`` must be)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in url


@app.callback()
def _group() -> None:
    # A callback keeps the commands a group when :func:`cityref.cli.main` registers only one: Typer would
    # otherwise run a lone command without its name, and read ``validate`` as its first argument.
    pass
