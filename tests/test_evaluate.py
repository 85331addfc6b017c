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


def _doc_case(events):
    return {"id": "d1", "title": "Readout", "url": "https://example.org/r", "text": "…",
            "events": events}


def _claim(relation, src, tgt, modality="asserted", doc="d1"):
    return {"doc": doc, "relation": relation, "modality": modality,
            "source": {"label": src, "country": src}, "target": {"label": tgt, "country": tgt}}


def test_wider_relations_are_scored_apart_from_the_core():
    case = _doc_case([{"source": "RUS", "target": "UKR", "relation": "attacks"},
                      {"source": "USA", "target": "UKR", "relation": "supports"}])
    preds = [_claim("attacks", "RUS", "UKR"), _claim("supports", "USA", "UKR"),
             _claim("criticizes", "USA", "RUS")]
    core = score([case], preds, relations="core")
    wider = score([case], preds, relations="wider")
    both = score([case], preds, relations="all")
    assert (core["tp"], core["fp"], core["fn"]) == (1, 0, 0)
    assert (wider["tp"], wider["fp"], wider["fn"]) == (1, 1, 0)
    assert (both["tp"], both["fp"], both["fn"]) == (2, 1, 0)
    assert wider["wrongs"][0][2] == "criticizes"


def test_per_document_counts_gold_and_found():
    cases = [_doc_case([{"source": "RUS", "target": "UKR", "relation": "attacks"}]),
             dict(_doc_case([{"source": "FRA", "target": "DEU", "relation": "meets"}]), id="d2")]
    preds = [_claim("attacks", "RUS", "UKR"), _claim("meets", "FRA", "ITA", doc="d2")]
    res = score(cases, preds, relations="all")
    assert res["per_document"]["d1"] == {"gold": 1, "found": 1, "tp": 1, "fp": 0, "fn": 0}
    assert res["per_document"]["d2"] == {"gold": 1, "found": 1, "tp": 0, "fp": 1, "fn": 1}


def test_dedupe_charges_a_repeated_wrong_triple_once():
    case = _doc_case([{"source": "RUS", "target": "UKR", "relation": "attacks"}])
    preds = [_claim("meets", "FRA", "ITA"), _claim("meets", "ITA", "FRA"),
             _claim("meets", "FRA", "ITA")]
    assert score([case], preds)["fp"] == 3
    assert score([case], preds, dedupe=True)["fp"] == 1


def test_lenient_wider_credits_a_near_core_relation_without_charging_one():
    case = _doc_case([{"source": "USA", "target": "JPN", "relation": "visits"}])
    preds = [_claim("meets", "USA", "JPN"), _claim("supports", "USA", "KOR")]
    strict = score([case], preds, relations="wider")
    lenient = score([case], preds, relations="wider", lenient=True)
    assert (strict["tp"], strict["fp"], strict["fn"]) == (0, 0, 1)
    assert (lenient["tp"], lenient["fp"], lenient["fn"]) == (1, 0, 0)


def test_unknown_relation_set_is_a_clear_error():
    with pytest.raises(ValueError, match="core"):
        score([], [], relations="some")


def test_documents_carry_title_url_publisher_and_date():
    from kg.evaluate import documents_of

    doc = documents_of([{"id": 7, "text": "x", "title": "T", "url": "https://u",
                         "source": "The White House", "date": "2022-03-01"}])[0]
    assert (doc.id, doc.title, doc.url, doc.publisher, doc.date) == (
        "7", "T", "https://u", "The White House", "2022-03-01")
