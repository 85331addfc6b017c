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
  Tehran" → the state; "Iranian militias" → a group of Iran; "a Turkish diplomatic
  source" → a person of Turkey);
* pronouns (he/she/his/her → the nearest compatible person; it/its/they → the nearest
  state, organisation or group).

Examples
--------
>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("dkg_actors")
>>> doc = nlp("Officials in Tehran met the Kremlin.")
>>> [(s.text, s._.dkg_actor["country"]) for s in doc.spans["dkg_actors"]]
[('Officials in Tehran', 'IRN'), ('Kremlin', 'RUS')]
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

__all__ = ["ActorResolver", "make_actors"]

SPAN_KEY = "dkg_actors"
_MOD_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod", "nummod"}
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"}
_PRONOUNS_PERSON = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_PRONOUNS_THING = {"it", "its", "they", "them", "their"}


def _register_extensions() -> None:
    if not Span.has_extension("dkg_actor"):
        Span.set_extension("dkg_actor", default=None)
    if not Doc.has_extension("dkg_date"):
        Doc.set_extension("dkg_date", default=None)


@Language.factory(
    "dkg_actors",
    assigns=["doc.spans", "span._.dkg_actor"],
    default_config={"span_key": SPAN_KEY},
)
def make_actors(nlp: Language, name: str, span_key: str) -> ActorResolver:
    """Factory of the ``dkg_actors`` component: forwards its config."""
    return ActorResolver(nlp, name, span_key=span_key)


def _load_json(path: str) -> dict[str, Any]:
    import json

    return json.loads(read_text(path))


class ActorResolver:
    """Finds actor mentions and links them to gazetteer entries (see module doc)."""

    def __init__(self, nlp: Language, name: str = "dkg_actors", *, span_key: str = SPAN_KEY):
        _register_extensions()
        self.name = name
        self.span_key = span_key
        self.gaz = gz.load_gazetteer()
        nouns = _load_json("patterns/actor_nouns.json")
        self.actor_nouns: dict[str, str] = {}
        for kind in ("person", "group", "state"):  # later kinds win
            for w in nouns[kind]:
                self.actor_nouns[w] = kind
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

    # -- the pipeline step -------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        date = doc._.dkg_date
        mentions: dict[int, tuple[int, int, dict[str, Any]]] = {}  # head token → (start, end, actor)
        spans = filter_spans(
            [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.matcher(doc)]
        )
        is_parsed = doc.has_annotation("DEP")
        person_heads: set[int] = set()
        # 1. people: gazetteer first, then the parser's PERSON entities
        covered: set[int] = set()
        known_people: dict[str, dict[str, Any]] = {}
        for sp in spans:
            hits = self.gaz.lookup(sp.label_)
            if hits and hits[0][1] == gz.PERSON:
                actor = self._person_actor(hits[0][0], date)
                self._add(mentions, sp, actor)
                person_heads.add(sp.root.i)
                covered.update(range(sp.start, sp.end))
                known_people[_surname(actor["label"])] = actor
        for ent in doc.ents:
            if ent.label_ != "PERSON" or any(t.i in covered for t in ent):
                continue
            name = self._strip_honorifics(ent)
            if name is None:
                continue
            hits = [h for h in self.gaz.lookup(name.text) if h[1] == gz.PERSON]
            if hits:
                actor = self._person_actor(hits[0][0], date)
            elif _surname(name.text) in known_people:
                actor = known_people[_surname(name.text)]
            else:
                actor = _actor_dict(actor_iri(name.text), name.text, ActorKind.PERSON, None, None)
                known_people[_surname(name.text)] = actor
            self._add(mentions, name, actor)
            person_heads.add(name.root.i)
            covered.update(range(ent.start, ent.end))
        # 2. states, organisations, groups, collectives
        state_mods: dict[int, str] = {}  # NP head token → ISO-3 of a state modifier
        for sp in spans:
            if sp.start in covered:
                continue
            hits = self.gaz.lookup(sp.label_)
            if not hits:
                continue
            entry, how = hits[0]
            if how == gz.PERSON:
                continue
            if how == gz.ORG:
                self._add(mentions, sp, _entry_dict(entry, date))
                continue
            # a state named, by name, demonym or metonym
            head = _np_head(sp.root) if is_parsed else sp.root
            is_head = head.i in range(sp.start, sp.end)
            if not is_head:
                state_mods.setdefault(head.i, entry.key)
            if is_head:
                if how == gz.DEMONYM and sp.root.tag_ not in ("NNPS", "NNS") and (
                    sp.root.dep_ not in _ARG_DEPS
                ):
                    continue
                self._add(mentions, sp, _entry_dict(entry, date))
            elif how in (gz.NAME, gz.METONYM) and sp.root.dep_ == "poss":
                self._add(mentions, sp, _entry_dict(entry, date))  # "Russia's assistance"
        if is_parsed:
            self._prep_modifiers(doc, state_mods)
            # 3. people's states from their titles, titles without names, actor nouns
            for head_i, iso in state_mods.items():
                head = doc[head_i]
                if head_i in mentions and mentions[head_i][2]["kind"] == "person":
                    if mentions[head_i][2]["country"] is None:
                        mentions[head_i][2]["country"] = iso
                    continue
                self._noun_mention(doc, head, iso, mentions, date)
            for tok in doc:  # organisational nouns without a state: "diplomatic sources"
                if tok.i not in mentions and tok.pos_ == "NOUN" and tok.i not in state_mods:
                    kind = self.actor_nouns.get(tok.text.lower())
                    if kind in ("person", "group") and tok.dep_ in ("nsubj", "nsubjpass"):
                        left = _np_left(tok)
                        sp = doc[left : tok.i + 1]
                        label = _label(sp)
                        self._add(mentions, sp, _actor_dict(
                            actor_iri(label), label, ActorKind(kind if kind != "group" else "group")
                            if kind else ActorKind.PERSON, None, None))
            self._appositions(doc, mentions)
            self._pronouns(doc, mentions)
        group = [Span(doc, s, e) for s, e, _ in sorted(mentions.values())]
        for sp, (_, _, actor) in zip(group, sorted(mentions.values()), strict=True):
            sp._.dkg_actor = actor
        doc.spans[self.span_key] = group
        return doc

    # -- helpers -----------------------------------------------------------------
    def _add(self, mentions: dict, sp: Span, actor: dict[str, Any]) -> None:
        head = sp.root.i
        if head in mentions:
            return
        for s, e, _ in mentions.values():  # no overlapping mentions
            if s < sp.end and sp.start < e:
                return
        mentions[head] = (sp.start, sp.end, actor)

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
        """'officials in Tehran', 'the government of Liberia', 'the President of Iraq'."""
        for tok in doc:
            if tok.dep_ == "prep" and tok.lower_ in ("of", "in", "from") and tok.head.pos_ in (
                "NOUN", "PROPN"
            ):
                head = tok.head
                word = head.text.lower()
                if word not in self.actor_nouns and not self._title_of(head):
                    continue
                for pobj in tok.children:
                    if pobj.dep_ != "pobj":
                        continue
                    for text in (pobj.text, doc[_np_left(pobj) : pobj.i + 1].text):
                        hits = self.gaz.lookup(text)
                        if hits and hits[0][1] in (gz.NAME, gz.METONYM):
                            state_mods.setdefault(head.i, hits[0][0].key)
                            break

    def _title_of(self, head: Token) -> list[str] | None:
        """The roles a title head names: 'Foreign Minister' → ['foreign minister']."""
        words = [c.text.lower() for c in head.lefts if c.dep_ == "compound"] + [head.text.lower()]
        for i in range(len(words)):
            t = " ".join(words[i:])
            if t in self.titles:
                return self.titles[t]
        return None

    def _noun_mention(self, doc: Doc, head: Token, iso: str, mentions: dict,
                      date: str | None) -> None:
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
            self._add(mentions, sp, actor)
            return
        kind = self.actor_nouns.get(head.text.lower()) or self.actor_nouns.get(head.lemma_.lower())
        if kind is None:
            return
        if kind == "state":
            self._add(mentions, sp, _entry_dict(state, date))
        else:
            label = _label(doc[left : head.i + 1])
            self._add(mentions, sp, _actor_dict(
                actor_iri(f"{iso} {label}"), label, ActorKind(kind), iso, None))

    def _appositions(self, doc: Doc, mentions: dict) -> None:
        """'Dmitry Peskov, the Kremlin spokesman': the apposition gives the person's state."""
        for head_i, (_, _, actor) in list(mentions.items()):
            if actor["kind"] != "person" or actor["country"]:
                continue
            for c in doc[head_i].children:
                if c.dep_ == "appos" and c.i in mentions and mentions[c.i][2]["country"]:
                    actor["country"] = mentions[c.i][2]["country"]

    def _pronouns(self, doc: Doc, mentions: dict) -> None:
        ordered = sorted(mentions.items())
        for tok in doc:
            low = tok.lower_
            if tok.i in mentions or tok.pos_ != "PRON":
                continue
            if low in _PRONOUNS_PERSON:
                want = _PRONOUNS_PERSON[low]
                ok = lambda a, want=want: a["kind"] == "person" and a.get("gender") in (None, want)  # noqa: E731
            elif low in _PRONOUNS_THING:
                ok = lambda a: a["kind"] in ("state", "organization", "group", "collective")  # noqa: E731
            else:
                continue
            sent_start = tok.sent.start
            prev_start = doc[sent_start - 1].sent.start if sent_start > 0 else 0
            for head_i, (s, _e, actor) in reversed(ordered):
                if s >= tok.i or s < prev_start:
                    continue
                if ok(actor) and not (low in ("his", "her", "its", "their") and doc[head_i].head == tok.head):
                    mentions[tok.i] = (tok.i, tok.i + 1, actor)
                    break


def _surname(name: str) -> str:
    """The last word of a name without a particle: "Bashar al-Assad" → "Assad"."""
    last = name.split()[-1] if name.split() else name
    return re.sub(r"^(?:al|el|ad|as|ash|bin|ibn|van|von|de|du)-", "", last, flags=re.I)


def _np_head(tok: Token) -> Token:
    """Climb modifier arcs to the head noun of a noun phrase ("Syrian" → "President")."""
    while tok.dep_ in _MOD_DEPS and tok.head.pos_ in ("NOUN", "PROPN") and tok.head != tok:
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
