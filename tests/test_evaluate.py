"""``kg eval`` scores like the reference scorer in shared/eval/score.py."""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import ROOT

from kg.evaluate import score

#: the team's shared evaluation data, beside the checkout (or above a worktree)
EVAL = next((p / "shared" / "eval" for p in ROOT.parents if (p / "shared" / "eval").is_dir()),
            ROOT.parent / "shared" / "eval")
PEER = EVAL / "peer" / "cases.jsonl"

pytestmark = pytest.mark.skipif(not PEER.exists(), reason="shared/eval is not beside the checkout")


def _reference():
    spec = importlib.util.spec_from_file_location("reference_score", EVAL / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def peer_predictions(nlp):
    from kg.extraction import iter_relations
    from kg.records import Document

    cases = [json.loads(line) for line in PEER.read_text(encoding="utf-8").splitlines() if line]
    docs = [Document(id=c["id"], text=c["text"]) for c in cases]
    preds = [r.to_dict() for _, rels in iter_relations(docs, nlp) for r in rels]
    return cases, preds


@pytest.mark.parametrize("level", ["country", "entity"])
@pytest.mark.parametrize("lenient", [False, True])
def test_agrees_with_reference_scorer(peer_predictions, level, lenient):
    cases, preds = peer_predictions
    ours = score(cases, preds, level=level, lenient=lenient)
    ref = _reference().score(cases, preds, level, lenient=lenient)
    for key in ("tp", "fp", "fn", "precision", "recall", "f1", "per_relation"):
        assert ours[key] == ref[key], key


def test_no_event_sentences_yield_no_claims(peer_predictions):
    cases, preds = peer_predictions
    empty = {c["id"] for c in cases if not c["events"]}
    assert len(empty) == 8
    claims = [p for p in preds if p["doc"] in empty and p["modality"] in ("asserted", "reported")]
    assert claims == []


def test_denied_and_hypothetical_are_not_claims():
    gold = [{"id": "x", "events": [{"source": "RUS", "target": "SYR", "relation": "meets"}]}]
    pred = {"doc": "x", "relation": "meets", "source": {"country": "RUS"},
            "target": {"country": "SYR"}}
    assert score(gold, [dict(pred, modality="denied")])["tp"] == 0
    assert score(gold, [dict(pred, modality="reported")])["tp"] == 1
