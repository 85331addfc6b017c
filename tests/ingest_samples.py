"""Real files for the ingest tests, made with the libraries analysts' files come from:
PDFs written by fpdf2 (text, columns, running headers and footers, a scan that is only an
image), Word files written by python-docx. Nothing here is a stand-in for a reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HEADER = "U.S. Department of State | Office of the Spokesperson"


def make_pdf(
    path: Path,
    pages: list[list[list[str]]],
    *,
    title: str | None = None,
    author: str | None = None,
    created: dt.datetime | None = None,
    header: str | None = HEADER,
    footer: bool = True,
    heading: str | None = None,
) -> Path:
    """A PDF whose pages hold the given paragraphs, each a list of physical lines (so a
    test decides where a line ends and a word is hyphenated); every page has the running
    ``header`` and a "Page N of M" footer."""
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("Helvetica", size=8)
                self.cell(0, 5, header, align="C")
            self.ln(12)

        def footer(self) -> None:
            if footer:
                self.set_y(-15)
                self.set_font("Helvetica", size=8)
                self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Doc()
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    if created:
        pdf.set_creation_date(created)
    for n, paragraphs in enumerate(pages):
        pdf.add_page()
        if heading and n == 0:
            pdf.set_font("Helvetica", "B", 15)
            pdf.cell(0, 9, heading, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        pdf.set_font("Helvetica", size=11)
        for lines in paragraphs:
            for line in lines:
                pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(5)
    pdf.output(str(path))
    return path


def make_columns_pdf(path: Path, left: list[str], right: list[str], title_line: str) -> Path:
    """One page in two columns, drawn in the wrong order: the right column first, then the
    left one, then the headline at the top (as layout programs often write them)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for x, lines in ((110, right), (15, left)):
        pdf.set_xy(x, 40)
        for line in lines:
            pdf.set_x(x)
            pdf.cell(85, 5, line, new_x="LEFT", new_y="NEXT")
    pdf.set_xy(15, 20)
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 10, title_line)
    pdf.output(str(path))
    return path


def make_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF of page images with no text layer, as a scanner makes it."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(image)
    for y in range(100, 1000, 40):  # lines of "print"
        draw.rectangle((80, y, 770, y + 12), fill="black")
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.image(image, x=0, y=0, w=210)
    pdf.output(str(path))
    return path


def make_docx(
    path: Path,
    paragraphs: list[str | list[str]],
    *,
    title: str | None = None,
    author: str | None = None,
    created: dt.datetime | None = None,
    heading: str | None = None,
    header: str | None = HEADER,
    footer: str | None = "Washington, D.C. — for immediate release",
    table: list[list[str]] | None = None,
) -> Path:
    """A Word file: a heading, paragraphs (a list of strings is one paragraph with line
    breaks), a table, and a header and footer on every page."""
    import docx

    d = docx.Document()
    props = d.core_properties
    if title is not None:
        props.title = title
    if author is not None:
        props.author = author
    if created is not None:
        props.created = created
    section = d.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    if heading:
        d.add_heading(heading, level=1)
    for p in paragraphs:
        if isinstance(p, str):
            d.add_paragraph(p)
        else:
            para = d.add_paragraph(p[0])
            for line in p[1:]:
                para.add_run().add_break()
                para.add_run(line)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    d.save(str(path))
    return path
