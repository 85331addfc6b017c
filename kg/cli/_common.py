"""Options and helpers shared by the commands that read articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from kg.cli._app import err
from kg.errors import InputError
from kg.vocab import DEFAULT_MODEL

InputsArg = typer.Argument(
    ...,
    help="Articles: .txt/.md files, saved web pages (.html), PDF and Word (.docx) files, "
    "RSS/Atom feeds (.rss/.atom/.xml), JSON lines (.jsonl: id, text, optional date/title/url/"
    "source), CSV/TSV or Parquet tables with a text column, folders of them, or - for stdin. "
    "A page, PDF or Word file gives its own title and date; texts over 200,000 characters are "
    "read in sections.",
    show_default=False,
)
TextColumnOpt = typer.Option(
    None, "--text-column", help="Column (CSV/Parquet) or field (JSON lines) of the text. Default: text."
)
IdColumnOpt = typer.Option(
    None, "--id-column", help="Column or field of the document id. Default: id (else file:line)."
)
DateColumnOpt = typer.Option(
    None, "--date-column", help="Column or field of the date (YYYY-MM-DD). Default: date."
)

DateOpt = typer.Option(
    None, "--date", help="Date (YYYY-MM-DD) for articles that give none; resolves 'on Wednesday'."
)
ModelOpt = typer.Option(DEFAULT_MODEL, "--model", "-m", help="Any installed English spaCy pipeline.")


class InputReport:
    """Collects input problems, prints each as it comes, and says whether any failed."""

    def __init__(self) -> None:
        self.errors: list[InputError] = []
        self.warnings: list[InputError] = []

    def __call__(self, e: InputError) -> None:
        # file names, ids and JSON messages are data: escaped, never read as Rich markup
        if e.code.startswith("W"):
            self.warnings.append(e)
            err.print(f"[yellow]warning[/] {escape(str(e))}", highlight=False, soft_wrap=True)
        else:
            self.errors.append(e)
            err.print(f"[red]error[/] {escape(str(e))}", highlight=False, soft_wrap=True)

    def summary(self) -> None:
        if self.errors:
            err.print(
                f"[red]{len(self.errors)} input(s) failed[/]; the rest were processed.",
                highlight=False,
            )
        skipped = self.skipped()
        if skipped["count"]:
            counts = ", ".join(f"{k} {v}" for k, v in skipped["by_reason"].items())
            err.print(f"skipped {skipped['count']}: {escape(counts)}", highlight=False)

    def skipped(self) -> dict:
        """The skipped inputs with a count per reason (:func:`kg.ingest.skipped_inputs`)."""
        from kg.ingest import skipped_inputs

        return skipped_inputs([*self.errors, *self.warnings])


def columns(text: str | None, id_: str | None, date: str | None):  # -> kg.ingest.Columns | None
    """The ``--text-column``/``--id-column``/``--date-column`` choice, ``None`` for the defaults."""
    from kg.ingest import Columns

    return Columns(text=text, id=id_, date=date) if (text or id_ or date) else None


def print_skipped(skipped: dict, *, limit: int = 20) -> None:
    """The summary lines of the skipped inputs: a count per reason, then each one."""
    if not skipped["count"]:
        return
    print(f"skipped    {skipped['count']}  " + "  ".join(f"{k}={v}" for k, v in skipped["by_reason"].items()))
    for item in skipped["inputs"][:limit]:
        where = item["path"] if item["line"] is None else f"{item['path']}:{item['line']}"
        print(f"           {where}  {item['reason']} ({item['code']})")
    if skipped["count"] > limit:
        print(f"           … and {skipped['count'] - limit} more (all are in report.json)")


def check_date(date: str | None) -> str | None:
    from kg.ingest import parse_date

    return parse_date(date, path="--date") if date else None


def progress() -> Progress:
    """A progress bar on stderr (hidden when stderr is not a terminal)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),  # time left, when the inputs could be counted
        console=err,
        transient=True,
    )


def count_words(text: str) -> int:
    return text.count(" ") + 1


def iter_paths(inputs: list[str]) -> Iterator[str | Path]:
    yield from inputs
