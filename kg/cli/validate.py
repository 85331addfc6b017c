"""``kg validate``: check a graph file against the SHACL shapes of the RDF model."""

from __future__ import annotations

import typer

from kg.cli._app import command
from kg.cli._common import GraphArg


@command()
def validate(
    graph: str = GraphArg,
) -> None:
    """Check every document graph against ontology/shapes/dkg-shapes.ttl; exit 1 if it fails.

    Example:

        kg validate out/graph.trig
    """
    from rich.console import Console
    from rich.table import Table

    from kg.rdf.mapping import load_dataset
    from kg.rdf.shapes import validate as validate_graph

    report = validate_graph(load_dataset(graph))
    out = Console(soft_wrap=True)
    if report.conforms:
        out.print(f"{graph}: conforms to the dkg shapes", highlight=False)
        return
    table = Table()
    for column in ("severity", "focus node", "path", "message", "value"):
        table.add_column(column, overflow="fold")
    for v in report.violations:
        table.add_row(v.severity, v.focus, v.path, v.message, v.value)
    out.print(table)
    out.print(f"{graph}: {len(report.violations)} violation(s)", highlight=False)
    raise typer.Exit(1)
