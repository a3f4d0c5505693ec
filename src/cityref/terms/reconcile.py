"""The W3C Entity Reconciliation service over the term index, as OpenRefine speaks it (0.2) and as the 1.0 draft
describes it. No HTTP here: the routes in :mod:`cityref.api.reconcile` parse requests and call these functions.

Entities are our terms, identified by local name (``B5``; the identifier space is the ``cityref:`` namespace, so
``view`` URLs are ``/def/{{id}}``); types are our classes (``Practice``, ``KeyRisk``...); scores run 0-100.
Properties a query may use to refine candidates: ``notation``, ``broader`` (an ancestor, by id or label),
``inScheme`` (a concept scheme), ``label`` (any label or altLabel, any language).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cityref.errors import BadRequest
from cityref.terms.index import TermIndex
from cityref.terms.record import NS, TermRecord
from cityref.terms.text import LangChain, first_value, fold, parse_lang

DEFAULT_LIMIT, MAX_LIMIT = 5, 25
SKOS_CONCEPT = "http://www.w3.org/2004/02/skos/core#Concept"
PROPERTIES = {
    "notation": "notation (code such as B5)",
    "broader": "broader term or superclass, at any depth (id or label)",
    "inScheme": "concept scheme (id or label)",
    "label": "any label or alternative label, in any language",
}


@dataclass
class Condition:
    """A property condition: which property, the values to compare, and how strictly."""

    pid: str
    values: list[str]
    required: bool = False
    quantifier: str = "any"


@dataclass
class Query:
    """One reconciliation query, whatever API version it came in."""

    text: str | None = None
    ids: list[str] = field(default_factory=list)
    type: str | None = None
    limit: int = DEFAULT_LIMIT
    chain: LangChain = None
    conditions: list[Condition] = field(default_factory=list)


def _value(v: Any) -> str:
    return str(v.get("id") or v.get("name") or "") if isinstance(v, Mapping) else str(v)


def _values(v: Any) -> list[str]:
    return [_value(x) for x in v] if isinstance(v, list) else [_value(v)]


def _limit(raw: Any) -> int:
    try:
        return max(1, min(MAX_LIMIT, int(raw)))
    except (TypeError, ValueError, OverflowError):  # JSON's 1e999 reads as infinity
        return DEFAULT_LIMIT


def _text(raw: Mapping[str, Any], key: str) -> str | None:
    """An optional string member; anything else is the client's mistake, named, not a crash further on."""
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise BadRequest(f"{key!r} must be a string, not {type(value).__name__}", member=key)
    return value


def _objects(raw: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    """An optional list of JSON objects (``properties``, ``conditions``)."""
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise BadRequest(f"{key!r} must be a list of JSON objects", member=key)
    return value


def query_v02(raw: Any) -> Query:
    """A 0.2 query object (``query``, ``type``, ``limit``, ``properties: [{pid, v}]``) or a bare string."""
    if isinstance(raw, str):
        return Query(text=raw)
    if not isinstance(raw, Mapping):
        raise BadRequest("Each reconciliation query must be a JSON object or a string")
    type_ = raw.get("type")
    if isinstance(type_, list):  # OpenRefine may send several types: the first one filters
        type_ = type_[0] if type_ else None
    conditions = [Condition(str(p.get("pid")), _values(p.get("v"))) for p in _objects(raw, "properties")]
    return Query(
        text=_text(raw, "query"),
        type=_text({"type": type_}, "type"),
        limit=_limit(raw.get("limit", DEFAULT_LIMIT)),
        conditions=conditions,
    )


def query_v1(raw: Any) -> Query:
    """A 1.0-draft query object: ``conditions`` with ``matchType`` name, id or property."""
    if not isinstance(raw, Mapping) or not _objects(raw, "conditions"):
        raise BadRequest("Each reconciliation query needs a non-empty conditions array")
    query = Query(
        type=_text(raw, "type"), limit=_limit(raw.get("limit", DEFAULT_LIMIT)), chain=parse_lang(_text(raw, "lang"))
    )
    for condition in _objects(raw, "conditions"):
        kind, values = condition.get("matchType"), _values(condition.get("propertyValue"))
        if kind == "name":
            query.text = " ".join(values)
        elif kind == "id":
            query.ids.extend(values)
        elif kind == "property":
            query.conditions.append(
                Condition(
                    str(condition.get("propertyId")),
                    values,
                    bool(condition.get("required", False)),
                    str(condition.get("matchQuantifier", "any")),
                )
            )
        else:
            raise BadRequest(f"Unknown matchType {kind!r}; expected name, id or property")
    return query


class Reconciler:
    """Runs reconciliation queries and suggest lookups against one term index."""

    def __init__(self, index: TermIndex) -> None:
        self.index = index
        self._terms: dict[str, str | None] = {}

    def _term_of(self, value: str) -> str | None:
        """The term a property value names: an id (local name, CURIE, IRI, notation) or, failing that, a label.

        Remembered per value: a condition is checked against every candidate, and the label search is the costly
        part.
        """
        if value not in self._terms:
            self._terms[value] = self._find_term(value)
        return self._terms[value]

    def _find_term(self, value: str) -> str | None:
        try:
            iri = self.index.to_iri(value)
        except BadRequest:
            iri = ""
        if iri in self.index.records:
            return iri
        hits = self.index.search.search(value, include_deprecated=True)
        return hits[0].record.iri if hits and hits[0].match == "exact" else None

    def _holds(self, record: TermRecord, pid: str, value: str) -> bool:
        if pid == "notation":
            return fold(value) in {fold(n) for n in record.notations}
        if pid == "label":
            texts = [t for v in (record.labels, record.alt_labels) for ts in v.values() for t in ts]
            return fold(value) in {fold(t) for t in texts}
        target = self._term_of(value)
        if pid == "broader":
            return target is not None and target in self.index.ancestor_set(record.iri)
        if pid == "inScheme":
            return target is not None and target in record.in_scheme
        raise BadRequest(f"Unknown property {pid!r}; known: {', '.join(PROPERTIES)}", known=list(PROPERTIES))

    def _satisfied(self, record: TermRecord, condition: Condition) -> bool:
        results = [self._holds(record, condition.pid, v) for v in condition.values]
        if condition.quantifier == "all":
            return all(results)
        if condition.quantifier == "none":
            return not any(results)
        return any(results)

    def candidates(self, query: Query) -> list[dict[str, Any]]:
        """Scored candidates for one query, best first; ``match`` is set on a single exact hit."""
        type_iri = self.index.resolve_class(query.type) if query.type else None
        pool: dict[str, tuple[float, str, str]] = {}  # iri -> (name score, how it matched, language)
        if query.text:
            for hit in self.index.search.search(query.text, chain=query.chain, type_iri=type_iri)[: MAX_LIMIT * 2]:
                pool[hit.record.iri] = (hit.score, hit.match, hit.lang)
        for ident in query.ids:
            iri = self._term_of(ident)
            if iri is not None:
                pool[iri] = (100.0, "exact", "")
        if not query.text and not query.ids:
            chosen = self.index.select(type_iri=type_iri)
            pool = {r.iri: (0.0, "property", "") for r in chosen}
        out: list[dict[str, Any]] = []
        for iri, (name_score, how, lang) in pool.items():
            record = self.index.records[iri]
            met = [self._satisfied(record, c) for c in query.conditions]
            if any(c.required and not ok for c, ok in zip(query.conditions, met, strict=True)):
                continue
            share = sum(met) / len(met) if met else 0.0
            named = bool(query.text or query.ids)
            score = (0.8 * name_score + 20 * share if met else name_score) if named else 100 * share
            if score <= 0:
                continue
            chain = (lang, *(query.chain or ("en",))) if lang else query.chain
            out.append(self._candidate(record, round(score, 2), how, chain, name_score, query.conditions, met))
        out.sort(key=lambda c: (-c["score"], c["id"]))
        out = out[: query.limit]
        exact = [c for c in out if c.pop("_exact")]
        for c in out:
            c["match"] = len(exact) == 1 and c is exact[0] and c is out[0]
        return out

    def _candidate(
        self,
        record: TermRecord,
        score: float,
        how: str,
        chain: LangChain,
        name_score: float,
        conditions: list[Condition],
        met: list[bool],
    ) -> dict[str, Any]:
        best = first_value(record.labels, chain)
        definition = first_value({k: [v] for k, v in record.definitions.items()}, chain)
        features: list[dict[str, Any]] = [{"id": "name", "name": "name match score", "value": name_score}]
        features += [
            {"id": f"property:{c.pid}", "name": PROPERTIES.get(c.pid, c.pid), "value": ok}
            for c, ok in zip(conditions, met, strict=True)
        ]
        candidate: dict[str, Any] = {
            "id": record.local,
            "name": best[0] if best else record.curie,
            "score": score,
            "features": features,
            "type": self.types_of(record, chain),
            "_exact": how == "exact",
        }
        if best and best[1]:
            candidate["lang"] = best[1]
        if definition:
            candidate["description"] = definition[0]
        return candidate

    def types_of(self, record: TermRecord, chain: LangChain = None) -> list[dict[str, str]]:
        return [self.type_entry(t, chain) for t in record.types]

    def type_entry(self, iri: str, chain: LangChain = None) -> dict[str, str]:
        record = self.index.get(iri)
        if record is None:
            curie = self.index.compact(iri)
            return {"id": curie, "name": curie}
        best = first_value(record.labels, chain)
        return {"id": record.local, "name": best[0] if best else record.local}

    def types(self, *, concept_classes_only: bool = False) -> list[dict[str, str]]:
        """Our classes as reconciliation types (the concept classes of the reference layer by default)."""
        classes = [r for r in self.index if r.kind == "class"]
        if concept_classes_only:
            classes = [r for r in classes if self.index.is_subclass(r.iri, SKOS_CONCEPT)]
        return [self.type_entry(r.iri) for r in classes]

    def run(self, queries: Iterable[Query]) -> list[list[dict[str, Any]]]:
        return [self.candidates(q) for q in queries]

    def suggest_entities(self, prefix: str, chain: LangChain, limit: int = 10) -> dict[str, Any]:
        hits = self.index.search.autocomplete(prefix, chain=chain, limit=limit)
        return {
            "result": [{"id": h.record.local, "name": h.text, "notable": self.types_of(h.record, chain)} for h in hits]
        }

    def suggest_types(self, prefix: str) -> dict[str, Any]:
        key = fold(prefix)
        return {"result": [t for t in self.types() if key in fold(t["name"]) or key in fold(t["id"])]}

    def suggest_properties(self, prefix: str) -> dict[str, Any]:
        key = fold(prefix)
        found = [{"id": pid, "name": pid, "description": d} for pid, d in PROPERTIES.items() if key in fold(pid + d)]
        return {"result": found}

    def identify(self, ident: str) -> TermRecord:
        iri = NS + ident if ident and "/" not in ident and ":" not in ident else self.index.to_iri(ident)
        return self.index.records[iri] if iri in self.index.records else self.index.resolve(ident)
