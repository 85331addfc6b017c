"""Reading articles (kg.ingest): files, folders, JSON lines, stdin, and every kind of bad input.

Each bad input must reach ``on_error`` as an InputError that names the file (and
the line, for JSON lines), while the rest of the batch is still produced.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import html_to_text, iter_documents, parse_date

REPO = Path(__file__).resolve().parents[1]


def read(inputs, **kwargs):
    """All documents and all reported errors of one batch."""
    errors: list[InputError] = []
    docs = list(iter_documents([str(i) for i in inputs], on_error=errors.append, **kwargs))
    return docs, errors


def write_jsonl(path: Path, *records: object) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def set_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A well-formed article, put after a bad input to show the batch goes on."""
    p = tmp_path / "zz_good.txt"
    p.write_text("Putin met Assad in Moscow.", encoding="utf-8")
    return p


# --- plain files ------------------------------------------------------------------------


def test_txt_file_is_one_document(tmp_path):
    p = tmp_path / "putin.txt"
    text = "Russian President Vladimir Putin met Bashar al-Assad.\nThey discussed Syria.\n"
    p.write_text(text, encoding="utf-8")
    docs, errors = read([p])
    assert errors == []
    [doc] = docs
    assert doc.id == str(p)
    assert doc.origin == str(p)
    assert doc.text == text
    assert doc.title == "putin"
    assert doc.date is None
    assert doc.url is None and doc.publisher is None


def test_default_date_applies_to_plain_files(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("# Talks\n\nBiden spoke with Xi.", encoding="utf-8")
    [doc] = read([p], default_date="2021-11-16")[0]
    assert doc.date == "2021-11-16"
    assert doc.text == "# Talks\n\nBiden spoke with Xi."


def test_suffixes_are_case_insensitive(tmp_path):
    (tmp_path / "A.TXT").write_text("Biden called Trudeau.", encoding="utf-8")
    (tmp_path / "b.HTM").write_text("<p>Macron met Scholz.</p>", encoding="utf-8")
    (tmp_path / "c.Md").write_text("Erdogan visited Baku.", encoding="utf-8")
    docs, errors = read([tmp_path / "A.TXT", tmp_path / "b.HTM", tmp_path / "c.Md"])
    assert errors == []
    assert [d.text for d in docs] == [
        "Biden called Trudeau.",
        "Macron met Scholz.",
        "Erdogan visited Baku.",
    ]


def test_utf8_byte_order_mark_is_dropped(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes("\ufeffLavrov met Wang Yi.".encode())
    [doc] = read([p])[0]
    assert doc.text == "Lavrov met Wang Yi."


def test_html_file_gives_text_and_title(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        "<!doctype html><html><head><title>Readout &ndash; Call</title>"
        "<script>var tracking = 'SCRIPT';</script></head>"
        "<body><p>President Biden spoke with President Macron.</p></body></html>",
        encoding="utf-8",
    )
    [doc] = read([p])[0]
    assert doc.title == "Readout – Call"
    assert doc.text == "President Biden spoke with President Macron."


def test_html_file_without_title_is_titled_by_its_name(tmp_path):
    p = tmp_path / "readout-42.htm"
    p.write_text("<p>Blinken met Retno Marsudi.</p>", encoding="utf-8")
    [doc] = read([p])[0]
    assert doc.title == "readout-42"


def test_inputs_keep_their_order(tmp_path):
    for name in ("b.txt", "a.txt", "c.txt"):
        (tmp_path / name).write_text(f"Text of {name}.", encoding="utf-8")
    docs, _ = read([tmp_path / "b.txt", tmp_path / "a.txt", tmp_path / "c.txt"])
    assert [Path(d.id).name for d in docs] == ["b.txt", "a.txt", "c.txt"]


# --- folders ----------------------------------------------------------------------------


def test_folder_is_read_sorted_and_recursively_without_readme(tmp_path):
    root = tmp_path / "articles"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "b.txt").write_text("B text.", encoding="utf-8")
    (root / "a.md").write_text("A text.", encoding="utf-8")
    (root / "README.md").write_text("About this folder.", encoding="utf-8")
    (root / "sub" / "ReadMe.MD").write_text("About the sub folder.", encoding="utf-8")
    (root / "sub" / "c.html").write_text("<p>C text.</p>", encoding="utf-8")
    (root / "sub" / "deeper" / "d.txt").write_text("D text.", encoding="utf-8")
    (root / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    write_jsonl(root / "z.jsonl", {"id": "j1", "text": "J1 text."}, {"id": "j2", "text": "J2."})

    docs, errors = read([root])

    assert [(e.code, e.path) for e in errors] == [("E110", str(root / "notes.pdf"))]  # read, damaged
    assert [d.id for d in docs] == [
        str(root / "a.md"),
        str(root / "b.txt"),
        str(root / "sub" / "c.html"),
        str(root / "sub" / "deeper" / "d.txt"),
        "j1",
        "j2",
    ]
    assert [d.text for d in docs][:4] == ["A text.", "B text.", "C text.", "D text."]
    assert all("README" not in (d.origin or "").upper() for d in docs)


def test_seeds_folder_skips_its_readme():
    docs, errors = read([REPO / "seeds"])
    assert errors == []
    origins = [d.origin or "" for d in docs]
    assert not any(Path(o.split(":")[0]).name.lower() == "readme.md" for o in origins)
    assert origins[0].endswith("000_72b9556ecc5a0186.txt")
    assert "Bashar al-Assad" in docs[0].text
    sample = [d for d in docs if (d.origin or "").startswith(str(REPO / "seeds" / "corpus_sample"))]
    assert 6 <= len(sample) <= 8
    assert all(d.date and d.url and d.publisher and d.title for d in sample)
    assert {d.id.split("-")[0] for d in sample} == {"wh", "state", "kremlin"}


def test_seed_sample_is_a_verbatim_licensed_corpus_extract():
    fields = ["id", "title", "date", "url", "source", "license", "text"]
    lines = (REPO / "seeds" / "corpus_sample.jsonl").read_text(encoding="utf-8").splitlines()
    readme = (REPO / "seeds" / "README.md").read_text(encoding="utf-8")
    for line in lines:
        rec = json.loads(line)
        assert list(rec) == fields
        assert not rec["id"].startswith("ukraine-")
        assert 150 <= len(rec["text"].split()) <= 700
        assert rec["id"] in readme and rec["url"] in readme


def test_empty_folder_is_reported(tmp_path, good):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("Only a readme here.", encoding="utf-8")
    docs, errors = read([empty, good])
    assert [e.code for e in errors] == ["E106"]
    assert errors[0].path == str(empty)
    assert [d.id for d in docs] == [str(good)]


def test_files_in_hidden_folders_are_skipped(tmp_path):
    (tmp_path / "a.txt").write_text("Article.", encoding="utf-8")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "a-checkpoint.txt").write_text("Article.", encoding="utf-8")
    docs, _ = read([tmp_path])
    assert [d.id for d in docs] == [str(tmp_path / "a.txt")]


# --- JSON lines -------------------------------------------------------------------------


def test_jsonl_keeps_title_url_date_source_and_ignores_extra_fields(tmp_path):
    p = write_jsonl(
        tmp_path / "a.jsonl",
        {
            "id": "kremlin-926c3325e3c2",
            "title": "Telephone conversation with President of Syria Bashar al-Assad",
            "date": "2022-02-25T09:30:00Z",
            "url": "http://en.kremlin.ru/events/president/news/67852",
            "source": "President of Russia (en.kremlin.ru)",
            "license": "CC BY 4.0",
            "lang": "en",
            "tags": ["syria", {"nested": True}],
            "text": "Vladimir Putin had a telephone conversation with Bashar al-Assad.",
        },
        {"id": 7, "text": "Numeric ids become strings.", "publisher": "Some Agency"},
        {"text": "No id: the file and line name it."},
    )
    docs, errors = read([p], default_date="2000-01-01")
    assert errors == []
    first, second, third = docs
    assert first.id == "kremlin-926c3325e3c2"
    assert first.title == "Telephone conversation with President of Syria Bashar al-Assad"
    assert first.date == "2022-02-25"
    assert first.url == "http://en.kremlin.ru/events/president/news/67852"
    assert first.publisher == "President of Russia (en.kremlin.ru)"
    assert first.origin == f"{p}:1"
    assert first.text.startswith("Vladimir Putin")
    assert not hasattr(first, "license") and not hasattr(first, "tags")
    assert (second.id, second.publisher, second.date) == ("7", "Some Agency", "2000-01-01")
    assert second.title is None and second.url is None
    assert third.id == f"{p}:3" and third.origin == f"{p}:3"


def test_jsonl_with_crlf_and_blank_lines(tmp_path):
    p = tmp_path / "win.ndjson"
    p.write_bytes(b'{"id": "a", "text": "One."}\r\n\r\n  \r\n{"id": "b", "text": "Two."}\r\n')
    docs, errors = read([p])
    assert errors == []
    assert [(d.id, d.origin) for d in docs] == [("a", f"{p}:1"), ("b", f"{p}:4")]


def test_jsonl_bad_lines_are_reported_and_the_rest_is_kept(tmp_path, good):
    p = write_jsonl(
        tmp_path / "batch.jsonl",
        {"id": "ok1", "text": "Putin met Assad.", "date": "2023-03-15"},  # 1
        '{"id": "broken", "text": "unterminated',  # 2 malformed
        {"id": "no-text", "title": "Headline only"},  # 3 no text
        {"id": "blank-text", "text": "   "},  # 4 empty text
        {"id": "not-a-string", "text": 42},  # 5 text not a string
        "[1, 2, 3]",  # 6 not an object
        '"just a string"',  # 7 not an object
        {"id": "ok1", "text": "Same id again."},  # 8 duplicate id
        {"id": "bad-date", "text": "Erdogan called Putin.", "date": "15/03/2023"},  # 9
        "",  # 10 blank: silently skipped
        {"id": "ok2", "text": "Biden spoke with Xi."},  # 11
    )
    docs, errors = read([p, good], default_date=None)

    assert [d.id for d in docs] == ["ok1", "bad-date", "ok2", str(good)]
    assert docs[0].text == "Putin met Assad."  # the first of a duplicated id wins
    assert docs[1].date is None  # E105: kept, with no date
    assert [(e.code, e.line) for e in errors] == [
        ("E103", 2),
        ("E103", 3),
        ("E103", 4),
        ("E103", 5),
        ("E103", 6),
        ("E103", 7),
        ("E104", 8),
        ("E105", 9),
    ]
    for e in errors:
        assert isinstance(e, InputError)
        assert e.path == str(p)
        assert str(e).startswith(f"{e.code} {p}:{e.line}: ")
    assert "'ok1'" in errors[6].message
    assert "15/03/2023" in errors[7].message


def test_jsonl_bad_date_falls_back_to_the_default_date(tmp_path):
    p = write_jsonl(tmp_path / "d.jsonl", {"id": "x", "text": "T.", "date": "2023-02-30"})
    docs, errors = read([p], default_date="2024-01-01")
    assert [e.code for e in errors] == ["E105"]
    assert docs[0].date == "2024-01-01"


def test_jsonl_invalid_utf8_line_is_decoded_with_a_warning(tmp_path):
    p = tmp_path / "latin1.jsonl"
    p.write_bytes(
        b'{"id": "a", "text": "Good line."}\n'
        b'{"id": "b", "text": "Erdo\xf0an met Putin."}\n'
        b'{"id": "c", "text": "Also good."}\n'
    )
    docs, errors = read([p])
    assert [d.id for d in docs] == ["a", "b", "c"]
    assert docs[1].text == "Erdo\ufffdan met Putin."
    assert [e.code for e in errors] == ["W201"]
    assert f"{p}:2" in str(errors[0])


def test_jsonl_decode_errors_carry_path_and_line_separately(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n{"id": "b", "text": "nul \x00 byte"}\n')
    _, errors = read([p])
    assert [(e.code, e.path, e.line) for e in errors] == [
        ("W201", str(p), 1),
        ("E102", str(p), 2),
    ]


def test_empty_jsonl_is_reported(tmp_path, good):
    p = tmp_path / "empty.jsonl"
    p.write_text("\n  \n", encoding="utf-8")
    docs, errors = read([p, good])
    assert [d.id for d in docs] == [str(good)]
    assert [(e.code, e.path) for e in errors] == [("E101", str(p))]


# --- stdin ------------------------------------------------------------------------------


def test_stdin_json_lines(monkeypatch):
    set_stdin(
        monkeypatch,
        b'  \n{"id": "s1", "text": "Putin met Assad.", "date": "2023-03-15", "extra": 1}\n'
        b"not json\n"
        b'{"id": "s2", "text": "Biden called Trudeau.", "source": "WH"}\n',
    )
    docs, errors = read(["-"])
    assert [(d.id, d.date, d.publisher, d.origin) for d in docs] == [
        ("s1", "2023-03-15", None, "<stdin>:2"),
        ("s2", None, "WH", "<stdin>:4"),
    ]
    assert [(e.code, e.path, e.line) for e in errors] == [("E103", "<stdin>", 3)]


def test_stdin_plain_text(monkeypatch, tmp_path):
    text = "Russian President Vladimir Putin met Syrian President Bashar al-Assad.\n"
    set_stdin(monkeypatch, text.encode())
    before = tmp_path / "before.txt"
    before.write_text("First.", encoding="utf-8")
    docs, errors = read([before, "-"], default_date="2024-07-24")
    assert errors == []
    assert docs[0].id == str(before)
    assert (docs[1].id, docs[1].text, docs[1].date, docs[1].origin) == (
        "<stdin>",
        text,
        "2024-07-24",
        "<stdin>",
    )


def test_empty_stdin_is_reported(monkeypatch, good):
    set_stdin(monkeypatch, b"  \n\n")
    docs, errors = read(["-", good])
    assert [(e.code, e.path) for e in errors] == [("E101", "<stdin>")]
    assert [d.id for d in docs] == [str(good)]


def test_invalid_utf8_on_stdin_is_a_warning(monkeypatch):
    set_stdin(monkeypatch, b"Erdo\xf0an met Putin.")
    docs, errors = read(["-"])
    assert [e.code for e in errors] == ["W201"]
    assert docs[0].text == "Erdo\ufffdan met Putin."


def test_stdin_json_lines_after_a_byte_order_mark(monkeypatch):
    set_stdin(monkeypatch, b'\xef\xbb\xbf{"id": "s1", "text": "Putin met Assad."}\n')
    docs, errors = read(["-"])
    assert errors == []
    assert [d.id for d in docs] == ["s1"]


# --- bad files --------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", b"\xef\xbb\xbf"])
def test_empty_file_is_reported(tmp_path, good, content):
    p = tmp_path / "empty.txt"
    p.write_bytes(content)
    docs, errors = read([p, good])
    assert [(e.code, e.path, e.line) for e in errors] == [("E101", str(p), None)]
    assert str(errors[0]).startswith(f"E101 {p}: ")
    assert [d.id for d in docs] == [str(good)]


def test_html_with_no_text_is_reported_as_empty(tmp_path, good):
    p = tmp_path / "only-script.html"
    p.write_text("<html><script>var x = 1;</script><!-- nothing --></html>", encoding="utf-8")
    docs, errors = read([p, good])
    assert [(e.code, e.path) for e in errors] == [("E101", str(p))]
    assert [d.id for d in docs] == [str(good)]


def test_binary_file_is_reported(tmp_path, good):
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    docs, errors = read([p, good])
    assert [(e.code, e.path) for e in errors] == [("E102", str(p))]
    assert "binary" in errors[0].message
    assert [d.id for d in docs] == [str(good)]


def test_invalid_utf8_is_decoded_with_replacement_and_a_warning(tmp_path, good):
    p = tmp_path / "cp1252.txt"
    p.write_bytes(b"Prime Minister Erdo\xf0an met President Macron \x93today\x94.")
    docs, errors = read([p, good])
    assert [(e.code, e.path) for e in errors] == [("W201", str(p))]
    assert "byte 19" in errors[0].message
    assert str(errors[0]).startswith(f"W201 {p}: ")
    assert docs[0].text == "Prime Minister Erdo\ufffdan met President Macron \ufffdtoday\ufffd."
    assert [d.id for d in docs] == [str(p), str(good)]


def test_50_mb_text_file_is_refused_as_too_large(tmp_path, good):
    p = tmp_path / "huge.txt"
    sentence = "Russian President Vladimir Putin met Syrian President Bashar al-Assad. "
    n = 50 * 1024 * 1024 // len(sentence) + 1
    with p.open("w", encoding="utf-8") as fh:
        fh.write(sentence * n)
    docs, errors = read([p, good])
    assert [(e.code, e.path) for e in errors] == [("E108", str(p))]
    assert "too large" in errors[0].message and "10,000,000" in errors[0].message
    assert [d.id for d in docs] == [str(good)]


def test_unreadable_file_in_a_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Before.", encoding="utf-8")
    locked = folder / "b.txt"
    locked.write_text("Locked article.", encoding="utf-8")
    (folder / "c.txt").write_text("After.", encoding="utf-8")
    locked.chmod(0)
    try:
        readable = os.access(locked, os.R_OK)  # True for root, e.g. in CI containers
        docs, errors = read([folder])
    finally:
        locked.chmod(0o644)
    if readable:
        assert errors == []
        assert [d.text for d in docs] == ["Before.", "Locked article.", "After."]
    else:
        assert [(e.code, e.path) for e in errors] == [("E100", str(locked))]
        assert "cannot read file" in errors[0].message
        assert [d.text for d in docs] == ["Before.", "After."]


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_file_that_fails_on_read_is_reported_even_for_root(tmp_path):
    """/proc/self/mem opens as a regular file but its first read fails with EIO,
    even for root: a real OSError on read, with no mock."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Before.", encoding="utf-8")
    (folder / "b.txt").symlink_to("/proc/self/mem")
    (folder / "c.txt").write_text("After.", encoding="utf-8")
    docs, errors = read([folder])
    assert [(e.code, e.path) for e in errors] == [("E100", str(folder / "b.txt"))]
    assert str(errors[0]).startswith(f"E100 {folder / 'b.txt'}: cannot read file")
    assert [d.text for d in docs] == ["Before.", "After."]


def test_dangling_symlink_given_directly_is_reported(tmp_path, good):
    link = tmp_path / "x.txt"
    link.symlink_to(tmp_path / "missing.txt")
    docs, errors = read([link, good])
    assert [(e.code, e.path) for e in errors] == [("E100", str(link))]
    assert [d.id for d in docs] == [str(good)]


def test_dangling_symlink_in_a_folder_is_reported(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Before.", encoding="utf-8")
    (folder / "x.txt").symlink_to(folder / "missing.txt")
    docs, errors = read([folder])
    assert [d.text for d in docs] == ["Before."]
    assert [(e.code, e.path) for e in errors] == [("E100", str(folder / "x.txt"))]


def test_folder_named_like_a_file_is_read_as_a_folder(tmp_path, good):
    fake = tmp_path / "article.txt"
    fake.mkdir()
    docs, errors = read([fake, good])
    assert [(e.code, e.path) for e in errors] == [("E106", str(fake))]
    assert [d.id for d in docs] == [str(good)]
    (fake / "inner.md").write_text("Inner article.", encoding="utf-8")
    docs, errors = read([fake])
    assert errors == [] and [d.text for d in docs] == ["Inner article."]


@pytest.mark.parametrize(("name", "shown"), [("report.rtf", "'.rtf'"), ("NOTES", "'(none)'")])
def test_unsupported_suffix_is_reported(tmp_path, good, name, shown):
    p = tmp_path / name
    p.write_bytes(b"Putin met Assad.")
    docs, errors = read([p, good])
    assert [(e.code, e.path) for e in errors] == [("E107", str(p))]
    assert shown in errors[0].message and ".jsonl" in errors[0].message
    assert [d.id for d in docs] == [str(good)]


def test_missing_path_is_reported(tmp_path, good):
    missing = tmp_path / "nope" / "article.txt"
    docs, errors = read([missing, good])
    assert [(e.code, e.path) for e in errors] == [("E100", str(missing))]
    assert str(errors[0]) == f"E100 {missing}: no such file or folder"
    assert [d.id for d in docs] == [str(good)]


def test_default_error_handler_raises(tmp_path):
    with pytest.raises(InputError, match=r"E100 .*nope\.txt: no such file"):
        list(iter_documents([tmp_path / "nope.txt"]))


# --- html_to_text (the page reducer; pages of the publishers' layouts: test_ingest_pages.py) ---


def test_html_to_text_drops_scripts_styles_and_comments_and_decodes_entities():
    markup = """<!DOCTYPE html>
<html><head>
  <title>Putin &amp; Assad &#8211; talks</title>
  <style>body { content: "STYLE_TEXT"; }</style>
  <script type="text/javascript">var secret = "SCRIPT_TEXT"; if (a < b && c > d) {}</script>
</head>
<body>
<!-- COMMENT_TEXT <p>commented out</p> -->
<article><h2>Talks in Moscow</h2>
<p>Vladimir&nbsp;Putin met Bashar al-Assad &amp; Recep Tayyip Erdo&#287;an in the Kremlin on Tuesday.</p>
<SCRIPT>alert("UPPER_SCRIPT")</SCRIPT ><Style media="print">p { x: "UPPER_STYLE" }</STYLE>
<noscript>NOSCRIPT_TEXT</noscript><template><p>TEMPLATE_TEXT</p></template>
<p>He said &#8220;escalation&#8221; &lt;sic&gt; &#x27;twice&#x27; in Syria.<br/>New line</p>
<ul><li>Syria, where the war goes on</li><li>Turkey, which hosts the refugees</li></ul></article>
</body></html>"""
    text, title = html_to_text(markup)
    assert title == "Putin & Assad – talks"
    assert text.split("\n\n") == [
        "Talks in Moscow",
        "Vladimir Putin met Bashar al-Assad & Recep Tayyip Erdoğan in the Kremlin on Tuesday.",
        "He said “escalation” <sic> 'twice' in Syria.\nNew line",
        "- Syria, where the war goes on\n- Turkey, which hosts the refugees",
    ]
    for hidden in ("SCRIPT", "STYLE", "COMMENT", "commented", "NOSCRIPT", "TEMPLATE", "alert"):
        assert hidden not in text


def test_escaped_markup_is_text_not_markup():
    text, title = html_to_text("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;</p>")
    assert text == "<script>alert(1)</script> &lt;"
    assert title is None


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        pytest.param(
            '<p>A</p><script>var s = "<!--"; leak("SCRIPT")</script><p>Kept</p><!-- c --><p>B</p>',
            "A\n\nKept\n\nB",
            id="comment-opener-inside-script",
        ),
        pytest.param(
            '<p>Truncated page</p><script>leak("SCRIPT")',
            "Truncated page",
            id="unclosed-script",
        ),
        pytest.param(
            '<p><img alt="1 > 0" src="x.png">Biden met Xi.</p>',
            "Biden met Xi.",
            id="gt-in-attribute",
        ),
        pytest.param(
            "<title>Headline</title><p>Body.</p>",
            "Body.",
            id="title-without-head",
        ),
        pytest.param(
            "<table><tr><td>Russia</td><td>Syria</td></tr></table>",
            "Russia | Syria",
            id="table-cells",
        ),
    ],
)
def test_html_to_text_edge_cases(markup, expected):
    assert html_to_text(markup)[0] == expected


def test_inline_script_is_dropped_without_its_text():
    text, _ = html_to_text("<p>A<script>x = 1</script>B</p><style>.c{}</style><p>C</p>")
    assert text in ("A B\n\nC", "AB\n\nC")


# --- parse_date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-03-15", "2023-03-15"),
        ("2023-03-15T10:00:00Z", "2023-03-15"),
        ("2023-03-15 10:00", "2023-03-15"),
        ("  2024-02-29\n", "2024-02-29"),
        (None, None),
        ("", None),
    ],
)
def test_parse_date_valid(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "next Tuesday",
        "15/03/2023",
        "2023-3-5",
        "2023-02-30",
        "2023-13-01",
        "2023-03-15x",
        "20230315",
        20230315,
        "0000-01-01",
    ],
)
def test_parse_date_invalid_names_file_and_line(value):
    with pytest.raises(InputError) as info:
        parse_date(value, path="batch.jsonl", line=4)
    e = info.value
    assert (e.code, e.path, e.line) == ("E105", "batch.jsonl", 4)
    assert str(e).startswith("E105 batch.jsonl:4: date ")
    assert "YYYY-MM-DD" in e.message
