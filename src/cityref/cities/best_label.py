"""The best label of each node for a reader: in their language, else English, else untagged, else any
(:func:`cityref.lang.label_rank`)."""

from __future__ import annotations

from cityref.cities.reader import Row, iri
from cityref.lang import label_rank


def best_labels(rows: list[Row], node: str, label: str, lang: str) -> dict[str, tuple[str, str | None]]:
    """node IRI -> (label, its language or ``None``), choosing among the rows' ``label`` bindings per ``node``."""
    best: dict[str, tuple[tuple[int, str], str, str | None]] = {}
    for row in rows:
        subject, term = iri(row, node), row.get(label)
        if subject is None or term is None:
            continue
        tag = term.get("xml:lang") or None
        key = (label_rank(tag, lang), term["value"])
        if subject not in best or key < best[subject][0]:
            best[subject] = (key, term["value"], tag)
    return {subject: (text, tag) for subject, (_, text, tag) in best.items()}
