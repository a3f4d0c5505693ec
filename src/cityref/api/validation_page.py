"""``GET /validate``: the upload page for people; it posts to ``POST /validate`` and gets the HTML report."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from cityref import templates
from cityref.api.deps import ProfilesDep, SettingsDep
from cityref.ontology.model import LANGUAGES

router = APIRouter(tags=["validation"])

_LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "de": "Deutsch", "it": "Italiano"}


@router.get("/validate", summary="Upload page: choose profiles and files, get a report", response_class=HTMLResponse)
def upload_page(profiles: ProfilesDep, settings: SettingsDep, lang: str = "en") -> HTMLResponse:
    lang = lang if lang in LANGUAGES else "en"
    return HTMLResponse(
        templates.render(
            "validate.html",
            lang=lang,
            profiles=[p.summary(lang) for p in profiles.values()],
            languages=[(code, _LANGUAGE_NAMES[code]) for code in LANGUAGES],
            max_mb=round(settings.max_body_bytes / 1_000_000),
        )
    )
