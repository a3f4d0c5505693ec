"""A city's own graph read against the model: which cities the store holds, and what is said about each.

Everything here is written against a :data:`~cityref.cities.reader.Reader`, a function from SPARQL SELECT text to
rows, so the same code serves the HTTP routes (through the query gate and its budget), the CLI (the embedded store)
and the tests (a store made for the test).
"""

from cityref.cities.reader import Reader, Row, iri, literal, store_reader
from cityref.cities.registry import City, find_city, list_cities

__all__ = ["City", "Reader", "Row", "find_city", "iri", "list_cities", "literal", "store_reader"]
