"""Regenerate ``ontology/gazetteer/states.jsonl`` from pycountry and curated additions.

ISO 3166-1 codes and names come from pycountry; everything a news text needs beyond
them (short news names, old names, demonyms, capitals, seats of government, QIDs) comes
from ``ontology/gazetteer/states_extra.json``. Kosovo (``XKX``), which ISO does not list,
is added from that file too.

Usage
-----
    python tools/make_states.py            # rewrite states.jsonl
    python tools/make_states.py --check    # exit 1 if states.jsonl is out of date

Examples
--------
>>> _the_forms(["Republic of Korea", "Japan"])
['the Republic of Korea']
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pycountry

__all__ = ["build_states", "main"]

GAZETTEER = Path(__file__).resolve().parent.parent / "ontology" / "gazetteer"
EXTRA = GAZETTEER / "states_extra.json"
OUT = GAZETTEER / "states.jsonl"

#: Words that make an official name one that news writes with "the".
_FORMAL = (
    "Republic",
    "Kingdom",
    "Federation",
    "State of",
    "States",
    "Union",
    "Commonwealth",
    "Principality",
    "Sultanate",
    "Confederation",
    "Grand Duchy",
    "Emirates",
)


def build_states(extra: dict[str, dict]) -> list[dict]:
    """One record per ISO 3166-1 entry (plus curated non-ISO states), sorted by iso3.

    Parameters
    ----------
    extra : dict
        The parsed ``states_extra.json`` (keys are ISO3 codes; ``_comment`` is ignored).

    Returns
    -------
    list of dict
        Records with the keys iso3, iso2, name, official, aliases, demonyms, capital,
        metonyms, wikidata.
    """
    records = {}
    codes = {c.alpha_3: c for c in pycountry.countries}
    for iso3 in sorted(set(codes) | {k for k in extra if not k.startswith("_")}):
        c = codes.get(iso3)
        x = extra.get(iso3, {})
        iso_names = []
        if c is not None:
            iso_names = [
                getattr(c, "common_name", None),
                c.name,
                getattr(c, "official_name", None),
            ]
        iso_names = [n for n in iso_names if n and "," not in n and "(" not in n]
        name = x.get("name") or (iso_names[0] if iso_names else iso3)
        official = x.get("official") or (getattr(c, "official_name", None) if c else None) or name
        if "," in official:
            official = name
        if official.startswith("the "):
            official = official[4:]
        aliases = [name, *x.get("aliases", []), *iso_names, official]
        aliases += _the_forms(aliases)
        dropped = set(x.get("drop_aliases", []))
        aliases = [a for a in aliases if a not in dropped]
        capital = x.get("capital")
        metonyms = list(x.get("metonyms", []))
        if capital and x.get("capital_is_metonym", True):
            metonyms.insert(0, capital)
        records[iso3] = {
            "iso3": iso3,
            "iso2": x.get("iso2") or (c.alpha_2 if c else None),
            "name": name,
            "official": official,
            "aliases": _unique(aliases),
            "demonyms": _unique(x.get("demonyms", [])),
            "capital": capital,
            "metonyms": _unique(metonyms),
            "wikidata": x.get("wikidata"),
        }
    return [records[k] for k in sorted(records)]


def _the_forms(names: list[str]) -> list[str]:
    """``the X`` for each formal name X (one that contains Republic, Kingdom, ...)."""
    return [f"the {n}" for n in names if not n.startswith("the ") and any(w in n for w in _FORMAL)]


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _render(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if states.jsonl is stale")
    args = parser.parse_args(argv)
    extra = json.loads(EXTRA.read_text(encoding="utf-8"))
    text = _render(build_states(extra))
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date; run python tools/make_states.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10))} states)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
