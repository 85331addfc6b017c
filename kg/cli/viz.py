"""``kg viz``: the offline HTML explorer of a graph file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from kg.cli._app import command, err
from kg.cli._common import (
    EndpointOpt,
    FromOpt,
    GraphOrStoreArg,
    RollUpOpt,
    SeedOpt,
    StoreOpt,
    ToOpt,
    graph_source,
)


class NodeColor(StrEnum):
    bloc = "bloc"
    kind = "kind"


@command()
def viz(
    graph: Path | None = GraphOrStoreArg,
    store: Path | None = StoreOpt,
    endpoint: str | None = EndpointOpt,
    out: Path = typer.Option(..., "--out", "-o", help="The HTML file to write."),
    color: NodeColor = typer.Option(NodeColor.bloc, "--color", help="Colour actors by bloc or kind."),
    title: str = typer.Option("diplomatic-kg", "--title", help="Page title."),
    start: str | None = FromOpt,
    end: str | None = ToOpt,
    roll_up: bool = RollUpOpt,
    seed: int = SeedOpt,
) -> None:
    """Write one self-contained HTML page (works offline) to explore the graph: filters,
    a timeline of months with a play button, search, ego networks, a PNG of the view,
    and the evidence sentences and articles of every event. The page is made by pyvis
    with our own template (kg.render.to_pyvis).

    Example:

        kg viz out/graph.trig -o out/graph.html

        kg viz out/graph.trig -o states.html --roll-up --color kind --from 2023-03

        kg viz --store out/store -o everything.html
    """
    from kg.analysis.convert import to_nx
    from kg.analysis.layout import overview
    from kg.analysis.report import summary
    from kg.render.html import to_html, write_html

    with graph_source(graph, store, endpoint) as source:
        G = to_nx(source, start=start, end=end, roll_up=roll_up)
    ov = overview(G, seed=seed)
    page = to_html(G, ranks=ov.ranks, blocs=ov.blocs, positions=ov.positions, title=title, seed=seed,
                   color=color.value)  # fmt: skip
    path = write_html(out, page)
    s = summary(G)  # the counts of kg build and kg analyze
    err.print(f"wrote {path} ({s['actors']} actors, {s['events']} events from "
              f"{s['documents_with_relations']} of {s['documents']} documents)")  # fmt: skip
