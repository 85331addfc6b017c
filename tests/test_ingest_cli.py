"""Every file accounted for, through ``kg build``: a folder of every kind of input, good
and bad, builds the good ones and lists each skipped file with its reason, a count per
reason in the summary and in report.json, and exit code 1; ``--help`` says what is read."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from ingest_samples import make_docx, make_pdf, make_scanned_pdf
from typer.testing import CliRunner

from kg.cli import app

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("mixed") / "in"
    d.mkdir()
    (d / "a_note.txt").write_text("Chinese President Xi Jinping met French President Emmanuel Macron in "
                                  "Beijing.", encoding="utf-8")  # fmt: skip
    shutil.copy(DATA / "pages" / "kremlin-news.html", d / "b_page.html")
    make_pdf(d / "c_readout.pdf", [[["Secretary Blinken met Foreign Minister Kuleba in Brussels."]]],
             title="Readout", created=dt.datetime(2022, 3, 4, tzinfo=dt.UTC))  # fmt: skip
    make_docx(d / "d_statement.docx", ["Germany supports Ukraine's bid to join the European Union."],
              title="Statement", created=dt.datetime(2022, 4, 7, tzinfo=dt.UTC))  # fmt: skip
    shutil.copy(DATA / "feeds" / "kremlin-news.atom", d / "e_feed.atom")
    (d / "f_memo.rtf").write_text("{\\rtf1 Putin met Assad.}", encoding="utf-8")
    (d / "g_photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (d / "h_empty.txt").write_bytes(b"")
    make_scanned_pdf(d / "i_scan.pdf", pages=1)
    (d / "j_dump.txt").write_text("Putin met Assad. " * 600_000, encoding="utf-8")  # 10.2M characters
    return d


SKIPPED = {
    "f_memo.rtf": ("unsupported type", "E107"),
    "g_photo.png": ("unsupported type", "E107"),
    "h_empty.txt": ("empty", "E101"),
    "i_scan.pdf": ("no text layer", "E109"),
    "j_dump.txt": ("too large", "E108"),
}


def test_a_folder_build_accounts_for_every_file(mixed, tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["build", str(mixed), "-o", str(out), "-j", "1"])
    assert res.exit_code == 1, res.output  # some inputs were skipped
    lines = res.stdout.splitlines()
    assert "skipped    5  empty=1  no text layer=1  too large=1  unsupported type=2" in lines
    for name, (reason, code) in SKIPPED.items():
        assert f"           {mixed / name}  {reason} ({code})" in lines, res.stdout
    assert "skipped 5: empty 1, no text layer 1, too large 1, unsupported type 2" in res.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    s = report["summary"]
    assert s["documents"] == 6  # note, page, PDF, Word file and the feed's two items
    assert s["skipped"]["count"] == 5
    assert s["skipped"]["by_reason"] == {"empty": 1, "no text layer": 1, "too large": 1,
                                         "unsupported type": 2}  # fmt: skip
    assert {(Path(i["path"]).name, i["reason"], i["code"]) for i in s["skipped"]["inputs"]} == {
        (name, reason, code) for name, (reason, code) in SKIPPED.items()}  # fmt: skip
    assert "Skipped: 5 (empty 1, no text layer 1, too large 1, unsupported type 2)" in (
        out / "report.md").read_text(encoding="utf-8")  # fmt: skip


def test_a_build_with_nothing_skipped_exits_0(tmp_path):
    res = CliRunner().invoke(app, ["build", str(DATA / "feeds"), "-o", str(tmp_path / "out"), "-j", "1"])
    assert res.exit_code == 1  # the RSS feed has an item with no text: listed
    assert "bad record (E103)" in res.stdout
    res = CliRunner().invoke(app, ["build", str(DATA / "feeds" / "kremlin-news.atom"), "-o",
                                   str(tmp_path / "out2"), "-j", "1"])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "skipped" not in res.stdout


@pytest.mark.parametrize("command", ["build", "extract"])
def test_help_says_what_is_read_and_what_the_exit_code_means(command):
    res = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0
    text = " ".join(res.output.split())
    for word in ("saved web pages", "PDF", "Word", "RSS/Atom", "JSON lines", "CSV", "Parquet",
                 "--text-column", "--id-column", "--date-column", "Exit status: 0", "skipped"):  # fmt: skip
        assert word in text, word
