"""The OWL API's own OWL 2 DL profile checker, run on the ontology (and on a sample city with it).

The check is a small Java program shipped with the package (``java/ProfileCheck.java``), started with Java's
single-file source mode, so nothing is built: ``java -cp <jars> ProfileCheck.java FILE... [--and FILE...]``, each
group of files checked on its own in the one process (:func:`check_file_sets`). It uses the OWL API
5.1 jars of Debian's ``libowlapi-java`` and the jars they depend on, all under ``/usr/share/java``. Those jars carry
no ``Class-Path`` in their manifests, so the classpath is the list :data:`JARS`, built from the package's
dependencies (``apt-cache depends libowlapi-java``); :func:`classpath` says which one is missing, if any.

The graphs are written as one N-Triples file without ``owl:imports``; the Java side keeps every import away from
the network too (no IRI mapper that fetches, missing imports silent), and prints its findings as JSON, read here
into :class:`ProfileViolation` values.

One exception is made, the same as for HermiT (:func:`cityref.ontology.reasoning.opaque_datatypes`): the OWL API
counts every literal whose datatype is outside the OWL 2 datatype map as a violation
(``UseOfDefinedDatatypeInLiteral``), even for a datatype the ontology declares and no axiom names, such as
GeoSPARQL's ``geo:wktLiteral``. Such values are checked as ``xsd:string`` literals and counted in
``ProfileReport.retyped``; a datatype that is undeclared (``xsd:date``) or named by an axiom is never retyped.

Environment: ``CITYREF_JAVA_LIB`` names another folder that holds the same jars (default ``/usr/share/java``).
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from cityref.errors import CityrefError
from cityref.ontology.reasoning import ReasonerFailed, java_executable, retyped_ntriples

PROGRAM = Path(__file__).resolve().parent / "java" / "ProfileCheck.java"
JAVA_LIB = Path("/usr/share/java")
# The OWL API (one jar holds every module) and what it needs to parse N-Triples and Turtle and run the checker:
# Debian's unversioned names, which the packages keep pointing at the installed version.
JARS = (
    "owlapi-distribution.jar",
    "guava.jar",
    "caffeine.jar",
    "commons-io.jar",
    "commons-codec.jar",
    "commons-rdf-api.jar",
    "hppcrt.jar",
    "atinject-jsr330-api.jar",
    "jsr305.jar",
    "xz.jar",
    "jaxb-api.jar",
    "slf4j-api.jar",
    "slf4j-nop.jar",  # the OWL API logs through SLF4J; without a binding it warns on stderr
    "rdf4j-model-api.jar",
    "rdf4j-model.jar",
    "rdf4j-model-vocabulary.jar",
    "rdf4j-util.jar",
    "rdf4j-rio-api.jar",
    "rdf4j-rio-datatypes.jar",
    "rdf4j-rio-languages.jar",
    "rdf4j-rio-ntriples.jar",
    "rdf4j-rio-turtle.jar",
)
TIMEOUT_S = 600.0


class OWLAPIMissing(CityrefError):
    """The OWL API jars (Debian's ``libowlapi-java``) are not installed; ``.ci/run`` installs them."""

    code, status, title = "owlapi-missing", 503, "OWL API missing"


@dataclass(frozen=True)
class ProfileViolation:
    """One OWL 2 DL violation as the OWL API names it: ``kind`` is its class (``UseOfUndeclaredDatatype``...),
    ``entity`` the term or expression at fault, ``axiom`` the axiom in functional syntax (None for some kinds)."""

    kind: str
    message: str
    axiom: str | None = None
    entity: str | None = None

    def describe(self) -> str:
        where = self.axiom or self.message
        return f"{self.kind}: {self.entity} in {where}" if self.entity else f"{self.kind}: {where}"


@dataclass(frozen=True)
class ProfileReport:
    profile: str
    axioms: int
    violations: list[ProfileViolation] = field(default_factory=list)
    retyped: int = 0  # values of opaque declared datatypes checked as xsd:string (see the module's docstring)

    @property
    def ok(self) -> bool:
        return not self.violations


def java_lib() -> Path:
    return Path(os.environ.get("CITYREF_JAVA_LIB") or JAVA_LIB)


def classpath(directory: Path | None = None) -> str:
    """The jars the checker needs, joined for ``-cp``; :class:`OWLAPIMissing` names the first one absent."""
    directory = directory or java_lib()
    jars = [directory / name for name in JARS]
    missing = [jar.name for jar in jars if not jar.is_file()]
    if missing:
        raise OWLAPIMissing(
            f"the OWL 2 DL profile check needs the OWL API jars, but {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not in {directory}; install Debian's libowlapi-java "
            "(apt-get install libowlapi-java, as .ci/run does)"
        )
    return os.pathsep.join(str(jar) for jar in jars)


def check_file_sets(sets: Sequence[Sequence[Path]]) -> list[ProfileReport]:
    """Run the OWL API profile checker on each set of RDF files (``.nt`` N-Triples, anything else Turtle), each
    set merged and checked on its own, all in one Java process (a start costs about a second)."""
    java = java_executable("The OWL 2 DL profile check")
    files: list[str] = []
    for paths in sets:
        files += (["--and"] if files else []) + [str(p) for p in paths]
    command = [java, "-cp", classpath(), str(PROGRAM), *files]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as error:
        raise ReasonerFailed(f"the OWL API profile check took longer than {TIMEOUT_S:.0f} s") from error
    if done.returncode != 0:
        raise ReasonerFailed(f"the OWL API profile check failed: {(done.stderr or done.stdout).strip()[:2000]}")
    try:
        found = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        reports = [
            ProfileReport(
                str(data["profile"]),
                int(data["axioms"]),
                [
                    ProfileViolation(v["kind"], v["message"], v.get("axiom"), v.get("entity"))
                    for v in data["violations"]
                ],
            )
            for data in found
        ]
    except (ValueError, KeyError, TypeError) as error:
        raise ReasonerFailed(f"the OWL API profile check printed no report: {done.stdout[:500]!r}") from error
    if len(reports) != len(sets):
        raise ReasonerFailed(f"the OWL API profile check printed {len(reports)} reports for {len(sets)} sets of files")
    return reports


def check_files(paths: Sequence[Path]) -> ProfileReport:
    """Run the OWL API profile checker on RDF files (``.nt`` N-Triples, anything else Turtle), merged."""
    return check_file_sets([paths])[0]


def check_graph_sets(sets: Sequence[Iterable[Graph]]) -> list[ProfileReport]:
    """Run the profile checker on the union of each set of graphs (without ``owl:imports``), in one Java process."""
    names: list[str] = []
    retyped: list[int] = []
    try:
        for graphs in sets:
            data, _, count = retyped_ntriples(graphs)
            handle, name = tempfile.mkstemp(suffix=".nt", prefix="cityref-profile-")
            names.append(name)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            retyped.append(count)
        reports = check_file_sets([[Path(name)] for name in names])
        return [ProfileReport(r.profile, r.axioms, r.violations, n) for r, n in zip(reports, retyped, strict=True)]
    finally:
        for name in names:
            os.unlink(name)


def check_graphs(graphs: Iterable[Graph]) -> ProfileReport:
    """Run the profile checker on the union of ``graphs`` (without ``owl:imports``)."""
    return check_graph_sets([graphs])[0]


def check(*graphs: Graph) -> ProfileReport:
    return check_graphs(graphs)
