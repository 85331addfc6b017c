"""Modality of a relation: how the text holds it to be true.

Pure functions over a dependency parse: from the trigger word, walk up to the root of
the sentence and read the cues on the way (``ontology/patterns/modality.json``):

* negated — "did not meet", "refused to back", "declined to endorse", "no meeting";
* hypothetical — "could/would/may/will meet", "a possible/planned meeting",
  "speculation about a meeting", "plans to meet", "if they meet";
* denied — "X denied reports of a meeting", "X denied that A met B";
* reported — "officials said A met B", "sources indicated that…", "according to X";
* asserted — none of these.

The strongest cue wins: denied > negated > hypothetical > reported > asserted.

Examples
--------
>>> cues = load_cues()
>>> "refuse" in cues.negating_verbs
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from kg.records import Modality
from kg.resources import read_text

__all__ = ["Cues", "ModalityResult", "classify", "load_cues"]

_RANK = {
    Modality.ASSERTED: 0,
    Modality.REPORTED: 1,
    Modality.HYPOTHETICAL: 2,
    Modality.NEGATED: 3,
    Modality.DENIED: 4,
}
_IMPERSONAL = {"it", "this", "that", "there", "i", "we", "you"}
_CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis", "advcl", "acl", "relcl", "conj", "pcomp", "csubj"}


@dataclass(frozen=True)
class Cues:
    negating_verbs: frozenset[str]
    negation_words: frozenset[str]
    hypothetical_modals: frozenset[str]
    hypothetical_adjectives: frozenset[str]
    hypothetical_nouns: frozenset[str]
    hypothetical_verbs: frozenset[str]
    hypothetical_predicates: frozenset[str]
    intent_modals: frozenset[str]
    intent_verbs: frozenset[str]
    intent_predicates: frozenset[str]
    conditional_marks: frozenset[str]
    reporting_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    denial_objects: frozenset[str]
    purpose_preps: frozenset[str]
    performative_verbs: frozenset[str]
    performative_heads: frozenset[str]


@dataclass(frozen=True)
class ModalityResult:
    """The modality, the token of who said it (reported) and of the denial verb (denied).

    ``intent`` is True when the relation is hypothetical only because its subject
    declares it will do it ("will support", "offered to send", "is ready to host"),
    which event coders code as an expressed intent to cooperate (CAMEO 03).
    """

    modality: Modality
    speaker: Token | None = None
    denial: Token | None = None
    intent: bool = False


@cache
def load_cues() -> Cues:
    """The cue lists of ``ontology/patterns/modality.json`` (read once)."""
    raw = json.loads(read_text("patterns/modality.json"))
    return Cues(**{k: frozenset(raw[k]) for k in Cues.__dataclass_fields__})


def _has_neg(tok: Token, cues: Cues) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in tok.children)


def _has_modal(tok: Token, cues: Cues) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in cues.hypothetical_modals for c in tok.children)


def _has_aux(tok: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in words for c in tok.children)


def _is_conditional(tok: Token, cues: Cues) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in tok.children)


def _subject(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return None if c.lower_ in _IMPERSONAL else c
    if tok.dep_ in ("conj", "xcomp") and tok.head != tok:
        return _subject(tok.head)
    return None


def classify(trigger: Token, cues: Cues | None = None) -> ModalityResult:
    """Modality of the relation expressed by ``trigger``.

    trigger (Token): the verb or noun that expresses the relation.
    RETURNS (ModalityResult): modality, plus the speaker / denial tokens when found.
    """
    cues = cues or load_cues()
    best = Modality.ASSERTED
    speaker: Token | None = None
    denial: Token | None = None
    intent = False  # a declared intent: "will support", "offered to send"
    blocked = False  # a cue that is no intent: a condition, a hope, a plan of others

    def bump(m: Modality) -> None:
        nonlocal best
        if _RANK[m] > _RANK[best]:
            best = m

    # cues on the trigger itself
    if trigger.pos_ in ("VERB", "AUX"):
        if _has_neg(trigger, cues):
            bump(Modality.NEGATED)
        if _has_modal(trigger, cues) or _is_conditional(trigger, cues):
            bump(Modality.HYPOTHETICAL)
            if _is_conditional(trigger, cues) or not _has_aux(trigger, cues.intent_modals):
                blocked = True
            else:
                intent = True
    else:
        for c in trigger.children:
            if c.dep_ == "amod" and c.lower_ in cues.hypothetical_adjectives:
                bump(Modality.HYPOTHETICAL)
            if c.dep_ == "det" and c.lower_ == "no":
                bump(Modality.NEGATED)
    for c in trigger.children:  # "according to X"
        if c.dep_ == "prep" and c.lower_ == "according":
            bump(Modality.REPORTED)
            speaker = speaker or next((g for g in c.subtree if g.dep_ == "pobj"), None)

    if _is_question(trigger):
        bump(Modality.HYPOTHETICAL)  # "Or were they soldiers that threatened Russia?"
        blocked = True

    # cues on the words that govern it
    child, head = trigger, trigger.head
    steps = 0
    while head != child and steps < 12:
        steps += 1
        lemma = head.lemma_.lower()
        dep = child.dep_
        if head.pos_ in ("VERB", "AUX"):
            if lemma in cues.denial_verbs and (
                dep in ("ccomp", "dobj") or child.lower_ in cues.denial_objects
                or _in_object_of(trigger, head, cues)
            ):
                bump(Modality.DENIED)
                denial = head
            elif dep in ("xcomp", "ccomp") and lemma in cues.negating_verbs:
                bump(Modality.NEGATED)
            elif dep in ("xcomp", "ccomp", "advcl") and _has_neg(head, cues):
                bump(Modality.NEGATED if dep == "xcomp" else Modality.ASSERTED)
            elif dep == "dobj" and child is trigger and _has_neg(head, cues):
                bump(Modality.NEGATED)  # "has not imposed sanctions on B"
            if dep in ("dobj", "prep", "pobj", "agent") and trigger.pos_ in ("NOUN", "PROPN") and (
                _has_modal(head, cues)
            ):
                # "will hold talks with B", "can only be settled through talks"
                bump(Modality.HYPOTHETICAL)
                if dep == "dobj" and child is trigger and _has_aux(head, cues.intent_modals):
                    intent = True
                else:
                    blocked = True
            if dep == "prep" and child.lower_ in cues.purpose_preps and lemma in cues.hypothetical_verbs:
                bump(Modality.HYPOTHETICAL)  # "a meeting aimed at establishing ties"
                blocked = True
            if dep == "xcomp" and lemma in cues.performative_heads and (
                child is trigger and trigger.lemma_.lower() in cues.performative_verbs
            ):
                child, head = head, head.head  # "I would like to thank B" thanks B
                continue
            if dep in ("xcomp", "ccomp") and lemma in cues.hypothetical_verbs:
                bump(Modality.HYPOTHETICAL)
                if dep == "xcomp" and lemma in cues.intent_verbs:
                    intent = True
                else:
                    blocked = True
            if dep == "dobj" and lemma in cues.intent_verbs and child is trigger:
                bump(Modality.HYPOTHETICAL)  # "offered military support to B"
                intent = True
            if dep in ("xcomp", "acomp") and _has_modal(head, cues):
                bump(Modality.HYPOTHETICAL)
                if not _has_aux(head, cues.intent_modals):
                    blocked = True
            if dep in ("ccomp", "parataxis") and lemma in cues.reporting_verbs:
                who = _subject(head)
                if who is not None:  # "it is worth noting that…" is the author's own voice
                    bump(Modality.REPORTED)
                    speaker = speaker or who
            if dep == "dobj" and lemma in cues.reporting_verbs and child.lower_ not in (
                cues.denial_objects
            ):
                pass
        else:
            if head.pos_ == "ADJ" and dep == "xcomp" and lemma in cues.hypothetical_predicates:
                bump(Modality.HYPOTHETICAL)  # "ready to host a meeting"
                if lemma in cues.intent_predicates:
                    intent = True
                else:
                    blocked = True
            if head.lower_ in cues.hypothetical_nouns or head.lemma_.lower() in cues.hypothetical_nouns:
                if dep in ("pobj", "prep", "acl", "relcl", "compound") or child.dep_ == "pobj":
                    bump(Modality.HYPOTHETICAL)
                    blocked = True
                if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
                    bump(Modality.HYPOTHETICAL)
                    blocked = True
            if head.lower_ in cues.denial_objects and head.dep_ == "dobj":
                pass  # handled when the walk reaches the denial verb
        if _is_conditional(head, cues) and dep in _CLAUSE_DEPS:
            bump(Modality.HYPOTHETICAL)
            blocked = True
        child, head = head, head.head
    # "X met Y, officials said": the reporting verb is a child of the trigger's clause root
    root = child
    if best is Modality.ASSERTED or best is Modality.REPORTED:
        for c in root.children if root is not trigger else trigger.children:
            if (
                c.dep_ in ("parataxis", "ccomp", "advcl")
                and c.lemma_.lower() in cues.reporting_verbs
                and c.i > trigger.i
                and not any(g.dep_ in ("ccomp",) for g in c.children)
            ) and _subject(c) is not None:
                bump(Modality.REPORTED)
                speaker = speaker or _subject(c)
    intent = intent and not blocked and best is Modality.HYPOTHETICAL
    return ModalityResult(best, speaker, denial, intent)


def _is_question(tok: Token) -> bool:
    """True when the token's sentence (or its clause up to a question mark) asks, or
    the token's clause is an indirect question ("… which countries support B")."""
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(g.tag_ in ("WDT", "WP") and g.dep_ in ("det", "nsubj") for s in subj
           for g in [s, *s.children]) and tok.dep_ in ("ccomp", "xcomp", "conj"):
        return True
    sent = tok.sent
    for t in sent[tok.i - sent.start :]:
        if t.text == "?":
            return True
        if t.text in (".", "!", ";"):
            return False
    return False


def _in_object_of(trigger: Token, verb: Token, cues: Cues) -> bool:
    """True when ``trigger`` sits inside the object of ``verb`` and that object is a
    report, claim or allegation ("denied reports of a meeting")."""
    for c in verb.children:
        if c.dep_ == "dobj" and (c.lower_ in cues.denial_objects or c.lemma_ in cues.denial_objects):
            return trigger in c.subtree
    return False
