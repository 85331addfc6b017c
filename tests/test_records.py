"""kg.records: the frozen records between the stages and their JSON shape."""

from __future__ import annotations

import dataclasses

import pytest

from kg import records, vocab
from kg.iri import actor_iri
from kg.records import Actor, ActorKind, Document, Modality, Place, Relation

RUS = Actor(actor_iri("RUS"), "Russia", ActorKind.STATE, "RUS", "Q159")
SYR = Actor(actor_iri("SYR"), "Syria", ActorKind.STATE, "SYR")
PESKOV = Actor(actor_iri("Q1386409"), "Dmitry Peskov", ActorKind.PERSON, "RUS", "Q1386409")


def _relation(**kw) -> Relation:
    base = dict(doc="d1", relation="meets", modality=Modality.REPORTED, source=RUS, target=SYR,
                sentence="Russia met Syria, Peskov said.", start=0, end=30)  # fmt: skip
    return Relation(**(base | kw))


def test_relation_to_dict_is_the_jsonl_shape():
    r = _relation(attributed_to=PESKOV, date="2023-03-15", place=Place("Moscow", "RUS"), confidence=0.87654)
    d = r.to_dict()
    assert list(d) == ["doc", "relation", "modality", "source", "target", "attributed_to", "date",
                       "place", "confidence", "sentence", "start", "end"]  # fmt: skip
    assert d["modality"] == "reported" and d["confidence"] == 0.877
    assert d["source"] == {"id": RUS.id, "label": "Russia", "kind": "state", "country": "RUS",
                           "wikidata": "Q159"}  # fmt: skip
    assert d["attributed_to"]["label"] == "Dmitry Peskov"
    assert d["place"] == {"label": "Moscow", "country": "RUS"}
    assert _relation(target=None).to_dict()["target"] is None


def test_actor_round_trips_through_its_dict():
    for a in (RUS, SYR, PESKOV):
        assert Actor.from_dict(a.to_dict()) == a
    assert Actor.from_dict({"id": "x", "label": "X", "kind": "group"}).kind is ActorKind.GROUP
    with pytest.raises(ValueError):
        Actor.from_dict({"id": "x", "label": "X", "kind": "tribe"})


def test_records_are_frozen_and_about_does_not_count_in_equality():
    claim = _relation()
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.relation = "supports"  # type: ignore[misc]
    denial = _relation(relation="denies", modality=Modality.ASSERTED)
    assert dataclasses.replace(denial, about=claim) == denial
    assert Document(id="a", text="t").date is None


def test_modalities_are_claims_as_the_ontology_says():
    assert [m for m in Modality if m.is_claim] == [Modality.ASSERTED, Modality.REPORTED]
    assert {m.value for m in Modality if m.is_claim} == set(vocab.claim_modalities())


def test_relation_lists_come_from_the_ontology():
    assert vocab.relation_names() == records.RELATIONS and len(records.RELATIONS) == 11
    assert records.CORE_RELATIONS == ("meets", "supports", "urges", "denies")
    with pytest.raises(AttributeError, match="no attribute 'RELATION'"):
        _ = records.RELATION
