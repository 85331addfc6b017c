"""``kg build``: the whole flow, from articles to out/graph.trig, graph.html and reports."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

import typer

from kg.cli._app import command, err
from kg.cli._common import (
    DateColumnOpt,
    DateOpt,
    IdColumnOpt,
    InputReport,
    InputsArg,
    ModelOpt,
    TextColumnOpt,
    check_date,
    columns,
    progress_bar,
)


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@command()
def build(
    inputs: list[str] = InputsArg,
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder."),
    date: str | None = DateOpt,
    model: str = ModelOpt,
    store: str | None = typer.Option(
        None, "--store", help="Also load into this Oxigraph directory (persistent, incremental)."
    ),
    endpoint: str | None = typer.Option(
        None, "--endpoint", help="Also load into this SPARQL 1.1 endpoint (Graph Store Protocol)."
    ),
    workers: int = typer.Option(
        os.cpu_count() or 1, "--workers", "-j",
        help="spaCy processes (with --engine dask: local worker processes). Default: the cores.",
    ),
    engine: Engine = typer.Option(
        Engine.local, "--engine", help="local: spaCy processes here; dask: one task per batch on a "
        "dask cluster, also writing out/nquads/*.nq (needs: pip install 'diplomatic-kg\\[dask]')."
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address (--engine dask); default: a local cluster."
    ),
    batch_size: int = typer.Option(
        64, "--batch-size", min=1, help="Documents per store transaction (--store) and per dask task."
    ),
    force: bool = typer.Option(False, "--force", help="Re-extract documents already stored."),
    seed: int = typer.Option(0, "--seed", help="Seed of the layout and the community detection."),
    text_column: str | None = TextColumnOpt,
    id_column: str | None = IdColumnOpt,
    date_column: str | None = DateColumnOpt,
) -> None:
    """Build the knowledge graph: out/graph.trig (one named graph per document),
    out/graph.html (offline explorer), out/report.json and out/report.md.

    Example:

        kg build seeds/ -o out/

        kg build corpus.jsonl --store graph.oxigraph -o out/

        kg build corpus.jsonl --engine dask --scheduler tcp://10.0.0.5:8786 --store graph.oxigraph

        kg build articles.csv --text-column body --id-column link --date-column published

    Reads text, Markdown, saved web pages, PDF, Word, RSS/Atom feeds, JSON lines, CSV and
    Parquet (see README, Input). Every file of a folder is read or listed as skipped, with
    its reason, in the summary and in report.json.

    Exit status: 0 every input was read; 1 some inputs were skipped (each named, with a
    count per reason; the rest was built) or an error stopped the build; 2 a usage error.
    """
    from kg.builder import build as run_build
    from kg.report import run_line, summary_lines
    from kg.settings import BuildSettings

    dask = engine is Engine.dask or scheduler is not None
    settings = BuildSettings(
        model=model, default_date=check_date(date), store=store or endpoint, workers=workers,
        engine=Engine.dask.value if dask else Engine.local.value, scheduler=scheduler,
        batch_size=batch_size, force=force, seed=seed, nquads_dir=out / "nquads" if dask else None,
        columns=columns(text_column, id_column, date_column),
    )  # fmt: skip
    report = InputReport()
    with progress_bar(inputs, "building") as tick:
        result = run_build(inputs, out, settings=settings, on_error=report,
                           on_document=lambda document, _: tick(document))  # fmt: skip
    err.print(f"[green]built[/] {run_line(result)}", highlight=False)
    print("\n".join(summary_lines(result, store or endpoint)))
    report.finish()
