"""Interface strings that templates translate from a variable (``_(heading)``, ``_(problem.title)``): listed here
with the ``N_`` marker so that ``pybabel extract`` puts them in the catalogue (see ``src/cityref/locale/README.md``).
``tests/web/test_i18n.py`` checks that every one is translated in every catalogue."""

from __future__ import annotations


def N_(message: str) -> str:
    return message


GATES = (N_("query"), N_("validation"), N_("write"))
"""The kinds of bounded work (:mod:`cityref.api.gates`), as a busy gate's message names them."""
NAVIGATION = (N_("Model"), N_("Terms"), N_("Query"), N_("Validate"), N_("Cities"), N_("API"))
ERROR_TITLES = (
    N_("Internal error"),
    N_("Bad request"),
    N_("Syntax error"),
    N_("Authentication required"),
    N_("Forbidden"),
    N_("Not found"),
    N_("Not acceptable"),
    N_("Not ready"),
    N_("Gone"),
    N_("Payload too large"),
    N_("Unsupported media type"),
    N_("Limit exceeded"),
    N_("Invalid parameters"),
    N_("Too many requests"),
    N_("Service busy"),
    N_("Time budget exceeded"),
    N_("Store in use"),
    N_("Worker crashed"),
    N_("Upstream store error"),
    N_("Store unavailable"),
    N_("Not Found"),
    N_("Method Not Allowed"),
)
TERM_KINDS = (
    N_("Concept scheme"),
    N_("Class"),
    N_("Property"),
    N_("Linkage"),
    N_("Concept"),
    N_("Individual"),
)
TERM_ROWS = (
    N_("Definition"),
    N_("Scope note"),
    N_("Change note"),
    N_("Broader"),
    N_("Narrower"),
    N_("Related"),
    N_("In scheme"),
    N_("Subclass of"),
    N_("Domain"),
    N_("Range"),
    N_("Serves practice"),
    N_("Mitigated by"),
    N_("Mitigates"),
)
ONTOLOGY = (
    N_("Classes"),
    N_("Object properties"),
    N_("Datatype properties"),
    N_("Annotation properties"),
    N_("class"),
    N_("object property"),
    N_("datatype property"),
    N_("annotation property"),
    N_("concept"),
    N_("concept scheme"),
    N_("individual"),
    N_("all"),
)
SEVERITIES = (N_("Violation"), N_("Warning"), N_("Info"))
LANGUAGE_WORDS = (N_("English"), N_("French"), N_("Spanish"), N_("German"), N_("Italian"))
