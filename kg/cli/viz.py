"""``kg viz``: the offline HTML explorer of a graph file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from kg.cli._app import app, err, reports_errors


class NodeColor(StrEnum):
    bloc = "bloc"
    kind = "kind"


@app.command()
@reports_errors
def viz(
    graph: Path = typer.Argument(..., help="A .trig/.nq/.ttl graph file made by `kg build`."),
    out: Path = typer.Option(..., "--out", "-o", help="The HTML file to write."),
    color: NodeColor = typer.Option(NodeColor.bloc, "--color", help="Colour actors by bloc or kind."),
    title: str = typer.Option("diplomatic-kg", "--title", help="Page title."),
    start: str | None = typer.Option(None, "--from", help="First date (YYYY[-MM[-DD]])."),
    end: str | None = typer.Option(None, "--to", help="Last date (YYYY[-MM[-DD]])."),
    roll_up: bool = typer.Option(False, "--roll-up", help="Map people onto their states."),
    seed: int = typer.Option(0, "--seed", help="Seed of the blocs and the layout."),
) -> None:
    """Write one self-contained HTML page (works offline) to explore the graph: filters,
    a timeline of months with a play button, search, ego networks, a PNG of the view,
    and the evidence sentences and articles of every event. The page is made by pyvis
    with our own template (kg.render.to_pyvis).

    Example:

        kg viz out/graph.trig -o out/graph.html

        kg viz out/graph.trig -o states.html --roll-up --color kind --from 2023-03
    """
    from kg.analysis.convert import to_nx
    from kg.analysis.layout import overview
    from kg.cli.analyze import load_graph
    from kg.render.html import to_html, write_html

    G = to_nx(load_graph(graph), start=start, end=end, roll_up=roll_up)
    ov = overview(G, seed=seed)
    page = to_html(G, ranks=ov.ranks, blocs=ov.blocs, positions=ov.positions, title=title, seed=seed,
                   color=color.value)  # fmt: skip
    path = write_html(out, page)
    err.print(f"wrote {path} ({G.number_of_nodes()} actors, {G.number_of_edges()} events)")
