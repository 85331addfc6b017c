"""``kg serve``: a read-only SPARQL endpoint and query page over a graph file or a store."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import typer

from kg.cli._app import command, err
from kg.cli._common import GraphOrStoreArg


@command("serve")
def serve_cmd(
    graph: Path | None = GraphOrStoreArg,
    store: Path | None = typer.Option(
        None, "--store", help="Serve an Oxigraph store directory (opened read-only) instead of a file."
    ),
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Interface to listen on (0.0.0.0: every interface, with a warning)."
    ),
    port: int = typer.Option(7878, "--port", help="TCP port (0 picks a free one)."),
    timeout: float = typer.Option(10.0, "--timeout", help="Seconds a query may take, waiting included."),
    max_rows: int = typer.Option(10_000, "--max-rows", help="Rows returned at most per query."),
    workers: int = typer.Option(4, "--workers", min=1, help="Query processes (queries beyond them wait)."),
    memory: int = typer.Option(1024, "--memory", min=32, help="MB of memory each query process may use."),
    cors: list[str] = typer.Option(
        [], "--cors", help="An origin whose web pages may read results (repeatable; '*' for any)."
    ),
) -> None:
    """Serve the graph read-only at /sparql (SPARQL 1.1 Protocol) with a query page at /.

    Queries see the union of the document graphs.

    Updates, SERVICE and FROM of other data are refused: nothing is written, nothing outside is reached.

    A query past --timeout gets a 503 and its process is stopped. Ctrl-C stops the server.

    Example:

        kg serve out/graph.trig

        kg serve --store out/store --port 8000 --timeout 30

        curl 'http://127.0.0.1:7878/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D'
    """
    from kg.rdf.server import EndpointSettings, Source, serve

    if (graph is None) == (store is None):
        raise typer.BadParameter("give a GRAPH file (.trig, .nq, .ttl) or --store DIR, not both")
    source = Source("store", str(store)) if store is not None else Source("file", str(graph))
    if not _is_loopback(host):
        err.print(
            f"[yellow]warning[/] listening on {host}: any machine that reaches this one can "
            "query the graph (there is no login); the default 127.0.0.1 keeps it to this machine",
            highlight=False,
            soft_wrap=True,
        )
    settings = EndpointSettings(
        host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers,
        memory_mb=memory, cors=tuple(cors),
    )  # fmt: skip
    serve(
        source,
        settings,
        on_ready=lambda url, graphs: err.print(
            f"Serving {graphs} graph(s) at {url} (SPARQL endpoint: {url}sparql). Ctrl-C stops.",
            highlight=False,
            soft_wrap=True,
        ),
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
