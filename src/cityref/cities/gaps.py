"""Gap analysis explained by the model: the rules in ``queries/gaps/*.rq`` run over one practice adoption
assessment, and each row becomes a :class:`Gap` that says what is missing, why (a reason the model states: a
linkage's reason, a key risk's mitigation reason, a need status's or a maturity cell's or a principle's
definition, in the reader's language or else English), how serious it is, what to do next, and the evidence.

Each rule is a canned query with a header (``cityref.sparql.canned``), so it can also be read and run by hand;
the city graph, the assessment and the language are bound as parameters, never pasted into the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from cityref import i18n, resources
from cityref.cities.assessment import Assessment, assessments, choose_assessment
from cityref.cities.labels import Term, describe
from cityref.cities.reader import Reader, Row, iri, literal
from cityref.cities.registry import City
from cityref.i18n_strings import N_
from cityref.sparql import canned

RULES: dict[str, tuple[str, str]] = {
    "prerequisite-not-established": (
        N_("Prerequisite not established"),
        N_("%(about)s is marked established, but %(related)s, which it depends on, stands at “%(status)s”."),
    ),
    "key-risk-left-open": (
        N_("Key risk left open"),
        N_("The key risk “%(about)s” stays open: %(related)s, which mitigates it, stands at “%(status)s”."),
    ),
    "principle-without-evidence": (
        N_("Principle without evidence"),
        N_("The principle “%(about)s” stands at “%(status)s” and no record cites evidence of it."),
    ),
    "interoperability-unresolved": (
        N_("Interoperability need unresolved"),
        N_(
            "%(about)s is marked established, but the interoperability need “%(related)s” of a system it relies on "
            "is “%(status)s”."
        ),
    ),
    "maturity-below-practices": (
        N_("Maturity below the practices"),
        N_(
            "%(about)s is marked established, which implies stage %(expected)s in “%(dimension)s”; the latest "
            "maturity assessment puts the city at stage %(actual)s."
        ),
    ),
}
"""Each rule's title and the sentence that says what its gap is, in English (translated when shown)."""

SEVERITIES = (N_("high"), N_("medium"), N_("low"))
NOT_RECORDED = N_("not recorded")


@dataclass(frozen=True)
class Gap:
    rule: str
    title: str
    severity: str
    """``high``, ``medium`` or ``low`` (the stable code; :attr:`severity_label` is the reader's word)."""
    severity_label: str
    about: Term
    related: Term | None
    what: str
    why: str | None
    why_lang: str | None
    """The language of :attr:`why` (``en`` when the model has no reason in the reader's language)."""
    source: Term | None
    """The model resource the reason is read from: a linkage, a key risk, a need status, a cell, a principle."""
    next: Term | None
    evidence: tuple[Term, ...]
    assessment: str

    def to_json(self, base: str = "") -> dict[str, Any]:
        return {
            "rule": self.rule,
            "title": self.title,
            "severity": self.severity,
            "severityLabel": self.severity_label,
            "about": self.about.to_json(base),
            "related": self.related.to_json(base) if self.related else None,
            "what": self.what,
            "why": {
                "text": self.why,
                "lang": self.why_lang,
                "source": self.source.to_json(base) if self.source else None,
            },
            "next": self.next.to_json(base) if self.next else None,
            "evidence": [e.to_json(base) for e in self.evidence],
            "assessment": self.assessment,
        }


@cache
def rule_queries() -> dict[str, canned.CannedQuery]:
    """The shipped rules, read once; a rule file without a sentence in :data:`RULES` is refused."""
    found = canned.load_dir(resources.queries_dir() / "gaps")
    unknown = set(found) ^ set(RULES)
    if unknown:
        raise RuntimeError(f"gap rules and their sentences disagree: {sorted(unknown)}")
    return found


def _iris(row: Row) -> set[str]:
    named = {t["value"] for t in row.values() if t.get("type") == "uri"}
    named.update((literal(row, "evidence") or "").split())
    return named


def _gap(rule: str, row: Row, terms: dict[str, Term], chosen: Assessment, lang: str) -> Gap | None:
    about = terms.get(iri(row, "about") or "")
    if about is None:
        return None
    related = terms.get(iri(row, "related") or "")
    status_iri = iri(row, "relatedStatus") or iri(row, "status")
    status = terms[status_iri].label if status_iri else i18n.gettext(lang, NOT_RECORDED)
    values = {
        "about": about.name,
        "related": related.name if related else "",
        "status": status,
        "expected": literal(row, "expected") or "",
        "actual": literal(row, "actual") or "",
        "dimension": terms[iri(row, "dimension") or ""].label if iri(row, "dimension") else "",
    }
    title, sentence = RULES[rule]
    reason = row.get("reason")
    severity = literal(row, "severity") or "medium"
    cited = (literal(row, "evidence") or "").split()
    records = [iri(row, "record"), iri(row, "relatedRecord")]
    evidence: list[Term] = []
    for record in records:
        line = next((r for r in chosen.records if r.iri == record), None)
        if line is not None:
            state = line.status.label if line.status else i18n.gettext(lang, NOT_RECORDED)
            evidence.append(Term(line.iri, f"{line.subject.name}: {state}", line.subject.lang, line.subject.notation))
    if rule == "maturity-below-practices" and iri(row, "maturity"):
        cited = [iri(row, "maturity") or "", *cited]
    if rule == "interoperability-unresolved" and related:
        evidence.append(related)
    evidence.extend(terms[c] for c in dict.fromkeys(cited) if c in terms)
    return Gap(
        rule=rule,
        title=i18n.gettext(lang, title),
        severity=severity,
        severity_label=i18n.gettext(lang, severity),
        about=about,
        related=related,
        what=i18n.gettext(lang, sentence) % values,
        why=reason["value"] if reason else None,
        why_lang=reason.get("xml:lang") if reason else None,
        source=terms.get(iri(row, "source") or ""),
        next=terms.get(iri(row, "next") or ""),
        evidence=tuple(evidence),
        assessment=chosen.iri,
    )


def find_gaps(
    read: Reader, city: City, lang: str = "en", assessment: str | None = None, date: str | None = None
) -> list[Gap]:
    """Every gap the rules find in one assessment of ``city`` (the latest unless ``assessment`` (an IRI) or
    ``date`` (``YYYY-MM-DD``) names another), the most serious first."""
    chosen = choose_assessment(assessments(read, city, lang), assessment, date)
    return gaps_in(read, city, chosen, lang)


def gaps_in(read: Reader, city: City, chosen: Assessment, lang: str = "en") -> list[Gap]:
    """The gaps of an assessment already read (so that a page showing both reads the records once)."""
    found: list[tuple[str, Row]] = []
    for rule, query in rule_queries().items():
        text = query.bind({"city": city.graph, "assessment": chosen.iri, "lang": lang})
        found.extend((rule, row) for row in read(text))
    named: set[str] = set()
    for _, row in found:
        named |= _iris(row)
    terms = describe(read, named, city.graph, lang)
    gaps = [g for rule, row in found if (g := _gap(rule, row, terms, chosen, lang)) is not None]
    order = {code: n for n, code in enumerate(SEVERITIES)}
    rules = list(RULES)
    return sorted(gaps, key=lambda g: (order.get(g.severity, 9), rules.index(g.rule), g.about.name, g.what))


__all__ = ["RULES", "Gap", "find_gaps", "gaps_in", "rule_queries"]
