"""Predicate constructions: adjectives that relate their subject to an actor ("A is deeply
concerned by B's conduct", "A is supportive of B", "A remains committed to the defense
of B"), groups that commit themselves together ("A and B are resolved to pursue
dialogue": each agrees with each), and obligations said in the document's own voice ("B
must withdraw its troops" in a statement of A: A urges B; "it would be useful for A and
B to sit down together": urges both).

The adjectives and their prepositions are ``predicates`` in relations.json.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

from kg.nlp import arguments as ar
from kg.nlp import syntax as sx
from kg.nlp.constructions.verbal import obliging_verb
from kg.nlp.modality import ModalityResult
from kg.nlp.reading import Reading
from kg.records import Modality

__all__ = ["adjective", "group_commitment", "useful_for", "voiced_obligation"]


def adjective(rd: Reading, adj: Token, sent: Span, spec: dict[str, Any]) -> None:
    """"A is concerned about B", "A is supportive of B's bid": the subject of the
    copula towards the object (or the owner of the object) of the preposition."""
    ix = rd.ix
    objs = sx.prep_objects(adj, spec["preps"])
    if "by" in spec["preps"]:
        objs += sx.agents(adj)  # "is concerned by B's drills" parsed as a passive
    tgts = [t for t in objs if ar.names_actor(ix, t)] or [
        o for t in objs for o in ar.owner(ix, t) if ix.actor(o) is not None]
    for t in objs:
        rd.used_nouns.add(t.i)
    if tgts:
        rd.rec.emit(spec["relation"], adj, sent, ar.subjects(ix, adj.head), tgts,
                    rd.conf("predicate"), voice=None)


def group_commitment(rd: Reading, adj: Token, sent: Span) -> None:
    """"A and B are committed to advance cooperation", "we (the signatories) are resolved
    to pursue dialogue": a commitment of two or more together, each towards each other
    (``agrees``, CAMEO 03), when the clause names no other actor."""
    if not any(c.dep_ == "xcomp" for c in adj.children) or ar.clause_actor(rd.ix, adj):
        return
    subj = ar.subjects(rd.ix, adj.head) if adj.dep_ == "acomp" else sx.grammatical_subjects(adj)
    if len(ar.actors_of(rd.ix, subj)) >= 2:
        rd.rec.emit(rd.pat.names.agrees, adj, sent, subj, [], rd.conf("group_commitment"),
                    reciprocal=True)


def voiced_obligation(rd: Reading, verb: Token, sent: Span) -> None:
    """A main clause "B must/should/has to …" urges B, said by the one the clause is
    attributed to ("…, the minister said") or else by the sentence's voice (the speaker,
    the signatories, the publisher); "it would be useful for A and B to …" urges A and B."""
    if verb.dep_ not in ("ROOT", "conj") or (verb.dep_ == "conj" and verb.head.dep_ != "ROOT"):
        return
    pat = rd.pat
    targets = _obliged_subjects(rd, verb) or useful_for(rd, verb)
    if not targets:
        return
    if sent[-1].text == "?" or (len(sent) > 1 and sent[-2].text == "?"):
        return  # a question urges no one
    said_by = [s for c in verb.children if c.dep_ == "parataxis"
               and c.lemma_.lower() in pat.cues.reporting_verbs for s in ar.subjects(rd.ix, c)]
    voice = None if ar.actors_of(rd.ix, said_by) else rd.voice_of(sent)
    said = ModalityResult(Modality.REPORTED, said_by[0]) if said_by else ModalityResult(
        Modality.ASSERTED)
    if any(c.dep_ == "neg" for c in verb.children) and not (
        {c.lower_ for c in verb.children if c.dep_ == "aux"} & pat.obligation_modals
    ):
        return  # "B does not have to …"
    rd.rec.emit(pat.names.urges, verb, sent, said_by, targets, rd.conf("voiced_obligation"),
                voice=voice, modality=said)


def _obliged_subjects(rd: Reading, verb: Token) -> list[Token]:
    """The actor subject of "B must/should/has to <act>" (not a passive, not "must be
    able to"), or []."""
    pat = rd.pat
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    semi = verb.lemma_.lower() in pat.obligation_semimodals and any(
        c.dep_ == "xcomp" for c in verb.children)
    if not (auxes & pat.obligation_modals) and not (semi and not auxes & pat.cues.hypothetical_modals):
        return []
    act = next((c for c in verb.children if c.dep_ == "xcomp"), verb) if semi else verb
    if not obliging_verb(rd, act):
        return []
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if any(s.pos_ == "PRON" for s in subj):
        return []  # "we must all do more" exhorts the speakers; "it needs to …" is no actor
    return subj if ar.actors_of(rd.ix, subj) else []


def useful_for(rd: Reading, verb: Token) -> list[Token]:
    """"It would be useful/important for A and B to sit down": the for-subject of an
    infinitive after an adjective of need (``need_adjectives``)."""
    for c in verb.children:
        if c.dep_ == "acomp" and c.lemma_.lower() in rd.pat.need_adjectives:
            clause = [g for g in c.children if g.dep_ in ("xcomp", "ccomp", "advcl")]
            clause += [g for g in verb.children if g.dep_ in ("xcomp", "ccomp", "advcl")]
            subj = [s for g in clause for s in g.children if s.dep_ in ("nsubj", "nsubjpass")]
            subj += sx.prep_objects(c, ("for",))
            return [s for s in subj if ar.names_actor(rd.ix, s)]
    return []
