"""The checks every query passes before any SPARQL engine sees it: a cheap lexical scan.

:func:`check_query` tokenizes the text (strings, IRIs, comments and prefixed names are
single tokens, so a keyword inside them is not a keyword) and refuses, with the reason:

* a text longer than ``max_chars``, with more than ``max_tokens`` tokens, brackets
  nested deeper than ``max_depth`` or more than ``max_patterns`` triple patterns: such
  queries crash Oxigraph's recursive parser and planner (SIGSEGV at 5,000 nested
  parentheses, 3,000 ``BIND``\\ s or 10,000 patterns) or take rdflib minutes → 400;
* an update (``INSERT``, ``DELETE``, ``LOAD``, ``DROP``, …) → 403;
* ``SERVICE`` (a request to another server) → 400.

``FROM``/``FROM NAMED`` IRIs are resolved (``PREFIX``, ``BASE``) and handed back in
:class:`QueryShape`: the worker that runs the query refuses those that name no served
graph, so no engine ever fetches a URL or reads a file.

SPARQL lets ``\\uXXXX`` escapes stand for any character of the text, and rdflib expands
them before parsing (Oxigraph does not): a text holding escapes is scanned both as written
and expanded, and refused if either reading is.

Examples
--------
>>> check_query("PREFIX d: <urn:g:> SELECT * FROM d:one WHERE { ?s ?p ?o }").from_graphs
('urn:g:one',)
>>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.rdf.server.guard.QueryRefusedError: SERVICE is refused: this endpoint sends no request to other servers
>>> check_query("ASK { FILTER(" + "(" * 100 + "1" + ")" * 100 + ") }").depth
Traceback (most recent call last):
...
kg.rdf.server.guard.QueryRefusedError: the query nests brackets more than 64 deep; that is the limit
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

__all__ = ["QueryLimits", "QueryRefusedError", "QueryShape", "check_query"]


@dataclass(frozen=True)
class QueryLimits:
    """How large a query may be. The defaults stay well below the sizes that crash
    Oxigraph 0.5 (see the module docstring) and above any query in ``ontology/queries``."""

    max_chars: int = 100_000
    max_tokens: int = 10_000
    max_depth: int = 64
    max_patterns: int = 500


@dataclass(frozen=True)
class QueryShape:
    """What the scan found: sizes, and the IRIs of the dataset clauses."""

    tokens: int
    depth: int
    patterns: int
    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()


class QueryRefusedError(Exception):
    """A query refused before it ran: *status* is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


#: SPARQL 1.1 Update operations and clauses: none can appear in a query.
UPDATE_WORDS = frozenset(
    ["INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH", "USING"]
)

_KEYWORDS = UPDATE_WORDS | {"SERVICE", "FROM", "NAMED", "PREFIX", "BASE"}
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
             |\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
             |'(?:[^'\\\n\r]|\\.)*'
             |"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<bnode>_:[\w.\-]*)
  | (?P<pname>(?:[^\W\d_][\w.\-]*)?:(?:[\w.:%\-]|\\[^\s])*)
  | (?P<number>\d*\.\d+(?:[eE][+-]?\d+)?|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)
_UNTERMINATED = re.compile(r"""'''|\"\"\"|'|\"""")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def check_query(text: str, limits: QueryLimits | None = None) -> QueryShape:
    """Scan *text*, refuse it when it breaks a limit or asks for something refused.

    Parameters
    ----------
    text : str
        A SPARQL query as the client sent it.
    limits : QueryLimits, optional
        The sizes allowed (the defaults of :class:`QueryLimits` when left out).

    Returns
    -------
    QueryShape
        The sizes found, and the ``FROM``/``FROM NAMED`` IRIs, resolved.

    Raises
    ------
    QueryRefusedError
        With status 400 (too large, ``SERVICE``, an unterminated string), or 403 (an update).
    """
    limits = limits or QueryLimits()
    if len(text) > limits.max_chars:
        raise QueryRefusedError(
            400, f"the query is {len(text):,} characters long; the limit is {limits.max_chars:,}"
        )
    shape = _scan(text, limits)
    if "\\u" in text or "\\U" in text:
        expanded = _scan(_expand_escapes(text), limits)
        shape = QueryShape(
            tokens=max(shape.tokens, expanded.tokens),
            depth=max(shape.depth, expanded.depth),
            patterns=max(shape.patterns, expanded.patterns),
            from_graphs=tuple(dict.fromkeys(shape.from_graphs + expanded.from_graphs)),
            from_named=tuple(dict.fromkeys(shape.from_named + expanded.from_named)),
        )
    return shape


def _scan(text: str, limits: QueryLimits) -> QueryShape:
    tokens = depth = max_depth = patterns = 0
    stack: list[str] = []  # open brackets
    filled: list[bool] = []  # whether the innermost {…} / […] holds a term yet
    prefixes: dict[str, str] = {}
    base: str | None = None
    from_graphs: list[str] = []
    from_named: list[str] = []
    pending: str | None = None  # the clause keyword waiting for its IRI
    pos, end = 0, len(text)
    while pos < end:
        m = _TOKEN.match(text, pos)
        assert m is not None  # the last alternative matches any character
        kind, value = m.lastgroup, m.group()
        if kind in ("pname", "bnode") and value.endswith("."):  # a local name never ends in "."
            value = value.rstrip(".")
        if kind == "pname" and value.partition(":")[0].upper() in _KEYWORDS:
            # rdflib reads `SERVICE:x` as the keyword and the name `:x`: so do we
            value = value.partition(":")[0]
            kind = "word"
        pos = m.start() + len(value)
        if kind in ("ws", "comment"):
            continue
        if kind == "punct" and value in "'\"" and _UNTERMINATED.match(text, m.start()):
            line = text.count("\n", 0, m.start()) + 1
            raise QueryRefusedError(400, f"unterminated string at line {line}")
        tokens += 1
        if tokens > limits.max_tokens:
            raise QueryRefusedError(
                400,
                f"the query has more than {limits.max_tokens:,} tokens (words, names, "
                "literals and signs); that is the limit",
            )
        if kind == "punct" and value in "{([":
            stack.append(value)
            depth = len(stack)
            if depth > max_depth:
                max_depth = depth
                if depth > limits.max_depth:
                    raise QueryRefusedError(
                        400,
                        f"the query nests brackets more than {limits.max_depth} deep; that is the limit",
                    )
            if value != "(":
                filled.append(False)
            pending = None
            continue
        in_group = bool(stack) and stack[-1] in "{["
        if kind == "punct" and value in "})]":
            if stack and stack.pop() != "(" and filled:
                patterns += filled.pop()
        elif kind == "punct" and value in ".;," and in_group:
            if filled and filled[-1]:
                patterns += 1
                filled[-1] = False
        elif kind in ("var", "iri", "pname", "bnode", "string", "number") and in_group and filled:
            filled[-1] = True
        if patterns > limits.max_patterns:
            raise QueryRefusedError(
                400,
                f"the query has more than {limits.max_patterns:,} triple patterns; that is the limit",
            )
        if kind == "punct":
            pending = None
            continue
        if kind == "word":
            word = value.upper()
            if word in UPDATE_WORDS:
                raise QueryRefusedError(
                    403,
                    f"updates are refused ({word}): this endpoint is read-only and reads "
                    "nothing from outside",
                )
            if word == "SERVICE":
                raise QueryRefusedError(
                    400, "SERVICE is refused: this endpoint sends no request to other servers"
                )
            if word in ("PREFIX", "BASE", "FROM"):
                pending = word
            elif word == "NAMED" and pending == "FROM":
                pending = "FROM NAMED"
            else:
                pending = None
            continue
        if pending == "PREFIX" and kind == "pname" and value.endswith(":"):
            pending = "PREFIX " + value[:-1]
            continue
        if pending is not None and kind in ("iri", "pname"):
            iri = _resolve(value, kind, prefixes, base)
            if pending.startswith("PREFIX "):
                prefixes[pending[7:]] = iri
            elif pending == "BASE":
                base = iri
            else:
                (from_named if pending == "FROM NAMED" else from_graphs).append(iri)
        pending = None
    return QueryShape(tokens, max_depth, patterns, tuple(from_graphs), tuple(from_named))


def _resolve(value: str, kind: str, prefixes: dict[str, str], base: str | None) -> str:
    if kind == "iri":
        iri = _expand_escapes(value[1:-1])
    else:
        prefix, _, local = value.partition(":")
        iri = prefixes.get(prefix, prefix + ":") + re.sub(r"\\(.)", r"\1", local)
    if base and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", iri):
        iri = urllib.parse.urljoin(base, iri)
    return iri


def _expand_escapes(text: str) -> str:
    """SPARQL's codepoint escapes (``\\u0053`` → ``S``), as rdflib applies them to a query."""

    def one(m: re.Match[str]) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return m.group()

    return _ESCAPE.sub(one, text)
