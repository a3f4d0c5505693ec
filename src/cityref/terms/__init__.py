"""Term resolution: an in-memory index of the ontology's terms, their JSON shape, search and reconciliation.

>>> from cityref.terms import fold
>>> fold("Interopérabilité")
'interoperabilite'
"""

from cityref.terms.index import MalformedIdentifier, TermIndex, UnknownFilter, UnknownPrefix
from cityref.terms.record import TermRecord
from cityref.terms.render import describe, hit_json, term_ref
from cityref.terms.search import Hit
from cityref.terms.text import fold, parse_lang

__all__ = [
    "Hit",
    "MalformedIdentifier",
    "TermIndex",
    "TermRecord",
    "UnknownFilter",
    "UnknownPrefix",
    "describe",
    "fold",
    "hit_json",
    "parse_lang",
    "term_ref",
]
