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

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Literal

import rdflib.plugins.sparql
from rdflib import Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.plugins.sparql.parser import expandUnicodeEscapes

from cityref import resources
from cityref.errors import BadRequest
from cityref.ontology.model import Ontology
from cityref.validation import fast
from cityref.validation.parse import Part, parse_data, parse_parts, strict_literals
from cityref.validation.profiles import Profile, language_chain, load_profiles, select
from cityref.validation.report import ValidationReport, build_report, check_severity
from cityref.validation.triples import Delivery, graph_ntriples, ontology_ntriples, parts_ntriples

_TRUE = RdfLiteral(True)
Inference = Literal["none", "rdfs"]
_SPARQL_PROPERTIES = (SH.select, SH.ask, SH.construct, SH.update)
# Keywords that would make rdflib's SPARQL engine reach the network from a user-supplied shape.
_REMOTE_SPARQL = re.compile(r"\b(SERVICE|FROM|LOAD)\b", re.IGNORECASE)

# rdflib would otherwise load the graphs named in FROM clauses from the web.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


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


def check_user_shapes(shapes: Graph) -> None:
    """Refuse SPARQL-based shapes that could reach the network (SERVICE, FROM, LOAD).

    The text is searched as the engine will read it: SPARQL expands ``\\uXXXX`` escapes anywhere in a query, so
    ``\\u0053ERVICE`` is a SERVICE clause too (pySHACL itself refuses SERVICE in constraints, not in rules or targets).

    pySHACL does not run a query as written: it puts a ``PREFIX p: <ns>`` line before it for each ``sh:declare``
    and writes the shape's path where ``$PATH`` stands, both unescaped. So every declared prefix must be a prefix
    name and every namespace an IRI that SPARQL can hold as it is, and when there is SPARQL at all, so must every
    IRI of the shapes (our parser refuses such IRIs already; a laxer one lets a path IRI hold any text), and a path
    written as a prefixed name must be one. Each query is then also read with the endpoint's SPARQL analysis (glued
    keywords included), its PREFIX lines in front, as pySHACL will run it. Every ``sh:select``, ``sh:ask``,
    ``sh:construct`` and ``sh:update`` in the graph is read, wherever it sits: constraints, validators of
    constraint components, targets, target types, rules and functions alike.
    """
    declared = _declared_prefixes(shapes)
    prologue = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in declared)
    queries = [form for prop in _SPARQL_PROPERTIES for text in shapes.objects(None, prop) for form in _forms(text)]
    for query in queries:
        try:
            expanded = expandUnicodeEscapes(query)
        except ValueError:
            raise BadRequest("User shapes hold a SPARQL query with a malformed \\u escape") from None
        found = _REMOTE_SPARQL.search(expanded)
        keyword = found.group(1) if found else _reaches_out(prologue + "\n" + query)
        if keyword:
            raise BadRequest(f"User shapes may not use {keyword.upper()} in SPARQL", keyword=keyword.upper())
    if queries:
        _check_shape_iris(shapes, [namespace for _, namespace in declared], any(_PATH.search(q) for q in queries))


# What pySHACL declares in every query on its own, before the shapes' own sh:declare.
_PYSHACL_PREFIXES = (("rdf", str(RDF)), ("rdfs", str(RDFS)), ("owl", str(OWL)))
_PN_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d\u2070-\u218f"
    "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN = f"{_PN_BASE}_\\-0-9\u00b7\u0300-\u036f\u203f\u2040"
_PN_PREFIX = re.compile(f"(?:[{_PN_BASE}](?:[{_PN}.]*[{_PN}])?)?")
"""SPARQL's PN_PREFIX (or nothing, for ``:``)."""
_PN_LOCAL = re.compile(
    f"(?:[{_PN_BASE}_:0-9]|%[0-9A-Fa-f]{{2}})(?:(?:[{_PN}:.]|%[0-9A-Fa-f]{{2}})*(?:[{_PN}:]|%[0-9A-Fa-f]{{2}}))?"
)
"""SPARQL's PN_LOCAL without backslash escapes (an IRI holds no backslash)."""
_PATH = re.compile(r"[$?]PATH")
_PATH_PROPERTIES = (
    SH.path,
    SH.inversePath,
    SH.alternativePath,
    SH.zeroOrMorePath,
    SH.oneOrMorePath,
    SH.zeroOrOnePath,
    RDF.first,
    RDF.rest,
)


def _declared_prefixes(shapes: Graph) -> list[tuple[str, str]]:
    """pySHACL's own prefixes and every ``sh:prefix``/``sh:namespace`` pair the shapes declare; 400 for a prefix
    or namespace that would be written into a query as anything but a prefix and an IRI."""
    from cityref.store.base import check_graph_iri  # here: worker processes import this module and need it rarely

    for prefix in shapes.objects(None, SH.prefix):
        if not all(_PN_PREFIX.fullmatch(form) for form in _forms(prefix)):
            raise BadRequest(f"User shapes declare a prefix that is not a SPARQL prefix name: {prefix!r}")
    for namespace in shapes.objects(None, SH.namespace):
        for form in _forms(namespace):
            try:
                check_graph_iri(form)
            except ValueError:
                raise BadRequest(f"User shapes declare a namespace that is not an absolute IRI: {form!r}") from None
    pairs = [
        (str(prefix), str(namespace))
        for declaration in shapes.subjects(SH.prefix, None)
        for prefix in shapes.objects(declaration, SH.prefix)
        for namespace in shapes.objects(declaration, SH.namespace)
    ]
    return [*_PYSHACL_PREFIXES, *pairs]


def _forms(term: object) -> set[str]:
    """The text of a term both ways pySHACL may read it: its lexical form and its Python value."""
    return {str(term), str(getattr(term, "value", term))}


def _reaches_out(text: str) -> str | None:
    """SERVICE, LOAD or FROM if ``text``, read as the SPARQL endpoint reads it, would fetch or name a dataset."""
    from cityref.sparql.text import analyse, fetches

    for reading in {text, expandUnicodeEscapes(text)}:
        found = fetches(reading)
        if found:
            return found[0].keyword
        if analyse(reading).has_dataset:
            return "FROM"
    return None


def _check_shape_iris(shapes: Graph, namespaces: list[str], uses_path: bool) -> None:
    """400 for an IRI of the shapes that pySHACL could not write into a query as an IRI or a prefixed name."""
    from cityref.store.base import sparql_iri

    for term in {term for triple in shapes for term in triple if isinstance(term, URIRef)}:
        try:
            sparql_iri(str(term))
        except ValueError:
            raise BadRequest(f"User shapes hold an IRI that SPARQL cannot hold: {str(term)!r}") from None
    if not uses_path:
        return
    # $PATH becomes `p:rest` where a namespace starts the path's IRI: the rest must be a local name, or a `#` in it
    # would start a comment and a `'` a string.
    for iri in _path_iris(shapes):
        for namespace in namespaces:
            if iri.startswith(namespace) and not _local_name(iri.replace(namespace, "")):
                raise BadRequest(f"User shapes use $PATH with a path that SPARQL would misread: {iri!r}")


def _local_name(text: str) -> bool:
    return text == "" or _PN_LOCAL.fullmatch(text) is not None


def _path_iris(shapes: Graph) -> set[str]:
    seen: set[object] = set()
    todo = list(shapes.objects(None, SH.path))
    iris: set[str] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        if isinstance(node, URIRef):
            iris.add(str(node))
        else:
            todo.extend(o for p in _PATH_PROPERTIES for o in shapes.objects(node, p))
    return iris


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
    text = graph_ntriples(data) + (graph_ntriples(ontology) if ontology is not None else b"")
    return fast.run(text.decode("utf-8"), fast.compile_shapes(shapes), inference)


def run_pyshacl(data: Graph, shapes: Graph, ontology: Graph | None, inference: str, *, inplace: bool) -> Graph:
    """Run pySHACL, the reference engine, and return its report graph. The only call into pySHACL, imported here:
    a process that validates on the compiled engine alone (the CLI) need not load it."""
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError, ValidationFailure

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
) -> ValidationReport:
    """Validate ``data`` against the named profiles (and/or user ``shapes``) and return a typed report.

    ``data`` is a graph, text, bytes, a file, or a list of files / (name, bytes, content type) parts to merge.
    ``with_ontology`` adds the merged ontology to the data graph (so ``sh:class`` follows subclasses and reference
    individuals have their types); the W3C suite turns it off. ``ontology`` is one already parsed (the app's), else
    the one in ``ontology_dir`` is read once per process. ``max_triples`` caps the data and the user shapes alike;
    ``max_expansion`` caps what XML entities may expand to (0: the guard's default, the input's own size x 10).
    ``engine`` is ``"pyshacl"`` or ``"shacl-rust"``; by default :func:`choose_engine` picks.
    """
    if inference not in ("none", "rdfs"):
        raise BadRequest(f"Unknown inference {inference!r}; use 'none' or 'rdfs'")
    language_chain(lang)  # a malformed tag is the caller's error, found before any work
    if not profiles and shapes is None:
        raise BadRequest("Name at least one profile (or supply shapes)", known=sorted(load_profiles(profiles_dir)))
    directory = (profiles_dir or resources.shapes_dir()).resolve()
    chosen = select(load_profiles(directory), profiles)
    check_severity(min_severity)
    user_graph = None
    if shapes is not None:
        # the triple cap covers shapes as well as data, so that neither is a way around it
        user_graph = parse_data(
            shapes, shapes_content_type, max_triples=max_triples, name="shapes", max_expansion=max_expansion
        )
        check_user_shapes(user_graph)
    ontology_rdf: Graph | None = None
    if with_ontology:
        if ontology is not None:
            ontology_rdf = ontology.merged
        else:
            ontology_rdf = ontology_graph(str((ontology_dir or resources.ontology_dir()).resolve()))
    which = choose_engine(engine, chosen, user_graph, inference)
    shape_graphs = [p.shapes for p in chosen] + ([user_graph] if user_graph is not None else [])
    report_graph = None
    if which == fast.FAST:
        report_graph = _run_fast(
            data, content_type, directory, chosen, user_graph, ontology_rdf, max_triples, max_expansion, engine
        )
    if report_graph is None:
        report_graph = _run_reference(
            data, content_type, directory, chosen, user_graph, ontology_rdf, inference, max_triples, max_expansion
        )
    return build_report(
        report_graph,
        shapes=shape_graphs,
        ontology=ontology_rdf,
        profiles=[p.id for p in chosen],
        lang=lang,
        min_severity=min_severity,
        max_results=max_results,
    )


def _run_fast(
    data: Data,
    content_type: str | None,
    directory: Path,
    chosen: Sequence[Profile],
    user_graph: Graph | None,
    ontology_rdf: Graph | None,
    max_triples: int | None,
    max_expansion: int,
    engine: str | None,
) -> Graph | None:
    """The compiled engine over N-Triples that pyoxigraph wrote: no rdflib graph of the delivery is built.

    ``None`` when the delivery must run on pySHACL after all: it holds a boolean or integer written in a
    non-canonical form and the shapes use SPARQL (see :func:`cityref.validation.triples.is_canonical`)."""
    if isinstance(data, Graph):
        delivery = Delivery(graph_ntriples(data), non_canonical=True)  # not checked: an rdflib graph is small
    else:
        delivery = parts_ntriples(_parts(data, content_type), max_triples=max_triples, max_expansion=max_expansion)
    text = delivery.text
    if ontology_rdf is not None:
        text += ontology_ntriples(ontology_rdf)
    ids = tuple(p.id for p in chosen)
    if user_graph is None:
        compiled = _compiled_profiles(str(directory), ids)
    else:
        shape_graph = union([_profile_shapes(str(directory), ids), user_graph]) if chosen else user_graph
        compiled = fast.compile_shapes(strict_shapes(shape_graph))
    if delivery.non_canonical and compiled.uses_sparql and engine is None:
        return None
    return fast.run(text.decode("utf-8"), compiled, "none")


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
) -> Graph:
    """pySHACL over an rdflib graph of the delivery and the ontology."""
    if isinstance(data, Graph):
        graph, inplace = data, False
    else:
        graph = parse_parts(_parts(data, content_type), max_triples=max_triples, max_expansion=max_expansion)
        inplace = True
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
    return run_pyshacl(graph, strict_shapes(shape_graph), None, inference, inplace=inplace)
