"""The typed validation report that every output format is rendered from.

Each result names what is wrong (focus node, path, value, constraint), how bad (severity), why in the reader's
language (message, with fallback to English), the ontology term concerned (label, definition, link) and how to fix
it (the property shape's ``sh:description``).

It is made from what an engine found (:mod:`cityref.validation.findings`), records rather than a report graph.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.term import Node

from cityref.errors import BadRequest
from cityref.ontology.model import CITYREF
from cityref.validation.findings import Findings, Found, read_report_graph
from cityref.validation.profiles import language_chain, pick_literal, pick_text

TERM_BASE = str(CITYREF)
CONFLICT_COMPONENT_TEXT = "https://w3id.org/cityref/def/shapes/ContextConflictComponent"
SEVERITIES = ("Violation", "Warning", "Info")
_RANK = {"Info": 0, "Warning": 1, "Violation": 2}


@dataclass
class ValidationResult:
    """One thing the delivery gets wrong; ``message_lang`` is the language ``message`` is in (``None``: untagged)."""

    focus_node: str
    path: str | None
    value: str | None
    severity: str
    message: str
    source_shape: str
    constraint: str
    term: dict[str, Any] | None = None
    fix_hint: str | None = None
    found: Found | None = field(default=None, repr=False, compare=False)
    message_lang: str | None = field(default="en", repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "focusNode": self.focus_node,
            "path": self.path,
            "value": self.value,
            "severity": self.severity,
            "message": self.message,
            "sourceShape": self.source_shape,
            "constraint": self.constraint,
            "term": self.term,
            "fixHint": self.fix_hint,
        }


@dataclass
class ValidationReport:
    """The outcome: ``conforms`` over the results at or above the minimum severity; ``counts`` of every result."""

    conforms: bool
    results: list[ValidationResult]
    profiles: list[str]
    truncated: bool
    counts: dict[str, int]
    lang: str = "en"
    findings: Findings | None = field(default=None, repr=False, compare=False)
    """What the engine found, which the W3C renderings copy the kept results' descriptions from."""
    context: str | None = None
    """The city graph (or file) the delivery was checked against, if any."""

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "conforms": self.conforms,
            "profiles": self.profiles,
            "counts": self.counts,
            "truncated": self.truncated,
            "lang": self.lang,
        }
        if self.context is not None:
            body["context"] = self.context
        body["results"] = [r.to_dict() for r in self.results]
        return body


def severity_rank(severity: str) -> int:
    """Order of severities; unknown (custom) severities count as violations."""
    return _RANK.get(severity, 2)


def check_severity(name: str) -> str:
    """The canonical name of a minimum-severity parameter (case-insensitive; ``sh:`` prefix allowed)."""
    wanted = name.rsplit(":", 1)[-1].rsplit("#", 1)[-1].lower()
    for known in SEVERITIES:
        if known.lower() == wanted:
            return known
    raise BadRequest(f"Unknown severity {name!r}", known=list(SEVERITIES))


def term_text(node: Node | None) -> str | None:
    """How a term appears in JSON, CSV and HTML: IRIs bare, blank nodes ``_:id``, literals by their text."""
    if node is None:
        return None
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def path_text(graph: Graph, path: Node | None) -> str | None:
    """A SHACL path as a SPARQL property path (a plain IRI for a simple predicate path)."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return str(path)
    if graph.value(path, RDF.first) is not None:
        return "(" + " / ".join(_step(graph, p) for p in Collection(graph, path)) + ")"
    return _step(graph, path)


def _step(graph: Graph, path: Node) -> str:
    if isinstance(path, URIRef):
        return f"<{path}>"
    if graph.value(path, RDF.first) is not None:
        return "(" + " / ".join(_step(graph, p) for p in Collection(graph, path)) + ")"
    unary = {SH.inversePath: "^{}", SH.zeroOrMorePath: "{}*", SH.oneOrMorePath: "{}+", SH.zeroOrOnePath: "{}?"}
    for prop, pattern in unary.items():
        inner = graph.value(path, prop)
        if inner is not None:
            return pattern.format(_step(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + " | ".join(_step(graph, p) for p in Collection(graph, alternatives)) + ")"
    return f"_:{path}"


def path_property(graph: Graph, path: Node | None) -> URIRef | None:
    """The property a path ends on (the last step of a sequence, the inner one of ``^p`` or ``p*``), if one."""
    if path is None or isinstance(path, URIRef):
        return path
    if graph.value(path, RDF.first) is not None:
        steps = list(Collection(graph, path))
        return path_property(graph, steps[-1]) if steps else None
    for prop in (SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
        inner = graph.value(path, prop)
        if inner is not None:
            return path_property(graph, inner)
    return None  # alternatives name several properties: no single term


class Terms(Protocol):
    """What :func:`term_info` reads of an ontology: an rdflib graph, or :class:`~cityref.validation.ontology_text.
    OntologyText` on the compiled engine's path."""

    def __contains__(self, pattern: tuple[Node, None, None]) -> bool: ...

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]: ...


def term_info(iri: URIRef, ontology: Terms | None, lang: str) -> dict[str, Any] | None:
    """The ontology term a result concerns: label and definition in ``lang``, and where to read about it."""
    if ontology is None or (iri, None, None) not in ontology:
        return None
    local = str(iri)[len(TERM_BASE) :] if str(iri).startswith(TERM_BASE) else None
    labels = list(ontology.objects(iri, RDFS.label)) + list(ontology.objects(iri, SKOS.prefLabel))
    return {
        "iri": str(iri),
        "label": pick_text(labels, lang) or str(iri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1],
        "definition": pick_text(ontology.objects(iri, SKOS.definition), lang),
        "link": f"/def/{local}" if local else str(iri),
    }


def _lookup(graphs: Sequence[Graph], subject: Node, predicate: URIRef) -> list[Node]:
    return [o for g in graphs for o in g.objects(subject, predicate)]


def _result(
    found: Found, where: Sequence[Graph], ontology: Terms | None, lang: str, memo: dict[object, Any]
) -> ValidationResult:
    """One result; what depends only on its shape, path or term (fix hint, sh:class, ontology term, path text) is
    looked up once per report in ``memo``: a large report repeats a few shapes many times."""
    shape, constraint, graph = found.shape, found.component, where[0]
    if ("property", found.path) not in memo:
        memo["property", found.path] = path_property(graph, found.path)
    concerned: Node | None = memo["property", found.path]
    if constraint == SH.ClassConstraintComponent and shape is not None:
        if ("class", shape) not in memo:
            memo["class", shape] = next(iter(_lookup(where, shape, SH["class"])), None)
        concerned = memo["class", shape] or concerned
    if ("term", concerned) not in memo:
        memo["term", concerned] = term_info(concerned, ontology, lang) if isinstance(concerned, URIRef) else None
    if ("hint", shape) not in memo:
        memo["hint", shape] = pick_text(_lookup(where, shape, SH.description), lang) if shape is not None else None
    term = memo["term", concerned]
    message = pick_literal(found.messages, lang)
    return ValidationResult(
        focus_node=term_text(found.focus) or "",
        path=_path_text(graph, found.path, memo),
        value=term_text(found.value),
        severity=_severity(found.severity),
        message=str(message) if message is not None else f"Constraint {str(constraint).rsplit('#', 1)[-1]} not met",
        source_shape=term_text(shape) or "",
        constraint=str(constraint),
        term=dict(term) if term is not None else None,
        fix_hint=memo["hint", shape],
        found=found,
        message_lang=message.language if isinstance(message, Literal) else "en",
    )


def _path_text(graph: Graph, path: Node | None, memo: dict[object, Any]) -> str | None:
    if ("path", path) not in memo:
        memo["path", path] = path_text(graph, path)
    text: str | None = memo["path", path]
    return text


def build_report(
    findings: Findings | Graph,
    *,
    shapes: Sequence[Graph],
    ontology: Terms | None,
    profiles: list[str],
    lang: str = "en",
    min_severity: str = "Info",
    max_results: int | None = None,
    focus_nodes: set[Node] | None = None,
    context: str | None = None,
) -> ValidationReport:
    """Turn what the engine found (or its W3C report graph) into a :class:`ValidationReport`, filtered and capped.

    ``focus_nodes``, when given, are the only nodes results are kept (and counted) for: the delivery's own, when it
    was checked in the ``context`` of a city's graph."""
    if isinstance(findings, Graph):
        findings = read_report_graph(findings)
    minimum = severity_rank(check_severity(min_severity))
    # Counting, filtering, ordering and cutting need only a few terms of each result; the rest (messages in the
    # reader's language, ontology terms, fix hints) is looked up for the kept results only, so that a delivery
    # with 60,000 problems and max_results=10 builds ten results, not 60,000.
    counts = {s: 0 for s in SEVERITIES}
    keyed: list[tuple[tuple[int, str, str, str, str], Found]] = []
    memo: dict[object, Any] = {}
    for found in findings.results:
        if focus_nodes is not None and found.focus not in focus_nodes:
            continue
        severity = _severity(found.severity)
        counts[severity] = counts.get(severity, 0) + 1
        rank = severity_rank(severity)
        if rank >= minimum:
            key = (
                -rank,
                term_text(found.focus) or "",
                _path_text(findings.graph, found.path, memo) or "",
                str(found.component),
                term_text(found.value) or "",
            )
            keyed.append((key, found))
    keyed.sort(key=lambda item: item[0])
    truncated = max_results is not None and len(keyed) > max_results
    # a context conflict fails the delivery only as a Violation (its severity is a setting; see conflicts.py)
    conforms = not any(key[0] == -2 or key[3] != CONFLICT_COMPONENT_TEXT for key, _ in keyed)
    if truncated:
        keyed = keyed[:max_results]
    where = [findings.graph, *shapes]
    kept = [_result(found, where, ontology, lang, memo) for _, found in keyed]
    return ValidationReport(conforms, kept, profiles, truncated, counts, language_chain(lang)[0], findings, context)


def _severity(node: Node | None) -> str:
    return str(node).rsplit("#", 1)[-1] if node is not None else "Violation"
