"""Construction handlers of the relation layer, one module per family:
:mod:`~kg.nlp.constructions.verbal` (verbs, particles, obligation, intent),
:mod:`~kg.nlp.constructions.light` (light verbs), :mod:`~kg.nlp.constructions.nominal`
(event, agent and mediation nouns) and :mod:`~kg.nlp.constructions.denial`.

:func:`read_sentence` sends each trigger of a sentence to its handler: verbs first, then
the event nouns no verb has read.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.nlp.constructions.light import light_verb
from kg.nlp.constructions.nominal import noun
from kg.nlp.constructions.predicates import adjective, group_commitment, voiced_obligation
from kg.nlp.constructions.thanks import thanks_adjective, thanks_noun, thanks_verb
from kg.nlp.constructions.verbal import intent_predicate, obligation, particle_verb, verb
from kg.nlp.reading import Reading

__all__ = ["read_claims", "read_sentence"]


def read_sentence(rd: Reading, sent: Span) -> None:
    """Read every trigger of one sentence: verbs first, then event nouns."""
    pat = rd.pat
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
            for c in tok.children:  # "expressed gratitude to B for …"
                if c.dep_ == "dobj" and c.lemma_.lower() in pat.thanks_nouns:
                    thanks_noun(rd, tok, c, sent)
            if lemma in pat.thanks_verbs and tok.pos_ == "VERB":
                thanks_verb(rd, tok, sent)
            if lemma in pat.light_lemmas:
                light_verb(rd, tok, sent)
            if lemma in pat.particles:
                particle_verb(rd, tok, sent)
            if lemma in pat.verbs and tok.pos_ in ("VERB", "AUX"):
                verb(rd, tok, sent, pat.verbs[lemma])
            if lemma in pat.obligation_verbs and tok.pos_ in ("VERB", "AUX"):
                obligation(rd, tok, sent)
            voiced_obligation(rd, tok, sent)
        if tok.pos_ in ("ADJ", "VERB") and tok.dep_ == "acomp":
            if lemma in pat.cues.intent_predicates:
                intent_predicate(rd, tok, sent)
            if lemma in pat.thanks_adjectives:
                thanks_adjective(rd, tok, sent)
            if tok.lower_ in pat.predicates:
                adjective(rd, tok, sent, pat.predicates[tok.lower_])
            if tok.lower_ in pat.group_commitment:
                group_commitment(rd, tok, sent)
        elif tok.tag_ == "VBN" and tok.lower_ in pat.group_commitment and any(
            c.dep_ == "nsubjpass" for c in tok.children
        ):
            group_commitment(rd, tok, sent)  # "we are resolved to pursue dialogue"
    for tok in sent:
        if tok.pos_ in ("NOUN", "PROPN") and tok.i not in rd.used_nouns:
            spec = pat.noun_spec(tok)
            if spec:
                noun(rd, tok, sent, spec)


def read_claims(rd: Reading, obj: Token, denial_verb: Token, sent: Span) -> None:
    """Read the triggers inside the object of a denial verb now (their relations come
    out ``denied``), so the denial can point at them."""
    pat = rd.pat
    for t in obj.subtree:
        spec = pat.noun_spec(t)
        if spec and t.i not in rd.used_nouns and t.pos_ in ("NOUN", "PROPN"):
            noun(rd, t, sent, spec)
            rd.used_nouns.add(t.i)
        elif t.lemma_.lower() in pat.verbs and t.pos_ == "VERB" and t != denial_verb:
            verb(rd, t, sent, pat.verbs[t.lemma_.lower()])
