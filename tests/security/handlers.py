"""A test-only worker handler: runs SHACL-SPARQL shapes with no check of their text at all, so that the tests can
show the validation worker's sandbox stopping a SERVICE call by itself."""

from __future__ import annotations

from typing import Any

from rdflib import Graph

from cityref.validation.engine import run_shacl


class UncheckedShapes:
    def handle(self, op: str, payload: Any) -> Any:
        data, shapes = payload
        report = run_shacl(
            Graph().parse(data=data, format="turtle"),
            Graph().parse(data=shapes, format="turtle"),
            None,
            "none",
            inplace=True,
        )
        return report.serialize(format="nt")
