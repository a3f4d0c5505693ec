"""``GET /validate``: the upload page for people; it posts to ``POST /validate`` and gets the HTML report."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from cityref import i18n, templates
from cityref.api.deps import ProfilesDep, SettingsDep
from cityref.api.ui import VARY, reader
from cityref.ontology.model import LANGUAGES

router = APIRouter(tags=["validation"])


@router.get("/validate", summary="Upload page: choose profiles and files, get a report", response_class=HTMLResponse)
def upload_page(request: Request, profiles: ProfilesDep, settings: SettingsDep) -> HTMLResponse:
    ui = reader(request.scope, "validate", keep_as_code=True)
    lang = ui.lang  # the messages' language follows the interface's, unless the reader picks another in the form
    page = templates.render(
        "validate.html",
        ui.lang,
        ui=ui,
        lang=lang,
        profiles=[p.summary(lang) for p in profiles.values()],
        languages=[(code, i18n.LANGUAGE_NAMES[code]) for code in LANGUAGES],
        max_mb=round(settings.max_body_bytes / 1_000_000),
    )
    return HTMLResponse(page, headers={"Vary": VARY, "Content-Language": ui.lang})
