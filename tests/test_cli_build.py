"""``kg build`` end to end on seeds/: files written, graph valid, summary printed."""

from __future__ import annotations

import json
import sys

from conftest import SEEDS
from typer.testing import CliRunner

from kg.cli import app


def test_build_seeds(tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["build", str(SEEDS), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "documents  9" in res.stdout
    for name in ("graph.trig", "graph.html", "report.json", "report.md"):
        assert (out / name).stat().st_size > 0, name
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["documents"] == 9
    assert report["summary"]["by_relation"]["meets"] >= 3

    from kg.rdf.mapping import load_dataset
    from kg.rdf.shapes import validate

    ds = load_dataset(out / "graph.trig")
    graphs = [g for g in ds.graphs() if len(g)]
    assert len(graphs) >= 9  # one named graph per document
    assert validate(ds).conforms


def test_rebuild_gives_the_same_triples(tmp_path):
    from rdflib.compare import isomorphic

    from kg.builder import build
    from kg.rdf.mapping import union_graph

    a = build([SEEDS], out_dir=None)
    b = build([SEEDS], out_dir=None)
    assert isomorphic(union_graph(a.dataset), union_graph(b.dataset))


def test_bad_inputs_are_reported_and_the_rest_is_built(tmp_path):
    (tmp_path / "ok.txt").write_text("Russian President Vladimir Putin met Syrian President "
                                     "Bashar al-Assad in Moscow.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"id": "a", "text": "Egypt urged Israel to stop."}\n'
                                        "{not json\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert res.exit_code == 1
    assert "empty.txt" in res.output and "bad.jsonl:2" in res.output
    assert "documents  2" in res.stdout


def test_engine_dask_without_dask_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if dask were not installed
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["build", str(SEEDS), "--engine", "dask", "-o", str(out)])
    assert res.exit_code == 1
    assert [line for line in res.output.splitlines() if line.strip()] == [
        "error E012: the dask engine needs dask, which is not installed: pip install 'diplomatic-kg[dask]'"
    ]
    assert not out.exists()  # nothing started, nothing written


def test_build_help_says_how_to_get_the_dask_engine():
    res = CliRunner().invoke(app, ["build", "--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0
    assert "pip install 'diplomatic-kg[dask]'" in " ".join(res.output.split())
