"""``build(store=…)`` streams: nothing per document stays in memory, and out/ is the
same as the in-memory build's (written from a scratch Oxigraph directory)."""

from __future__ import annotations

import json

import pytest
from conftest import SEEDS
from rdflib import Dataset

from kg.builder import build


def _quads(path) -> set:
    ds = Dataset()
    ds.parse(path, format="trig")
    return {(s, p, o, str(g)) for s, p, o, g in ds.quads((None, None, None, None)) if g is not None}


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    root = tmp_path_factory.mktemp("builds")
    memory = build([SEEDS], out_dir=root / "mem", default_date="2023-03-16")
    stored = build([SEEDS], out_dir=root / "st", default_date="2023-03-16", store=root / "store",
                   batch_size=3)
    return memory, stored, root


def test_store_build_keeps_no_documents_relations_or_dataset(both) -> None:
    memory, stored, _ = both
    assert memory.relations and len(memory.dataset) > 0
    assert stored.relations == [] and stored.documents == [] and len(stored.dataset) == 0
    assert stored.sample == memory.relations[: len(stored.sample)] and stored.sample
    assert stored.summary == memory.summary
    assert stored.stored == memory.summary["documents"] == 9


def test_store_build_writes_the_same_outputs(both) -> None:
    memory, stored, root = both
    assert _quads(stored.files["graph"]) == _quads(memory.files["graph"])
    rep_mem = json.loads(memory.files["report_json"].read_text())
    rep_st = json.loads(stored.files["report_json"].read_text())
    assert rep_st == rep_mem
    assert stored.files["report_md"].read_text() == memory.files["report_md"].read_text()
    html_mem, html_st = memory.files["html"].read_text(), stored.files["html"].read_text()
    assert html_st == html_mem
    assert not (root / "st" / ".build-store").exists()
