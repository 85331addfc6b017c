"""Query results independent of the store that produced them.

:class:`QueryResult` is what :func:`kg.rdf.queries.run_query` returns for rdflib graphs and
what the stores in :mod:`kg.rdf.store` return from ``query(sparql, bindings)``. It writes the
SPARQL 1.1 Query Results JSON and CSV formats, and plain strings for tables.

Examples
--------
>>> import io
>>> from rdflib import Literal, URIRef
>>> r = QueryResult(vars=["a", "n"], rows=[(URIRef("https://w3id.org/diplomatic-kg/id/actor/RUS"),
...                                         Literal(2))])
>>> r.to_table_rows()
[['id:actor/RUS', '2']]
>>> buf = io.StringIO(); r.to_csv(buf); buf.getvalue().splitlines()
['a,n', 'https://w3id.org/diplomatic-kg/id/actor/RUS,2']
>>> buf = io.StringIO(); r.to_json(buf); json.loads(buf.getvalue())["head"]
{'vars': ['a', 'n']}
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TextIO

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["QueryResult", "collect", "from_rdflib", "shorten"]


@dataclass
class QueryResult:
    """The result of a SPARQL query.

    vars (list[str]): the SELECT variables, in order (empty for ASK and graph results).
    rows (list[tuple[Node | None, ...]]): one tuple per solution; ``None`` when unbound.
    ask (bool | None): the answer of an ASK query.
    graph (rdflib.Graph | None): the result of a CONSTRUCT or DESCRIBE query.
    """

    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    ask: bool | None = None
    graph: Graph | None = None

    def __len__(self) -> int:
        if self.graph is not None:
            return len(self.graph)
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def dicts(self) -> list[dict[str, Node | None]]:
        """The rows as ``{variable: value}`` dicts."""
        return [dict(zip(self.vars, row, strict=False)) for row in self.rows]

    def header(self) -> list[str]:
        """Column names for :meth:`to_table_rows`."""
        if self.ask is not None:
            return ["ask"]
        if self.graph is not None:
            return ["subject", "predicate", "object"]
        return list(self.vars)

    def to_table_rows(self) -> list[list[str]]:
        """The rows as strings for display: IRIs shortened with the model's prefixes,
        literals as their lexical form, unbound as ``""``."""
        if self.ask is not None:
            return [["true" if self.ask else "false"]]
        if self.graph is not None:
            return [[shorten(t) for t in triple] for triple in sorted(self.graph)]
        return [[shorten(v) for v in row] for row in self.rows]

    def to_csv(self, file: TextIO) -> None:
        """Write the SPARQL 1.1 Query Results CSV format (graph results: s,p,o rows)."""
        w = csv.writer(file, lineterminator="\n")
        w.writerow(self.header())
        if self.ask is not None:
            w.writerow(["true" if self.ask else "false"])
            return
        rows = sorted(self.graph) if self.graph is not None else self.rows
        for row in rows:
            w.writerow([_csv_value(v) for v in row])

    def to_turtle(self, file: TextIO) -> None:
        """Write a CONSTRUCT or DESCRIBE result as Turtle with the model's prefixes
        (``dkg:``, ``id:``, …); other results raise ``ValueError``."""
        if self.graph is None:
            raise ValueError("only CONSTRUCT and DESCRIBE results are graphs; use csv, json or table")
        file.write(self.graph.serialize(format="turtle"))

    def to_json(self, file: TextIO) -> None:
        """Write the SPARQL 1.1 Query Results JSON format (graph results: JSON-LD)."""
        if self.graph is not None:
            file.write(self.graph.serialize(format="json-ld"))
            return
        file.write(json.dumps(self.to_json_obj(), ensure_ascii=False, indent=1))
        file.write("\n")

    def to_json_obj(self) -> dict[str, Any]:
        """The SPARQL 1.1 JSON results document as a dict."""
        if self.ask is not None:
            return {"head": {}, "boolean": self.ask}
        bindings = [
            {var: _json_term(v) for var, v in zip(self.vars, row, strict=False) if v is not None}
            for row in self.rows
        ]
        return {"head": {"vars": list(self.vars)}, "results": {"bindings": bindings}}


def collect(
    *,
    ask: bool | None = None,
    triples: Iterable[tuple[Node, Node, Node]] | None = None,
    vars: Iterable[str] = (),
    rows: Iterable[tuple[Node | None, ...]] = (),
    max_rows: int | None = None,
) -> QueryResult:
    """The one place a store's answer becomes a :class:`QueryResult`: an ASK answer, the
    triples of a CONSTRUCT or DESCRIBE (a graph), or the variables and rows of a SELECT;
    at most ``max_rows`` triples or rows are read.

    >>> from rdflib import URIRef
    >>> collect(vars=["a"], rows=iter([(URIRef("urn:x"),), (None,)]), max_rows=1).rows
    [(rdflib.term.URIRef('urn:x'),)]
    >>> collect(ask=True).to_table_rows()
    [['true']]
    """
    if ask is not None:
        return QueryResult(ask=bool(ask))
    if triples is not None:
        from kg.rdf.mapping import bind_prefixes

        # the model's prefixes (dkg:, id:, …), never rdflib's ns1:, when it is written out
        if isinstance(triples, Graph) and max_rows is None:
            return QueryResult(graph=bind_prefixes(triples))
        g = bind_prefixes(Graph())
        if max_rows is None:
            g.addN((s, p, o, g) for s, p, o in triples)
        else:  # Oxigraph yields a triple once per solution: count the distinct ones
            for t in triples:
                if len(g) >= max_rows:
                    break
                g.add(t)
        return QueryResult(graph=g)
    taken = rows if max_rows is None else islice(rows, max_rows)
    return QueryResult(vars=list(vars), rows=[tuple(r) for r in taken])


def from_rdflib(result: Any, max_rows: int | None = None) -> QueryResult:
    """Convert an ``rdflib.query.Result`` to a :class:`QueryResult` (see :func:`collect`)."""
    if result.type == "ASK":
        return collect(ask=result.askAnswer)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return collect(triples=result.graph if result.graph is not None else Graph(), max_rows=max_rows)
    return collect(vars=[str(v) for v in (result.vars or [])], rows=result, max_rows=max_rows)


def shorten(node: Node | None) -> str:
    """A short display form: ``id:actor/RUS``, ``dkg:Meeting``, a literal's text.

    >>> shorten(URIRef("https://w3id.org/diplomatic-kg/ontology#Meeting"))
    'dkg:Meeting'
    >>> shorten(None)
    ''
    """
    from kg.rdf.namespace import PREFIXES

    if node is None:
        return ""
    if isinstance(node, URIRef):
        s = str(node)
        for prefix, ns in PREFIXES.items():
            if s.startswith(ns) and len(s) > len(ns):
                return f"{prefix}:{s[len(ns) :]}"
        return s
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _csv_value(v: Node | None) -> str:
    if v is None:
        return ""
    if isinstance(v, BNode):
        return f"_:{v}"
    return str(v)


def _json_term(v: Node) -> dict[str, str]:
    if isinstance(v, URIRef):
        return {"type": "uri", "value": str(v)}
    if isinstance(v, BNode):
        return {"type": "bnode", "value": str(v)}
    if isinstance(v, Literal):
        out = {"type": "literal", "value": str(v)}
        if v.language:
            out["xml:lang"] = v.language
        elif v.datatype:
            out["datatype"] = str(v.datatype)
        return out
    return {"type": "literal", "value": str(v)}
