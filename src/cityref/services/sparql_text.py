"""What the endpoint must know about a SPARQL text before any engine sees it: its form and its SERVICE calls.

The engine would fetch a ``SERVICE`` IRI itself, so the allow-list has to be applied to the text. A small lexer
(comments, strings and IRIs are skipped as whole tokens, so a keyword inside them is never mistaken for one) is
enough: ``SERVICE`` is a reserved word, and what follows it is an IRI, a prefixed name or a variable.

>>> analyse('PREFIX e: <http://x/> SELECT * { SERVICE e:s { ?a ?b ?c } } # SERVICE <http://no/>').services
['http://x/s']
>>> analyse('ASK { ?s ?p "SERVICE <http://no/>" }').kind
'ask'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cityref.errors import Forbidden

_TOKENS = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?:(?:[\w\-\u00b7\u00c0-\uffff%\\:.]*[\w\-:%])?)
  | (?P<word>[A-Za-z_][\w\-]*)
  | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)

_FORMS = {"select": "select", "ask": "ask", "construct": "construct", "describe": "construct"}
UNRESOLVED = "<unresolved>"


@dataclass
class Analysis:
    """The query form (``select``/``ask``/``construct``; ``None`` for updates or unknown) and the IRIs that
    ``SERVICE`` (queries) or ``LOAD`` (updates) would fetch."""

    kind: str | None = None
    services: list[str] = field(default_factory=list)
    prefixes: dict[str, str] = field(default_factory=dict)
    has_dataset: bool = False
    """Whether the text names its own dataset (FROM / FROM NAMED)."""


def analyse(text: str) -> Analysis:
    """Lex ``text`` once; a service given by a variable or an unknown prefix is reported as ``<unresolved>``."""
    result = Analysis()
    tokens = [(m.lastgroup, m.group()) for m in _TOKENS.finditer(text)]
    tokens = [(k, v) for k, v in tokens if k not in ("comment", "string")]
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        word = value.lower() if kind == "word" else ""
        if word == "prefix" and i + 2 < len(tokens) and tokens[i + 2][0] == "iri":
            result.prefixes[tokens[i + 1][1].rstrip(":")] = tokens[i + 2][1][1:-1]
        elif word == "from":
            result.has_dataset = True
        elif word in _FORMS and result.kind is None:
            result.kind = _FORMS[word]
        elif word in ("service", "load"):  # LOAD <url> in an update fetches too
            j = i + 1
            if j < len(tokens) and tokens[j][0] == "word" and tokens[j][1].lower() == "silent":
                j += 1
            result.services.append(_target(tokens[j] if j < len(tokens) else ("other", ""), result.prefixes))
        i += 1
    return result


def _target(token: tuple[str | None, str], prefixes: dict[str, str]) -> str:
    kind, value = token
    if kind == "iri":
        return value[1:-1]
    if kind == "pname":
        prefix, _, local = value.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local
    return UNRESOLVED


def check_services(analysis: Analysis, allowed_hosts: list[str]) -> None:
    """Refuse (403) any SERVICE whose host is not allow-listed; a variable or relative IRI is never allowed."""
    allowed = {h.lower() for h in allowed_hosts}
    for target in analysis.services:
        parts = urlsplit(target) if target != UNRESOLVED else None
        host = (parts.hostname or "") if parts else ""
        netloc = (parts.netloc or "").lower() if parts else ""
        if not host or (host.lower() not in allowed and netloc not in allowed):
            raise Forbidden(
                f"{target} is not allowed: SERVICE and LOAD may reach only the allow-listed hosts",
                service=target,
                allowed_hosts=sorted(allowed),
            )


def with_using_graphs(update: str, using: list[str], using_named: list[str]) -> str:
    """Apply the protocol's ``using-graph-uri``/``using-named-graph-uri`` by adding ``USING`` clauses to every
    ``DELETE/INSERT ... WHERE`` operation; an update that has its own ``USING`` or ``WITH`` conflicts (400).

    >>> with_using_graphs('INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }', ['http://g/1'], [])
    'INSERT { ?s ?p 1 } USING <http://g/1> WHERE { ?s ?p ?o }'
    """
    from cityref.errors import BadRequest

    clauses = " ".join([*(f"USING <{g}>" for g in using), *(f"USING NAMED <{g}>" for g in using_named)])
    if any(c in clauses.replace("<", "").replace(">", "") for c in '"{}|^`\\'):
        raise BadRequest("using-graph-uri values must be IRIs")
    depth = 0
    previous = ""
    cuts: list[int] = []
    for match in _TOKENS.finditer(update):
        kind, value = match.lastgroup, match.group()
        if kind in ("comment", "string"):
            continue
        word = value.lower() if kind == "word" else ""
        if word in ("using", "with"):
            raise BadRequest("The update names its own dataset (USING/WITH) and the request names one too")
        if value == "{":
            depth += 1
        elif value == "}":
            depth -= 1
        elif word == "where" and depth == 0 and previous != "delete":
            cuts.append(match.start())
        previous = word or value
    for cut in reversed(cuts):
        update = update[:cut] + clauses + " " + update[cut:]
    return update
