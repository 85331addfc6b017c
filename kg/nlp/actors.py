"""The ``dkg_actors`` spaCy component: find actor mentions and normalise each to one
actor per real-world entity in a document.

A mention is a span in ``doc.spans["dkg_actors"]`` whose ``span._.dkg_actor`` holds
the actor as a plain dict (``id``, ``label``, ``kind``, ``country``, ``wikidata``), so
Docs stay serialisable across processes.

What becomes a mention:

* gazetteer names of states, capitals and seats of government as metonyms ("the
  Kremlin" → Russia), organisations, armed groups, collectives and people;
* people found by the parser's NER, with the state they represent taken from their
  title ("Syrian President …", "Kremlin spokesman …", an apposition);
* titles without a name ("the Russian president", "his Turkish counterpart") → the
  office holder on the article date (``doc._.dkg_date``);
* organisational nouns with a state modifier ("the Syrian government", "officials in
  Tehran", "Poland's parliament" → the state; "Iranian militias" → a group of Iran;
  "a Turkish diplomatic source" → a person of Turkey);
* (pronouns, titles alone and group mentions are resolved across sentences by the
  document layer, :mod:`kg.nlp.discourse`).

State modifiers of nouns that are not actors ("an Indian proposal", "a U.S. request")
go to a second span group, ``doc.spans["dkg_state_mods"]``: they name the owner of the
thing, which the relation layer reads ("Bangladesh rejected an Indian proposal").

Examples
--------
Without a parser only gazetteer names are found; with one (``load_nlp()``) the first
mention is "Officials in Tehran".

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("dkg_actors")
>>> doc = nlp("Officials in Tehran met the Kremlin.")
>>> [(s.text, s._.dkg_actor["country"]) for s in doc.spans["dkg_actors"]]
[('Tehran', 'IRN'), ('Kremlin', 'RUS')]
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.iri import actor_iri
from kg.nlp import gazetteer as gz
from kg.records import ActorKind
from kg.resources import read_text

__all__ = ["MODS_KEY", "SPAN_KEY", "ActorResolver", "make_actors"]

SPAN_KEY = "dkg_actors"
#: Span group of state modifiers of nouns that are not actors ("an Indian proposal").
MODS_KEY = "dkg_state_mods"
_MOD_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod", "nummod"}
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"}
#: The kind of a bare actor noun's actor: "officials" or "an aid agency" without a state
#: are an organisation of unknown country.
_BARE_KIND = {"person": ActorKind.PERSON, "group": ActorKind.GROUP,
              "state": ActorKind.ORGANIZATION}


def _register_extensions() -> None:
    if not Span.has_extension("dkg_actor"):
        Span.set_extension("dkg_actor", default=None)
    if not Doc.has_extension("dkg_date"):
        Doc.set_extension("dkg_date", default=None)


@Language.factory(
    "dkg_actors",
    assigns=["doc.spans", "span._.dkg_actor"],
    default_config={"span_key": SPAN_KEY, "mods_key": MODS_KEY},
)
def make_actors(nlp: Language, name: str, span_key: str, mods_key: str) -> ActorResolver:
    """Factory of the ``dkg_actors`` component: forwards its config."""
    return ActorResolver(nlp, name, span_key=span_key, mods_key=mods_key)


def _load_json(path: str) -> dict[str, Any]:
    import json

    return json.loads(read_text(path))


class ActorResolver:
    """Finds actor mentions and links them to gazetteer entries (see module doc)."""

    def __init__(self, nlp: Language, name: str = "dkg_actors", *, span_key: str = SPAN_KEY,
                 mods_key: str = MODS_KEY):
        _register_extensions()
        self.name = name
        self.span_key = span_key
        self.mods_key = mods_key
        self.gaz = gz.load_gazetteer()
        nouns = _load_json("patterns/actor_nouns.json")
        self.actor_nouns: dict[str, str] = {}
        for kind in ("person", "group", "state"):  # later kinds win
            for w in nouns[kind]:
                self.actor_nouns[w] = kind
        self.generic = set(nouns["generic"])
        self.name_heads = set(nouns["name_heads"])
        self.not_organs = set(nouns["not_organs"])
        titles = _load_json("patterns/titles.json")
        self.titles: dict[str, list[str]] = titles["titles"]
        self.honorifics = set(titles["honorifics"])
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        texts = list(self.gaz.aliases)
        for text, pattern in zip(texts, nlp.tokenizer.pipe(texts), strict=True):
            self.matcher.add(text, [pattern])
        for text in texts:  # "kremlin" is rare; "The Kremlin" is covered by stripping "the"
            if text[:1].islower():
                cap = text[:1].upper() + text[1:]
                self.matcher.add(text, [nlp.make_doc(cap)])
            if "'" in text:  # "People’s Republic of Korea" with a typographic apostrophe
                self.matcher.add(text, [nlp.make_doc(text.replace("'", "\u2019"))])

    # -- the pipeline step -------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        date = doc._.dkg_date
        mentions = _Mentions(len(doc))
        spans = filter_spans(
            [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.matcher(doc)]
        )
        covered = self._people(doc, spans, mentions, date)
        state_mods, modifiers = self._states(doc, spans, covered, mentions, date)
        if doc.has_annotation("DEP"):
            self._prep_modifiers(doc, state_mods)
            self._person_modifiers(doc, mentions, state_mods)
            self._state_nouns(doc, state_mods, mentions, date)
            self._org_nouns(doc, mentions)
            self._bare_nouns(doc, state_mods, mentions)
            self._appositions(doc, mentions)
        doc.spans[self.span_key] = mentions.spans(doc)
        doc.spans[self.mods_key] = self._modifier_spans(doc, modifiers, mentions, date)
        return doc

    # -- the steps -----------------------------------------------------------------
    def _people(self, doc: Doc, spans: list[Span], mentions: _Mentions,
                date: str | None) -> set[int]:
        """People: gazetteer names first, then the parser's PERSON entities.
        RETURNS (set[int]): the tokens the people cover."""
        covered: set[int] = set()
        known_people: dict[str, dict[str, Any]] = {}
        for sp in spans:
            hits = self.gaz.lookup(sp.label_)
            if hits and hits[0][1] == gz.PERSON:
                actor = self._person_actor(hits[0][0], date)
                mentions.add(sp, actor)
                covered.update(range(sp.start, sp.end))
                known_people[_surname(actor["label"])] = actor
        for ent in doc.ents:
            if ent.label_ != "PERSON" or any(t.i in covered for t in ent):
                continue
            name = self._strip_honorifics(ent)
            if name is None or self._no_name(name) or _is_place(name):
                continue
            hits = self.gaz.lookup(name.text)
            if hits and hits[0][1] != gz.PERSON:
                continue  # NER calls "Togo" or "Nigerien" a person: the gazetteer knows better
            if hits:
                actor = self._person_actor(hits[0][0], date)
            elif _surname(name.text) in known_people:
                actor = known_people[_surname(name.text)]
            else:
                country = self.gaz.surname_country(name.text, date) if len(name) == 1 else None
                actor = _actor_dict(actor_iri(name.text), name.text, ActorKind.PERSON, country,
                                    None)
                known_people[_surname(name.text)] = actor
            mentions.add(name, actor)
            covered.update(range(ent.start, ent.end))
        return covered

    def _states(self, doc: Doc, spans: list[Span], covered: set[int], mentions: _Mentions,
                date: str | None) -> tuple[dict[int, str], list[tuple[Span, gz.Entry, int]]]:
        """States, organisations, groups and collectives named in the gazetteer.

        RETURNS (tuple): the NP heads with a state modifier (head token → ISO-3), and
        every state modifier as (span, entry, head token) — "an Indian proposal".
        """
        is_parsed = doc.has_annotation("DEP")
        state_mods: dict[int, str] = {}
        modifiers: list[tuple[Span, gz.Entry, int]] = []
        for sp in spans:
            if sp.start in covered:
                continue
            hits = self.gaz.lookup(sp.label_)
            if not hits or hits[0][1] == gz.PERSON:
                continue
            entry, how = hits[0]
            if how == gz.ORG:
                mentions.add(sp, _entry_dict(entry, date))
                continue
            # a state named, by name, demonym or metonym
            head = _np_head(sp.root, self.actor_nouns, self.titles) if is_parsed else sp.root
            if self._in_a_name(sp, head, how):
                continue  # "the Minsk agreements", "the Ukraine Recovery Conference"
            if sp.start <= head.i < sp.end:
                if how == gz.DEMONYM and not _demonym_is_people(sp.root):
                    continue
                if how == gz.DEMONYM and is_parsed:
                    sp, entry = self._residence(doc, sp, entry)
                actor = _entry_dict(entry, date)
                if how == gz.DEMONYM:
                    actor["organ"] = "people"  # "Liberians": the people, a domestic actor
                mentions.add(sp, actor)
                continue
            state_mods.setdefault(head.i, entry.key)
            modifiers.append((sp, entry, head.i))
            if how in (gz.NAME, gz.METONYM) and sp.root.dep_ == "poss":
                mentions.add(sp, _entry_dict(entry, date))  # "Russia's assistance"
        return state_mods, modifiers

    def _state_nouns(self, doc: Doc, state_mods: dict[int, str], mentions: _Mentions,
                     date: str | None) -> None:
        """People's states from their titles, titles without names, actor nouns with a
        state modifier ("the Syrian government", "Iranian militias")."""
        for head_i, iso in state_mods.items():
            head = doc[head_i]
            known = mentions.get(head_i)
            if known is not None and known["kind"] == "person":
                if known["country"] is None:
                    known["country"] = iso
                continue
            self._noun_mention(doc, head, iso, mentions, date)

    def _org_nouns(self, doc: Doc, mentions: _Mentions) -> None:
        """"European Community foreign ministers", "the UNITA militarist wing": an actor
        noun whose compound modifier is an organisation or group stands for it."""
        for head_i, actor in mentions.actors():
            tok = doc[head_i]
            if actor["kind"] not in ("organization", "group") or tok.dep_ not in _MOD_DEPS:
                continue
            head = tok.head
            if head.i in mentions or head.pos_ != "NOUN" or (
                head.lower_ not in self.actor_nouns
            ):
                continue
            start = mentions.start_of(head_i)
            mentions.replace(head_i, doc[min(start, _np_left(head)) : head.i + 1], actor)

    def _bare_nouns(self, doc: Doc, state_mods: dict[int, str], mentions: _Mentions) -> None:
        """Actor nouns as subjects without a state: "diplomatic sources said", "an aid
        agency appealed". A noun with an of-phrase
        ("a group of Moroccan diplomats") stands for that phrase instead."""
        for tok in doc:
            if tok.i in mentions or tok.pos_ not in ("NOUN", "PROPN") or tok.i in state_mods:
                continue
            if tok.pos_ == "PROPN" and not (self._title_of(tok) or tok.lower_ in self.actor_nouns):
                continue
            if self._title_of(tok) is not None:  # "the President": kg.nlp.resolution's
                continue
            kind = self.actor_nouns.get(tok.text.lower())
            if kind is None or tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if tok.lower_ in self.generic and not any(
                c.dep_ in ("amod", "compound") and c.lower_ not in self.generic
                for c in tok.children
            ):
                continue  # "partners", "the parties": no actor unless the text ties them
            if kind == "state" and not any(c.dep_ in ("amod", "compound") for c in tok.children):
                continue  # a bare "officials said" names no one; "European ministers" does
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                continue
            sp = doc[_np_left(tok) : tok.i + 1]
            label = _label(sp)
            mentions.add(sp, _actor_dict(actor_iri(label), label, _BARE_KIND[kind], None, None))

    def _modifier_spans(self, doc: Doc, modifiers: list[tuple[Span, gz.Entry, int]],
                        mentions: _Mentions, date: str | None) -> list[Span]:
        """State modifiers of nouns that are not actors ("a U.S. request", "an Indian
        proposal"), as spans whose ``_.dkg_actor`` is the state: the owner of the noun."""
        out = []
        for sp, entry, head_i in modifiers:
            if head_i in mentions or mentions.overlaps(sp.start, sp.end):
                continue
            mod = Span(doc, sp.start, sp.end, label=entry.key)
            mod._.dkg_actor = _entry_dict(entry, date)
            out.append(mod)
        return out

    # -- helpers -----------------------------------------------------------------
    def _no_name(self, name: Span) -> bool:
        """A "name" made only of titles and generic nouns ("Prime Ministers", "Deputy
        Prime Minister Minister", "Chairperson") names no one."""
        words = [t.lower_.strip(".") for t in name if not t.is_punct]
        return all(w in self.generic or w in self.titles or w.title() in self.honorifics
                   or w.rstrip("s") in self.generic for w in words)

    def _in_a_name(self, sp: Span, head: Token, how: str) -> bool:
        """A place inside the name of an agreement, format or venue: a city before one
        of ``name_heads``, or a state name before a capitalised one."""
        if head.i == sp.root.i or (head.lemma_.lower() not in self.name_heads and (
            head.lower_ not in self.name_heads
        )):
            return False
        return how == gz.METONYM or (how == gz.NAME and head.is_title)

    def _person_actor(self, entry: gz.Entry, date: str | None) -> dict[str, Any]:
        d = _entry_dict(entry, date)
        d["gender"] = entry.gender
        return d

    def _strip_honorifics(self, ent: Span) -> Span | None:
        s = ent.start
        while s < ent.end and (ent.doc[s].text in self.honorifics or ent.doc[s].is_punct):
            s += 1
        e = ent.end
        while e > s and ent.doc[e - 1].is_punct:
            e -= 1
        if e > s and ent.doc[e - 1].text in ("'s", "’s"):
            e -= 1
        return ent.doc[s:e] if e > s else None

    def _prep_modifiers(self, doc: Doc, state_mods: dict[int, str]) -> None:
        """'officials in Tehran', 'the government of Liberia', 'the President of Iraq',
        'the Minister of Foreign Affairs of Iraq' (the state of a nested of-phrase)."""
        for tok in doc:
            if tok.dep_ == "prep" and tok.lower_ in ("of", "in", "from") and tok.head.pos_ in (
                "NOUN", "PROPN"
            ):
                head = tok.head
                word = head.text.lower()
                if word not in self.actor_nouns and not self._title_of(head):
                    continue
                iso = self._state_in(doc, tok)
                if iso is None:  # "of Foreign Affairs of Iraq"
                    inner = [g for p in tok.children if p.dep_ == "pobj" for g in p.children
                             if g.dep_ == "prep" and g.lower_ == "of"]
                    iso = next((i for g in inner if (i := self._state_in(doc, g))), None)
                if iso is not None:
                    state_mods.setdefault(head.i, iso)

    def _residence(self, doc: Doc, sp: Span, entry: gz.Entry) -> tuple[Span, gz.Entry]:
        """"Albanians of southern Serbia", "ethnic Russians in Ukraine": a people named
        with the state it lives in belongs to that state."""
        for c in sp.root.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "of", "from"):
                iso = self._state_in(doc, c)
                state = self.gaz.state(iso)
                if state is not None:
                    return doc[sp.start : c.right_edge.i + 1], state
        return sp, entry

    def _state_in(self, doc: Doc, prep: Token) -> str | None:
        """The ISO-3 of the state a prepositional phrase names ("in Tehran")."""
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            for text in (pobj.text, doc[_np_left(pobj) : pobj.i + 1].text):
                hits = self.gaz.lookup(text)
                if hits and hits[0][1] in (gz.NAME, gz.METONYM):
                    return hits[0][0].key
        return None

    def _person_modifiers(self, doc: Doc, mentions: _Mentions,
                          state_mods: dict[int, str]) -> None:
        """"the Bush administration", "Putin's government": a person of a known state
        modifying a state noun makes the noun that state."""
        for head_i, actor in mentions.actors():
            tok = doc[head_i]
            if actor["kind"] != "person" or not actor["country"] or tok.dep_ not in (
                "compound", "poss"
            ):
                continue
            if self.actor_nouns.get(tok.head.lower_) == "state":
                state_mods.setdefault(tok.head.i, actor["country"])

    def _title_of(self, head: Token) -> list[str] | None:
        """The roles a title head names: 'Foreign Minister' → ['foreign minister']."""
        words = [c.text.lower() for c in head.lefts if c.dep_ == "compound"] + [head.text.lower()]
        for i in range(len(words)):
            t = " ".join(words[i:])
            if t in self.titles:
                return self.titles[t]
        return None

    def _noun_mention(self, doc: Doc, head: Token, iso: str, mentions: _Mentions,
                      date: str | None) -> None:
        """A mention for a title or actor noun whose state modifier is ``iso``."""
        if head.i in mentions:
            return
        state = self.gaz.state(iso)
        if state is None:
            return
        roles = self._title_of(head)
        left = _np_left(head)
        right = head.i + 1
        for c in head.rights:  # "officials in Tehran", "the government of Liberia"
            if c.dep_ == "prep" and c.lower_ in ("of", "in", "from"):
                right = max(right, c.right_edge.i + 1)
        if mentions.countries(head.i + 1, right) - {iso}:  # "Syrian forces from Lebanon"
            right = head.i + 1
        sp = doc[left:right]
        if roles is not None:
            if head.text.lower() == "counterpart":
                roles = ["president", "prime minister", "foreign minister"]
            holder = self.gaz.holder(roles, iso, date) if roles else None
            if holder is not None:
                actor = self._person_actor(holder, date)
            else:
                label = f"{state.label} {head.text.lower()}"
                actor = _actor_dict(actor_iri(f"{iso} {head.text}"), label, ActorKind.PERSON,
                                    iso, None)
            mentions.add(sp, actor, absorb=iso)
            return
        kind = self.actor_nouns.get(head.text.lower()) or self.actor_nouns.get(head.lemma_.lower())
        if kind is None:
            return
        if kind == "state":
            # "Poland's parliament": the state, through one of its organs
            actor = _entry_dict(state, date)
            if head.lemma_.lower() not in self.not_organs and head.lower_ not in self.not_organs:
                actor["organ"] = head.lemma_.lower()
            mentions.add(sp, actor, absorb=iso)
        else:
            label = _label(doc[left : head.i + 1])
            mentions.add(sp, _actor_dict(actor_iri(f"{iso} {label}"), label, ActorKind(kind),
                                         iso, None), absorb=iso)

    def _appositions(self, doc: Doc, mentions: _Mentions) -> None:
        """'Dmitry Peskov, the Kremlin spokesman', 'the US commander, General X': an
        apposition gives a person's state, either way round."""
        for head_i, actor in mentions.actors():
            if actor["kind"] != "person" or actor["country"]:
                continue
            tok = doc[head_i]
            near = [c for c in tok.children if c.dep_ == "appos"]
            if tok.dep_ == "appos":  # "The US commander in Iraq, General David Petraeus"
                near.append(tok.head)
            for c in near:
                other = mentions.get(c.i)
                if other is not None and other["country"]:
                    actor["country"] = other["country"]
                    break


class _Mentions:
    """Actor mentions of one Doc by head token; they never overlap (checked per token,
    so adding one is linear in its length, not in the number of mentions)."""

    def __init__(self, n_tokens: int):
        self._by_head: dict[int, tuple[int, int, dict[str, Any]]] = {}
        self._owner = [-1] * n_tokens  # token → head of the mention covering it

    def __contains__(self, head: int) -> bool:
        return head in self._by_head

    def get(self, head: int) -> dict[str, Any] | None:
        """The actor of the mention headed by token ``head``."""
        found = self._by_head.get(head)
        return found[2] if found else None

    def countries(self, start: int, end: int) -> set[str | None]:
        """The countries of the mentions overlapping tokens ``start``–``end``."""
        heads = {self._owner[i] for i in range(start, end) if self._owner[i] >= 0}
        return {self._by_head[h][2]["country"] for h in heads}

    def overlaps(self, start: int, end: int) -> bool:
        return any(self._owner[i] >= 0 for i in range(start, end))

    def add(self, sp: Span, actor: dict[str, Any], absorb: str | None = None) -> bool:
        """Add a mention unless it overlaps another. With ``absorb`` (an ISO-3), mentions
        of that state's actors inside ``sp`` give way to it ("Poland's" in "Poland's
        parliament", "Bush" in "the Bush administration")."""
        head = sp.root.i
        if head in self._by_head:
            return False
        inner = {self._owner[i] for i in range(sp.start, sp.end) if self._owner[i] >= 0}
        for h in inner:
            s, e, a = self._by_head[h]
            if absorb is None or a["country"] != absorb or s < sp.start or e > sp.end:
                return False
        for h in inner:
            self._remove(h)
        self._put(head, sp.start, sp.end, actor)
        return True

    def start_of(self, head: int) -> int:
        """The first token of the mention headed by ``head``."""
        return self._by_head[head][0]

    def replace(self, head: int, sp: Span, actor: dict[str, Any]) -> bool:
        """Widen the mention headed by ``head`` to ``sp``, unless ``sp`` overlaps another."""
        if any(self._owner[i] not in (-1, head) for i in range(sp.start, sp.end)):
            return False
        self._remove(head)
        return self.add(sp, actor)

    def add_token(self, i: int, actor: dict[str, Any]) -> None:
        """A one-token mention (a pronoun)."""
        if self._owner[i] < 0:
            self._put(i, i, i + 1, actor)

    def actors(self) -> list[tuple[int, dict[str, Any]]]:
        """(head token, actor) of every mention."""
        return [(h, a) for h, (_s, _e, a) in self._by_head.items()]

    def by_start(self) -> list[tuple[int, int, dict[str, Any]]]:
        """(start, head, actor) of every mention, in text order."""
        return sorted(((s, h, a) for h, (s, _e, a) in self._by_head.items()),
                      key=lambda m: m[:2])

    def spans(self, doc: Doc) -> list[Span]:
        """The mentions as spans whose ``_.dkg_actor`` is the actor."""
        out = []
        for s, e, actor in sorted(self._by_head.values(), key=lambda m: m[:2]):
            sp = Span(doc, s, e)
            sp._.dkg_actor = actor
            out.append(sp)
        return out

    def _put(self, head: int, start: int, end: int, actor: dict[str, Any]) -> None:
        self._by_head[head] = (start, end, actor)
        for i in range(start, end):
            self._owner[i] = head

    def _remove(self, head: int) -> None:
        s, e, _a = self._by_head.pop(head)
        for i in range(s, e):
            self._owner[i] = -1


def _demonym_is_people(tok: Token) -> bool:
    """"the Palestinians", "Israelis and Syrians" name a people; an adjective ("Turkish",
    even when a bad parse coordinates it) never does."""
    if tok.tag_ in ("NNPS", "NNS"):
        return True
    return tok.pos_ in ("PROPN", "NOUN") and tok.dep_ in _ARG_DEPS


def _is_place(name: Span) -> bool:
    """A "person" the parser found where only a place can be ("in Odesa", "across
    Donbass"), or that it tags as a place elsewhere in the document."""
    root = name.root
    if root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "near", "across", "throughout",
                                                      "outside", "around", "into"):
        return True
    return any(e.text == name.text and e.label_ in ("GPE", "LOC", "FAC")
               for e in name.doc.ents)


def _surname(name: str) -> str:
    """The last word of a name without a particle: "Bashar al-Assad" → "Assad"."""
    last = name.split()[-1] if name.split() else name
    return re.sub(r"^(?:al|el|ad|as|ash|bin|ibn|van|von|de|du)-", "", last, flags=re.I)


def _np_head(tok: Token, actor_nouns: dict[str, str] | None = None,
             titles: dict[str, Any] | None = None) -> Token:
    """Climb modifier arcs to the head noun of a noun phrase ("Syrian" → "President"); a
    possessor is its own phrase ("the Russian Government's aggression" stops at
    "Government") unless it owns an actor noun ("Russia's foreign minister")."""
    while tok.dep_ in _MOD_DEPS and tok.head.pos_ in ("NOUN", "PROPN") and tok.head != tok:
        if tok.dep_ == "poss" and actor_nouns is not None and not (
            tok.head.lower_ in actor_nouns or tok.head.lower_ in (titles or {})
        ):
            break
        tok = tok.head
    if tok.dep_ == "case":
        return _np_head(tok.head)
    return tok


def _np_left(head: Token) -> int:
    left = head.i
    for c in head.lefts:
        if c.dep_ in _MOD_DEPS or c.dep_ in ("det",):
            left = min(left, c.left_edge.i)
    while left < head.i and head.doc[left].dep_ == "det":
        left += 1
    return left


def _label(sp: Span) -> str:
    words = [t.text for t in sp if t.dep_ not in ("det",) and not t.is_punct]
    return " ".join(words) or sp.text


def _actor_dict(iri: str, label: str, kind: ActorKind, country: str | None,
                wikidata: str | None) -> dict[str, Any]:
    return {"id": iri, "label": label, "kind": kind.value, "country": country,
            "wikidata": wikidata}


def _entry_dict(entry: gz.Entry, date: str | None) -> dict[str, Any]:
    a = entry.actor(date)
    return {"id": a.id, "label": a.label, "kind": a.kind.value, "country": a.country,
            "wikidata": a.wikidata}
