"""``kg build``: the whole flow, from articles to out/graph.trig, graph.html and reports."""

from __future__ import annotations

import os
import time
from pathlib import Path

import typer

from kg.cli._app import app, err, reports_errors
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
    print_skipped,
    progress,
)


@app.command()
@reports_errors
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
    engine: str = typer.Option(
        "local", "--engine", help="local: spaCy processes here; dask: partitions on a dask cluster "
        "(out/nquads/*.nq, no HTML/report)."
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address (--engine dask); default: a local cluster."
    ),
    batch_size: int = typer.Option(
        64, "--batch-size", min=1, help="Documents per store transaction (--store)."
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

        kg build articles.csv --text-column body --id-column link --date-column published

    Reads text, Markdown, saved web pages, PDF, Word, RSS/Atom feeds, JSON lines, CSV and
    Parquet (see README, Input). Every file of a folder is read or listed as skipped, with
    its reason, in the summary and in report.json.

    Exit status: 0 every input was read; 1 some inputs were skipped (each named, with a
    count per reason; the rest was built) or an error stopped the build; 2 a usage error.
    """
    from kg.builder import build as run_build
    from kg.cli._scale import build_with_dask, count_inputs

    report = InputReport()
    cols = columns(text_column, id_column, date_column)
    if engine == "dask" or scheduler is not None:
        build_with_dask(inputs, out, scheduler=scheduler, workers=workers, model=model,
                        default_date=check_date(date), store=store or endpoint, force=force,
                        report=report, columns=cols)
        report.summary()
        raise typer.Exit(1 if report.errors else 0)
    if engine != "local":
        raise typer.BadParameter(f"--engine must be local or dask, not {engine!r}")
    t0 = time.perf_counter()
    words = 0
    with progress() as bar:
        task = bar.add_task("building", total=count_inputs(inputs), rate="")

        def tick(document, relations) -> None:
            nonlocal words
            words += len(document.text.split())
            rate = words / max(time.perf_counter() - t0, 1e-6)
            bar.update(task, advance=1, rate=f"{rate:,.0f} words/s")

        result = run_build(
            inputs, out, model=model, default_date=check_date(date), store=store or endpoint,
            workers=workers, batch_size=batch_size, force=force, on_error=report,
            on_document=tick, seed=seed, columns=cols,
        )
    s = result.summary
    err.print(f"[green]built[/] in {time.perf_counter() - t0:.1f}s", highlight=False)
    long = s["long_documents"]
    print(f"documents  {s['documents']}" + (f" ({result.skipped} already stored)"
                                            if result.skipped else "")
          + (f" ({long['documents']} long document(s) read in {long['sections']} sections)"
             if long["documents"] else ""))
    if result.stored is not None:
        print(f"store      {result.stored} documents in {store or endpoint}"
              " (out/ holds this run's documents; query the store for all)")
    print(f"relations  {s['relations']}  " + "  ".join(f"{k}={v}" for k, v in
                                                      s["by_relation"].items()))
    print("modality   " + "  ".join(f"{k}={v}" for k, v in s["by_modality"].items()))
    print(f"actors     {s['actors']}  " + "  ".join(f"{k}={v}" for k, v in
                                                   s["actors_by_kind"].items()))
    print(f"triples    {s['triples']}")
    print_skipped(s["skipped"])
    for name, path in result.files.items():
        print(f"wrote      {path}  ({name})")
    report.summary()
    if report.errors:
        raise typer.Exit(1)
