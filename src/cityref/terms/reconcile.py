"""The W3C Entity Reconciliation service over the term index, as OpenRefine speaks it (0.2) and as the 1.0 draft
describes it. No HTTP here: the routes in :mod:`cityref.api.reconcile` parse requests and call these functions.

Entities are our terms, identified by local name (``B5``; view URLs are ``/def/{id}``); types are our classes
(``Practice``, ``KeyRisk``...); properties are those of :data:`cityref.terms.properties.CATALOGUE`.

A batch is refused as a whole (400) only when it is malformed, i.e. when the published JSON Schema would reject
it. A well-formed query that names a type or property we do not know is still answered: it gets the candidates
that follow from "no term has that type or property" (none, for a type that filters), and an ``errors`` list
saying what was not understood. One bad column in an OpenRefine project then costs its own cells, not the batch.

Scoring (standardized, 0-100) is specified in docs/terms.md and pinned by tests/terms/test_reconcile_scoring.py:
each constant below is one of the rules there.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cityref.errors import BadRequest, CityrefError
from cityref.lang import truncations
from cityref.terms.index import TermIndex, natural_key
from cityref.terms.properties import CATALOGUE, Property
from cityref.terms.record import NS, TermRecord
from cityref.terms.text import LangChain, first_value, fold, lang_matches, parse_lang, words

DEFAULT_LIMIT, MAX_LIMIT = 5, 25
SKOS_CONCEPT = "http://www.w3.org/2004/02/skos/core#Concept"
TYPE_STRICTNESS = ("any", "all", "should")
QUANTIFIERS = ("any", "all", "none")

# ---- scoring rules (docs/terms.md, "Reconciliation scores") --------------------------------------------------------
ID_SCORE = 100.0
"""The query is the term's notation, local name, CURIE or IRI (or a 1.0 ``id`` condition names it)."""
LABEL_SCORE = 95.0
"""The query is a preferred label, in one of the query's languages (every language, when the query names none)."""
ALT_LABEL_SCORE = 85.0
"""The query is an alternative label, likewise."""
OTHER_LANGUAGE_COST = 5.0
"""An exact label in a language the query did not ask for: still exact, just behind one in the asked language."""
LABEL_PREFIX, ALT_LABEL_PREFIX = 70.0, 60.0
"""The query starts a label (an alternative label): the base, plus :data:`SPAN` times the share of it covered."""
FUZZY_BASE = 50.0
"""The query is a label misspelt (similarity at least :data:`FUZZY_MIN`): base plus :data:`SPAN` times how far the
similarity is from :data:`FUZZY_MIN` towards 1."""
FUZZY_MIN = 0.8
"""Least similarity (1 - edit distance / length of the longer string) counted as a typo."""
WORDS_BASE = {"label": 40.0, "altLabel": 30.0, "definition": 20.0}
"""Every query word is a word of (or, from 3 letters, starts a word of) a label, alternative label, definition."""
SPAN = 9.0
"""Width of each graded band: never 10, so a band's best never reaches the next band's floor."""
NAME_WEIGHT, PROPERTY_WEIGHT = 0.8, 20.0
"""With property conditions, the name counts for 80 % and the share of conditions met for the other 20 points."""
TYPE_MISS_FACTOR = 0.75
"""With ``type_strict: should``, a candidate of none of the query's types keeps three quarters of its score."""
EXACT_FLOOR = ALT_LABEL_SCORE - OTHER_LANGUAGE_COST
"""Name scores from here up are exact hits (an identifier or a whole label); only those can be a ``match``."""


@dataclass
class Condition:
    """A property condition: which property, the values (each a tuple of alternatives: an entity value's id, then its
    name), how strictly, and the values' language (1.0 ``lang`` on the condition)."""

    pid: str
    values: list[tuple[str, ...]]
    required: bool = False
    quantifier: str = "any"
    lang: str | None = None


@dataclass
class Query:
    """One reconciliation query, whatever API version it came in."""

    names: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    type_strict: str = "any"
    limit: int = DEFAULT_LIMIT
    chain: LangChain = None
    conditions: list[Condition] = field(default_factory=list)
    qualifiers: list[str] = field(default_factory=list)

    @property
    def strings(self) -> list[str]:
        """Every string the query makes us look up, for the request limits."""
        return [*self.names, *self.ids, *self.types, *(v for c in self.conditions for vs in c.values for v in vs)]


@dataclass
class Result:
    """The answer to one query: candidates best first, and what in the query was not understood."""

    candidates: list[dict[str, Any]]
    errors: list[dict[str, Any]] = field(default_factory=list)


# ---- parsing: structure only; what the names mean is the Reconciler's business -----------------------------------


def _alternatives(v: Any) -> tuple[str, ...]:
    """A property value as the strings to try: an entity object's id then its name; anything else as text."""
    if isinstance(v, Mapping):
        return tuple(str(v[k]) for k in ("id", "name") if isinstance(v.get(k), str | int | float) and v.get(k) != "")
    if isinstance(v, bool):
        return ("true" if v else "false",)
    if isinstance(v, str | int | float):
        return (str(v),)
    raise BadRequest("A property value must be a string, number, boolean or {id, name} object")


def _values(v: Any) -> list[tuple[str, ...]]:
    return [_alternatives(x) for x in v] if isinstance(v, list) else [_alternatives(v)]


def _limit(raw: Any) -> int:
    if isinstance(raw, bool):
        return DEFAULT_LIMIT
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


def _choice(raw: Mapping[str, Any], key: str, allowed: tuple[str, ...], default: str) -> str:
    value = _text(raw, key) or default
    if value not in allowed:
        raise BadRequest(f"{key!r} must be one of {', '.join(allowed)}, not {value!r}", member=key)
    return value


def query_v02(raw: Any) -> Query:
    """A 0.2 query object (``query``, ``type`` (one or a list), ``type_strict``, ``limit``, ``properties: [{pid, v}]``)
    or a bare string."""
    if isinstance(raw, str):
        return Query(names=[raw])
    if not isinstance(raw, Mapping):
        raise BadRequest("Each reconciliation query must be a JSON object or a string")
    types = raw.get("type")
    if types is None:
        types = []
    elif isinstance(types, str):
        types = [types]
    elif not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        raise BadRequest("'type' must be a type id or a list of type ids", member="type")
    conditions = []
    for p in _objects(raw, "properties"):
        pid = p.get("pid")
        if not isinstance(pid, str) or "v" not in p:
            raise BadRequest("Each property needs a string 'pid' and a value 'v'", member="properties")
        conditions.append(Condition(pid, _values(p["v"])))
    text = _text(raw, "query")
    if text is None and not conditions:
        raise BadRequest("A query needs a 'query' string or a non-empty 'properties' list", member="query")
    return Query(
        names=[text] if text else [],
        types=[t for t in types if t],
        type_strict=_choice(raw, "type_strict", TYPE_STRICTNESS, "any"),
        limit=_limit(raw.get("limit", DEFAULT_LIMIT)),
        conditions=conditions,
    )


def query_v1(raw: Any) -> Query:
    """A 1.0-draft query object: ``conditions`` of ``matchType`` name, id or property; one ``type``; ``lang``."""
    if not isinstance(raw, Mapping) or not _objects(raw, "conditions"):
        raise BadRequest("Each reconciliation query needs a non-empty conditions array")
    type_ = _text(raw, "type")
    query = Query(
        types=[type_] if type_ else [],
        limit=_limit(raw.get("limit", DEFAULT_LIMIT)),
        chain=parse_lang(_text(raw, "lang")),
    )
    for condition in _objects(raw, "conditions"):
        kind = condition.get("matchType")
        if "propertyValue" not in condition:
            raise BadRequest("Each condition needs a propertyValue", member="conditions")
        values = _values(condition["propertyValue"])
        qualifier = _text(condition, "matchQualifier")
        if qualifier:
            query.qualifiers.append(qualifier)
        if kind == "name":
            query.names.extend(v[-1] for v in values if v)  # an entity object as a name: its name, else its id
        elif kind == "id":
            query.ids.extend(v[0] for v in values if v)
        elif kind == "property":
            pid = _text(condition, "propertyId")
            if not pid:
                raise BadRequest("A property condition needs a propertyId", member="conditions")
            langs = parse_lang(_text(condition, "lang"))
            query.conditions.append(
                Condition(
                    pid,
                    values,
                    bool(condition.get("required", False)),
                    _choice(condition, "matchQuantifier", QUANTIFIERS, "any"),
                    langs[0] if langs else None,
                )
            )
        else:
            raise BadRequest(f"Unknown matchType {kind!r}; expected name, id or property")
    return query


# ---- scoring ---------------------------------------------------------------------------------------------------


def edit_distance(a: str, b: str, bound: int) -> int | None:
    """The Levenshtein distance of ``a`` and ``b`` if it is at most ``bound``, else ``None``. Only the diagonal band
    of width ``bound`` is computed, and a row whose every cell passes the bound ends the search."""
    if abs(len(a) - len(b)) > bound:
        return None
    if len(a) > len(b):
        a, b = b, a
    far = bound + 1
    previous = [j if j <= bound else far for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        low, high = max(1, i - bound), min(len(b), i + bound)
        current = [far] * (len(b) + 1)
        if i <= bound:
            current[0] = i
        for j in range(low, high + 1):
            cost = previous[j - 1] + (ca != b[j - 1])
            current[j] = min(cost, previous[j] + 1, current[j - 1] + 1, far)
        if min(current[low - 1 : high + 1]) > bound:
            return None
        previous = current
    return previous[-1] if previous[-1] <= bound else None


def typo_bound(a: str, b: str) -> int:
    """The most edits that still leave a similarity of :data:`FUZZY_MIN` between ``a`` and ``b``."""
    return int((1 - FUZZY_MIN) * max(len(a), len(b)) + 1e-9)


def similarity(a: str, b: str) -> float:
    """1 - (Levenshtein distance / length of the longer string), on strings as given (fold them first); 0 for pairs
    further apart than a typo, which nothing needs to tell apart."""
    if a == b:
        return 1.0
    distance = edit_distance(a, b, typo_bound(a, b))
    return 0.0 if distance is None else 1.0 - distance / max(len(a), len(b))


def _wanted(lang: str, chain: LangChain) -> bool:
    """Is a label in ``lang`` in one of the query's languages? With no language named, every language is."""
    if chain is None:
        return True
    return any(lang_matches(wanted, lang) for tag in chain for wanted in truncations(tag))


def _covers(qwords: list[str], text_words: list[str]) -> bool:
    """Every query word is a word of the text or, from 3 letters on, the start of one (as the search index does)."""
    return all(any(w == t or (len(w) >= 3 and t.startswith(w)) for t in text_words) for w in qwords)


@dataclass(frozen=True)
class NameMatch:
    """How well a name matched one term: the score, ``exact``/``prefix``/``fuzzy``/``words``, and which label's
    language (``""`` for identifiers and untagged text)."""

    score: float
    how: str
    lang: str = ""
    text: str = ""


NO_MATCH = NameMatch(0.0, "none")


def name_score(index: TermIndex, record: TermRecord, name: str, chain: LangChain) -> NameMatch:
    """The best of the scoring rules for one query name against one term."""
    folded = fold(name)
    if not folded:
        return NO_MATCH
    if _identifies(index, name) == record.iri:
        return NameMatch(ID_SCORE, "exact")
    qwords = words(name)
    best = NO_MATCH

    def offer(candidate: NameMatch) -> None:
        nonlocal best
        if candidate.score > best.score:
            best = candidate

    for notation in record.notations:
        if fold(notation) == folded:
            offer(NameMatch(ID_SCORE, "exact"))
    for field_name, exact, prefix, values in (
        ("label", LABEL_SCORE, LABEL_PREFIX, record.labels),
        ("altLabel", ALT_LABEL_SCORE, ALT_LABEL_PREFIX, record.alt_labels),
    ):
        for lang, texts in values.items():
            for text in texts:
                key = fold(text)
                if key == folded:
                    offer(NameMatch(exact - (0 if _wanted(lang, chain) else OTHER_LANGUAGE_COST), "exact", lang, text))
                    continue
                if key.startswith(folded):
                    offer(NameMatch(prefix + SPAN * len(folded) / len(key), "prefix", lang, text))
                    continue
                if len(folded) >= 5:
                    ratio = similarity(folded, key)
                    if ratio >= FUZZY_MIN:
                        offer(NameMatch(FUZZY_BASE + SPAN * (ratio - FUZZY_MIN) / (1 - FUZZY_MIN), "fuzzy", lang, text))
                        continue
                if qwords:
                    twords = words(text)
                    if _covers(qwords, twords):
                        share = min(1.0, len(qwords) / max(1, len(twords)))
                        offer(NameMatch(WORDS_BASE[field_name] + SPAN * share, "words", lang, text))
    if qwords and best.score < WORDS_BASE["definition"] + SPAN:
        for lang, text in record.definitions.items():
            twords = words(text)
            if _covers(qwords, twords):
                share = min(1.0, len(qwords) / max(1, len(twords)))
                offer(NameMatch(WORDS_BASE["definition"] + SPAN * share, "words", lang))
    return NameMatch(round(best.score, 2), best.how, best.lang, best.text)


def _identifies(index: TermIndex, text: str) -> str | None:
    """The term an identifier names outright (notation, local name, CURIE, IRI), if any."""
    try:
        iri = index.to_iri(text)
    except CityrefError:
        return None
    return iri if iri in index.records else None


def combined(name: float | None, share: float | None) -> float:
    """The score from the name part (``None``: the query gave no name or id) and the share of property conditions
    met (``None``: it gave none)."""
    if name is None:
        return 100.0 * (share or 0.0)
    if share is None:
        return name
    return NAME_WEIGHT * name + PROPERTY_WEIGHT * share


# ---- the service -----------------------------------------------------------------------------------------------


class Unknown(Exception):
    """A type or property id that names nothing we know; becomes an entry of the query's ``errors``."""


Trigrams = tuple[dict[str, list[int]], list[tuple[str, str]]]
_TRIGRAMS: weakref.WeakKeyDictionary[TermIndex, Trigrams] = weakref.WeakKeyDictionary()


def _trigram_index(index: TermIndex) -> Trigrams:
    """Trigrams of every folded label and alternative label, to find misspelt names without comparing the query
    with all of them. Built on first use and kept while the index lives (an index never changes once built)."""
    if index in _TRIGRAMS:
        return _TRIGRAMS[index]
    keys: list[tuple[str, str]] = []
    for record in index.records.values():
        if record.deprecated:
            continue
        for values in (record.labels, record.alt_labels):
            keys.extend((fold(t), record.iri) for texts in values.values() for t in texts)
    grams: dict[str, list[int]] = {}
    for position, (key, _) in enumerate(keys):
        for gram in _grams(key):
            grams.setdefault(gram, []).append(position)
    _TRIGRAMS[index] = (grams, keys)
    return grams, keys


def _grams(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Reconciler:
    """Runs reconciliation queries, suggest lookups and type lookups against one term index."""

    def __init__(self, index: TermIndex) -> None:
        self.index = index
        self._terms: dict[str, str | None] = {}

    # ---- what names mean ---------------------------------------------------------------------------------------

    def term_of(self, value: str) -> str | None:
        """The term a property value names: an id (local name, CURIE, IRI, notation) or, failing that, an exact
        label. Remembered per value: a condition is checked against every candidate, the label search is costly."""
        if value not in self._terms:
            found = _identifies(self.index, value)
            if found is None and _is_class(self.index, value):
                found = self.index.to_iri(value)  # a reused class (skos:Concept): not a term of ours, still a type
            if found is None:
                hits = self.index.search.search(value, include_deprecated=True)
                found = hits[0].record.iri if hits and hits[0].match == "exact" else None
            self._terms[value] = found
        return self._terms[value]

    def resolve_type(self, ident: str) -> str:
        try:
            return self.index.resolve_class(ident)
        except CityrefError:
            raise Unknown(ident) from None

    def _holds(self, record: TermRecord, prop: Property, value: tuple[str, ...], lang: str | None) -> bool:
        if prop.linking:
            targets = [t for t in (self.term_of(v) for v in value) if t is not None]
            return any(prop.holds_link(self.index, record, t) for t in targets)
        return any(prop.holds_text(record, v, lang) for v in value)

    def _satisfied(self, record: TermRecord, condition: Condition) -> bool:
        prop = CATALOGUE.get(condition.pid)
        results = [prop is not None and self._holds(record, prop, v, condition.lang) for v in condition.values]
        if condition.quantifier == "all":
            return bool(results) and all(results)
        if condition.quantifier == "none":
            return not any(results)
        return any(results)

    # ---- candidates --------------------------------------------------------------------------------------------

    def answer(self, query: Query, audience: LangChain = None) -> Result:
        """Scored candidates for one query, best first, with the query's ``errors``. ``audience`` is the language
        chain for descriptions and type names (the client's Accept-Language), apart from the query's own ``lang``,
        which is the language its name is written in."""
        errors: list[dict[str, Any]] = []
        types: list[str] = []
        for ident in query.types:
            try:
                types.append(self.resolve_type(ident))
            except Unknown:
                errors.append(
                    {"code": "unknown-type", "message": f"No class of the ontology is called {ident!r}", "type": ident}
                )
        for condition in query.conditions:
            if condition.pid not in CATALOGUE:
                errors.append(
                    {
                        "code": "unknown-property",
                        "message": f"No property {condition.pid!r}; known: {', '.join(CATALOGUE)}",
                        "property": condition.pid,
                    }
                )
        for qualifier in dict.fromkeys(query.qualifiers):
            errors.append(
                {
                    "code": "unsupported-match-qualifier",
                    "message": f"matchQualifier {qualifier!r} is not supported: values were compared as usual",
                    "matchQualifier": qualifier,
                }
            )
        typed = bool(query.types)
        strict = query.type_strict != "should"
        if typed and strict and not types and query.type_strict == "any":
            return Result([], errors)  # every type is unknown: nothing can have one of them
        if typed and query.type_strict == "all" and len(types) < len(query.types):
            return Result([], errors)  # one of the types is unknown: nothing can have all of them

        def has_types(record: TermRecord) -> bool:
            if query.type_strict == "all":
                return all(self.index.has_type(record, t) for t in types)
            return any(self.index.has_type(record, t) for t in types)

        named = bool(query.names or query.ids)
        pool = self._pool(query) if named else {r.iri: NO_MATCH for r in self.index.select()}
        scored: list[tuple[float, TermRecord, NameMatch, list[bool], bool]] = []
        for iri, how in pool.items():
            record = self.index.records[iri]
            in_type = has_types(record) if typed else True
            if typed and strict and not in_type:
                continue
            met = [self._satisfied(record, c) for c in query.conditions]
            if any(c.required and not ok for c, ok in zip(query.conditions, met, strict=True)):
                continue
            share = sum(met) / len(met) if met else None
            score = combined(how.score if named else None, share)
            if not in_type:
                score *= TYPE_MISS_FACTOR
            if score <= 0:
                continue
            scored.append((round(score, 2), record, how, met, in_type))
        scored.sort(key=lambda s: (-s[0], natural_key(s[1].local)))
        # Unambiguous: the only candidate with an exact name or id, every condition met, of a wanted type, on top.
        exact = [s for s in scored if s[2].score >= EXACT_FLOOR and all(s[3]) and s[4]]
        sure = exact[0][1].iri if len(exact) == 1 and scored and scored[0][1].iri == exact[0][1].iri else None
        candidates = [
            self._candidate(record, score, how, query, met, in_type, audience, record.iri == sure)
            for score, record, how, met, in_type in scored[: query.limit]
        ]
        return Result(candidates, errors)

    def _pool(self, query: Query) -> dict[str, NameMatch]:
        """Terms the names and ids may mean, each with its best name match."""
        found: set[str] = set()
        for name in query.names:
            found.update(h.record.iri for h in self.index.search.search(name, chain=query.chain))
            found.update(self._misspelt(name))
            iri = _identifies(self.index, name)
            if iri is not None:
                found.add(iri)
        pool: dict[str, NameMatch] = {}
        for iri in found:
            record = self.index.records[iri]
            best = max((name_score(self.index, record, n, query.chain) for n in query.names), key=lambda m: m.score)
            if best.score > 0:
                pool[iri] = best
        for ident in query.ids:
            target = _identifies(self.index, ident) or self.term_of(ident)
            if target is not None:
                pool[target] = NameMatch(ID_SCORE, "exact")
        return pool

    def _misspelt(self, name: str) -> set[str]:
        """Terms with a label close enough to ``name`` to be a typo of it (see :data:`FUZZY_MIN`)."""
        folded = fold(name)
        if len(folded) < 5:
            return set()
        grams, keys = _trigram_index(self.index)
        mine = _grams(folded)
        shared = Counter(p for g in mine for p in grams.get(g, ()))
        found: set[str] = set()
        for position, count in shared.items():
            key, iri = keys[position]
            if iri in found:
                continue
            # One edit changes at most three trigrams, so a string within the typo bound shares at least this many
            # (fewer distinct ones when the query repeats a trigram; ``mine`` is a set).
            needed = max(len(key), len(folded)) - 3 * typo_bound(key, folded) - (len(folded) - len(mine))
            if count >= needed and similarity(folded, key) >= FUZZY_MIN:
                found.add(iri)
        return found

    def _candidate(
        self,
        record: TermRecord,
        score: float,
        how: NameMatch,
        query: Query,
        met: list[bool],
        in_type: bool,
        audience: LangChain,
        match: bool,
    ) -> dict[str, Any]:
        chain = audience or query.chain
        naming = (how.lang, *(chain or ("en",))) if how.lang else chain
        best = first_value(record.labels, naming)
        definition = first_value({k: [v] for k, v in record.definitions.items()}, chain)
        features: list[dict[str, Any]] = []
        if query.names or query.ids:
            features.append({"id": "name", "name": "name match score", "value": how.score})
        features += [
            {"id": f"property:{c.pid}", "name": f"{CATALOGUE[c.pid].name} condition met", "value": ok}
            if c.pid in CATALOGUE
            else {"id": f"property:{c.pid}", "name": f"{c.pid} (unknown property)", "value": ok}
            for c, ok in zip(query.conditions, met, strict=True)
        ]
        if query.types and query.type_strict == "should":
            features.append({"id": "type", "name": "has one of the query's types", "value": in_type})
        candidate: dict[str, Any] = {
            "id": record.local,
            "name": best[0] if best else record.curie,
            "score": score,
            "match": match,
            "features": features,
            "type": self.types_of(record, chain),
        }
        if best and best[1]:
            candidate["lang"] = best[1]
        if definition:
            candidate["description"] = definition[0]
        return candidate

    def run(self, queries: Iterable[Query], audience: LangChain = None) -> list[Result]:
        return [self.answer(q, audience) for q in queries]

    # ---- types -------------------------------------------------------------------------------------------------

    def types_of(self, record: TermRecord, chain: LangChain = None) -> list[dict[str, str]]:
        return [self.type_ref(t, chain) for t in record.types]

    def type_ref(self, iri: str, chain: LangChain = None) -> dict[str, str]:
        record = self.index.get(iri)
        if record is None:
            curie = self.index.compact(iri)
            return {"id": curie, "name": curie}
        best = first_value(record.labels, chain)
        return {"id": record.local, "name": best[0] if best else record.local}

    def type_entry(self, record: TermRecord, chain: LangChain = None) -> dict[str, Any]:
        """A type as the manifest and the type suggest service list it: with its description and its direct
        superclasses as broader types (reused ones such as skos:Concept by CURIE: queries accept those too)."""
        entry: dict[str, Any] = self.type_ref(record.iri, chain)
        definition = first_value({k: [v] for k, v in record.definitions.items()}, chain)
        if definition:
            entry["description"] = definition[0]
        broader = [self.type_ref(s, chain) for s in record.sub_class_of]
        if broader:
            entry["broader"] = broader
        return entry

    def types(self, *, concept_classes_only: bool = False, chain: LangChain = None) -> list[dict[str, Any]]:
        """Our classes as reconciliation types (the concept classes of the reference layer, for default types)."""
        classes = [r for r in self.index if r.kind == "class"]
        if concept_classes_only:
            classes = [r for r in classes if self.index.is_subclass(r.iri, SKOS_CONCEPT)]
        return [self.type_entry(r, chain) for r in classes]

    # ---- suggest -----------------------------------------------------------------------------------------------

    def suggest_entities(self, prefix: str, chain: LangChain, limit: int = 10, offset: int = 0) -> dict[str, Any]:
        """Entities for a partly typed name or id: one the prefix names outright first, then prefix matches of
        labels and notations; an empty prefix lists every term."""
        records: list[TermRecord] = []
        if not prefix.strip():
            records = [r for r in self.index if not r.deprecated]
        else:
            named = _identifies(self.index, prefix.strip())
            if named is not None:
                records.append(self.index.records[named])
            hits = self.index.search.autocomplete(prefix, chain=chain, limit=offset + limit + 1)
            records += [h.record for h in hits if h.record.iri != named]
        result = []
        for record in records[offset : offset + limit]:
            best = first_value(record.labels, chain)
            item: dict[str, Any] = {
                "id": record.local,
                "name": best[0] if best else record.curie,
                "notable": self.types_of(record, chain),
            }
            definition = first_value({k: [v] for k, v in record.definitions.items()}, chain)
            if definition:
                item["description"] = definition[0]
            if best and best[1]:
                item["lang"] = best[1]
            result.append(item)
        return {"result": result}

    def suggest_types(self, prefix: str, chain: LangChain = None, limit: int = 10, offset: int = 0) -> dict[str, Any]:
        ranked = _ranked(prefix, self.types(chain=chain), lambda t: (t["id"], t["name"]))
        return {"result": ranked[offset : offset + limit]}

    def suggest_properties(self, prefix: str, limit: int = 10, offset: int = 0) -> dict[str, Any]:
        entries = [{"id": p.id, "name": p.name, "description": p.description} for p in CATALOGUE.values()]
        ranked = _ranked(prefix, entries, lambda p: (p["id"], p["name"]))
        return {"result": ranked[offset : offset + limit]}

    def identify(self, ident: str) -> TermRecord:
        """The term an entity id names (our ids are local names; CURIEs, IRIs and notations work too), or 404."""
        iri = NS + ident if ident and "/" not in ident and ":" not in ident else self.index.to_iri(ident)
        return self.index.records[iri] if iri in self.index.records else self.index.resolve(ident)


def _is_class(index: TermIndex, value: str) -> bool:
    try:
        index.resolve_class(value)
    except CityrefError:
        return False
    return True


def _ranked(prefix: str, entries: list[dict[str, Any]], keys: Any) -> list[dict[str, Any]]:
    """Entries for a suggest prefix: the id or name itself first, then names or ids it starts, then names with a
    word it starts, then those containing it anywhere; an empty prefix keeps them all, in order."""
    wanted = fold(prefix)
    if not wanted:
        return entries
    tiers: list[tuple[int, int, dict[str, Any]]] = []
    for position, entry in enumerate(entries):
        folded = [fold(k) for k in keys(entry)]
        if wanted in folded:
            tier = 0
        elif any(k.startswith(wanted) for k in folded):
            tier = 1
        elif any(w.startswith(wanted) for k in folded for w in k.split()):
            tier = 2
        elif any(wanted in k for k in folded):
            tier = 3
        else:
            continue
        tiers.append((tier, position, entry))
    return [entry for _, _, entry in sorted(tiers, key=lambda t: (t[0], t[1]))]
