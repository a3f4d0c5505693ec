"""What the endpoint must know about a SPARQL text before any engine sees it: its form and what it would fetch.

The engine fetches a ``SERVICE`` IRI (queries) or a ``LOAD`` IRI (updates) itself, so the allow-list has to be
applied to the text. This module reads the text as Oxigraph's parser does, and where the two could disagree it
assumes the reading that fetches. It is the first layer only: the engine also runs in worker processes that have
no network, which does not depend on reading the text right.

The lexer skips comments, strings and IRIs as whole tokens, so a keyword inside them is never mistaken for one,
and follows the grammar's terminals closely (a comment ends at CR as well as LF, an IRI excludes only the
grammar's characters, a prefixed name keeps its backslash escapes): a token read longer than the engine reads it
could hide a keyword from the check.

Keywords are not words to the engine. Its parser (a PEG) compares the next few characters with a keyword, ASCII
case aside, and needs no boundary after it: ``SERVICESILENT<x>``, ``SERVICE:x`` (SERVICE, then ``:x``),
``SERVICEc:x``, ``LOADSILENT<x>`` and ``PREFIXp:<ns>`` are all read. Nor does it always split the text where a
lexer does: after ``?o true``, ``?o 1e5`` or ``?o x:a.b`` (it allows one dot group in a local name), a glued
``SERVICE`` starts a new pattern. So the rule is:

- every ``service`` or ``load`` inside a word or a prefixed name (not in a string, comment, IRI or language tag)
  may be the keyword. What the engine would read after it (the rest of that token, read again as tokens, then
  the tokens that follow; with SILENT and without, since the engine tries both) decides whether it is:
- a SERVICE needs a target (IRI, prefixed name or variable) and then ``{``, as the grammar does. That is what
  keeps ``PREFIX service: <...> SELECT * { service:x ?p ?o }`` working: the engine tries a triple first and
  reads one; it goes back to read SERVICE ``:x`` only when a ``{`` follows, and then the check refuses it too;
- a LOAD must begin an operation (the start, after ``;`` or after the prologue) and be followed by an IRI or a
  prefixed name, then the end, ``;`` or ``INTO``;
- a lone ``SERVICE`` or ``LOAD`` word counts whatever follows it.

The price is small: a name containing ``service`` whose next term is directly followed by a group
(``?s e:service ?o { ... }``) is refused although the engine reads a triple; a ``.`` after the triple avoids it.

A target is checked as every IRI it may name: each namespace a prefix is declared with (a redeclared prefix, or a
glued declaration, counts too), a local name without its escapes. A variable, an unknown prefix, an IRI the lexer
cannot read and a relative IRI that no ``BASE`` of the text resolves (it would resolve against the request's own
address) are never allowed; one that a ``BASE`` of the first prologue resolves is checked as what it resolves to.
The text is also read with its ``\\u`` escapes expanded, as some engines do, and the part of an IRI after a ``)``
is read as SPARQL too, with what follows it where a comment or string may run on past the IRI (see
:func:`_read_as_code`).

>>> analyse('PREFIX e: <http://x/> SELECT * { SERVICE e:s { ?a ?b ?c } } # SERVICE <http://no/>').services
['http://x/s']
>>> analyse('PREFIX c: <http://x/> SELECT * { SERVICEc:s { ?a ?b ?c } }').services
['http://x/s']
>>> analyse('PREFIX service: <http://x/> SELECT * { service:s ?p ?o }').services
[]
>>> analyse('ASK { ?s ?p "SERVICE <http://no/>" }').kind
'ask'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from pyoxigraph import NamedNode

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

_FORMS = ("select", "ask", "construct", "describe")
_UPDATE_WORDS = ("insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with")
_PROLOGUE_WORDS = frozenset({"prefix", "base", "version"})
_LANGTAG = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*(?:--[A-Za-z]+)?")
UNRESOLVED = "<unresolved>"
MAX_KEYWORDS_PER_NAME = 4
"""Most times ``service`` may occur inside one name; a name with more is refused."""
MAX_REREADS = 8
"""Most times the text after an IRI is read again as code (see :func:`_read_as_code`); past that it is refused."""
_HINT = re.compile("service|load", re.IGNORECASE)  # a quick filter only: it may match more than ASCII case

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
    prefixes: dict[str, list[str]] = field(default_factory=dict)
    """Every namespace each prefix is declared with, in the order of the text."""
    has_dataset: bool = False
    """Whether the text names its own dataset (FROM / FROM NAMED)."""
    is_update: bool = False
    """Whether the first keyword after the prologue (PREFIX, BASE) starts an update operation."""


@dataclass
class Fetch:
    """One place where the engine may read ``SERVICE`` or ``LOAD``: ``targets`` are the IRIs it may name
    (``<unresolved>`` when unknown), from every reading; ``text[start:end]`` is the keyword through the target (and a
    LOAD's ``INTO GRAPH <g>``) of the reading the engine tries first, which is ``silent`` or not and names
    ``first``. ``end`` is -1 when that reading does not end clearly."""

    keyword: str
    start: int
    end: int
    silent: bool
    targets: list[str]
    first: list[str]
    depth: int
    """Brace depth at the keyword: 0 for an update operation."""


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
    lexed = _code(text)
    result.prefixes = _declarations(lexed)
    first_word = True
    for i, (kind, value, _) in enumerate(lexed):
        if kind != "word" or _is_langtag(lexed, i):
            continue
        word = _fold(value)
        if word in _PROLOGUE_WORDS:
            continue
        if first_word:
            # Keywords have no word boundary for the engine: `INSERTDATA{...}` and `SELECTDISTINCT*` are read.
            result.is_update = word.startswith(_UPDATE_WORDS)
            result.kind = next((_kind(f) for f in _FORMS if word.startswith(f)), None)
            first_word = False
        if word.startswith("from"):
            result.has_dataset = True
        elif word in _FORMS and result.kind is None:
            result.kind = _kind(word)
    bases = _bases(lexed)
    for fetch in fetches(text, lexed=lexed, prefixes=result.prefixes):
        for target in fetch.targets:
            for resolved in _against(target, bases):
                if resolved not in result.services:
                    result.services.append(resolved)
    return result


def _bases(lexed: list[Token]) -> list[str]:
    """Every ``BASE <iri>`` of the text (glued ``BASE<iri>`` too: the lexer splits it there), provided the first
    prologue has one; otherwise none, since what comes before the first BASE resolves against the request."""
    found: list[str] = []
    for i, (kind, value, _) in enumerate(lexed[:-1]):
        if kind != "word":
            continue
        word = _fold(value)
        if word == "base" and lexed[i + 1][0] == "iri":
            found.append(_expand(lexed[i + 1][1][1:-1]))
        elif word not in _PROLOGUE_WORDS and not found:
            return []
    return found


def _against(target: str, bases: list[str]) -> list[str]:
    """A relative target as every IRI it may resolve to: against each absolute ``BASE`` of the text, as the engine
    resolves it (the last BASE before it, which a lexer does not track: all of them are checked). Without one, the
    target resolves against the request's address, which the check does not know: it stays relative, and refused.

    >>> _against("sparql", ["http://a.example/x/", "urn:b"])
    ['http://a.example/x/sparql', 'sparql']
    >>> _against("sparql", [])
    ['sparql']
    """
    if target == UNRESOLVED or urlsplit(target).scheme:
        return [target]
    resolved = [urljoin(base, target) for base in bases if urlsplit(base).scheme in ("http", "https")]
    if len(resolved) < len(bases) or not resolved:
        resolved.append(target)  # a base that is relative itself, or none: the reading that is never allowed
    return resolved


def _kind(form: str) -> str:
    return "construct" if form == "describe" else form


_ASCII_CASE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _fold(value: str) -> str:
    """Lower ASCII letters only, as the engine matches keywords; ``str.lower`` may change the length
    (``İ`` becomes two characters), which would shift every offset after it."""
    return value.translate(_ASCII_CASE)


def _code(text: str) -> list[Token]:
    return [token for token in tokens(text) if token[0] != "comment"]


def _is_langtag(lexed: list[Token], i: int) -> bool:
    """A word right after ``"..."@`` is a language tag (``"x"@from``), not a keyword, when it has a tag's form."""
    kind, value, offset = lexed[i]
    if i < 2 or kind != "word" or not _LANGTAG.fullmatch(value):
        return False
    at, before = lexed[i - 1], lexed[i - 2]
    return at[1] == "@" and at[2] + 1 == offset and before[0] == "string" and before[2] + len(before[1]) == at[2]


def _declarations(lexed: list[Token]) -> dict[str, list[str]]:
    """Every ``PREFIX p: <ns>`` of the text, glued forms included (``PREFIXp:<ns>``, ``PREFIX:<ns>``)."""
    found: dict[str, list[str]] = {}
    for i, (kind, value, _) in enumerate(lexed):
        if kind not in ("word", "pname") or _fold(value[:6]) != "prefix":
            continue
        if kind == "word" and _fold(value) == "prefix":
            name, iri = lexed[i + 1 : i + 2], lexed[i + 2 : i + 3]
            declared = name[0][1] if name and name[0][0] == "pname" else ""
        else:
            declared, iri = value[len("prefix") :], lexed[i + 1 : i + 2]
        if declared.endswith(":") and declared.count(":") == 1 and iri and iri[0][0] == "iri":
            found.setdefault(declared[:-1], []).append(_expand(iri[0][1][1:-1]))
    return found


class _Reader:
    """What the engine reads after a keyword: the rest of the current token (read again as tokens of its own,
    since the engine has no word boundary), then the following tokens."""

    def __init__(self, lexed: list[Token], index: int, pending: list[Token]) -> None:
        self.lexed, self.index, self.pending = lexed, index, pending

    def copy(self) -> _Reader:
        return _Reader(self.lexed, self.index, list(self.pending))

    def peek(self) -> Token | None:
        if self.pending:
            return self.pending[0]
        return self.lexed[self.index] if self.index < len(self.lexed) else None

    def take(self) -> Token | None:
        token = self.peek()
        if self.pending:
            self.pending.pop(0)
        elif token is not None:
            self.index += 1
        return token

    def keyword(self, word: str) -> bool:
        """Consume ``word`` (any case) where the next token starts with it; what is left of that token comes next."""
        token = self.peek()
        if token is None or token[0] not in ("word", "pname") or not _fold(token[1]).startswith(word):
            return False
        self.take()
        self.pending[:0] = _rest(token, len(word))
        return True


def _rest(token: Token, cut: int) -> list[Token]:
    _, value, offset = token
    return [(kind, text, offset + cut + at) for kind, text, at in _code(value[cut:])]


def fetches(
    text: str,
    *,
    lexed: list[Token] | None = None,
    prefixes: dict[str, list[str]] | None = None,
    open_end: bool = False,
    _budget: list[int] | None = None,
) -> list[Fetch]:
    """Every SERVICE and LOAD the engine may read in ``text``, glued forms included.

    ``open_end``: the text is a piece of a longer one, so what would follow it (a ``{``) is unknown.
    """
    lexed = _code(text) if lexed is None else lexed
    prefixes = _declarations(lexed) if prefixes is None else prefixes
    budget = [MAX_REREADS] if _budget is None else _budget
    found: list[Fetch] = []
    depth = 0
    for i, token in enumerate(lexed):
        kind, value, offset = token
        depth += (kind == "open") - (kind == "close")
        if kind == "iri" and ")" in value:
            found += _read_as_code(text, token, prefixes, depth, budget)
        if kind not in ("word", "pname") or not _HINT.search(value) or _is_langtag(lexed, i):
            continue
        lowered = _fold(value)
        if lowered.count("service") > MAX_KEYWORDS_PER_NAME:
            # Each candidate reads the rest of its token again: bound the work, and refuse such a name.
            found.append(Fetch("service", offset, -1, False, [UNRESOLVED], [UNRESOLVED], depth))
            continue
        at = lowered.find("service")
        while at >= 0:
            _add(found, "service", token, at, lexed, i, prefixes, open_end, depth)
            at = lowered.find("service", at + 1)
        # LOAD begins an operation, so only at the start of a token (the start, `;` or the prologue before it).
        if lowered.startswith("load") and (lowered == "load" or _starts_operation(lexed, i)):
            _add(found, "load", token, 0, lexed, i, prefixes, open_end, depth)
    return found


def _read_as_code(
    text: str, token: Token, prefixes: dict[str, list[str]], depth: int, budget: list[int]
) -> list[Fetch]:
    """The fetches of an IRI's text read as SPARQL after its first ``)``.

    A PEG engine that cannot parse an IRI (a relative one with no base, say) goes back and reads its ``<`` as
    less-than: ``FILTER(?a<1)SERVICE ?x#>`` is then a comparison, a SERVICE and a comment. When the rest of the
    IRI holds no ``#`` or ``'``, that reading stops at the IRI's ``>`` and the rest alone is read. A ``#`` or a
    ``'`` starts a comment or a string that runs on past the ``>`` and changes how the text after it reads
    (``FILTER(?a<1)#>'''`` hides the next lines from a lexer that saw a long string there), so the whole text
    from the ``)`` on is read again, a few times at most: past that, the text is refused. An IRI the engine
    accepts as an absolute IRI is read as one whatever the base, and needs none of this.
    """
    _, value, offset = token
    cut = offset + value.index(")") + 1
    end = offset + len(value) - 1
    if "#" not in text[cut:end] and "'" not in text[cut:end]:
        inner = fetches(text[cut:end], prefixes=prefixes, open_end=True, _budget=budget)
        depth_inside = False
    elif _absolute_iri(value):
        return []
    else:
        budget[0] -= 1
        if budget[0] < 0:
            return [Fetch("service", offset, -1, False, [UNRESOLVED], [UNRESOLVED], depth)]
        inner, depth_inside = fetches(text[cut:], prefixes=prefixes, _budget=budget), True
    for fetch in inner:
        fetch.start, fetch.end = cut + fetch.start, cut + fetch.end if fetch.end >= 0 else -1
        fetch.depth = depth + fetch.depth if depth_inside else depth
    return inner


def _absolute_iri(value: str) -> bool:
    try:
        NamedNode(_expand(value[1:-1]))
    except ValueError:
        return False
    return True


def _add(
    found: list[Fetch],
    keyword: str,
    token: Token,
    at: int,
    lexed: list[Token],
    i: int,
    prefixes: dict[str, list[str]],
    open_end: bool,
    depth: int,
) -> None:
    exact = token[0] == "word" and _fold(token[1]) == keyword
    reader = _Reader(lexed, i + 1, _rest(token, at + len(keyword)))
    fetch = _read_fetch(keyword, reader, prefixes, open_end, exact=exact)
    if fetch is not None:
        fetch.start, fetch.depth = token[2] + at, depth
        found.append(fetch)


def _starts_operation(lexed: list[Token], i: int) -> bool:
    """Whether token ``i`` may begin an update operation: it follows the start, a ``;`` or the prologue's last IRI
    (or VERSION string). SERVICE may begin almost anywhere, but LOAD only there."""
    return i == 0 or lexed[i - 1][1] == ";" or lexed[i - 1][0] in ("iri", "string")


def _read_fetch(
    keyword: str, after: _Reader, prefixes: dict[str, list[str]], open_end: bool, *, exact: bool
) -> Fetch | None:
    """The fetch the engine may read after ``keyword``, with SILENT and without. The engine tries both for SERVICE;
    for LOAD it keeps SILENT once read, but another engine may read ``LOADSILENT:x`` as LOAD of ``SILENT:x``."""
    readings: list[tuple[bool, _Reader]] = []
    silent = after.copy()
    if silent.keyword("silent"):
        readings.append((True, silent))
    readings.append((False, after))
    targets: list[str] = []
    first: tuple[list[str], int, bool] | None = None
    for is_silent, reader in readings:
        read = _read_target(keyword, reader, prefixes, open_end)
        if read is not None:
            targets += [t for t in read[0] if t not in targets]
            first = first or (read[0], read[1], is_silent)
    if first is None:
        if not exact:
            return None
        # The keyword itself, standing alone, is always checked, whatever follows it.
        targets = [UNRESOLVED]
        first = targets, -1, False
    return Fetch(keyword, 0, first[1], first[2], targets, first[0], 0)


def _read_target(
    keyword: str, reader: _Reader, prefixes: dict[str, list[str]], open_end: bool
) -> tuple[list[str], int] | None:
    """The target after SERVICE (IRI, prefixed name or variable, then ``{``) or LOAD (IRI or prefixed name, then
    the end, ``;`` or ``INTO GRAPH <g>``), with the offset where the operation ends; None if the engine cannot read
    one there."""
    token = reader.take()
    if token is None:
        return ([UNRESOLVED], -1) if open_end else None
    kind, value, offset = token
    end = offset + len(value)
    if kind == "other" and value == "<":
        return [UNRESOLVED], -1  # an IRI the lexer could not read: where it ends is unknown
    if kind == "iri":
        targets = [_expand(value[1:-1])]
    elif kind == "pname":
        targets = _resolve(value, prefixes)
    elif kind == "var" and keyword == "service":
        targets = [UNRESOLVED]
    else:
        return None
    after = reader.peek()
    if keyword == "service":
        return (targets, end) if (after is None and open_end) or (after and after[0] == "open") else None
    if after is None or after[1] == ";":
        return targets, end
    if not reader.keyword("into"):
        return None
    if reader.keyword("graph"):
        graph = reader.take()
        if graph is not None and graph[0] in ("iri", "pname"):
            return targets, graph[2] + len(graph[1])
    return targets, -1  # INTO, then something the engine may still read as a graph: the target is checked


def _resolve(pname: str, prefixes: dict[str, list[str]]) -> list[str]:
    prefix, _, local = pname.partition(":")
    # The engine drops the escapes (`e:a\@b` is `...a@b`), which can change the host: drop them first.
    local = _LOCAL_ESCAPE.sub(r"\1", local)
    return [namespace + local for namespace in prefixes.get(prefix, [])] or [UNRESOLVED]


def check_services(analysis: Analysis, allowed_hosts: list[str]) -> None:
    """Refuse (403) any SERVICE or LOAD whose host is not allow-listed; a variable or a relative IRI that no
    ``BASE`` of the text resolves (the endpoint's own address would) is never allowed."""
    for target in analysis.services:
        if not _allowed(target, allowed_hosts):
            raise Forbidden(
                f"{target} is not allowed: SERVICE and LOAD may reach only the allow-listed hosts",
                service=target,
                allowed_hosts=sorted({h.lower() for h in allowed_hosts}),
            )


def _allowed(target: str, allowed_hosts: list[str]) -> bool:
    try:
        sparql_iri(target)  # an escape may have brought in a space or a tab, which urlsplit would silently drop
    except ValueError:
        return False
    parts = urlsplit(target)
    host, netloc = (parts.hostname or "").lower(), parts.netloc.lower()
    allowed = {h.lower() for h in allowed_hosts}
    return bool(parts.scheme and host) and (host in allowed or netloc in allowed)


_NO_OP = "INSERT DATA {}"
"""What a refused ``LOAD SILENT`` becomes: an operation that changes nothing and touches no graph."""


def neutralise_silent_loads(text: str, allowed_hosts: list[str]) -> str:
    """Replace each ``LOAD SILENT`` of a host that is not allowed by an operation that does nothing.

    The spec makes a failing ``LOAD SILENT`` a quiet success, so the update succeeds and the host is never
    contacted; a plain ``LOAD`` is left for :func:`check_services` to refuse. Only an operation read whole (keyword,
    SILENT, a resolved target, then the end, ``;`` or ``INTO GRAPH <g>``) is replaced.

    >>> neutralise_silent_loads('LOAD SILENT <http://far.example/x> INTO GRAPH <urn:g> ; CLEAR ALL', [])
    ' INSERT DATA {}  ; CLEAR ALL'
    """
    lexed = _code(text)
    starts = {offset for _, _, offset in lexed}  # not a LOAD read inside an IRI: that one is the IRI's text
    bases = _bases(lexed)
    cuts: list[Fetch] = []
    for fetch in fetches(text, lexed=lexed):
        whole = fetch.keyword == "load" and fetch.silent and fetch.depth == 0 and fetch.end > fetch.start
        if (
            whole
            and fetch.start in starts
            and (not cuts or fetch.start >= cuts[-1].end)
            and UNRESOLVED not in fetch.first
            and not all(_allowed(r, allowed_hosts) for t in fetch.first for r in _against(t, bases))
        ):
            cuts.append(fetch)
    for fetch in reversed(cuts):
        text = f"{text[: fetch.start]} {_NO_OP} {text[fetch.end :]}"
    return text


_NESTING_WORDS = frozenset({"union", "optional", "minus", "bind", "filter", "service", "graph", "exists"})
_OPENERS, _CLOSERS = frozenset("{(["), frozenset("})]")


def check_shape(text: str, *, max_nesting: int = 128, max_operators: int = 1000) -> None:
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
    if deepest > max_nesting:
        raise LimitExceeded(
            f"The SPARQL text nests brackets {deepest} deep; the limit is {max_nesting} (sparql_max_nesting)",
            limit="sparql_max_nesting",
        )
    if chain > max_operators:
        raise LimitExceeded(
            f"The SPARQL text chains {chain} operators and group keywords; the limit is {max_operators} "
            "(sparql_max_operators)",
            limit="sparql_max_operators",
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
