"""The trigger words, cue lists and confidence numbers of the relation layer, read once
from ``ontology/patterns/`` into one frozen record.

Examples
--------
>>> pat = load_patterns()
>>> pat.verbs["urge"]["relation"]
'urges'
>>> pat.confidence["verb"]
0.9
>>> "talks" in pat.reciprocal_nouns
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from kg.nlp.modality import Cues, load_cues
from kg.resources import read_text

__all__ = ["RelationNames", "RelationPatterns", "load_patterns"]


@dataclass(frozen=True)
class RelationPatterns:
    """What ``ontology/patterns/relations.json`` and its neighbours say (see the
    ``_comment`` of each file)."""

    verbs: dict[str, dict[str, Any]]
    particles: dict[str, dict[str, str]]
    light_lemmas: frozenset[str]
    light_nouns: dict[str, str]
    light_targets: tuple[str, ...]
    light_noun_preps: dict[str, dict[str, str]]
    light_relation_targets: dict[str, tuple[str, ...]]
    given_by_verbs: frozenset[str]
    given_by_targets: tuple[str, ...]
    reciprocal_nouns: frozenset[str]
    nouns: dict[str, dict[str, Any]]
    aid_nouns: frozenset[str]
    giving_verbs: frozenset[str]
    aid_verbs: frozenset[str]
    message_nouns: frozenset[str]
    intent_relations: frozenset[str]
    obligation_verbs: frozenset[str]
    obligation_modals: frozenset[str]
    obligation_semimodals: frozenset[str]
    of_heads: frozenset[str]
    thanks_verbs: frozenset[str]
    thanks_nouns: frozenset[str]
    thanks_adjectives: frozenset[str]
    thanks_reasons: frozenset[str]
    thanks_help: frozenset[str]
    predicates: dict[str, dict[str, Any]]
    group_commitment: frozenset[str]
    need_adjectives: frozenset[str]
    obligation_states: frozenset[str]
    threat_relations: frozenset[str]
    cooperation: frozenset[str]
    title_heads: frozenset[str]
    confidence: dict[str, float]
    factors: dict[str, float]
    cues: Cues
    names: RelationNames

    def noun_spec(self, tok) -> dict[str, Any] | None:
        """The event or agent noun entry of a token (by its text, then its lemma)."""
        return self.nouns.get(tok.lower_) or self.nouns.get(tok.lemma_.lower())

    def light_noun(self, tok) -> str | None:
        """The relation a light-verb object names ("talks" → meets), if any; a noun
        listed in ``noun_preps`` names the relation of its preposition ("a call with B"
        meets)."""
        by_prep = self.light_noun_preps.get(tok.lower_)
        if by_prep:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in by_prep:
                    return by_prep[c.lower_]
        return self.light_nouns.get(tok.lower_) or self.light_nouns.get(tok.lemma_.lower())


@dataclass(frozen=True)
class RelationNames:
    """The relation names the constructions produce by themselves (not through a trigger
    table), read from the ontology through :mod:`kg.vocab` (never written in code)."""

    meets: str
    supports: str
    urges: str
    denies: str
    requests: str
    agrees: str
    criticizes: str
    attacks: str
    visits: str
    sanctions: str
    threatens: str

    @classmethod
    def from_vocabulary(cls) -> RelationNames:
        from kg.rdf.namespace import DKG
        from kg.vocab import relation_of

        # in the order of the fields above
        terms = (DKG.Meeting, DKG.Support, DKG.Urging, DKG.Denial, DKG.Request, DKG.Agreement,
                 DKG.Criticism, DKG.Attack, DKG.Visit, DKG.Sanction, DKG.Threat)
        return cls(*(relation_of(term) for term in terms))

    def is_symmetric(self, relation: str) -> bool:
        """True for a relation without direction (``owl:SymmetricProperty``: meets)."""
        from kg.vocab import is_symmetric

        return is_symmetric(relation)


def _load(path: str) -> dict[str, Any]:
    return json.loads(read_text(path))


@cache
def load_patterns() -> RelationPatterns:
    """The relation patterns (read once per process)."""
    pat = _load("patterns/relations.json")
    light = pat["light_verbs"]
    conf = _load("patterns/confidence.json")
    verbs = pat["verbs"]
    return RelationPatterns(
        verbs=verbs,
        particles=pat["particles"],
        light_lemmas=frozenset(light["lemmas"]),
        light_nouns=light["nouns"],
        light_targets=tuple(light["targets"]),
        light_noun_preps=light.get("noun_preps", {}),
        light_relation_targets={k: tuple(v) for k, v in light.get("relation_targets", {}).items()},
        given_by_verbs=frozenset(pat["given_by"]["verbs"]),
        given_by_targets=tuple(pat["given_by"]["targets"]),
        reciprocal_nouns=frozenset(light["reciprocal_nouns"]),
        nouns=pat["nouns"],
        aid_nouns=frozenset(pat["aid_nouns"]),
        giving_verbs=frozenset(k for k, v in verbs.items() if "recipient" in v["targets"]),
        aid_verbs=frozenset(pat["aid_verbs"]),
        message_nouns=frozenset(pat["message_nouns"]),
        intent_relations=frozenset(pat["intent_relations"]),
        obligation_verbs=frozenset(pat["obligation"]["verbs"]),
        obligation_modals=frozenset(pat["obligation"]["modals"]),
        obligation_semimodals=frozenset(pat["obligation"]["semi_modals"]),
        of_heads=frozenset(_load("patterns/actor_nouns.json")["of_heads"]),
        thanks_verbs=frozenset(pat["thanks"]["verbs"]),
        thanks_nouns=frozenset(pat["thanks"]["nouns"]),
        thanks_adjectives=frozenset(pat["thanks"]["adjectives"]),
        thanks_reasons=frozenset(pat["thanks"]["reasons"]) | frozenset(pat["thanks"]["help"]),
        thanks_help=frozenset(pat["thanks"]["help"]),
        predicates=pat["predicates"]["adjectives"],
        group_commitment=frozenset(pat["predicates"]["group_commitment"]),
        need_adjectives=frozenset(pat["predicates"]["need_adjectives"]),
        obligation_states=frozenset(pat["predicates"]["obligation_states"]),
        threat_relations=frozenset(pat["threat_relations"]),
        cooperation=frozenset(pat["cooperation_relations"]),
        title_heads=frozenset(_load("patterns/discourse.json")["title_heads"]),
        confidence={k: v for k, v in conf.items() if isinstance(v, float)},
        factors=conf["factors"],
        cues=load_cues(),
        names=RelationNames.from_vocabulary(),
    )
