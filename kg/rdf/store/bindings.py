"""Bindings of query variables: checked, and written into the query text as a ``VALUES``
block for stores that cannot take them apart from it (SPARQL 1.1 endpoints; Oxigraph
for variables a query does not project)."""

from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError

__all__ = ["check_bindings", "with_values"]

_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def with_values(sparql: str, bindings: dict[str, Node]) -> str:
    """Return *sparql* with a ``VALUES`` block binding *bindings*, at the end of its WHERE.

    The block goes inside the outermost ``WHERE`` group, so it is joined with the
    pattern before any grouping or aggregation, as ``initBindings`` would be. Terms are
    written by ``Term.n3()``; variable names are checked. Comments, strings and IRIs in
    the query are skipped when looking for the group.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> with_values("SELECT ?b WHERE { ?a <urn:p> ?b } LIMIT 5", {"a": URIRef("urn:x")})
    'SELECT ?b WHERE { ?a <urn:p> ?b \\nVALUES (?a) { (<urn:x>) }\\n} LIMIT 5'
    """
    for k, v in bindings.items():
        if isinstance(v, BNode):
            raise QueryError("E202", f"cannot bind ?{k} to a blank node over the SPARQL protocol")
    names = " ".join(f"?{k}" for k in bindings)
    terms = " ".join(v.n3() for v in bindings.values())
    block = f"\nVALUES ({names}) {{ ({terms}) }}\n"
    close = _where_group_end(sparql)
    if close is None:
        raise QueryError("E203", "cannot find the WHERE group of the query to bind variables")
    return sparql[:close] + block + sparql[close:]


def _where_group_end(q: str) -> int | None:
    """Index of the ``}`` closing the last top-level group that is not a trailing VALUES."""
    depth = 0
    i, n = 0, len(q)
    last_close: int | None = None
    group_is_values = False
    word_start = 0
    while i < n:
        c = q[i]
        if c == "#":
            j = q.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "\"'":
            triple = q.startswith(c * 3, i)
            delim = c * 3 if triple else c
            j = i + len(delim)
            while j < n and not q.startswith(delim, j):
                j += 2 if q[j] == "\\" else 1
            i = j + len(delim)
            continue
        if c == "<":
            m = re.match(r"<[^<>\"{}|^`\\\x00-\x20]*>", q[i:])
            if m:
                i += m.end()
                continue
        if c == "{":
            if depth == 0:
                before = q[word_start:i]
                group_is_values = re.search(r"\bVALUES\b[^{}]*$", before, re.I) is not None
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                if not group_is_values:
                    last_close = i
                word_start = i + 1
            if depth < 0:
                return None
        i += 1
    return last_close if depth == 0 else None


def check_bindings(bindings: dict[str, Node] | None) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for k, v in (bindings or {}).items():
        name = str(k).lstrip("?$")
        if not _VAR.match(name):
            raise QueryError("E202", f"invalid variable name {k!r} in bindings")
        if not isinstance(v, URIRef | Literal | BNode):
            raise QueryError("E202", f"?{name} must be bound to a URIRef, Literal or BNode, got {v!r}")
        out[name] = v
    return out
