"""Records of batch files (JSON lines, CSV, Parquet): which fields hold the text, id and
date, and one record made into a :class:`~kg.records.Document` or reported.

Examples
--------
>>> errors, seen = [], set()
>>> to_document({"body": "Putin met Assad.", "link": "a1"}, Columns(text="body", id="link"),
...             path="a.csv", line=2, seen=seen, on_error=errors.append).id
'a1'
>>> to_document({"body": ""}, Columns(text="body"), path="a.csv", line=3, seen=seen,
...             on_error=errors.append) is None
True
>>> print(errors[0])
E103 a.csv:3: no 'body' field (or it is empty); row skipped
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kg.errors import InputError
from kg.ingest.dates import date_of, parse_date
from kg.ingest.text import ErrorHandler
from kg.records import Document

__all__ = ["AUTHOR_FIELDS", "PUBLISHER_FIELDS", "TITLE_FIELDS", "URL_FIELDS", "Columns", "to_document"]

#: the fields read as each piece of metadata, the first one given wins
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
PUBLISHER_FIELDS = ("source", "publisher")
AUTHOR_FIELDS = ("author",)


@dataclass(frozen=True)
class Columns:
    """The fields of a record that hold the text, id and date (``--text-column``,
    ``--id-column``, ``--date-column``); ``None`` means the default name: ``text``, ``id``
    and ``date``. ``title`` (or ``headline``), ``url`` (or ``link``), ``source`` (or
    ``publisher``) and ``author`` are read when present.
    """

    text: str | None = None
    id: str | None = None
    date: str | None = None

    @property
    def text_field(self) -> str:
        return self.text or "text"

    @property
    def id_field(self) -> str:
        return self.id or "id"

    @property
    def date_field(self) -> str:
        return self.date or "date"

    def missing(self, names: list[str]) -> list[tuple[str, str]]:
        """(option, column) pairs a table with columns ``names`` lacks: the text column,
        and the id and date columns when they were named."""
        need = [("--text-column", self.text_field)]
        need += [(opt, col) for opt, col in (("--id-column", self.id), ("--date-column", self.date)) if col]
        return [(opt, col) for opt, col in need if col not in names]


def to_document(
    rec: Mapping[str, object],
    columns: Columns,
    *,
    path: str,
    line: int,
    seen: set[str],
    on_error: ErrorHandler,
    default_date: str | None = None,
    unit: str = "row",
) -> Document | None:
    """The document of one record, or ``None`` after reporting why it is skipped (E103 no
    text, E104 duplicate id). A date that does not parse is reported (E105) and the
    document kept with ``default_date``."""
    text = rec.get(columns.text_field)
    if not isinstance(text, str) or not text.strip():
        msg = f"no {columns.text_field!r} field (or it is empty); {unit} skipped"
        on_error(InputError("E103", msg, path=path, line=line))
        return None
    raw_id = rec.get(columns.id_field)
    doc_id = str(raw_id) if raw_id not in (None, "") else f"{path}:{line}"
    if doc_id in seen:
        on_error(InputError("E104", f"duplicate id {doc_id!r}; {unit} skipped", path=path, line=line))
        return None
    seen.add(doc_id)
    raw_date = rec.get(columns.date_field)
    try:
        date = date_of(raw_date) or parse_date(raw_date, path=path, line=line) or default_date
    except InputError as e:  # the article is still read, with the default date
        kept = f"the date {default_date}" if default_date else "no date"
        on_error(InputError(e.code, f"{e.message}; the article is kept with {kept}", path=path, line=line))
        date = default_date
    return Document(
        id=doc_id,
        text=text,
        date=date,
        title=_first(rec, TITLE_FIELDS),
        url=_first(rec, URL_FIELDS),
        publisher=_first(rec, PUBLISHER_FIELDS),
        author=_first(rec, AUTHOR_FIELDS),
        origin=f"{path}:{line}",
    )


def _opt_str(v: object) -> str | None:
    return str(v) if v not in (None, "") else None


def _first(rec: Mapping[str, object], names: tuple[str, ...]) -> str | None:
    for name in names:
        if (v := _opt_str(rec.get(name))) is not None:
            return v
    return None
