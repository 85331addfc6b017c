"""Writing RDF terms, triples and named graphs as N-Triples / N-Quads lines, fast.

The stores write graphs with it (Oxigraph's bulk loader and an endpoint's Graph Store
requests take N-Triples), and the build writes its ``part-NNNNNN.nq`` files with
:func:`graph_nquads`. Terms are checked as they are written (:class:`BadTermError`), so a
bulk loader can skip its own checks.

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph(identifier=URIRef("urn:ex:g"))
>>> _ = g.add((URIRef("urn:ex:a"), URIRef("urn:ex:p"), Literal('say "hi"')))
>>> graph_nquads(g)
['<urn:ex:a> <urn:ex:p> "say \\\\"hi\\\\"" <urn:ex:g> .\\n']
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["IRI", "XSD_STRING", "BadTermError", "graph_nquads", "nt", "triple_lines"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: an absolute IRI as N-Triples and SPARQL accept it
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*$")
_LANG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_BNODE_LABEL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(?<!\.)$")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def graph_nquads(graph: Any) -> list[str]:
    """The N-Quads lines of a named graph (its identifier as the graph name), sorted."""
    name = f" <{graph.identifier}> .\n"
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted(line[: -len(" .")] + name for line in text.splitlines() if line.strip())


class BadTermError(ValueError):
    """A term that cannot be written as N-Triples (an IRI with spaces, say)."""


def nt(term: Node) -> str:
    """N-Triples form of an rdflib term; IRIs and language tags are checked here, so the
    bulk loader can skip its own checks (``lenient=True``)."""
    if isinstance(term, Literal):
        v = str(term).translate(_ESCAPES)
        if term.language:
            if not _LANG.match(term.language):
                raise BadTermError(f"bad language tag {term.language!r}")
            return f'"{v}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != XSD_STRING:
            if not IRI.match(term.datatype):
                raise BadTermError(f"bad datatype IRI {str(term.datatype)!r}")
            return f'"{v}"^^<{term.datatype}>'
        return f'"{v}"'
    if isinstance(term, BNode):
        label = str(term)
        if not _BNODE_LABEL.match(label):
            import hashlib

            label = "h" + hashlib.sha1(label.encode("utf-8")).hexdigest()
        return f"_:{label}"
    if not isinstance(term, URIRef) or not IRI.match(term):
        raise BadTermError(f"bad IRI {str(term)!r}")
    return f"<{term}>"


def triple_lines(graph: Graph, cache: dict[Node, str]) -> list[str]:
    """``"s p o"`` strings (no final dot) for every triple of *graph*; terms cached."""
    out = []
    get = cache.get
    for s, p, o in graph:
        a = get(s)
        if a is None:
            a = cache[s] = nt(s)
        b = get(p)
        if b is None:
            b = cache[p] = nt(p)
        c = get(o)
        if c is None:
            c = cache[o] = nt(o)
        out.append(f"{a} {b} {c}")
    if len(cache) > 500_000:
        cache.clear()
    return out
