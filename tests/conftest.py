"""Shared fixtures: the real spaCy pipeline (loaded once) and the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_72b9556ecc5a0186.txt"
#: the seed article gives no date; the tests give it one so "on Wednesday" resolves
SEED_DATE = "2023-03-16"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_relations(nlp):
    from kg.extraction import extract
    from kg.records import Document

    text = SEED_ARTICLE.read_text(encoding="utf-8")
    return extract(Document(id=str(SEED_ARTICLE), text=text, date=SEED_DATE), nlp)


def brief(rels) -> list[tuple]:
    """(relation, modality, source, target) of each relation: the message of a failed
    extraction assertion."""
    return [(r.relation, r.modality.value, r.source.label, r.target and r.target.label) for r in rels]


#: 200 public-domain corpus documents (notebooks/data/README.md): a real 100+ actor build
CORPUS_SLICE = ROOT / "notebooks" / "data" / "wh_state_2022.jsonl"


@pytest.fixture(scope="session")
def slice_build(tmp_path_factory) -> Path:
    """``kg build`` of the corpus slice (about 25 s), once per session: its out/ folder."""
    from typer.testing import CliRunner

    from kg.cli import app

    out = tmp_path_factory.mktemp("slice") / "out"
    res = CliRunner().invoke(app, ["build", str(CORPUS_SLICE), "-o", str(out), "--workers", "1"])
    if res.exit_code != 0:
        raise RuntimeError(f"kg build of the corpus slice failed:\n{res.output}")
    return out
