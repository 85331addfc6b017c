"""Light-verb constructions: "A held talks with B", "A imposed sanctions on B", "A
established diplomatic ties with B", "A gave a warm welcome to B", "A reiterated UK
support for B"; "A and B held talks" pairs the coordinated subjects."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.nlp import arguments as ar
from kg.nlp import syntax as sx
from kg.nlp.reading import Reading

__all__ = ["light_verb"]


def light_verb(rd: Reading, verb: Token, sent: Span) -> None:
    """A light verb whose direct object is a relation noun (``light_verbs`` in
    relations.json)."""
    ix, pat = rd.ix, rd.pat
    for c in verb.children:
        if c.dep_ != "dobj":
            continue
        relation = pat.light_noun(c)
        if not relation:
            continue
        rd.used_nouns.add(c.i)
        preps = pat.light_targets + pat.light_relation_targets.get(relation, ())
        tgts = sx.prep_objects(c, preps) + sx.prep_objects(verb, preps)
        tgts = [t for t in tgts if ar.names_actor(ix, t)] or [
            o for t in tgts for o in ar.owner(ix, t) if ix.actor(o) is not None
        ]
        spec = pat.noun_spec(c)
        if spec and "ccomp_subject" in spec.get("targets", []):  # "its demand that B …"
            tgts += sx.clause_subjects(c, pat.cues.reporting_verbs)
        between = sx.prep_objects(c, ("between",))
        if between:
            rd.rec.pairs(relation, c, sent,
                         ar.actors_of(ix, [t for b in between for t in b.subtree]),
                         rd.conf("light_verb_between"))
            continue
        reciprocal = c.lower_ in pat.reciprocal_nouns or c.lemma_.lower() in pat.reciprocal_nouns
        # "reiterated UK support for Iraq": the noun's own owner speaks
        srcs = [o for o in c.children if o.dep_ in ("poss", "compound", "amod")
                and ix.actor(o) is not None and o.pos_ != "PRON"] or ar.subjects(ix, verb)
        rd.rec.emit(relation, c, sent, srcs, tgts, rd.conf("light_verb"), reciprocal=reciprocal)
