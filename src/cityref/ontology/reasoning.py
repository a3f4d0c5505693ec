"""Is the ontology consistent, and does it stay inside OWL 2 DL?

Consistency is HermiT's verdict, reached through owlready2: the graphs are written to one N-Triples file (without
``owl:imports``, so nothing is ever fetched), loaded into a fresh owlready2 ``World`` and classified. HermiT is a
Java program, so a missing Java runtime is reported as :class:`JavaMissing` rather than as a crash deep inside
owlready2. Reason over the ontology (and a small sample city), not over vendor deliveries: HermiT takes minutes on
100k data triples.

The full OWL 2 DL check is the OWL API's profile checker (:mod:`cityref.ontology.profile`). :func:`profile_problems`
is a cheap structural one that needs no Java: properties declared with two kinds, properties, classes and
datatypes used without a declaration (only the OWL 2 datatype map is built in, so ``xsd:date`` counts as
undeclared), object/datatype properties used with the wrong kind of value.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from cityref.errors import CityrefError


class JavaMissing(CityrefError):
    """HermiT needs a Java runtime (``java`` on PATH); ``.ci/run`` installs one."""

    code, status, title = "java-missing", 503, "Java runtime missing"


class ReasonerFailed(CityrefError):
    """HermiT stopped with an error other than an inconsistency (a parse problem, an unsupported construct...)."""

    code, status, title = "reasoner-failed", 500, "Reasoner failed"


@dataclass(frozen=True)
class ConsistencyResult:
    """HermiT's verdict: ``consistent`` is False when no model exists (an individual breaks an axiom);
    ``unsatisfiable`` names the classes that can have no member even when the whole is consistent."""

    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0
    retyped: int = 0  # values of opaque declared datatypes handed to HermiT as xsd:string (see check_consistency)

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable


def java_executable(needed_by: str = "HermiT") -> str:
    """The Java runtime owlready2 will start, or :class:`JavaMissing` with what to do about it."""
    import owlready2

    found = shutil.which(owlready2.JAVA_EXE)
    if found is None:
        raise JavaMissing(
            f"{needed_by} needs a Java runtime but 'java' is not on PATH; install one "
            "(e.g. apt-get install default-jre-headless, as .ci/run does)"
        )
    return found


# The OWL 2 datatype map (OWL 2 Structural Specification, 4): the only datatypes used without a declaration.
OWL2_DATATYPES = frozenset(
    [RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational]
    + [
        XSD[name]
        for name in [
            "decimal",
            "integer",
            "nonNegativeInteger",
            "nonPositiveInteger",
            "positiveInteger",
            "negativeInteger",
            "long",
            "int",
            "short",
            "byte",
            "unsignedLong",
            "unsignedInt",
            "unsignedShort",
            "unsignedByte",
            "double",
            "float",
            "string",
            "normalizedString",
            "token",
            "language",
            "Name",
            "NCName",
            "NMTOKEN",
            "boolean",
            "hexBinary",
            "base64Binary",
            "anyURI",
            "dateTime",
            "dateTimeStamp",
        ]
    ]
)


def _merge(graphs: Iterable[Graph]) -> Graph:
    merged = Graph()
    for graph in graphs:
        for triple in graph:
            if triple[1] != OWL.imports:  # the closure is already merged; never let the reasoner fetch
                merged.add(triple)
    return merged


_DESCRIPTIVE = frozenset({RDF.type, RDFS.label, RDFS.comment, RDFS.isDefinedBy, RDFS.seeAlso})


def opaque_datatypes(graph: Graph) -> set[URIRef]:
    """Datatypes that ``graph`` declares, outside the OWL 2 datatype map, and that no axiom names.

    GeoSPARQL's ``geo:wktLiteral`` is one. Neither HermiT nor the OWL API's profile checker accepts a literal of
    such a datatype (its lexical space is unknown to them). No axiom names it: it is never the object of a triple
    (no range, no restriction on it) and as a subject it has only its declaration and annotations (no definition).
    Its values may then be read as strings with the same lexical form without hiding anything: the datatype's value
    space is free, so a model of the retyped graph is a model of the original one (let that space hold those
    strings). Consistent after retyping means consistent before.
    """
    annotations = set(graph.subjects(RDF.type, OWL.AnnotationProperty)) | _DESCRIPTIVE
    found = set()
    for datatype in graph.subjects(RDF.type, RDFS.Datatype):
        if not isinstance(datatype, URIRef) or datatype in OWL2_DATATYPES:
            continue
        named = (None, None, datatype) in graph
        defined = any(p not in annotations for p in graph.predicates(datatype, None))
        if not named and not defined:
            found.add(datatype)
    return found


def retyped_ntriples(graphs: Iterable[Graph]) -> tuple[bytes, int, int]:
    """The merged graphs as N-Triples (no ``owl:imports``), values of opaque datatypes retyped ``xsd:string``;
    with the triple count and the number of values retyped."""
    merged = _merge(graphs)
    opaque = opaque_datatypes(merged)
    retyped = [
        (s, p, o) for s, p, o in merged if isinstance(o, Literal) and o.datatype is not None and o.datatype in opaque
    ]
    for s, p, o in retyped:
        merged.remove((s, p, o))
        merged.add((s, p, Literal(str(o), datatype=XSD.string)))
    return merged.serialize(format="nt", encoding="utf-8"), len(merged), len(retyped)


def check_consistency(*graphs: Graph) -> ConsistencyResult:
    """Classify the union of ``graphs`` with HermiT and report consistency and unsatisfiable classes.

    HermiT runs as it is, without "ignore unsupported datatypes": it parses literals of the OWL 2 datatype map only,
    so a value typed ``xsd:date`` or ``xsd:duration`` (outside the map, and undeclared) is a
    :class:`ReasonerFailed`. One exception, made in the open: a value of a datatype that the graphs declare and
    that no axiom names (``geo:wktLiteral``, see :func:`opaque_datatypes`) reaches HermiT as an ``xsd:string`` with
    the same lexical form (``retyped`` counts them, and ``cityref check`` says how many); a datatype that some axiom
    names, or that is not declared, is never retyped.
    """
    java_executable()
    import owlready2

    data, count, retyped = retyped_ntriples(graphs)
    started = time.perf_counter()
    handle, name = tempfile.mkstemp(suffix=".nt", prefix="cityref-reason-")
    world: Any = owlready2.World()
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        world.get_ontology("file://" + name).load(format="ntriples")
        try:
            owlready2.sync_reasoner_hermit(world, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return ConsistencyResult(False, [], count, time.perf_counter() - started, retyped)
        except (owlready2.OwlReadyJavaError, subprocess.CalledProcessError) as error:
            raise ReasonerFailed(f"HermiT failed: {str(error).strip()[:2000]}") from error
        unsatisfiable = sorted({str(c.iri) for c in world.inconsistent_classes()} - {str(OWL.Nothing)})
        return ConsistencyResult(True, unsatisfiable, count, time.perf_counter() - started, retyped)
    finally:
        world.close()
        os.unlink(name)


# --- OWL 2 DL, structurally -----------------------------------------------------------------------------------

_BUILTIN_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))
_PROPERTY_KINDS = {
    OWL.ObjectProperty: "object",
    OWL.DatatypeProperty: "datatype",
    OWL.AnnotationProperty: "annotation",
}
# Predicates whose object names a class (so that class must be declared).
_CLASS_POSITIONS = (RDF.type, RDFS.subClassOf, OWL.equivalentClass, OWL.disjointWith, RDFS.domain)


@dataclass(frozen=True)
class ProfileProblem:
    """One breach of OWL 2 DL's structural rules: ``rule`` is a stable name, ``term`` the IRI at fault."""

    rule: str
    term: str
    message: str


def _builtin(term: URIRef) -> bool:
    return str(term).startswith(_BUILTIN_NAMESPACES)


def _known_datatype(term: URIRef, declared: set[URIRef]) -> bool:
    return term in OWL2_DATATYPES or term in declared


def profile_problems(graph: Graph) -> list[ProfileProblem]:
    """Structural OWL 2 DL problems of ``graph``, sorted; empty when none is found.

    Not a full profile validator: it checks the rules that tend to break when modules are edited by hand.
    """
    kinds: dict[URIRef, set[str]] = {}
    for kind_class, kind in _PROPERTY_KINDS.items():
        for prop in graph.subjects(RDF.type, kind_class):
            if isinstance(prop, URIRef):
                kinds.setdefault(prop, set()).add(kind)
    classes = {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    classes |= {c for c in graph.subjects(RDF.type, RDFS.Class) if isinstance(c, URIRef)}
    datatypes = {d for d in graph.subjects(RDF.type, RDFS.Datatype) if isinstance(d, URIRef)}

    problems: set[ProfileProblem] = set()
    for prop, found in kinds.items():
        if len(found) > 1:
            problems.add(ProfileProblem("property-kinds", str(prop), f"declared as {' and '.join(sorted(found))}"))
    for s, p, o in graph:
        if not isinstance(p, URIRef) or _builtin(p):
            continue
        found = kinds.get(p, set())
        if not found:
            problems.add(ProfileProblem("undeclared-property", str(p), "used but not declared"))
        elif found == {"object"} and isinstance(o, Literal):
            problems.add(ProfileProblem("object-property-literal", str(p), f"has a literal value on {s}"))
        elif found == {"datatype"} and not isinstance(o, Literal):
            problems.add(ProfileProblem("datatype-property-resource", str(p), f"has a non-literal value on {s}"))
    for position in _CLASS_POSITIONS:
        for o in graph.objects(None, position):
            if isinstance(o, URIRef) and not _builtin(o) and o not in classes and o not in datatypes:
                problems.add(ProfileProblem("undeclared-class", str(o), f"used as a class ({position.n3()})"))
    for prop in (p for p, found in kinds.items() if found == {"object"}):
        for o in graph.objects(prop, RDFS.range):
            if isinstance(o, URIRef) and not _builtin(o) and o not in classes:
                problems.add(ProfileProblem("undeclared-class", str(o), "used as the range of an object property"))
    for prop in (p for p, found in kinds.items() if found == {"datatype"}):
        for o in graph.objects(prop, RDFS.range):
            if isinstance(o, URIRef) and not _known_datatype(o, datatypes):
                problems.add(ProfileProblem("undeclared-datatype", str(o), "used as the range of a datatype property"))
    for o in graph.objects(None, OWL.onDatatype):
        if isinstance(o, URIRef) and not _known_datatype(o, datatypes):
            problems.add(ProfileProblem("undeclared-datatype", str(o), "restricted in a datatype restriction"))
    for typed in {o.datatype for o in graph.objects() if isinstance(o, Literal) and o.datatype is not None}:
        if not _known_datatype(typed, datatypes):
            problems.add(ProfileProblem("undeclared-datatype", str(typed), "is the datatype of a literal"))
    return sorted(problems, key=lambda p: (p.rule, p.term, p.message))
