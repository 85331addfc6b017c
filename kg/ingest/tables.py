"""Tables of articles: CSV/TSV files and Parquet files with a text column, one article a
row, streamed (CSV a record at a time, Parquet a batch of rows at a time).

The columns are named by :class:`~kg.ingest.rows.Columns` (``--text-column``,
``--id-column``, ``--date-column``; by default ``text``, ``id`` and ``date``), and
``title``/``headline``, ``url``/``link``, ``source``/``publisher`` and ``author`` columns
are read when present. A row is
named in errors by its line (CSV: the line it starts on) or its number (Parquet, from 1).

Parquet needs pyarrow, an extra (``pip install 'diplomatic-kg[parquet]'``): a ~40 MB
wheel that only Parquet users need; without it a .parquet file gets E111 saying so.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
>>> _ = p.write_text('link,body\\nu1,"Putin met Assad."\\n', encoding="utf-8")
>>> [(d.id, d.text) for d in iter_csv(p, print, columns=Columns(text="body", id="link"))]
[('u1', 'Putin met Assad.')]
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ingest.rows import AUTHOR_FIELDS, PUBLISHER_FIELDS, TITLE_FIELDS, URL_FIELDS, Columns, to_document
from kg.ingest.text import ErrorHandler
from kg.records import Document

__all__ = ["CSV_SUFFIXES", "PARQUET_SUFFIXES", "iter_csv", "iter_parquet"]

CSV_SUFFIXES = (".csv", ".tsv")
PARQUET_SUFFIXES = (".parquet",)

#: the longest CSV field read (a whole article fits; the csv module's default is 131,072)
FIELD_LIMIT = 1 << 30
_ESCAPED = re.compile("[\udc80-\udcff]")


def iter_csv(
    path: Path,
    on_error: ErrorHandler,
    default_date: str | None = None,
    columns: Columns | None = None,
) -> Iterator[Document]:
    """The documents of a CSV (or, for ``.tsv``, tab-separated) file, a row at a time."""
    columns = columns or Columns()
    p = str(path)
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    try:
        fh = path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as e:
        on_error(InputError("E100", f"cannot read file: {e.strerror or e}", path=p))
        return
    with fh:
        sample = fh.read(65536)
        if "\x00" in sample:
            on_error(InputError("E102", "binary data (NUL bytes), not text; skipped", path=p))
            return
        fh.seek(0)
        reader = csv.reader(fh, _dialect(path, sample))
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            on_error(InputError("E101", "empty file (no header row); skipped", path=p))
            return
        names = [h.strip() for h in header]
        if _missing_columns(names, columns, p, on_error):
            return
        seen: set[str] = set()
        start = reader.line_num + 1
        rows = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                on_error(InputError("E103", f"not a readable CSV row ({e}); row skipped", path=p, line=start))
                start = reader.line_num + 1
                continue
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            if any(_ESCAPED.search(cell) for cell in row):
                on_error(InputError("W201", "invalid UTF-8; decoded with U+FFFD replacement characters",
                                    path=p, line=line))
                row = [_ESCAPED.sub("\ufffd", cell) for cell in row]
            rec = dict(zip(names, row, strict=False))
            doc = to_document(rec, columns, path=p, line=line, seen=seen, on_error=on_error,
                              default_date=default_date)  # fmt: skip
            if doc is not None:
                yield doc
        if not rows:
            on_error(InputError("E101", "empty table (a header and no rows); skipped", path=p))


def _dialect(path: Path, sample: str) -> type[csv.Dialect] | csv.Dialect:
    if path.suffix.lower() == ".tsv":
        return csv.excel_tab
    try:
        return csv.Sniffer().sniff(sample.split("\n", 1)[0] or sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _missing_columns(names: list[str], columns: Columns, p: str, on_error: ErrorHandler) -> bool:
    missing = columns.missing(names)
    for opt, col in missing:
        valid = ", ".join(repr(n) for n in names)
        on_error(InputError("E112", f"no column {col!r} ({opt}); the columns are {valid}; skipped", path=p))
    return bool(missing)


def iter_parquet(
    path: Path,
    on_error: ErrorHandler,
    default_date: str | None = None,
    columns: Columns | None = None,
    batch_rows: int = 512,
) -> Iterator[Document]:
    """The documents of a Parquet file, ``batch_rows`` rows at a time (needs pyarrow)."""
    columns = columns or Columns()
    p = str(path)
    try:
        import pyarrow.parquet as pq
    except ImportError:
        on_error(InputError("E111", "reading .parquet files needs pyarrow: "
                            "pip install 'diplomatic-kg[parquet]' (or pip install pyarrow); skipped",
                            path=p))  # fmt: skip
        return
    try:
        table = pq.ParquetFile(p)
        names = list(table.schema_arrow.names)
    except OSError as e:
        if not path.exists():
            on_error(InputError("E100", "no such file or folder", path=p))
        else:
            on_error(InputError("E110", f"not a readable Parquet file ({str(e)[:160]}); skipped", path=p))
        return
    except Exception as e:  # pyarrow raises ArrowInvalid and others on a damaged file
        on_error(InputError("E110", f"not a readable Parquet file ({type(e).__name__}: {str(e)[:120]}); "
                            "skipped", path=p))  # fmt: skip
        return
    if _missing_columns(names, columns, p, on_error):
        return
    wanted = {columns.text_field, columns.id_field, columns.date_field,
              *TITLE_FIELDS, *URL_FIELDS, *PUBLISHER_FIELDS, *AUTHOR_FIELDS}  # fmt: skip
    read = [n for n in names if n in wanted]
    seen: set[str] = set()
    n = 0
    try:
        for batch in table.iter_batches(batch_size=batch_rows, columns=read):
            for rec in batch.to_pylist():
                n += 1
                doc = to_document(rec, columns, path=p, line=n, seen=seen, on_error=on_error,
                                  default_date=default_date)  # fmt: skip
                if doc is not None:
                    yield doc
    except InputError:
        raise
    except Exception as e:  # a damaged row group: what was read is kept
        on_error(InputError("E110", f"Parquet file damaged after row {n} ({type(e).__name__}: "
                            f"{str(e)[:120]}); the rest skipped", path=p))  # fmt: skip
        return
    if not n:
        on_error(InputError("E101", "empty table (no rows); skipped", path=p))
