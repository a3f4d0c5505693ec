"""SHACL profiles: one Turtle file per profile under ``shapes/``, each describing itself as a ``prof:Profile``.

They are read once per folder (parsed graphs are cached), because every validation needs them and they only change
with a release.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROF, RDF, SH

from cityref import resources
from cityref.errors import NotFound
from cityref.lang import best_literal, fallback_chain, parse_lang
from cityref.ontology.model import CITYREF
from cityref.validation.fast import FAST, REFERENCE, unsupported

PROFILE_BASE = "https://w3id.org/cityref/profiles/"


def language_chain(lang: str | None) -> list[str]:
    """The languages to try, most wanted first: ``fr-CA`` gives ``fr-ca, fr, en`` then untagged text.

    ``lang`` may name several (``fr,de``); a malformed tag is a :class:`~cityref.errors.BadRequest`.
    """
    return fallback_chain(parse_lang(lang) or ())


def pick_literal(values: Iterable[Any], lang: str | None) -> Literal | None:
    """The literal best matching ``lang`` along :func:`language_chain`; any literal if none matches."""
    return best_literal(values, parse_lang(lang) or ())


def pick_text(values: Iterable[Any], lang: str | None) -> str | None:
    """The text of :func:`pick_literal`."""
    found = pick_literal(values, lang)
    return str(found) if found is not None else None


def _texts(graph: Graph, subject: URIRef, predicate: URIRef) -> dict[str, str]:
    return {(o.language or ""): str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


@dataclass
class Profile:
    """A named set of shapes that one kind of delivery must satisfy."""

    id: str
    iri: str
    title: dict[str, str]
    description: dict[str, str]
    version: str | None
    practices: list[str]
    path: Path
    shapes: Graph = field(repr=False, compare=False)
    engine_reason: str | None = None
    """Why the profile runs on pySHACL (a feature the compiled engine lacks); ``None``: it runs on the compiled one."""

    @property
    def engine(self) -> str:
        """The engine that runs this profile by default, decided when the profile is read."""
        return REFERENCE if self.engine_reason else FAST

    def title_in(self, lang: str | None) -> str:
        return pick_text((Literal(v, lang=k or None) for k, v in self.title.items()), lang) or self.id

    def description_in(self, lang: str | None) -> str | None:
        return pick_text((Literal(v, lang=k or None) for k, v in self.description.items()), lang)

    def summary(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON description served by ``GET /profiles``."""
        return {
            "id": self.id,
            "iri": self.iri,
            "title": self.title_in(lang),
            "description": self.description_in(lang),
            "version": self.version,
            "practices": self.practices,
            "titles": self.title,
            "descriptions": self.description,
            "shapeCount": self.shape_count,
            "engine": self.engine,
            "engineReason": self.engine_reason,
        }

    @cached_property
    def shape_count(self) -> int:
        """Counted once: ``GET /profiles`` and the upload page show it on every request."""
        return len(
            set(self.shapes.subjects(RDF.type, SH.NodeShape)) | set(self.shapes.subjects(RDF.type, SH.PropertyShape))
        )


def read_profile(path: Path) -> Profile:
    """Parse one profile file; its ``prof:Profile`` node gives the id (else the file stem)."""
    graph = Graph()
    graph.parse(path, format="turtle")
    node = next((s for s in graph.subjects(RDF.type, PROF.Profile) if isinstance(s, URIRef)), None)
    if node is None:
        node = URIRef(PROFILE_BASE + path.stem)
    identifier = graph.value(node, DCTERMS.identifier)
    version = graph.value(node, OWL.versionInfo)
    return Profile(
        id=str(identifier) if identifier is not None else path.stem,
        iri=str(node),
        title=_texts(graph, node, DCTERMS.title),
        description=_texts(graph, node, DCTERMS.description),
        version=str(version) if version is not None else None,
        practices=sorted(str(p) for p in graph.objects(node, CITYREF.servesPractice)),
        path=path,
        shapes=graph,
        engine_reason=unsupported(graph),
    )


@cache
def _load(directory: Path) -> dict[str, Profile]:
    profiles = {}
    for path in sorted(directory.glob("*.ttl")):
        profile = read_profile(path)
        profiles[profile.id] = profile
    return profiles


def load_profiles(directory: Path | None = None) -> dict[str, Profile]:
    """Every profile in ``directory`` (the shipped ``shapes/`` by default), by id; parsed once per folder."""
    return dict(_load((directory or resources.shapes_dir()).resolve()))


def select(profiles: dict[str, Profile], ids: Sequence[str]) -> list[Profile]:
    """The profiles named by ``ids``, in order; :class:`NotFound` lists the known ids for an unknown one."""
    unknown = [i for i in ids if i not in profiles]
    if unknown:
        raise NotFound(f"Unknown profile(s): {', '.join(unknown)}", known=sorted(profiles))
    return [profiles[i] for i in dict.fromkeys(ids)]
