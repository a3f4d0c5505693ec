"""Loading the shipped files into the store at start-up, and only when they changed.

Each group of files (ontology modules, SHACL profiles, the Exampleton sample city) goes into its own named graph.
A digest of the files' bytes and the ontology version are recorded in the system graph; on a persisted store an
unchanged group is left as it is, so restarting a server with a large store costs nothing and never undoes what
the data team wrote into those graphs.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from cityref import resources
from cityref.model import Ontology
from cityref.store.base import EXAMPLETON_GRAPH, ONTOLOGY_GRAPH, SHAPES_GRAPH, Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Loaded:
    """What :func:`bootstrap` did for one graph: ``reloaded`` False means the recorded digest matched."""

    graph: str
    files: int
    reloaded: bool


def _digest(paths: Iterable[Path]) -> str:
    sha = hashlib.sha256()
    for path in sorted(paths):
        sha.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def _ntriples(paths: Iterable[Path]) -> bytes:
    """All files as one N-Triples document (blank nodes kept apart per file by the parser's fresh labels)."""
    triples: list[ox.Triple] = []
    for path in sorted(paths):
        for quad in ox.parse(path=str(path), base_iri=path.resolve().as_uri()):
            triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def sync_graph(store: Store, graph: str, paths: list[Path], version: str) -> Loaded:
    """Replace ``graph`` with ``paths`` unless the recorded digest says they are already there."""
    digest = _digest(paths)
    if store.recorded_digest(graph) == digest and store.graph_exists(graph):
        return Loaded(graph, len(paths), reloaded=False)
    store.graph_put(graph, _ntriples(paths), "application/n-triples")
    store.record_digest(graph, digest, version)
    log.info("loaded %d file(s) into <%s>", len(paths), graph)
    return Loaded(graph, len(paths), reloaded=True)


def bootstrap(store: Store, ontology: Ontology, *, load_examples: bool = True) -> list[Loaded]:
    """Load the ontology, the shapes and (optionally) the Exampleton sample city into their graphs."""
    done = [sync_graph(store, ONTOLOGY_GRAPH, [m.path for m in ontology.modules.values()], ontology.version)]
    shapes = sorted(resources.shapes_dir().glob("*.ttl")) if resources.shapes_dir().is_dir() else []
    if shapes:
        done.append(sync_graph(store, SHAPES_GRAPH, shapes, ontology.version))
    if load_examples:
        city = resources.examples_dir() / "exampleton"
        files = sorted(city.glob("*.ttl")) if city.is_dir() else []
        if files:
            done.append(sync_graph(store, EXAMPLETON_GRAPH, files, ontology.version))
    return done
