"""Reading articles: text, Markdown and saved web pages, PDF and Word files, RSS/Atom
feeds, JSON lines, CSV and Parquet tables, folders of them, stdin.

Documents are streamed one at a time. An unreadable file, a bad line, row or item is
reported through ``on_error`` (an :class:`~kg.errors.InputError` naming the file and
line, with a code that says why it was skipped, see :mod:`kg.ingest.skips`) and the rest
of the batch goes on. A long document comes as sections (:mod:`kg.ingest.split`).

One module a kind of input: :mod:`~kg.ingest.files` (files, folders, stdin),
:mod:`~kg.ingest.text`, :mod:`~kg.ingest.html` (trafilatura), :mod:`~kg.ingest.pdf`
(pdfminer.six), :mod:`~kg.ingest.docx` (python-docx), :mod:`~kg.ingest.feeds`
(feedparser), :mod:`~kg.ingest.jsonl`, :mod:`~kg.ingest.tables` (csv, pyarrow), with
:mod:`~kg.ingest.layout` (page layout), :mod:`~kg.ingest.dates`, :mod:`~kg.ingest.rows`,
:mod:`~kg.ingest.split` and :mod:`~kg.ingest.skips` beside them. The libraries are
imported when a file of their kind is read.

Invalid UTF-8 is decoded with U+FFFD replacement characters and reported as a
warning (code W201), so one bad byte never loses an article.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> line = '{"id": "x1", "text": "Putin met Assad.", "date": "2023-03-15"}'
>>> _ = (d / "a.jsonl").write_text(line + '\\n{"id": 2}\\n')
>>> errors = []
>>> [doc.id for doc in iter_documents([d / "a.jsonl"], on_error=errors.append)]
['x1']
>>> errors[0].code, errors[0].line
('E103', 2)
"""

from __future__ import annotations

from kg.ingest.dates import parse_date
from kg.ingest.files import HINTS, KINDS, SUFFIXES, TEXT_SUFFIXES, iter_documents
from kg.ingest.html import Page, html_to_text, read_page
from kg.ingest.jsonl import JSONL_SUFFIXES
from kg.ingest.rows import Columns
from kg.ingest.skips import REASONS, skip_reason, skipped_inputs
from kg.ingest.split import MAX_CHARS, SECTION_CHARS, split_document

__all__ = [
    "HINTS",
    "JSONL_SUFFIXES",
    "KINDS",
    "MAX_CHARS",
    "REASONS",
    "SECTION_CHARS",
    "SUFFIXES",
    "TEXT_SUFFIXES",
    "Columns",
    "Page",
    "html_to_text",
    "iter_documents",
    "parse_date",
    "read_page",
    "skip_reason",
    "skipped_inputs",
    "split_document",
]
