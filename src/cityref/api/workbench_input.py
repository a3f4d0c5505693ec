"""The validation page's form, read into a :class:`~cityref.api.workbench_runs.Run`: pasted text, files, a URL, or
the files of an earlier run; the profiles, the language and the context graph.

The form is read with the same limits as ``POST /validate`` (the body spooled to disk under ``max_body_bytes``,
``max_upload_files``, ``max_form_fields``), and everything that can be refused before validating is refused
here: no delivery, no profile, an unknown profile, a format we cannot read, a URL off the allow-list.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from cityref import media
from cityref.api.body import spool_limited, spooled_multipart
from cityref.api.url_fetch import fetch_delivery
from cityref.api.workbench_runs import Run, WorkbenchRuns
from cityref.errors import BadRequest, Busy, CityrefError, Said, UnsupportedMediaType
from cityref.settings import Settings
from cityref.validation import Profile, language_chain
from cityref.validation.parse import format_for
from cityref.validation.profiles import select

PASTE_FORMATS = (
    ("text/turtle", "Turtle"),
    ("application/n-triples", "N-Triples"),
    ("application/ld+json", "JSON-LD"),
    ("application/rdf+xml", "RDF/XML"),
    ("application/trig", "TriG"),
)


@dataclass
class Draft:
    """What the form said, kept to show it again with an error: the page never loses the reader's text."""

    text: str = ""
    text_format: str = "text/turtle"
    url: str = ""
    profiles: list[str] = field(default_factory=list)
    lang: str = "en"
    context: str = ""
    again: str = ""
    error_at: str | None = None
    """Which input an error concerns: ``text``, ``file``, ``url`` or ``None`` (the form as a whole)."""


class FormProblem(Exception):
    """An error to show in the form, beside the input it concerns, with what the reader had typed."""

    def __init__(self, error: CityrefError, draft: Draft) -> None:
        super().__init__(error.detail)
        self.error = error
        self.draft = draft


def _one(fields: dict[str, list[str]], name: str) -> str:
    return next((v for v in fields.get(name, []) if v), "")


async def read_form(
    request: Request, settings: Settings, runs: WorkbenchRuns, profiles: dict[str, Profile], ui_lang: str
) -> Run:
    """A new run made from the posted form (its files in its own folder), or :class:`FormProblem`."""
    draft = Draft(lang=ui_lang)
    run_id, folder = runs.new_folder()
    try:
        return await _read(request, settings, runs, profiles, draft, run_id, folder)
    except CityrefError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise FormProblem(error, draft) from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


async def _read(
    request: Request,
    settings: Settings,
    runs: WorkbenchRuns,
    profiles: dict[str, Profile],
    draft: Draft,
    run_id: str,
    folder: Path,
) -> Run:
    if media.bare_type(request.headers.get("content-type", "")) != "multipart/form-data":
        raise UnsupportedMediaType("The validation page sends its form as multipart/form-data")
    body = folder / "body"
    await spool_limited(request, settings.max_body_bytes, body)
    parts, fields = await spooled_multipart(
        request, body, folder, max_files=settings.max_upload_files, max_fields=settings.max_form_fields
    )
    body.unlink(missing_ok=True)
    draft.text = _one(fields, "text")
    draft.text_format = _one(fields, "text_format") or "text/turtle"
    draft.url = _one(fields, "url").strip()
    draft.profiles = [p for p in fields.get("profile", []) if p]
    draft.lang = _one(fields, "lang") or draft.lang
    draft.context = _one(fields, "context")
    draft.again = _one(fields, "again")
    language_chain(draft.lang)
    files: list[tuple[str, str | None, str | None]] = []
    sources: list[str] = []
    if draft.text.strip():
        draft.error_at = "text"
        fmt = format_for(draft.text_format)
        path = folder / f"pasted.{fmt.extension}"
        path.write_text(draft.text, encoding="utf-8")
        files.append((str(path), fmt.media_type, path.name))
        sources.append("text")
    draft.error_at = "file"
    for field_name, path, part_type, filename in parts:
        if field_name != "file" or not filename:  # a browser sends an empty part for an empty file input
            path.unlink(missing_ok=True)
            continue
        format_for(part_type, filename)  # 415 for a file we cannot read, before anything runs
        files.append((str(path), part_type, filename))
        sources.append("file")
    if draft.again and _one(fields, "reuse_files"):
        kept = _copied(runs.get(draft.again), folder)
        files.extend(kept)
        sources.extend("file" for _ in kept)
    if draft.url:
        draft.error_at = "url"
        if runs.fetching >= settings.validation_url_concurrent_fetches:
            raise Busy(
                f"{runs.fetching} deliveries are being fetched from URLs; try again shortly "
                "(validation_url_concurrent_fetches)",
                headers={"Retry-After": "5"},
                limit="validation_url_concurrent_fetches",
            )
        runs.fetching += 1
        try:
            fetched = await run_in_threadpool(fetch_delivery, draft.url, settings, folder / "fetched")
        finally:
            runs.fetching -= 1
        fmt = format_for(fetched.content_type, fetched.filename)
        files.append((str(fetched.path), fmt.media_type, fetched.filename))
        sources.append("url")
    draft.error_at = None
    if not files:
        raise BadRequest(Said("Give a delivery to check: paste it, choose or drop files, or name a URL"))
    if not draft.profiles:
        raise BadRequest(Said("Choose at least one profile"), known=sorted(profiles))
    select(profiles, draft.profiles)  # 404 listing the known profiles
    return Run(
        id=run_id,
        folder=folder,
        files=files,
        sources=sources,
        profiles=draft.profiles,
        lang=draft.lang,
        text=draft.text,
        text_format=draft.text_format,
        url=draft.url,
        context=draft.context or None,
    )


def _copied(previous: Run, folder: Path) -> list[tuple[str, str | None, str | None]]:
    """The files chosen in the browser for an earlier run, copied into the new run's folder."""
    out: list[tuple[str, str | None, str | None]] = []
    for index, ((path, content_type, name), source) in enumerate(zip(previous.files, previous.sources, strict=True)):
        if source == "file":
            target = folder / f"kept-{index}"
            shutil.copyfile(path, target)
            out.append((str(target), content_type, name))
    return out


def draft_of(run: Run) -> Draft:
    """The form as it was for ``run``: what "validate again" shows."""
    return Draft(
        text=run.text,
        text_format=run.text_format,
        url=run.url,
        profiles=list(run.profiles),
        lang=run.lang,
        context=run.context or "",
        again=run.id,
    )
