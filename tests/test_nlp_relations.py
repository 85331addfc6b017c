"""Relation constructions of ``dkg_relations``, one sentence of our own per construction
(none taken from the evaluation data), positive and negative."""

from __future__ import annotations

import pytest
from conftest import brief

from kg.extraction import extract
from kg.records import Document


def _rels(nlp, text):
    return extract(Document(id="t", text=text, date="2024-05-02"), nlp)


def _has(rels, relation, src, tgt, claim=True):
    """A relation whose source and target match by ISO-3 country or label."""
    for r in rels:
        if r.relation != relation or r.modality.is_claim != claim:
            continue
        if src not in (r.source.country, r.source.label):
            continue
        if tgt is None or (r.target is not None and tgt in (r.target.country, r.target.label)):
            return True
    return False


POSITIVE = [
    # 1. demonym and possessive owners of non-actor nouns
    ("Chile rejected a Peruvian offer of talks.", "denies", "CHL", "PER"),
    ("Norway has rejected a Swedish request for fishing rights.", "denies", "NOR", "SWE"),
    ("Hungary dismissed Austria's proposal on border controls.", "denies", "HUN", "AUT"),
    # 2. refusal and opposition
    ("The Kenyan government refused to meet Ugandan officials.", "denies", "KEN", "UGA"),
    ("Chile opposed the Bolivian plan for a corridor.", "denies", "CHL", "BOL"),
    ("Chile is opposed to Bolivian mediation in the dispute.", "denies", "CHL", "BOL"),
    # 3. obligation clauses
    ("Germany said that Greece must cut its deficit.", "urges", "DEU", "GRC"),
    ("Japan insisted that North Korea should return the abductees.", "urges", "JPN", "PRK"),
    ("Egypt declared that Ethiopia has to share the river's water.", "urges", "EGY", "ETH"),
    # 4. demand / call for with owned objects and for-clauses
    ("The Dutch government demanded the withdrawal of Turkish troops.", "urges", "NLD", "TUR"),
    ("Ghana called for Togo to hold free elections.", "urges", "GHA", "TGO"),
    ("The presidents of Brazil and Argentina called on Paraguay to close the border.",
     "urges", "BRA", "PRY"),
    ("The presidents of Brazil and Argentina called on Paraguay to close the border.",
     "urges", "ARG", "PRY"),
    # 5. asking, requesting, wanting
    ("Nepal asked India for emergency loans.", "requests", "NPL", "IND"),
    ("Nepal asked India for a meeting on the floods.", "urges", "NPL", "IND"),
    ("Italy wants Libya to stop the boats.", "urges", "ITA", "LBY"),
    # 6. material and diplomatic cooperation
    ("Spain gave Morocco 30 million euros for border control.", "supports", "ESP", "MAR"),
    ("Finland extradited a suspect to Estonia on Monday.", "supports", "FIN", "EST"),
    ("Portugal shared intelligence with Brazil.", "supports", "PRT", "BRA"),
    ("Qatar and Chad restored diplomatic ties.", "supports", "QAT", "TCD"),
    ("Vietnam established diplomatic relations with Israel.", "supports", "VNM", "ISR"),
    ("Austria praised Slovenia's efforts to fight smuggling.", "supports", "AUT", "SVN"),
    ("The Polish government welcomed Lithuania's decision.", "supports", "POL", "LTU"),
    ("The Polish government welcomed a Lithuanian delegation.", "meets", "POL", "LTU"),
    ("The Polish president gave a warm welcome to the Lithuanian delegation.",
     "meets", "POL", "LTU"),
    # 7. subjects: acl participles of objects, partitives
    ("Mali's opposition issued a statement demanding that the Nigerien government free "
     "the prisoners.", "urges", "MLI", "NER"),
    ("A group of Chilean diplomats held talks with Peru.", "meets", "CHL", "PER"),
    # 8. mediation
    ("Norway launched a mediation effort between Colombia and Venezuela.",
     "meets", "NOR", "COL"),
    ("Norway launched a mediation effort between Colombia and Venezuela.",
     "meets", "NOR", "VEN"),
]


@pytest.mark.parametrize(("text", "relation", "src", "tgt"), POSITIVE)
def test_construction_gives_relation(nlp, text, relation, src, tgt):
    rels = _rels(nlp, text)
    assert _has(rels, relation, src, tgt), brief(rels)


NEGATIVE = [
    # a hypothetical need is no demand
    ("Canada said Mexico would need to act.", "urges", "CAN", "MEX"),
    # the embedded meeting of a refusal is no claim
    ("The Kenyan government refused to meet Ugandan officials.", "meets", "KEN", "UGA"),
    # a gift-verb used as a light verb is no gift
    ("The Polish president gave a warm welcome to the Lithuanian delegation.",
     "supports", "POL", "LTU"),
    # "a group of Chilean diplomats" is Chile, not a country-less group
    ("A group of Chilean diplomats held talks with Peru.", "meets", "group", "PER"),
    # an adjective coordinated by a bad parse is not an actor
    ("Talks between Assad and Turkish President Erdogan were planned.", "meets", "TUR", None),
]


@pytest.mark.parametrize(("text", "relation", "src", "tgt"), NEGATIVE)
def test_construction_gives_no_claim(nlp, text, relation, src, tgt):
    rels = _rels(nlp, text)
    assert not _has(rels, relation, src, tgt), brief(rels)


def test_ask_for_aid_is_a_request_not_a_demand(nlp):
    rels = _rels(nlp, "Nepal asked India for emergency loans.")
    assert not _has(rels, "urges", "NPL", "IND")


def test_relations_are_not_duplicated(nlp):
    rels = _rels(nlp, "Chile met Peru. Chile met Peru again.")
    keys = [(r.trigger_start, r.relation, r.source.id, r.target.id) for r in rels]
    assert len(keys) == len(set(keys)) == 2


MORE_POSITIVE = [
    # an organisation's actor noun stands for the organisation
    ("European Union foreign ministers demanded the withdrawal of Russian troops.",
     "urges", "European Union", "RUS"),
    # a person's administration is the person's state
    ("The Obama administration declared that Cuba must free the prisoners.",
     "urges", "USA", "CUB"),
    # the apposition names the person whose title gives the state
    ("The French commander in Mali, General Pierre Dubois, held talks with Malian "
     "officials.", "meets", "FRA", "MLI"),
    # a date that the parse makes the object, with the name as its compound
    ("Chile's foreign minister met with Peruvian President Dina Boluarte Tuesday.",
     "meets", "CHL", "PER"),
]


@pytest.mark.parametrize(("text", "relation", "src", "tgt"), MORE_POSITIVE)
def test_more_constructions(nlp, text, relation, src, tgt):
    rels = _rels(nlp, text)
    assert _has(rels, relation, src, tgt), brief(rels)


@pytest.mark.parametrize(("text", "relation"), [
    ("NATO declined to comment on a report that Serbian troops had entered Kosovo.",
     "denies"),
    ("Chile said it would meet the demands of Peru.", "meets"),
])
def test_no_relation(nlp, text, relation):
    assert not [r for r in _rels(nlp, text) if r.relation == relation and r.modality.is_claim]


@pytest.mark.parametrize(("text", "relation", "src", "tgt"), [
    ("Chile and Peru signed a trade agreement.", "agrees", "CHL", "PER"),
    ("Chile and Peru signed a trade agreement.", "agrees", "PER", "CHL"),
    ("Chile agreed to Peruvian mediation.", "agrees", "CHL", "PER"),
    ("Chile offered its troops to Peru.", "agrees", "CHL", "PER"),
    ("Nepal asked India to help finance a dam.", "requests", "NPL", "IND"),
    ("Syrian families sought refuge in Austria.", "requests", "SYR", "AUT"),
])
def test_agreements_and_requests(nlp, text, relation, src, tgt):
    rels = _rels(nlp, text)
    assert _has(rels, relation, src, tgt), brief(rels)


@pytest.mark.parametrize(("text", "relation", "src", "tgt"), [
    ("Chilean troops and their Peruvian allies crossed the river.", "supports", "CHL", "PER"),
    ("Chilean troops and their Peruvian allies crossed the river.", "supports", "PER", "CHL"),
    ("In support of the Malian army, French jets struck the camps.", "supports", "FRA", "MLI"),
    ("Norway continues to stand shoulder to shoulder with the Ukrainian people.",
     "supports", "NOR", "UKR"),
    ("The Chilean president and the Peruvian president discussed trade.", "meets", "CHL", "PER"),
    ("Chile's foreign minister met with the Minister of Foreign Affairs of Peru.",
     "meets", "CHL", "PER"),
    ("The Coalition is supporting the Iraqi army.", "supports", "Coalition", "IRQ"),
])
def test_alliance_constructions(nlp, text, relation, src, tgt):
    rels = _rels(nlp, text)
    assert _has(rels, relation, src, tgt), brief(rels)


def test_offered_support_is_an_intent_not_support(nlp):
    rels = _rels(nlp, "Chile held talks with Bolivia, offering military support to Peru.")
    assert not _has(rels, "supports", "CHL", "PER")
    assert _has(rels, "agrees", "CHL", "PER")


def test_support_inside_a_noun_phrase_is_not_adverbial(nlp):
    rels = _rels(nlp, "Chile agreed to Bolivian mediation in talks with Peru.")
    assert not _has(rels, "meets", "CHL", "PER")


def test_demanded_truce_concerns_the_other_side(nlp):
    assert _has(_rels(nlp, "Chile demanded a truce with Bolivian forces."), "urges", "CHL", "BOL")


@pytest.mark.parametrize(("text", "relation", "src", "tgt"), [
    ("The European Union agreed to provide emergency aid for Moldova.",
     "agrees", "European Union", "MDA"),
    ("Chile is willing to withdraw its troops from Bolivia.", "agrees", "CHL", "BOL"),
    ("Chile promised to reopen its border with Bolivia.", "agrees", "CHL", "BOL"),
])
def test_declared_intents_towards_the_clause_actor(nlp, text, relation, src, tgt):
    rels = _rels(nlp, text)
    assert _has(rels, relation, src, tgt), brief(rels)


@pytest.mark.parametrize("text", [
    "Chile vowed not to return to Bolivia.",
    "Chile and Peru agreed that Bolivian reforms were needed.",
])
def test_no_intent_towards_negated_or_reported_clauses(nlp, text):
    assert not [r for r in _rels(nlp, text) if r.relation == "agrees"
                and r.target is not None and r.target.country == "BOL"]


def test_stranded_preposition_takes_the_following_subject(nlp):
    rels = _rels(nlp, "Chile granted asylum to three Bolivian officers hiding in its embassy.")
    assert _has(rels, "supports", "CHL", "BOL")


def test_rejected_as_baseless_keeps_the_owner(nlp):
    rels = _rels(nlp, 'Chile rejected as "baseless" accusations by Peru that it had spied.')
    assert _has(rels, "denies", "CHL", "PER")


@pytest.mark.parametrize(("text", "relation", "src", "tgt"), [
    ("Austria will send $5 million in aid to Moldova.", "agrees", "AUT", "MDA"),
    ("Austria provided Moldova with border training.", "supports", "AUT", "MDA"),
    ("The minister reiterated Austrian support for Moldova.", "supports", "AUT", "MDA"),
    ("North Korean state media called on Japan to apologise.", "urges", "PRK", "JPN"),
])
def test_giving_and_owned_support(nlp, text, relation, src, tgt):
    rels = _rels(nlp, text)
    assert _has(rels, relation, src, tgt), brief(rels)


def test_absolute_with_clause_is_no_partner(nlp):
    rels = _rels(nlp, "They discussed trade, with Chilean officials stressing exports.")
    assert not [r for r in rels if r.relation == "meets"]


def test_absolute_with_clause_without_object_is_no_partner(nlp):
    rels = _rels(nlp, "Chile discussed ways to continue talks, with President Boric "
                      "underscoring the importance of trade.")
    assert not [r for r in rels if r.relation == "meets"]
