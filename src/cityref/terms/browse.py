"""What the term browser shows, worked out from the term index: each concept scheme as a tree, an A–Z index by
the label in the reader's language, and the choices of the search page's filters.

Plain data, no HTML: the pages (``templates/browse*.html``) draw it, and tests can count it against SPARQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cityref.terms.index import TermIndex, natural_key
from cityref.terms.record import NS, TermRecord
from cityref.terms.text import first_value, fold

OTHER_LETTER = "#"
"""Where a label that does not start with a letter is filed in the A–Z index."""
GENERIC_TYPES = (
    ("http://www.w3.org/2004/02/skos/core#Concept", "Concept"),
    ("http://www.w3.org/2004/02/skos/core#ConceptScheme", "Concept scheme"),
    ("http://www.w3.org/2002/07/owl#Class", "Class"),
    ("http://www.w3.org/2002/07/owl#ObjectProperty", "object property"),
    ("http://www.w3.org/2002/07/owl#DatatypeProperty", "datatype property"),
    ("http://www.w3.org/2002/07/owl#AnnotationProperty", "annotation property"),
)
"""The type filter's first choices (the kinds of term, with English names the page translates: msgids the term
page and the ontology documentation already use), before the ontology's own classes of individuals."""


@dataclass
class Node:
    """One term in a scheme's tree, with the members of the scheme that are narrower than it."""

    record: TermRecord
    label: str
    label_lang: str | None
    children: list[Node] = field(default_factory=list)

    def count(self) -> int:
        return 1 + sum(child.count() for child in self.children)


@dataclass
class SchemeTree:
    scheme: TermRecord
    label: str
    label_lang: str | None
    roots: list[Node]
    members: list[TermRecord]
    """Every member of the scheme (``skos:inScheme``, ``skos:topConceptOf`` or ``skos:hasTopConcept``)."""


def label_of(index: TermIndex, record: TermRecord, lang: str) -> tuple[str, str | None]:
    """A term's label in ``lang`` (English, then any language, stands in), with the language it is in."""
    best = first_value(record.labels, (lang,))
    return (best[0], best[1]) if best else (record.curie, None)


def _order(index: TermIndex, iris: list[str]) -> list[TermRecord]:
    """By notation (B2 before B10); terms without one by the clause they come from (the standard's own order of
    its process groups), then by local name."""
    records = [index.records[i] for i in iris if i in index.records]
    return sorted(
        records, key=lambda r: (natural_key(r.notation or (r.sources[0] if r.sources else "")), natural_key(r.local))
    )


def members(index: TermIndex, scheme: TermRecord) -> list[TermRecord]:
    """The scheme's members, deprecated ones too (the tree marks them), in natural order of notation."""
    found = [r.iri for r in index.records.values() if scheme.iri in r.in_scheme or r.iri in scheme.top_concepts]
    return _order(index, found)


def scheme_tree(index: TermIndex, scheme: TermRecord, lang: str) -> SchemeTree:
    """The scheme's members nested by ``skos:broader`` within the scheme. A member whose broader terms all lie
    outside the scheme is a root, as a top concept is; a broader cycle cannot make the tree endless."""
    inside = members(index, scheme)
    in_scheme = {r.iri for r in inside}
    tops = set(scheme.top_concepts)

    def node(record: TermRecord, path: frozenset[str]) -> Node:
        label, label_lang = label_of(index, record, lang)
        kids = [c for c in _order(index, record.narrower) if c.iri in in_scheme and c.iri not in path]
        return Node(record, label, label_lang, [node(c, path | {c.iri}) for c in kids if c.iri not in tops])

    roots = [r for r in inside if r.iri in tops or not any(b in in_scheme for b in r.broader)]
    placed = {r.iri for r in roots}
    tree = [node(r, frozenset({r.iri})) for r in roots]
    # members reachable from no root (a broader cycle with no way in) still appear, as roots of their own
    reached = {n.record.iri for n in _walk(tree)}
    tree.extend(node(r, frozenset({r.iri})) for r in inside if r.iri not in reached and r.iri not in placed)
    label, label_lang = label_of(index, scheme, lang)
    return SchemeTree(scheme, label, label_lang, tree, inside)


def _walk(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    pending = list(nodes)
    while pending:
        current = pending.pop()
        out.append(current)
        pending.extend(current.children)
    return out


def scheme_trees(index: TermIndex, lang: str) -> list[SchemeTree]:
    """Every concept scheme's tree, schemes in the order of their labels in ``lang``."""
    trees = [scheme_tree(index, s, lang) for s in index.schemes() if not s.deprecated]
    return sorted(trees, key=lambda t: fold(t.label))


def find_scheme(index: TermIndex, ident: str) -> TermRecord | None:
    """A scheme by local name (``scheme-key-risks``), its short name (``key-risks``) or any identifier the index
    resolves; ``None`` when nothing of that name is a concept scheme."""
    for candidate in (ident, "scheme-" + ident):
        record = index.records.get(NS + candidate)
        if record is not None and record.kind == "scheme":
            return record
    return None


def letter_of(label: str) -> str:
    """The A–Z letter a label is filed under: its first letter or digit, quotation marks and the like skipped, with
    case and accents folded away ("Évaluation" under E, "„Smart“" under S), or :data:`OTHER_LETTER`.

    >>> [letter_of(t) for t in ("Évaluation", "œuvre", "„Smart“ als Ziel", "5G network", "")]
    ['E', 'O', 'S', '#', '#']
    """
    first = next((ch for ch in fold(label) if ch.isalnum()), "").upper()
    return first if "A" <= first <= "Z" else OTHER_LETTER


def a_to_z(index: TermIndex, lang: str) -> dict[str, list[tuple[str, str | None, TermRecord]]]:
    """Every current term but the linkage individuals, by the letter of its label in ``lang``, each letter's
    terms in the order of their labels: ``{letter: [(label, label language, record)]}``, letters in order."""
    letters: dict[str, list[tuple[str, str | None, TermRecord]]] = {}
    for record in index.records.values():
        if record.deprecated or record.kind == "linkage":
            continue
        label, label_lang = label_of(index, record, lang)
        letters.setdefault(letter_of(label), []).append((label, label_lang, record))
    for entries in letters.values():
        entries.sort(key=lambda e: (fold(e[0]), e[2].local))
    return dict(sorted(letters.items(), key=lambda item: (item[0] == OTHER_LETTER, item[0])))


def type_choices(index: TermIndex, lang: str) -> list[tuple[str, str, str, bool]]:
    """The search page's type filter: (CURIE, label, IRI, whether the label is English for the page to translate)
    of the kinds of term, then of each of our classes that has individuals, by their label in ``lang``."""
    used = {t for r in index.records.values() if r.kind != "linkage" for t in r.types}
    generic = [(index.compact(t), name, t, True) for t, name in GENERIC_TYPES]
    ours = []
    for iri in used:
        record = index.records.get(iri)
        if record is not None and record.kind == "class":
            ours.append((record.curie, label_of(index, record, lang)[0], iri, False))
    return generic + sorted(ours, key=lambda c: fold(c[1]))


def scheme_choices(index: TermIndex, lang: str) -> list[tuple[str, str]]:
    """The search page's scheme filter: (local name, label) of every concept scheme, by label."""
    found = [(s.local, label_of(index, s, lang)[0]) for s in index.schemes() if not s.deprecated]
    return sorted(found, key=lambda c: fold(c[1]))
