"""``cityref report CITY``: one city's report (maturity, practice adoption by component, top gaps, benefits at risk,
interoperability matrix) as a self-contained HTML page or a PDF, the same document ``/cities/{id}/report`` prints.

CITY is read as ``cityref gaps`` reads it: from the embedded store in memory (the shipped model and Exampleton), the
store in ``--data-dir``, or the city's own files (``--file``). ``--on`` sets the day the report describes (today by
default; the pictures are drawn for a report of today only), ``--since`` adds what changed since an earlier day.
The report goes to ``--output`` or to standard output (a PDF only into a pipe or a file, never onto a terminal).
Exit codes: 0 written, 2 usage or input error (unknown city, a malformed day or file).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cityref.cli._app import app
from cityref.cli._city import DATA_DIR_HELP, FILES_HELP, check_choices, check_files, city_store, ident
from cityref.errors import CityrefError

FORMATS = ("html", "pdf")


@app.command()
def report(
    city: str = typer.Argument(..., metavar="CITY-GRAPH-OR-ID", help="A city's id or the IRI of its graph"),
    fmt: str = typer.Option("html", "--format", "-f", help="html (one self-contained page) or pdf"),
    lang: str = typer.Option("en", help="Language of the report: en, fr, es, de or it"),
    on: str = typer.Option(None, help="The day the report describes, YYYY-MM-DD (default: today)"),
    since: str = typer.Option(None, help="Also say what changed since this earlier day, YYYY-MM-DD"),
    output: Path = typer.Option(None, "--output", "-o", help="Write the report here (default: standard output)"),
    data_dir: Path = typer.Option(None, help=DATA_DIR_HELP),
    files: list[Path] = typer.Option(None, "--file", help=FILES_HELP),
) -> None:
    """Write a city's report: maturity, adoption, top gaps, benefits at risk, interoperability (HTML or PDF)."""
    from datetime import UTC, date, datetime

    from cityref._version import VERSION
    from cityref.api.benefits import parse_day, rules
    from cityref.api.report import PICTURES, render, to_pdf
    from cityref.cities import find_city
    from cityref.cities.report import city_report
    from cityref.pictures import city_picture

    check_choices(fmt, FORMATS, lang)
    if fmt == "pdf" and output is None and sys.stdout.isatty():
        raise typer.BadParameter("a PDF goes to a file or a pipe: give --output", param_hint="--format")
    try:
        day = parse_day(on, "--on") or date.today()
        earlier = parse_day(since, "--since")
    except CityrefError as error:
        raise typer.BadParameter(error.detail) from None
    if earlier is not None and earlier >= day:
        raise typer.BadParameter(f"{earlier.isoformat()} is not before the report's day, {day.isoformat()}")
    files = check_files(files, data_dir)
    city = ident(city)
    with city_store(data_dir, city, files) as (read, settings, model_version):
        found_city = find_city(read, city, lang)
        today = day == date.today()  # the pictures show the data as it is now: for a report of today only
        pictures = {name: city_picture(read, found_city, name, lang) for name in PICTURES} if today else {}
        found = city_report(
            read, found_city, lang, on=day, since=earlier, rules=rules(settings), model_version=model_version,
            software_version=VERSION, computed_at=datetime.now(UTC),
        )  # fmt: skip
    html = render("city_report_print.html", lang, found, pictures=pictures, top_gaps=settings.report_top_gaps)
    body = to_pdf(html) if fmt == "pdf" else html.encode()
    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
    else:
        try:
            output.write_bytes(body)
        except OSError as error:
            typer.echo(f"error: cannot write the report to {output}: {error.strerror or error}", err=True)
            raise typer.Exit(2) from None
