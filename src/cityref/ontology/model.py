"""The shipped ontology as RDF: its modules, read once, and their merge.

The modules are Turtle files in ``ontology/``; each declares one ``owl:Ontology``. Nothing here follows
``owl:imports`` over the network: the import closure is resolved against the shipped files only.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF

from cityref import resources

CITYREF = Namespace("https://w3id.org/cityref/def/")
ONTOLOGY_BASE = "https://w3id.org/cityref/ontology/"
TOP_MODULE = "cityref"
LANGUAGES = ("en", "fr", "es", "de", "it")


@dataclass
class Module:
    """One ontology module: its name (file stem), file, parsed graph and header facts."""

    name: str
    path: Path
    graph: Graph = field(repr=False)

    @property
    def iri(self) -> URIRef:
        return URIRef(ONTOLOGY_BASE + self.name)

    @property
    def version(self) -> str | None:
        value = self.graph.value(self.iri, OWL.versionInfo)
        return str(value) if value is not None else None

    @property
    def version_iri(self) -> str | None:
        value = self.graph.value(self.iri, OWL.versionIRI)
        return str(value) if value is not None else None

    @property
    def prefixes(self) -> dict[str, str]:
        """The prefixes the module's file declares (none of the dozens rdflib would add by default)."""
        return {prefix: str(ns) for prefix, ns in self.graph.namespaces() if prefix}

    @property
    def imports(self) -> list[str]:
        return sorted(str(o) for o in self.graph.objects(self.iri, OWL.imports))


def import_closure(imports: dict[str, list[str]], name: str = TOP_MODULE) -> list[str]:
    """The names of module ``name`` and of every module it imports, transitively, given each module's
    ``owl:imports`` IRIs; only the modules of ``imports`` are followed (never the network)."""
    seen: dict[str, None] = {}
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen[current] = None
        for iri in imports[current]:
            if iri.startswith(ONTOLOGY_BASE) and iri[len(ONTOLOGY_BASE) :] in imports:
                pending.append(iri[len(ONTOLOGY_BASE) :])
    return list(seen)


class Ontology:
    """All modules of the shipped ontology, parsed once; ``merged`` is the top module's import closure."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or resources.ontology_dir()
        self.modules: dict[str, Module] = {}
        for path in sorted(self.directory.glob("*.ttl")):
            graph = Graph(bind_namespaces="none")  # keep only the prefixes the module declares itself
            graph.parse(path, format="turtle")
            self.modules[path.stem] = Module(path.stem, path, graph)

    @property
    def version(self) -> str:
        top = self.modules.get(TOP_MODULE)
        return (top.version if top else None) or "0"

    def closure(self, name: str = TOP_MODULE) -> list[Module]:
        """The module and everything it imports, transitively, from the shipped files only."""
        imports = {n: m.imports for n, m in self.modules.items()}
        return [self.modules[n] for n in import_closure(imports, name)]

    @cached_property
    def merged(self) -> Graph:
        """The top module's import closure as one graph, prefixes kept.

        A folder without the top module (a test fixture, a module being drafted) merges every module it holds, so
        that the term index and validation still see all its terms.
        """
        graph = Graph()
        modules = self.closure() if TOP_MODULE in self.modules else list(self.modules.values())
        for module in modules:
            for prefix, ns in module.graph.namespaces():
                graph.bind(prefix, ns, override=False)
            graph += module.graph
        graph.bind("cityref", CITYREF, override=True)
        return graph

    def ontology_iris(self) -> list[URIRef]:
        return sorted(s for s in self.merged.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))


def load_ontology(directory: Path | None = None) -> Ontology:
    """The ontology of a folder, parsed once per process while its files stay the same (size and modification
    time): every app of a process (tests make many) shares one parse. The service never changes these graphs."""
    folder = (directory or resources.ontology_dir()).resolve()
    signature = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.ttl")))
    return _parsed(folder, signature)


@functools.cache
def _parsed(folder: Path, signature: tuple[tuple[str, int, int], ...]) -> Ontology:
    return Ontology(folder)
