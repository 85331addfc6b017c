"""Inputs to documents: files by their kind, folders of them, stdin; long documents in
sections. Every file of a folder is read or reported (see :mod:`kg.ingest.skips`).

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Putin met Assad.")
>>> _ = (d / "b.rtf").write_text("{\\\\rtf1 Putin met Assad.}")
>>> errors = []
>>> [doc.text for doc in iter_documents([d], on_error=errors.append)]
['Putin met Assad.']
>>> errors[0].code, errors[0].path.endswith("b.rtf")
('E107', True)
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ingest.feeds import FEED_SUFFIXES, iter_feed
from kg.ingest.html import decode_html, read_page
from kg.ingest.jsonl import JSONL_SUFFIXES, iter_jsonl
from kg.ingest.rows import Columns
from kg.ingest.split import SECTION_CHARS, split_document
from kg.ingest.tables import CSV_SUFFIXES, PARQUET_SUFFIXES, iter_csv, iter_parquet
from kg.ingest.text import ErrorHandler, decode, read_bytes
from kg.records import Document

__all__ = ["HINTS", "KINDS", "SUFFIXES", "TEXT_SUFFIXES", "iter_documents"]

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
#: what each suffix is read as
KINDS: dict[str, str] = {
    ".txt": "text", ".md": "text",
    **dict.fromkeys(PAGE_SUFFIXES, "page"),
    ".pdf": "pdf", ".docx": "docx",
    **dict.fromkeys(FEED_SUFFIXES, "feed"),
    **dict.fromkeys(JSONL_SUFFIXES, "jsonl"),
    **dict.fromkeys(CSV_SUFFIXES, "csv"),
    **dict.fromkeys(PARQUET_SUFFIXES, "parquet"),
}  # fmt: skip
SUFFIXES = tuple(KINDS)
_EXPECTED = ".txt, .md, .html, .pdf, .docx, .rss/.atom/.xml feeds, .jsonl, .csv/.tsv or .parquet"
#: what to do with files of a type that is not read
HINTS = {
    ".doc": "an old Word file: save it as .docx or PDF",
    ".rtf": "save it as .docx or .txt",
    ".odt": "save it as .docx or PDF",
    ".pages": "export it as .docx or PDF",
    ".mhtml": "save the page as 'Web page, HTML only' (.html)",
    ".mht": "save the page as 'Web page, HTML only' (.html)",
    ".xlsx": "save the sheet as .csv",
    ".xls": "save the sheet as .csv",
    ".json": "one article a line is JSON lines (.jsonl)",
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".webp"),
                    "an image: there is no OCR here; make a text PDF first"),
}  # fmt: skip


def iter_documents(
    inputs: Iterable[str | Path],
    *,
    on_error: ErrorHandler | None = None,
    default_date: str | None = None,
    columns: Columns | None = None,
    section_chars: int = SECTION_CHARS,
) -> Iterator[Document]:
    """Stream the documents of every input, in order.

    inputs (Iterable[str | Path]): files, folders (every file in them, sorted, hidden
        files and README.md left out), or ``"-"`` for stdin (JSON lines when the first
        character is ``{``, an HTML page or a feed when it starts like one, else one
        plain-text document).
    on_error (Callable[[InputError], None]): called for each bad file, line, row or item;
        the default raises. Warnings (codes ``W…``) are passed to it too.
    default_date (str | None): date for documents that give none (``--date``).
    columns (Columns | None): the text, id and date fields of JSON lines and tables.
    section_chars (int): a longer document comes as sections of at most this many
        characters (:func:`kg.ingest.split.split_document`).
    RETURNS (Iterator[Document]): one document per file, JSON line, row or feed item (or
        its sections).
    """
    report = on_error or _raise
    for item in inputs:
        docs = _stdin(report, default_date, columns) if str(item) == "-" else _iter_path(
            Path(item), report, default_date, columns)
        for doc in docs:
            try:
                yield from split_document(doc, section_chars)
            except InputError as e:
                report(e)


def _raise(e: InputError) -> None:
    raise e


def _iter_path(path: Path, on_error: ErrorHandler, default_date: str | None,
               columns: Columns | None) -> Iterator[Document]:  # fmt: skip
    if path.is_dir():
        yield from _iter_folder(path, on_error, default_date, columns)
        return
    if not path.exists():
        what = "broken symbolic link" if path.is_symlink() else "no such file or folder"
        on_error(InputError("E100", what, path=str(path)))
        return
    suffix = path.suffix.lower()
    kind = KINDS.get(suffix)
    p = str(path)
    if kind is None:
        hint = f" ({HINTS[suffix]})" if suffix in HINTS else ""
        on_error(InputError("E107", f"unsupported file type {suffix or '(none)'!r}{hint}; expected "
                            f"{_EXPECTED}; skipped", path=p))  # fmt: skip
    elif kind == "jsonl":
        try:
            with path.open("rb") as fh:
                yield from iter_jsonl(fh, p, on_error, default_date, columns)
        except OSError as e:
            on_error(InputError("E100", f"cannot read file: {e.strerror or e}", path=p))
    elif kind == "csv":
        yield from iter_csv(path, on_error, default_date, columns)
    elif kind == "parquet":
        yield from iter_parquet(path, on_error, default_date, columns)
    elif kind == "feed":
        data = read_bytes(path, on_error)
        if data is not None:
            yield from iter_feed(data, p, on_error, default_date)
    elif kind in ("pdf", "docx"):
        doc = _read_laid_out(path, kind, on_error, default_date)
        if doc is not None:
            yield doc
    else:
        doc = _read_text_file(path, kind, on_error, default_date)
        if doc is not None:
            yield doc


def _iter_folder(folder: Path, on_error: ErrorHandler, default_date: str | None,
                 columns: Columns | None) -> Iterator[Document]:  # fmt: skip
    """Every file of a folder, sorted: read, reported, or (a saved page's ``X_files``
    assets folder) listed once with W203."""
    files, assets = [], []
    for q in sorted(folder.rglob("*")):
        rel = q.relative_to(folder).parts
        if any(part.startswith(".") for part in rel):
            continue
        if any(q.is_relative_to(a) for a in assets):
            continue
        if q.is_dir():
            if q.name.endswith("_files") and any(
                (q.parent / (q.name[: -len("_files")] + s)).is_file() for s in PAGE_SUFFIXES
            ):
                assets.append(q)
            continue
        if (q.is_file() or q.is_symlink()) and q.name.lower() != "readme.md":
            files.append(q)
    if not files and not assets:
        on_error(InputError("E106", f"folder holds no files to read ({_EXPECTED})", path=str(folder)))
    for a in assets:
        n = sum(1 for f in a.rglob("*") if f.is_file())
        on_error(InputError("W203", f"the saved page's assets folder ({n} file(s)); not read", path=str(a)))
    for q in files:
        yield from _iter_path(q, on_error, default_date, columns)


def _read_text_file(path: Path, kind: str, on_error: ErrorHandler,
                    default_date: str | None) -> Document | None:  # fmt: skip
    p = str(path)
    data = read_bytes(path, on_error)
    if data is None:
        return None
    if kind == "page":
        return _page_document(data, p, path.stem, on_error, default_date)
    text = decode(data, p, on_error)
    if text is None:
        return None
    if not text.strip():
        on_error(InputError("E101", "empty file (no text); skipped", path=p))
        return None
    return Document(id=p, text=text, date=default_date, title=path.stem, origin=p)


def _page_document(data: bytes, p: str, stem: str | None, on_error: ErrorHandler,
                   default_date: str | None) -> Document | None:  # fmt: skip
    """A saved web page as a document: its article text, and its metadata."""
    markup = decode_html(data) if b"\x00" not in data[:8192] else None
    if markup is None:
        markup = decode(data, p, on_error)
    if markup is None:
        return None
    page = read_page(markup)
    if not page.text.strip():
        on_error(InputError("E101", "empty page (no article text found); skipped", path=p))
        return None
    return Document(id=p, text=page.text, date=page.date or default_date, title=page.title or stem,
                    url=page.url, publisher=page.site, author=page.author, origin=p)  # fmt: skip


def _read_laid_out(path: Path, kind: str, on_error: ErrorHandler,
                   default_date: str | None) -> Document | None:  # fmt: skip
    """A PDF or Word file as a document (errors from the reader reported, not raised)."""
    p = str(path)
    try:
        if kind == "pdf":
            from kg.ingest.pdf import read_pdf

            read = read_pdf(path)
            if read.scanned_pages:
                pages = ", ".join(map(str, read.scanned_pages[:20]))
                on_error(InputError("W202", f"page(s) {pages} of {read.pages} have images but no text "
                                    "layer (scanned?); their text is missing", path=p))  # fmt: skip
        else:
            from kg.ingest.docx import read_docx

            read = read_docx(path)
    except InputError as e:
        on_error(e)
        return None
    return Document(id=p, text=read.text, date=read.date or default_date, title=read.title or path.stem,
                    author=read.author, origin=p)  # fmt: skip


_PAGE_START = (b"<!doctype html", b"<html")
_FEED_START = (b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")


def _stdin(on_error: ErrorHandler, default_date: str | None, columns: Columns | None) -> Iterator[Document]:
    """stdin, read whole: JSON lines, a page, a feed, or one plain text."""
    data = sys.stdin.buffer.read().removeprefix(codecs.BOM_UTF8)
    head = data.lstrip()[:64].lower()
    if head.startswith(b"{"):
        yield from iter_jsonl(data.splitlines(), "<stdin>", on_error, default_date, columns)
    elif head.startswith(_PAGE_START):
        doc = _page_document(data, "<stdin>", None, on_error, default_date)
        if doc is not None:
            yield doc
    elif head.startswith(_FEED_START):
        yield from iter_feed(data, "<stdin>", on_error, default_date)
    else:
        text = decode(data, "<stdin>", on_error)
        if text and text.strip():
            yield Document(id="<stdin>", text=text, date=default_date, origin="<stdin>")
        elif text is not None:
            on_error(InputError("E101", "empty input; nothing to read", path="<stdin>"))

