"""Loading the shipped files into the store at start-up, and only when they changed.

Each group of files (ontology modules, SHACL profiles, the Exampleton sample city) goes into its own named graph.
Each graph says which files it was loaded from, in the open: ``<graph> cityref:sourceDigest "sha256..." ;
owl:versionInfo "0.2.0"``. On a persisted store an unchanged group is left as it is, so restarting a server with a
large store costs nothing and never undoes what the data team wrote into those graphs.

These files are our own, shipped in the package, so they are parsed here, in the server's process; client uploads
never are (see :mod:`cityref.intake`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from cityref import resources
from cityref.intake import Prepared
from cityref.ontology.model import Ontology
from cityref.store.base import EXAMPLETON_GRAPH, ONTOLOGY_GRAPH, SHAPES_GRAPH, SOURCE_DIGEST, VERSION_INFO, Store

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


def prepare(store: Store, graph: str, paths: Iterable[Path], digest: str, version: str) -> Prepared:
    """All files as one N-Triples file in the store's incoming folder, the provenance triples included; the blank
    nodes of each file are renamed apart (a parser keeps ``_:a`` as written)."""
    triples: list[ox.Triple] = []
    for index, path in enumerate(sorted(paths)):
        prefix = f"f{index}x"
        for quad in ox.parse(path=str(path), base_iri=path.resolve().as_uri()):
            subject, value = quad.subject, quad.object
            if isinstance(subject, ox.BlankNode):
                subject = ox.BlankNode(prefix + subject.value)
            if isinstance(value, ox.BlankNode):
                value = ox.BlankNode(prefix + value.value)
            triples.append(ox.Triple(subject, quad.predicate, value))
    node = ox.NamedNode(graph)
    triples.append(ox.Triple(node, ox.NamedNode(SOURCE_DIGEST), ox.Literal(digest)))
    triples.append(ox.Triple(node, ox.NamedNode(VERSION_INFO), ox.Literal(version)))
    target = store.incoming_dir() / f"shipped-{uuid.uuid4().hex}.nt"
    with open(target, "wb") as out:
        out.write(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
        out.flush()
        os.fsync(out.fileno())
    return Prepared(target, len(triples))


def sync_graph(store: Store, graph: str, paths: list[Path], version: str) -> Loaded:
    """Replace ``graph`` with ``paths`` unless the graph's own digest says they are already there."""
    digest = _digest(paths)
    if store.recorded_digest(graph) == digest:
        return Loaded(graph, len(paths), reloaded=False)
    upload = prepare(store, graph, paths, digest, version)
    try:
        store.graph_put(graph, upload)
    finally:
        upload.path.unlink(missing_ok=True)
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
