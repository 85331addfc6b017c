"""``kg export``: the actor network as GEXF or GraphML for Gephi, Cytoscape, yEd."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from kg.cli._app import command, err
from kg.cli._common import GraphArg, RollUpOpt


class GraphFormat(StrEnum):
    gexf = "gexf"
    graphml = "graphml"


@command()
def export(
    graph: Path = GraphArg,
    fmt: GraphFormat = typer.Option(..., "--format", "-f", help="gexf or graphml."),
    out: Path = typer.Option(..., "--out", "-o", help="The file to write."),
    signed: bool = typer.Option(False, "--signed", help="Export the signed actor network."),
    roll_up: bool = RollUpOpt,
) -> None:
    """Export the actors and events (one edge per event, evidence as JSON text), or the
    signed network, for Gephi (GEXF) or Cytoscape/yEd (GraphML).

    Example:

        kg export out/graph.trig --format gexf -o out/graph.gexf

        kg export out/graph.trig --format graphml --signed --roll-up -o states.graphml
    """
    from kg.analysis.convert import signed_graph, to_nx
    from kg.rdf.mapping import load_dataset
    from kg.render.export import write_graph

    G = to_nx(load_dataset(graph), roll_up=roll_up)
    H = signed_graph(G) if signed else G
    path = write_graph(H, out, fmt.value)
    err.print(f"wrote {path} ({H.number_of_nodes()} nodes, {H.number_of_edges()} edges)")
