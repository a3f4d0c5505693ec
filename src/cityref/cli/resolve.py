"""``cityref resolve``: turn a label (any language), notation, CURIE or IRI into the best matching terms.

Exit codes: 0 at least one match, 1 no match, 2 usage or input error (bad language tag, unknown type...).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cityref.cli._app import app
from cityref.errors import CityrefError


@app.command()
def resolve(
    text: str = typer.Argument(..., help="A label in any language, a notation such as B5, a CURIE or an IRI"),
    lang: str = typer.Option(None, "--lang", help="Language chain for the labels shown, e.g. fr,en (default en)"),
    limit: int = typer.Option(5, "--limit", min=1, max=100, help="Most matches to print"),
    type_: str = typer.Option(None, "--type", help="Only terms of this class, e.g. Practice"),
    include_deprecated: bool = typer.Option(False, "--include-deprecated", help="Also match deprecated terms"),
    as_json: bool = typer.Option(False, "--json", help="Print the hits as JSON (the /search item shape)"),
    ontology_dir: Path = typer.Option(
        None,
        exists=True,
        file_okay=False,
        help="Resolve against this folder of modules instead of the shipped ontology",
    ),
) -> None:
    """Print the best matching terms for TEXT, best first, with what matched (field and language)."""
    from cityref.ontology.model import Ontology
    from cityref.terms import TermIndex, hit_json, parse_lang

    console = Console()
    try:
        chain = parse_lang(lang)
        index = TermIndex.build(Ontology(ontology_dir))
        type_iri = index.resolve_class(type_) if type_ else None
        hits = index.search.search(text, chain=chain, type_iri=type_iri, include_deprecated=include_deprecated)
    except CityrefError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    items = [hit_json(index, hit, chain) for hit in hits[:limit]]
    if as_json:
        typer.echo(json.dumps({"query": text, "total": len(hits), "items": items}, ensure_ascii=False, indent=2))
    elif items:
        table = Table(title=f"{len(hits)} match(es) for {text!r}")
        for column in ("score", "curie", "notation", "label", "matched"):
            table.add_column(column)
        for item in items:
            matched = item["matched"]
            where = f"{matched['field']} ({matched['lang']})" if matched["lang"] else matched["field"]
            table.add_row(
                f"{item['score']:g}",
                escape(item["curie"]),
                escape(item["notation"] or ""),
                escape(item["label"] or ""),
                escape(f"{where}: {matched['text']}"),
            )
        console.print(table)
    else:
        console.print(f"no term matches {escape(text)!r}")
    raise typer.Exit(0 if items else 1)
