"""The one place that runs pySHACL, and :func:`validate`, the library entry point.

:func:`validate` runs in the calling process. The server (and ``cityref validate --timeout``) runs it inside a
worker process instead (:mod:`cityref.validation.worker`), because pySHACL cannot be interrupted from Python and a
delivery may need more memory than a server should give it; the profiles and the ontology are read once per
process and kept.

Two engines run behind :func:`run_shacl`: the compiled one (:mod:`cityref.validation.fast`) by default, pySHACL
as the reference, asked for with ``engine="pyshacl"`` and used for any profile (or user shapes) that needs a feature
the compiled engine lacks. Both give the same W3C report graph, and the tests hold them to the same results.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Literal

from rdflib import Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import SH
from rdflib.term import Node

from cityref import resources
from cityref.errors import BadRequest, LimitExceeded
from cityref.ontology.model import Ontology
from cityref.validation import fast
from cityref.validation.conflicts import (
    Conflict,
    as_found,
    compared_properties,
    find_conflicts,
    index_graph,
    index_ntriples,
)
from cityref.validation.context import (
    Context,
    context_graph,
    context_ntriples,
    left_for_delivery,
    marker,
    marker_ntriples,
    shared_cap_exceeded,
    subjects_of_graph,
    subjects_of_ntriples,
    triples_in,
)
from cityref.validation.findings import Findings, read_report_graph
from cityref.validation.ontology_text import OntologyText, ontology_text
from cityref.validation.parse import Part, parse_data, parse_parts, strict_literals
from cityref.validation.profiles import Profile, language_chain, load_profiles, select
from cityref.validation.report import ValidationReport, build_report, check_severity
from cityref.validation.triples import Delivery, graph_ntriples, ontology_ntriples, parts_ntriples
from cityref.validation.user_shapes import check_user_shapes

_TRUE = RdfLiteral(True)
Inference = Literal["none", "rdfs"]


@cache
def ontology_graph(directory: str) -> Graph:
    """The merged ontology of a folder, parsed once per process (a worker, or a caller without an ``Ontology``)."""
    return Ontology(Path(directory)).merged


@cache
def _profile_shapes(profiles_dir: str, ids: tuple[str, ...]) -> Graph:
    chosen = select(load_profiles(Path(profiles_dir)), ids)
    return union([p.shapes for p in chosen])


@cache
def _compiled_profiles(profiles_dir: str, ids: tuple[str, ...]) -> fast.CompiledShapes:
    """The profiles' shapes as the compiled engine reads them, prepared once per process."""
    return fast.compile_shapes(strict_shapes(_profile_shapes(profiles_dir, ids)))


def choose_engine(engine: str | None, profiles: Sequence[Profile], user_shapes: Graph | None, inference: str) -> str:
    """The engine a request runs on: the one asked for, else the compiled one unless a profile, the user shapes
    or RDFS inference need pySHACL. Asking for the compiled engine where it cannot run as pySHACL does is a 400."""
    if engine not in (None, *fast.ENGINES):
        raise BadRequest(f"Unknown engine {engine!r}", known=list(fast.ENGINES))
    if engine == fast.REFERENCE:
        return engine
    reasons = [f"profile {p.id}: {p.engine_reason}" for p in profiles if p.engine_reason]
    user_reason = fast.unsupported(user_shapes) if user_shapes is not None else None
    if user_reason:
        reasons.append(f"the shapes use {user_reason}")
    if inference != "none":
        reasons.append("RDFS inference")
    if not reasons:
        return fast.FAST
    if engine == fast.FAST:
        raise BadRequest(f"The {fast.FAST} engine cannot run this validation ({'; '.join(reasons)})", engine=engine)
    return fast.REFERENCE


def union(graphs: Sequence[Graph]) -> Graph:
    """One graph of several, prefixes included: SPARQL in shapes may rely on the shapes graph's prefixes."""
    if len(graphs) == 1:
        return graphs[0]
    merged = Graph()
    for graph in graphs:
        for prefix, namespace in graph.namespaces():
            merged.bind(prefix, namespace, override=False)
        merged += graph
    return merged


def strict_shapes(shapes: Graph) -> Graph:
    """Drop ``sh:uniqueLang`` values other than the literal ``true``: SHACL activates the constraint only for that
    value, pySHACL for anything that reads as true (``"1"^^xsd:boolean``). A copy is made only when needed."""
    odd = [(s, o) for s, o in shapes.subject_objects(SH.uniqueLang) if o != _TRUE or str(o) != "true"]
    if not odd:
        return shapes
    copy = Graph()
    for prefix, namespace in shapes.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    copy += shapes
    for s, o in odd:
        copy.remove((s, SH.uniqueLang, o))
    return copy


def run_shacl(
    data: Graph, shapes: Graph, ontology: Graph | None, inference: str, *, inplace: bool, engine: str | None = None
) -> Graph:
    """Validate ``data`` and return the engine's W3C report graph: the compiled engine unless ``engine`` is
    ``"pyshacl"`` or the shapes or the inference need pySHACL (:func:`cityref.validation.fast.unsupported`)."""
    if engine not in (None, *fast.ENGINES):
        raise BadRequest(f"Unknown engine {engine!r}", known=list(fast.ENGINES))
    reason = fast.unsupported(shapes) or (None if inference == "none" else "RDFS inference")
    if engine == fast.FAST and reason:
        raise BadRequest(f"The {fast.FAST} engine cannot run these shapes ({reason})", engine=engine)
    if engine == fast.REFERENCE or reason:
        return run_pyshacl(data, shapes, ontology, inference, inplace=inplace)
    parts = [graph_ntriples(data)] + ([graph_ntriples(ontology)] if ontology is not None else [])
    return fast.run(parts, fast.compile_shapes(shapes), inference).to_graph()


def run_pyshacl(data: Graph, shapes: Graph, ontology: Graph | None, inference: str, *, inplace: bool) -> Graph:
    """Run pySHACL, the reference engine, and return its report graph. The only call into pySHACL, imported here:
    a process that validates on the compiled engine alone (the CLI) need not load it."""
    import pyshacl
    import rdflib.plugins.sparql
    from pyshacl.errors import ReportableRuntimeError, ValidationFailure

    # rdflib's SPARQL engine (which pySHACL runs) would otherwise load the graphs named in FROM clauses from the
    # web: switched off here, where pySHACL is called, rather than as a side effect of importing this module.
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

    with strict_literals():  # pySHACL warns about odd literals in user data; the report says enough
        try:
            _, report, _ = pyshacl.validate(
                data,
                shacl_graph=shapes,
                ont_graph=ontology,
                inference=None if inference == "none" else inference,
                advanced=True,
                inplace=inplace,
                do_owl_imports=False,
                allow_warnings=False,
            )
        except (ReportableRuntimeError, NotImplementedError) as error:
            # ill-formed or unsupported shapes: the caller's input, not our failure
            raise BadRequest(f"The shapes cannot be used: {error}", engine="pyshacl") from None
    if isinstance(report, ValidationFailure):  # pySHACL returns (not raises) this for unsupported SPARQL
        raise BadRequest(f"The shapes cannot be used: {report.message}", engine="pyshacl")
    assert isinstance(report, Graph)
    return report


Data = Graph | str | bytes | Path | Sequence[Path | Part]


def _parts(data: Data, content_type: str | None) -> tuple[Part, ...]:
    """Every input form as (name, bytes, content type) parts; a list holds several files to merge."""
    if isinstance(data, Path):
        return ((data.name, data.read_bytes(), content_type),)
    if isinstance(data, str):
        return ((None, data.encode("utf-8"), content_type),)
    if isinstance(data, bytes):
        return ((None, data, content_type),)
    if isinstance(data, Graph):
        return ((None, data.serialize(format="nt", encoding="utf-8"), "application/n-triples"),)
    return tuple(_parts(item, content_type)[0] if isinstance(item, Path) else item for item in data)


def validate(
    data: Data,
    profiles: Sequence[str],
    *,
    inference: Inference = "none",
    lang: str = "en",
    content_type: str | None = None,
    shapes: str | bytes | None = None,
    shapes_content_type: str | None = None,
    min_severity: str = "Info",
    max_results: int | None = None,
    max_triples: int | None = None,
    max_expansion: int = 0,
    with_ontology: bool = True,
    profiles_dir: Path | None = None,
    ontology_dir: Path | None = None,
    ontology: Ontology | None = None,
    engine: str | None = None,
    context: Context | None = None,
    conflict_severity: str = "Warning",
) -> ValidationReport:
    """Validate ``data`` against the named profiles (and/or user ``shapes``) and return a typed report.

    ``data`` is a graph, text, bytes, a file, or a list of files / (name, bytes, content type) parts to merge.
    ``with_ontology`` adds the merged ontology to the data graph (so ``sh:class`` follows subclasses and reference
    individuals have their types); the W3C suite turns it off. ``ontology`` is one already parsed (the app's), else
    the one in ``ontology_dir`` is read once per process. ``max_triples`` caps the data and the user shapes alike;
    ``max_expansion`` caps what XML entities may expand to (0: the guard's default, the input's own size x 10).
    ``engine`` is ``"pyshacl"`` or ``"shacl-rust"``; by default :func:`choose_engine` picks.
    ``context`` is what a city already holds (:mod:`cityref.validation.context`): it joins the data, read-only,
    shares the triple cap with the delivery, and results are kept for the delivery's own nodes only. A resource
    both describe with different single values (labels per language, functional properties) is reported as a
    conflict (:mod:`cityref.validation.conflicts`) of ``conflict_severity``, found in Python on either engine.
    """
    if inference not in ("none", "rdfs"):
        raise BadRequest(f"Unknown inference {inference!r}; use 'none' or 'rdfs'")
    language_chain(lang)  # a malformed tag is the caller's error, found before any work
    if not profiles and shapes is None:
        raise BadRequest("Name at least one profile (or supply shapes)", known=sorted(load_profiles(profiles_dir)))
    directory = (profiles_dir or resources.shapes_dir()).resolve()
    chosen = select(load_profiles(directory), profiles)
    check_severity(min_severity)
    conflict_severity = check_severity(conflict_severity)
    user_graph = None
    if shapes is not None:
        # the triple cap covers shapes as well as data, so that neither is a way around it
        user_graph = parse_data(
            shapes, shapes_content_type, max_triples=max_triples, name="shapes", max_expansion=max_expansion
        )
        check_user_shapes(user_graph)
    which = choose_engine(engine, chosen, user_graph, inference)
    ontology_folder = str((ontology_dir or resources.ontology_dir()).resolve())
    ontology_rdf: Graph | None = None
    text: OntologyText | None = None  # the compiled path's ontology, with no rdflib graph (ontology_text.py)
    if with_ontology:
        if ontology is not None:
            ontology_rdf = ontology.merged
        elif which == fast.FAST and context is None:
            text = ontology_text(ontology_folder)
        else:
            ontology_rdf = ontology_graph(ontology_folder)
    model = ontology_rdf
    if model is None and context is not None:
        # which properties have one value, and their labels, are the model's word even where the data is checked
        # without the ontology in its graph
        model = ontology_graph(ontology_folder)
    compared = compared_properties(model) if model is not None and context is not None else frozenset()
    shape_graphs = [p.shapes for p in chosen] + ([user_graph] if user_graph is not None else [])
    findings: Findings | None = None
    own: set[Node] | None = None
    conflicts: list[Conflict] = []
    if which == fast.FAST:
        ontology_nt = text.ntriples if text is not None else None
        if ontology_rdf is not None:
            ontology_nt = ontology_ntriples(ontology_rdf)
        ran = _run_fast(
            data, content_type, directory, chosen, user_graph, compared, ontology_nt, max_triples, max_expansion,
            engine, context,
        )  # fmt: skip
        if ran is not None:
            findings, own, conflicts = ran
    if findings is None:
        if text is not None:  # the compiled engine could not take this delivery after all: pySHACL needs rdflib's
            ontology_rdf, text = ontology_graph(ontology_folder), None
        report_graph, own, conflicts = _run_reference(
            data,
            content_type,
            directory,
            chosen,
            user_graph,
            ontology_rdf,
            inference,
            max_triples,
            max_expansion,
            context,
            compared,
        )
        findings = read_report_graph(report_graph)
    findings.results.extend(as_found(conflicts, conflict_severity, model))
    return build_report(
        findings,
        shapes=shape_graphs,
        ontology=text if text is not None else ontology_rdf,
        profiles=[p.id for p in chosen],
        lang=lang,
        min_severity=min_severity,
        max_results=max_results,
        focus_nodes=own,
        context=context.name if context is not None else None,
    )


def _run_fast(
    data: Data,
    content_type: str | None,
    directory: Path,
    chosen: Sequence[Profile],
    user_graph: Graph | None,
    compared: frozenset[URIRef],
    ontology_nt: bytes | None,
    max_triples: int | None,
    max_expansion: int,
    engine: str | None,
    context: Context | None = None,
) -> tuple[Findings, set[Node] | None, list[Conflict]] | None:
    """The compiled engine over N-Triples that pyoxigraph wrote: no rdflib graph of the delivery is built. With
    a context, also the delivery's own nodes, to which the results are kept.

    ``None`` when the delivery must run on pySHACL after all: it holds a boolean or integer written in a
    non-canonical form and the shapes use SPARQL (see :func:`cityref.validation.triples.is_canonical`)."""
    city: Delivery | None = None
    if context is not None:
        city = context_ntriples(context, max_triples=max_triples, max_expansion=max_expansion)
    cap = left_for_delivery(max_triples, triples_in(city.text)) if city is not None else max_triples
    if isinstance(data, Graph):
        delivery = Delivery(graph_ntriples(data), non_canonical=True)  # not checked: an rdflib graph is small
    else:
        try:
            delivery = parts_ntriples(_parts(data, content_type), max_triples=cap, max_expansion=max_expansion)
        except LimitExceeded:
            if city is None or max_triples is None:
                raise
            raise shared_cap_exceeded(max_triples, triples_in(city.text), context.name) from None  # type: ignore[union-attr]
    parts = [delivery.text]  # one N-Triples document, handed to the engine in parts rather than joined
    own: set[Node] | None = None
    conflicts: list[Conflict] = []
    if city is not None and context is not None:
        own = subjects_of_ntriples(delivery.text)
        conflicts = find_conflicts(index_ntriples(delivery.text, compared), index_ntriples(city.text, compared))
        parts += [city.text, marker_ntriples(context.name)]
    if ontology_nt is not None:
        parts.append(ontology_nt)
    ids = tuple(p.id for p in chosen)
    if user_graph is None:
        compiled = _compiled_profiles(str(directory), ids)
    else:
        shape_graph = union([_profile_shapes(str(directory), ids), user_graph]) if chosen else user_graph
        compiled = fast.compile_shapes(strict_shapes(shape_graph))
    odd = delivery.non_canonical or (city is not None and city.non_canonical)
    if odd and compiled.uses_sparql and engine is None:
        return None
    return fast.run(parts, compiled, "none"), own, conflicts


def _run_reference(
    data: Data,
    content_type: str | None,
    directory: Path,
    chosen: Sequence[Profile],
    user_graph: Graph | None,
    ontology_rdf: Graph | None,
    inference: str,
    max_triples: int | None,
    max_expansion: int,
    context: Context | None = None,
    compared: frozenset[URIRef] = frozenset(),
) -> tuple[Graph, set[Node] | None, list[Conflict]]:
    """pySHACL over an rdflib graph of the delivery, the context (if any) and the ontology; with a context, also
    the delivery's own nodes, to which the results are kept."""
    city: Graph | None = None
    if context is not None:
        city = context_graph(context, max_triples=max_triples, max_expansion=max_expansion)
    cap = left_for_delivery(max_triples, len(city)) if city is not None else max_triples
    if isinstance(data, Graph):
        graph, inplace = data, False
    else:
        try:
            graph = parse_parts(_parts(data, content_type), max_triples=cap, max_expansion=max_expansion)
        except LimitExceeded:
            if city is None or max_triples is None or context is None:
                raise
            raise shared_cap_exceeded(max_triples, len(city), context.name) from None
        inplace = True
    own: set[Node] | None = None
    conflicts: list[Conflict] = []
    if city is not None and context is not None:
        own = subjects_of_graph(graph)
        conflicts = find_conflicts(index_graph(graph, compared), index_graph(city, compared))
        if not inplace:
            graph, inplace = graph + city, True  # a new graph: the caller's stays as it was
        else:
            graph.addN((s, p, o, graph) for s, p, o in city)
        graph.add(marker(context.name))
    shape_graph = _profile_shapes(str(directory), tuple(p.id for p in chosen)) if chosen else Graph()
    if user_graph is not None:
        shape_graph = union([shape_graph, user_graph]) if chosen else user_graph
    if ontology_rdf is not None:
        # The whole ontology joins the data graph, not pySHACL's ont_graph: that mix-in copies only class and
        # property axioms, so reference individuals (need statuses, classifications...) would lose their types.
        if inplace:
            graph.addN((s, p, o, graph) for s, p, o in ontology_rdf)
        else:
            graph = graph + ontology_rdf  # a new graph: the caller's stays as it was
        inplace = True
    return run_pyshacl(graph, strict_shapes(shape_graph), None, inference, inplace=inplace), own, conflicts
