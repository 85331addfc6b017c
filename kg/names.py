"""Finding actors by the names people type: ``Putin``, ``bashar al-assad``, ``Zelenskyy``.

One matcher for every place a user names an actor (``kg analyze --actor``, ``kg query
--param``): labels compared without regard to case, accents or punctuation, the
gazetteer's aliases (``ontology/gazetteer/``, read through :mod:`kg.nlp.gazetteer`), a
surname or any last words of a name, ISO-3 codes, Wikidata QIDs and IRIs. A name that
matches no actor gets the nearest names by similarity, never a list in alphabetical
order. It also knows the name of every state, so a state that appears only as the
country of a person (``--roll-up``) is called "China", not "CHN".

Examples
--------
>>> actors = [Candidate("urn:a/Q7747", "Vladimir Putin", "person", "RUS", "Q7747"),
...           Candidate("urn:a/Q44329", "Bashar al-Assad", "person", "SYR", "Q44329"),
...           Candidate("urn:a/RUS", "Russia", "state", "RUS", "Q159")]
>>> [m.label for m in match("putin", actors)]
['Vladimir Putin']
>>> [m.label for m in match("BASHAR AL ASSAD", actors)], [m.label for m in match("Assad", actors)]
(['Bashar al-Assad'], ['Bashar al-Assad'])
>>> [m.label for m in match("rus", actors)]
['Russia']
>>> match("Narnia", actors)
[]
>>> [c.label for c in nearest("Putn", actors)]
['Vladimir Putin']
>>> state_name("CHN")
'China'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

__all__ = ["Candidate", "match", "nearest", "normalize", "not_found_message", "state_name", "state_record"]


@dataclass(frozen=True)
class Candidate:
    """An actor a name may denote: its IRI, label, kind, ISO-3 country and Wikidata QID."""

    id: str
    label: str
    kind: str | None = None
    country: str | None = None
    wikidata: str | None = None


def normalize(name: str) -> str:
    """A name as compared: accents dropped, case folded, punctuation as spaces, no
    leading "the".

    >>> normalize("  Bashar al-Assad "), normalize("Luminiţa-Teodora"), normalize("the West")
    ('bashar al assad', 'luminita teodora', 'west')
    """
    s = unicodedata.normalize("NFKD", str(name))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[\W_]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def match(name: str, candidates: Iterable[Candidate]) -> list[Candidate]:
    """The actors ``name`` denotes, by the first rule that finds any.

    1. the IRI, its last segment, a Wikidata QID, or a state's ISO-3 code;
    2. the label (see :func:`normalize`);
    3. an alias of the gazetteer entry of the actor;
    4. the last words of the label or of an alias (a surname: ``Putin``, ``al-Assad``).

    Returns
    -------
    list of Candidate
        Sorted by label; empty when nothing matches, several when the name is ambiguous
        (two people called Bush).
    """
    cands = list(candidates)
    raw = str(name).strip()
    key = normalize(raw)
    if not key:
        return []
    aliases = _aliases()
    rules = (
        lambda c: raw in (c.id, c.id.rsplit("/", 1)[-1])
        or (c.wikidata or "").casefold() == raw.casefold()
        or (c.kind == "state" and (c.country or "").casefold() == raw.casefold()),
        lambda c: normalize(c.label) == key,
        lambda c: key in aliases.get(c.id, ()),
        lambda c: any(_ends_with(n, key) for n in (normalize(c.label), *aliases.get(c.id, ()))),
    )
    for rule in rules:
        found = [c for c in cands if rule(c)]
        if found:
            return sorted(set(found), key=lambda c: (c.label, c.id))
    return []


def nearest(
    name: str, candidates: Iterable[Candidate], *, n: int = 5, cutoff: float = 0.7
) -> list[Candidate]:
    """The ``n`` actors whose label, alias or one word of them is most like ``name``
    (difflib's ratio, at least ``cutoff``), best first.

    >>> cands = [Candidate("a", "Volodymyr Zelensky"), Candidate("b", "Joe Biden")]
    >>> [c.label for c in nearest("Zelenski", cands)]
    ['Volodymyr Zelensky']
    """
    key = normalize(name)
    if not key:
        return []
    aliases = _aliases()
    scored = []
    for c in candidates:
        names = {normalize(c.label), *aliases.get(c.id, ())}
        words = {w for x in names for w in x.split() if len(w) > 2}
        score = max(
            [difflib.SequenceMatcher(None, key, x).ratio() for x in names]
            + [0.95 * difflib.SequenceMatcher(None, key, w).ratio() for w in words]
        )
        if score >= cutoff:
            scored.append((-score, c.label, c))
    return [c for *_, c in sorted(scored, key=lambda t: (t[0], t[1]))[:n]]


def not_found_message(name: str, candidates: Iterable[Candidate], what: str = "the graph") -> str:
    """``no actor 'Narnia' in the graph; nearest: …`` (or how to list them when none is near).

    >>> not_found_message("Putn", [Candidate("a", "Vladimir Putin")])
    "no actor 'Putn' in the graph; nearest: Vladimir Putin"
    """
    near = nearest(name, candidates)
    if near:
        return f"no actor {name!r} in {what}; nearest: {', '.join(c.label for c in near)}"
    return (f"no actor {name!r} in {what}, and none with a similar name "
            "(kg query --saved actors_by_partners lists them)")  # fmt: skip


def ambiguous_message(name: str, found: list[Candidate]) -> str:
    """``'Bush' names 2 actors: …; give one of them``."""
    listed = ", ".join(f"{c.label} ({c.id.rsplit('/', 1)[-1]})" for c in found[:8])
    return f"{name!r} names {len(found)} actors: {listed}; give one of them (label, QID or IRI)"


def state_name(iso3: str | None) -> str | None:
    """The gazetteer's name of a state (``"ESP"`` → ``"Spain"``), None when unknown."""
    record = state_record(iso3)
    return str(record["name"]) if record else None


def state_record(iso3: str | None) -> dict | None:
    """The gazetteer's record of a state (``name``, ``wikidata``, …), None when unknown.

    >>> state_record("ESP")["wikidata"]
    'Q29'
    """
    return _states().get(str(iso3).upper()) if iso3 else None


def _ends_with(name: str, key: str) -> bool:
    return name != key and (" " + name).endswith(" " + key)


@cache
def _aliases() -> dict[str, frozenset[str]]:
    """Actor IRI → the normalised aliases of its gazetteer entry (read once)."""
    from kg.nlp.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    out: dict[str, set[str]] = {}
    for text, hits in gaz.aliases.items():
        for key, _how in hits:
            out.setdefault(gaz.entries[key].actor().id, set()).add(normalize(text))
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _states() -> dict[str, dict]:
    from kg.resources import read_jsonl

    return {str(r["iso3"]): r for r in read_jsonl("gazetteer/states.jsonl")}
