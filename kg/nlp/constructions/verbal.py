"""Verbal constructions: "A met B", "A urged B to …", "B was backed by A", "A called on
B", "A stood by B", "A said that B must …", "A is willing to withdraw from B".

Each handler takes the :class:`~kg.nlp.reading.Reading`, the trigger and its sentence,
finds the argument tokens and hands them to the recorder.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

from kg.nlp import arguments as ar
from kg.nlp import syntax as sx
from kg.nlp.constructions.denial import denial
from kg.nlp.modality import ModalityResult, classify
from kg.nlp.reading import Reading
from kg.records import Modality

__all__ = ["intent_predicate", "obligation", "particle_verb", "verb"]


def _needs_met(verb: Token, spec: dict[str, Any]) -> bool:
    """A verb that is a trigger only with a complement ("asked B to …", "asked B
    for …"): ``needs`` lists the dependency labels or prepositions that qualify."""
    needs = spec.get("needs")
    if not needs:
        return True
    return any(c.dep_ in needs or (c.dep_ in ("prep", "dative") and c.lower_ in needs)
               for c in verb.children)


def _choose(rd: Reading, verb: Token, spec: dict[str, Any]) -> dict[str, Any]:
    """The spec that applies: ``if_object_not_actor`` when the direct object is a
    thing ("welcomed Russia's decision"), not a person or delegation."""
    alt = spec.get("if_object_not_actor")
    if alt is not None:
        dobjs = [c for c in verb.children if c.dep_ == "dobj"]
        if dobjs and not ar.actors_of(rd.ix, dobjs):
            return alt
    return spec


def _relation_of(rd: Reading, verb: Token, spec: dict[str, Any]) -> str:
    """``aid_relation`` when what is asked for is aid ("requested loans")."""
    aid = spec.get("aid_relation")
    if not aid:
        return spec["relation"]
    pat = rd.pat
    if any(o.lemma_.lower() in pat.aid_nouns or o.lower_ in pat.aid_nouns
           for o in ar.objects(verb, pat.giving_verbs)) or any(
        c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in pat.aid_verbs for c in verb.children
    ):
        return aid  # "asked B for loans", "asked B to help finance …"
    return spec["relation"]


def verb(rd: Reading, verb: Token, sent: Span, spec: dict[str, Any]) -> None:
    """A verb trigger: subjects → targets, or agent → subject when passive."""
    if not _needs_met(verb, spec):
        return
    if any(c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in spec.get("unless_clause", ())
           for c in verb.children):
        return  # "declined to comment": a refusal to speak rejects no one
    if spec.get("yields_to_light_noun") and any(
        c.dep_ == "dobj" and c.i in rd.used_nouns for c in verb.children
    ):
        return  # "gave a warm welcome to B" is read as a welcome, not a gift
    spec = _choose(rd, verb, spec)
    negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children)
    if negated and "negated" in spec:
        _refusal(rd, verb, sent, spec["negated"])
        return
    if spec.get("only_negated"):
        return
    passive = sx.is_passive(verb)
    reporting = rd.pat.cues.reporting_verbs
    if passive and spec.get("stative") and not any(c.dep_ == "agent" for c in verb.children):
        # "Israel is opposed to French mediation": the subject holds the attitude
        srcs = sx.grammatical_subjects(verb)
        tgts = ar.targets(rd.ix, verb, spec["stative"], reporting)
        passive = False
    else:
        srcs = ar.subjects(rd.ix, verb)
        tgts = sx.passive_targets(verb) if passive else ar.targets(
            rd.ix, verb, spec["targets"], reporting)
    if passive and not srcs:
        return
    relation = _relation_of(rd, verb, spec)
    if relation != spec["relation"] and not passive:  # "sought refuge in Austria"
        tgts += ar.targets(rd.ix, verb, spec.get("aid_targets", []), reporting)
    if relation == rd.pat.names.denies:
        denial(rd, verb, sent, srcs, tgts)
        return
    rd.rec.emit(relation, verb, sent, srcs, tgts,
                rd.conf("passive_verb" if passive else "verb"),
                reciprocal=spec.get("reciprocal", False))


def _refusal(rd: Reading, verb: Token, sent: Span, spec: dict[str, Any]) -> None:
    """"B will not accept refugees", "we will never recognise the referenda": a refusal
    is a denial, said now (asserted, or reported by whoever says it)."""
    m = classify(verb, rd.pat.cues)
    if m.modality is Modality.DENIED or _in_question(verb):
        return
    said = ModalityResult(Modality.REPORTED if m.speaker is not None else Modality.ASSERTED,
                          m.speaker)
    srcs = ar.subjects(rd.ix, verb)
    tgts = ar.targets(rd.ix, verb, spec["targets"], rd.pat.cues.reporting_verbs)
    if tgts:
        rd.rec.emit(spec["relation"], verb, sent, srcs, tgts, rd.conf("verb"), modality=said)
    else:
        for _t, s in ar.actors_of(rd.ix, srcs):
            rd.rec.add(spec["relation"], verb, sent, s, None, said, rd.conf("denial_without_target"))


def _in_question(tok: Token) -> bool:
    return any(t.text == "?" for t in tok.sent)


def particle_verb(rd: Reading, verb: Token, sent: Span) -> None:
    """"called on B", "stood by B", "called for B's departure", "called for B to …"."""
    table = rd.pat.particles[verb.lemma_.lower()]
    names = rd.pat.names
    for c in verb.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in table:
            relation = table[c.lower_]
            pobjs = [g for g in c.children if g.dep_ == "pobj"]
            if c.dep_ == "prt":  # "lash out at", "open fire on"
                pobjs = sx.prep_objects(verb, ("at", "on", "against"))
            tgts = []
            for p in pobjs:
                if ar.names_actor(rd.ix, p):
                    tgts.append(p)
                else:  # "called for Assad's departure"
                    tgts += [o for o in ar.concerned(rd.ix, p) if rd.ix.actor(o) is not None]
                    rd.used_nouns.add(p.i)
                if relation == names.requests and p.lemma_.lower() not in rd.pat.aid_nouns:
                    relation = names.urges  # "asked for a meeting"
            rd.rec.emit(relation, verb, sent, ar.subjects(rd.ix, verb), tgts,
                        rd.conf("particle_verb"))
    marks = tuple(m for m in table if table[m] == names.urges)
    if marks:
        tgts = sx.for_clause_subjects(verb, marks)
        if tgts:
            rd.rec.emit(names.urges, verb, sent, ar.subjects(rd.ix, verb), tgts, rd.conf("for_clause"))


def _is_obliged(rd: Reading, clause: Token) -> bool:
    """A clause with "must/should/ought", or "has/needs to …" (not "would need to")."""
    auxes = {c.lower_ for c in clause.children if c.dep_ == "aux"}
    if not obliging_verb(rd, clause):
        return False  # "B must be able to …", "the army must remain in the past"
    if auxes & rd.pat.obligation_modals:
        return True
    if auxes & rd.pat.cues.hypothetical_modals:
        return False
    return clause.lemma_.lower() in rd.pat.obligation_semimodals and any(
        c.dep_ == "xcomp" for c in clause.children)


def obliging_verb(rd: Reading, verb: Token) -> bool:
    """The verb of an obligation that urges its subject to act: not a passive, not a
    state ("remain"), "be" only with readiness ("must be ready to mediate")."""
    lemma = verb.lemma_.lower()
    if sx.is_passive(verb) or lemma in rd.pat.obligation_states:
        return False
    if lemma == "be":
        return any(c.dep_ == "acomp" and c.lemma_.lower() in rd.pat.cues.intent_predicates
                   for c in verb.children)
    return True


def obligation(rd: Reading, verb: Token, sent: Span) -> None:
    """"A said/declared/insisted that B must/should/has to …" → A urges B."""
    from kg.nlp.constructions.predicates import useful_for

    for c in verb.children:
        if c.dep_ != "ccomp":
            continue
        tgts = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")] if _is_obliged(
            rd, c) else useful_for(rd, c)  # "said it would be expedient for A and B to …"
        rd.rec.emit(rd.pat.names.urges, verb, sent, ar.subjects(rd.ix, verb), tgts,
                    rd.conf("obligation"))


def intent_predicate(rd: Reading, adj: Token, sent: Span) -> None:
    """"Syria is willing to withdraw its troops from Lebanon": a declared intent
    towards the actor the infinitive acts on (``agrees``, CAMEO 03)."""
    tgts = ar.clause_actor(rd.ix, adj)
    if tgts:
        rd.rec.emit(rd.pat.names.agrees, adj, sent, ar.subjects(rd.ix, adj.head), tgts,
                    rd.conf("intent_predicate"))
