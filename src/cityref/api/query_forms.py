"""The form of a canned query's page: one field per parameter, of the kind that fits its type.

A parameter naming a graph (``GRAPH ?city``) is picked from the store's cities; an ``iri of CLASS`` parameter from
the members of that class (and its subclasses) in the model and the city graphs, each shown by its label in the
reader's language (a practice by its code first: "B5 · ..."); a language from the five of the model; numbers and
days with inputs of their kind. Nobody has to type an IRI. A class with more members than
``query_form_max_choices`` falls back to a text box, as does an ``iri`` parameter with no class.

Option values are written short (``cityref:B5``, ``ex:council``: the CURIEs the binding expands), so bookmarked URLs
stay readable; a value given in full still selects its option.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cityref import i18n
from cityref.api.labels import best
from cityref.cities import Reader, list_cities
from cityref.errors import LimitExceeded
from cityref.sparql.binding import PREFIXES, ParameterError, check_iri
from cityref.sparql.canned import CannedQuery, Param
from cityref.terms import TermIndex
from cityref.terms.index import natural_key


def N_(message: str) -> str:
    return message


PARAM_LABELS = {
    "city": N_("City"),
    "layer": N_("EIF layer"),
    "status": N_("Status"),
    "practice": N_("Practice"),
    "enabler": N_("Enabler"),
    "party": N_("Organisation"),
    "service": N_("Service"),
    "lang": N_("Language"),
    "minScore": N_("Lowest risk score"),
    "minRank": N_("Lowest classification rank"),
    "activeOn": N_("Under way on"),
}
"""What a form calls a parameter, by its name (English; the page translates it); others show their name."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    lang: str | None = None


@dataclass
class FormField:
    """One input of the form: ``kind`` is select, number, date or text."""

    param: Param
    kind: str
    value: str
    options: list[Option] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.param.name


def short(iri: str) -> str:
    """An IRI as the CURIE the binding reads back, where a known prefix fits.

    >>> short("https://w3id.org/cityref/def/B5"), short("urn:x")
    ('cityref:B5', 'urn:x')
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _same_iri(value: str, option: str) -> bool:
    try:
        return check_iri(value, "value") == check_iri(option, "value")
    except ParameterError:
        return False


def members(read: Reader, terms: TermIndex, class_iri: str, lang: str, limit: int) -> list[Option] | None:
    """The members of ``class_iri`` or a subclass, in any graph, labelled; ``None`` when there are more than
    ``limit`` of them (or than the server's row cap lets one query return)."""
    classes = [class_iri, *terms.descendants(class_iri)]
    values = " ".join(f"<{c}>" for c in classes)  # IRIs of the index and a checked header IRI
    wanted = ", ".join(f'"{code}"' for code in sorted({lang, "en", ""}))  # a code of the five: no quoting needed
    try:
        rows = read(
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            f"SELECT ?m ?label ?notation WHERE {{ VALUES ?t {{ {values} }} GRAPH ?g {{ ?m a ?t }} FILTER(isIRI(?m))\n"
            f"  OPTIONAL {{ GRAPH ?h {{ ?m rdfs:label|skos:prefLabel ?label }} FILTER(LANG(?label) IN ({wanted})) }}\n"
            "  OPTIONAL { GRAPH ?n { ?m skos:notation ?notation } } }"
        )
    except LimitExceeded:
        return None  # more than the server's row cap: far more members than a picker should list
    labels: dict[str, dict[str, list[str]]] = {}
    notations: dict[str, str] = {}
    for row in rows:
        member = row["m"]["value"]
        labels.setdefault(member, {})
        if "label" in row:
            labels[member].setdefault(row["label"].get("xml:lang", ""), []).append(row["label"]["value"])
        if "notation" in row:
            notations[member] = min(notations.get(member, row["notation"]["value"]), row["notation"]["value"])
    if len(labels) > limit:
        return None
    options = []
    for member, by_lang in labels.items():
        chosen = best(by_lang, lang) or (short(member), None)
        code = notations.get(member)
        text = f"{code} · {chosen[0]}" if code and code not in chosen[0] else chosen[0]
        options.append(Option(short(member), text, chosen[1]))
    return sorted(options, key=lambda o: (natural_key(o.label), o.value))


def fields(
    query: CannedQuery, given: Mapping[str, str], read: Reader, terms: TermIndex, lang: str, limit: int
) -> list[FormField]:
    """The form's fields, each holding the value given in the URL (or the parameter's default)."""
    out: list[FormField] = []
    for param in query.params:
        value = given.get(param.name, "") or param.default or ""
        options: list[Option] | None = None
        kind = "text"
        if param.name in query.graph_params:
            options = [Option(city.graph, city.label, city.label_lang) for city in list_cities(read, lang)]
        elif param.range is not None:
            options = members(read, terms, param.range, lang, limit)
        elif param.type == "lang":
            options = [Option(code, i18n.LANGUAGE_NAMES[code], code) for code in i18n.UI_LANGUAGES]
        elif param.type in ("integer", "decimal"):
            kind = "number"
        elif param.type == "date":
            kind = "date"
        elif param.type == "boolean":
            options = [Option("true", "true"), Option("false", "false")]
        if options is not None:
            kind = "select"
            if param.type == "iri":
                value = next((o.value for o in options if value and _same_iri(value, o.value)), value)
            if value and all(o.value != value for o in options):
                options.insert(0, Option(value, value))  # a value from the URL that the store does not list
        out.append(FormField(param, kind, value, options or []))
    return out
