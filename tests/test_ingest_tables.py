"""CSV/TSV and Parquet tables of articles (kg.ingest.tables): ``--text-column``,
``--id-column``, ``--date-column`` through the library and the command line; a missing
column named with the valid ones; a bad row named by its line, the rest read."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.errors import InputError
from kg.ingest import Columns, iter_documents

TABLES = Path(__file__).parent / "data" / "tables"
CSV = TABLES / "ukraine-news.csv"
COLS = Columns(text="body", id="link", date="published")


def read(inputs, **kwargs):
    errors: list[InputError] = []
    docs = list(iter_documents([str(i) for i in inputs], on_error=errors.append, **kwargs))
    return docs, errors


def test_csv_with_named_columns():
    docs, errors = read([CSV], columns=COLS, default_date="2000-01-01")
    assert [(d.id, d.date, d.origin) for d in docs] == [
        ("https://www.president.gov.ua/en/news/call-72309", "2022-03-14", f"{CSV}:2"),
        ("https://www.president.gov.ua/en/news/meeting-72317", "2000-01-01", f"{CSV}:5"),  # a row of 3 lines
    ]  # fmt: skip
    assert docs[0].title == "Volodymyr Zelenskyy had a phone conversation with Joe Biden"  # headline
    assert docs[0].url == docs[0].id  # link
    assert docs[0].text.split("\n\n")[1].startswith("The President of Ukraine thanked")
    assert [(e.code, e.line) for e in errors] == [("E105", 5), ("E103", 6), ("E104", 7)]
    assert all(e.path == str(CSV) for e in errors)
    assert "'body'" in errors[1].message and "row skipped" in errors[1].message


def test_a_missing_column_is_named_with_the_valid_ones(tmp_path):
    docs, errors = read([CSV])  # no --text-column: "text" is not a column of this file
    assert docs == []
    [e] = errors
    assert (e.code, e.path) == ("E112", str(CSV))
    assert "no column 'text' (--text-column)" in e.message
    assert "'link', 'headline', 'published', 'body'" in e.message
    docs, errors = read([CSV], columns=Columns(text="body", date="when"))
    assert docs == [] and [e.code for e in errors] == ["E112"]
    assert "no column 'when' (--date-column)" in errors[0].message


def test_tsv_default_columns_long_fields_and_bad_bytes(tmp_path):
    p = tmp_path / "wire.tsv"
    long_text = "Chancellor Scholz met President Macron in Paris. " * 4000  # 196,000 characters
    p.write_bytes(
        b"id\tdate\ttitle\ttext\n"
        b"w1\t2023-01-22\tParis talks\t" + long_text.encode() + b"\n"
        b"w2\t2023-01-23\tAnkara\tErdo\xf0an met Putin.\n"
        b"\t\t\t\n"
    )
    docs, errors = read([p])
    assert [(d.id, d.date, d.title) for d in docs] == [("w1", "2023-01-22", "Paris talks"),
                                                       ("w2", "2023-01-23", "Ankara")]  # fmt: skip
    assert docs[0].text == long_text  # over the csv module's default field limit of 131,072
    assert docs[1].text == "Erdo\ufffdan met Putin."
    assert [(e.code, e.line) for e in errors] == [("W201", 3)]


def test_jsonl_fields_can_be_named_too(tmp_path):
    p = tmp_path / "scraped.jsonl"
    p.write_text(json.dumps({"link": "u1", "body": "Modi met Biden.", "published": "2023-06-22"}) + "\n",
                 encoding="utf-8")  # fmt: skip
    [doc], errors = read([p], columns=COLS)
    assert errors == []
    assert (doc.id, doc.text, doc.date, doc.url) == ("u1", "Modi met Biden.", "2023-06-22", "u1")


def test_parquet_with_named_columns(tmp_path):
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    p = tmp_path / "articles.parquet"
    table = pa.table({
        "link": ["k1", "k2", "k3"],
        "published": [dt.datetime(2022, 2, 24, 23, 0), dt.datetime(2022, 2, 25, 8, 0), None],
        "body": ["Vladimir Putin met Alexander Lukashenko.", "", "Xi Jinping urged restraint."],
        "extra": [1, 2, 3],
    })  # fmt: skip
    pq.write_table(table, p, row_group_size=2)
    docs, errors = read([p], columns=COLS, default_date="2022-03-01")
    assert [(d.id, d.date, d.origin) for d in docs] == [("k1", "2022-02-24", f"{p}:1"),
                                                         ("k3", "2022-03-01", f"{p}:3")]  # fmt: skip
    assert [(e.code, e.line) for e in errors] == [("E103", 2)]


def test_parquet_without_pyarrow_says_what_to_install(tmp_path, monkeypatch):
    p = tmp_path / "articles.parquet"
    p.write_bytes(b"PAR1 whatever")
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails, as when missing
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    good = tmp_path / "good.txt"
    good.write_text("Putin met Assad.", encoding="utf-8")
    docs, errors = read([p, good])
    assert [(e.code, e.path) for e in errors] == [("E111", str(p))]
    assert "pip install 'diplomatic-kg[parquet]'" in errors[0].message
    assert [d.id for d in docs] == [str(good)]


def test_damaged_parquet_is_reported(tmp_path):
    p = tmp_path / "bad.parquet"
    p.write_bytes(b"PAR1 this is not a parquet file PAR1")
    docs, errors = read([p])
    assert docs == [] and [(e.code, e.path) for e in errors] == [("E110", str(p))]


@pytest.mark.parametrize("command", ["extract", "build"])
def test_column_options_on_the_command_line(tmp_path, command):
    from kg.cli import app

    p = tmp_path / "calls.csv"
    with p.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["link", "published", "body"])
        w.writerow(["c1", "2023-03-16", "Russian President Vladimir Putin met Syrian President Bashar "
                                        "al-Assad in Moscow on Wednesday."])  # fmt: skip
    args = [command, str(p), "--text-column", "body", "--id-column", "link", "--date-column", "published",
            "-j", "1"]  # fmt: skip
    if command == "build":
        args += ["-o", str(tmp_path / "out")]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    if command == "extract":
        rows = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
        # the row's text, id and date column reached the extractor ("on Wednesday" → the 15th)
        assert ("c1", "meets", "2023-03-15") in [(r["doc"], r["relation"], r["date"]) for r in rows]
        assert {r["doc"] for r in rows} == {"c1"}
    else:
        report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
        assert report["summary"]["documents"] == 1 and report["summary"]["by_relation"]["meets"] == 1
