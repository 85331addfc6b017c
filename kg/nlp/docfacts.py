"""Facts of a whole document that tell who speaks in it: its publisher and the state
that publisher speaks for, its byline, the speakers of a transcript's turns
(``PRIME MINISTER SUNAK:``, ``President of Russia Vladimir Putin:``), the signatories of
a joint statement ("We, the G7 Foreign Ministers of …", a title "Joint Statement by
A, B and C") and the quotations with the token that says who is quoted.

Pure functions over a parsed Doc with its ``dkg_actors`` mentions (an
:class:`~kg.nlp.arguments.ActorIndex`); the words they use are in
``ontology/patterns/discourse.json``.

Examples
--------
>>> words = load_words()
>>> publisher_of("https://www.state.gov/x/", None, "Office of the Spokesperson", words)["state"]
'USA'
>>> publisher_of(None, "President of Russia (en.kremlin.ru)", "", words)["titles"][0]
'president'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from kg.nlp import gazetteer as gz
from kg.nlp.arguments import ActorIndex
from kg.resources import read_text

__all__ = ["Quote", "Turn", "Words", "byline_end", "is_joint_statement", "load_words",
           "publisher_of", "quotes", "signatories", "speaker_turns"]

Actor = dict[str, Any]
_CAPS_LABEL = re.compile(r"(?m)^[ \t]*([^\W\d_][^\W\d_ .'’\-]*(?:[ .'’\-]+[^\W\d_]+\.?){0,7}):[ \t]")
_LEFT_WORDS = {"of", "the", "and", "for", "on", "de", "al"}


@dataclass(frozen=True)
class Words:
    """The word lists of ``ontology/patterns/discourse.json``."""

    publishers: tuple[dict[str, Any], ...]
    singular: frozenset[str]
    plural: frozenset[str]
    second_person: frozenset[str]
    group_nouns: frozenset[str]
    group_determiners: frozenset[str]
    title_modifiers: frozenset[str]
    title_heads: frozenset[str]
    non_speakers: frozenset[str]
    label_titles: frozenset[str]
    official_labels: frozenset[str]
    joint_titles: tuple[str, ...]
    quote_marks: tuple[tuple[str, str], ...]
    meeting_verbs: frozenset[str]
    meeting_particles: dict[str, list[str]]
    meeting_nouns: frozenset[str]
    members: dict[str, list[str]]
    self_nouns: frozenset[str]
    pronoun_sentences: int


@cache
def load_words() -> Words:
    """The document-layer words (read once per process)."""
    raw = json.loads(read_text("patterns/discourse.json"))
    members = json.loads(read_text("gazetteer/memberships.json"))
    return Words(
        publishers=tuple(raw["publishers"]),
        singular=frozenset(raw["first_person"]["singular"]),
        plural=frozenset(raw["first_person"]["plural"]),
        second_person=frozenset(raw["second_person"]),
        group_nouns=frozenset(raw["group_nouns"]),
        group_determiners=frozenset(raw["group_determiners"]),
        title_modifiers=frozenset(raw["title_modifiers"]),
        title_heads=frozenset(raw["title_heads"]),
        non_speakers=frozenset(raw["non_speakers"]),
        label_titles=frozenset(raw["label_titles"]),
        official_labels=frozenset(raw["official_labels"]),
        joint_titles=tuple(raw["joint_titles"]),
        quote_marks=tuple(tuple(p) for p in raw["quote_marks"]),
        meeting_verbs=frozenset(raw["meeting_verbs"]),
        meeting_particles=raw["meeting_particles"],
        meeting_nouns=frozenset(raw["meeting_nouns"]),
        members={k: v for k, v in members.items() if not k.startswith("_")},
        self_nouns=frozenset(raw["self_nouns"]),
        pronoun_sentences=raw["reach"]["pronoun_sentences"],
    )


@dataclass(frozen=True)
class Turn:
    """A transcript turn: tokens ``start``–``end`` spoken by ``speaker`` (None for a
    journalist or an unknown voice); ``label_end`` is the token after the label's colon."""

    start: int
    end: int
    label_end: int
    speaker: Actor | None


@dataclass(frozen=True)
class Quote:
    """A quotation: tokens ``start``–``end`` (marks included) and the token that names
    who is quoted (the subject of "said" after or before it), if any."""

    start: int
    end: int
    speaker: int | None


def publisher_of(url: str | None, source: str | None, first_line: str,
                 words: Words) -> dict[str, Any] | None:
    """The publisher entry whose ``match`` words occur in the URL, the ``source`` field
    or the first line of the text, in that order."""
    for field in (url, source, first_line):
        if not field:
            continue
        for pub in words.publishers:
            if any(m.lower() in field.lower() for m in pub["match"]):
                return pub
    return None


def byline_end(doc: Doc) -> int:
    """The token after a byline: a short first line without a full stop ("Antony J.
    Blinken, Secretary of State", "Office of the Spokesperson"); 0 when there is none."""
    first = doc.text.split("\n", 1)[0]
    if "\n" not in doc.text or len(first.split()) > 12 or first.rstrip().endswith((".", ":")):
        return 0
    for t in doc:
        if t.idx >= len(first):
            return t.i
    return 0


def is_joint_statement(title: str | None, words: Words) -> bool:
    """True when the title names a joint statement or declaration."""
    low = (title or "").lower()
    return any(w in low for w in words.joint_titles)


def _label_words(text: str, words: Words) -> list[str]:
    """The words of a caps label that are no title ("PRIME MINISTER SUNAK" → ["SUNAK"])."""
    return [w for w in text.split() if w.lower() not in words.label_titles]


def _find_person(name: str, doc_people: dict[str, Actor], gaz: gz.Gazetteer,
                 date: str | None) -> Actor | None:
    """A person by surname: one the document names with a state, else the gazetteer's,
    else one the document names without a state."""
    key = name.split()[-1].lower() if name.split() else ""
    known = doc_people.get(key)
    if known is not None and known.get("country"):
        return known
    hits = gaz.lookup(name.title()) or gaz.lookup(name.split()[-1].title())
    if hits and hits[0][1] == gz.PERSON:
        return _person(hits[0][0], date)
    return known


def _person(entry: gz.Entry, date: str | None) -> Actor:
    d = entry.actor(date).to_dict()
    d["gender"] = entry.gender
    return d


def people_by_surname(doc: Doc, ix: ActorIndex) -> dict[str, Actor]:
    """The people the document names, by the lowercase last word of their label."""
    out: dict[str, Actor] = {}
    for sp in doc.spans.get("dkg_actors", []):
        a = sp._.dkg_actor
        if a and a["kind"] == "person" and a["label"].split():
            out.setdefault(a["label"].split()[-1].lower(), a)
            out.setdefault(sp[-1].lower_, a)
    return out


def speaker_turns(doc: Doc, ix: ActorIndex, gaz: gz.Gazetteer, words: Words,
                  resolve_title, state_of_publisher: Actor | None) -> list[Turn]:
    """The turns of a transcript, in order. ``resolve_title(words)`` gives the person a
    title-only label names ("THE PRESIDENT"); unknown officials ("MR PRICE", "SENIOR
    ADMINISTRATION OFFICIAL") speak for the publisher's state."""
    date = doc._.dkg_date
    people = people_by_surname(doc, ix)
    labels: list[tuple[int, int, Actor | None]] = []  # (label start, token after colon, who)
    text = doc.text
    for m in _CAPS_LABEL.finditer(text):
        label = m.group(1).strip()
        if label != label.upper():
            continue
        span = doc.char_span(m.start(1), m.end(0), alignment_mode="expand")
        if span is None:
            continue
        low = label.lower()
        if low in words.non_speakers:
            labels.append((span.start, span.end, None))
            continue
        rest = _label_words(label, words)
        if len(label.split()) > 6 or len(rest) > 3:
            continue
        who = _find_person(" ".join(rest), people, gaz, date) if rest else resolve_title(
            [w.lower() for w in label.split() if w.lower() != "the"])
        if who is None and (set(low.split()) & words.official_labels) and state_of_publisher:
            who = dict(state_of_publisher)
        elif who is not None and not who.get("country") and state_of_publisher:
            # "AMBASSADOR LOGSDON:" named nowhere else speaks for the publisher's state
            who = dict(who, country=state_of_publisher["country"])
        if who is not None:
            labels.append((span.start, span.end, who))
    labels += _inline_labels(doc, ix, {s for s, _e, _w in labels})
    labels.sort(key=lambda x: x[0])
    turns = []
    for k, (start, after, who) in enumerate(labels):
        end = labels[k + 1][0] if k + 1 < len(labels) else len(doc)
        turns.append(Turn(start, end, after, who))
    return turns


def _inline_labels(doc: Doc, ix: ActorIndex, taken: set[int]) -> list[tuple[int, int, Actor]]:
    """Title-case labels inside running text ("… is that right? Chairman of the
    Management Board of Sberbank German Gref: Yes"): a person mention, with the title
    words before it, right before a colon, starting a sentence."""
    out = []
    for tok in doc:
        if tok.text != ":" or tok.i == 0 or tok.i + 1 >= len(doc):
            continue
        prev = doc[tok.i - 1]
        who = ix.actor(prev) if ix.is_mention(prev) else None
        if who is None or who["kind"] != "person" or (not doc[tok.i + 1].is_title and (
            not doc[tok.i + 1].is_upper
        )):
            continue
        i = tok.i - 1
        for _ in range(16):
            if i == 0:
                break
            left = doc[i - 1]
            if "\n" in left.whitespace_ or left.text in (".", "?", "!", "…", '"', "”", "*") or (
                "\n" in left.text
            ):
                break
            if not (left.is_title or left.is_upper or left.lower_ in _LEFT_WORDS):
                i = -1
                break
            i -= 1
        if i >= 0 and i not in taken:
            out.append((i, tok.i + 1, who))
    return out


def signatories(doc: Doc, ix: ActorIndex, gaz: gz.Gazetteer, words: Words,
                title_states: list[Actor]) -> list[Actor]:
    """Who signs a joint statement: the states in the apposition of its first "We" ("We,
    the G7 Foreign Ministers of Canada, France …"), else the grouping named there ("We,
    the Leaders of the G7"), else the coordinated subject of its first sentences ("The
    United States, the ROK and Japan condemn …"), else the states its title names."""
    for tok in doc:
        if tok.lower_ != "we" or tok.i > 400:
            continue
        root = tok.head
        span_end = root.i if root.i > tok.i else min(len(doc), tok.i + 40)
        found: list[Actor] = []
        for t in doc[tok.i + 1 : span_end]:
            for a in ix.actors(t):
                if a["kind"] in ("state", "organization") and a not in found:
                    found.append(a)
        states = [a for a in found if a["kind"] == "state"]
        if states:
            return states
        if found:  # "We, the Leaders of the G7": the grouping speaks in its own name
            return found[:1]
        break
    opening = _opening_subjects(doc, ix)
    if len(opening) > max(1, len(title_states)):
        return opening
    return title_states if len(title_states) >= 2 else []


def _opening_subjects(doc: Doc, ix: ActorIndex) -> list[Actor]:
    """The actors of a coordinated subject (two or more) of a clause of the first three
    sentences ("That is why today, A, B and C announce our intent …")."""
    from kg.nlp import arguments as ar
    from kg.nlp import syntax as sx

    for n, sent in enumerate(doc.sents):
        if n >= 3:
            break
        for tok in sent:
            if tok.dep_ not in ("nsubj", "nsubjpass") or not any(
                c.dep_ == "conj" for c in tok.children
            ):
                continue
            acts = [a for _t, a in ar.actors_of(ix, sx.coordinated(tok))
                    if a["kind"] in ("state", "organization")]
            if len(acts) >= 2:
                return acts
    return []


def _state(gaz: gz.Gazetteer, iso: str, date: str | None) -> Actor | None:
    entry = gaz.state(iso)
    return entry.actor(date).to_dict() if entry is not None else None


def quotes(doc: Doc, words: Words, reporting_verbs: frozenset[str]) -> list[Quote]:
    """The quotations of a Doc with the token naming who is quoted: the subject of a
    reporting verb right after the closing mark ("…," the President said) or before
    the opening one (X said: "…")."""
    text = doc.text
    out: list[Quote] = []
    for open_mark, close_mark in words.quote_marks:
        pos = 0
        while True:
            a = text.find(open_mark, pos)
            if a < 0:
                break
            b = text.find(close_mark, a + 1)
            if b < 0:
                break
            pos = b + 1
            sp = doc.char_span(a, b + 1, alignment_mode="expand")
            if sp is None or any(q.start <= sp.start < q.end for q in out):
                continue
            out.append(Quote(sp.start, sp.end, _quoted_by(doc, sp.start, sp.end, reporting_verbs)))
    return sorted(out, key=lambda q: q.start)


def _quoted_by(doc: Doc, start: int, end: int, reporting: frozenset[str]) -> int | None:
    after = doc[end : min(len(doc), end + 12)]
    before = doc[max(0, start - 15) : start]
    for part in (after, before):
        for t in part:
            if t.lemma_.lower() in reporting and t.pos_ in ("VERB", "AUX"):
                subj = _subject_of(t)
                if subj is not None:
                    return subj.i
    return None


def _subject_of(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    return None
