"""Modality cues: every cue of ``ontology/patterns/modality.json`` in a sentence of our
own, positive (the cue sets the modality) and negative (no cue, asserted)."""

from __future__ import annotations

import pytest
from conftest import brief

from kg.extraction import extract
from kg.records import Document, Modality


def _rels(nlp, text):
    return extract(Document(id="t", text=text, date="2024-05-02"), nlp)


def _modalities(rels, relation, a, b):
    """Modalities of the relations between actors a and b (either direction)."""
    out = set()
    for r in rels:
        if r.relation != relation or r.target is None:
            continue
        pair = {r.source.country or r.source.label, r.target.country or r.target.label}
        if pair == {a, b}:
            out.add(r.modality)
    return out


CASES = [
    # asserted
    ("Chile met Peru on Monday.", "meets", Modality.ASSERTED),
    ("Chile backed Peru in the dispute.", "supports", Modality.ASSERTED),
    # negated
    ("Chile did not meet Peru.", "meets", Modality.NEGATED),
    ("Chile never met Peru.", "meets", Modality.NEGATED),
    ("Chile refused to back Peru.", "supports", Modality.NEGATED),
    ("Chile declined to endorse Peru.", "supports", Modality.NEGATED),
    # hypothetical
    ("A possible meeting between Chile and Peru was discussed.", "meets",
     Modality.HYPOTHETICAL),
    ("A potential meeting between Chile and Peru is on the agenda.", "meets",
     Modality.HYPOTHETICAL),
    ("The planned meeting between Chile and Peru starts soon.", "meets",
     Modality.HYPOTHETICAL),
    ("Chile could meet Peru next week.", "meets", Modality.HYPOTHETICAL),
    ("Chile would meet Peru only in Lima.", "meets", Modality.HYPOTHETICAL),
    ("Chile may meet Peru in June.", "meets", Modality.HYPOTHETICAL),
    ("Chile will meet Peru in June.", "meets", Modality.HYPOTHETICAL),
    ("There is speculation about a meeting between Chile and Peru.", "meets",
     Modality.HYPOTHETICAL),
    ("Chile plans to meet Peru.", "meets", Modality.HYPOTHETICAL),
    ("Chile is ready to host a meeting between Peru and Bolivia.", "meets",
     Modality.HYPOTHETICAL),
    ("If Chile meets Peru, trade will grow.", "meets", Modality.HYPOTHETICAL),
    ("Ghana urged Togo to back Benin.", "supports", Modality.HYPOTHETICAL),
    # reported
    ("Officials said Chile met Peru.", "meets", Modality.REPORTED),
    ("Diplomatic sources indicated that Chile had met Peru.", "meets", Modality.REPORTED),
    ("Chile met Peru, according to diplomats.", "meets", Modality.REPORTED),
]


@pytest.mark.parametrize(("text", "relation", "modality"), CASES)
def test_modality_cue(nlp, text, relation, modality):
    rels = _rels(nlp, text)
    a, b = ("TGO", "BEN") if "Togo" in text else ("PER", "BOL") if "host" in text else (
        "CHL", "PER")
    assert _modalities(rels, relation, a, b) == {modality}, brief(rels)


def test_no_plans_to_meet_is_not_a_claim(nlp):
    rels = _rels(nlp, "Chile has no plans to meet Peru.")
    assert not any(r.modality.is_claim for r in rels if r.relation == "meets")


def test_reported_relation_names_who_said_it(nlp):
    rels = _rels(nlp, "Diplomatic sources indicated that Chile had met Peru.")
    met = [r for r in rels if r.relation == "meets"]
    assert met and met[0].attributed_to is not None
    assert "sources" in met[0].attributed_to.label.lower()


def test_denied_report_gives_a_denial_and_a_denied_meeting(nlp):
    rels = _rels(nlp, "Chile denied reports that Bolivia met Peru.")
    denials = [r for r in rels if r.relation == "denies" and r.source.country == "CHL"]
    assert denials and denials[0].modality.is_claim
    met = _modalities(rels, "meets", "BOL", "PER")
    assert met == {Modality.DENIED}
    assert denials[0].about is not None and denials[0].about.relation == "meets"


def test_refusal_is_itself_a_claimed_denial(nlp):
    rels = _rels(nlp, "Chile refused to meet Peru.")
    assert _modalities(rels, "meets", "CHL", "PER") == {Modality.NEGATED}
    assert any(r.relation == "denies" and r.modality.is_claim and r.target
               and r.target.country == "PER" for r in rels)


@pytest.mark.parametrize(("text", "relation", "a", "b"), [
    ("Chile will support Peru in the dispute.", "supports", "CHL", "PER"),
    ("Chile offered to meet Peru.", "meets", "CHL", "PER"),
    ("Chile is ready to send aid to Peru.", "supports", "CHL", "PER"),
    ("Chile promised to visit Peru in June.", "visits", "CHL", "PER"),
])
def test_declared_intent_is_a_claimed_agreement(nlp, text, relation, a, b):
    rels = _rels(nlp, text)
    assert _modalities(rels, relation, a, b) == {Modality.HYPOTHETICAL}
    assert any(r.relation == "agrees" and r.modality.is_claim and r.source.country == a
               and r.target is not None and r.target.country == b for r in rels)


@pytest.mark.parametrize("text", [
    "If Chile meets Peru, trade will grow.",
    "Chile hopes to meet Peru.",
    "Chile could meet Peru next week.",
    "Chile will not meet Peru.",
])
def test_no_intent_without_a_declared_intent(nlp, text):
    assert not [r for r in _rels(nlp, text) if r.relation == "agrees"]


def test_must_is_an_obligation_not_a_fact(nlp):
    rels = _rels(nlp, "Ghana said that Togo must cooperate with Benin.")
    assert not [r for r in rels if r.relation == "supports" and r.modality.is_claim]
    assert any(r.relation == "urges" and r.target and r.target.country == "TGO" for r in rels)
