"""CSV of an assessment's records and of gaps, shared by the HTTP routes and the CLI so both write the same
columns. Cells a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``) get a leading apostrophe: city
text is data, never a formula."""

from __future__ import annotations

import csv
import io

from cityref.cities.assessment import Assessment
from cityref.cities.gaps import Gap

RECORD_COLUMNS = [
    "assessment", "date", "kind", "iri", "notation", "label", "status", "rank", "owner", "recorded", "evidence",
]  # fmt: skip
GAP_COLUMNS = [
    "rule", "severity", "about", "about_label", "related", "related_label", "what", "why", "why_lang", "why_source",
    "next", "next_label", "next_href", "evidence", "assessment",
]  # fmt: skip


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["'" + c if c[:1] in ("=", "+", "-", "@", "\t", "\r") else c for c in row])
    return out.getvalue()


def records_csv(chosen: Assessment) -> str:
    rows = [
        [
            chosen.iri,
            chosen.day,
            r.kind,
            r.subject.iri,
            r.subject.notation or "",
            r.subject.label,
            r.status.label if r.status else "",
            "" if r.rank is None else str(r.rank),
            r.owner.label if r.owner else "",
            r.day or "",
            " ".join(e.iri for e in r.evidence),
        ]
        for r in chosen.records
    ]
    return csv_text(RECORD_COLUMNS, rows)


def gaps_csv(gaps: list[Gap], base: str = "") -> str:
    """One row per gap; ``next_href`` is the next practice's page, prefixed with ``base`` (the server's URL)."""
    rows = [
        [
            g.rule,
            g.severity,
            g.about.iri,
            g.about.name,
            g.related.iri if g.related else "",
            g.related.name if g.related else "",
            g.what,
            g.why or "",
            g.why_lang or "",
            g.source.iri if g.source else "",
            g.next.iri if g.next else "",
            g.next.name if g.next else "",
            base + g.next.href if g.next and g.next.href else "",
            " ".join(e.iri for e in g.evidence),
            g.assessment,
        ]
        for g in gaps
    ]
    return csv_text(GAP_COLUMNS, rows)


__all__ = ["GAP_COLUMNS", "RECORD_COLUMNS", "csv_text", "gaps_csv", "records_csv"]
