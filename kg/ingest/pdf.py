"""PDF files: the text layer in reading order, with the document's title, author and date.

pdfminer.six is used rather than pypdf because its layout analysis groups characters
into lines and text boxes by their position and orders the boxes as they are read
(columns too), where pypdf gives text in the order the page's content stream draws it.
Running headers and footers, page numbers and line-end hyphenation are handled by
:mod:`kg.ingest.layout`. A PDF with no text layer (a scan) is refused with E109: there
is no OCR here.

Examples
--------
>>> from fpdf import FPDF                                            # doctest: +SKIP
>>> read_pdf(Path("readout.pdf")).title                              # doctest: +SKIP
'Readout of the call'
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.ingest.dates import pdf_date
from kg.ingest.layout import pages_to_text

__all__ = ["PdfText", "read_pdf"]


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF and what its metadata says."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    pages: int = 0
    #: 1-based numbers of the pages that have images but no text (scanned pages)
    scanned_pages: list[int] = field(default_factory=list)


def read_pdf(path: Path) -> PdfText:
    """Read a PDF's text layer and metadata.

    path (Path): the file, read page by page.
    RETURNS (PdfText): text (paragraphs separated by blank lines) and metadata.
    RAISES (InputError): E109 when no page has a text layer but some have images (a
        scan), E101 when the PDF has no text and no images, E110 when the file is not a
        readable PDF (damaged, or encrypted with a password).
    """
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    p = str(path)
    lines: list[list[_Line]] = []
    scanned: list[int] = []
    try:
        with path.open("rb") as fh:
            document = PDFDocument(PDFParser(fh))
            meta = _info(document)
            resources = PDFResourceManager()
            device = PDFPageAggregator(resources, laparams=LAParams())
            interpreter = PDFPageInterpreter(resources, device)
            for n, page in enumerate(PDFPage.create_pages(document), 1):
                interpreter.process_page(page)
                page_lines, images = _page_lines(device.get_result())
                lines.append(page_lines)
                if images and not page_lines:
                    scanned.append(n)
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise InputError("E110", f"encrypted PDF, cannot be read without its password ({e}); skipped",
                         path=p) from None
    except OSError as e:
        raise InputError("E100", f"cannot read file: {e.strerror or e}", path=p) from None
    except Exception as e:  # pdfminer raises many kinds on a damaged file
        raise InputError("E110", f"not a readable PDF ({type(e).__name__}: {str(e)[:120]}); skipped",
                         path=p) from None
    usual = _usual_pitch(lines)
    pages = [[[ln.text for ln in para] for para in _paragraphs(page, usual)] for page in lines]
    text = pages_to_text(pages)
    if not text.strip():
        if scanned:
            raise InputError(
                "E109",
                f"no text layer: {len(scanned)} of {len(pages)} page(s) are images only (a scan?); "
                "there is no OCR here: make a text PDF first (for example with ocrmypdf); skipped",
                path=p,
            )
        raise InputError("E101", f"empty PDF ({len(pages)} page(s), no text); skipped", path=p)
    return PdfText(text=text, pages=len(pages), scanned_pages=scanned, **meta)


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float


def _page_lines(layout: Any) -> tuple[list[_Line], bool]:
    """The text lines of a laid-out page in reading order, and whether it has images.

    pdfminer orders the text boxes; a box is often a single line (it cuts boxes at any
    gap wider than half a line), so paragraphs are made again from the lines
    (:func:`_paragraphs`).
    """
    from pdfminer.layout import LTFigure, LTImage, LTTextContainer

    lines: list[_Line] = []
    images = False
    for el in layout:
        if isinstance(el, LTTextContainer):
            lines.extend(_text_lines(el))
        elif isinstance(el, LTImage | LTFigure):
            images = True
    return lines, images


def _text_lines(box: Any) -> list[_Line]:
    from pdfminer.layout import LTChar, LTTextLine

    out = []
    for line in box:
        if not isinstance(line, LTTextLine):
            continue
        text = line.get_text().strip()
        if not text:
            continue
        sizes = sorted(round(c.size, 1) for c in line if isinstance(c, LTChar))
        size = sizes[len(sizes) // 2] if sizes else line.height
        out.append(_Line(text, line.x0, line.x1, line.y0, line.y1, size))
    return out


def _usual_pitch(pages: list[list[_Line]]) -> float | None:
    """The usual distance between the baselines of two lines of a paragraph: the median
    over the document of the lines right below one another in the same font size."""
    import statistics

    pitches = [a.y0 - b.y0 for page in pages for a, b in itertools.pairwise(page)
               if _below(a, b) and abs(a.size - b.size) < 0.5]  # fmt: skip
    return statistics.median(pitches) if pitches else None


def _paragraphs(lines: list[_Line], usual: float | None) -> list[list[_Line]]:
    """Lines grouped into paragraphs: a new one starts where two lines are well over the
    usual pitch apart, where the font size changes (a heading), or where the next line is
    not right below (another column or block)."""
    paragraphs: list[list[_Line]] = []
    for line in lines:
        if paragraphs:
            prev = paragraphs[-1][-1]
            limit = 1.3 * usual if usual else 1.6 * prev.size
            same = (_below(prev, line) and abs(prev.size - line.size) <= 0.15 * prev.size
                    and prev.y0 - line.y0 <= limit)  # fmt: skip
            if same:
                paragraphs[-1].append(line)
                continue
        paragraphs.append([line])
    return paragraphs


def _below(a: _Line, b: _Line) -> bool:
    """Whether line ``b`` comes right below line ``a`` in the same column."""
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    return b.y1 <= a.y0 + 0.5 * a.size and a.y0 - b.y0 < 3 * a.size and overlap > 0


def _info(document: Any) -> dict[str, str | None]:
    """Title, author and date from the PDF's document information dictionary."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    info: dict[str, Any] = {}
    for d in document.info or []:
        info.update(resolve1(d) or {})

    def text(key: str) -> str | None:
        v = resolve1(info.get(key))
        if isinstance(v, bytes):
            v = decode_text(v)
        if not isinstance(v, str):
            return None
        v = re.sub(r"\s+", " ", v.replace("\x00", "")).strip()
        return v or None

    return {
        "title": _clean_title(text("Title")),
        "author": text("Author"),
        "date": pdf_date(text("CreationDate")) or pdf_date(text("ModDate")),
    }


def _clean_title(title: str | None) -> str | None:
    """A metadata title without what word processors put there instead of one.

    >>> _clean_title("Microsoft Word - readout_final.docx"), _clean_title("untitled")
    ('readout_final', None)
    """
    if not title:
        return None
    title = re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", title)
    title = re.sub(r"\.(?:docx?|rtf|odt|pptx?|indd)$", "", title, flags=re.I).strip()
    return None if title.casefold() in ("", "untitled", "untitled document") else title
