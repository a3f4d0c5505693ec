"""Reading RDF that clients send: the guards that run before any parser, and the preparation of uploads for the
store (in a worker process with a memory limit and no network)."""

from cityref.intake.guards import check_json_ld, check_xml
from cityref.intake.prepare import Prepared, prepare_files, rdf_syntax_problem, triples_format, write_ntriples

__all__ = [
    "Prepared",
    "check_json_ld",
    "check_xml",
    "prepare_files",
    "rdf_syntax_problem",
    "triples_format",
    "write_ntriples",
]
