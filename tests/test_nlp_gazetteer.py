"""kg.nlp.gazetteer: aliases to entries, office holders by role, state and date."""

from __future__ import annotations

import pytest

from kg.iri import actor_iri
from kg.nlp.gazetteer import DEMONYM, METONYM, NAME, ORG, PERSON, Entry, Role, load_gazetteer
from kg.records import ActorKind


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_aliases_say_how_they_name_their_entry(gaz):
    assert (gaz.entries["RUS"], NAME) in gaz.lookup("Russia")
    assert (gaz.entries["RUS"], NAME) in gaz.lookup("the Russian Federation")  # "the" stripped
    assert [how for e, how in gaz.lookup("Russian") if e.key == "RUS"] == [DEMONYM]
    assert [how for e, how in gaz.lookup("Moscow") if e.key == "RUS"] == [METONYM]
    assert gaz.lookup("Biden")[0][0].label == "Joe Biden" and gaz.lookup("Biden")[0][1] == PERSON
    assert any(how == ORG for _, how in gaz.lookup("NATO"))
    assert gaz.lookup("Atlantis") == []


def test_collectives_keep_their_article(gaz):
    assert [e.kind for e, _ in gaz.lookup("the West")] == [ActorKind.COLLECTIVE]
    assert all(e.kind is not ActorKind.COLLECTIVE for e, _ in gaz.lookup("West"))


def test_office_holder_on_a_date(gaz):
    assert gaz.holder(["president"], "USA", "2022-06-01").label == "Joe Biden"
    assert gaz.holder(["president"], "USA", "2019-06-01").label == "Donald Trump"
    assert gaz.holder(["president"], "USA", "2012-06-01").label == "Barack Obama"
    assert gaz.holder(["president"], "ATL", "2022-06-01") is None
    assert gaz.state("SYR").label == "Syria" and gaz.state(None) is None


def test_a_person_represents_the_state_of_the_role_held_then():
    roles = [Role("foreign minister", "GBR", None, "2019-07-24", "2021-09-15"),
             Role("prime minister", "FRA", None, "2022-01-01", None)]  # fmt: skip
    e = Entry("Q1", "A. Person", ActorKind.PERSON, None, "Q1", None, roles)
    assert e.actor("2020-01-01").country == "GBR"
    assert e.actor("2023-01-01").country == "FRA"
    assert e.actor("2010-01-01").country == "FRA"  # held none: the latest role
    assert e.actor().id == actor_iri("Q1")
    assert Role("x", "GBR", None, "2019-01-01", "2020-01-01").holds_on(None) is False
    state = Entry("SYR", "Syria", ActorKind.STATE, "SYR", "Q858")
    assert state.actor().id == actor_iri("SYR") and state.actor().wikidata == "Q858"


def test_loaded_once(gaz):
    assert load_gazetteer() is gaz
