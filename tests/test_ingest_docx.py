"""Word files (kg.ingest.docx, python-docx) on real .docx files written by python-docx:
the body in document order (paragraphs, then tables where they stand), headers and
footers left out, hyphenation mended, the file's own title, author and creation date."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from ingest_samples import HEADER, make_docx

from kg.errors import InputError
from kg.ingest import iter_documents

KYIV = dt.timezone(dt.timedelta(hours=3))


def read(inputs, **kwargs):
    errors: list[InputError] = []
    docs = list(iter_documents([str(i) for i in inputs], on_error=errors.append, **kwargs))
    return docs, errors


@pytest.fixture
def statement(tmp_path: Path) -> Path:
    return make_docx(
        tmp_path / "statement.docx",
        [
            ["Foreign Minister Dmytro Kuleba met Foreign Minister Annalena Baerbock in Kyiv. The",
             "ministers discussed the nego-", "tiation of further sanctions against Russia."],
            "Germany supports Ukraine's bid for membership of the European Union. The minis-",
            "ters agreed to meet again in Brussels, at a well-known venue.",
        ],
        heading="Joint statement of the foreign ministers",
        title="Joint Statement of the Foreign Ministers of Ukraine and Germany",
        author="Ministry of Foreign Affairs of Ukraine",
        created=dt.datetime(2022, 4, 7, 23, 30, tzinfo=dt.UTC),
        table=[["Country", "Pledge"], ["Germany", "EUR 1 billion"]],
    )  # fmt: skip


def test_docx_text_in_order_without_header_or_footer(statement):
    [doc], errors = read([statement], default_date="2000-01-01")
    assert errors == []
    assert doc.text.split("\n\n") == [
        "Joint statement of the foreign ministers",
        "Foreign Minister Dmytro Kuleba met Foreign Minister Annalena Baerbock in Kyiv. The ministers "
        "discussed the negotiation of further sanctions against Russia.",
        # a word cut across two paragraphs (text pasted from a PDF) is mended
        "Germany supports Ukraine's bid for membership of the European Union. The ministers agreed to "
        "meet again in Brussels, at a well-known venue.",
        "Country | Pledge",
        "Germany | EUR 1 billion",
    ]
    assert HEADER not in doc.text and "immediate release" not in doc.text
    assert doc.title == "Joint Statement of the Foreign Ministers of Ukraine and Germany"
    assert doc.author == "Ministry of Foreign Affairs of Ukraine"
    assert doc.date == "2022-04-07"  # the file's creation date, over --date
    assert doc.id == doc.origin == str(statement)


def test_docx_relations(statement, nlp):
    from kg.extraction import extract

    [doc], _ = read([statement])
    rels = extract(doc, nlp)
    assert ("meets", "Dmytro Kuleba", "Annalena Baerbock") in {
        (r.relation, r.source.label, r.target.label) for r in rels if r.target}  # fmt: skip
    assert all(doc.text[r.start : r.end] == r.sentence and "\n\n" not in r.sentence for r in rels)


def test_docx_without_properties_falls_back_to_its_title_style_and_name(tmp_path):
    import docx

    d = docx.Document()  # python-docx's template: no title, created 2013-12-23 (not the document's)
    d.add_paragraph("Note verbale", style="Title")
    d.add_paragraph("The Embassy of Japan presents its compliments to the Ministry of Foreign Affairs.")
    p = tmp_path / "note.docx"
    d.save(str(p))
    [doc], errors = read([p], default_date="2023-05-05")
    assert errors == []
    assert (doc.title, doc.date) == ("Note verbale", "2023-05-05")
    d = docx.Document()
    d.add_paragraph("Putin met Lukashenko in Minsk.")
    d.save(str(p))
    [doc], _ = read([p])
    assert (doc.title, doc.date) == ("note", None)


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04 not a zip at all", b"{\\rtf1 renamed rtf}", b""],
    ids=["broken-zip", "renamed-rtf", "empty"],
)
def test_damaged_docx_is_reported_by_name(tmp_path, content):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Erdogan met Aliyev.", encoding="utf-8")
    docs, errors = read([bad, good])
    assert [(e.code, e.path) for e in errors] == [("E110", str(bad))]
    assert [d.id for d in docs] == [str(good)]


def test_a_zip_that_is_no_word_file(tmp_path):
    bad = tmp_path / "archive.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("readme.txt", "not a Word document")
    docs, errors = read([bad])
    assert docs == [] and [(e.code, e.path) for e in errors] == [("E110", str(bad))]


def test_docx_with_no_text_is_empty(tmp_path):
    p = make_docx(tmp_path / "blank.docx", [], header="Only a header", footer=None)
    docs, errors = read([p])
    assert docs == [] and [(e.code, e.path) for e in errors] == [("E101", str(p))]
