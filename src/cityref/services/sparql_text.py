"""What the endpoint must know about a SPARQL text before any engine sees it: its form and its SERVICE calls.

The engine would fetch a ``SERVICE`` IRI itself, so the allow-list has to be applied to the text. A small lexer
(comments, strings and IRIs are skipped as whole tokens, so a keyword inside them is never mistaken for one) is
enough: ``SERVICE`` is a reserved word, and what follows it is an IRI, a prefixed name or a variable. The lexer
follows the grammar's terminals closely (a comment ends at CR as well as LF, an IRI excludes only the grammar's
characters, a prefixed name keeps its backslash escapes): any token read longer than the engine reads it could
hide a ``SERVICE`` from the check.

>>> analyse('PREFIX e: <http://x/> SELECT * { SERVICE e:s { ?a ?b ?c } } # SERVICE <http://no/>').services
['http://x/s']
>>> analyse('ASK { ?s ?p "SERVICE <http://no/>" }').kind
'ask'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cityref.errors import BadRequest, Forbidden, LimitExceeded
from cityref.store.base import sparql_iri

_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_LOCAL_CHAR = rf"[\w\-:\u00b7\u00c0-\uffff]|{_PLX}"
_TOKENS = re.compile(
    r"""
    (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff](?:[\w.\-\u00b7\u00c0-\uffff]*[\w\-\u00b7\u00c0-\uffff])?)?
               :(?:(?:LOCAL|\.)*(?:LOCAL))?)
  | (?P<word>[A-Za-z_][\w\-]*)
  | (?P<open>\{) | (?P<close>\})
  | (?P<other>\S)
    """.replace("LOCAL", _LOCAL_CHAR),
    re.VERBOSE | re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LOCAL_ESCAPE = re.compile(r"\\(.)")

_FORMS = {"select": "select", "ask": "ask", "construct": "construct", "describe": "construct"}
_UPDATE_WORDS = frozenset({"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"})
UNRESOLVED = "<unresolved>"

Token = tuple[str, str, int]
"""(kind, text, offset); kind is comment, string, iri, var, pname, word, open, close or other."""


def tokens(text: str) -> list[Token]:
    """Every token of ``text`` with its offset; whitespace is dropped.

    >>> [kind for kind, _, _ in tokens('ASK { ?s a:b "x" } # c')]
    ['word', 'open', 'var', 'pname', 'string', 'close', 'comment']
    """
    return [(m.lastgroup or "other", m.group(), m.start()) for m in _TOKENS.finditer(text)]


@dataclass
class Analysis:
    """The query form (``select``/``ask``/``construct``; ``None`` for updates or unknown) and the IRIs that
    ``SERVICE`` (queries) or ``LOAD`` (updates) would fetch."""

    kind: str | None = None
    services: list[str] = field(default_factory=list)
    prefixes: dict[str, str] = field(default_factory=dict)
    has_dataset: bool = False
    """Whether the text names its own dataset (FROM / FROM NAMED)."""
    is_update: bool = False
    """Whether the first keyword after the prologue (PREFIX, BASE) starts an update operation."""


def analyse(text: str) -> Analysis:
    """Lex ``text`` once; a service given by a variable or an unknown prefix is reported as ``<unresolved>``.

    The spec lets an engine expand ``\\u`` escapes anywhere before parsing; some do, some (Oxigraph) do not. When
    the text has any, the expanded text is scanned too, so the SERVICE calls of either reading are checked.
    """
    result = _scan(text)
    if _CODEPOINT.search(text):
        result.services += [s for s in _scan(_expand(text)).services if s not in result.services]
    return result


def _expand(text: str) -> str:
    def codepoint(match: re.Match[str]) -> str:
        value = int(match.group(1) or match.group(2), 16)
        return chr(value) if value <= 0x10FFFF else "\ufffd"

    return _CODEPOINT.sub(codepoint, text)


def _scan(text: str) -> Analysis:
    result = Analysis()
    found = [(kind, value) for kind, value, _ in tokens(text) if kind not in ("comment", "string")]
    seen_word = False
    for i, (kind, value) in enumerate(found):
        if kind == "iri" and ")" in value:
            # A PEG engine reads `FILTER(?a<1)SERVICE ?x#>` as `?a < 1`, a SERVICE and a comment, where a lexer
            # sees one IRI: whatever follows a `)` inside an IRI is checked as text too.
            result.services += _scan(value[value.index(")") + 1 : -1]).services
        word = value.lower() if kind == "word" else ""
        if word in ("prefix", "base"):
            if word == "prefix" and i + 2 < len(found) and found[i + 2][0] == "iri":
                result.prefixes[found[i + 1][1].rstrip(":")] = found[i + 2][1][1:-1]
            continue
        if word and not seen_word:
            result.is_update, seen_word = word in _UPDATE_WORDS, True
        if word == "from":
            result.has_dataset = True
        elif word in _FORMS and result.kind is None:
            result.kind = _FORMS[word]
        elif word in ("service", "load"):  # LOAD <url> in an update fetches too
            j = i + 1
            if j < len(found) and found[j][0] == "word" and found[j][1].lower() == "silent":
                j += 1
            result.services.append(_target(found[j] if j < len(found) else ("other", ""), result.prefixes))
    return result


def _target(token: tuple[str, str], prefixes: dict[str, str]) -> str:
    kind, value = token
    if kind == "iri":
        return _expand(value[1:-1])
    if kind == "pname":
        prefix, _, local = value.partition(":")
        if prefix in prefixes:
            # The engine drops the escapes (`e:a\@b` is `...a@b`), which can change the host: drop them first.
            return prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local)
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


MAX_NESTING = 128
"""Deepest bracket nesting (``{``, ``(`` and ``[`` together) a SPARQL text may have."""
MAX_CHAIN = 1000
"""Most operators (``||``, ``!``, ``+``, path ``/``...) and nesting keywords (UNION, OPTIONAL, BIND...) a text may
have in all."""
_NESTING_WORDS = frozenset({"union", "optional", "minus", "bind", "filter", "service", "graph", "exists"})
_OPENERS, _CLOSERS = frozenset("{(["), frozenset("})]")


def check_shape(text: str) -> None:
    """Refuse (422) a text nested too deeply or chaining too many operators, before the engine sees it.

    The engine parses and evaluates recursively on the thread's stack: a few thousand nested groups, function calls,
    ``BIND``s or ``||`` terms overflow it, and an overflow kills the process (the server itself for an update)
    instead of raising an error. The limits are far above what a written or generated query needs and far below
    what the engine survives (measured: it crashed from 1,000 nested function calls and 3,000 BINDs).
    """
    depth = deepest = chain = parens = 0
    for kind, value, _ in tokens(text):
        if kind in ("comment", "string"):
            continue
        word = value.lower() if kind == "word" else ""
        if word in _NESTING_WORDS:
            chain += 1
        # An IRI's brackets count too: where an IRI does not fit, the engine backtracks and reads `<` as less-than.
        for char in value if kind in ("iri", "open", "close", "other") else "":
            if char in _OPENERS:
                depth += 1
                parens += char == "("
                deepest = max(deepest, depth)
            elif char in _CLOSERS:
                depth = max(depth - 1, 0)
                parens = max(parens - (char == ")"), 0)
            elif kind == "other" and (char in "/|" or (parens and char in "&!=<>+-*")):
                chain += 1
    if deepest > MAX_NESTING:
        raise LimitExceeded(
            f"The SPARQL text nests brackets {deepest} deep; the limit is {MAX_NESTING}", limit="sparql_nesting"
        )
    if chain > MAX_CHAIN:
        raise LimitExceeded(
            f"The SPARQL text chains {chain} operators and group keywords; the limit is {MAX_CHAIN}",
            limit="sparql_operators",
        )


def with_using_graphs(update: str, using: list[str], using_named: list[str]) -> str:
    """Apply the protocol's ``using-graph-uri``/``using-named-graph-uri`` by adding ``USING`` clauses to every
    ``DELETE/INSERT ... WHERE`` operation; an update that has its own ``USING`` or ``WITH`` conflicts (400).

    >>> with_using_graphs('INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }', ['http://g/1'], [])
    'INSERT { ?s ?p 1 } USING <http://g/1> WHERE { ?s ?p ?o }'
    """
    try:
        clauses = " ".join(
            [*(f"USING {sparql_iri(g)}" for g in using), *(f"USING NAMED {sparql_iri(g)}" for g in using_named)]
        )
    except ValueError as error:
        raise BadRequest(f"using-graph-uri values must be IRIs ({error})") from None
    depth = 0
    previous = ""
    cuts: list[int] = []
    for kind, value, offset in tokens(update):
        if kind in ("comment", "string"):
            continue
        word = value.lower() if kind == "word" else ""
        if word in ("using", "with"):
            raise BadRequest("The update names its own dataset (USING/WITH) and the request names one too")
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif word == "where" and depth == 0 and previous != "delete":
            cuts.append(offset)
        previous = word or value
    for cut in reversed(cuts):
        update = update[:cut] + clauses + " " + update[cut:]
    return update
