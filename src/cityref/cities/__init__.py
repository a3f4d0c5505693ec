"""A city's own graph read against the model: which cities the store holds, and what is said about each.

Everything here is written against a :data:`~cityref.cities.reader.Reader`, a function from SPARQL SELECT text to
rows, so the same code serves the HTTP routes (through the query gate and its budget), the CLI (the embedded store)
and the tests (a store made for the test).

- :func:`list_cities`, :func:`find_city`: the city graphs;
- :func:`assessments` (newest first), :func:`choose_assessment`: the practice adoption assessments of a city;
- :func:`find_gaps`, :func:`gaps_in`: the gaps the rules of ``queries/gaps/`` find in one assessment, each a
  :class:`Gap` with the reason the model gives (``Gap.to_json()`` for clients).
"""

from cityref.cities.assessment import AdoptionRecord, Assessment, assessments, choose_assessment
from cityref.cities.gaps import RULES, Gap, find_gaps, gaps_in
from cityref.cities.labels import Term, describe
from cityref.cities.reader import Reader, Row, iri, literal, store_reader
from cityref.cities.registry import City, find_city, list_cities

__all__ = [
    "RULES",
    "AdoptionRecord",
    "Assessment",
    "City",
    "Gap",
    "Reader",
    "Row",
    "Term",
    "assessments",
    "choose_assessment",
    "describe",
    "find_city",
    "find_gaps",
    "gaps_in",
    "iri",
    "list_cities",
    "literal",
    "store_reader",
]
