"""Finders of the actors a construction's arguments name: who the subject is (through
passives, control, relative clauses), who owns a proposal, whom a demanded thing
concerns, whom an embedded infinitive acts on.

They read an :class:`ActorIndex` (token → actor of the mention covering it, built from
the span groups of ``dkg_actors`` and ``dkg_discourse``) and the parse; none changes
anything.

Examples
--------
>>> from kg.nlp.pipeline import load_nlp                      # doctest: +SKIP
>>> doc = load_nlp()("Hungary dismissed Austria's proposal.")   # doctest: +SKIP
>>> ix = ActorIndex.of(doc, of_heads=frozenset(), message_nouns=frozenset())  # doctest: +SKIP
>>> [t.text for t in owner(ix, doc[3])]                         # doctest: +SKIP
['Austria']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc, Span, Token

from kg.nlp import syntax as sx

__all__ = [
    "ActorIndex",
    "actors_of",
    "clause_actor",
    "concerned",
    "noun_agents",
    "objects",
    "of_phrase",
    "owner",
    "subjects",
    "targets",
]

Actor = dict[str, Any]


def _by_token(spans: Iterable[Span], attr: str) -> dict[int, list[Actor]]:
    out: dict[int, list[Actor]] = {}
    for sp in spans:
        found = getattr(sp._, attr)
        if found is None:
            continue
        acts = found if isinstance(found, list) else [found]
        for t in sp:
            out[t.i] = acts
    return out


class ActorIndex:
    """Who each token names: the actor(s) of the mention covering it, else the state
    modifying a noun that is no actor ("an Indian proposal")."""

    def __init__(self, mentions: dict[int, list[Actor]], mods: dict[int, list[Actor]], *,
                 of_heads: frozenset[str], message_nouns: frozenset[str],
                 resolved: set[int] | None = None, title_heads: frozenset[str] = frozenset()):
        self.mentions = mentions
        self.title_heads = title_heads
        self.mods = mods
        self.resolved = resolved or set()  # tokens that name an actor only through the document
        self.of_heads = of_heads
        self.message_nouns = message_nouns

    @classmethod
    def of(cls, doc: Doc, *, span_keys: Iterable[str] = ("dkg_actors",),
           mods_key: str = "dkg_state_mods", groups_key: str | None = None,
           of_heads: frozenset[str], message_nouns: frozenset[str],
           title_heads: frozenset[str] = frozenset()) -> ActorIndex:
        """The index of a processed Doc's span groups; the tokens of the groups after the
        first key (and of ``groups_key``) are ``resolved`` (pronouns, titles, groups)."""
        mentions: dict[int, list[Actor]] = {}
        resolved: set[int] = set()
        for n, key in enumerate(span_keys):
            found = _by_token(doc.spans.get(key, []), "dkg_actor")
            mentions.update(found)
            if n:
                resolved.update(found)
        if groups_key and Span.has_extension("dkg_actors"):
            found = _by_token(doc.spans.get(groups_key, []), "dkg_actors")
            mentions.update(found)
            resolved.update(found)
        mods = _by_token(doc.spans.get(mods_key, []), "dkg_actor")
        return cls(mentions, mods, of_heads=of_heads, message_nouns=message_nouns,
                   resolved=resolved, title_heads=title_heads)

    def __bool__(self) -> bool:
        return bool(self.mentions)

    def actors(self, tok: Token | None) -> list[Actor]:
        """The actors a token names (several for a group mention: "the two leaders")."""
        if tok is None:
            return []
        found = self.mentions.get(tok.i) or self.mods.get(tok.i)
        if found is None and tok.ent_type_ == "DATE":
            # "met with Syrian President Bashar Assad Tuesday": a parse that makes the
            # date the object and the name its compound
            for c in tok.children:
                if c.dep_ == "compound" and c.i in self.mentions:
                    return self.mentions[c.i]
        return found or []

    def actor(self, tok: Token | None) -> Actor | None:
        """The first actor a token names, or None."""
        found = self.actors(tok)
        return found[0] if found else None

    def is_mention(self, tok: Token) -> bool:
        """True when the token is inside an actor mention (not only a state modifier)."""
        return tok.i in self.mentions


def of_phrase(ix: ActorIndex, tok: Token) -> list[tuple[Token, Actor]]:
    """"leaders of ECOWAS", "the presidents of Iraq and Egypt": a noun that stands
    for the actors of its of-phrase (``of_heads`` in actor_nouns.json)."""
    if tok.pos_ not in ("NOUN", "PROPN") or (
        tok.lower_ not in ix.of_heads and tok.lemma_.lower() not in ix.of_heads
    ):
        return []
    return [(g, a) for p in sx.prep_objects(tok, ("of", "from")) for g in sx.coordinated(p)
            for a in ix.actors(g)]


def actors_of(ix: ActorIndex, toks: Iterable[Token]) -> list[tuple[Token, Actor]]:
    """The actors of argument tokens, coordination and partitives included, each once."""
    out, seen = [], set()
    for t in toks:
        for tt in sx.coordinated(t):
            found = [(tt, a) for a in ix.actors(tt)] or titled_person(ix, tt) or of_phrase(
                ix, tt) or members(ix, tt)
            for g, a in found:
                if a["id"] not in seen:
                    seen.add(a["id"])
                    out.append((g, a))
    return out


def titled_person(ix: ActorIndex, tok: Token) -> list[tuple[Token, Actor]]:
    """"Minister for Foreign Affairs of Germany Annalena Baerbock": a title noun whose
    of-phrase ends in a person's name, as a parse leaves it, stands for that person."""
    if tok.lower_ not in ix.title_heads or ix.is_mention(tok):
        return []
    frontier = [tok]
    for _depth in range(4):
        nxt = []
        for t in frontier:
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ in ("of", "for"):
                    nxt += [g for g in p.children if g.dep_ == "pobj"]
        for g in nxt:
            acts = ix.actors(g) if ix.is_mention(g) else []
            if acts and acts[0]["kind"] == "person":
                return [(g, acts[0])]
        frontier = nxt
    return []


def members(ix: ActorIndex, tok: Token) -> list[tuple[Token, Actor]]:
    """"the EU trio (France, Germany, and Britain)": a noun that names no actor stands for
    the actors its apposition lists."""
    if ix.is_mention(tok):
        return []
    return [(g, a) for c in tok.children if c.dep_ == "appos" for g in sx.coordinated(c)
            for a in ix.actors(g)]


def names_actor(ix: ActorIndex, tok: Token) -> bool:
    """True when a token names an actor itself or through its of-phrase."""
    return ix.actor(tok) is not None or bool(of_phrase(ix, tok)) or bool(members(ix, tok))


def subjects(ix: ActorIndex, verb: Token) -> list[Token]:
    """The agents of a verb: its subject, the agent of a passive, the controller of
    an infinitive, the antecedent of a relative pronoun."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return [g for c in verb.children if c.dep_ == "agent" for g in c.children
                if g.dep_ == "pobj"]
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subs and subs[0].lower_ in sx.RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return [verb.head]
    if subs:
        return subs
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head != verb and verb.head.pos_ in (
        "VERB", "AUX"
    ):
        if verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children):
            return [c for c in verb.head.children if c.dep_ == "dobj"]  # object control
        return subjects(ix, verb.head)
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp":
        return subjects(ix, verb.head.head)  # "Chile is ready to send aid"
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return noun_agents(ix, verb.head)  # "a country supporting X"
    return []


def noun_agents(ix: ActorIndex, noun: Token) -> list[Token]:
    """Who a noun stands for as an agent: itself when it names an actor; for a message
    that is the object of a verb, that verb's subject ("X issued a declaration
    demanding …")."""
    if names_actor(ix, noun):
        return [noun]
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX") and (
        noun.lemma_.lower() in ix.message_nouns
    ):
        return subjects(ix, noun.head)
    return [noun]


def owner(ix: ActorIndex, noun: Token) -> list[Token]:
    """Who owns a proposal, report or request: "Iraq's proposal", "charges by
    Liberia", "an Indian proposal", "the withdrawal of Serbian forces", "an appeal
    from Ghana" — the first of these that names an actor."""
    candidates = (
        [c for c in noun.children if c.dep_ == "poss"],
        sx.prep_objects(noun, ("by",)),
        [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")],
        sx.prep_objects(noun, ("of",)),
        sx.prep_objects(noun, ("from",)),
        # "the support provided by B": the agent of its participle
        [g for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
         for p in c.children if p.dep_ == "agent" for g in p.children if g.dep_ == "pobj"],
        # "the sham referenda that Russia attempts to use": the relative clause's subject
        [s for c in noun.children if c.dep_ == "relcl" for s in c.children
         if s.dep_ == "nsubj" and s.lower_ not in sx.RELATIVE_PRONOUNS],
    )
    for toks in candidates:
        if actors_of(ix, toks):
            return toks
    return []


def concerned(ix: ActorIndex, noun: Token) -> list[Token]:
    """Whom a demanded thing concerns: its owner, else the place it is wanted in or
    the party it is wanted with ("a ceasefire in Liberia", "a truce with B")."""
    return owner(ix, noun) or [p for p in sx.prep_objects(noun, ("in", "with"))
                               if ix.actor(p) is not None]


def clause_actor(ix: ActorIndex, verb: Token) -> list[Token]:
    """The actors an embedded infinitive acts on, nearest first: "refused to meet
    Jordan's King", "refused to deploy peacekeepers in Iraq", "agreed to provide aid
    for Romania"."""
    for c in verb.children:
        if c.dep_ != "xcomp" or any(g.dep_ == "neg" for g in c.children):
            continue  # "vowed not to return to Syria" acts on no one
        frontier = [g for g in c.children if g.dep_ not in sx.SUBJECTS]
        for _depth in range(4):
            found = [t for t in frontier if ix.actor(t) is not None
                     and not sx.is_possessive_pronoun(t)]
            found += [o for t in frontier if t.dep_ in ("dobj", "pobj")
                      and ix.actor(t) is None for o in owner(ix, t)
                      if not sx.is_possessive_pronoun(o)]
            if found:
                return found
            frontier = [g for t in frontier for g in t.children]
    return []


def targets(ix: ActorIndex, verb: Token, spec: Iterable[str],
            reporting_verbs: frozenset[str]) -> list[Token]:
    """The target tokens of a verb, read as ``spec`` says (see relations.json)."""
    out: list[Token] = []
    for where in spec:
        if where == "dobj":
            out += [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        elif where == "dobj_owner":
            for c in verb.children:
                if c.dep_ == "dobj" and ix.actor(c) is None:
                    out += concerned(ix, c)
        elif where == "ccomp_subject":
            out += sx.clause_subjects(verb, reporting_verbs)
        elif where == "subjunctive_subject":
            out += sx.subjunctive_subjects(verb)
        elif where == "clause_actor":
            out += clause_actor(ix, verb)
        elif where == "recipient":
            out += sx.recipients(verb)
        elif where.startswith("object_"):  # "object_with": "shared evidence with B"
            for c in verb.children:
                if c.dep_ == "dobj":
                    out += sx.prep_objects(c, (where[len("object_"):],))
        elif where.endswith("_owner"):  # "to_owner": "opposed to French mediation"
            for p in sx.prep_objects(verb, (where[: -len("_owner")],)):
                out += [p] if ix.actor(p) is not None else owner(ix, p)
        else:
            out += sx.prep_objects(verb, (where,))
    return out


def objects(verb: Token, giving_verbs: frozenset[str]) -> list[Token]:
    """What a verb asks for: its direct object, its for-object (with their of-phrases:
    "delivery of aid") and the object of a giving verb it governs ("urged B to send
    troops")."""
    out = [c for c in verb.children if c.dep_ == "dobj"] + sx.prep_objects(verb, ("for",))
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in giving_verbs:
            out += [g for g in c.children if g.dep_ == "dobj"]
    return out + [p for o in out for p in sx.prep_objects(o, ("of",))]


def iter_conj_subjects(ix: ActorIndex, verb: Token) -> Iterator[Token]:
    """The subject tokens of a verb with their conjuncts ("Egypt and Qatar")."""
    for s in subjects(ix, verb):
        yield from sx.coordinated(s)
