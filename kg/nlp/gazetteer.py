"""The gazetteer: states, organisations, groups, collectives and people, read from
``ontology/gazetteer/*.jsonl`` once per process.

Examples
--------
>>> gaz = load_gazetteer()
>>> gaz.entries["RUS"].label
'Russia'
>>> gaz.holder(["president"], "RUS", "2023-03-15").label
'Vladimir Putin'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from kg.iri import actor_iri
from kg.records import Actor, ActorKind
from kg.resources import read_jsonl

__all__ = ["Entry", "Gazetteer", "Role", "load_gazetteer"]

#: How an alias names its entry; decides how the actor layer treats a match.
NAME, DEMONYM, METONYM, PERSON, ORG = "name", "demonym", "metonym", "person", "org"


@dataclass(frozen=True)
class Role:
    role: str
    country: str | None
    org: str | None
    start: str | None
    end: str | None

    def holds_on(self, date: str | None) -> bool:
        """True when the role was held on ``date`` (or is current, with no date)."""
        if date is None:
            return self.end is None
        return (self.start or "0000") <= date and (self.end is None or date <= self.end)


@dataclass
class Entry:
    """One gazetteer entry: its canonical key (ISO-3, QID or slug) and facts."""

    key: str
    label: str
    kind: ActorKind
    country: str | None = None
    wikidata: str | None = None
    gender: str | None = None
    roles: list[Role] = field(default_factory=list)

    def actor(self, date: str | None = None) -> Actor:
        """The :class:`Actor` for this entry; a person's country is the state of the
        role held on ``date`` (else the latest role)."""
        country = self.country
        if self.kind is ActorKind.PERSON and self.roles:
            held = [r for r in self.roles if r.country and r.holds_on(date)]
            if not held:
                held = sorted((r for r in self.roles if r.country), key=lambda r: r.start or "")[-1:]
            country = held[0].country if held else None
        # states are keyed by ISO-3 (dkg:country points there); others by QID, else label
        iri_key = self.key if self.kind is ActorKind.STATE else (self.wikidata or self.label)
        return Actor(
            id=actor_iri(iri_key), label=self.label, kind=self.kind, country=country,
            wikidata=self.wikidata,
        )


@dataclass
class Gazetteer:
    """Aliases → entries, plus the office holders by role, state and date."""

    entries: dict[str, Entry]
    aliases: dict[str, list[tuple[str, str]]]  # alias text → [(entry key, how)]

    def lookup(self, text: str) -> list[tuple[Entry, str]]:
        """Entries an alias names, with how it names them (name, demonym, metonym…)."""
        text = text.replace("\u2019", "'")
        hits = self.aliases.get(text) or self.aliases.get(_strip_the(text)) or []
        return [(self.entries[k], how) for k, how in hits]

    def surname_country(self, surname: str, date: str | None) -> str | None:
        """The state of every person of the gazetteer with that surname, when they all
        share one ("Bush" in an undated sentence is American either way)."""
        cached = self.__dict__.get("_surnames")
        if cached is None:
            cached = {}
            for e in self._people():
                last = e.label.split()[-1] if e.label.split() else ""
                cached.setdefault(last, []).append(e)
            self.__dict__["_surnames"] = cached
        countries = {e.actor(date).country for e in cached.get(surname, [])}
        return countries.pop() if len(countries) == 1 else None

    def state(self, iso3: str | None) -> Entry | None:
        return self.entries.get(iso3) if iso3 else None

    def holder(self, roles: list[str], country: str | None, date: str | None,
               org: str | None = None) -> Entry | None:
        """The person holding one of ``roles`` for ``country`` (or ``org``) on ``date``."""
        for role in roles:
            found = [
                e for e in self._people()
                for r in e.roles
                if r.role == role and r.country == country and (org is None or r.org == org)
                and r.holds_on(date)
            ]
            if len(found) == 1:
                return found[0]
        return None

    def _people(self) -> list[Entry]:
        cached = self.__dict__.get("_people_cache")
        if cached is None:
            cached = [e for e in self.entries.values() if e.kind is ActorKind.PERSON]
            self.__dict__["_people_cache"] = cached
        return cached


def _strip_the(s: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", s)


def _valid_date(s: str | None) -> str | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s).isoformat()
    except ValueError:
        return None


@cache
def load_gazetteer() -> Gazetteer:
    """Read every gazetteer file once per process (cached)."""
    entries: dict[str, Entry] = {}
    aliases: dict[str, list[tuple[str, str]]] = {}

    def add_alias(text: str, key: str, how: str, strip: bool = True) -> None:
        text = _strip_the(text.strip()) if strip else text.strip()
        if not text:
            return
        lst = aliases.setdefault(text, [])
        if (key, how) not in lst:
            lst.append((key, how))

    for rec in read_jsonl("gazetteer/states.jsonl"):
        key = rec["iso3"]
        entries[key] = Entry(key, rec["name"], ActorKind.STATE, key, rec.get("wikidata"))
        for a in [rec["name"], rec.get("official") or "", *rec.get("aliases", [])]:
            add_alias(a, key, NAME)
        for a in rec.get("demonyms", []):
            add_alias(a, key, DEMONYM)
        for a in rec.get("metonyms", []):  # capitals that are also common words stay out
            add_alias(a, key, METONYM)
    for fname, kind in (
        ("organizations", ActorKind.ORGANIZATION),
        ("groups", ActorKind.GROUP),
        ("collectives", ActorKind.COLLECTIVE),
    ):
        for rec in read_jsonl(f"gazetteer/{fname}.jsonl"):
            key = str(rec["id"])
            entries[key] = Entry(key, rec["label"], ActorKind(rec.get("kind", kind.value)),
                                 rec.get("country"), rec.get("wikidata"))
            for a in [rec["label"], *rec.get("aliases", [])]:
                # "the West" keeps its article: a bare "West" is a compass point
                add_alias(a, key, ORG, strip=kind is not ActorKind.COLLECTIVE)
    for rec in read_jsonl("gazetteer/people.jsonl"):
        key = rec.get("wikidata") or rec["label"]
        roles = [
            Role(r["role"], r.get("country"), r.get("org"), _valid_date(r.get("start")),
                 _valid_date(r.get("end")))
            for r in rec.get("roles", [])
        ]
        entries[key] = Entry(key, rec["label"], ActorKind.PERSON, None, rec.get("wikidata"),
                             rec.get("gender"), roles)
        for a in [rec["label"], *rec.get("aliases", [])]:
            add_alias(a, key, PERSON)
    return Gazetteer(entries, aliases)
