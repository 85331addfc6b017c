"""Mention resolution by salience, read sentence by sentence in document order.

What it resolves, and to whom:

* "he", "she", "his", "her": the person who is the subject of the clause governing the
  pronoun, else the subject of the last main clause that was a compatible person (not
  the nearest name: "Scholz spoke with Sandu. He reaffirmed …" is Scholz), else the
  nearest person named before it;
* "it", "its": the same for states, organisations and groups;
* "they", "them", "their": the group that was the last main subject ("Chile and Peru",
  "the two leaders"), else as "it";
* "the two leaders", "both sides", "the presidents", "the interlocutors": the
  participants of the meeting or call the document reported last;
* "the President", "the Secretary", "the Prime Minister" (a title with no state): the
  publisher's principal when the title is the principal's ("the President" on kremlin.ru),
  else the person last named with that title;
* "I", "we", "our": the quoted speaker inside a quotation, the speaker of a transcript
  turn, the signatories of a joint statement, else the publisher's principal (I) or
  state (we); "you" in a two-party transcript: the other speaker.

A group resolution gives several actors; the relation layer makes one relation each.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from kg.nlp import arguments as ar
from kg.nlp import syntax as sx
from kg.nlp.arguments import ActorIndex
from kg.nlp.docfacts import Quote, Turn, Words

__all__ = ["Facts", "Resolver", "title_key"]

Actor = dict[str, Any]
_PERSON = {"he": "m", "him": "m", "his": "m", "himself": "m",
           "she": "f", "her": "f", "hers": "f", "herself": "f"}
_THING = {"it", "its", "itself"}
_PLURAL = {"they", "them", "their", "theirs", "themselves"}
_THINGS = ("state", "organization", "group", "collective")
#: heads of an expletive "it" ("it is important to …", "it took me three seconds")
_EXPLETIVE_HEADS = {"be", "seem", "appear", "take", "make", "remain", "become", "mean", "matter"}


@dataclass
class Facts:
    """Who speaks in a document (see :mod:`kg.nlp.docfacts`)."""

    state: Actor | None = None  # the state the publisher speaks for
    principal: Actor | None = None  # its principal on the date ("the President")
    principal_titles: frozenset[str] = frozenset()
    author: Actor | None = None  # a byline's person
    turns: list[Turn] = field(default_factory=list)
    signatories: list[Actor] = field(default_factory=list)
    joint: bool = False
    quotes: list[Quote] = field(default_factory=list)
    state_of: Any = None  # callable: ISO-3 → state actor
    roles_of: Any = None  # callable: person actor → the gazetteer roles held on the date
    title_roles: dict[str, list[str]] = field(default_factory=dict)  # titles.json


def title_key(words: list[str], w: Words) -> str | None:
    """The key of a title: its head with the modifiers that change the office ("Deputy
    Secretary of State" → "deputy secretary", "Prime Minister" → "prime minister")."""
    words = [x.lower().strip(".") for x in words]
    if "of" in words:
        words = words[: words.index("of")]
    heads = [i for i, x in enumerate(words) if x in w.title_heads]
    if not heads:
        return None
    h = heads[-1]
    mods = []
    i = h - 1
    while i >= 0 and words[i] in w.title_modifiers:
        mods.insert(0, words[i])
        i -= 1
    return " ".join([*mods, words[h]])


class Resolver:
    """The resolution walk over one Doc (see module doc). :meth:`run` returns the new
    one-actor mentions and the group mentions as ``(token, actors)`` pairs."""

    def __init__(self, doc: Doc, ix: ActorIndex, facts: Facts, words: Words,
                 reporting_verbs: frozenset[str]):
        self.doc, self.ix, self.facts, self.w = doc, ix, facts, words
        self.reporting = reporting_verbs
        self.found: dict[int, list[Actor]] = {}
        self.participants: list[Actor] = []
        self.titled: dict[str, Actor] = {}
        self.main_subjects: list[tuple[int, list[Actor]]] = []  # (sentence no., actors)
        self._seen = 0  # mentions before the current token
        self.voices: list[tuple[Span, list[Actor]]] = []  # who each sentence speaks for
        spans = sorted(doc.spans.get("dkg_actors", []), key=lambda s: s.start)
        self.mentions = [(s.start, s.end, s.root.i, s._.dkg_actor) for s in spans
                         if s._.dkg_actor is not None]
        self.starts = [m[0] for m in self.mentions]
        self._quote_at = self._token_ranges([(q.start, q.end, q) for q in facts.quotes])
        self._turn_at = self._token_ranges([(t.label_end, t.end, t) for t in facts.turns])

    def _token_ranges(self, ranges: list[tuple[int, int, Any]]) -> list[Any]:
        at: list[Any] = [None] * len(self.doc)
        for s, e, v in ranges:
            for i in range(max(0, s), min(e, len(self.doc))):
                at[i] = v
        return at

    # -- the walk ---------------------------------------------------------------------
    def run(self) -> dict[int, list[Actor]]:
        """Resolve every mention the walk can; RETURNS token → actors."""
        mention_no = 0
        for n, sent in enumerate(self.doc.sents):
            deferred: list[Token] = []
            for tok in sent:
                while mention_no < len(self.mentions) and self.mentions[mention_no][0] <= tok.i:
                    self._note_title(self.mentions[mention_no])
                    mention_no += 1
                self._seen = mention_no
                if self.ix.is_mention(tok):
                    continue
                low = tok.lower_
                if tok.pos_ == "PRON":
                    if low in self.w.singular or low in self.w.plural:
                        self._put(tok, self._first_person(tok, low in self.w.plural))
                    elif low in self.w.second_person:
                        self._put(tok, self._addressee(tok))
                    elif low in _PERSON:
                        self._put(tok, self._salient(tok, n, _PERSON[low]))
                    elif low in _THING and self._referring_it(tok):
                        self._put(tok, self._salient(tok, n, None))
                    elif low in _PLURAL:
                        deferred.append(tok)
                elif tok.pos_ in ("NOUN", "PROPN") and low in self.w.group_nouns:
                    deferred.append(tok)
                elif tok.pos_ in ("NOUN", "PROPN") and low in self.w.title_heads:
                    self._put(tok, self._title_only(tok))
                elif tok.pos_ in ("NOUN", "PROPN") and low in self.w.self_nouns:
                    self._put(tok, self._own_side(tok))
            self._note_meeting(sent)
            voice = [a for a in self._first_person(sent.root, plural=True) if a is not None]
            if voice:
                self.voices.append((sent, voice))
            for tok in deferred:
                if tok.pos_ == "PRON":
                    self._put(tok, self._plural(tok, n))
                else:
                    self._put(tok, self._group_noun(tok))
            self._note_subject(sent, n)
        return self.found

    def _referring_it(self, tok: Token) -> bool:
        """"its", "their", or "it"/"they" as the subject of a verb that can have an actor
        subject (not "it is important to …", "they are very gracious")."""
        if tok.dep_ == "poss":
            return True
        head = tok.head
        if tok.dep_ == "nsubjpass" and any(c.dep_ in ("xcomp", "ccomp") for c in head.children):
            return False  # "it was agreed to …", "it was noted that …"
        return tok.dep_ in ("nsubj", "nsubjpass") and head.pos_ != "AUX" and (
            head.lemma_.lower() not in _EXPLETIVE_HEADS)

    def _third_person(self, tok: Token) -> bool:
        """A token that can be the antecedent of "he", "it", "they" (not "I", "you")."""
        low = tok.lower_
        return not (tok.pos_ == "PRON" and (low in self.w.singular or low in self.w.plural
                                             or low in self.w.second_person))

    def _put(self, tok: Token, actors: list[Actor]) -> None:
        actors = [a for a in actors if a is not None]
        if actors:
            self.found[tok.i] = actors
            self.ix.mentions[tok.i] = actors

    # -- what the walk remembers -----------------------------------------------------------
    def _note_title(self, mention: tuple[int, int, int, Actor]) -> None:
        """A person named with a title ("Prime Minister Kishida", "U.S. Secretary of
        State Antony Blinken") can be named again by the title alone."""
        start, end, _head, actor = mention
        if actor["kind"] != "person":
            return
        words = []
        i = start - 1
        while i >= 0 and (self.doc[i].is_title or self.doc[i].lower_ in ("of", "for")) and (
            len(words) < 6
        ):
            words.insert(0, self.doc[i].text)
            i -= 1
        words += [t.text for t in self.doc[start:end]]
        key = title_key(words, self.w)
        if key:
            self.titled[key] = actor
            self.titled.setdefault(key.split()[-1], actor)

    def _note_meeting(self, sent: Span) -> None:
        """The participants of a meeting or call the sentence reports (two or more)."""
        ix, w = self.ix, self.w
        for tok in sent:
            lemma = tok.lemma_.lower()
            toks: list[Token] = []
            if tok.pos_ == "VERB" and lemma in w.meeting_verbs:
                toks = ar.subjects(ix, tok) + [c for c in tok.children if c.dep_ == "dobj"] + (
                    sx.prep_objects(tok, ("with", "to")))
            elif tok.pos_ == "VERB" and lemma in w.meeting_particles:
                toks = ar.subjects(ix, tok) + sx.prep_objects(tok, w.meeting_particles[lemma])
            elif tok.pos_ == "NOUN" and lemma in w.meeting_nouns:
                toks = [c for c in tok.children if c.dep_ == "poss"] + [
                    t for b in sx.prep_objects(tok, ("between", "among")) for t in b.subtree]
                toks += sx.prep_objects(tok, ("with",))
                if tok.dep_ == "dobj":
                    toks += ar.subjects(ix, tok.head) + sx.prep_objects(tok.head, ("with",))
            if not toks:
                continue
            found = [a for _t, a in ar.actors_of(ix, toks)]
            if len(found) >= 2:
                self.participants = found
                return

    def _note_subject(self, sent: Span, n: int) -> None:
        root = sent.root
        subj = [t for s in ar.subjects(self.ix, root) for t in sx.coordinated(s)
                if self._third_person(t)]
        acts = [a for _t, a in ar.actors_of(self.ix, subj)]
        if acts:
            self.main_subjects.append((n, acts))

    # -- resolution -----------------------------------------------------------------------
    def _compatible(self, a: Actor, gender: str | None) -> bool:
        if gender is None:
            return a["kind"] in _THINGS
        return a["kind"] == "person" and a.get("gender") in (None, gender)

    def _governing_subject(self, tok: Token, gender: str | None) -> Actor | None:
        """"Scholz said he …": the subject of a clause that governs the pronoun and
        comes before it."""
        head = tok.head
        for _ in range(8):
            if head.pos_ in ("VERB", "AUX"):
                for s in ar.subjects(self.ix, head):
                    if s.i < tok.i and s != tok and self._third_person(s):
                        acts = [a for _g, a in ar.actors_of(self.ix, [s])]
                        if len(acts) > 1:
                            continue  # "A and B … its": a singular pronoun, a plural subject
                        for a in acts:
                            if self._compatible(a, gender):
                                return a
            if head.head == head:
                break
            head = head.head
        return None

    def _salient(self, tok: Token, n: int, gender: str | None) -> list[Actor]:
        """The person (gender) or thing (None) a singular pronoun refers to."""
        found = self._governing_subject(tok, gender)
        if found is not None:
            return [found]
        for k, acts in reversed(self.main_subjects):
            if n - k > self.w.pronoun_sentences:
                break
            cands = [a for a in acts if self._compatible(a, gender)]
            if len(acts) > 1 and gender is None:
                continue  # "it" never refers to "Chile and Peru"
            if len(cands) == 1 or (cands and gender is not None):
                return [cands[0]]
        return [a for a in [self._nearest(tok, gender)] if a is not None]

    def _nearest(self, tok: Token, gender: str | None) -> Actor | None:
        """The nearest compatible actor named before the token, in this or the previous
        sentence (a possessive never takes the noun it modifies: "his Turkish
        counterpart")."""
        sent_start = tok.sent.start
        prev_start = self.doc[sent_start - 1].sent.start if sent_start > 0 else 0
        for k in range(bisect_left(self.starts, tok.i) - 1, -1, -1):
            start, _end, head, actor = self.mentions[k]
            if start < prev_start:
                break
            if self._compatible(actor, gender) and not (
                tok.dep_ == "poss" and self.doc[head].head == tok.head
            ):
                return actor
        return None

    def _plural(self, tok: Token, n: int) -> list[Actor]:
        """"they": the last group subject, else a single state, organisation or group."""
        head = tok.head
        for _ in range(8):  # "the leaders said they …"
            if head.pos_ in ("VERB", "AUX"):
                for s in ar.subjects(self.ix, head):
                    if s.i < tok.i and self._third_person(s):
                        acts = [a for _g, a in ar.actors_of(self.ix, [s])]
                        if len(acts) >= 2:
                            return acts
            if head.head == head:
                break
            head = head.head
        for k, acts in reversed(self.main_subjects):
            if n - k > 1:
                break
            if len(acts) >= 2:
                return acts
        return self._salient(tok, n, None) if self._referring_it(tok) else []

    def _group_noun(self, tok: Token) -> list[Actor]:
        """"the two leaders", "both sides", "our two countries": the participants (or a
        joint statement's signatories), when the noun has no state or of-phrase."""
        kids = list(tok.children)
        if any(c.dep_ in ("amod", "compound", "nmod") and self.ix.actors(c) for c in kids):
            return []
        if sx.prep_objects(tok, ("of", "from")) or not any(
            c.lower_ in self.w.group_determiners or c.lower_ in ("our", "their")
            for c in kids if c.dep_ in ("det", "nummod", "predet", "poss", "amod", "quantmod")
        ):
            return []
        if tok.tag_ not in ("NNS", "NNPS"):
            return []
        if any(c.lower_ == "our" for c in kids) and self.facts.signatories:
            return list(self.facts.signatories)
        return list(self.participants) if len(self.participants) >= 2 else []

    def _own_side(self, tok: Token) -> list[Actor]:
        """"The delegation", "the Administration" in a publisher's document: its side."""
        if self.facts.state is None or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children
        ) or any(c.dep_ in ("amod", "compound", "poss") for c in tok.children):
            return []
        if sx.prep_objects(tok, ("of", "from")):
            return []
        return [self.facts.state]

    def _title_only(self, tok: Token) -> list[Actor]:
        """"The President", "the Secretary" (no state, no name)."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return []
        if any(c.dep_ in ("amod", "compound", "poss") and self.ix.actors(c) for c in tok.children):
            return []
        if sx.prep_objects(tok, ("of",)):
            return []  # "the President of Ukraine" is the actor layer's
        words = [c.text for c in tok.lefts if c.dep_ == "compound"] + [tok.text]
        who = self.by_title(words)
        return [who] if who is not None else []

    def by_title(self, words: list[str]) -> Actor | None:
        """The person a title alone names (see module doc)."""
        key = title_key(words, self.w)
        if key is None:
            return None
        f = self.facts
        if f.principal is not None and key in f.principal_titles:
            return f.principal
        if key in self.titled:
            return self.titled[key]
        roles = set(f.title_roles.get(key, ()))
        if roles and f.roles_of is not None:  # "Joe Biden … The President": his office
            subjects = [a for _n, acts in reversed(self.main_subjects) for a in acts]
            named = [m[3] for m in reversed(self.mentions[: self._seen])]
            for actor in subjects + named:
                if actor["kind"] == "person" and roles & f.roles_of(actor):
                    return actor
        return None

    def _speaker_of_quote(self, q: Quote) -> Actor | None:
        if q.speaker is None:
            return None
        tok = self.doc[q.speaker]
        acts = self.ix.actors(tok)
        if not acts and tok.pos_ == "PRON" and tok.lower_ in _PERSON:
            acts = self._salient(tok, 0, _PERSON[tok.lower_])
        elif not acts and tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in self.w.title_heads:
            acts = self._title_only(tok)
        return acts[0] if acts else None

    def _first_person(self, tok: Token, plural: bool) -> list[Actor]:
        """I / we: the quoted speaker, the turn's speaker, the signatories, the
        publisher (see module doc)."""
        f = self.facts
        q = self._quote_at[tok.i]
        if q is not None:
            who = self._speaker_of_quote(q)
            if who is not None:
                return [self._side(who)] if plural else [who]
        turn = self._turn_at[tok.i]
        if turn is not None:
            who = turn.speaker
            return ([self._side(who)] if plural else [who]) if who is not None else []
        if plural and f.signatories:
            return list(f.signatories)
        if plural and f.joint and len(self.participants) >= 2:
            return list(self.participants)
        if plural:
            return [f.state] if f.state is not None else []
        who = f.author or f.principal
        return [who] if who is not None else []

    def _side(self, who: Actor) -> Actor | None:
        """The state a person speaks for ("we" of a head of state)."""
        if who["kind"] == "person":
            return self.facts.state_of(who["country"]) if who.get("country") else None
        return who

    def _addressee(self, tok: Token) -> list[Actor]:
        """"you" in a turn of a two-party transcript: the other speaker."""
        turn = self._turn_at[tok.i]
        if turn is None or turn.speaker is None or self._quote_at[tok.i] is not None:
            return []
        others = {t.speaker["id"]: t.speaker for t in self.facts.turns
                  if t.speaker is not None and t.speaker["id"] != turn.speaker["id"]}
        return list(others.values()) if len(others) == 1 else []
