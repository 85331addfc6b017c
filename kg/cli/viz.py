"""``kg viz``: the offline HTML explorer of a graph file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from kg.cli._app import command, err
from kg.cli._common import FromOpt, GraphArg, RollUpOpt, SeedOpt, ToOpt


class NodeColor(StrEnum):
    bloc = "bloc"
    kind = "kind"


@command()
def viz(
    graph: Path = GraphArg,
    out: Path = typer.Option(..., "--out", "-o", help="The HTML file to write."),
    color: NodeColor = typer.Option(NodeColor.bloc, "--color", help="Colour actors by bloc or kind."),
    title: str = typer.Option("diplomatic-kg", "--title", help="Page title."),
    start: str | None = FromOpt,
    end: str | None = ToOpt,
    roll_up: bool = RollUpOpt,
    seed: int = SeedOpt,
) -> None:
    """Write one self-contained HTML page (works offline) to explore the graph: filters,
    date range, search, and the evidence sentences of every event.

    Example:

        kg viz out/graph.trig -o out/graph.html

        kg viz out/graph.trig -o states.html --roll-up --color kind --from 2023-03
    """
    from kg.analysis.convert import to_nx
    from kg.rdf.mapping import load_dataset
    from kg.render.html import to_html, write_html

    G = to_nx(load_dataset(graph), start=start, end=end, roll_up=roll_up)
    path = write_html(out, to_html(G, title=title, seed=seed, color=color.value))
    err.print(f"wrote {path} ({G.number_of_nodes()} actors, {G.number_of_edges()} events)")
