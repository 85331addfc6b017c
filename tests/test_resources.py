"""kg.resources: the one place that finds ontology/ files, and DKG_ONTOLOGY to read another copy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from kg.errors import KGError
from kg.resources import ENV_VAR, ontology_dir, ontology_file, read_jsonl, read_text


def test_shipped_files_are_found():
    assert ontology_file("dkg.ttl").name == "dkg.ttl"
    assert "@prefix dkg:" in read_text("dkg.ttl")
    names = {p.name for p in ontology_dir("queries").iterdir()}
    assert "who_met_whom.rq" in names
    assert read_jsonl("gazetteer/states.jsonl")[0]["iso3"] == "ABW"
    # the installed files are those of the checkout (an editable install)
    assert read_text("dkg.ttl") == (ROOT / "ontology" / "dkg.ttl").read_text(encoding="utf-8")


def test_an_override_folder_is_read_instead(tmp_path, monkeypatch):
    copy = tmp_path / "onto"
    shutil.copytree(ROOT / "ontology", copy)
    (copy / "gazetteer" / "extra.jsonl").write_text(
        '// a comment\n\n{"id": "x1", "label": "X"}\n{"id": "x2", "label": "Y"}\n', encoding="utf-8"
    )
    monkeypatch.setenv(ENV_VAR, str(copy))
    assert [r["id"] for r in read_jsonl("gazetteer/extra.jsonl")] == ["x1", "x2"]
    assert Path(str(ontology_dir())) == copy


def test_a_broken_jsonl_line_names_file_and_line(tmp_path, monkeypatch):
    copy = tmp_path / "onto"
    shutil.copytree(ROOT / "ontology", copy)
    (copy / "patterns" / "bad.jsonl").write_text('{"a": 1}\n{"a": \n', encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(copy))
    with pytest.raises(ValueError, match=r"ontology/patterns/bad.jsonl:2: "):
        read_jsonl("patterns/bad.jsonl")


def test_an_override_without_the_ontology_is_a_coded_error(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    with pytest.raises(KGError, match="E010") as e:
        read_text("dkg.ttl")
    assert e.value.path == str(tmp_path)


def test_nothing_is_read_at_import():
    code = "import kg.resources, sys; print('rdflib' in sys.modules, 'json' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[0] == "False"
