"""``/cities/{id}/benefits``: benefit tracking (C2) for one city, as JSON, CSV or HTML (Accept or ``?format=``).

``?on=DATE`` judges the indicators as they stood on that day (measurements after it are left out); the default is
today. The forecast method is named in every format.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from cityref import i18n, templates
from cityref.api.cities import TABLE_OFFERS, choose_format, read_city
from cityref.api.deps import SettingsDep, StoreDep, WorkDep
from cityref.api.ui import VARY, reader
from cityref.cities import find_city
from cityref.cities.benefits import NO_FORECAST, RISK_MESSAGES, IndicatorProgress, Rules, benefit_progress
from cityref.cities.registry import City
from cityref.cities.trend import CONFIDENCE, METHOD
from cityref.cities.units import unit_symbol
from cityref.errors import BadRequest
from cityref.settings import Settings

router = APIRouter(tags=["cities"])


def parse_day(value: str | None, name: str) -> date | None:
    """A ``YYYY-MM-DD`` query parameter; a clear 400 otherwise."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{name} must be a date written YYYY-MM-DD, not {value[:40]!r}") from None


def rules(settings: Settings) -> Rules:
    return Rules(stale_after_days=settings.benefit_stale_after_days)


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def forecast_text(p: IndicatorProgress, lang: str) -> str | None:
    """Why there is no forecast, in ``lang`` (``None`` when there is one)."""
    reason = p.forecast.reason
    return i18n.gettext(lang, NO_FORECAST[reason]) % p.forecast.params if reason else None


def risk_texts(p: IndicatorProgress, lang: str) -> list[tuple[str, str]]:
    """(code, reason in ``lang``) of each risk of ``p``."""
    return [(r.code, i18n.gettext(lang, RISK_MESSAGES[r.code]) % r.params) for r in p.risks]


def status(p: IndicatorProgress) -> str:
    return "at-risk" if p.at_risk else "met" if p.met else "on-track"


def indicator_json(p: IndicatorProgress, lang: str) -> dict[str, Any]:
    forecast: dict[str, Any] = {"on": p.forecast.on.isoformat() if p.forecast.on else None, "method": METHOD}
    if p.forecast.prediction is not None:
        pred = p.forecast.prediction
        forecast |= {
            "possible": True,
            "value": _number(pred.value),
            "standardError": _number(pred.standard_error),
            "predictionInterval": {"confidence": CONFIDENCE, "low": _number(pred.low), "high": _number(pred.high)},
        }
    else:
        forecast |= {"possible": False, "reason": p.forecast.reason, "message": forecast_text(p, lang)}
    latest = p.latest
    return {
        "indicator": p.iri,
        "label": p.label,
        "labelLang": p.label_lang,
        "unit": p.unit,
        "unitSymbol": unit_symbol(p.unit),
        "baseline": p.baseline,
        "target": p.target,
        "targetDate": p.target_date.isoformat() if p.target_date else None,
        "lowerIsBetter": p.lower_is_better,
        "tracks": [{"iri": t.iri, "kind": t.kind, "label": t.label, "labelLang": t.label_lang} for t in p.tracks],
        "measurements": [{"measurement": m.iri, "on": m.on.isoformat(), "value": m.value} for m in p.measurements],
        "latest": {"on": latest.on.isoformat(), "value": latest.value} if latest else None,
        "progress": _number(p.progress),
        "trendPerYear": _number(p.slope_per_year),
        "forecast": forecast,
        "status": status(p),
        "risks": [{"code": code, "message": text} for code, text in risk_texts(p, lang)],
    }


CSV_COLUMNS = [
    *("indicator", "label", "unit", "baseline", "target", "target_date", "measurements", "latest_on", "latest_value"),
    *("trend_per_year", "forecast_on", "forecast_value", "forecast_standard_error", "forecast_low_95"),
    *("forecast_high_95", "forecast_method", "status", "risks", "reasons"),
]


def _plain(cell: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula (``= + - @``, tab, carriage return; not a number)
    gets a leading apostrophe; numbers pass as they are."""
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(cell)
        except ValueError:
            return "'" + cell
    return cell


def progress_csv(found: list[IndicatorProgress], lang: str) -> str:
    """One row per indicator; several risks are joined with `` | ``; no cell can run as a spreadsheet formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for p in found:
        pred, latest = p.forecast.prediction, p.latest
        texts = risk_texts(p, lang)
        row = (
            [p.iri, p.label, p.unit or "", p.baseline, p.target, p.target_date or "", len(p.measurements)]
            + ([latest.on.isoformat(), latest.value] if latest else ["", ""])
            + [_number(p.slope_per_year) if p.slope_per_year is not None else ""]
            + [p.forecast.on or ""]
            + (
                [_number(pred.value), _number(pred.standard_error), _number(pred.low), _number(pred.high)]
                if pred
                else [forecast_text(p, lang), "", "", ""]
            )
            + [METHOD, status(p), " | ".join(c for c, _ in texts), " | ".join(t for _, t in texts)]
        )
        writer.writerow([_plain(cell) for cell in row])
    return out.getvalue()


@router.get(
    "/cities/{ident}/benefits",
    summary="Benefit tracking for one city: measurements against baseline and target, trend, forecast, risks",
    responses={200: {"content": {"application/json": {}, "text/csv": {}, "text/html": {}}}, 404: {}, 400: {}},
)
async def benefits(
    ident: str,
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    work: WorkDep,
    on: str | None = Query(None, description="Judge as of this day (YYYY-MM-DD; default today)"),
) -> Response:
    ui = reader(request.scope, "cities")
    fmt = choose_format(request, TABLE_OFFERS)
    day = parse_day(on, "on") or date.today()

    def compute(read: Any) -> tuple[City, list[IndicatorProgress]]:
        city = find_city(read, ident, ui.lang)
        return city, benefit_progress(read, city, ui.lang, on=day, rules=rules(settings))

    city, found = await read_city(settings, store, work, compute)
    headers = {"Vary": VARY, "Content-Language": ui.lang}
    if fmt == "html":
        rows = [(p, status(p), forecast_text(p, ui.lang), risk_texts(p, ui.lang)) for p in found]
        page = templates.render(
            "benefits.html", ui.lang, ui=ui, city=city, rows=rows, on=day, method=METHOD, unit_symbol=unit_symbol,
            stale_after=settings.benefit_stale_after_days,
        )  # fmt: skip
        return HTMLResponse(page, headers=headers)
    if fmt == "csv":
        name = f"{city.id}-benefits-{day.isoformat()}.csv"
        return Response(
            progress_csv(found, ui.lang),
            media_type="text/csv; charset=utf-8",
            headers=headers | {"Content-Disposition": f'attachment; filename="{name}"'},
        )
    body = {
        "city": city.to_json(),
        "on": day.isoformat(),
        "method": METHOD,
        "staleAfterDays": settings.benefit_stale_after_days,
        "indicators": [indicator_json(p, ui.lang) for p in found],
    }
    return JSONResponse(body, headers=headers)
