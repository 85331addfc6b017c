"""Word (.docx) files through python-docx: the body's paragraphs and tables in document
order, with the file's title, author and creation date.

Headers and footers live in their own parts of a .docx file and are not read, so what
repeats on every page never reaches the text. Line breaks inside a paragraph and a word
hyphenated across two paragraphs (text pasted from a PDF) are mended as in a PDF
(:func:`kg.ingest.layout.join_lines`).

Examples
--------
>>> read_docx(Path("statement.docx")).title                       # doctest: +SKIP
'Joint statement'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.ingest.dates import date_of
from kg.ingest.layout import hyphenated_words, join_lines

__all__ = ["DocxText", "read_docx"]

#: the creation time stamped by python-docx's own template: no date of the document
_TEMPLATE_STAMP = dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC)


@dataclass(frozen=True)
class DocxText:
    """The text of a Word file and what its properties say."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None


def read_docx(path: Path) -> DocxText:
    """Read a .docx file's body text and core properties.

    RAISES (InputError): E110 for a file that is not a readable .docx (damaged, or
        another format renamed), E101 when the body has no text.
    """
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    p = str(path)
    try:
        document = docx.Document(p)
        paragraphs = list(_paragraphs(document))
        props = document.core_properties
        title, author = _str(props.title), _str(props.author)
        created = props.created if props.created != _TEMPLATE_STAMP else None
        modified = props.modified if props.modified != _TEMPLATE_STAMP else None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError("E110", f"not a readable .docx file ({type(e).__name__}: {str(e)[:120]}); "
                         "skipped", path=p) from None
    except OSError as e:
        raise InputError("E100", f"cannot read file: {e.strerror or e}", path=p) from None
    text = _join(paragraphs)
    if not text.strip():
        raise InputError("E101", "empty Word file (no text in its body); skipped", path=p)
    if title is None:
        title = next((t for style, t in paragraphs if style == "Title"), None)
    return DocxText(text=text, title=title, author=author, date=date_of(created) or date_of(modified))


def _paragraphs(document: Any) -> Any:
    """(style name, text) of each body paragraph and table row, in document order."""
    from docx.table import Table

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:  # a merged cell comes once per grid column
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        cells.append(re.sub(r"\s+", " ", cell.text).strip())
                line = " | ".join(c for c in cells if c)
                if line:
                    yield "Table", line
        else:
            style = item.style.name if item.style is not None else ""
            yield style, item.text


def _join(paragraphs: list[tuple[str, str]]) -> str:
    hyphenated = hyphenated_words(t for _, t in paragraphs)
    out: list[str] = []
    for _, raw in paragraphs:
        text = join_lines(raw.split("\n"), hyphenated)
        if not text:
            continue
        if out and re.search(r"\w[-\u00ad]$", out[-1]) and text[:1].islower():
            out[-1] = join_lines([out[-1], text], hyphenated)  # a word cut across paragraphs
        else:
            out.append(text)
    return "\n\n".join(out)


def _str(v: Any) -> str | None:
    if not isinstance(v, str):
        return None
    v = re.sub(r"\s+", " ", v).strip()
    return v or None
