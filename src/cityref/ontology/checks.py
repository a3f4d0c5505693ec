"""Every ontology quality check in one pass, for ``cityref check`` and CI.

The order matters: nothing else can be judged if a module does not parse, so later checks are reported as skipped
then. Each check yields one :class:`CheckResult`; the report is clean only when every one passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF
from rdflib.plugins.parsers.notation3 import BadSyntax

from cityref import resources
from cityref.errors import CityrefError
from cityref.ontology import profile, qa, reasoning
from cityref.ontology.model import CITYREF, ONTOLOGY_BASE, TOP_MODULE, Ontology

Status = Literal["pass", "fail", "skipped", "error"]
HEADER_FIELDS = {
    "owl:versionIRI": OWL.versionIRI,
    "owl:versionInfo": OWL.versionInfo,
    "dct:license": DCTERMS.license,
    "dct:creator": DCTERMS.creator,
    "dct:description": DCTERMS.description,
}


@dataclass
class CheckResult:
    """One check: a stable ``name`` (``qa:missing-label``...), its outcome, a one-line summary and the details."""

    name: str
    title: str
    status: Status
    summary: str
    details: list[str] = field(default_factory=list)


@dataclass
class CheckReport:
    results: list[CheckResult]

    @property
    def ok(self) -> bool:
        return all(r.status == "pass" for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "checks": [asdict(r) for r in self.results]}


def _result(name: str, title: str, problems: list[str], passed: str) -> CheckResult:
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        return CheckResult(name, title, "fail", f"{len(problems)} {noun}", problems)
    return CheckResult(name, title, "pass", passed)


def syntax_error(path: Path, *, rdflib_too: bool = True) -> str | None:
    """``file:line:column: message`` for the first Turtle syntax error in ``path``, or None when it parses.

    pyoxigraph gives exact positions; rdflib (which the service loads with) is asked too, so that a file only one of
    the two parsers rejects is still caught.
    """
    try:
        for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            pass
    except SyntaxError as error:
        return f"{path.name}:{error.lineno}:{error.offset}: {error.msg}"
    if not rdflib_too:
        return None
    try:
        Graph().parse(path, format="turtle")
    except BadSyntax as error:
        raw, index = error._str, error._i  # rdflib keeps the source text and the character offset
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        line = text.count("\n", 0, index) + 1
        column = index - text.rfind("\n", 0, index)
        return f"{path.name}:{line}:{column}: {error._why}"
    except Exception as error:  # rdflib raises assorted errors on malformed terms
        return f"{path.name}: {error}"
    return None


def check_parse(directory: Path, *, rdflib_too: bool = True) -> CheckResult:
    files = sorted(directory.glob("*.ttl"))
    problems = [p for p in (syntax_error(f, rdflib_too=rdflib_too) for f in files) if p]
    if not files:
        problems = [f"no *.ttl modules in {directory}"]
    return _result("parse", "Every module parses", problems, f"{len(files)} modules parse")


def check_headers(ontology: Ontology) -> CheckResult:
    problems: list[str] = []
    for name, module in sorted(ontology.modules.items()):
        declared = sorted(str(s) for s in module.graph.subjects(RDF.type, OWL.Ontology))
        if declared != [str(module.iri)]:
            problems.append(f"{name}.ttl: expected one owl:Ontology <{module.iri}>, found {declared or 'none'}")
            continue
        for label, predicate in HEADER_FIELDS.items():
            if module.graph.value(module.iri, predicate) is None:
                problems.append(f"{name}.ttl: header lacks {label}")
        if module.version and module.version_iri != f"{ONTOLOGY_BASE}{module.version}/{name}":
            problems.append(f"{name}.ttl: owl:versionIRI {module.version_iri} does not match version {module.version}")
    return _result("headers", "One owl:Ontology per module, header complete", problems, "all headers complete")


def check_closure(ontology: Ontology) -> CheckResult:
    problems: list[str] = []
    for name, module in sorted(ontology.modules.items()):
        for iri in module.imports:
            target = iri.removeprefix(ONTOLOGY_BASE)
            if not iri.startswith(ONTOLOGY_BASE) or target not in ontology.modules:
                problems.append(f"{name}.ttl imports {iri}, which is not a shipped module")
    if TOP_MODULE not in ontology.modules:
        problems.append(f"top module {TOP_MODULE}.ttl is missing")
    else:
        covered = {m.name for m in ontology.closure()}
        problems += [
            f"{name}.ttl is not in the import closure of {TOP_MODULE}.ttl"
            for name in sorted(set(ontology.modules) - covered)
        ]
    return _result(
        "closure",
        "Import closure resolves to shipped modules and covers all",
        problems,
        f"{len(ontology.modules)} modules in the closure",
    )


def check_profile(merged: Graph) -> CheckResult:
    problems = [f"{p.rule}: {p.term} {p.message}" for p in reasoning.profile_problems(merged)]
    return _result("owl2-dl", "OWL 2 DL structure (declarations, property kinds)", problems, "no structural problems")


def _owlapi_results(checks: Sequence[tuple[str, str, Sequence[Graph]]]) -> list[CheckResult]:
    """The OWL API's OWL 2 DL profile checker over the union of each (name, title, graphs)'s graphs, every one in
    the same Java process: any violation fails that check."""
    try:
        reports = profile.check_graph_sets([graphs for _, _, graphs in checks])
    except CityrefError as error:
        return [CheckResult(name, title, "error", error.detail) for name, title, _ in checks]
    results = []
    for (name, title, _), report in zip(checks, reports, strict=True):
        problems = sorted(v.describe() for v in report.violations)
        retyped = f", {report.retyped} values of declared opaque datatypes checked as strings" if report.retyped else ""
        results.append(_result(name, title, problems, f"no violations ({report.axioms} axioms{retyped})"))
    return results


def _owlapi(merged: Graph, examples: Graph) -> list[CheckResult]:
    checks: list[tuple[str, str, Sequence[Graph]]] = [
        ("owlapi:ontology", "OWL API: the ontology is in OWL 2 DL", (merged,))
    ]
    if examples:
        checks.append(("owlapi:exampleton", "OWL API: ontology + Exampleton in OWL 2 DL", (merged, examples)))
    return _owlapi_results(checks)


def check_rules(store: ox.Store, directory: Path | None) -> list[CheckResult]:
    queries = qa.rule_queries(directory)
    if not queries:
        return [CheckResult("qa", "Quality rules", "fail", "no quality rules (queries/qa/*.rq) found")]
    results = []
    for query in queries:
        try:
            rows = qa.violations(store, query)
        except (CityrefError, ValueError) as error:
            results.append(CheckResult(f"qa:{query.name}", query.title, "error", str(error)))
            continue
        results.append(_result(f"qa:{query.name}", query.title, qa.describe(rows), "no violations"))
    return results


def check_counts(store: ox.Store, directory: Path | None, *, prefix: str = "count") -> list[CheckResult]:
    queries = qa.count_queries(directory)
    if not queries:
        return [CheckResult(prefix, "Required counts", "fail", "no count queries (queries/qa/counts/*.rq) found")]
    results = []
    for query in queries:
        name = f"{prefix}:{query.name}"
        try:
            value = qa.count(store, query)
            op, expected = query.expect or ("=", 0)
            met = query.expectation_met(value)
        except (CityrefError, ValueError) as error:
            results.append(CheckResult(name, query.title, "error", str(error)))
            continue
        wanted = str(expected) if op in ("=", "==") else f"{op} {expected}"
        summary = f"{value} (expected {wanted})"
        results.append(CheckResult(name, query.title, "pass" if met else "fail", summary))
    return results


def load_examples(directory: Path) -> tuple[Graph, list[str]]:
    """The sample city's Turtle files as one graph, with any syntax problems.

    Each file is read by rdflib once; only a file it rejects is read again, to say where the error is.
    """
    graph, problems = Graph(), []
    for path in sorted(directory.glob("*.ttl")):
        problem = syntax_error(path, rdflib_too=False)
        if problem is None:
            try:
                graph += Graph().parse(path, format="turtle")
            except Exception:  # pyoxigraph accepted what rdflib rejects: let syntax_error locate it
                problem = syntax_error(path) or f"{path.name}: rdflib cannot read it"
        if problem:
            problems.append(problem)
    return graph, problems


def undefined_terms(data: Graph, ontology: Graph) -> list[str]:
    """cityref: IRIs that ``data`` uses but the ontology does not define (type, or declare)."""
    defined = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)}
    used = {t for triple in data for t in triple if isinstance(t, URIRef) and t.startswith(str(CITYREF))}
    return sorted(str(t) for t in used - defined)


def check_examples(directory: Path, merged: Graph) -> tuple[CheckResult, Graph]:
    graph, problems = load_examples(directory)
    problems += [f"undefined cityref term {t}" for t in undefined_terms(graph, merged)]
    if not any(directory.glob("*.ttl")):
        problems.append(f"no *.ttl files in {directory}")
    result = _result(
        "exampleton", "Exampleton parses and uses only defined cityref terms", problems, f"{len(graph)} triples"
    )
    return result, graph


def check_consistency(name: str, title: str, *graphs: Graph) -> CheckResult:
    try:
        verdict = reasoning.check_consistency(*graphs)
    except CityrefError as error:
        return CheckResult(name, title, "error", error.detail)
    if not verdict.consistent:
        return CheckResult(name, title, "fail", "inconsistent: no model satisfies the axioms and facts")
    details = [f"unsatisfiable class {c}" for c in verdict.unsatisfiable]
    retyped = f", {verdict.retyped} values of declared opaque datatypes as strings" if verdict.retyped else ""
    return _result(name, title, details, f"consistent ({verdict.triples} triples, {verdict.seconds:.1f} s{retyped})")


def _reason(merged: Graph, examples: Graph) -> list[CheckResult]:
    """HermiT over the ontology with the sample city, and over the ontology alone.

    Reasoning is monotonic: when the union is consistent and no class in it is unsatisfiable, the same holds for the
    ontology alone, so the second Java run (a few seconds) is only needed when the first one finds a problem.
    """
    alone_title = "HermiT: the ontology is consistent"
    if not examples:
        return [check_consistency("hermit:ontology", alone_title, merged)]
    union = check_consistency("hermit:exampleton", "HermiT: ontology + Exampleton consistent", merged, examples)
    if union.status == "pass":
        implied = CheckResult("hermit:ontology", alone_title, "pass", "consistent (implied by hermit:exampleton)")
        return [implied, union]
    return [check_consistency("hermit:ontology", alone_title, merged), union]


def run_checks(
    ontology_dir: Path | None = None,
    *,
    examples_dir: Path | None = None,
    qa_dir: Path | None = None,
    reason: bool = True,
    owlapi: bool = True,
) -> CheckReport:
    """Run every check; ``reason=False`` leaves out the HermiT runs and ``owlapi=False`` the OWL API profile
    check (both need Java and take a few seconds)."""
    ontology_dir = ontology_dir or resources.ontology_dir()
    shipped_city = examples_dir is None  # the counts of queries/qa/exampleton-counts hold for Exampleton only
    examples_dir = examples_dir or resources.examples_dir() / "exampleton"
    skipped = CheckResult("remaining", "All other checks", "skipped", "skipped: the modules do not parse")
    parsed = check_parse(ontology_dir, rdflib_too=False)  # fast; rdflib's own verdict comes with loading
    if parsed.status != "pass":
        return CheckReport([parsed, skipped])
    try:
        ontology = Ontology(ontology_dir)
    except Exception:  # rdflib rejected what pyoxigraph accepted: find the file and the place
        return CheckReport([check_parse(ontology_dir), skipped])
    results = [parsed, check_headers(ontology), check_closure(ontology)]
    if TOP_MODULE not in ontology.modules:
        return CheckReport([*results, CheckResult("remaining", "All other checks", "skipped", "no top module")])
    merged = ontology.merged
    store = qa.store_of(merged)
    results.append(check_profile(merged))
    results += check_rules(store, qa_dir)
    results += check_counts(store, qa_dir / "counts" if qa_dir else None)
    examples, example_graph = check_examples(examples_dir, merged)
    results.append(examples)
    city_counts = (qa_dir or resources.queries_dir() / "qa") / "exampleton-counts"
    if shipped_city and len(example_graph) and any(city_counts.glob("*.rq")):  # what the sample city must show
        results += check_counts(qa.store_of(merged, example_graph), city_counts, prefix="count:exampleton")
    if owlapi:
        results += _owlapi(merged, example_graph)
    if reason:
        results += _reason(merged, example_graph)
    return CheckReport(results)
