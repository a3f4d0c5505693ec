"""What the HTML term page shows beyond the Term JSON: linkages read as "depends on" and "enables", mappings to
external vocabularies, the validation profiles that constrain the term, a ready SPARQL query about it and the
picture of its neighbourhood.

Everything is worked out from the term index and the profiles read at start-up; the page itself is
``templates/term.html``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, SH, SKOS

from cityref.i18n_strings import N_
from cityref.ontology.model import CITYREF
from cityref.terms import TermIndex, term_ref
from cityref.terms.browse import label_of
from cityref.terms.neighbourhood import Picture, layout
from cityref.terms.record import NS, TermRecord
from cityref.validation import Profile

MAPPINGS = (
    (SKOS.exactMatch, N_("exact match")),
    (SKOS.closeMatch, N_("close match")),
    (SKOS.broadMatch, N_("broader match")),
    (SKOS.narrowMatch, N_("narrower match")),
    (SKOS.relatedMatch, N_("related match")),
    (OWL.equivalentClass, N_("equivalent class")),
    (OWL.equivalentProperty, N_("equivalent property")),
)
"""The mapping properties the page lists, with their English names (translated by the template)."""
ROLES = {
    SH.targetClass: N_("checks every instance of it"),
    SH.targetSubjectsOf: N_("checks what uses this property"),
    SH.targetObjectsOf: N_("checks the values of this property"),
    SH.targetNode: N_("checks this node"),
    SH.path: N_("constrains this property"),
    SH.inversePath: N_("constrains this property"),
    SH.oneOrMorePath: N_("constrains this property"),
    SH.zeroOrMorePath: N_("constrains this property"),
    SH["class"]: N_("requires values of this class"),
    SH.hasValue: N_("requires this value"),
    RDF.first: N_("allows this value"),
    SH.datatype: N_("requires this datatype"),
    CITYREF.servesPractice: N_("serves this practice"),
}
"""How a profile's shapes use a term, by the predicate that names it; any other mention "mentions it"."""
MENTIONS = N_("mentions it")

_USES: dict[int, tuple[dict[str, Profile], dict[str, dict[str, set[str]]]]] = {}


def profile_uses(profiles: dict[str, Profile]) -> dict[str, dict[str, set[str]]]:
    """For each of our terms the profiles' shapes name: ``{term IRI: {profile id: {role}}}`` (worked out once per
    set of profiles; they never change while the server runs)."""
    cached = _USES.get(id(profiles))
    if cached is not None and cached[0] is profiles:
        return cached[1]
    found: dict[str, dict[str, set[str]]] = {}
    for ident, profile in profiles.items():
        for _, predicate, obj in profile.shapes:
            if isinstance(obj, URIRef) and str(obj).startswith(NS) and isinstance(predicate, URIRef):
                role = ROLES.get(predicate, MENTIONS)
                found.setdefault(str(obj), {}).setdefault(ident, set()).add(role)
        for practice in profile.practices:
            found.setdefault(practice, {}).setdefault(ident, set()).add(ROLES[CITYREF.servesPractice])
    _USES[id(profiles)] = (profiles, found)
    return found


def constraints(profiles: dict[str, Profile], iri: str, lang: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(profile id, title in ``lang``, roles) of each profile that constrains the term, by id: hashable, so that the
    rendered page can be cached on it."""
    uses = profile_uses(profiles).get(iri, {})
    return tuple((pid, profiles[pid].title_in(lang), tuple(sorted(uses[pid]))) for pid in sorted(uses))


def mappings(index: TermIndex, record: TermRecord) -> list[tuple[str, list[dict[str, Any]]]]:
    """(English name of the mapping property, external terms) for each mapping the term has."""
    subject = URIRef(record.iri)
    out = []
    for predicate, name in MAPPINGS:
        targets = sorted(
            str(o)
            for s, p, o in index.description(record.iri)
            if s == subject and p == predicate and isinstance(o, URIRef)
        )
        if targets:
            out.append((name, [term_ref(index, t) for t in targets]))
    return out


def linkages(term: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The Term JSON's linkages read from the term's side: what it depends on (it is the linkage's ``from``) and
    what it enables (it is the ``to`` of a part that relies on it), each with the other end and the reason."""
    depends = [
        {"term": link["to"], "reason": link["reason"]} for link in term["linkages"] if link["direction"] == "outgoing"
    ]
    enables = [
        {"term": link["from"], "reason": link["reason"]} for link in term["linkages"] if link["direction"] == "incoming"
    ]
    return depends, enables


def sparql_about(record: TermRecord, label: str, lang: str) -> tuple[str, str]:
    """A ready query about the term (everything the model states of it, texts in ``lang``) and the ``/sparql`` URL
    that runs it."""
    query = (
        f"# {record.curie}: {' '.join(label.split())}\n"
        f"SELECT ?property ?value WHERE {{\n"
        f"  <{record.iri}> ?property ?value .\n"
        f'  FILTER (!isLiteral(?value) || lang(?value) = "" || langMatches(lang(?value), "{lang}"))\n'
        f"}} ORDER BY ?property ?value"
    )
    return query, "/sparql?" + urlencode({"query": query})


def neighbourhood(index: TermIndex, record: TermRecord, lang: str) -> Picture:
    """The term's picture: broader terms and superclasses above, narrower terms and subclasses below, what
    depends on it on the left, what it depends on on the right."""

    def named(iris: list[str]) -> list[tuple[str, str | None]]:
        return [label_of(index, index.records[i], lang) for i in iris if i in index.records]

    depends = [link.target for link in record.linkages if link.source == record.iri and link.iri != record.iri]
    enables = [link.source for link in record.linkages if link.target == record.iri and link.iri != record.iri]
    return layout(
        label_of(index, record, lang),
        named(index.parents(record.iri)),
        named(index.children(record.iri)),
        named(enables),
        named(depends),
    )
