"""The validation page's view of a report: results grouped by focus node (named by its label where the delivery
gives one), worst first, each result tagged with what the page's filters need (severity, profile, shape)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cityref import media
from cityref.i18n_strings import N_
from cityref.validation.render import SHAPES_BASE
from cityref.validation.report import SEVERITIES, severity_rank

DOWNLOADS = tuple((f.name, f.extension) for f in media.REPORT_FORMATS)
"""Every report format the API renders, as (``?format=`` name, file extension)."""
FORMAT_NAMES = {
    "json": "JSON",
    "turtle": N_("Turtle (W3C report)"),
    "jsonld": N_("JSON-LD (W3C report)"),
    "csv": "CSV",
    "junit": "JUnit XML",
    "html": "HTML",
    "text": N_("Text"),
}


def short(iri: str | None) -> str:
    """The last segment of an IRI (``.../def/operator`` -> ``operator``), for a compact column."""
    if not iri:
        return ""
    return iri.strip("<>()").rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


@dataclass
class Row:
    severity: str
    message: str
    path: str | None
    value: str | None
    profile: str
    shape: str
    term: dict[str, Any] | None
    fix_hint: str | None


@dataclass
class Group:
    """One focus node and what is wrong with it."""

    node: str
    label: str | None
    rows: list[Row] = field(default_factory=list)

    @property
    def worst(self) -> str:
        return max((r.severity for r in self.rows), key=severity_rank, default="Info")

    def tally(self) -> list[tuple[str, int]]:
        """How many results of each severity the node has, worst first, leaving out those it has none of."""
        counts: dict[str, int] = {}
        for row in self.rows:  # rows are sorted worst first
            counts[row.severity] = counts.get(row.severity, 0) + 1
        return list(counts.items())


def _profile(shape: str, profiles: list[str]) -> str:
    if shape.startswith(SHAPES_BASE):
        return shape[len(SHAPES_BASE) :].split("/", 1)[0]
    return profiles[0] if len(profiles) == 1 else "shapes"


def groups(report: dict[str, Any], labels: dict[str, str]) -> list[Group]:
    """The report's results by focus node: the nodes with the worst problems first, then by name."""
    profiles = list(report.get("profiles", []))
    by_node: dict[str, Group] = {}
    for result in report.get("results", []):
        node = str(result.get("focusNode", ""))
        group = by_node.setdefault(node, Group(node, labels.get(node)))
        shape = str(result.get("sourceShape", ""))
        group.rows.append(
            Row(
                severity=str(result.get("severity", "Violation")),
                message=str(result.get("message", "")),
                path=result.get("path"),
                value=result.get("value"),
                profile=_profile(shape, profiles),
                shape=short(shape) or shape,
                term=result.get("term"),
                fix_hint=result.get("fixHint"),
            )
        )
    for group in by_node.values():
        group.rows.sort(key=lambda r: -severity_rank(r.severity))
    return sorted(by_node.values(), key=lambda g: (-severity_rank(g.worst), (g.label or g.node).casefold(), g.node))


def shapes_of(found: list[Group]) -> list[str]:
    return sorted({r.shape for g in found for r in g.rows})


def profiles_of(found: list[Group]) -> list[str]:
    return sorted({r.profile for g in found for r in g.rows})


def severity_counts(report: dict[str, Any]) -> list[tuple[str, int]]:
    counts = report.get("counts", {})
    return [(s, int(counts.get(s, 0))) for s in SEVERITIES]
