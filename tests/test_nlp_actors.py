"""Actor mentions of ``dkg_actors``: sentences of our own, one per construction."""

from __future__ import annotations

import pytest

from kg.nlp.actors import MODS_KEY, SPAN_KEY


def _actors(nlp, text):
    doc = nlp(text)
    return doc, {sp.text: sp._.dkg_actor for sp in doc.spans[SPAN_KEY]}


def test_demonym_modifier_of_a_thing_is_recorded_as_its_owner(nlp):
    doc = nlp("Chile rejected a Peruvian offer and a U.S. request.")
    mods = {sp.text: sp._.dkg_actor["country"] for sp in doc.spans[MODS_KEY]}
    assert mods == {"Peruvian": "PER", "U.S.": "USA"}
    assert "Peruvian" not in {sp.text for sp in doc.spans[SPAN_KEY]}


def test_possessive_state_and_state_noun_make_one_mention(nlp):
    _doc, actors = _actors(nlp, "Poland's parliament voted.")
    assert actors == {"Poland's parliament": actors["Poland's parliament"]}
    assert actors["Poland's parliament"]["country"] == "POL"


def test_possessive_state_of_a_thing_stays_the_state(nlp):
    _doc, actors = _actors(nlp, "Syria sought Russia's assistance.")
    assert actors["Russia"]["country"] == "RUS"


def test_noun_with_an_of_phrase_is_not_a_countryless_group(nlp):
    _doc, actors = _actors(nlp, "A group of Chilean diplomats arrived.")
    assert "group" not in actors
    assert actors["Chilean diplomats"]["country"] == "CHL"


@pytest.mark.parametrize(("text", "span", "country"), [
    ("Officials in Lima spoke.", "Officials in Lima", "PER"),
    ("The government of Ghana spoke.", "government of Ghana", "GHA"),
    ("The Kenyan rulers spoke.", "Kenyan rulers", "KEN"),
    ("A Kenyan adviser spoke.", "Kenyan adviser", "KEN"),
    ("Iranian militias fired.", "Iranian militias", "IRN"),
])
def test_actor_nouns_take_their_state(nlp, text, span, country):
    _doc, actors = _actors(nlp, text)
    assert actors[span]["country"] == country


def test_ner_person_that_the_gazetteer_knows_as_a_state_is_the_state(nlp):
    _doc, actors = _actors(nlp, "Ghana called for Togo to hold elections.")
    assert actors["Togo"]["kind"] == "state"


def test_coordinated_demonym_adjective_is_not_an_actor(nlp):
    _doc, actors = _actors(nlp, "Talks between Assad and Turkish President Erdogan ended.")
    assert "Turkish" not in actors


def test_people_named_with_their_state_of_residence_belong_to_it(nlp):
    _doc, actors = _actors(nlp, "Hungarians in southern Slovakia demanded autonomy.")
    assert actors["Hungarians in southern Slovakia"]["country"] == "SVK"


def test_people_without_a_state_keep_their_own(nlp):
    _doc, actors = _actors(nlp, "Hungarians demanded autonomy.")
    assert actors["Hungarians"]["country"] == "HUN"


def test_definite_title_is_the_office_holder_named_before(nlp):
    from kg.extraction import make_doc
    from kg.records import Document

    text = "Joe Biden spoke with Putin. The President called on Russia to de-escalate."
    doc = nlp(make_doc(nlp, Document(id="t", text=text, date="2022-02-12")))
    title = next(sp for sp in doc.spans["dkg_resolved"] if sp.text == "President")
    assert title._.dkg_actor["label"] == "Joe Biden"


def test_definite_title_without_a_named_person_is_nobody(nlp):
    doc = nlp("The President called on Russia to de-escalate.")
    assert not [sp for sp in doc.spans["dkg_resolved"] if sp.text == "President"]
