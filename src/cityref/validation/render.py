"""Every output format of a :class:`ValidationReport`: JSON, W3C report (Turtle, JSON-LD), CSV, JUnit XML, HTML, text.

All are rendered from the same typed report, so they always agree on which results were kept and on the cut.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from xml.etree import ElementTree as ET

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from cityref import media
from cityref.validation.report import SEVERITIES, ValidationReport, ValidationResult

SHAPES_BASE = "https://w3id.org/cityref/shapes/"
CSV_COLUMNS = (
    "severity", "focusNode", "path", "value", "message", "constraint", "sourceShape",
    "termIri", "termLabel", "termLink", "fixHint",
)  # fmt: skip


def to_json(report: ValidationReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


def w3c_graph(report: ValidationReport) -> Graph:
    """The kept results as a standard ``sh:ValidationReport``, with one message each: the one the report shows."""
    graph = Graph()
    graph.bind("sh", SH)
    root = BNode()
    graph.add((root, RDF.type, SH.ValidationReport))
    graph.add((root, SH.conforms, Literal(report.conforms, datatype=XSD.boolean)))
    seen: set[Node] = set()
    source = report.findings.graph if report.findings is not None else Graph()
    for result in report.results:
        if result.found is not None:
            node = result.found.write(graph, root, source, seen, messages=False)
        else:
            node = BNode()
            graph.add((root, SH.result, node))
            graph.add((node, RDF.type, SH.ValidationResult))
        # tagged with the language the message is in, which is not the one asked for when it fell back to English
        graph.add((node, SH.resultMessage, Literal(result.message, lang=result.message_lang or None)))
    for prefix, namespace in source.namespaces():
        graph.bind(prefix, namespace, override=False)
    return graph


def to_turtle(report: ValidationReport) -> str:
    return w3c_graph(report).serialize(format="turtle")


def to_jsonld(report: ValidationReport) -> str:
    return w3c_graph(report).serialize(format="json-ld", context={"sh": str(SH), "xsd": str(XSD)}, indent=2)


def to_csv(report: ValidationReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in report.results:
        term = r.term or {}
        writer.writerow([
            r.severity, r.focus_node, r.path or "", r.value or "", r.message, r.constraint, r.source_shape,
            term.get("iri", ""), term.get("label") or "", term.get("link", ""), r.fix_hint or "",
        ])  # fmt: skip
    return out.getvalue()


def profile_of(result: ValidationResult, profiles: list[str]) -> str:
    """Which profile a result comes from: by its shape's IRI, else the only profile, else ``shapes``."""
    if result.source_shape.startswith(SHAPES_BASE):
        return result.source_shape[len(SHAPES_BASE) :].split("/", 1)[0]
    return profiles[0] if len(profiles) == 1 else "shapes"


def _short(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def to_junit(report: ValidationReport) -> str:
    """JUnit XML: a test suite per profile, a failed test case per result, one passing case for a clean profile."""
    suites = ET.Element("testsuites", name="cityref validation")
    groups: dict[str, list[ValidationResult]] = {p: [] for p in report.profiles or ["shapes"]}
    for r in report.results:
        groups.setdefault(profile_of(r, report.profiles), []).append(r)
    total = failures = 0
    for profile, results in groups.items():
        suite = ET.SubElement(suites, "testsuite", name=profile, tests=str(max(len(results), 1)))
        suite.set("failures", str(len(results)))
        suite.set("errors", "0")
        if not results:
            ET.SubElement(suite, "testcase", classname=profile, name="delivery conforms")
        for r in results:
            where = f" {_short(r.path)}" if r.path else ""
            case = ET.SubElement(
                suite, "testcase", classname=f"{profile}.{_short(r.source_shape)}", name=f"{r.focus_node}{where}"
            )
            failure = ET.SubElement(case, "failure", message=r.message, type=r.severity)
            failure.text = "\n".join(
                f"{k}: {v}"
                for k, v in (
                    ("focus", r.focus_node), ("path", r.path), ("value", r.value), ("constraint", r.constraint),
                    ("shape", r.source_shape), ("fix", r.fix_hint), ("term", (r.term or {}).get("link")),
                )
                if v
            )  # fmt: skip
        total += max(len(results), 1)
        failures += len(results)
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _counted(n: int, noun: str) -> str:
    """``1 violation``, ``4 violations``, ``0 infos`` (severities are nouns here)."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def to_text(report: ValidationReport) -> str:
    """A plain summary for terminals."""
    verdict = "conforms" if report.conforms else "does NOT conform"
    counts = ", ".join(_counted(report.counts.get(s, 0), s.lower()) for s in SEVERITIES)
    lines = [f"Delivery {verdict} to {', '.join(report.profiles) or 'the given shapes'} ({counts})"]
    if report.context is not None:
        lines.append(f"Checked in the context of {report.context} (results for the delivery's own nodes only)")
    for r in report.results:
        lines.append(f"- [{r.severity}] {r.focus_node}" + (f" {r.path}" if r.path else ""))
        lines.append(f"    {r.message}")
        if r.value is not None:
            lines.append(f"    value: {r.value}")
        if r.fix_hint:
            lines.append(f"    fix: {r.fix_hint}")
    if report.truncated:
        lines.append(f"(only the first {len(report.results)} results are shown)")
    return "\n".join(lines) + "\n"


def to_html(report: ValidationReport) -> str:
    """The report as a page that stands alone, its headings in the report's language (first tag, when the
    interface speaks it)."""
    from cityref import templates  # Jinja, loaded only for this format

    lang = report.lang.split(",")[0].split("-")[0].lower()
    return templates.render("report.html", lang, r=report)


_RENDER = {"json": to_json, "turtle": to_turtle, "jsonld": to_jsonld, "csv": to_csv}
_RENDER |= {"junit": to_junit, "html": to_html, "text": to_text}
RENDERERS: dict[str, tuple[str, Callable[[ValidationReport], str]]] = {
    f.name: (f.media_type, _RENDER[f.name]) for f in media.REPORT_FORMATS
}
"""Each report format of :data:`cityref.media.REPORT_FORMATS`: its media type and its renderer."""
