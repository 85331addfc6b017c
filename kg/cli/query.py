"""``kg query``: run a saved or ad-hoc SPARQL query over a graph file, a store or an endpoint."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kg.cli._app import command, out_console
from kg.cli._common import GraphOrStoreArg

if TYPE_CHECKING:
    from kg.rdf.queries import SavedQuery
    from kg.rdf.results import QueryResult


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@command()
def query(
    graph: str | None = GraphOrStoreArg,
    sparql: str | None = typer.Argument(None, help="The SPARQL query text.", show_default=False),
    file: Path | None = typer.Option(None, "--file", help="Read the query from a .rq file."),
    saved: str | None = typer.Option(None, "--saved", "-s", help="Run a saved query by name."),
    param: list[str] = typer.Option(
        [], "--param", "-p", help="name=value: an actor IRI, ISO-3 code, QID or exact label."
    ),
    fmt: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f", help="Output format."),
    store: Path | None = typer.Option(None, "--store", help="Query an Oxigraph store directory."),
    endpoint: str | None = typer.Option(None, "--endpoint", help="Query a SPARQL 1.1 endpoint."),
    list_: bool = typer.Option(False, "--list", help="List the saved queries and exit."),
) -> None:
    """Run a SPARQL query over the union of all document graphs and print the rows.

    Example:

        kg query out/graph.trig --saved who_met_whom

        kg query out/graph.trig --saved who_supports --param target=SYR --format csv

        kg query out/graph.trig "SELECT ?s WHERE { ?s a <https://w3id.org/diplomatic-kg/ontology#State> }"

        kg query --store out/store --file question.rq --format json

        kg query --list
    """
    from kg.rdf.queries import run_query

    if list_:
        return _print_saved_queries()
    if (store or endpoint) and sparql is None:
        graph, sparql = None, graph  # no graph file with a store: the argument is the query
    q, name = _the_query(sparql, file, saved)
    params = _params(param)
    if store is not None or endpoint is not None:
        from kg.rdf.store import open_store

        with open_store(str(store) if store else endpoint, read_only=True) as s:
            result = run_query(s, q, params, name=name)
    else:
        result = run_query(_load(graph), q, params, name=name)
    _write(result, fmt)


def _the_query(
    sparql: str | None, file: Path | None, saved: str | None
) -> tuple[str | SavedQuery, str | None]:
    from kg.errors import QueryError
    from kg.rdf.queries import load_query, parse_query_header

    if sum(x is not None for x in (sparql, file, saved)) != 1:
        raise QueryError("E335", "give exactly one of: SPARQL text, --file F.rq, --saved NAME")
    if saved is not None:
        return load_query(saved), None
    if file is not None:
        if not file.is_file():
            raise QueryError("E335", "no such query file", path=str(file))
        return parse_query_header(file.stem, file.read_text(encoding="utf-8")), str(file)
    return str(sparql), None


def _params(pairs: list[str]) -> dict[str, str]:
    from kg.errors import QueryError

    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError("E332", f"--param {pair!r}: expected name=value")
        out[name.strip()] = value
    return out


def _load(graph: str | None):  # -> rdflib.Dataset
    from kg.errors import QueryError
    from kg.rdf.mapping import load_dataset

    if graph is None:
        raise QueryError("E335", "give a graph file (.trig, .nq, .ttl, …), --store or --endpoint")
    return load_dataset(graph)


def _write(result: QueryResult, fmt: QueryFormat) -> None:
    if fmt is QueryFormat.csv:
        result.to_csv(sys.stdout)
    elif fmt is QueryFormat.json:
        result.to_json(sys.stdout)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table()
        for column in result.header():
            table.add_column(column, overflow="fold")  # never cut an IRI short
        for row in result.to_table_rows():
            table.add_row(*row)
        out_console().print(table)
        Console(stderr=True).print(f"{len(result)} row(s)", highlight=False)


def _print_saved_queries() -> None:
    from rich.table import Table

    from kg.rdf.queries import list_queries

    table = Table("name", "title", "params", "description")
    for q in list_queries():
        table.add_row(q.name, q.title, ", ".join(q.param_names), q.description)
    out_console().print(table)
