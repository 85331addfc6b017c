"""The ``dkg_discourse`` spaCy component: the document layer, between ``dkg_actors``
(mentions in sentences) and ``dkg_relations`` (constructions).

It reads the facts of the whole document (:mod:`kg.nlp.docfacts`: publisher, byline,
transcript turns, joint-statement signatories, quotations), then resolves, in reading
order, the mentions that name an actor only through the document
(:mod:`kg.nlp.resolution`: pronouns by salience, titles alone, "we", "the two leaders").

It assigns:

* ``doc.spans["dkg_resolved"]``: one-token spans whose ``span._.dkg_actor`` is the actor
  a pronoun or title names;
* ``doc.spans["dkg_groups"]``: spans whose ``span._.dkg_actors`` lists the actors a group
  mention names ("the two leaders" after a call between A and B; "we" in a joint
  statement);
* ``doc._.dkg_facts``: the document facts as plain data (publisher state, principal,
  author, turns, signatories).

The document's own facts come in as Doc extensions set before the pipeline runs, as
``doc._.dkg_date`` is (:func:`kg.extraction.make_doc`): ``dkg_title``, ``dkg_url``,
``dkg_publisher``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.nlp import gazetteer as gz
from kg.nlp.actors import SPAN_KEY
from kg.nlp.arguments import ActorIndex
from kg.nlp.docfacts import (
    Words,
    byline_end,
    is_joint_statement,
    load_words,
    publisher_of,
    quotes,
    signatories,
    speaker_turns,
)
from kg.nlp.patterns import load_patterns
from kg.nlp.resolution import Facts, Resolver, title_key
from kg.resources import read_text

__all__ = ["GROUPS_KEY", "RESOLVED_KEY", "VOICE_KEY", "DiscourseResolver", "make_discourse",
           "register_document_extensions"]

#: span group of pronouns and titles resolved to one actor
RESOLVED_KEY = "dkg_resolved"
#: span group of mentions resolved to several actors ("the two leaders")
GROUPS_KEY = "dkg_groups"
#: span group of sentences with the actors they speak for (their ``span._.dkg_actors``)
VOICE_KEY = "dkg_voice"
_SEGMENT = re.compile(r"\b(?:by|between|from|of)\b(?!.*\b(?:by|between|from|of)\b)", re.I)


def register_document_extensions() -> None:
    """The Doc and Span extensions of the document layer (idempotent)."""
    for name in ("dkg_date", "dkg_title", "dkg_url", "dkg_publisher", "dkg_facts"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Span.has_extension("dkg_actors"):
        Span.set_extension("dkg_actors", default=None)
    if not Span.has_extension("dkg_actor"):
        Span.set_extension("dkg_actor", default=None)


@Language.factory(
    "dkg_discourse",
    requires=["doc.spans"],
    assigns=["doc.spans", "doc._.dkg_facts"],
    default_config={"span_key": SPAN_KEY, "resolved_key": RESOLVED_KEY, "groups_key": GROUPS_KEY},
)
def make_discourse(nlp: Language, name: str, span_key: str, resolved_key: str,
                   groups_key: str) -> DiscourseResolver:
    """Factory of the ``dkg_discourse`` component: forwards its config."""
    return DiscourseResolver(nlp, name, span_key=span_key, resolved_key=resolved_key,
                             groups_key=groups_key)


class DiscourseResolver:
    """Document facts and mention resolution (see module doc)."""

    def __init__(self, nlp: Language, name: str = "dkg_discourse", *, span_key: str = SPAN_KEY,
                 resolved_key: str = RESOLVED_KEY, groups_key: str = GROUPS_KEY):
        register_document_extensions()
        self.name = name
        self.span_key, self.resolved_key, self.groups_key = span_key, resolved_key, groups_key
        self.tokenizer = nlp.tokenizer
        self.gaz = gz.load_gazetteer()
        self.words: Words = load_words()
        self.patterns = load_patterns()
        self.titles: dict[str, list[str]] = json.loads(read_text("patterns/titles.json"))["titles"]

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.resolved_key] = []
        doc.spans[self.groups_key] = []
        doc.spans[VOICE_KEY] = []
        if not doc.has_annotation("DEP"):
            return doc
        pat = self.patterns
        ix = ActorIndex.of(doc, span_keys=(self.span_key,), of_heads=pat.of_heads,
                           message_nouns=pat.message_nouns, title_heads=pat.title_heads)
        facts = self.facts(doc, ix)
        resolver = Resolver(doc, ix, facts, self.words, pat.cues.reporting_verbs)
        found = resolver.run()
        singles, groups = [], []
        for i, acts in sorted(found.items()):
            sp = Span(doc, i, i + 1)
            if len(acts) == 1:
                sp._.dkg_actor = acts[0]
                singles.append(sp)
            else:
                sp._.dkg_actors = acts
                groups.append(sp)
        doc.spans[self.resolved_key] = singles
        doc.spans[self.groups_key] = groups
        voices = []
        for sent, acts in resolver.voices:
            sp = Span(doc, sent.start, sent.end)
            sp._.dkg_actors = acts
            voices.append(sp)
        doc.spans[VOICE_KEY] = voices
        doc._.dkg_facts = {
            "state": facts.state, "principal": facts.principal, "author": facts.author,
            "signatories": facts.signatories, "joint": facts.joint,
            "turns": [[t.start, t.end, t.speaker] for t in facts.turns],
        }
        return doc

    # -- the facts of one document ----------------------------------------------------
    def facts(self, doc: Doc, ix: ActorIndex) -> Facts:
        """Publisher, principal, byline author, turns, signatories and quotes of a Doc."""
        w, gaz, date = self.words, self.gaz, doc._.dkg_date
        first_line = doc.text.split("\n", 1)[0][:200]
        pub = publisher_of(doc._.dkg_url, doc._.dkg_publisher, first_line, w)
        f = Facts(state_of=lambda iso: self._state(iso, date),
                  roles_of=lambda actor: self._roles_of(actor, date), title_roles=self.titles)
        if pub is not None:
            f.state = self._state(pub["state"], date)
            holder = gaz.holder(pub["roles"], pub["state"], date)
            f.principal = _person(holder, date) if holder is not None else None
            f.principal_titles = frozenset(pub["titles"])
        end = byline_end(doc)
        for sp in doc.spans.get(self.span_key, []):
            if sp.start < end and sp._.dkg_actor and sp._.dkg_actor["kind"] == "person":
                f.author = sp._.dkg_actor
                break

        def by_title(words: list[str]) -> dict[str, Any] | None:
            key = title_key(words, w)
            return f.principal if key is not None and key in f.principal_titles else None

        f.turns = speaker_turns(doc, ix, gaz, w, by_title, f.state)
        f.joint = is_joint_statement(doc._.dkg_title, w)
        title_states = self._title_states(doc._.dkg_title, date) if f.joint else []
        f.signatories = signatories(doc, ix, gaz, w, title_states)
        f.quotes = quotes(doc, w, self.patterns.cues.reporting_verbs)
        return f

    def _roles_of(self, actor: dict[str, Any], date: str | None) -> set[str]:
        """The gazetteer roles a person holds on the date (none for unknown people)."""
        hits = self.gaz.lookup(actor["label"])
        if not hits or hits[0][1] != gz.PERSON:
            return set()
        return {r.role for r in hits[0][0].roles if r.holds_on(date)}

    def _state(self, iso: str | None, date: str | None) -> dict[str, Any] | None:
        entry = self.gaz.state(iso)
        return entry.actor(date).to_dict() if entry is not None else None

    def _title_states(self, title: str | None, date: str | None) -> list[dict[str, Any]]:
        """The states a joint statement's title names as its authors: after its last
        "by/of/between/from", else before "Joint", else anywhere (two at least)."""
        if not title:
            return []
        m = _SEGMENT.search(title)
        low = title.lower()
        parts = [title[m.end():] if m else "", title[: low.find("joint")] if "joint" in low else "",
                 title]
        for part in parts:
            states = self._states_in(part, date)
            if len(states) >= 2:
                return states
        return []

    def _states_in(self, text: str, date: str | None) -> list[dict[str, Any]]:
        toks = [t.text for t in self.tokenizer(text)]
        out: list[dict[str, Any]] = []
        i = 0
        while i < len(toks):
            for n in range(min(5, len(toks) - i), 0, -1):
                hits = self.gaz.lookup(" ".join(toks[i : i + n]).replace(" - ", "-"))
                if not hits:
                    continue
                entry, how = hits[0]
                iso = entry.key if how in (gz.NAME, gz.DEMONYM, gz.METONYM) else (
                    entry.actor(date).country if how == gz.PERSON else None)
                st = self._state(iso, date)
                if st is not None and st not in out:
                    out.append(st)
                i += n - 1
                break
            i += 1
        return out


def _person(entry: gz.Entry, date: str | None) -> dict[str, Any]:
    d = entry.actor(date).to_dict()
    d["gender"] = entry.gender
    return d
