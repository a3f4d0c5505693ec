"""One report per city: where it stands on maturity, which benefits are at risk and why, its interoperability
matrix, when it was computed and with which model version; with ``since``, what improved and what got worse
compared with the state at that earlier day (the latest maturity assessment on or before it, the measurements up
to it).

Practice adoption (a heat map by component and status) and the top gaps come from the practice adoption
assessment in force on the day (:mod:`cityref.cities.adoption_summary`); with ``since``, a practice whose adoption
rose or fell, a gap closed and a gap new count as improved or worse too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from cityref.cities.adoption_summary import AdoptionPicture, adoption_changes, adoption_picture, gap_changes
from cityref.cities.benefits import IndicatorProgress, Rules, benefit_progress
from cityref.cities.interoperability import Matrix, interoperability_matrix
from cityref.cities.maturity import DimensionStanding, maturity_standing
from cityref.cities.reader import Reader
from cityref.cities.registry import City
from cityref.i18n_strings import N_

STATUS_RANK = {"at-risk": 0, "on-track": 1, "met": 2}

CHANGE_TEXTS = {
    "stage": N_("Maturity stage %(before)s, now %(after)s"),
    "rated": N_("Rated for the first time: %(after)s"),
    "status": N_("Benefit status %(before)s, now %(after)s"),
    "value": N_("Latest value %(before)s, now %(after)s (target %(target)s)"),
    "adoption": N_("%(before)s, now %(after)s"),
    "gap-closed": N_("Gap closed: %(what)s"),
    "gap-new": N_("New gap: %(what)s"),
}
STATUS_WORDS = {"at-risk": N_("At risk"), "on-track": N_("On track"), "met": N_("Target reached")}


@dataclass(frozen=True)
class Change:
    """One thing that moved between ``since`` and the report's day."""

    area: str
    """``maturity``, ``benefit``, ``adoption`` or ``gap``."""
    subject: str
    subject_lang: str | None
    kind: str
    """A key of :data:`CHANGE_TEXTS`."""
    params: dict[str, str]
    better: bool


@dataclass(frozen=True)
class Snapshot:
    on: date
    maturity: list[DimensionStanding]
    benefits: list[IndicatorProgress]
    adoption: AdoptionPicture | None = None


@dataclass
class CityReport:
    city: City
    now: Snapshot
    interoperability: Matrix
    model_version: str
    software_version: str
    computed_at: datetime
    since: Snapshot | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def at_risk(self) -> list[IndicatorProgress]:
        return [p for p in self.now.benefits if p.at_risk]

    @property
    def improved(self) -> list[Change]:
        return [c for c in self.changes if c.better]

    @property
    def worse(self) -> list[Change]:
        return [c for c in self.changes if not c.better]


def status_of(p: IndicatorProgress) -> str:
    return "at-risk" if p.at_risk else "met" if p.met else "on-track"


def snapshot(read: Reader, city: City, lang: str, on: date, rules: Rules) -> Snapshot:
    return Snapshot(
        on,
        maturity_standing(read, city, lang, on=on),
        benefit_progress(read, city, lang, on=on, rules=rules),
        adoption_picture(read, city, lang, on),
    )


def compare(before: Snapshot, after: Snapshot) -> list[Change]:
    """What improved and what got worse from ``before`` to ``after``: stages per dimension, then status (and, with
    the same status, the latest value's distance to the target) per indicator."""
    changes: list[Change] = []
    then = {s.dimension: s for s in before.maturity}
    for s in after.maturity:
        old = then.get(s.dimension)
        if old is None:
            changes.append(Change("maturity", s.dimension_label, s.label_lang, "rated", {"after": s.stage_label}, True))
        elif old.stage_number is not None and s.stage_number is not None and old.stage_number != s.stage_number:
            params = {"before": old.stage_label, "after": s.stage_label}
            better = s.stage_number > old.stage_number
            changes.append(Change("maturity", s.dimension_label, s.label_lang, "stage", params, better))
    earlier = {p.iri: p for p in before.benefits}
    for p in after.benefits:
        old_p = earlier.get(p.iri)
        if old_p is None:
            continue
        was, now = status_of(old_p), status_of(p)
        if was != now:
            params = {"before": was, "after": now}
            better = STATUS_RANK[now] > STATUS_RANK[was]
            changes.append(Change("benefit", p.label, p.label_lang, "status", params, better))
            continue
        a, b = old_p.latest, p.latest
        if a is None or b is None or a.value == b.value or p.target is None:
            continue
        closer = abs(b.value - p.target) < abs(a.value - p.target)
        params = {"before": f"{a.value:g}", "after": f"{b.value:g}", "target": f"{p.target:g}"}
        changes.append(Change("benefit", p.label, p.label_lang, "value", params, closer))
    was_a, now_a = before.adoption, after.adoption
    if was_a is not None and now_a is not None and was_a.assessment.iri != now_a.assessment.iri:
        for moved in adoption_changes(was_a.assessment, now_a.assessment):
            params = {"before": moved.before, "after": moved.after}
            changes.append(Change("adoption", moved.subject, None, "adoption", params, moved.better))
        closed, opened = gap_changes(was_a.gaps, now_a.gaps)
        changes += [Change("gap", g.about.name, g.about.lang, "gap-closed", {"what": g.what}, True) for g in closed]
        changes += [Change("gap", g.about.name, g.about.lang, "gap-new", {"what": g.what}, False) for g in opened]
    return changes


def city_report(
    read: Reader,
    city: City,
    lang: str,
    *,
    on: date,
    since: date | None,
    rules: Rules,
    model_version: str,
    software_version: str,
    computed_at: datetime,
) -> CityReport:
    report = CityReport(
        city,
        snapshot(read, city, lang, on, rules),
        interoperability_matrix(read, city, lang),
        model_version,
        software_version,
        computed_at,
    )
    if since is not None:
        report.since = snapshot(read, city, lang, since, rules)
        report.changes = compare(report.since, report.now)
    return report
