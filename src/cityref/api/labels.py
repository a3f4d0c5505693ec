"""``POST /labels``: the label of each IRI in the reader's language, for tables that show terms by name.

The results table of the query pages gets IRIs back from a query and shows each one by its label. Terms of the
model come from the term index (no SPARQL); anything else (a city's systems, organisations, needs) is looked up
in the store's graphs with one query per batch, run in one slot of the query gate like any other query. The IRIs
are checked one by one and written into the query by :mod:`cityref.sparql.binding`, never pasted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from cityref import i18n
from cityref.api.cities import read_city
from cityref.api.deps import SettingsDep, StoreDep, TermsDep, WorkDep
from cityref.cities import Reader
from cityref.errors import BadRequest, LimitExceeded
from cityref.sparql.binding import ParameterError, check_iri
from cityref.terms import TermIndex
from cityref.terms.record import NS

router = APIRouter(tags=["terms"])


class LabelRequest(BaseModel):
    iris: list[str] = Field(description="The IRIs to label (absolute IRIs only)")
    lang: str | None = Field(default=None, description="The reader's language (en, fr, es, de, it); default English")


@dataclass(frozen=True)
class Label:
    label: str
    lang: str | None
    href: str | None
    """The term page (``/def/...``) of a term of the model; ``None`` for anything else."""

    def to_json(self) -> dict[str, str | None]:
        return {"label": self.label, "lang": self.lang, "href": self.href}


def rank(lang: str | None, wanted: str) -> int:
    """How well a label's language serves a reader of ``wanted``: theirs, then English, then untagged, then any.

    >>> [rank(x, "fr") for x in ("fr", "en", None, "de")]
    [0, 1, 2, 3]
    """
    if lang == wanted:
        return 0
    if lang == "en":
        return 1
    return 2 if not lang else 3


def best(labels: dict[str, list[str]], wanted: str) -> tuple[str, str | None] | None:
    """The label of a ``{lang: [labels]}`` map that best serves ``wanted`` (``""`` is untagged)."""
    found = [(rank(lang or None, wanted), lang, min(values)) for lang, values in labels.items() if values]
    if not found:
        return None
    _, lang, text = min(found)
    return text, lang or None


def model_labels(terms: TermIndex, iris: list[str], lang: str) -> dict[str, Label]:
    """Labels of the model's own terms, from the index."""
    out: dict[str, Label] = {}
    for iri in iris:
        record = terms.get(iri)
        if record is None:
            continue
        chosen = best(record.labels, lang)
        if chosen is not None:
            out[iri] = Label(chosen[0], chosen[1], "/def/" + record.local)
    return out


def _store_query(iris: list[str], languages: list[str] | None) -> str:
    values = " ".join(f"<{iri}>" for iri in iris)  # each one checked by check_iri: no '>' or space can occur
    only = ""
    if languages is not None:  # codes of the five interface languages: nothing to quote
        only = "FILTER(LANG(?label) IN (" + ", ".join(f'"{code}"' for code in languages) + "))"
    return (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        f"SELECT ?s ?label WHERE {{ VALUES ?s {{ {values} }}\n"
        f"  GRAPH ?g {{ ?s rdfs:label|skos:prefLabel ?label }} {only} }}"
    )


def store_labels(read: Reader, iris: list[str], lang: str) -> dict[str, Label]:
    """``rdfs:label`` or ``skos:prefLabel`` of each IRI in any graph of the store: first in ``lang`` (one of the
    five interface languages), English or untagged, then, for the IRIs that have none of those, in any language
    (two small answers rather than one with every translation of every IRI)."""
    found: dict[str, dict[str, list[str]]] = {}
    for batch, languages in ((iris, sorted({lang, "en", ""})), (None, None)):
        todo = batch if batch is not None else [iri for iri in iris if iri not in found]
        if not todo:
            break
        for row in read(_store_query(todo, languages)):
            subject, label = row.get("s"), row.get("label")
            if subject is None or label is None or label.get("type") != "literal":
                continue
            found.setdefault(subject["value"], {}).setdefault(label.get("xml:lang", ""), []).append(label["value"])
    out: dict[str, Label] = {}
    for iri, labels in found.items():
        chosen = best(labels, lang)
        if chosen is not None:
            out[iri] = Label(chosen[0], chosen[1], None)
    return out


def checked(iris: list[str], limit: int) -> list[str]:
    """The distinct IRIs, each an absolute IRI as :func:`check_iri` accepts it; 400 or 413 otherwise."""
    if len(iris) > limit:
        raise LimitExceeded(
            f"At most {limit} IRIs per request (label_lookup_max_iris); ask in batches",
            limit=limit,
            setting="label_lookup_max_iris",
        )
    for iri in iris:
        try:
            ok = check_iri(iri, "iris") == iri
        except ParameterError:
            ok = False
        if not ok:
            raise BadRequest(f"Not an absolute IRI: {iri[:200]!r}", parameter="iris")
    return list(dict.fromkeys(iris))


@router.post("/labels", summary="The label of each IRI in a language, and the term page of the model's terms")
async def labels(
    body: LabelRequest, settings: SettingsDep, store: StoreDep, terms: TermsDep, work: WorkDep
) -> JSONResponse:
    iris = checked(body.iris, settings.label_lookup_max_iris)
    lang = i18n.from_lang_parameter(body.lang) or i18n.DEFAULT_LANGUAGE
    found = model_labels(terms, iris, lang)
    others = [iri for iri in iris if iri not in found and not iri.startswith(NS)]
    if others:
        found.update(await read_city(settings, store, work, lambda read: store_labels(read, others, lang)))
    payload: dict[str, Any] = {"lang": lang, "labels": {iri: label.to_json() for iri, label in found.items()}}
    return JSONResponse(payload)
