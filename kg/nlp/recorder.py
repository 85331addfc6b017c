"""The recorder: turns the argument tokens a construction found into relation records
(one per source and target actor), each with its modality, date, place, confidence and
evidence, and keeps them once per trigger and actor pair.

Records are plain dicts (msgpack-able, so Docs cross process boundaries);
:func:`kg.extraction.relations_from_doc` turns them into :class:`kg.records.Relation`.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from kg.nlp.arguments import ActorIndex, actors_of
from kg.nlp.dates import resolve_date
from kg.nlp.modality import ModalityResult, classify
from kg.nlp.patterns import RelationPatterns
from kg.records import Modality

__all__ = ["Recorder", "own_side", "public_actor", "same_state_people"]

Actor = dict[str, Any]

#: how far back (tokens) a denied "meeting" looks for the meeting it refers to
_ANAPHORIC_REACH = 120


class Recorder:
    """The relations of one Doc, in the order found (see module doc)."""

    def __init__(self, doc: Doc, ix: ActorIndex, pat: RelationPatterns):
        self.doc = doc
        self.ix = ix
        self.pat = pat
        self.results: list[dict[str, Any]] = []
        self._seen: set[tuple] = set()  # (trigger offset, relation, source id, target id)
        self.last_meeting: tuple[int, Actor, Actor] | None = None  # (sentence start, a, b)
        self._ent_of = {t.i: e for e in doc.ents for t in e}
        self._text = doc.text  # Doc.text joins every token: once per document, not per relation

    # -- from argument tokens ---------------------------------------------------------
    def emit(self, relation: str, trig: Token, sent: Span, srcs: list[Token],
             tgts: list[Token], conf: float, reciprocal: bool = False,
             voice: list[Actor] | None = None, modality: ModalityResult | None = None) -> None:
        """One relation per source and target actor. ``reciprocal`` triggers without a
        target pair their coordinated subjects ("Israel and Lebanon held talks");
        ``voice`` (the actors a sentence speaks for) is the source when no token is."""
        sources = actors_of(self.ix, srcs) or [(trig, a) for a in voice or []]
        targets = actors_of(self.ix, tgts)
        if reciprocal and not targets and len(sources) >= 2:
            self.pairs(relation, trig, sent, sources, conf * self.pat.factors["reciprocal_pair"])
            return
        if not sources or not targets:
            return
        if len(sources) > 1 and {a["id"] for _t, a in sources} == {a["id"] for _t, a in targets}:
            return  # "we remain committed to our obligations": a group towards itself
        m = modality or classify(trig, self.pat.cues)
        for st, s in sources:
            for tt, t in targets:
                if s["id"] == t["id"]:
                    continue
                resolved = st.i in self.ix.resolved or tt.i in self.ix.resolved
                c = conf * (self.pat.factors["resolved_argument"] if resolved else 1.0)
                self.add(relation, trig, sent, s, t, m, c)

    def emit_to(self, relation: str, trig: Token, sent: Span, srcs: list[Token],
                tgts: list[Token], voice: list[Actor] | None, conf: float) -> None:
        """As :meth:`emit`, with ``voice`` as the target when no target token names one."""
        targets = actors_of(self.ix, tgts)
        if targets:
            self.emit(relation, trig, sent, srcs, tgts, conf)
            return
        m = classify(trig, self.pat.cues)
        for _st, s in actors_of(self.ix, srcs):
            for t in voice or []:
                if s["id"] != t["id"]:
                    self.add(relation, trig, sent, s, t, m, conf)

    def pairs(self, relation: str, trig: Token, sent: Span, acts: list[tuple[Token, Actor]],
              conf: float) -> None:
        """Each pair of actors that did something together ("talks between A and B", "A
        and B restored ties"): once for symmetric ``meets``, both ways otherwise."""
        m = classify(trig, self.pat.cues)
        for i in range(len(acts)):
            for j in range(i + 1, len(acts)):
                a, b = acts[i][1], acts[j][1]
                if a["id"] == b["id"]:
                    continue
                self.add(relation, trig, sent, a, b, m, conf)
                if not self.pat.names.is_symmetric(relation):
                    self.add(relation, trig, sent, b, a, m, conf)

    # -- one record ---------------------------------------------------------------------
    def add(self, relation: str, trig: Token, sent: Span, source: Actor, target: Actor | None,
            m: ModalityResult, conf: float, about: int | None = None) -> None:
        """Record one relation, unless this trigger already gave it for this pair."""
        key = (trig.idx, relation, source["id"], (target or {}).get("id"))
        cooperation = relation in self.pat.cooperation
        if key in self._seen or own_side(source, target, organs=not cooperation) or (
            cooperation and same_state_people(source, target)
        ):
            return
        self._seen.add(key)
        speaker = self.ix.actor(m.speaker) if m.speaker is not None else None
        date, gran = self.date_of(trig)
        start, end = sent.start_char, sent.end_char
        while end > start and self._text[end - 1].isspace():
            end -= 1
        linked = source.get("country") or source.get("wikidata")
        self.results.append({
            "relation": relation,
            "modality": m.modality.value,
            "source": public_actor(source),
            "target": public_actor(target),
            "attributed_to": public_actor(speaker),
            "date": date,
            "date_granularity": gran,
            "place": self.place_of(trig),
            "confidence": round(conf * (1.0 if linked else self.pat.factors["unlinked_actor"]), 3),
            "start": start,
            "end": end,
            "trigger": trig.text,
            "trigger_start": trig.idx,
            "trigger_end": trig.idx + len(trig.text),
            "about": about,
        })
        if relation == self.pat.names.meets and target is not None:
            self.last_meeting = (sent.start, source, target)
            self._visit_by_meeting(trig, sent, source, target, m)
        if m.intent and relation in self.pat.intent_relations | self.pat.threat_relations:
            self._intent(trig, sent, source, target, m, conf, relation)

    def denied_meeting(self, noun: Token, sent: Span) -> None:
        """'reports of an August meeting' under a denial: the meeting most recently
        named with its participants, within the two previous sentences."""
        m = classify(noun, self.pat.cues)
        if m.modality is not Modality.DENIED or self.last_meeting is None:
            return
        start, a, b = self.last_meeting
        if sent.start - start > _ANAPHORIC_REACH:
            return
        self.add(self.pat.names.meets, noun, sent, a, b, m,
                 self.pat.confidence["anaphoric_meeting"])

    def _intent(self, trig: Token, sent: Span, source: Actor, target: Actor | None,
                m: ModalityResult, conf: float, relation: str) -> None:
        """"B will support A", "B offered to meet A": a declared intent to cooperate,
        which is itself a claim (``agrees``, CAMEO 03) though the act is not; "B stands
        ready to impose costs on A" is a threat (``threatens``, CAMEO 13)."""
        said = Modality.REPORTED if m.speaker is not None else Modality.ASSERTED
        names = self.pat.names
        declared = names.threatens if relation in self.pat.threat_relations else names.agrees
        self.add(declared, trig, sent, source, target, ModalityResult(said, m.speaker),
                 conf * self.pat.factors["declared_intent"])

    def _visit_by_meeting(self, trig: Token, sent: Span, a: Actor, b: Actor,
                          m: ModalityResult) -> None:
        """A meeting held in the state of one side ("Zelenskyy met Plenkovic in Kyiv") is a
        visit of the other side to it (CAMEO 042/043)."""
        place = self._place_actor(trig)
        if place is None or place["kind"] != "state":
            return
        for mover, host in ((a, b), (b, a)):
            if host.get("country") == place["country"] and mover.get("country") not in (
                None, place["country"]
            ):
                self.add(self.pat.names.visits, trig, sent, mover, place, m,
                         self.pat.confidence["meeting_place_visit"])

    # -- when and where -------------------------------------------------------------------
    def date_of(self, trig: Token) -> tuple[str | None, str | None]:
        """The date a trigger's own modifiers give ("on Wednesday", "an August meeting"),
        resolved against the article date."""
        ref = self.doc._.dkg_date
        cands = []
        heads = [trig]
        if trig.dep_ in ("dobj", "pobj", "nsubj") and trig.pos_ == "NOUN":
            heads.append(trig.head)
        for h in heads:
            for c in h.children:
                if c.ent_type_ == "DATE" and c.dep_ in ("npadvmod", "compound", "tmod", "nmod",
                                                         "amod"):
                    cands.append(c)
                if c.dep_ == "prep" and c.lower_ in ("on", "in", "during", "since"):
                    cands += [g for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "DATE"]
        for c in cands:
            ent = self._ent_of.get(c.i)
            d, g = resolve_date(ent.text if ent is not None else c.text, ref)
            if d:
                return d, g
        return None, None

    def _place_actor(self, trig: Token) -> Actor | None:
        """The state actor of a trigger's "in"/"at" phrase ("met in Kyiv" → Ukraine)."""
        for c in trig.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                for g in c.children:
                    if g.dep_ == "pobj" and self.ix.is_mention(g):
                        return self.ix.actor(g)
        return None

    def place_of(self, trig: Token) -> dict[str, Any] | None:
        """The place of a trigger's "in"/"at" phrase when it names a place or state."""
        for c in trig.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    a = self.ix.actor(g) if self.ix.is_mention(g) else None
                    if g.ent_type_ in ("GPE", "FAC", "LOC") or (a and a["kind"] == "state"):
                        left = min(t.i for t in g.subtree)
                        return {"label": self.doc[left : g.i + 1].text,
                                "country": a["country"] if a else None}
        return None


def own_side(a: Actor, b: Actor | None, organs: bool = True) -> bool:
    """True for a person and the state that person represents, named as the state
    ("Sandu supports Moldova" is a resolution error, not a relation). With ``organs``
    its organs ("the Lebanese parliament"), other people and groups of that state (an
    opposition, protesters) stay: they are domestic actors; without, a person's meeting
    with its own state's forces is dropped too (domestic, not diplomatic)."""
    if b is None or not a.get("country") or a["country"] != b.get("country"):
        return False
    kinds = {a["kind"], b["kind"]}
    state = a if a["kind"] == "state" else b
    return kinds == {"person", "state"} and not (organs and state.get("organ"))


def same_state_people(a: Actor, b: Actor | None) -> bool:
    """Two people of one state: their meeting or support is domestic, not diplomatic."""
    return b is not None and a["kind"] == b["kind"] == "person" and bool(a.get("country")) and (
        a["country"] == b.get("country"))


def public_actor(actor: Actor | None) -> dict[str, Any] | None:
    """The keys of an actor that leave the pipeline (``kg extract`` prints them)."""
    if actor is None:
        return None
    return {k: actor.get(k) for k in ("id", "label", "kind", "country", "wikidata")}
