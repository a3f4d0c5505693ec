"""SHACL profiles: one Turtle file per profile under ``shapes/``, each describing itself as a ``prof:Profile``.

They are read once per folder, because every validation needs them and they only change with a release. Reading a
folder parses each file with pyoxigraph for what describes the profile (id, titles, version); a profile's shapes
become an rdflib graph the first time they are used, so that ``cityref validate -p X`` builds the graph of X alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import pyoxigraph as ox
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


@dataclass
class Profile:
    """A named set of shapes that one kind of delivery must satisfy."""

    id: str
    iri: str
    title: dict[str, str]
    description: dict[str, str]
    version: str | None
    practices: list[str]
    path: Path = field(compare=False)

    @cached_property
    def shapes(self) -> Graph:
        """The profile's file as an rdflib graph, parsed on first use."""
        graph = Graph()
        graph.parse(self.path, format="turtle")
        return graph

    @cached_property
    def engine_reason(self) -> str | None:
        """Why the profile runs on pySHACL (a feature the compiled engine lacks); ``None``: it runs on the compiled
        one. Decided from the shapes the first time it is asked (``GET /profiles`` asks for every profile)."""
        return unsupported(self.shapes)

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


_RDF_TYPE = ox.NamedNode(str(RDF.type))
_PROF_PROFILE = ox.NamedNode(str(PROF.Profile))
_ABOUT = {str(p): p for p in (DCTERMS.identifier, DCTERMS.title, DCTERMS.description, OWL.versionInfo)}


def read_profile(path: Path) -> Profile:
    """Read one profile file's description of itself; its ``prof:Profile`` node gives the id (else the file stem).

    The whole file is parsed (pyoxigraph), so a syntax error is found here, when the folder is read."""
    triples = list(ox.parse(path=path, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()))
    node = next(
        (t.subject.value for t in triples if t.predicate == _RDF_TYPE and t.object == _PROF_PROFILE
         and isinstance(t.subject, ox.NamedNode)),
        PROFILE_BASE + path.stem,
    )  # fmt: skip
    about: dict[str, list[ox.Literal]] = {}
    practices = []
    for t in triples:
        if isinstance(t.subject, ox.NamedNode) and t.subject.value == node:
            if t.predicate.value in _ABOUT and isinstance(t.object, ox.Literal):
                about.setdefault(t.predicate.value, []).append(t.object)
            elif t.predicate.value == str(CITYREF.servesPractice):
                practices.append(t.object.value)

    def texts(predicate: URIRef) -> dict[str, str]:
        return {(o.language or ""): o.value for o in about.get(str(predicate), [])}

    def one(predicate: URIRef) -> str | None:
        values = about.get(str(predicate))
        return values[0].value if values else None

    return Profile(
        id=one(DCTERMS.identifier) or path.stem,
        iri=node,
        title=texts(DCTERMS.title),
        description=texts(DCTERMS.description),
        version=one(OWL.versionInfo),
        practices=sorted(practices),
        path=path,
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
