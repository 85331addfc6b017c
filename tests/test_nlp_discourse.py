"""The document layer (``dkg_discourse``): who speaks, and who pronouns, titles and group
mentions name, read across sentences. Documents of our own in the style of the corpus
(none taken from a gold set), each rule with a positive and a negative case."""

from __future__ import annotations

import pytest
from conftest import brief

from kg.extraction import extract, make_doc
from kg.records import Document

WH = {"url": "https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/x/",
      "publisher": "The White House"}
KREMLIN = {"url": "http://en.kremlin.ru/events/president/news/1", "publisher": "President of Russia"}
STATE = {"url": "https://www.state.gov/x/", "publisher": "U.S. Department of State"}


def _rels(nlp, text, date="2022-11-13", **facts):
    return extract(Document(id="t", text=text, date=date, **facts), nlp)


def _has(rels, relation, src, tgt, claim=True):
    return any(r.relation == relation and r.modality.is_claim == claim
               and src in (r.source.country, r.source.label)
               and r.target is not None and tgt in (r.target.country, r.target.label)
               for r in rels)


def _resolved(nlp, text, **facts):
    doc = nlp(make_doc(nlp, Document(id="t", text=text, date="2022-11-13", **facts)))
    out = {}
    for sp in doc.spans["dkg_resolved"]:
        out[(sp.start, sp.text)] = [sp._.dkg_actor]
    for sp in doc.spans["dkg_groups"]:
        out[(sp.start, sp.text)] = sp._.dkg_actors
    return doc, out


# -- pronouns by salience --------------------------------------------------------------

def test_he_is_the_last_main_subject_not_the_nearest_name(nlp):
    rels = _rels(nlp, "Olaf Scholz spoke with Maia Sandu on Tuesday. He reaffirmed Germany's "
                      "steadfast backing for Moldova.")
    assert _has(rels, "supports", "DEU", "MDA"), brief(rels)
    assert not any(r.source.label == "Maia Sandu" and r.relation == "supports" for r in rels)


def test_he_within_a_sentence_is_the_governing_subject(nlp):
    rels = _rels(nlp, "Olaf Scholz told Maia Sandu that he backs Moldova's bid for membership.")
    assert _has(rels, "supports", "Olaf Scholz", "MDA"), brief(rels)


def test_it_is_the_last_state_subject(nlp):
    _doc, found = _resolved(nlp, "Chile met Peru on Monday. It condemned the attack.")
    assert [a["country"] for a in found[(6, "It")]] == ["CHL"]


def test_expletive_it_names_no_one(nlp):
    _doc, found = _resolved(nlp, "Chile met Peru on Monday. It is important to act.")
    assert (6, "It") not in found


def test_third_person_pronoun_never_takes_the_speaker(nlp):
    text = "PRESIDENT BIDEN: I told the Prime Minister that he must act.\n"
    _doc, found = _resolved(nlp, text, **WH)
    assert all(a["label"] != "Joe Biden" for k, acts in found.items() if k[1] == "he"
               for a in acts)


# -- the participants of the opening meeting --------------------------------------------

READOUT = ("President Joseph R. Biden, Jr. spoke today with Prime Minister Kishida Fumio of Japan. "
           "The two leaders condemned North Korea's ballistic missile launches. They urged "
           "Pyongyang to return to dialogue.")


def test_the_two_leaders_are_the_participants_of_the_call(nlp):
    rels = _rels(nlp, READOUT, **WH)
    for src in ("USA", "JPN"):
        assert _has(rels, "criticizes", src, "PRK"), brief(rels)
        assert _has(rels, "urges", src, "PRK"), brief(rels)


def test_the_two_leaders_without_a_meeting_name_no_one(nlp):
    rels = _rels(nlp, "The two leaders condemned North Korea's ballistic missile launches.")
    assert not [r for r in rels if r.relation == "criticizes"], brief(rels)


def test_the_leaders_of_a_named_state_are_not_the_participants(nlp):
    text = ("Joe Biden met Emmanuel Macron in Paris. The leaders of Poland condemned Russia's "
            "attacks.")
    rels = _rels(nlp, text, **WH)
    assert _has(rels, "criticizes", "POL", "RUS"), brief(rels)
    assert not _has(rels, "criticizes", "FRA", "RUS"), brief(rels)


def test_representatives_that_met_are_the_we_of_a_joint_statement(nlp):
    text = ("Office of the Spokesperson\n\nRepresentatives of Egypt, France, Jordan and Norway met "
            "in Washington on March 3.\n\nBegin Text:\n\nWe reaffirmed our support for the "
            "territorial integrity of Syria.")
    rels = _rels(nlp, text, title="Joint Statement of the Syria Envoys Meeting", **STATE)
    for src in ("EGY", "FRA", "JOR", "NOR"):
        assert _has(rels, "supports", src, "SYR"), brief(rels)


# -- titles alone ----------------------------------------------------------------------

def test_the_president_of_a_white_house_readout_is_its_principal(nlp):
    text = ("President Biden spoke with President Emmanuel Macron of France. The President "
            "welcomed France's decision to send air defense systems to Ukraine.")
    rels = _rels(nlp, text, **WH)
    assert _has(rels, "supports", "USA", "FRA"), brief(rels)
    assert not _has(rels, "supports", "Emmanuel Macron", "FRA"), brief(rels)


def test_the_prime_minister_is_the_person_named_with_that_title(nlp):
    _doc, found = _resolved(nlp, READOUT.replace("The two leaders condemned",
                                                 "The Prime Minister condemned"), **WH)
    pm = [acts for (i, text), acts in found.items() if text == "Minister"]
    assert pm and pm[0][0]["country"] == "JPN"


def test_a_title_alone_without_a_holder_names_no_one(nlp):
    _doc, found = _resolved(nlp, "The Prime Minister condemned the attack.")
    assert not found


# -- who speaks -------------------------------------------------------------------------

def test_a_transcript_label_is_the_speaker_of_its_turn(nlp):
    text = ("PRESIDENT BIDEN: Thank you.\n\nPRIME MINISTER SUNAK: We stand with the people of "
            "Moldova.\n")
    rels = _rels(nlp, text, date="2023-06-08", **WH)
    assert _has(rels, "supports", "GBR", "MDA"), brief(rels)
    assert not _has(rels, "supports", "USA", "MDA"), brief(rels)


def test_an_inline_kremlin_label_is_the_speaker(nlp):
    text = ("Vladimir Putin met with Alexander Lukashenko. President of Russia Vladimir Putin: "
            "Good afternoon. President of Belarus Alexander Lukashenko: We support Russia's "
            "position on security guarantees.")
    rels = _rels(nlp, text, date="2022-02-18", **KREMLIN)
    assert _has(rels, "supports", "BLR", "RUS"), brief(rels)


def test_a_question_label_speaks_for_no_one(nlp):
    text = "QUESTION: Do you support Taiwan?\n\nMR. PRICE: We support the people of Ukraine.\n"
    rels = _rels(nlp, text, date="2022-03-01", **STATE)
    assert _has(rels, "supports", "USA", "UKR"), brief(rels)
    assert not [r for r in rels if r.target is not None and r.target.country == "TWN"]


def test_we_of_a_joint_statement_is_each_signatory(nlp):
    text = ("We, the G7 Foreign Ministers of Canada, France, Germany, Italy, Japan, the United "
            "Kingdom and the United States, condemn Russia's attacks on Ukrainian cities.")
    rels = _rels(nlp, text, date="2022-05-14", title="G7 Foreign Ministers' Statement on Russia")
    assert {r.source.country for r in rels if r.relation == "criticizes"} >= {
        "CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}, brief(rels)


def test_we_of_a_joint_statement_titled_by_its_authors(nlp):
    rels = _rels(nlp, "We condemn Russia's strikes on Ukrainian power plants.", date="2024-07-09",
                 title="Joint Statement by U.S. President Joseph R. Biden and German Chancellor "
                       "Olaf Scholz")
    assert _has(rels, "criticizes", "USA", "RUS") and _has(rels, "criticizes", "DEU", "RUS")


def test_we_of_a_quoted_foreign_leader_is_his_state(nlp):
    text = ('Vladimir Putin met with Kassym-Jomart Tokayev. "We fully support Russia\'s '
            'initiative," President Tokayev said.')
    rels = _rels(nlp, text, date="2022-06-17", **KREMLIN)
    assert _has(rels, "supports", "KAZ", "RUS"), brief(rels)


def test_we_of_the_publisher_outside_quotes(nlp):
    rels = _rels(nlp, "We strongly condemn Iran's attack on Israel.", date="2024-04-14", **WH)
    assert _has(rels, "criticizes", "USA", "IRN"), brief(rels)


def test_we_without_a_publisher_names_no_one(nlp):
    rels = _rels(nlp, "We strongly condemn Iran's attack on Israel.", date="2024-04-14")
    assert not [r for r in rels if r.relation == "criticizes"], brief(rels)


def test_the_byline_is_the_i_of_a_state_department_release(nlp):
    text = "Antony J. Blinken, Secretary of State\n\nI condemn Russia's attack on Odesa."
    rels = _rels(nlp, text, date="2022-07-24", **STATE)
    assert any(r.source.label == "Antony Blinken" and r.relation == "criticizes" for r in rels)


def test_a_line_break_ends_a_sentence(nlp):
    doc = nlp("Office of the Spokesperson\n\nChile met Peru.")
    assert next(s.text.strip() for s in doc.sents) == "Office of the Spokesperson"


# -- no relation with one's own state ----------------------------------------------------

def test_a_person_never_relates_to_the_state_they_represent(nlp):
    rels = _rels(nlp, "Maia Sandu reaffirmed her support for Moldova's European path.",
                 date="2023-05-01")
    assert not [r for r in rels if r.source.label == "Maia Sandu" and r.target is not None
                and r.target.country == "MDA" and r.target.kind.value == "state"], brief(rels)


@pytest.mark.parametrize("text", [
    "Antony Blinken praised America's resolve.",
    "Vladimir Putin thanked Russia for its support.",
])
def test_own_state_relations_are_dropped(nlp, text):
    rels = _rels(nlp, text, date="2022-06-01")
    assert not [r for r in rels if r.target is not None and r.source.country == r.target.country
                and r.relation in ("supports", "meets")], brief(rels)


def test_a_domestic_organ_stays_an_actor(nlp):
    rels = _rels(nlp, "President Lahoud pressed the Lebanese parliament to pass the law.",
                 date="2005-04-01")
    assert _has(rels, "urges", "LBN", "LBN"), brief(rels)
