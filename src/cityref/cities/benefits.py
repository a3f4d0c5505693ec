"""Benefit tracking (ISO 37106, C2): each indicator of a city, its measurements against baseline and target, the
trend, a forecast to the target date and, where the benefit is at risk, why.

Everything is judged *as of* a day (today, by default): measurements after it are not seen, so the same function
tells how things stood at an earlier date (the report's ``?since``). The forecast is the least-squares line of
:mod:`cityref.cities.trend`; the rules that flag a benefit at risk, each with a reason a reader can check:

- ``no-measurement``: the indicator has never been measured;
- ``stale``: its latest measurement is older than ``stale_after_days``;
- ``target-date-passed``: the target date is behind us and the latest value has not reached the target;
- ``moving-away``: the trend (the least-squares slope, from two measurements on) points away from the target;
- ``forecast-misses``: the line forecasts a value at the target date that falls short of the target.

Which way is better follows from baseline and target: a target below the baseline means lower is better. The
city's graph IRI is written into the queries only through ``sparql_iri``, which refuses what no IRI may hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cityref.cities.best_label import best_labels
from cityref.cities.reader import Reader, iri, literal
from cityref.cities.registry import City
from cityref.cities.trend import METHOD, Line, Prediction, fit
from cityref.i18n_strings import N_
from cityref.store.base import sparql_iri

YEAR_DAYS = 365.25

RISK_MESSAGES = {
    "no-measurement": N_("The indicator has never been measured."),
    "stale": N_("The latest measurement is %(days)s days old (more than %(limit)s days)."),
    "target-date-passed": N_("The target date %(due)s has passed and the latest value has not reached the target."),
    "moving-away": N_("The trend moves away from the target (%(slope)s per year)."),
    "forecast-misses": N_("The forecast for %(due)s, %(value)s, misses the target of %(target)s."),
}
NO_FORECAST = {
    "no-target-date": N_("No forecast: the indicator has no target date."),
    "too-few-measurements": N_(
        "No forecast: a least-squares line with an uncertainty needs at least 3 measurements, and there are %(n)s."
    ),
    "one-day": N_("No forecast: every measurement was taken on the same day, so there is no trend."),
    "target-date-passed": N_("No forecast: the target date has passed."),
}


@dataclass(frozen=True)
class Rules:
    """The settings the at-risk rules read."""

    stale_after_days: int = 365


@dataclass(frozen=True)
class Measurement:
    iri: str
    on: date
    value: float


@dataclass(frozen=True)
class Risk:
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The reason in English, with its numbers (translate :data:`RISK_MESSAGES` [code] for other languages)."""
        return RISK_MESSAGES[self.code] % self.params


@dataclass(frozen=True)
class Forecast:
    on: date | None
    prediction: Prediction | None
    """``None`` when no forecast could be made; ``reason`` says why."""
    reason: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Tracked:
    """A benefit or outcome that the indicator measures."""

    iri: str
    kind: str
    """``Benefit`` or ``Outcome``."""
    label: str
    label_lang: str | None


@dataclass(frozen=True)
class IndicatorProgress:
    iri: str
    label: str
    label_lang: str | None
    unit: str | None
    """The QUDT unit IRI."""
    baseline: float | None
    target: float | None
    target_date: date | None
    measurements: list[Measurement]
    tracks: list[Tracked]
    slope_per_year: float | None
    forecast: Forecast
    risks: list[Risk]

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[-1] if self.measurements else None

    @property
    def lower_is_better(self) -> bool:
        return self.baseline is not None and self.target is not None and self.target < self.baseline

    @property
    def met(self) -> bool:
        """Whether the latest value has reached the target."""
        latest = self.latest
        return (
            latest is not None and self.target is not None and reaches(latest.value, self.target, self.lower_is_better)
        )

    @property
    def at_risk(self) -> bool:
        return bool(self.risks)

    @property
    def progress(self) -> float | None:
        """How far the latest value has come from baseline to target (0 at the baseline, 1 at the target)."""
        latest = self.latest
        if latest is None or self.baseline is None or self.target is None or self.target == self.baseline:
            return None
        return (latest.value - self.baseline) / (self.target - self.baseline)


def reaches(value: float, target: float, lower_is_better: bool) -> bool:
    return value <= target if lower_is_better else value >= target


def years(day: date) -> float:
    """A day on the forecast's time axis: years since 1970-01-01."""
    return (day - date(1970, 1, 1)).days / YEAR_DAYS


PREFIXES = """PREFIX cityref: <https://w3id.org/cityref/def/>
PREFIX qudt: <http://qudt.org/schema/qudt/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def _indicators_query(graph: str) -> str:
    return f"""{PREFIXES}SELECT ?ind ?unit ?baseline ?target ?due ?m ?value ?on WHERE {{ GRAPH {sparql_iri(graph)} {{
  ?ind a cityref:Indicator .
  OPTIONAL {{ ?ind qudt:unit ?unit }} OPTIONAL {{ ?ind cityref:baselineValue ?baseline }}
  OPTIONAL {{ ?ind cityref:targetValue ?target }} OPTIONAL {{ ?ind cityref:targetDate ?due }}
  OPTIONAL {{ ?ind cityref:hasMeasurement ?m . ?m cityref:measuredValue ?value ; cityref:measuredOn ?on }}
}} }}"""


def _tracks_query(graph: str) -> str:
    return f"""{PREFIXES}SELECT ?thing ?kind ?ind WHERE {{ GRAPH {sparql_iri(graph)} {{
  ?thing cityref:measuredBy ?ind ; a ?kind . VALUES ?kind {{ cityref:Benefit cityref:Outcome }}
}} }}"""


def _labels_query(graph: str) -> str:
    return f"""{PREFIXES}SELECT ?node ?label WHERE {{ GRAPH {sparql_iri(graph)} {{
  {{ ?node a cityref:Indicator }} UNION {{ ?node cityref:measuredBy ?any }}
  ?node rdfs:label|skos:prefLabel ?label
}} }}"""


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _day(text: str | None) -> date | None:
    """The day of an xsd:dateTime or xsd:date (the time of day and the time zone are not used)."""
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def benefit_progress(
    read: Reader, city: City, lang: str = "en", *, on: date | None = None, rules: Rules | None = None
) -> list[IndicatorProgress]:
    """Every indicator of ``city`` with its progress as of ``on`` (today by default), those at risk first."""
    on = on or date.today()
    rules = rules or Rules()
    found: dict[str, dict[str, Any]] = {}
    for row in read(_indicators_query(city.graph)):
        ind = iri(row, "ind")
        if ind is None:
            continue
        entry = found.setdefault(ind, {"measurements": {}})
        for key, var in (("unit", "unit"), ("baseline", "baseline"), ("target", "target"), ("due", "due")):
            entry.setdefault(key, literal(row, var))
        day, value, m = _day(literal(row, "on")), _number(literal(row, "value")), literal(row, "m")
        if m and day is not None and value is not None and day <= on:
            entry["measurements"][m] = Measurement(m, day, value)
    labels = best_labels(read(_labels_query(city.graph)), "node", "label", lang)
    tracks: dict[str, list[Tracked]] = {}
    for row in read(_tracks_query(city.graph)):
        thing, kind, ind = iri(row, "thing"), iri(row, "kind"), iri(row, "ind")
        if thing and kind and ind:
            label, label_lang = labels.get(thing, (thing, None))
            tracks.setdefault(ind, []).append(Tracked(thing, kind.rsplit("/", 1)[-1], label, label_lang))
    result = []
    for ind, entry in found.items():
        label, label_lang = labels.get(ind, (ind.rsplit("/", 1)[-1], None))
        series = sorted(entry["measurements"].values(), key=lambda m: (m.on, m.iri))
        result.append(
            judge(
                ind,
                label,
                label_lang,
                entry.get("unit"),
                _number(entry.get("baseline")),
                _number(entry.get("target")),
                _day(entry.get("due")),
                series,
                sorted(tracks.get(ind, []), key=lambda t: (t.kind, t.label)),
                on,
                rules,
            )
        )
    return sorted(result, key=lambda p: (not p.at_risk, p.label.casefold(), p.iri))


def judge(
    ind: str,
    label: str,
    label_lang: str | None,
    unit: str | None,
    baseline: float | None,
    target: float | None,
    due: date | None,
    series: list[Measurement],
    tracks: list[Tracked],
    on: date,
    rules: Rules,
) -> IndicatorProgress:
    """One indicator's trend, forecast and risks as of ``on``, from its measurements up to that day."""
    lower = baseline is not None and target is not None and target < baseline
    line: Line | None = None
    if len({m.on for m in series}) >= 2:
        line = fit([(years(m.on), m.value) for m in series])
    forecast = _forecast(line, series, due, on)
    latest = series[-1] if series else None
    risks: list[Risk] = []
    if latest is None:
        risks.append(Risk("no-measurement"))
    elif (on - latest.on).days > rules.stale_after_days:
        risks.append(Risk("stale", {"days": (on - latest.on).days, "limit": rules.stale_after_days}))
    if target is not None and baseline != target:
        passed = due is not None and on > due
        if passed and due is not None and latest is not None and not reaches(latest.value, target, lower):
            risks.append(Risk("target-date-passed", {"due": due.isoformat()}))
        if baseline is not None and line is not None and (line.slope > 0 if lower else line.slope < 0):
            risks.append(Risk("moving-away", {"slope": f"{line.slope:+.3g}"}))
        prediction = forecast.prediction
        if prediction is not None and due is not None and not reaches(prediction.value, target, lower):
            params = {"due": due.isoformat(), "value": f"{prediction.value:.4g}", "target": f"{target:g}"}
            risks.append(Risk("forecast-misses", params))
    slope = line.slope if line is not None else None
    return IndicatorProgress(
        ind, label, label_lang, unit, baseline, target, due, series, tracks, slope, forecast, risks
    )


def _forecast(line: Line | None, series: list[Measurement], due: date | None, on: date) -> Forecast:
    if due is None:
        return Forecast(None, None, "no-target-date")
    if on > due:
        return Forecast(due, None, "target-date-passed")
    if len(series) < 3:
        return Forecast(due, None, "too-few-measurements", {"n": len(series)})
    if line is None:
        return Forecast(due, None, "one-day")
    return Forecast(due, line.predict(years(due)))


__all__ = ["METHOD", "IndicatorProgress", "Measurement", "Risk", "Rules", "benefit_progress", "judge"]
