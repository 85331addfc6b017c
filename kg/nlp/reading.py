"""The state of reading one Doc: its actor index, the patterns, the recorder, and the
nouns a construction has already read (so the noun pass does not read them again).

Construction handlers (:mod:`kg.nlp.constructions`) take a :class:`Reading` first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.nlp.arguments import Actor, ActorIndex
from kg.nlp.patterns import RelationPatterns
from kg.nlp.recorder import Recorder

__all__ = ["Reading"]


@dataclass
class Reading:
    """One Doc being read (see module doc). ``read_claims`` reads the triggers inside a
    token's subtree at once (a denial needs the claims it denies recorded first)."""

    doc: Doc
    ix: ActorIndex
    pat: RelationPatterns
    rec: Recorder
    read_claims: Callable[[Reading, Token, Token, Span], None]
    used_nouns: set[int] = field(default_factory=set)
    voices: dict[int, list[Actor]] = field(default_factory=dict)  # sentence start → actors

    def voice_of(self, sent: Span) -> list[Actor]:
        """Who a sentence speaks for when it names no speaker: the quoted or transcript
        speaker's side, a joint statement's signatories, the publisher (``dkg_discourse``)."""
        return self.voices.get(sent.start, [])

    def conf(self, construction: str) -> float:
        """The confidence of a construction (``ontology/patterns/confidence.json``)."""
        return self.pat.confidence[construction]
