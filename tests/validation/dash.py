"""pySHACL's DASH test cases (``dash:GraphValidationTestCase``), read from a folder that is not part of cityref.

Each case is one Turtle file holding the shapes, the data and the expected report (``dash:expectedResult``). Test
cases of other kinds (rules, functions, queries) are about features cityref does not offer and are not read.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import RDF, SH
from tests.validation.w3c import ResultKey, result_key

from cityref.validation import parse_data

DASH = Namespace("http://datashapes.org/dash#")


@dataclass(frozen=True)
class DashCase:
    name: str
    path: Path
    expected_conforms: bool
    expected_results: frozenset[ResultKey]


def dash_cases(folder: Path) -> Iterator[DashCase]:
    """Every graph validation case under ``folder``, by its path relative to it."""
    for path in sorted(folder.rglob("*.test.ttl")):
        graph = parse_data(path, "text/turtle")
        for case in graph.subjects(RDF.type, DASH.GraphValidationTestCase):
            report = graph.value(case, DASH.expectedResult)
            conforms = graph.value(report, SH.conforms)
            with quiet():
                results = frozenset(result_key(graph, r) for r in graph.objects(report, SH.result))
            yield DashCase(
                str(path.relative_to(folder)), path, bool(conforms is not None and conforms.toPython()), results
            )


@contextmanager
def quiet() -> Iterator[None]:
    """rdflib warns when it writes an ill-typed number ("abc"^^xsd:float), which some cases hold on purpose."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield
