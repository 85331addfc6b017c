"""The actor network as a file for other tools: GEXF (Gephi) and GraphML (Cytoscape, yEd).

GEXF and GraphML take scalar attributes only, and no null: :func:`flatten` writes lists
and dicts (an event's evidence, say) as JSON text and leaves ``None`` out. To add a
format, add its writer to :data:`WRITERS` (``docs/architecture.md``).

Examples
--------
>>> import networkx as nx, tempfile, pathlib
>>> G = nx.MultiDiGraph()
>>> _ = G.add_edge("A", "B", key="e1", relation="meets", evidence=[{"sentence": "A met B."}], date=None)
>>> path = write_graph(G, pathlib.Path(tempfile.mkdtemp()) / "g.graphml", "graphml")
>>> "A met B." in path.read_text(encoding="utf-8")
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["WRITERS", "flatten", "write_graph"]

#: format name → the name of the NetworkX function writing it
WRITERS: dict[str, str] = {"gexf": "write_gexf", "graphml": "write_graphml"}


def write_graph(G: nx.Graph, path: str | Path, fmt: str) -> Path:
    """Write ``G`` (flattened) to ``path`` as ``fmt`` (a key of :data:`WRITERS`),
    creating parent folders; returns the path."""
    import networkx as nx

    if fmt not in WRITERS:
        raise ValueError(f"unknown graph format {fmt!r}; valid: {', '.join(WRITERS)}")
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    getattr(nx, WRITERS[fmt])(flatten(G), p)
    return p


def flatten(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes are scalars: lists and dicts become JSON text,
    None values are left out (GEXF and GraphML have no null)."""
    H = G.__class__()
    H.add_nodes_from((n, _scalars(d)) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from((u, v, k, _scalars(d)) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        H.add_edges_from((u, v, _scalars(d)) for u, v, d in G.edges(data=True))
    return H


def _scalars(d: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        if v is None:
            continue
        out[k] = v if isinstance(v, str | int | float | bool) else json.dumps(v, ensure_ascii=False)
    return out
