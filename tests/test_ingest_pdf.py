"""PDF files (kg.ingest.pdf, pdfminer.six) on real PDFs written by fpdf2: text in reading
order, running headers, footers and page numbers dropped, line-end hyphenation mended, the
document's own title, author and date; a scan without a text layer refused by name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ingest_samples import HEADER, make_columns_pdf, make_pdf, make_scanned_pdf

from kg.errors import InputError
from kg.ingest import iter_documents
from kg.ingest.pdf import read_pdf

EAST = dt.timezone(dt.timedelta(hours=-5))
PAGE_1 = [
    ["Secretary of State Antony J. Blinken met Ukrainian Foreign Minister Dmytro Kuleba in",
     "Brussels. The two ministers discussed the nego-",
     "tiation of a ceasefire and the humanitarian situation created by Russia's war."],
    ["The Secretary reaffirmed the United States' support for Ukraine's sovereignty. The Russia-",
     "Ukraine talks in Istanbul, a well-",
     "known venue, were also discussed."],
    ["Foreign Minister Kuleba thanked the United States for its well-known support and urged"],
]  # fmt: skip
PAGE_2 = [
    ["the partners to impose further sanctions on Russia."],
    ["The two ministers agreed to meet again in Washington in April."],
]


def read(inputs, **kwargs):
    errors: list[InputError] = []
    docs = list(iter_documents([str(i) for i in inputs], on_error=errors.append, **kwargs))
    return docs, errors


@pytest.fixture
def readout(tmp_path: Path) -> Path:
    return make_pdf(
        tmp_path / "readout.pdf", [PAGE_1, PAGE_2], heading="Secretary Blinken's Meeting with Kuleba",
        title="Secretary Blinken's Meeting with Ukrainian Foreign Minister Kuleba",
        author="Office of the Spokesperson", created=dt.datetime(2022, 3, 4, 23, 30, tzinfo=EAST),
    )  # fmt: skip


def test_pdf_text_metadata_and_layout(readout):
    [doc], errors = read([readout], default_date="2000-01-01")
    assert errors == []
    assert doc.title == "Secretary Blinken's Meeting with Ukrainian Foreign Minister Kuleba"
    assert doc.author == "Office of the Spokesperson"
    assert doc.date == "2022-03-04"  # the creation date in its own time zone, over --date
    assert doc.id == doc.origin == str(readout)
    assert doc.text.split("\n\n") == [
        "Secretary Blinken's Meeting with Kuleba",
        "Secretary of State Antony J. Blinken met Ukrainian Foreign Minister Dmytro Kuleba in Brussels. "
        "The two ministers discussed the negotiation of a ceasefire and the humanitarian situation "
        "created by Russia's war.",
        "The Secretary reaffirmed the United States' support for Ukraine's sovereignty. The "
        "Russia-Ukraine talks in Istanbul, a well-known venue, were also discussed.",
        # a sentence cut by the page end is one paragraph again
        "Foreign Minister Kuleba thanked the United States for its well-known support and urged the "
        "partners to impose further sanctions on Russia.",
        "The two ministers agreed to meet again in Washington in April.",
    ]
    assert HEADER not in doc.text and "Page" not in doc.text


def test_pdf_reading_order_follows_the_layout_not_the_drawing_order(tmp_path):
    left = ["President Putin met President Erdogan in Sochi", "on Monday to discuss the grain corridor",
            "across the Black Sea."]
    right = ["President Macron urged Russia to return to", "the negotiating table and to respect",
             "the ceasefire."]  # fmt: skip
    p = make_columns_pdf(tmp_path / "columns.pdf", left, right, "Statement on the grain corridor")
    text = read_pdf(p).text
    assert text.split("\n\n") == [
        "Statement on the grain corridor",
        "President Putin met President Erdogan in Sochi on Monday to discuss the grain corridor across "
        "the Black Sea.",
        "President Macron urged Russia to return to the negotiating table and to respect the ceasefire.",
    ]


def test_pdf_relations_have_whole_text_offsets(readout, nlp):
    from kg.extraction import extract

    [doc], _ = read([readout])
    rels = extract(doc, nlp)
    assert {(r.relation, r.source.label, r.target.label) for r in rels} >= {
        ("meets", "Antony Blinken", "Dmytro Kuleba")}  # fmt: skip
    assert all(doc.text[r.start : r.end] == r.sentence for r in rels)
    assert not any("\n\n" in r.sentence for r in rels)  # the heading is a sentence of its own


def test_scanned_pdf_is_refused_by_name_and_the_batch_goes_on(tmp_path, readout):
    scan = make_scanned_pdf(tmp_path / "scan.pdf", pages=2)
    docs, errors = read([scan, readout])
    assert [(e.code, e.path) for e in errors] == [("E109", str(scan))]
    assert "no text layer" in errors[0].message and "2 of 2 page(s)" in errors[0].message
    assert "OCR" in errors[0].message
    assert [d.id for d in docs] == [str(readout)]


def test_a_scanned_page_inside_a_text_pdf_is_a_warning(tmp_path):
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, "Chancellor Scholz met President Biden in Washington.")
    pdf.add_page()
    pdf.image(Image.new("RGB", (400, 500), "gray"), x=0, y=0, w=210)
    p = tmp_path / "mixed.pdf"
    pdf.output(str(p))
    [doc], errors = read([p])
    assert doc.text == "Chancellor Scholz met President Biden in Washington."
    assert [(e.code, e.path) for e in errors] == [("W202", str(p))]
    assert "page(s) 2 of 2" in errors[0].message


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"%PDF-1.4\nnot really a PDF", "E110"), (b"", "E110"), (b"%PDF-1.7\n" + bytes(range(256)) * 8, "E110")],
    ids=["truncated", "empty-file", "garbage"],
)
def test_damaged_pdf_is_reported_by_name(tmp_path, content, code):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Putin met Assad.", encoding="utf-8")
    docs, errors = read([bad, good])
    assert [(e.code, e.path) for e in errors] == [(code, str(bad))]
    assert str(errors[0]).startswith(f"{code} {bad}: ")
    assert [d.id for d in docs] == [str(good)]


def test_encrypted_pdf_is_reported(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 6, "Confidential: Lavrov met Wang Yi.")
    p = tmp_path / "locked.pdf"
    pdf.output(str(p))
    docs, errors = read([p])
    assert docs == [] and [(e.code, e.path) for e in errors] == [("E110", str(p))]
    assert "password" in errors[0].message


def test_pdf_without_metadata_is_titled_by_its_name(tmp_path):
    p = make_pdf(tmp_path / "note-verbale.pdf", [[["Japan urged China to resume the dialogue."]]],
                 header=None, footer=False)  # fmt: skip
    [doc], errors = read([p], default_date="2023-05-05")
    assert errors == []
    assert (doc.title, doc.author) == ("note-verbale", None)
    assert doc.text == "Japan urged China to resume the dialogue."
    # fpdf2 stamps the time it wrote the file: the file's date, not --date
    assert doc.date in {dt.date.today().isoformat(), dt.datetime.now(dt.UTC).date().isoformat()}


def test_300_page_pdf_is_read_in_sections_with_whole_text_offsets(tmp_path):
    pages = []
    for n in range(300):
        pages.append([
            [f"In meeting {n + 1} of the series, Secretary Blinken met Foreign Minister Kuleba in Kyiv",
             "and discussed support for Ukraine, sanctions on Russia and the work of the",
             "International Atomic Energy Agency at the Zaporizhzhia nuclear power plant.",
             "Both sides agreed to meet again, and the Secretary urged Russia to withdraw."],
        ])  # fmt: skip
    p = make_pdf(tmp_path / "report.pdf", pages, title="Report to Congress",
                 created=dt.datetime(2022, 9, 1, tzinfo=dt.UTC))  # fmt: skip
    whole = read_pdf(p).text
    assert HEADER not in whole and "Page 150" not in whole
    assert whole.count("Secretary Blinken met") == 300
    docs, errors = read([p], section_chars=40_000)
    assert errors == []
    assert len(whole) > 80_000 and len(docs) >= len(whole) / 40_000
    assert [d.id for d in docs] == [f"{p}#section-{i}" for i in range(1, len(docs) + 1)]
    for d in docs:
        assert len(d.text) <= 40_000
        assert d.part_of == str(p) and d.title == "Report to Congress" and d.date == "2022-09-01"
        assert whole[d.offset : d.offset + len(d.text)] == d.text
        assert d.text.startswith("In meeting")  # cut at a paragraph, never inside one
