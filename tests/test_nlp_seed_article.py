"""The user's seed article must come out right (issue 2)."""

from __future__ import annotations

import json

from conftest import ROOT, SEED_ARTICLE

from kg.records import Modality


def _find(rels, relation, src=None, tgt=None, modality=None):
    out = []
    for r in rels:
        if r.relation != relation:
            continue
        if src and src not in (r.source.label, r.source.country):
            continue
        if tgt and (r.target is None or tgt not in (r.target.label, r.target.country)):
            continue
        if modality and r.modality is not modality:
            continue
        out.append(r)
    return out


def test_putin_meets_assad_in_the_kremlin(seed_relations):
    hits = _find(seed_relations, "meets", "Vladimir Putin", "Bashar al-Assad", Modality.ASSERTED)
    assert hits, [r.to_dict() for r in seed_relations]
    r = hits[0]
    assert (r.source.country, r.target.country) == ("RUS", "SYR")
    assert r.source.wikidata == "Q7747"
    assert r.place is not None and r.place.label == "the Kremlin" and r.place.country == "RUS"
    assert r.date == "2023-03-15"  # "on Wednesday" before the article date (a Thursday)
    assert r.sentence.startswith("Russian President Vladimir Putin met with")
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    assert text[r.start : r.end] == r.sentence


def test_damascus_urges_russia_reported_with_attribution(seed_relations):
    hits = _find(seed_relations, "urges", "SYR", "RUS", Modality.REPORTED)
    assert hits
    assert hits[0].attributed_to is not None
    assert "sources" in hits[0].attributed_to.label.lower()


def test_syria_urges_iranian_militias(seed_relations):
    hits = _find(seed_relations, "urges", "SYR", "IRN")
    assert hits and hits[0].target.label == "Iranian militias"
    assert hits[0].modality.is_claim


def test_turkish_source_denies_and_the_denied_meeting_is_kept_as_denied(seed_relations):
    denials = _find(seed_relations, "denies", "TUR")
    assert denials and denials[0].source.kind.value == "person"
    assert "Turkish diplomatic source" in denials[0].source.label
    denied = denials[0].about
    assert denied is not None and denied.relation == "meets"
    assert denied.modality is Modality.DENIED
    assert {denied.source.label, denied.target.label} >= {"Bashar al-Assad"}
    assert {denied.source.country, denied.target.country} == {"SYR", "TUR"}
    assert denied.place is not None and denied.place.label == "Moscow"
    assert denied.date == "2023-08-01"  # "an August meeting", month granularity
    # the Erdogan–Assad meeting is never a claim
    for r in _find(seed_relations, "meets", "TUR") + _find(seed_relations, "meets", tgt="TUR"):
        assert not r.modality.is_claim, r.to_dict()


def test_erdogan_is_turkish(seed_relations):
    erdogan = [a for r in seed_relations for a in (r.source, r.target)
               if a is not None and "Erdogan" in a.label]
    assert erdogan and all(a.country == "TUR" for a in erdogan)


def test_russia_supports_assad(seed_relations):
    hits = _find(seed_relations, "supports", "Russia", "Bashar al-Assad")
    assert hits and hits[0].modality.is_claim
    assert "staunch supporter" in hits[0].sentence


def test_the_west_urges_assad(seed_relations):
    hits = _find(seed_relations, "urges", "the West", "Bashar al-Assad")
    assert hits and hits[0].source.kind.value == "collective"
    assert "called for Assad" in hits[0].sentence


def test_peskov_is_russian_and_confirms_the_meeting(seed_relations):
    confirmed = [r for r in _find(seed_relations, "meets", "Vladimir Putin", "Bashar al-Assad")
                 if r.attributed_to is not None]
    assert confirmed
    peskov = confirmed[0].attributed_to
    assert peskov.label == "Dmitry Peskov" and peskov.country == "RUS"
    assert confirmed[0].modality is Modality.REPORTED


def test_one_actor_per_entity(seed_relations):
    ids = {}
    for r in seed_relations:
        for a in (r.source, r.target, r.attributed_to):
            if a is not None:
                ids.setdefault(a.label, set()).add(a.id)
    assert all(len(v) == 1 for v in ids.values()), ids
    labels = set(ids)
    assert "Assad" not in labels and "Putin" not in labels  # surnames resolve to full names


def test_kg_extract_prints_the_jsonl_shape(tmp_path):
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "kg", "extract", str(SEED_ARTICLE), "--date", "2023-03-16"],
        capture_output=True, text=True, cwd=tmp_path, check=True,
    ).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows
    keys = ["doc", "relation", "modality", "source", "target", "attributed_to", "date",
            "place", "confidence", "sentence", "start", "end"]
    actor_keys = ["id", "label", "kind", "country", "wikidata"]
    for row in rows:
        assert list(row) == keys
        assert row["doc"] == str(SEED_ARTICLE)
        assert list(row["source"]) == actor_keys
        assert row["target"] is None or list(row["target"]) == actor_keys
        assert row["modality"] in {"asserted", "reported", "negated", "hypothetical", "denied"}
        assert 0.0 <= row["confidence"] <= 1.0
        assert row["source"]["kind"] in {"state", "person", "organization", "group", "collective"}
    assert ROOT.exists()
