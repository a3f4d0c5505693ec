"""The best label of each node for a reader: in their language, else English, else untagged, else any (the same
order :mod:`cityref.cities.registry` uses for city names)."""

from __future__ import annotations

from cityref.cities.reader import Row, iri


def rank(lang: str | None, wanted: str) -> int:
    """How well a label's language serves a reader of ``wanted`` (lower is better)."""
    if lang == wanted:
        return 0
    if lang == "en":
        return 1
    return 2 if not lang else 3


def best_labels(rows: list[Row], node: str, label: str, lang: str) -> dict[str, tuple[str, str | None]]:
    """node IRI -> (label, its language or ``None``), choosing among the rows' ``label`` bindings per ``node``."""
    best: dict[str, tuple[tuple[int, str], str, str | None]] = {}
    for row in rows:
        subject, term = iri(row, node), row.get(label)
        if subject is None or term is None:
            continue
        tag = term.get("xml:lang") or None
        key = (rank(tag, lang), term["value"])
        if subject not in best or key < best[subject][0]:
            best[subject] = (key, term["value"], tag)
    return {subject: (text, tag) for subject, (_, text, tag) in best.items()}
