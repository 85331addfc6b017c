"""Named graphs as N-Quads lines.

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph(identifier=URIRef("urn:ex:g"))
>>> _ = g.add((URIRef("urn:ex:a"), URIRef("urn:ex:p"), Literal('say "hi"')))
>>> graph_nquads(g)
['<urn:ex:a> <urn:ex:p> "say \\\\"hi\\\\"" <urn:ex:g> .\\n']
"""

from __future__ import annotations

from typing import Any

__all__ = ["graph_nquads"]


def graph_nquads(graph: Any) -> list[str]:
    """The N-Quads lines of a named graph (its identifier as the graph name), sorted."""
    name = f" <{graph.identifier}> .\n"
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted(line[: -len(" .")] + name for line in text.splitlines() if line.strip())
