"""Options, arguments and helpers shared by the commands, written once: the articles
to read, the graph file to analyse, the date window and seeds, the input-error report
and the progress bar."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
from kg.records import Document
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
WorkersOpt = typer.Option(
    os.cpu_count() or 1, "--workers", "-j", help="spaCy processes. Default: the cores."
)

_GRAPH = "A .trig/.nq/.jsonld/.ttl/.nt graph file made by `kg build`"
GraphArg = typer.Argument(..., help=_GRAPH + ".", show_default=False)
#: the graph file of the commands that can read a store instead
GraphOrStoreArg = typer.Argument(None, help=_GRAPH + " (left out with --store).", show_default=False)
FromOpt = typer.Option(None, "--from", help="First date (YYYY[-MM[-DD]]).")
ToOpt = typer.Option(None, "--to", help="Last date (YYYY[-MM[-DD]]).")
RollUpOpt = typer.Option(False, "--roll-up", help="Map people onto their states.")
SeedOpt = typer.Option(0, "--seed", help="Seed of the blocs (Louvain, local search) and the layout.")


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

    def finish(self) -> None:
        """Print how many inputs failed or were skipped, and end with exit code 1 when
        any failed."""
        self.summary()
        if self.errors:
            raise typer.Exit(1)


def columns(text: str | None, id_: str | None, date: str | None):  # -> kg.ingest.Columns | None
    """The ``--text-column``/``--id-column``/``--date-column`` choice, ``None`` for the defaults."""
    from kg.ingest import Columns

    return Columns(text=text, id=id_, date=date) if (text or id_ or date) else None


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


@contextmanager
def progress_bar(inputs: list[str], label: str) -> Iterator[Callable[[Document], None]]:
    """A progress bar over the documents of ``inputs`` (time left when they can be
    counted, words per second); the context gives the function to call per document."""
    t0 = time.perf_counter()
    words = 0
    with progress() as bar:
        task = bar.add_task(label, total=count_inputs(inputs), rate="")

        def tick(document: Document) -> None:
            nonlocal words
            words += len(document.text.split())
            rate = words / max(time.perf_counter() - t0, 1e-6)
            bar.update(task, advance=1, rate=f"{rate:,.0f} words/s")

        yield tick


_TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".xhtml", ".pdf", ".docx")  # one document a file
_JSONL_SUFFIXES = (".jsonl", ".ndjson")


def count_inputs(inputs: list[str], *, max_bytes: int = 2_000_000_000) -> int | None:
    """How many documents ``inputs`` hold, counted cheaply, or ``None`` when unknown.

    A .jsonl file counts its lines (read in 1 MB blocks: about 20 ms for the 30 MB
    corpus), a folder its text files as :func:`kg.ingest.iter_documents` picks them, a text
    file one; stdin (``-``) is unknown. An
    upper bound: blank and bad lines and empty files are only found later.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.jsonl").write_text('{"id": 1}\\n{"id": 2}')
    >>> _ = (d / "b.txt").write_text("Hello.")
    >>> count_inputs([str(d / "a.jsonl"), str(d)]), count_inputs(["-"])
    (5, None)
    """
    total = 0
    budget = max_bytes
    for item in inputs:
        if item == "-":
            return None
        p = Path(item)
        if p.is_dir():
            for f in p.rglob("*"):
                hidden = any(part.startswith(".") for part in f.relative_to(p).parts)
                if f.is_file() and not hidden and f.name.lower() != "readme.md":
                    if f.suffix.lower() in _TEXT_SUFFIXES:
                        total += 1
                    elif f.suffix.lower() in _JSONL_SUFFIXES:
                        n, budget = _count_lines(f, budget)
                        if n is None:
                            return None
                        total += n
        elif p.suffix.lower() in _JSONL_SUFFIXES:
            n, budget = _count_lines(p, budget)
            if n is None:
                return None
            total += n
        elif p.is_file():
            total += 1
    return total


def _count_lines(path: Path, budget: int) -> tuple[int | None, int]:
    try:
        size = path.stat().st_size
        if size > budget:
            return None, budget
        n = 0
        last = b"\n"
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                n += block.count(b"\n")
                last = block[-1:]
        if last != b"\n":
            n += 1
        return n, budget - size
    except OSError:
        return None, budget


