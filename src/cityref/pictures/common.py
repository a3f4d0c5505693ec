"""What every picture has besides its drawing: a title, a description, and its data as a table, which is both the
text alternative shown under the picture and the CSV download.

Labels are chosen per reader: the reader's language, then English, then an untagged label, then any, then the
IRI's last segment, so that a node never goes unnamed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from babel.numbers import format_decimal, format_percent

from cityref import i18n
from cityref.cities.reader import Reader, Row, iri
from cityref.lang import label_rank
from cityref.store.base import sparql_iri

CITYREF = "https://w3id.org/cityref/def/"
ONTOLOGY = "<https://w3id.org/cityref/graph/ontology>"
PREFIXES = """PREFIX cityref: <https://w3id.org/cityref/def/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX qudt: <http://qudt.org/schema/qudt/>
"""
TermLink = Callable[[str], str]
"""The link of a term page, from the term's IRI (the routes keep ``?lang``; an embedding report gives its own)."""
Translate = Callable[[str], str]
"""English interface text to the reader's language."""


def translator(lang: str) -> Translate:
    return lambda message: i18n.gettext(lang, message)


def N_(message: str) -> str:
    """Marks an interface string for the catalogue; it is translated where it is shown."""
    return message


def local_name(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or the last ``/``)."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri


def checked_language(lang: str) -> str:
    """``lang`` if it is an interface language (it goes into query text), English otherwise."""
    return lang if lang in i18n.UI_LANGUAGES else i18n.DEFAULT_LANGUAGE


@dataclass
class Labels:
    """The best label of each IRI seen, for one reader's language."""

    lang: str
    best: dict[str, tuple[int, str, str | None]] = field(default_factory=dict)

    def offer(self, iri: str | None, row: Row, var: str) -> None:
        term = row.get(var)
        if iri is None or term is None:
            return
        tag = term.get("xml:lang")
        candidate = (label_rank(tag, self.lang), term["value"], tag)
        if iri not in self.best or candidate < self.best[iri]:
            self.best[iri] = candidate

    def __call__(self, iri: str) -> str:
        found = self.best.get(iri)
        return found[1] if found else local_name(iri)

    def language(self, iri: str) -> str | None:
        """The language tag of the label of ``iri`` (``None``: untagged or none)."""
        found = self.best.get(iri)
        return found[2] if found else None


@dataclass(frozen=True)
class Table:
    """A picture's data: ``columns`` are (CSV name, English heading) pairs; each row has one text per column."""

    columns: tuple[tuple[str, str], ...]
    rows: Sequence[tuple[str, ...]]

    @property
    def shown(self) -> list[tuple[int, str]]:
        """(index, English heading) of the columns a page shows people (the IRI columns are for machines)."""
        return [(i, heading) for i, (_, heading) in enumerate(self.columns) if heading != "IRI"]

    def to_csv(self) -> str:
        """The CSV download: a header of the column names, then the rows. A text cell that a spreadsheet would
        run as a formula (starting with ``= + - @``, tab or carriage return, and not a number) gets a leading
        apostrophe."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([name for name, _ in self.columns])
        writer.writerows([_defused(cell) for cell in row] for row in self.rows)
        return out.getvalue()


def _defused(cell: str) -> str:
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(cell)
        except ValueError:
            return "'" + cell
    return cell


@dataclass(frozen=True)
class Picture:
    """One picture, ready to inline in a page, download, or embed in a report."""

    name: str
    """Its file name without extension (``maturity-radar``)."""
    title: str
    description: str
    svg: str
    table: Table


def number(value: float | None) -> str:
    """A number for a label or a CSV cell: no trailing ``.0``; empty when unknown."""
    if value is None:
        return ""
    return f"{value:g}" if value != int(value) else str(int(value))


def shown_number(value: float | None, lang: str) -> str:
    """A number as a reader of ``lang`` writes it (a decimal comma in French, German, Spanish and Italian);
    empty when unknown. Only for the pictures: the CSV keeps :func:`number`."""
    return "" if value is None else format_decimal(value, locale=checked_language(lang))


def shown_share(share: float, lang: str) -> str:
    """A share (1.0 is all) as a percentage written the reader's way."""
    return format_percent(share, locale=checked_language(lang))


def to_float(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def ontology_labels(read: Reader, iris: Iterable[str], lang: str) -> Labels:
    """The labels (``skos:prefLabel`` or ``rdfs:label``) of ``iris`` in the ontology graph, best for ``lang``."""
    lang = checked_language(lang)
    labels = Labels(lang)
    wanted = " ".join(sparql_iri(i) for i in unique(iris))
    if not wanted:
        return labels
    text = f"""{PREFIXES}
SELECT ?x ?label WHERE {{
  GRAPH {ONTOLOGY} {{
    VALUES ?x {{ {wanted} }}
    ?x skos:prefLabel|rdfs:label ?label FILTER(LANG(?label) IN ("{lang}", "en", ""))
  }}
}}"""
    for row in read(text):
        labels.offer(iri(row, "x"), row, "label")
    return labels


def heading(text: str) -> str:
    """An ontology label (lower case, as labels are written) as a heading: its first letter capitalised."""
    return text[:1].upper() + text[1:]
