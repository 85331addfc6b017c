"""JSON lines: one article a line (``id``, ``text``, optional ``date``, ``title``, ``url``,
``source``, ``author``), read a line at a time; a bad line is reported and skipped.

Examples
--------
>>> errors = []
>>> lines = [b'{"id": "x1", "text": "Putin met Assad.", "date": "2023-03-15"}', b'{"id": 2}']
>>> [d.id for d in iter_jsonl(lines, "a.jsonl", errors.append)]
['x1']
>>> errors[0].code, errors[0].line
('E103', 2)
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator

from kg.errors import InputError
from kg.ingest.rows import Columns, to_document
from kg.ingest.text import ErrorHandler, decode
from kg.records import Document

__all__ = ["JSONL_SUFFIXES", "iter_jsonl"]

JSONL_SUFFIXES = (".jsonl", ".ndjson")

#: JSON's whitespace: a line of only these is blank (a "\x0b" line is reported, not skipped)
_JSON_WS = b" \t\r\n"


def iter_jsonl(
    lines: Iterable[bytes | str],
    path: str,
    on_error: ErrorHandler,
    default_date: str | None = None,
    columns: Columns | None = None,
) -> Iterator[Document]:
    """The documents of JSON lines, streamed; ``path`` names them in errors and origins."""
    columns = columns or Columns()
    seen: set[str] = set()
    blank = True
    for n, raw in enumerate(lines, 1):
        bare = raw.strip(_JSON_WS if isinstance(raw, bytes) else _JSON_WS.decode())
        if not bare or (n == 1 and bare in (codecs.BOM_UTF8, "\ufeff")):
            continue
        blank = False
        line = decode(raw, path, on_error, n) if isinstance(raw, bytes) else raw
        if line is None:
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            msg = f"not a JSON object ({e.msg} column {e.colno}); line skipped"
            on_error(InputError("E103", msg, path=path, line=n))
            continue
        if not isinstance(rec, dict):
            on_error(InputError("E103", "not a JSON object; line skipped", path=path, line=n))
            continue
        doc = to_document(rec, columns, path=path, line=n, seen=seen, on_error=on_error,
                          default_date=default_date, unit="line")  # fmt: skip
        if doc is not None:
            yield doc
    if blank:
        on_error(InputError("E101", "empty file (no JSON lines); skipped", path=path))
