"""The ``dkg_relations`` spaCy component: relations between actors from the
dependency structure (not co-occurrence).

The component reads each sentence in order (:func:`kg.nlp.constructions.read_sentence`);
the constructions live in :mod:`kg.nlp.constructions`, their trigger words in
``ontology/patterns/relations.json`` and their confidence numbers in
``ontology/patterns/confidence.json``:

* verbal: "A met B", "A urged B to …", "A called on B", "A stood by B";
* light verbs: "A held talks with B", "A imposed sanctions on B", "A established
  diplomatic ties with B"; "A and B held talks" (reciprocal nouns pair the subjects);
* passive: "B was backed by A", "rebels backed by Iran"; stative "A is opposed to B's plan";
* objects owned by an actor: "A rejected B's proposal", "an Indian proposal", "a U.S.
  request", "A demanded the withdrawal of B's forces", "A called for B to …";
* obligation: "A said that B must/should/has to …" → A urges B;
* refusal: "A refused to meet B" → A denies B (the meeting itself stays negated);
* material cooperation: "A gave/sent/extradited X to B", "A shared X with B";
* requests: "A asked B for aid" (aid nouns → ``requests``, other objects → ``urges``);
* nominal: "the meeting between A and B", "an A-B encounter", "A's visit to B",
  "a staunch supporter of B" (source from the copula subject), "B's backer",
  "A's mediation between B and C" (A meets B and C);
* coordination ("Egypt and Qatar pressed Hamas" → two relations), relative clauses
  ("Putin, who has supported Assad"), partitive subjects ("leaders of ECOWAS", "the
  presidents of Iraq and Egypt"), pronouns, titles and group mentions resolved by
  ``dkg_discourse`` (a group mention gives one relation per actor it names).

Each relation gets its modality (:mod:`kg.nlp.modality`), date, place, confidence and
evidence (:mod:`kg.nlp.recorder`). A denial ("X denied reports that A met B") gives a
``denies`` relation by X and keeps the A–B meeting with modality ``denied``.

Results are plain dicts in ``doc._.dkg_relations`` (serialisable across processes);
:func:`kg.extraction.relations_from_doc` turns them into :class:`kg.records.Relation`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.actors import MODS_KEY, SPAN_KEY
from kg.nlp.arguments import ActorIndex
from kg.nlp.constructions import read_claims, read_sentence
from kg.nlp.discourse import GROUPS_KEY, RESOLVED_KEY, VOICE_KEY
from kg.nlp.patterns import load_patterns
from kg.nlp.reading import Reading
from kg.nlp.recorder import Recorder

__all__ = ["RelationExtractor", "make_relations"]


def _register_extensions() -> None:
    if not Doc.has_extension("dkg_relations"):
        Doc.set_extension("dkg_relations", default=[])
    if not Doc.has_extension("dkg_date"):
        Doc.set_extension("dkg_date", default=None)


@Language.factory(
    "dkg_relations",
    requires=["doc.spans"],
    assigns=["doc._.dkg_relations"],
    default_config={"span_key": SPAN_KEY, "mods_key": MODS_KEY, "resolved_key": RESOLVED_KEY,
                    "groups_key": GROUPS_KEY},
)
def make_relations(nlp: Language, name: str, span_key: str, mods_key: str, resolved_key: str,
                   groups_key: str) -> RelationExtractor:
    """Factory of the ``dkg_relations`` component: forwards its config."""
    return RelationExtractor(nlp, name, span_key=span_key, mods_key=mods_key,
                             resolved_key=resolved_key, groups_key=groups_key)


class RelationExtractor:
    """Finds relations between the actor mentions of ``dkg_actors`` (see module doc)."""

    def __init__(self, nlp: Language, name: str = "dkg_relations", *, span_key: str = SPAN_KEY,
                 mods_key: str = MODS_KEY, resolved_key: str = RESOLVED_KEY,
                 groups_key: str = GROUPS_KEY):
        _register_extensions()
        self.name = name
        self.span_key = span_key
        self.mods_key = mods_key
        self.resolved_key = resolved_key
        self.groups_key = groups_key
        self.voice_key = VOICE_KEY
        self.patterns = load_patterns()

    def __call__(self, doc: Doc) -> Doc:
        pat = self.patterns
        ix = ActorIndex.of(doc, span_keys=(self.span_key, self.resolved_key),
                           mods_key=self.mods_key, groups_key=self.groups_key,
                           of_heads=pat.of_heads, message_nouns=pat.message_nouns,
                           title_heads=pat.title_heads)
        if not ix or not doc.has_annotation("DEP"):
            doc._.dkg_relations = []
            return doc
        voices = {sp.start: sp._.dkg_actors for sp in doc.spans.get(self.voice_key, [])}
        rd = Reading(doc, ix, pat, Recorder(doc, ix, pat), read_claims, voices=voices)
        for sent in doc.sents:
            read_sentence(rd, sent)
        doc._.dkg_relations = rd.rec.results
        return doc
