"""The ``dkg_relations`` spaCy component: relations between actors from the
dependency structure (not co-occurrence).

Constructions (trigger words in ``ontology/patterns/relations.json``):

* verbal: "A met B", "A urged B to …", "A called on B", "A stood by B";
* light verbs: "A held talks with B", "A imposed sanctions on B";
* passive: "B was backed by A", "rebels backed by Iran";
* nominal: "the meeting between A and B", "an A-B encounter", "A's visit to B",
  "a staunch supporter of B" (source from the copula subject), "B's backer";
* coordination ("Egypt and Qatar pressed Hamas" → two relations), relative clauses
  ("Putin, who has supported Assad"), pronouns resolved by ``dkg_actors``.

Each relation gets its modality (:mod:`kg.nlp.modality`), date, place, confidence and
evidence. A denial ("X denied reports that A met B") gives a ``denies`` relation by X
and keeps the A–B meeting with modality ``denied``.

Results are plain dicts in ``doc._.dkg_relations`` (serialisable across processes);
:func:`kg.extract.relations_from_doc` turns them into :class:`kg.records.Relation`.
"""

from __future__ import annotations

import json
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.nlp.actors import SPAN_KEY
from kg.nlp.dates import resolve_date
from kg.nlp.modality import classify, load_cues
from kg.records import Modality
from kg.resources import read_text

__all__ = ["RelationExtractor", "make_relations"]

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_RELPRON = {"who", "which", "that", "whom"}


def _register_extensions() -> None:
    if not Doc.has_extension("dkg_relations"):
        Doc.set_extension("dkg_relations", default=[])
    if not Doc.has_extension("dkg_date"):
        Doc.set_extension("dkg_date", default=None)


@Language.factory(
    "dkg_relations",
    requires=["doc.spans"],
    assigns=["doc._.dkg_relations"],
    default_config={"span_key": SPAN_KEY},
)
def make_relations(nlp: Language, name: str, span_key: str) -> RelationExtractor:
    """Factory of the ``dkg_relations`` component: forwards its config."""
    return RelationExtractor(nlp, name, span_key=span_key)


class RelationExtractor:
    """Finds relations between the actor mentions of ``dkg_actors`` (see module doc)."""

    def __init__(self, nlp: Language, name: str = "dkg_relations", *, span_key: str = SPAN_KEY):
        _register_extensions()
        self.name = name
        self.span_key = span_key
        pat = json.loads(read_text("patterns/relations.json"))
        self.verbs: dict[str, dict[str, Any]] = pat["verbs"]
        self.particles: dict[str, dict[str, str]] = pat["particles"]
        self.light_lemmas = set(pat["light_verbs"]["lemmas"])
        self.light_nouns: dict[str, str] = pat["light_verbs"]["nouns"]
        self.light_targets = pat["light_verbs"]["targets"]
        self.nouns: dict[str, dict[str, Any]] = pat["nouns"]
        self.cues = load_cues()

    def __call__(self, doc: Doc) -> Doc:
        actors: dict[int, dict[str, Any]] = {}
        for sp in doc.spans.get(self.span_key, []):
            for t in sp:
                actors[t.i] = sp._.dkg_actor
        if not actors or not doc.has_annotation("DEP"):
            doc._.dkg_relations = []
            return doc
        ctx = _Context(doc, actors, self)
        for sent in doc.sents:
            ctx.sentence(sent)
        doc._.dkg_relations = ctx.results
        return doc


class _Context:
    """State of one document's extraction: its actors and the relations found."""

    def __init__(self, doc: Doc, actors: dict[int, dict[str, Any]], ex: RelationExtractor):
        self.doc = doc
        self.actors = actors
        self.ex = ex
        self.results: list[dict[str, Any]] = []
        self.used_nouns: set[int] = set()
        self.last_meeting: tuple[int, dict, dict] | None = None  # (sentence start, a, b)

    # -- actors of argument tokens ----------------------------------------------
    def actor(self, tok: Token | None) -> dict[str, Any] | None:
        if tok is None:
            return None
        a = self.actors.get(tok.i)
        if a is not None:
            return a
        # "leaders of ECOWAS", "the head of the IAEA": a noun governing an actor by "of"
        if tok.pos_ in ("NOUN", "PROPN"):
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                    for g in c.children:
                        if g.dep_ == "pobj" and g.i in self.actors and tok.lower_ in (
                            "leaders", "leader", "head", "members", "member", "representatives",
                            "government", "officials", "delegation", "forces", "troops", "chief",
                            "president", "minister", "envoy", "spokesman", "ministers",
                        ):
                            return self.actors[g.i]
        return None

    def expand(self, tok: Token | None) -> list[Token]:
        """The token and the tokens coordinated with it ("Egypt and Qatar")."""
        if tok is None:
            return []
        out = [tok]
        for c in tok.children:
            if c.dep_ == "conj":
                out.extend(self.expand(c))
        return out

    def actors_of(self, toks: list[Token]) -> list[tuple[Token, dict[str, Any]]]:
        out, seen = [], set()
        for t in toks:
            for tt in self.expand(t):
                a = self.actor(tt)
                if a is not None and a["id"] not in seen:
                    seen.add(a["id"])
                    out.append((tt, a))
        return out

    # -- arguments of verbs -----------------------------------------------------------
    def subjects(self, verb: Token) -> list[Token]:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children
                      if g.dep_ == "pobj"]
            return agents
        subs = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if subs and subs[0].lower_ in _RELPRON and verb.dep_ == "relcl":
            return [verb.head]
        if subs:
            return subs
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head != verb and verb.head.pos_ in (
            "VERB", "AUX"
        ):
            if verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children):
                return [c for c in verb.head.children if c.dep_ == "dobj"]  # object control
            return self.subjects(verb.head)
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            return [verb.head]  # "a country supporting X"
        return []

    def passive_targets(self, verb: Token) -> list[Token]:
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return [verb.head]  # "rebels backed by Iran"
        return [c for c in verb.children if c.dep_ == "nsubjpass"]

    def prep_objects(self, head: Token, preps: list[str] | tuple[str, ...]) -> list[Token]:
        out = []
        for c in head.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in preps:
                out.extend(g for g in c.children if g.dep_ == "pobj")
        return out

    def owner(self, noun: Token) -> list[Token]:
        """Who owns a proposal, report or request: "Iraq's proposal", "charges by Liberia"."""
        out = [c for c in noun.children if c.dep_ == "poss"]
        out += self.prep_objects(noun, ("by", "from"))
        if not out:
            out += [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
                    and c.i in self.actors]
        if not out:
            out += self.prep_objects(noun, ("of",))
        return out

    def targets(self, verb: Token, spec: list[str]) -> list[Token]:
        out: list[Token] = []
        for where in spec:
            if where == "dobj":
                out += [c for c in verb.children if c.dep_ in ("dobj", "dative")]
            elif where == "dobj_owner":
                for c in verb.children:
                    if c.dep_ == "dobj" and c.i not in self.actors:
                        out += self.owner(c)
            elif where == "ccomp_subject":
                for c in verb.children:
                    if c.dep_ in ("ccomp", "xcomp"):
                        out += [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
            else:
                out += self.prep_objects(verb, (where,))
        return out

    # -- one sentence --------------------------------------------------------------------
    def sentence(self, sent) -> None:
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
                if lemma in self.ex.light_lemmas:
                    self.light_verb(tok, sent)
                if lemma in self.ex.particles:
                    self.particle_verb(tok, sent)
                if lemma in self.ex.verbs and tok.pos_ in ("VERB", "AUX"):
                    self.verb(tok, sent, self.ex.verbs[lemma])
        for tok in sent:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in self.used_nouns:
                spec = self.ex.nouns.get(tok.lower_) or self.ex.nouns.get(tok.lemma_.lower())
                if spec:
                    self.noun(tok, sent, spec)

    def verb(self, verb: Token, sent, spec: dict[str, Any]) -> None:
        if spec.get("needs_xcomp") and not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
            return
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
            verb.dep_ == "acl" and verb.tag_ == "VBN"
        )
        srcs = self.subjects(verb)
        tgts = self.passive_targets(verb) if passive else self.targets(verb, spec["targets"])
        if passive and not srcs:
            return
        relation = spec["relation"]
        if relation == "denies":
            self.denial(verb, sent, srcs, tgts)
            return
        self.emit(relation, verb, sent, srcs, tgts, 0.85 if passive else 0.9)

    def particle_verb(self, verb: Token, sent) -> None:
        table = self.ex.particles[verb.lemma_.lower()]
        for c in verb.children:
            if c.dep_ in ("prep", "prt") and c.lower_ in table:
                relation = table[c.lower_]
                pobjs = [g for g in c.children if g.dep_ == "pobj"]
                if c.dep_ == "prt":  # "lash out at", "open fire on"
                    pobjs = self.prep_objects(verb, ("at", "on", "against"))
                tgts = []
                for p in pobjs:
                    if self.actor(p) is not None:
                        tgts.append(p)
                    else:  # "called for Assad's departure"
                        tgts += [o for o in self.owner(p) if self.actor(o) is not None]
                        self.used_nouns.add(p.i)
                self.emit(relation, verb, sent, self.subjects(verb), tgts, 0.85)

    def light_verb(self, verb: Token, sent) -> None:
        for c in verb.children:
            if c.dep_ != "dobj":
                continue
            relation = self.ex.light_nouns.get(c.lower_) or self.ex.light_nouns.get(c.lemma_.lower())
            if not relation:
                continue
            self.used_nouns.add(c.i)
            tgts = self.prep_objects(c, self.ex.light_targets) + self.prep_objects(
                verb, self.ex.light_targets
            )
            tgts = [t for t in tgts if self.actor(t) is not None] or [
                o for t in tgts for o in self.owner(t) if self.actor(o) is not None
            ]
            between = self.prep_objects(c, ("between",))
            if between:
                self.pairs(relation, c, sent,
                           self.actors_of([t for b in between for t in b.subtree]), 0.85)
                continue
            self.emit(relation, c, sent, self.subjects(verb), tgts, 0.85)

    def noun(self, noun: Token, sent, spec: dict[str, Any]) -> None:
        relation = spec["relation"]
        if spec["kind"] == "agent":  # "a staunch supporter of Assad", "Assad's backer"
            tgts = self.prep_objects(noun, ("of", "to", "for")) + [
                c for c in noun.children if c.dep_ == "poss"
            ]
            srcs: list[Token] = []
            if noun.dep_ == "attr":
                srcs = [c for c in noun.head.children if c.dep_ in _SUBJ]
            elif noun.dep_ == "appos":
                srcs = [noun.head]
            elif noun.dep_ in ("nsubj",) and noun.head.lemma_ == "be":
                srcs = [c for c in noun.head.children if c.dep_ == "attr"]
            self.emit(relation, noun, sent, srcs, tgts, 0.8)
            return
        # event nouns
        between = self.prep_objects(noun, ("between", "among"))
        pair_actors = self.actors_of([t for b in between for t in b.subtree])
        compounds = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
                     and self.actor(c) is not None]
        # "an Erdogan-Assad encounter": hyphenated compounds
        for c in list(compounds):
            for g in c.children:
                if g.dep_ in ("compound", "amod", "nmod") and self.actor(g) is not None:
                    compounds.append(g)
        comp_actors = self.actors_of(compounds)
        if relation == "meets" and len(pair_actors) >= 2:
            self.pairs(relation, noun, sent, pair_actors, 0.8)
            return
        if relation == "meets" and len(comp_actors) >= 2:
            self.pairs(relation, noun, sent, comp_actors, 0.75)
            return
        srcs = [c for c in noun.children if c.dep_ == "poss"] or [t for t, _ in comp_actors]
        tgts = self.prep_objects(noun, ["with", *spec.get("targets", [])])
        if not srcs and noun.dep_ == "dobj":
            srcs = self.subjects(noun.head)
        if srcs and tgts:
            self.emit(relation, noun, sent, srcs, tgts, 0.75)
            return
        if relation == "meets" and not srcs and not tgts:
            self.anaphoric_meeting(noun, sent)

    def anaphoric_meeting(self, noun: Token, sent) -> None:
        """'reports of an August meeting' under a denial: the meeting most recently
        named with its participants, within the two previous sentences."""
        m = classify(noun, self.ex.cues)
        if m.modality is not Modality.DENIED or self.last_meeting is None:
            return
        start, a, b = self.last_meeting
        if sent.start - start > 120:
            return
        self.add("meets", noun, sent, a, b, m, 0.5)

    def pairs(self, relation: str, trig: Token, sent, acts: list[tuple[Token, dict]],
              conf: float) -> None:
        m = classify(trig, self.ex.cues)
        for i in range(len(acts)):
            for j in range(i + 1, len(acts)):
                self.add(relation, trig, sent, acts[i][1], acts[j][1], m, conf)

    def denial(self, verb: Token, sent, srcs: list[Token], tgts: list[Token]) -> None:
        """'X denied reports of a meeting': a ``denies`` by X, with or without a target."""
        sources = self.actors_of(srcs)
        targets = self.actors_of(tgts)
        m = classify(verb, self.ex.cues)
        before = len(self.results)
        # the claims inside the object are found when their own triggers are read;
        # read them now so the denial can point at them
        claims: list[int] = []
        for c in verb.children:
            if c.dep_ in ("dobj", "ccomp"):
                for t in c.subtree:
                    spec = self.ex.nouns.get(t.lower_) or self.ex.nouns.get(t.lemma_.lower())
                    if spec and t.i not in self.used_nouns and t.pos_ in ("NOUN", "PROPN"):
                        self.noun(t, sent, spec)
                        self.used_nouns.add(t.i)
                    elif t.lemma_.lower() in self.ex.verbs and t.pos_ == "VERB" and t != verb:
                        self.verb(t, sent, self.ex.verbs[t.lemma_.lower()])
        claims = [i for i in range(before, len(self.results))
                  if self.results[i]["modality"] == Modality.DENIED.value]
        for _, s in sources:
            if targets:
                for _, t in targets:
                    if t["id"] != s["id"]:
                        self.add("denies", verb, sent, s, t, m, 0.85,
                                 about=claims[0] if claims else None)
            elif claims:
                self.add("denies", verb, sent, s, None, m, 0.7, about=claims[0])

    def emit(self, relation: str, trig: Token, sent, srcs: list[Token], tgts: list[Token],
             conf: float) -> None:
        sources = self.actors_of(srcs)
        targets = self.actors_of(tgts)
        if not sources or not targets:
            return
        m = classify(trig, self.ex.cues)
        for st, s in sources:
            for tt, t in targets:
                if s["id"] == t["id"]:
                    continue
                c = conf * (0.85 if st.pos_ == "PRON" or tt.pos_ == "PRON" else 1.0)
                self.add(relation, trig, sent, s, t, m, c)

    # -- recording -----------------------------------------------------------------------
    def add(self, relation: str, trig: Token, sent, source: dict, target: dict | None, m,
            conf: float, about: int | None = None) -> None:
        for r in self.results:  # one relation per trigger and actor pair
            if (r["trigger_start"] == trig.idx and r["relation"] == relation
                    and r["source"]["id"] == source["id"]
                    and (r["target"] or {}).get("id") == (target or {}).get("id")):
                return
        speaker = self.actor(m.speaker) if m.speaker is not None else None
        if m.modality is Modality.REPORTED and speaker is None and m.speaker is not None:
            speaker = None
        date, gran = self.date_of(trig)
        text = self.doc.text
        start, end = sent.start_char, sent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        self.results.append({
            "relation": relation,
            "modality": m.modality.value,
            "source": _public(source),
            "target": _public(target) if target else None,
            "attributed_to": _public(speaker) if speaker else None,
            "date": date,
            "date_granularity": gran,
            "place": self.place_of(trig),
            "confidence": round(conf * (1.0 if source.get("country") or source.get("wikidata")
                                        else 0.9), 3),
            "start": start,
            "end": end,
            "trigger": trig.text,
            "trigger_start": trig.idx,
            "trigger_end": trig.idx + len(trig.text),
            "about": about,
        })
        if relation == "meets" and target is not None:
            self.last_meeting = (sent.start, source, target)

    def date_of(self, trig: Token) -> tuple[str | None, str | None]:
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
            ent = next((e for e in self.doc.ents if e.start <= c.i < e.end), None)
            text = ent.text if ent is not None else c.text
            d, g = resolve_date(text, ref)
            if d:
                return d, g
        return None, None

    def place_of(self, trig: Token) -> dict[str, Any] | None:
        for c in trig.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    a = self.actors.get(g.i)
                    if g.ent_type_ in ("GPE", "FAC", "LOC") or (a and a["kind"] == "state"):
                        left = min(t.i for t in g.subtree)
                        label = self.doc[left : g.i + 1].text
                        return {"label": label, "country": a["country"] if a else None}
        return None


def _public(actor: dict[str, Any] | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {k: actor.get(k) for k in ("id", "label", "kind", "country", "wikidata")}
