"""``kg export``: the actor network as GEXF (Gephi), GraphML (yEd, Cytoscape) or
Cytoscape.js JSON, with blocs, PageRank, colours, positions and dated events."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from kg.cli._app import command, err
from kg.cli._common import EndpointOpt, GraphOrStoreArg, RollUpOpt, SeedOpt, StoreOpt, graph_source


class GraphFormat(StrEnum):
    gexf = "gexf"
    graphml = "graphml"
    cytoscape = "cytoscape"


@command()
def export(
    graph: Path | None = GraphOrStoreArg,
    store: Path | None = StoreOpt,
    endpoint: str | None = EndpointOpt,
    fmt: GraphFormat = typer.Option(..., "--format", "-f", help="gexf, graphml or cytoscape (JSON)."),
    out: Path = typer.Option(..., "--out", "-o", help="The file to write."),
    signed: bool = typer.Option(False, "--signed", help="Export the signed actor network."),
    roll_up: bool = RollUpOpt,
    seed: int = SeedOpt,
) -> None:
    """Export the actors (kind, country, bloc, PageRank, size, colour, position) and the
    events (one edge each: relation, modality, weight, date, evidence as JSON text), or
    the signed network, for Gephi (GEXF, dynamic: its timeline plays the events),
    yEd/Cytoscape (GraphML) or Cytoscape.js (JSON).

    Example:

        kg export out/graph.trig --format gexf -o out/graph.gexf

        kg export out/graph.trig --format cytoscape -o out/graph.cyjs

        kg export out/graph.trig --format graphml --signed --roll-up -o states.graphml

        kg export --store out/store --format gexf -o everything.gexf
    """
    from kg.analysis.convert import signed_graph, to_nx
    from kg.analysis.layout import overview
    from kg.render.export import write_graph

    with graph_source(graph, store, endpoint) as source:
        G = to_nx(source, roll_up=roll_up)
    ov = overview(G, seed=seed)
    H = signed_graph(G) if signed else G
    path = write_graph(H, out, fmt.value, ranks=ov.ranks, blocs=ov.blocs, positions=ov.positions)
    err.print(f"wrote {path} ({H.number_of_nodes()} nodes, {H.number_of_edges()} edges)")
