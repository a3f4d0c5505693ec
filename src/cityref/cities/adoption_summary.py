"""What a city report says about practice adoption and gaps, built on :mod:`cityref.cities.assessment` and
:mod:`cityref.cities.gaps`: the assessment in force on a day (the latest made on or before it), a heat map of its
records by component of the operating model and adoption status, the most serious gaps, and what changed between
two assessments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cityref.cities.assessment import AdoptionRecord, Assessment, assessments
from cityref.cities.best_label import best_labels
from cityref.cities.gaps import Gap, gaps_in
from cityref.cities.reader import Reader, iri
from cityref.cities.registry import City
from cityref.store.base import ONTOLOGY_GRAPH, sparql_iri

RANKS = (0, 1, 2, 3)
"""The adoption statuses' ranks, not started (0) to established (3): the heat map's columns."""


@dataclass
class ComponentRow:
    component: str
    notation: str
    label: str
    label_lang: str | None
    cells: dict[int | None, list[AdoptionRecord]] = field(default_factory=dict)
    """Rank (``None``: no status on the scale) -> the records at that rank."""

    @property
    def total(self) -> int:
        return sum(len(records) for records in self.cells.values())


@dataclass(frozen=True)
class AdoptionPicture:
    assessment: Assessment
    statuses: dict[int, str]
    """Rank -> the status's label in the reader's language (from the records themselves)."""
    rows: list[ComponentRow]
    gaps: list[Gap]
    """Every gap of the assessment, the most serious first (a report shows the first few)."""


def in_force(found: list[Assessment], on: date) -> Assessment | None:
    """The latest assessment made on or before ``on`` (``found`` is newest first); ``None`` when there is none."""
    day = on.isoformat()
    return next((a for a in found if a.day and a.day <= day), None)


def _components(read: Reader, subjects: set[str], lang: str) -> dict[str, tuple[str, str, str, str | None]]:
    """Subject IRI -> (component IRI, notation, label, label language), from the model's ``skos:broader`` tree."""
    if not subjects:
        return {}
    values = " ".join(sparql_iri(s) for s in sorted(subjects))
    rows = read(f"""PREFIX cityref: <https://w3id.org/cityref/def/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?subject ?component ?notation ?label WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{
  VALUES ?subject {{ {values} }}
  ?subject skos:broader+ ?component . ?component a cityref:OperatingModelComponent ; skos:notation ?notation .
  OPTIONAL {{ ?component skos:prefLabel ?label }}
}} }}""")
    labels = best_labels(rows, "component", "label", lang)
    found: dict[str, tuple[str, str, str, str | None]] = {}
    for row in rows:
        subject, component, notation = iri(row, "subject"), iri(row, "component"), row.get("notation")
        if subject and component and notation:
            label, tag = labels.get(component, (notation["value"], None))
            found[subject] = (component, notation["value"], label, tag)
    return found


def adoption_picture(read: Reader, city: City, lang: str, on: date) -> AdoptionPicture | None:
    """The assessment in force on ``on`` as a heat map by component, with its gaps."""
    chosen = in_force(assessments(read, city, lang), on)
    if chosen is None:
        return None
    places = _components(read, {r.subject.iri for r in chosen.records}, lang)
    rows: dict[str, ComponentRow] = {}
    statuses: dict[int, str] = {}
    for record in chosen.records:
        component, notation, label, tag = places.get(record.subject.iri, ("", "—", "—", None))
        row = rows.setdefault(component, ComponentRow(component, notation, label, tag))
        row.cells.setdefault(record.rank, []).append(record)
        if record.rank is not None and record.status is not None:
            statuses.setdefault(record.rank, record.status.label)
    ordered = sorted(rows.values(), key=lambda r: (r.component == "", r.notation))
    return AdoptionPicture(chosen, statuses, ordered, gaps_in(read, city, chosen, lang))


@dataclass(frozen=True)
class AdoptionChange:
    subject: str
    before: str
    after: str
    better: bool


def adoption_changes(before: Assessment, after: Assessment) -> list[AdoptionChange]:
    """Each practice or principle whose adoption rank rose or fell from one assessment to the other."""
    changes = []
    for record in after.records:
        old = before.record_of(record.subject.iri)
        if old is None or old.rank is None or record.rank is None or old.rank == record.rank:
            continue
        was = old.status.label if old.status else "—"
        now = record.status.label if record.status else "—"
        changes.append(AdoptionChange(record.subject.name, was, now, record.rank > old.rank))
    return changes


def gap_key(gap: Gap) -> tuple[str, str, str]:
    return (gap.rule, gap.about.iri, gap.related.iri if gap.related else "")


def gap_changes(before: list[Gap], after: list[Gap]) -> tuple[list[Gap], list[Gap]]:
    """(gaps closed since ``before``, gaps new in ``after``), each gap known by its rule and what it is about."""
    then, now = {gap_key(g) for g in before}, {gap_key(g) for g in after}
    return [g for g in before if gap_key(g) not in now], [g for g in after if gap_key(g) not in then]
