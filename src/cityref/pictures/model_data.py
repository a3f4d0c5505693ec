"""The operating model as the ontology states it, for the picture: components A–D, the process groups of B, the
practices B1–B14 and C1–C3, the key risks of D, and the linkages between them, every label and reason in the
reader's language (English where one is missing). Nothing here names a practice: all of it is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cityref.cities.reader import Reader, iri, literal
from cityref.pictures.common import ONTOLOGY, PREFIXES, Labels, checked_language, local_name

KINDS = ("component", "group", "practice", "risk")
_CLASSES = {
    "https://w3id.org/cityref/def/OperatingModelComponent": "component",
    "https://w3id.org/cityref/def/ProcessGroup": "group",
    "https://w3id.org/cityref/def/Practice": "practice",
    "https://w3id.org/cityref/def/KeyRisk": "risk",
}


@dataclass(frozen=True)
class ModelNode:
    iri: str
    kind: str
    """One of :data:`KINDS`."""
    notation: str
    """``B5``, ``A``; empty for a process group or a key risk."""
    label: str
    label_lang: str | None
    parent: str | None
    """The component or process group it sits in (``None`` for a component)."""

    @property
    def local(self) -> str:
        return local_name(self.iri)


@dataclass(frozen=True)
class ModelLinkage:
    source: str
    """The IRI of what depends..."""
    target: str
    """...on this."""
    reason: str
    reason_lang: str | None


@dataclass(frozen=True)
class OperatingModel:
    lang: str
    nodes: list[ModelNode]
    """Components in notation order, each followed by what it holds (groups, practices, risks), in order."""
    linkages: list[ModelLinkage]

    def node(self, iri: str) -> ModelNode | None:
        return next((n for n in self.nodes if n.iri == iri), None)

    def of_kind(self, kind: str) -> list[ModelNode]:
        return [n for n in self.nodes if n.kind == kind]

    def children(self, parent: str) -> list[ModelNode]:
        return [n for n in self.nodes if n.parent == parent]


def _query_nodes(lang: str) -> str:
    return f"""{PREFIXES}
SELECT ?node ?class ?notation ?label ?parent WHERE {{
  GRAPH {ONTOLOGY} {{
    VALUES ?class {{ cityref:OperatingModelComponent cityref:ProcessGroup cityref:Practice cityref:KeyRisk }}
    ?node a ?class .
    FILTER NOT EXISTS {{ ?node owl:deprecated true }}
    OPTIONAL {{ ?node skos:notation ?notation }}
    OPTIONAL {{ ?node skos:prefLabel ?label FILTER(LANG(?label) IN ("{lang}", "en", "")) }}
    OPTIONAL {{
      ?node skos:broader ?parent .
      ?parent a ?parentClass .
      FILTER(?parentClass IN (cityref:OperatingModelComponent, cityref:ProcessGroup))
    }}
  }}
}}"""


def _query_linkages(lang: str) -> str:
    return f"""{PREFIXES}
SELECT ?from ?to ?reason WHERE {{
  GRAPH {ONTOLOGY} {{
    {{
      ?linkage a cityref:Linkage ; cityref:linkageFrom ?from ; cityref:linkageTo ?to .
      OPTIONAL {{ ?linkage cityref:linkageReason ?reason FILTER(LANG(?reason) IN ("{lang}", "en", "")) }}
      FILTER NOT EXISTS {{ ?linkage owl:deprecated true }}
    }} UNION {{
      ?from cityref:dependsOn ?to .
      FILTER NOT EXISTS {{ ?other cityref:linkageFrom ?from ; cityref:linkageTo ?to }}
    }}
  }}
}}"""


def _order(node: ModelNode) -> tuple[str, int, str]:
    """Notation order (B2 before B10); a node without a notation after those with one, by label."""
    found = re.fullmatch(r"([A-Z]+)(\d*)", node.notation)
    if not found:
        return ("~", 0, node.label.casefold())
    return (found.group(1), int(found.group(2) or 0), node.label.casefold())


def _held(parents: dict[str, str], kinds: dict[str, str], node: str) -> str | None:
    """The parent of ``node`` if the picture shows it (else the node stands on its own)."""
    parent = parents.get(node)
    return parent if parent in kinds else None


def read_operating_model(read: Reader, lang: str = "en") -> OperatingModel:
    """The operating model from the ontology graph, labelled in ``lang``."""
    lang = checked_language(lang)
    labels = Labels(lang)
    kinds: dict[str, str] = {}
    notations: dict[str, str] = {}
    parents: dict[str, str] = {}
    for row in read(_query_nodes(lang)):
        node, cls = iri(row, "node"), iri(row, "class")
        if node is None or cls not in _CLASSES:
            continue
        kinds[node] = _CLASSES[cls]
        labels.offer(node, row, "label")
        notations.setdefault(node, literal(row, "notation") or "")
        parent = iri(row, "parent")
        if parent is not None:
            parents.setdefault(node, parent)
    made = {
        node: ModelNode(node, kind, notations[node], labels(node), labels.language(node), _held(parents, kinds, node))
        for node, kind in kinds.items()
    }

    # A group's order is its first practice's: the three groups of B follow B1, B8, B12.
    def order(node: ModelNode) -> tuple[str, int, str]:
        held = min((_order(n) for n in made.values() if n.parent == node.iri), default=None)
        return held if node.kind == "group" and held else _order(node)

    nodes: list[ModelNode] = []

    def place(parent: str | None) -> None:
        for node in sorted((n for n in made.values() if n.parent == parent), key=order):
            nodes.append(node)
            place(node.iri)

    place(None)
    reasons = Labels(lang)
    pairs: dict[tuple[str, str], None] = {}
    for row in read(_query_linkages(lang)):
        source, target = iri(row, "from"), iri(row, "to")
        if source in made and target in made:
            pairs[(source, target)] = None
            reasons.offer(f"{source} {target}", row, "reason")
    linkages = [
        ModelLinkage(s, t, reasons.best.get(f"{s} {t}", (0, "", None))[1], reasons.language(f"{s} {t}"))
        for s, t in pairs
    ]
    position = {n.iri: i for i, n in enumerate(nodes)}
    linkages.sort(key=lambda link: (position[link.source], position[link.target]))
    return OperatingModel(lang, nodes, linkages)
