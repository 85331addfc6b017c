"""Thanks and praise, which reverse the direction of support: "A thanked B for Norway's
assistance" is Norway supporting A (the help) and A supporting B (the thanks, CAMEO 051);
"A expressed gratitude to B for its support for C" is B supporting C; "A is grateful to
B" is A supporting B.

Triggers: the verbs, light nouns and adjectives of ``thanks`` in relations.json.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.nlp import arguments as ar
from kg.nlp import syntax as sx
from kg.nlp.reading import Reading

__all__ = ["thanks_adjective", "thanks_noun", "thanks_verb"]


def thanks_verb(rd: Reading, verb: Token, sent: Span) -> None:
    """"A thanked B (for …)"; "Thank you" with no subject is the voice of the sentence."""
    speakers = ar.subjects(rd.ix, verb)
    addressees = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    # "President Cassis, thank you", "To Secretary-General Guterres, thank you": the
    # vocative is the one thanked
    vocative = [c for c in verb.children if c.dep_ in ("npadvmod", "intj", "dep", "nsubj")
                and c.i < verb.i and rd.ix.is_mention(c) and c.pos_ == "PROPN"]
    vocative += [p for p in sx.prep_objects(verb, ("to",)) if p.i < verb.i]
    if vocative and all(a.lower_ == "you" for a in addressees):
        addressees = vocative
        speakers = [s for s in speakers if s not in vocative]
    _thank(rd, verb, sent, speakers, addressees, sx.prep_objects(verb, ("for",)))


def thanks_noun(rd: Reading, verb: Token, noun: Token, sent: Span) -> None:
    """"A expressed (its) gratitude to B for …"."""
    rd.used_nouns.add(noun.i)
    addressees = sx.prep_objects(noun, ("to",)) + sx.prep_objects(verb, ("to",))
    reasons = sx.prep_objects(noun, ("for",)) + sx.prep_objects(verb, ("for",)) + [
        r for a in addressees for r in sx.prep_objects(a, ("for",))]  # "to B for …"
    _thank(rd, noun, sent, ar.subjects(rd.ix, verb), addressees, reasons)


def thanks_adjective(rd: Reading, adj: Token, sent: Span) -> None:
    """"A is grateful to B for …", "A is appreciative of B's efforts"."""
    addressees = sx.prep_objects(adj, ("to",))
    reasons = sx.prep_objects(adj, ("for", "of"))
    _thank(rd, adj, sent, ar.subjects(rd.ix, adj.head), addressees, reasons)


def _thank(rd: Reading, trig: Token, sent: Span, speakers: list[Token], addressees: list[Token],
           reasons: list[Token]) -> None:
    ix, pat = rd.ix, rd.pat
    supports = pat.names.supports
    voice = None if ar.actors_of(ix, speakers) else rd.voice_of(sent)  # "Thank you, …"
    conf = rd.conf("thanks")
    rd.rec.emit(supports, trig, sent, speakers, addressees, conf, voice=voice)
    for r in reasons:
        for noun in _reason_nouns(rd, r):
            rd.used_nouns.add(noun.i)
            givers = [o for o in ar.owner(ix, noun) if ix.actor(o) is not None
                      and o.pos_ != "PRON"] or addressees  # "for his support": the thanked's
            helped = [t for t in sx.prep_objects(noun, ("for", "to")) if ar.names_actor(ix, t)] or [
                o for t in sx.prep_objects(noun, ("for", "to")) for o in ar.owner(ix, t)
                if ix.actor(o) is not None]
            if helped:
                rd.rec.emit(supports, noun, sent, givers, helped, conf)
            elif noun.lemma_.lower() in pat.thanks_help:  # the help went to the one who thanks
                rd.rec.emit_to(supports, noun, sent, givers, speakers, voice, conf)


def _reason_nouns(rd: Reading, tok: Token) -> list[Token]:
    """The nouns of help in a reason ("for the continued support of the UK")."""
    return [t for c in sx.coordinated(tok) for t in [c]
            if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in rd.pat.thanks_reasons]
