"""The ``dkg_relations`` spaCy component: relations between actors from the
dependency structure (not co-occurrence).

Constructions (trigger words in ``ontology/patterns/relations.json``):

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
  presidents of Iraq and Egypt"), pronouns resolved by ``dkg_actors``.

Each relation gets its modality (:mod:`kg.nlp.modality`), date, place, confidence and
evidence. A denial ("X denied reports that A met B") gives a ``denies`` relation by X
and keeps the A–B meeting with modality ``denied``.

Results are plain dicts in ``doc._.dkg_relations`` (serialisable across processes);
:func:`kg.extraction.relations_from_doc` turns them into :class:`kg.records.Relation`.
"""

from __future__ import annotations

import json
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.nlp.actors import MODS_KEY, SPAN_KEY
from kg.nlp.dates import resolve_date
from kg.nlp.modality import ModalityResult, classify, load_cues
from kg.records import Modality
from kg.resources import read_text

__all__ = ["RelationExtractor", "make_relations"]

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_RELPRON = {"who", "which", "that", "whom"}
_CLAUSES = ("xcomp", "ccomp", "advcl")


def _register_extensions() -> None:
    if not Doc.has_extension("dkg_relations"):
        Doc.set_extension("dkg_relations", default=[])
    if not Doc.has_extension("dkg_date"):
        Doc.set_extension("dkg_date", default=None)


@Language.factory(
    "dkg_relations",
    requires=["doc.spans"],
    assigns=["doc._.dkg_relations"],
    default_config={"span_key": SPAN_KEY, "mods_key": MODS_KEY},
)
def make_relations(nlp: Language, name: str, span_key: str, mods_key: str) -> RelationExtractor:
    """Factory of the ``dkg_relations`` component: forwards its config."""
    return RelationExtractor(nlp, name, span_key=span_key, mods_key=mods_key)


def _load(path: str) -> dict[str, Any]:
    return json.loads(read_text(path))


class RelationExtractor:
    """Finds relations between the actor mentions of ``dkg_actors`` (see module doc)."""

    def __init__(self, nlp: Language, name: str = "dkg_relations", *, span_key: str = SPAN_KEY,
                 mods_key: str = MODS_KEY):
        _register_extensions()
        self.name = name
        self.span_key = span_key
        self.mods_key = mods_key
        pat = _load("patterns/relations.json")
        self.verbs: dict[str, dict[str, Any]] = pat["verbs"]
        self.particles: dict[str, dict[str, str]] = pat["particles"]
        light = pat["light_verbs"]
        self.light_lemmas = set(light["lemmas"])
        self.light_nouns: dict[str, str] = light["nouns"]
        self.light_targets = light["targets"]
        self.reciprocal_nouns = set(light["reciprocal_nouns"])
        self.nouns: dict[str, dict[str, Any]] = pat["nouns"]
        self.aid_nouns = set(pat["aid_nouns"])
        self.giving_verbs = {k for k, v in self.verbs.items() if "recipient" in v["targets"]}
        self.aid_verbs = set(pat["aid_verbs"])
        self.message_nouns = set(pat["message_nouns"])
        self.intent_relations = set(pat["intent_relations"])
        self.obligation_verbs = set(pat["obligation"]["verbs"])
        self.obligation_modals = set(pat["obligation"]["modals"])
        self.obligation_semimodals = set(pat["obligation"]["semi_modals"])
        self.of_heads = set(_load("patterns/actor_nouns.json")["of_heads"])
        self.cues = load_cues()

    def __call__(self, doc: Doc) -> Doc:
        actors = _token_actors(doc.spans.get(self.span_key, []))
        if not actors or not doc.has_annotation("DEP"):
            doc._.dkg_relations = []
            return doc
        ctx = _Context(doc, actors, _token_actors(doc.spans.get(self.mods_key, [])), self)
        for sent in doc.sents:
            ctx.sentence(sent)
        doc._.dkg_relations = ctx.results
        return doc


def _grammatical_subjects(verb: Token) -> list[Token]:
    """The subject tokens of a verb, also when a bad parse hangs them on its auxiliary
    ("Chile is opposed to …" with "Chile" under "is")."""
    out = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    for a in verb.children:
        if a.dep_ in ("aux", "auxpass"):
            out += [g for g in a.children if g.dep_ in ("nsubj", "nsubjpass")]
    return out


def _absolute(pobj: Token) -> bool:
    """"…, with President Biden underscoring X": the object of an absolute "with" clause
    is no partner of the verb."""
    return pobj.head.lower_ == "with" and any(
        c.dep_ in ("acl", "relcl") and c.tag_ == "VBG" for c in pobj.children)


def _stranded_object(prep: Token) -> list[Token]:
    """The object of a preposition that a parse left without one because the noun phrase
    after it starts a reduced clause ("granted asylum to five officers holed up in …"
    with "officers" as the subject of "holed")."""
    if prep.i + 1 >= len(prep.doc):
        return []
    tok = prep.doc[prep.i + 1]
    while tok.dep_ in ("det", "nummod", "amod", "compound", "poss") and tok.head.i > tok.i:
        tok = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.i < tok.i:
        return []
    return [] if tok.head.head == prep else [tok]  # "with Biden underscoring …" is absolute


def _possessive_pronoun(tok: Token) -> bool:
    """"its troops", "their border": in an infinitive, the subject's own."""
    return tok.pos_ == "PRON" and tok.dep_ == "poss"


def _token_actors(spans) -> dict[int, dict[str, Any]]:
    """Token index → the actor of the span that covers it."""
    out: dict[int, dict[str, Any]] = {}
    for sp in spans:
        for t in sp:
            out[t.i] = sp._.dkg_actor
    return out


class _Context:
    """State of one document's extraction: its actors and the relations found."""

    def __init__(self, doc: Doc, actors: dict[int, dict[str, Any]],
                 mods: dict[int, dict[str, Any]], ex: RelationExtractor):
        self.doc = doc
        self.actors = actors
        self.mods = mods  # state modifiers of non-actor nouns: "an Indian proposal"
        self.ex = ex
        self.results: list[dict[str, Any]] = []
        self.seen: set[tuple] = set()  # (trigger offset, relation, source id, target id)
        self.used_nouns: set[int] = set()
        self.last_meeting: tuple[int, dict, dict] | None = None  # (sentence start, a, b)
        self.ent_of = {t.i: e for e in doc.ents for t in e}
        self.text = doc.text  # Doc.text joins every token: once per document, not per relation

    # -- actors of argument tokens ----------------------------------------------
    def actor(self, tok: Token | None) -> dict[str, Any] | None:
        """The actor a token names (a mention, or a state modifier of a noun)."""
        if tok is None:
            return None
        found = self.actors.get(tok.i) or self.mods.get(tok.i)
        if found is None and tok.ent_type_ == "DATE":
            # "met with Syrian President Bashar Assad Tuesday": a parse that makes the
            # date the object and the name its compound
            for c in tok.children:
                if c.dep_ == "compound" and c.i in self.actors:
                    return self.actors[c.i]
        return found

    def expand(self, tok: Token | None) -> list[Token]:
        """The token and the tokens coordinated with it ("Egypt and Qatar")."""
        if tok is None:
            return []
        out = [tok]
        for c in tok.children:
            if c.dep_ == "conj":
                out.extend(self.expand(c))
        return out

    def of_phrase(self, tok: Token) -> list[tuple[Token, dict[str, Any]]]:
        """"leaders of ECOWAS", "the presidents of Iraq and Egypt": a noun that stands
        for the actors of its of-phrase (``of_heads`` in actor_nouns.json)."""
        if tok.pos_ not in ("NOUN", "PROPN") or (
            tok.lower_ not in self.ex.of_heads and tok.lemma_.lower() not in self.ex.of_heads
        ):
            return []
        out = []
        for p in self.prep_objects(tok, ("of", "from")):
            for g in self.expand(p):
                a = self.actor(g)
                if a is not None:
                    out.append((g, a))
        return out

    def actors_of(self, toks: list[Token]) -> list[tuple[Token, dict[str, Any]]]:
        """The actors of argument tokens, coordination and partitives included."""
        out, seen = [], set()
        for t in toks:
            for tt in self.expand(t):
                a = self.actor(tt)
                found = [(tt, a)] if a is not None else self.of_phrase(tt)
                for g, a in found:
                    if a["id"] not in seen:
                        seen.add(a["id"])
                        out.append((g, a))
        return out

    # -- arguments of verbs -----------------------------------------------------------
    def subjects(self, verb: Token) -> list[Token]:
        """The agents of a verb: its subject, the agent of a passive, the controller of
        an infinitive, the antecedent of a relative pronoun."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            return [g for c in verb.children if c.dep_ == "agent" for g in c.children
                    if g.dep_ == "pobj"]
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
        if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp":
            return self.subjects(verb.head.head)  # "Chile is ready to send aid"
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            return self.noun_agents(verb.head)  # "a country supporting X"
        return []

    def noun_agents(self, noun: Token) -> list[Token]:
        """Who a noun stands for as an agent: itself when it names an actor; for a message
        that is the object of a verb, that verb's subject ("X issued a declaration
        demanding …")."""
        if self.actor(noun) is not None or self.of_phrase(noun):
            return [noun]
        if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX") and (
            noun.lemma_.lower() in self.ex.message_nouns
        ):
            return self.subjects(noun.head)
        return [noun]

    def passive_targets(self, verb: Token) -> list[Token]:
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return [verb.head]  # "rebels backed by Iran"
        return [c for c in verb.children if c.dep_ == "nsubjpass"]

    def prep_objects(self, head: Token, preps: list[str] | tuple[str, ...]) -> list[Token]:
        """The objects of the prepositions ``preps`` of a word ("met with B" → B)."""
        out = []
        for c in head.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in preps:
                pobjs = [g for g in c.children if g.dep_ == "pobj" and not _absolute(g)]
                out.extend(pobjs or _stranded_object(c))
        return out

    def owner(self, noun: Token) -> list[Token]:
        """Who owns a proposal, report or request: "Iraq's proposal", "charges by
        Liberia", "an Indian proposal", "the withdrawal of Serbian forces", "an appeal
        from Ghana" — the first of these that names an actor."""
        candidates = (
            [c for c in noun.children if c.dep_ == "poss"],
            self.prep_objects(noun, ("by",)),
            [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")],
            self.prep_objects(noun, ("of",)),
            self.prep_objects(noun, ("from",)),
        )
        for toks in candidates:
            if self.actors_of(toks):
                return toks
        return []

    def concerned(self, noun: Token) -> list[Token]:
        """Whom a demanded thing concerns: its owner, else the place it is wanted in or
        the party it is wanted with ("a ceasefire in Liberia", "a truce with B")."""
        return self.owner(noun) or [p for p in self.prep_objects(noun, ("in", "with"))
                                    if self.actor(p) is not None]

    def clause_actor(self, verb: Token) -> list[Token]:
        """The actors an embedded infinitive acts on, nearest first: "refused to meet
        Jordan's King", "refused to deploy peacekeepers in Iraq", "agreed to provide aid
        for Romania"."""
        for c in verb.children:
            if c.dep_ != "xcomp" or any(g.dep_ == "neg" for g in c.children):
                continue  # "vowed not to return to Syria" acts on no one
            frontier = [g for g in c.children if g.dep_ not in _SUBJ]
            for _depth in range(4):
                found = [t for t in frontier if self.actor(t) is not None
                         and not _possessive_pronoun(t)]
                found += [o for t in frontier if t.dep_ in ("dobj", "pobj")
                          and self.actor(t) is None for o in self.owner(t)
                          if not _possessive_pronoun(o)]
                if found:
                    return found
                frontier = [g for t in frontier for g in t.children]
        return []

    def clause_subjects(self, head: Token) -> list[Token]:
        """Subjects of the complement clauses of a verb or noun ("demanded that B …",
        "its demand that B …"); a trailing reporting clause ("…, diplomats said") that a
        parse hangs there is not one."""
        out = []
        for c in head.children:
            if c.dep_ in ("ccomp", "xcomp", "acl") and c.i > head.i and (
                c.lemma_.lower() not in self.ex.cues.reporting_verbs
            ):
                out += [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
        return out

    def recipients(self, verb: Token) -> list[Token]:
        """Who receives what a verb gives: "gave the Ivory Coast aid", "sent arms to
        Pakistan", "provided intelligence to Macedonia"."""
        out = [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        out += self.prep_objects(verb, ("to", "for"))
        for c in verb.children:
            if c.dep_ != "dobj":
                continue
            out += self.prep_objects(c, ("to",))
            for p in self.prep_objects(c, ("in", "of")):  # "$100 million in aid to B"
                out += self.prep_objects(p, ("to",))
            if self.prep_objects(verb, ("with",)):  # "provided B with training"
                out.append(c)
        return out

    def for_clause_subjects(self, verb: Token, marks: tuple[str, ...]) -> list[Token]:
        """"called for Burma to institute reforms": the subject of a clause marked "for"."""
        out = []
        for c in verb.children:
            if c.dep_ in _CLAUSES and any(g.dep_ == "mark" and g.lower_ in marks
                                          for g in c.children):
                out += [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
        return out

    def targets(self, verb: Token, spec: list[str]) -> list[Token]:
        """The target tokens of a verb, read as ``spec`` says (see relations.json)."""
        out: list[Token] = []
        for where in spec:
            if where == "dobj":
                out += [c for c in verb.children if c.dep_ in ("dobj", "dative")]
            elif where == "dobj_owner":
                for c in verb.children:
                    if c.dep_ == "dobj" and self.actor(c) is None:
                        out += self.concerned(c)
            elif where == "ccomp_subject":
                out += self.clause_subjects(verb)
            elif where == "clause_actor":
                out += self.clause_actor(verb)
            elif where == "recipient":
                out += self.recipients(verb)
            elif where.startswith("object_"):  # "object_with": "shared evidence with B"
                for c in verb.children:
                    if c.dep_ == "dobj":
                        out += self.prep_objects(c, (where[len("object_"):],))
            elif where.endswith("_owner"):  # "to_owner": "opposed to French mediation"
                for p in self.prep_objects(verb, (where[: -len("_owner")],)):
                    out += [p] if self.actor(p) is not None else self.owner(p)
            else:
                out += self.prep_objects(verb, (where,))
        return out

    def objects(self, verb: Token) -> list[Token]:
        """What a verb asks for: its direct object, its for-object (with their of-phrases:
        "delivery of aid") and the object of a giving verb it governs ("urged B to send
        troops")."""
        out = [c for c in verb.children if c.dep_ == "dobj"] + self.prep_objects(verb, ("for",))
        for c in verb.children:
            if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in self.ex.giving_verbs:
                out += [g for g in c.children if g.dep_ == "dobj"]
        return out + [p for o in out for p in self.prep_objects(o, ("of",))]

    # -- one sentence --------------------------------------------------------------------
    def sentence(self, sent: Span) -> None:
        """Read every trigger of one sentence: verbs first, then event nouns."""
        ex = self.ex
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
                if lemma in ex.light_lemmas:
                    self.light_verb(tok, sent)
                if lemma in ex.particles:
                    self.particle_verb(tok, sent)
                if lemma in ex.verbs and tok.pos_ in ("VERB", "AUX"):
                    self.verb(tok, sent, ex.verbs[lemma])
                if lemma in ex.obligation_verbs and tok.pos_ in ("VERB", "AUX"):
                    self.obligation(tok, sent)
            elif tok.pos_ == "ADJ" and tok.dep_ == "acomp" and (
                lemma in ex.cues.intent_predicates
            ):
                self.intent_predicate(tok, sent)
        for tok in sent:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in self.used_nouns:
                spec = ex.nouns.get(tok.lower_) or ex.nouns.get(tok.lemma_.lower())
                if spec:
                    self.noun(tok, sent, spec)

    def needs_met(self, verb: Token, spec: dict[str, Any]) -> bool:
        """A verb that is a trigger only with a complement ("asked B to …", "asked B
        for …"): ``needs`` lists the dependency labels or prepositions that qualify."""
        needs = spec.get("needs")
        if not needs:
            return True
        return any(c.dep_ in needs or (c.dep_ in ("prep", "dative") and c.lower_ in needs)
                   for c in verb.children)

    def choose(self, verb: Token, spec: dict[str, Any]) -> dict[str, Any]:
        """The spec that applies: ``if_object_not_actor`` when the direct object is a
        thing ("welcomed Russia's decision"), not a person or delegation."""
        alt = spec.get("if_object_not_actor")
        if alt is not None:
            dobjs = [c for c in verb.children if c.dep_ == "dobj"]
            if dobjs and not self.actors_of(dobjs):
                return alt
        return spec

    def relation_of(self, verb: Token, spec: dict[str, Any]) -> str:
        """``aid_relation`` when what is asked for is aid ("requested loans")."""
        aid = spec.get("aid_relation")
        if not aid:
            return spec["relation"]
        if any(o.lemma_.lower() in self.ex.aid_nouns or o.lower_ in self.ex.aid_nouns
               for o in self.objects(verb)) or any(
            c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in self.ex.aid_verbs
            for c in verb.children
        ):
            return aid  # "asked B for loans", "asked B to help finance …"
        return spec["relation"]

    def verb(self, verb: Token, sent: Span, spec: dict[str, Any]) -> None:
        """A verb trigger: subjects → targets, or agent → subject when passive."""
        if not self.needs_met(verb, spec):
            return
        if any(c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in spec.get("unless_clause", ())
               for c in verb.children):
            return  # "declined to comment": a refusal to speak rejects no one
        if spec.get("yields_to_light_noun") and any(
            c.dep_ == "dobj" and c.i in self.used_nouns for c in verb.children
        ):
            return  # "gave a warm welcome to B" is read as a welcome, not a gift
        spec = self.choose(verb, spec)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
            verb.dep_ == "acl" and verb.tag_ == "VBN"
        )
        if passive and spec.get("stative") and not any(c.dep_ == "agent" for c in verb.children):
            # "Israel is opposed to French mediation": the subject holds the attitude
            srcs = _grammatical_subjects(verb)
            tgts = self.targets(verb, spec["stative"])
            passive = False
        else:
            srcs = self.subjects(verb)
            tgts = self.passive_targets(verb) if passive else self.targets(verb, spec["targets"])
        if passive and not srcs:
            return
        relation = self.relation_of(verb, spec)
        if relation != spec["relation"] and not passive:  # "sought refuge in Austria"
            tgts += self.targets(verb, spec.get("aid_targets", []))
        if relation == "denies":
            self.denial(verb, sent, srcs, tgts)
            return
        self.emit(relation, verb, sent, srcs, tgts, 0.85 if passive else 0.9,
                  reciprocal=spec.get("reciprocal", False))

    def obligation(self, verb: Token, sent: Span) -> None:
        """"A said/declared/insisted that B must/should/has to …" → A urges B."""
        for c in verb.children:
            if c.dep_ == "ccomp" and self.is_obliged(c):
                tgts = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                self.emit("urges", verb, sent, self.subjects(verb), tgts, 0.75)

    def intent_predicate(self, adj: Token, sent: Span) -> None:
        """"Syria is willing to withdraw its troops from Lebanon": a declared intent
        towards the actor the infinitive acts on (``agrees``, CAMEO 03)."""
        tgts = self.clause_actor(adj)
        if tgts:
            self.emit("agrees", adj, sent, self.subjects(adj.head), tgts, 0.75)

    def is_obliged(self, clause: Token) -> bool:
        """A clause with "must/should/ought", or "has/needs to …" (not "would need to")."""
        auxes = {c.lower_ for c in clause.children if c.dep_ == "aux"}
        if auxes & self.ex.obligation_modals:
            return True
        if auxes & self.ex.cues.hypothetical_modals:
            return False
        return clause.lemma_.lower() in self.ex.obligation_semimodals and any(
            c.dep_ == "xcomp" for c in clause.children)

    def particle_verb(self, verb: Token, sent: Span) -> None:
        """"called on B", "stood by B", "called for B's departure", "called for B to …"."""
        table = self.ex.particles[verb.lemma_.lower()]
        for c in verb.children:
            if c.dep_ in ("prep", "prt") and c.lower_ in table:
                relation = table[c.lower_]
                pobjs = [g for g in c.children if g.dep_ == "pobj"]
                if c.dep_ == "prt":  # "lash out at", "open fire on"
                    pobjs = self.prep_objects(verb, ("at", "on", "against"))
                tgts = []
                for p in pobjs:
                    if self.actor(p) is not None or self.of_phrase(p):
                        tgts.append(p)
                    else:  # "called for Assad's departure"
                        tgts += [o for o in self.concerned(p) if self.actor(o) is not None]
                        self.used_nouns.add(p.i)
                    if relation == "requests" and p.lemma_.lower() not in self.ex.aid_nouns:
                        relation = "urges"  # "asked for a meeting"
                self.emit(relation, verb, sent, self.subjects(verb), tgts, 0.85)
        marks = tuple(m for m in table if table[m] == "urges")
        if marks:
            tgts = self.for_clause_subjects(verb, marks)
            if tgts:
                self.emit("urges", verb, sent, self.subjects(verb), tgts, 0.8)

    def light_verb(self, verb: Token, sent: Span) -> None:
        """"held talks with B", "imposed sanctions on B", "established ties with B",
        "gave a warm welcome to B"; "A and B held talks" pairs A and B."""
        for c in verb.children:
            if c.dep_ != "dobj":
                continue
            relation = self.ex.light_nouns.get(c.lower_) or self.ex.light_nouns.get(
                c.lemma_.lower())
            if not relation:
                continue
            self.used_nouns.add(c.i)
            tgts = self.prep_objects(c, self.ex.light_targets) + self.prep_objects(
                verb, self.ex.light_targets
            )
            tgts = [t for t in tgts if self.actor(t) is not None or self.of_phrase(t)] or [
                o for t in tgts for o in self.owner(t) if self.actor(o) is not None
            ]
            between = self.prep_objects(c, ("between",))
            if between:
                self.pairs(relation, c, sent,
                           self.actors_of([t for b in between for t in b.subtree]), 0.85)
                continue
            reciprocal = c.lower_ in self.ex.reciprocal_nouns or (
                c.lemma_.lower() in self.ex.reciprocal_nouns)
            # "reiterated UK support for Iraq": the noun's own owner speaks
            srcs = [o for o in c.children if o.dep_ in ("poss", "compound", "amod")
                    and self.actor(o) is not None and o.pos_ != "PRON"] or self.subjects(verb)
            self.emit(relation, c, sent, srcs, tgts, 0.85, reciprocal=reciprocal)

    def noun(self, noun: Token, sent: Span, spec: dict[str, Any]) -> None:
        """An event noun ("a meeting between A and B") or agent noun ("B's backer")."""
        relation = spec["relation"]
        if spec["kind"] == "agent":
            self.agent_noun(noun, sent, spec)
            return
        if spec["kind"] == "mediation":
            self.mediation(noun, sent)
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
        if "ccomp_subject" in spec.get("targets", []):  # "its demand that Israel ease …"
            tgts += self.clause_subjects(noun)
        if not srcs and noun.dep_ == "dobj":
            srcs = self.subjects(noun.head)
        if not srcs and spec.get("adverbial") and noun.dep_ == "pobj" and (
            noun.head.head.pos_ in ("VERB", "AUX")
        ):
            srcs = self.subjects(noun.head.head)  # "X struck targets in support of B"
        if srcs and tgts:
            self.emit(relation, noun, sent, srcs, tgts, 0.75)
            return
        if relation == "meets" and not srcs and not tgts:
            self.anaphoric_meeting(noun, sent)

    def agent_noun(self, noun: Token, sent: Span, spec: dict[str, Any]) -> None:
        """"a staunch supporter of Assad", "Assad's backer", "their Hezbollah allies"
        (the modifier is the agent); ``symmetric`` nouns (ally) hold both ways."""
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
        if not srcs:
            srcs = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
                    and self.actor(c) is not None]
        self.emit(spec["relation"], noun, sent, srcs, tgts, 0.8)
        if spec.get("symmetric"):
            self.emit(spec["relation"], noun, sent, tgts, srcs, 0.8)

    def mediation(self, noun: Token, sent: Span) -> None:
        """"X undertook a mediation mission between A and B" → X meets A, X meets B."""
        frame = noun.head if noun.dep_ == "compound" else noun  # "mediation mission"
        sides = self.prep_objects(noun, ("between",)) + self.prep_objects(frame, ("between",))
        if frame.dep_ in ("dobj", "pobj") and frame.head.pos_ in ("VERB", "AUX"):
            sides += self.prep_objects(frame.head, ("between",))
        srcs = [c for c in noun.children if c.dep_ == "poss"] or [
            c for c in noun.children if c.dep_ in ("amod", "compound") and self.actor(c)]
        if not srcs and frame.dep_ == "dobj":
            srcs = self.subjects(frame.head)
        self.emit("meets", noun, sent, srcs, sides, 0.75)

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
        """Each pair of actors that did something together ("talks between A and B", "A
        and B restored ties"): once for symmetric ``meets``, both ways otherwise."""
        m = classify(trig, self.ex.cues)
        for i in range(len(acts)):
            for j in range(i + 1, len(acts)):
                a, b = acts[i][1], acts[j][1]
                if a["id"] == b["id"]:
                    continue
                self.add(relation, trig, sent, a, b, m, conf)
                if relation != "meets":
                    self.add(relation, trig, sent, b, a, m, conf)

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
             conf: float, reciprocal: bool = False) -> None:
        """One relation per source and target actor. ``reciprocal`` triggers without a
        target pair their coordinated subjects ("Israel and Lebanon held talks")."""
        sources = self.actors_of(srcs)
        targets = self.actors_of(tgts)
        if reciprocal and not targets and len(sources) >= 2:
            self.pairs(relation, trig, sent, sources, conf * 0.9)
            return
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
        key = (trig.idx, relation, source["id"], (target or {}).get("id"))
        if key in self.seen:  # one relation per trigger and actor pair
            return
        self.seen.add(key)
        speaker = self.actor(m.speaker) if m.speaker is not None else None
        if m.modality is Modality.REPORTED and speaker is None and m.speaker is not None:
            speaker = None
        date, gran = self.date_of(trig)
        text = self.text
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
        if m.intent and relation in self.ex.intent_relations:
            self.intent(trig, sent, source, target, m, conf)

    def intent(self, trig: Token, sent, source: dict, target: dict | None,
               m: ModalityResult, conf: float) -> None:
        """"B will support A", "B offered to meet A": a declared intent to cooperate,
        which is itself a claim (``agrees``, CAMEO 03) though the act is not."""
        said = Modality.REPORTED if m.speaker is not None else Modality.ASSERTED
        self.add("agrees", trig, sent, source, target, ModalityResult(said, m.speaker),
                 conf * 0.9)

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
            ent = self.ent_of.get(c.i)
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
