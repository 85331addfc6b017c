"""Nominal constructions: event nouns ("the meeting between A and B", "an A-B
encounter", "A's visit to B", "Russia's support for B"), agent nouns ("a staunch
supporter of B", "B's backer", "their Hezbollah allies") and mediation ("A's
mediation between B and C": A meets B and C)."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

from kg.nlp import arguments as ar
from kg.nlp import syntax as sx
from kg.nlp.reading import Reading

__all__ = ["agent_noun", "mediation", "noun"]

_MODIFIERS = ("compound", "amod", "nmod")


def noun(rd: Reading, noun: Token, sent: Span, spec: dict[str, Any]) -> None:
    """An event noun ("a meeting between A and B") or agent noun ("B's backer")."""
    if spec["kind"] == "agent":
        agent_noun(rd, noun, sent, spec)
        return
    if spec["kind"] == "mediation":
        mediation(rd, noun, sent)
        return
    if spec["kind"] == "need":
        need(rd, noun, sent, spec)
        return
    ix = rd.ix
    relation = spec["relation"]
    between = sx.prep_objects(noun, ("between", "among"))
    pair_actors = ar.actors_of(ix, [t for b in between for t in b.subtree])
    compounds = [c for c in noun.children if c.dep_ in _MODIFIERS and ix.actor(c) is not None]
    # "an Erdogan-Assad encounter": hyphenated compounds
    for c in list(compounds):
        compounds += [g for g in c.children if g.dep_ in _MODIFIERS and ix.actor(g) is not None]
    comp_actors = ar.actors_of(ix, compounds)
    meets = rd.pat.names.meets
    pairing = relation == meets or spec.get("pairs")  # "cooperation between A and B"
    if pairing and len(pair_actors) >= 2:
        rd.rec.pairs(relation, noun, sent, pair_actors, rd.conf("event_noun_between"))
        return
    if relation == meets and len(comp_actors) >= 2:  # "an Erdogan-Assad encounter"
        rd.rec.pairs(relation, noun, sent, comp_actors, rd.conf("event_noun_compound"))
        return
    given = _given_by(rd, noun)  # "the support provided by B to C"
    if spec.get("of_source") and not any(c.dep_ == "poss" for c in noun.children) and (
        sx.prep_objects(noun, ("to", "for"))
    ):
        compounds = compounds + [t for t in sx.prep_objects(noun, ("of",))
                                 if ar.names_actor(ix, t)]  # "the help of A to B"
        comp_actors = ar.actors_of(ix, compounds)
    relcl = [c for c in noun.children if c.dep_ == "relcl"]
    srcs = [c for c in noun.children if c.dep_ == "poss"] or [t for t, _ in comp_actors] or (
        sx.prep_objects(noun, ("by",))) or [s for g in given for s in sx.agents(g)]
    tgts = sx.prep_objects(noun, ["with", *spec.get("targets", [])]) + [
        t for g in given for t in sx.prep_objects(g, rd.pat.given_by_targets)]
    if "ccomp_subject" in spec.get("targets", []):  # "its demand that Israel ease …"
        tgts += sx.clause_subjects(noun, rd.pat.cues.reporting_verbs)
    # "support for Ukraine's sovereignty": support for what an actor owns supports it
    tgts = [t for t in tgts if ar.names_actor(ix, t)] or [
        o for t in tgts for o in ar.owner(ix, t) if ix.actor(o) is not None]
    for c in relcl:  # "the consultations that A and B held with C"
        if not srcs and c.lemma_.lower() in rd.pat.light_lemmas:
            srcs = [s for s in ar.subjects(ix, c) if s.lower_ not in sx.RELATIVE_PRONOUNS]
            tgts += sx.prep_objects(c, ["with", *spec.get("targets", [])])
    if not srcs and noun.dep_ == "dobj":
        srcs = ar.subjects(ix, noun.head)
    adverbial = spec.get("adverbial")
    if not srcs and adverbial and noun.dep_ == "pobj" and (
        noun.head.head.pos_ in ("VERB", "AUX")
    ) and (adverbial is True or noun.head.lower_ in adverbial):
        srcs = ar.subjects(ix, noun.head.head)  # "X struck targets in support of B"
    if srcs and tgts:
        rd.rec.emit(relation, noun, sent, srcs, tgts, rd.conf("event_noun"))
        return
    if relation == meets and not srcs and not tgts:
        rd.rec.denied_meeting(noun, sent)


def need(rd: Reading, noun: Token, sent: Span, spec: dict[str, Any]) -> None:
    """"stressed the need for B to act", "the need for B to …": an urging of B by the
    subject of the verb that states the need (or the sentence's voice)."""
    tgts = sx.for_clause_subjects(noun, ("for",)) + [
        p for p in sx.prep_objects(noun, ("for",))
        if any(c.dep_ in ("acl", "relcl") and any(g.lower_ == "to" for g in c.children)
               for c in p.children)]
    tgts = [t for t in tgts if ar.names_actor(rd.ix, t)]
    if not tgts:
        return
    srcs = ar.subjects(rd.ix, noun.head) if noun.dep_ in ("dobj", "nsubjpass") else []
    voice = None if ar.actors_of(rd.ix, srcs) else rd.voice_of(sent)
    rd.rec.emit(spec["relation"], noun, sent, srcs, tgts, rd.conf("event_noun"), voice=voice)


def _given_by(rd: Reading, noun: Token) -> list[Token]:
    """The participles that say who gave or did what a noun names ("the support
    provided by B", "aggression committed by A against B")."""
    return [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
            and c.lemma_.lower() in rd.pat.given_by_verbs]


def agent_noun(rd: Reading, noun: Token, sent: Span, spec: dict[str, Any]) -> None:
    """"a staunch supporter of Assad", "Assad's backer", "their Hezbollah allies"
    (the modifier is the agent); ``symmetric`` nouns (ally) hold both ways."""
    tgts = sx.prep_objects(noun, ("of", "to", "for")) + [
        c for c in noun.children if c.dep_ == "poss"
    ]
    srcs: list[Token] = []
    if noun.dep_ == "attr":
        srcs = [c for c in noun.head.children if c.dep_ in sx.SUBJECTS]
    elif noun.dep_ == "appos":
        srcs = [noun.head]
    elif noun.dep_ in ("nsubj",) and noun.head.lemma_ == "be":
        srcs = [c for c in noun.head.children if c.dep_ == "attr"]
    if not srcs:
        srcs = [c for c in noun.children if c.dep_ in _MODIFIERS and rd.ix.actor(c) is not None]
    conf = rd.conf("agent_noun")
    rd.rec.emit(spec["relation"], noun, sent, srcs, tgts, conf)
    if spec.get("symmetric"):
        rd.rec.emit(spec["relation"], noun, sent, tgts, srcs, conf)


def mediation(rd: Reading, noun: Token, sent: Span) -> None:
    """"X undertook a mediation mission between A and B" → X meets A, X meets B."""
    frame = noun.head if noun.dep_ == "compound" else noun  # "mediation mission"
    sides = sx.prep_objects(noun, ("between",)) + sx.prep_objects(frame, ("between",))
    if frame.dep_ in ("dobj", "pobj") and frame.head.pos_ in ("VERB", "AUX"):
        sides += sx.prep_objects(frame.head, ("between",))
    srcs = [c for c in noun.children if c.dep_ == "poss"] or [
        c for c in noun.children if c.dep_ in ("amod", "compound") and rd.ix.actor(c)]
    if not srcs and frame.dep_ == "dobj":
        srcs = ar.subjects(rd.ix, frame.head)
    rd.rec.emit(rd.pat.names.meets, noun, sent, srcs, sides, rd.conf("mediation"))
