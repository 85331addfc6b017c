"""``kg export``: the actor network as GEXF or GraphML for Gephi, Cytoscape, yEd."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from kg.cli._app import app, err, reports_errors

if TYPE_CHECKING:
    import networkx as nx


class GraphFormat(StrEnum):
    gexf = "gexf"
    graphml = "graphml"


@app.command()
@reports_errors
def export(
    graph: Path = typer.Argument(..., help="A .trig/.nq/.ttl graph file made by `kg build`."),
    fmt: GraphFormat = typer.Option(..., "--format", "-f", help="gexf or graphml."),
    out: Path = typer.Option(..., "--out", "-o", help="The file to write."),
    signed: bool = typer.Option(False, "--signed", help="Export the signed actor network."),
    roll_up: bool = typer.Option(False, "--roll-up", help="Map people onto their states."),
) -> None:
    """Export the actors and events (one edge per event, evidence as JSON text), or the
    signed network, for Gephi (GEXF) or Cytoscape/yEd (GraphML).

    Example:

        kg export out/graph.trig --format gexf -o out/graph.gexf

        kg export out/graph.trig --format graphml --signed --roll-up -o states.graphml
    """
    import networkx as nx

    from kg.analysis.convert import signed_graph, to_nx
    from kg.cli.analyze import load_graph

    G = to_nx(load_graph(graph), roll_up=roll_up)
    flat = flatten(signed_graph(G) if signed else G)
    out.parent.mkdir(parents=True, exist_ok=True)
    (nx.write_gexf if fmt is GraphFormat.gexf else nx.write_graphml)(flat, out)
    err.print(f"wrote {out} ({flat.number_of_nodes()} nodes, {flat.number_of_edges()} edges)")


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
