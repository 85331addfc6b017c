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
    help="Articles: .txt/.md/.html files, folders of them, .jsonl files (id, text, "
    "optional date/title/url), or - for stdin.",
    show_default=False,
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
