"""``kg serve``: a read-only SPARQL endpoint and query page over a graph file or a store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kg.cli._app import command, err
from kg.cli._common import GraphOrStoreArg

if TYPE_CHECKING:
    from kg.rdf.store import Store


@command("serve")
def serve_cmd(
    graph: Path | None = GraphOrStoreArg,
    store: Path | None = typer.Option(
        None, "--store", help="Serve an Oxigraph store directory instead of a file."
    ),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(7878, "--port", help="TCP port (0 picks a free one)."),
    timeout: float = typer.Option(10.0, "--timeout", help="Seconds a query may run."),
    max_rows: int = typer.Option(10_000, "--max-rows", help="Rows returned at most per query."),
) -> None:
    """Serve the graph read-only at /sparql (SPARQL 1.1 Protocol) with a query page at /.

    Queries see the union of the document graphs; updates are refused.
    A query running past --timeout gets a 503. Ctrl-C stops the server.

    Example:

        kg serve out/graph.trig

        kg serve --store out/store --port 8000 --timeout 30

        curl 'http://127.0.0.1:7878/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D'
    """
    from kg.rdf.server import serve

    with _open(graph, store) as s:
        serve(
            s,
            host,
            port,
            timeout=timeout,
            max_rows=max_rows,
            on_ready=lambda url: err.print(
                f"Serving {len(s.graph_names())} graph(s) at {url} "
                f"(SPARQL endpoint: {url}sparql). Ctrl-C stops.",
                highlight=False,
                soft_wrap=True,
            ),
        )


def _open(graph: Path | None, store: Path | None) -> Store:
    from kg.errors import StoreError
    from kg.rdf.store import MemoryStore, open_store

    if store is not None:
        if graph is not None:
            raise typer.BadParameter("give either a GRAPH file or --store DIR, not both")
        if not store.is_dir():
            raise StoreError("E301", "no such Oxigraph store directory", path=str(store))
        return open_store(store)
    if graph is None:
        raise typer.BadParameter("give a GRAPH file (.trig, .nq, .ttl) or --store DIR")
    return MemoryStore.from_file(graph, read_only=True)
