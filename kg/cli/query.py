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
    turtle = "turtle"


#: a table cell longer than this is cut (with …) unless --wide is given
CELL = 60


@command()
def query(
    graph: str | None = GraphOrStoreArg,
    sparql: str | None = typer.Argument(None, help="The SPARQL query text.", show_default=False),
    file: Path | None = typer.Option(None, "--file", help="Read the query from a .rq file."),
    saved: str | None = typer.Option(None, "--saved", "-s", help="Run a saved query by name."),
    param: list[str] = typer.Option(
        [], "--param", "-p", help="name=value: an actor IRI, ISO-3 code, QID or exact label."
    ),
    fmt: QueryFormat = typer.Option(
        QueryFormat.table, "--format", "-f", help="Output format (turtle: CONSTRUCT/DESCRIBE results)."
    ),
    wide: bool = typer.Option(False, "--wide", help=f"Table: keep long cells whole (else cut at {CELL})."),
    store: Path | None = typer.Option(None, "--store", help="Query an Oxigraph store directory."),
    endpoint: str | None = typer.Option(None, "--endpoint", help="Query a SPARQL 1.1 endpoint."),
    list_: bool = typer.Option(False, "--list", help="List the saved queries and exit."),
) -> None:
    """Run a SPARQL query over the union of all document graphs and print the rows.

    Example:

        kg query out/graph.trig --saved who_met_whom

        kg query out/graph.trig --saved who_supports --param target=Assad --format csv

        kg query out/graph.trig --saved all_relations --wide

        kg query out/graph.trig "SELECT ?s WHERE { ?s a <https://w3id.org/diplomatic-kg/ontology#State> }"

        kg query --store out/store --file question.rq --format json

        kg query --list
    """
    from kg.rdf.queries import run_query

    if list_:
        return _print_saved_queries()
    if (store or endpoint) and sparql is None:
        graph, sparql = None, graph  # no graph file with a store: the argument is the query
    if graph is not None and store is None and endpoint is None and Path(graph).is_dir():
        graph, store = None, Path(graph)  # a store directory given as the graph
    q, name = _the_query(sparql, file, saved)
    params = _params(param)
    if store is not None or endpoint is not None:
        from kg.rdf.store import open_store

        with open_store(str(store) if store else endpoint, read_only=True) as s:
            result = run_query(s, q, params, name=name)
    else:
        result = run_query(_load(graph), q, params, name=name)
    _write(result, fmt, wide=wide)


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


def _write(result: QueryResult, fmt: QueryFormat, *, wide: bool = False) -> None:
    from kg.errors import QueryError

    if fmt is QueryFormat.csv:
        result.to_csv(sys.stdout)
    elif fmt is QueryFormat.json:
        result.to_json(sys.stdout)
    elif fmt is QueryFormat.turtle:
        try:
            result.to_turtle(sys.stdout)
        except ValueError as e:
            raise QueryError("E335", str(e)) from None
    else:
        from rich.console import Console
        from rich.table import Table

        console = out_console()
        header, rows = result.header(), result.to_table_rows()
        table = Table()
        if wide:
            for column in header:
                table.add_column(column, overflow="fold")  # every cell whole
            for row in rows:
                table.add_row(*row)
        else:  # one line a row: long cells cut with …, short columns kept whole
            widths = fit(header, rows, console.width)
            for column, w in zip(header, widths, strict=True):
                table.add_column(cut(column, w), width=w, no_wrap=True, overflow="ellipsis")
            for row in rows:
                table.add_row(*(cut(cell, w) for cell, w in zip(row, widths, strict=True)))
        console.print(table)
        Console(stderr=True).print(f"{len(result)} row(s)", highlight=False)


def fit(header: list[str], rows: list[list[str]], width: int, *, short: int = 14) -> list[int]:
    """Column widths that fit a table in ``width`` characters on one line a row: columns
    no wider than ``short`` keep their width, the others share the rest (at most
    :data:`CELL`, at least 6).

    >>> fit(["relation", "sentence"], [["meets", "x" * 200]], 80)
    [8, 60]
    >>> fit(["a", "b", "c"], [["x" * 100, "y" * 100, "z"]], 50)
    [19, 19, 1]
    """
    natural = [min(CELL, max([len(h), *(len(" ".join(r[i].split())) for r in rows)]))
               for i, h in enumerate(header)]  # fmt: skip
    room = width - (3 * len(header) + 1)  # rich's borders and padding
    fixed = sum(w for w in natural if w <= short)
    wide = [i for i, w in enumerate(natural) if w > short]
    if not wide:
        return natural
    share = max(6, (room - fixed) // len(wide))
    return [w if w <= short else min(w, share) for w in natural]


def cut(cell: str, width: int = CELL) -> str:
    """A table cell on one line, at most ``width`` characters (``…`` marks the cut).

    >>> cut("Russian President Vladimir Putin met with Syrian President Bashar al-Assad", 30)
    'Russian President Vladimir Pu…'
    """
    cell = " ".join(cell.split())
    return cell if len(cell) <= width else cell[: width - 1] + "…"


def _print_saved_queries() -> None:
    from rich.table import Table

    from kg.rdf.queries import list_queries

    table = Table("name", "title", "params", "description")
    for q in list_queries():
        table.add_row(q.name, q.title, ", ".join(q.param_names), q.description)
    out_console().print(table)
