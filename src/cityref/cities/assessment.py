"""A city's practice adoption assessments: dated records, newest first, each with one line per practice and
delivery principle (status, owner, day, evidence). Assessments are never overwritten, so the list is the city's
history; :func:`choose_assessment` picks one by IRI or day, the latest by default."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cityref.cities.labels import Term, describe, graph_term
from cityref.cities.reader import Reader, iri, literal
from cityref.cities.registry import City
from cityref.errors import BadRequest, NotFound
from cityref.store.base import ONTOLOGY_GRAPH

CITYREF = "https://w3id.org/cityref/def/"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class AdoptionRecord:
    """One line of an assessment: how far the city has adopted one practice or principle."""

    iri: str
    subject: Term
    kind: str
    """``practice``, ``principle`` or ``other`` (a record about something the model does not list)."""
    status: Term | None
    rank: int | None
    """0 not started … 3 established (``None``: no status, or one outside the scale)."""
    owner: Term | None
    day: str | None
    evidence: tuple[Term, ...]

    def to_json(self, base: str = "") -> dict[str, Any]:
        return {
            "record": self.iri,
            "of": self.subject.to_json(base),
            "kind": self.kind,
            "status": self.status.to_json(base) if self.status else None,
            "rank": self.rank,
            "owner": self.owner.to_json(base) if self.owner else None,
            "date": self.day,
            "evidence": [e.to_json(base) for e in self.evidence],
        }


@dataclass(frozen=True)
class Assessment:
    iri: str
    day: str
    """The day it was made, ``YYYY-MM-DD`` (empty when the record has none: the profile reports that)."""
    label: str
    owner: Term | None
    records: tuple[AdoptionRecord, ...]

    def record_of(self, subject: str) -> AdoptionRecord | None:
        return next((r for r in self.records if r.subject.iri == subject), None)

    def summary(self) -> dict[str, Any]:
        return {"assessment": self.iri, "date": self.day, "label": self.label}

    def to_json(self, base: str = "") -> dict[str, Any]:
        return {
            **self.summary(),
            "owner": self.owner.to_json(base) if self.owner else None,
            "records": [r.to_json(base) for r in self.records],
        }


def _query(graph: str) -> str:
    return f"""
PREFIX cityref: <{CITYREF}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?assessment ?day ?owner ?record ?subject ?kind ?status ?rank ?recordOwner ?recordDay ?evidence WHERE {{
  GRAPH {graph_term(graph)} {{
    ?assessment a cityref:AdoptionAssessment .
    OPTIONAL {{ ?assessment cityref:recordedOn ?day }}
    OPTIONAL {{ ?assessment cityref:owner ?owner }}
    OPTIONAL {{
      ?assessment cityref:hasAdoption ?record .
      OPTIONAL {{ ?record cityref:adoptionOf ?subject }}
      OPTIONAL {{ ?record cityref:adoptionStatus ?status }}
      OPTIONAL {{ ?record cityref:owner ?recordOwner }}
      OPTIONAL {{ ?record cityref:recordedOn ?recordDay }}
      OPTIONAL {{ ?record cityref:adoptionEvidence ?evidence }}
    }}
  }}
  OPTIONAL {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?status cityref:adoptionRank ?rank }} }}
  OPTIONAL {{
    GRAPH <{ONTOLOGY_GRAPH}> {{ ?subject a ?kind }}
    FILTER (?kind IN (cityref:Practice, cityref:DeliveryPrinciple))
  }}
}}"""


def _natural(term: Term) -> tuple[Any, ...]:
    """B2 before B10, practices by notation, then the rest by name."""
    notation = term.notation or ""
    match = re.fullmatch(r"([A-Z])(\d+)", notation)
    return (0, match[1], int(match[2])) if match else (1, term.label.casefold(), 0)


def assessments(read: Reader, city: City, lang: str = "en") -> list[Assessment]:
    """Every practice adoption assessment in the city's graph, newest first, each line named in ``lang``."""
    heads: dict[str, dict[str, str | None]] = {}
    lines: dict[str, dict[str, dict[str, Any]]] = {}
    for row in read(_query(city.graph)):
        assessment = iri(row, "assessment")
        if assessment is None:
            continue
        head = heads.setdefault(assessment, {"day": None, "owner": None})
        head["day"] = head["day"] or literal(row, "day")
        head["owner"] = head["owner"] or iri(row, "owner")
        record = iri(row, "record")
        if record is None:
            continue
        line = lines.setdefault(assessment, {}).setdefault(record, {"evidence": set()})
        for name in ("subject", "status", "recordOwner", "kind"):
            value = iri(row, name)
            if value:
                line.setdefault(name, value)
        for name in ("rank", "recordDay"):
            if literal(row, name) is not None:
                line.setdefault(name, literal(row, name))
        if iri(row, "evidence"):
            line["evidence"].add(iri(row, "evidence"))
    named: set[str] = set(heads)
    for head in heads.values():
        named.add(head["owner"] or "")
    for by_record in lines.values():
        for line in by_record.values():
            named.update(line.get(n) or "" for n in ("subject", "status", "recordOwner"))
            named.update(line["evidence"])
    terms = describe(read, named, city.graph, lang)
    found = []
    for assessment, head in heads.items():
        records = []
        for record, line in lines.get(assessment, {}).items():
            subject = terms.get(line.get("subject") or "") or Term(record, record.rsplit("/", 1)[-1])
            kind = {CITYREF + "Practice": "practice", CITYREF + "DeliveryPrinciple": "principle"}
            records.append(
                AdoptionRecord(
                    record,
                    subject,
                    kind.get(line.get("kind") or "", "other"),
                    terms.get(line.get("status") or ""),
                    int(line["rank"]) if "rank" in line else None,
                    terms.get(line.get("recordOwner") or ""),
                    (line.get("recordDay") or "")[:10] or None,
                    tuple(sorted((terms[e] for e in line["evidence"]), key=lambda t: t.label.casefold())),
                )
            )
        records.sort(key=lambda r: ({"practice": 0, "principle": 1}.get(r.kind, 2), _natural(r.subject)))
        label = terms[assessment].label
        day = (head["day"] or "")[:10]
        found.append(Assessment(assessment, day, label, terms.get(head["owner"] or ""), tuple(records)))
    return sorted(found, key=lambda a: (a.day, a.iri), reverse=True)


NO_ASSESSMENT = "The city has no practice adoption assessment yet"
"""What a city with no assessment at all is told (a 404 to programs; its pages say how to add one)."""


def choose_assessment(found: list[Assessment], assessment: str | None = None, date: str | None = None) -> Assessment:
    """The assessment named by IRI, else the one made on ``date`` (``YYYY-MM-DD``), else the latest.

    ``NotFound`` lists the known ones (the IRIs and their days); a malformed ``date`` is a ``BadRequest``."""
    known = [f"{a.iri} ({a.day})" for a in found]
    if date is not None and not _DAY.fullmatch(date):
        raise BadRequest(f"date must be a day written YYYY-MM-DD, not {date!r}")
    if not found:
        raise NotFound(NO_ASSESSMENT, known=[])
    if assessment:
        chosen = next((a for a in found if a.iri == assessment), None)
        if chosen is None:
            raise NotFound(f"The city has no practice adoption assessment {assessment!r}", known=known)
        return chosen
    if date:
        chosen = next((a for a in found if a.day == date), None)
        if chosen is None:
            raise NotFound(f"The city has no practice adoption assessment made on {date}", known=known)
        return chosen
    return found[0]


__all__ = ["NO_ASSESSMENT", "AdoptionRecord", "Assessment", "assessments", "choose_assessment"]
