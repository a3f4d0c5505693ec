"""Data extension: the values of chosen properties for chosen terms, so that a reconciled column can grow new columns
(the IRI, the French label, the broader practice group...). No HTTP here; :mod:`cityref.api.reconcile` calls it.

Both API versions ask the same question (``{"ids": [...], "properties": [{"id", "settings"}]}``) and differ only in
the answer's shape, so one :class:`Extension` is computed and rendered either way. As for matching, an unknown
term or property costs its own cells (empty values and an entry in ``errors``), not the request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cityref.errors import BadRequest
from cityref.lang import best_language
from cityref.terms.index import TermIndex
from cityref.terms.properties import CATALOGUE, Property, Text, proposals
from cityref.terms.record import TermRecord
from cityref.terms.text import LangChain, first_value, parse_lang

DEFAULT_CHAIN: tuple[str, ...] = ("en",)

SETTINGS: list[dict[str, Any]] = [
    {
        "id": "limit",
        "name": "Most values per cell",
        "type": "number",
        "default": 0,
        "helpText": "Keep at most this many values of the property for each term; 0 keeps them all.",
    },
    {
        "id": "lang",
        "name": "Languages",
        "type": "text",
        "default": "",
        "helpText": "Language chain for labels, definitions and names, such as fr,en; 'all' gives every language.",
    },
]
"""The property settings both manifests announce (the 0.2 manifest spells their keys its own way)."""


@dataclass
class Wanted:
    """One requested property with its settings read."""

    id: str
    limit: int = 0
    chain: LangChain = None
    own_chain: bool = False
    """Whether the property's ``lang`` setting named a chain (then ``chain`` applies; ``None``: every language)."""


@dataclass
class ExtendQuery:
    ids: list[str]
    properties: list[Wanted]


Value = dict[str, Any]


@dataclass
class Extension:
    """The answer, version-neutral: the properties' metadata, each requested id's values, and what was unknown."""

    meta: list[dict[str, Any]]
    rows: list[tuple[str, dict[str, list[Value]]]]
    errors: list[dict[str, Any]] = field(default_factory=list)

    def v02(self) -> dict[str, Any]:
        """``rows`` keyed by id then property id; values without ``lang`` (0.2 values have none)."""
        rows = {
            ident: {pid: [{k: v for k, v in value.items() if k != "lang"} for value in values]
                    for pid, values in cells.items()}
            for ident, cells in self.rows
        }  # fmt: skip
        return self._with_errors({"meta": self.meta, "rows": rows})

    def v1(self) -> dict[str, Any]:
        """``rows`` as a list in the order of the query's ids, each with its properties in the order asked."""
        rows = [
            {"id": ident, "properties": [{"id": pid, "values": values} for pid, values in cells.items()]}
            for ident, cells in self.rows
        ]
        return self._with_errors({"meta": self.meta, "rows": rows})

    def _with_errors(self, body: dict[str, Any]) -> dict[str, Any]:
        if self.errors:
            body["errors"] = self.errors
        return body


def _setting_limit(raw: Any) -> int:
    """The ``limit`` setting; clients send it as a number or, as the spec's own example does, as a string."""
    if isinstance(raw, bool) or raw is None or raw == "":
        return 0
    try:
        return max(0, int(float(raw)))
    except (TypeError, ValueError, OverflowError):
        raise BadRequest(f"The limit setting must be a whole number, not {raw!r}", member="settings") from None


def parse_extend(raw: Any) -> ExtendQuery:
    """A data extension query; a malformed one (what the schema would reject) is a 400."""
    if not isinstance(raw, Mapping):
        raise BadRequest('A data extension query is a JSON object: {"ids": [...], "properties": [{"id": ...}]}')
    ids, props = raw.get("ids"), raw.get("properties")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise BadRequest("'ids' must be a list of entity ids", member="ids")
    if not isinstance(props, list) or not all(isinstance(p, Mapping) and isinstance(p.get("id"), str) for p in props):
        raise BadRequest("'properties' must be a list of {id, settings} objects", member="properties")
    wanted: list[Wanted] = []
    for prop in props:
        if any(w.id == prop["id"] for w in wanted):
            continue  # answers are keyed by property id: a property asked twice is answered once, as first asked
        settings = prop.get("settings") or {}
        if not isinstance(settings, Mapping):
            raise BadRequest("A property's settings must be a JSON object", member="settings")
        lang = settings.get("lang")
        if lang is not None and not isinstance(lang, str):
            raise BadRequest("The lang setting must be a string such as fr,en", member="settings")
        own = bool(lang and lang.strip())
        wanted.append(Wanted(prop["id"], _setting_limit(settings.get("limit")), parse_lang(lang) if own else None, own))
    return ExtendQuery(ids, wanted)


def _texts_in(values: list[Text], chain: LangChain) -> list[Text]:
    """Untagged values all; tagged ones in the chain's best language present (all of them for ``None``)."""
    if chain is None:
        return values
    tagged = [v for v in values if v.lang]
    if not tagged:
        return values
    lang = best_language({v.lang for v in tagged}, chain) or tagged[0].lang
    return [v for v in values if not v.lang or v.lang == lang]


class Extender:
    """Computes data extensions and property proposals over one term index."""

    def __init__(self, index: TermIndex) -> None:
        self.index = index

    def entity(self, iri: str, chain: LangChain) -> Value:
        record = self.index.get(iri)
        if record is None:
            return {"str": self.index.compact(iri)}
        best = first_value(record.labels, chain or DEFAULT_CHAIN)
        value: Value = {"id": record.local, "name": best[0] if best else record.curie}
        if best and best[1]:
            value["lang"] = best[1]
        return value

    def values(self, prop: Property, record: TermRecord, chain: LangChain) -> list[Value]:
        if prop.links is not None:
            return [self.entity(iri, chain) for iri in prop.links(self.index, record)]
        assert prop.texts is not None
        out: list[Value] = []
        for text in _texts_in(prop.texts(record), chain):
            value: Value = {"str": text.text}
            if text.lang:
                value["lang"] = text.lang
            out.append(value)
        return out

    def find(self, ident: str) -> TermRecord | None:
        """The term an id names (local name, CURIE, IRI or notation), or ``None``."""
        try:
            iri = self.index.to_iri(ident)
        except BadRequest:
            return None
        return self.index.records.get(iri)

    def extend(self, query: ExtendQuery, chain: LangChain = DEFAULT_CHAIN) -> Extension:
        """Every requested id's values for every requested property; ``chain`` is the request's language chain,
        which a property's own ``lang`` setting overrides."""
        errors: list[dict[str, Any]] = []
        meta: list[dict[str, Any]] = []
        for wanted in query.properties:
            prop = CATALOGUE.get(wanted.id)
            if prop is None:
                meta.append({"id": wanted.id, "name": wanted.id})
                errors.append(
                    {
                        "code": "unknown-property",
                        "message": f"No property {wanted.id!r}; known: {', '.join(CATALOGUE)}",
                        "property": wanted.id,
                    }
                )
            else:
                meta.append({"id": prop.id, "name": prop.name})
        rows: list[tuple[str, dict[str, list[Value]]]] = []
        for ident in query.ids:
            record = self.find(ident)
            if record is None:
                errors.append({"code": "unknown-entity", "message": f"No term {ident!r}", "id": ident})
            cells: dict[str, list[Value]] = {}
            for wanted in query.properties:
                prop = CATALOGUE.get(wanted.id)
                own = wanted.chain if wanted.own_chain else chain
                found = self.values(prop, record, own) if prop is not None and record is not None else []
                cells[wanted.id] = found[: wanted.limit] if wanted.limit else found
            rows.append((ident, cells))
        return Extension(meta, rows, errors)

    def propose(self, type_iri: str | None, limit: int | None = None) -> list[dict[str, str]]:
        """Properties worth fetching for terms of ``type_iri`` (all of them when it is ``None``)."""
        found = [{"id": p.id, "name": p.name, "description": p.description} for p in proposals(self.index, type_iri)]
        return found[:limit] if limit else found
