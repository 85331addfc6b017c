"""Reading articles: .txt / .md / .html files, folders of them, JSON lines, stdin.

Documents are streamed one at a time; an unreadable file or a bad JSON line is
reported through ``on_error`` (an :class:`~kg.errors.InputError` naming the file
and line) and the rest of the batch goes on.

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

import codecs
import datetime as dt
import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import InputError
from kg.records import Document

__all__ = ["TEXT_SUFFIXES", "html_to_text", "iter_documents", "parse_date"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")

#: JSON's whitespace: a line of only these is blank (a "\x0b" line is reported, not skipped)
_JSON_WS = b" \t\r\n"

ErrorHandler = Callable[[InputError], None]


def _raise(e: InputError) -> None:
    raise e


def parse_date(value: object, *, path: str | None = None, line: int | None = None) -> str | None:
    """An ISO ``YYYY-MM-DD`` date from a string (a longer ISO timestamp is cut to its date).

    >>> parse_date("2023-03-15T10:00:00Z")
    '2023-03-15'
    >>> parse_date(None) is None
    True
    >>> parse_date("next Tuesday")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: E105: date 'next Tuesday' is not YYYY-MM-DD
    """
    if value is None or value == "":
        return None
    s = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            pass
    raise InputError("E105", f"date {s!r} is not YYYY-MM-DD", path=path, line=line)


_BLOCK_TAGS = frozenset(
    ("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
     "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
     "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul")
)
_DROP_TAGS = frozenset(("script", "style", "noscript", "template", "head", "title"))


class _TextParser(HTMLParser):
    """Text and title of a page; what a browser would not show as text is dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._drop: list[str] = []  # open script/style/head/... elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_TAGS:
            self._drop.append(tag)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._drop:
            while self._drop and self._drop.pop() != tag:
                pass
        elif tag in _BLOCK_TAGS and not self._drop:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._drop:
            self.parts.append(data)
        elif self._drop[-1] == "title":
            self.title.append(data)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Plain text and title of an HTML page: scripts, styles and comments are
    dropped, block elements become line breaks, entities are decoded.

    >>> html_to_text("<title>T &amp; U</title><p>A&nbsp;b</p><script>alert(1)</script><p>C</p>")
    ('A b\\nC', 'T & U')
    """
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    body = "".join(parser.parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in body.split("\n")]
    title = re.sub(r"\s+", " ", "".join(parser.title).replace("\xa0", " ")).strip()
    return "\n".join(ln for ln in lines if ln), title or None


def _decode(
    data: bytes, path: str, on_error: ErrorHandler, line: int | None = None
) -> str | None:
    if b"\x00" in data[:8192]:
        on_error(InputError("E102", "binary data (NUL bytes), not text; skipped", path=path, line=line))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        log.warning("W201 %s:%s: invalid UTF-8 at byte %d, decoded with replacement", path, line, e.start)
        on_error(
            InputError(
                "W201",
                f"invalid UTF-8 at byte {e.start}; decoded with U+FFFD replacement characters",
                path=path,
                line=line,
            )
        )
        return text


def _read_text_file(path: Path, on_error: ErrorHandler, default_date: str | None) -> Iterator[Document]:
    p = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        on_error(InputError("E100", f"cannot read file: {e.strerror or e}", path=p))
        return
    text = _decode(data, p, on_error)
    if text is None:
        return
    title = None
    if path.suffix.lower() in (".html", ".htm"):
        text, title = html_to_text(text)
    if not text.strip():
        on_error(InputError("E101", "empty file (no text); skipped", path=p))
        return
    yield Document(id=p, text=text, date=default_date, title=title or path.stem, origin=p)


def _read_jsonl(
    lines: Iterable[bytes], p: str, on_error: ErrorHandler, default_date: str | None
) -> Iterator[Document]:
    seen: set[str] = set()
    blank = True
    for n, raw in enumerate(lines, 1):
        bare = raw.strip(_JSON_WS if isinstance(raw, bytes) else _JSON_WS.decode())
        if not bare or (n == 1 and bare in (codecs.BOM_UTF8, "\ufeff")):
            continue
        blank = False
        line = _decode(raw, p, on_error, n) if isinstance(raw, bytes) else raw
        if line is None:
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            msg = f"not a JSON object ({e.msg} column {e.colno}); line skipped"
            on_error(InputError("E103", msg, path=p, line=n))
            continue
        if not isinstance(rec, dict):
            on_error(InputError("E103", "not a JSON object; line skipped", path=p, line=n))
            continue
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            on_error(InputError("E103", "no 'text' field (or it is empty); line skipped", path=p, line=n))
            continue
        doc_id = str(rec["id"]) if rec.get("id") not in (None, "") else f"{p}:{n}"
        if doc_id in seen:
            on_error(InputError("E104", f"duplicate id {doc_id!r}; line skipped", path=p, line=n))
            continue
        seen.add(doc_id)
        try:
            date = parse_date(rec.get("date"), path=p, line=n) or default_date
        except InputError as e:  # the article is still read, with the default date
            on_error(InputError(e.code, f"{e.message}; the article is kept with "
                                f"{'the date ' + default_date if default_date else 'no date'}",
                                path=p, line=n))
            date = default_date
        yield Document(
            id=doc_id,
            text=text,
            date=date,
            title=_opt_str(rec.get("title")),
            url=_opt_str(rec.get("url")),
            publisher=_opt_str(rec.get("source") or rec.get("publisher")),
            origin=f"{p}:{n}",
        )
    if blank:
        on_error(InputError("E101", "empty file (no JSON lines); skipped", path=p))


def _opt_str(v: object) -> str | None:
    return str(v) if v not in (None, "") else None


def _iter_path(path: Path, on_error: ErrorHandler, default_date: str | None) -> Iterator[Document]:
    if path.is_dir():
        files = sorted(
            q for q in path.rglob("*")
            if (q.is_file() or q.is_symlink())
            and q.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES
            and not any(part.startswith(".") for part in q.relative_to(path).parts)
            and q.name.lower() != "readme.md"
        )
        if not files:
            on_error(InputError("E106", "folder holds no .txt, .md, .html or .jsonl file", path=str(path)))
        for q in files:
            yield from _iter_path(q, on_error, default_date)
        return
    if not path.exists():
        what = "broken symbolic link" if path.is_symlink() else "no such file or folder"
        on_error(InputError("E100", what, path=str(path)))
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        try:
            with path.open("rb") as fh:
                yield from _read_jsonl(fh, str(path), on_error, default_date)
        except OSError as e:
            on_error(InputError("E100", f"cannot read file: {e.strerror or e}", path=str(path)))
        return
    if suffix not in TEXT_SUFFIXES:
        on_error(
            InputError(
                "E107",
                f"unsupported file type {suffix or '(none)'!r}; expected .txt, .md, .html or .jsonl",
                path=str(path),
            )
        )
        return
    yield from _read_text_file(path, on_error, default_date)


def iter_documents(
    inputs: Iterable[str | Path],
    *,
    on_error: ErrorHandler = _raise,
    default_date: str | None = None,
) -> Iterator[Document]:
    """Stream the documents of every input, in order.

    inputs (Iterable[str | Path]): files, folders, or ``"-"`` for stdin (JSON lines
        when the first character is ``{``, else one plain-text document).
    on_error (Callable[[InputError], None]): called for each bad file or line; the
        default raises. Warnings (codes ``W…``) are passed to it too.
    default_date (str | None): date for documents that give none (``--date``).
    RETURNS (Iterator[Document]): one document per file or JSON line.
    """
    for item in inputs:
        if str(item) == "-":
            data = sys.stdin.buffer.read()
            data = data.removeprefix(codecs.BOM_UTF8)
            if data.lstrip().startswith(b"{"):
                yield from _read_jsonl(data.splitlines(), "<stdin>", on_error, default_date)
            else:
                text = _decode(data, "<stdin>", on_error)
                if text and text.strip():
                    yield Document(id="<stdin>", text=text, date=default_date, origin="<stdin>")
                elif text is not None:
                    on_error(InputError("E101", "empty input; nothing to read", path="<stdin>"))
            continue
        yield from _iter_path(Path(item), on_error, default_date)
