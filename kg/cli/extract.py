"""``kg extract``: relations as JSON lines or a table."""

from __future__ import annotations

import json
import sys
from enum import StrEnum

import typer

from kg.cli._app import command, out_console
from kg.cli._common import (
    DateColumnOpt,
    DateOpt,
    IdColumnOpt,
    InputReport,
    InputsArg,
    ModelOpt,
    TextColumnOpt,
    WorkersOpt,
    check_date,
    columns,
    progress_bar,
)


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


@command()
def extract(
    inputs: list[str] = InputsArg,
    fmt: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f", help="Output format."),
    date: str | None = DateOpt,
    model: str = ModelOpt,
    workers: int = WorkersOpt,
    text_column: str | None = TextColumnOpt,
    id_column: str | None = IdColumnOpt,
    date_column: str | None = DateColumnOpt,
) -> None:
    """Extract relations from articles and print them, one JSON object a line.

    Example:

        kg extract seeds/000_72b9556ecc5a0186.txt --date 2023-03-17

        kg extract corpus.jsonl --format table

        kg extract readout.pdf statement.docx page.html feed.rss --format table

    Reads text, Markdown, saved web pages, PDF, Word, RSS/Atom feeds, JSON lines, CSV and
    Parquet (see README, Input); a relation's "doc" is the file, line, item or section id.

    Exit status: 0 every input was read; 1 some inputs were skipped (each named on stderr,
    with a count per reason; the rest was extracted) or an error stopped the run; 2 a usage
    error.
    """
    from kg.extraction import iter_relations
    from kg.ingest import iter_documents
    from kg.nlp.pipeline import load_nlp

    report = InputReport()
    docs = iter_documents(inputs, on_error=report, default_date=check_date(date),
                          columns=columns(text_column, id_column, date_column))
    rows = []
    with progress_bar(inputs, "extracting") as tick:
        for document, relations in iter_relations(docs, load_nlp(model), n_process=workers, on_error=report):
            tick(document)
            if fmt is ExtractFormat.jsonl:
                sys.stdout.writelines(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in relations)
            else:
                rows.extend(relations)
    if fmt is ExtractFormat.table:
        _print_table(rows)
    report.finish()


def _print_table(rows: list) -> None:
    from rich.table import Table
    from rich.text import Text

    t = Table(show_lines=False)
    for col in ("relation", "modality", "source", "target", "said by", "date", "place", "conf"):
        t.add_column(col)

    def a(x):
        return f"{x.label} [{x.country}]" if x and x.country else (x.label if x else "")

    for r in rows:  # Text cells: labels from articles are never read as Rich markup
        t.add_row(*map(Text, (r.relation, r.modality.value, a(r.source), a(r.target),
                              a(r.attributed_to), r.date or "", r.place.label if r.place else "",
                              f"{r.confidence:.2f}")))
    out_console().print(t)
