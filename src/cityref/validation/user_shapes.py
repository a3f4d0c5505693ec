"""Checks on shapes a user sends with a delivery (when the operator allows user shapes), before any engine reads them.

SPARQL-based shapes could reach the network or smuggle a query past the checks through the prefixes pySHACL writes
in front of each query; :func:`check_user_shapes` refuses both. The validation worker has no network anyway (see
``docs/security.md``): this is the first of the two layers.
"""

from __future__ import annotations

import re
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from cityref.errors import BadRequest

_SPARQL_PROPERTIES = (SH.select, SH.ask, SH.construct, SH.update)
# Keywords that would make rdflib's SPARQL engine reach the network from a user-supplied shape.
_REMOTE_SPARQL = re.compile(r"\b(SERVICE|FROM|LOAD)\b", re.IGNORECASE)


def _expand_escapes(text: str) -> str:
    """``\\uXXXX`` escapes expanded as rdflib's SPARQL parser expands them (its own function, imported on use:
    loading the parser takes 0.15 s that a validation without user shapes need not spend)."""
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    expanded: str = expandUnicodeEscapes(text)
    return expanded


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
            expanded = _expand_escapes(query)
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


@cache
def _pn_prefix() -> re.Pattern[str]:
    """SPARQL's PN_PREFIX (or nothing, for ``:``). Compiled when first needed, as :func:`_pn_local`: the two take
    10 ms to compile, which a validation without user shapes, the common case, never needs."""
    return re.compile(f"(?:[{_PN_BASE}](?:[{_PN}.]*[{_PN}])?)?")


@cache
def _pn_local() -> re.Pattern[str]:
    """SPARQL's PN_LOCAL without backslash escapes (an IRI holds no backslash)."""
    return re.compile(
        f"(?:[{_PN_BASE}_:0-9]|%[0-9A-Fa-f]{{2}})(?:(?:[{_PN}:.]|%[0-9A-Fa-f]{{2}})*(?:[{_PN}:]|%[0-9A-Fa-f]{{2}}))?"
    )


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
        if not all(_pn_prefix().fullmatch(form) for form in _forms(prefix)):
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

    for reading in {text, _expand_escapes(text)}:
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
    return text == "" or _pn_local().fullmatch(text) is not None


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
