"""The conversions behind ``tools/convert_petrarch.py``: PETRARCH2 records
(``tools/petrarch_read.py``) → the shapes of our pattern and gazetteer files.

>>> _iso("720101"), _iso("20100702"), _iso("000101")
('1972-01-01', '2010-07-02', '2000-01-01')
>>> _spell("DEUGOV", ">051122")
{'code': 'DEUGOV', 'start': '2005-11-22', 'end': None}
>>> xw = crosswalk('dkg:A a owl:Class ; dkg:relationName "meets" ;\\n'
...                '    skos:closeMatch cameo:04 , plover:CONSULT .\\n\\n'
...                'dkg:B a owl:Class ; dkg:relationName "visits" ;\\n'
...                '    skos:closeMatch cameo:042 .')
>>> relation_of("0421", xw), relation_of("043:042", xw), relation_of("110", xw)
('visits', 'meets', None)
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict

from petrarch_read import Pattern, VerbLine, read_actors, read_agents, read_verbs

__all__ = [
    "compare", "convert_agents", "convert_people", "convert_verbs", "crosswalk", "relation_of",
]

VERBS_COMMENT = (
    "Converted from PETRARCH2's CAMEO verb dictionary by tools/convert_petrarch.py (do not edit "
    "by hand; see ontology/patterns/README.md). relation: our relation for the CAMEO code, by "
    "the crosswalk in _crosswalk (the skos:closeMatch cameo: codes of dkg.ttl; the longest "
    "matching prefix of the active code wins; codes outside it are 'other' and dropped). "
    "verbs: lemma -> the code of the bare verb (its own, or its block's when inherited: true); "
    "PETRARCH codes the verb's object as its target, hence targets ['dobj']. particles: lemma -> "
    "preposition or particle -> entry; the target is the object of the preposition ('* (FOR)', "
    "'+CALL_OFF'). objects: lemma -> object phrase (last word = head of the direct object, "
    "earlier words = its modifiers) -> entry; targets, when given, are prepositions after the "
    "object ('* {AIR RAID} (AGAINST)'), otherwise the target is found as for light_verbs. "
    "prep_objects: lemma -> 'PREP PHRASE' (first word the preposition, last the head of its "
    "object) -> entry ('* (FOR {HUMANITARIAN AID})'). A phrase word '&name' stands for any "
    "member of synsets['&name'] (PETRARCH's synonym sets, e.g. &currency: dollar, euro …). "
    "A lone preposition or particle after the verb ('* OFF', '* BACK') is a particle. "
    "Object and prepositional patterns with the bare verb's own relation are left out (they "
    "add nothing). relation null: PETRARCH codes the "
    "pattern as no event, or as a category outside our relations, where the bare verb has a "
    "relation: an exception to the verb's own relation ('call' is a phone call, 'called "
    "elections' is none). A pattern names the verb it was found with in its comment; it is "
    "given to that verb only, and to every verb of its block when the comment names none "
    "(PETRARCH2 applies all of a block's patterns to all its verbs). The same pattern twice: "
    "the later line wins, as in PETRARCH2's reader; the earlier codes are kept in 'also'. "
    "source: file:line and the dictionary line (for an inherited code, also the block line)."
)
AGENTS_COMMENT = (
    "Generic agent nouns of PETRARCH2's Phoenix agents dictionary with their CAMEO agent codes, "
    "converted by tools/convert_petrarch.py (do not edit by hand; see README.md, PETRARCH2). "
    "agents: phrase (lower case; the plurals PETRARCH generates or gives in {...} are left "
    "out because matching is by lemma; those a !MARKER! lists, such as 'ministers', stay) -> code. "
    "codes: each code used, its 3-letter "
    "parts' CAMEO labels and a kind in the vocabulary of patterns/actor_nouns.json: 'state' "
    "for organs CAMEO codes as the state itself (GOV, MIL, LEG, JUD, COP, SPY as first part), "
    "'organization' for IGO/NGO, 'person' for ELI (elites: former leaders), 'group' otherwise."
)
PEOPLE_COMMENT = (
    "Office holders of states from PETRARCH2's Phoenix.Countries.actors.txt (CountryInfo "
    "140130, generated 2014-01-30) that ontology/gazetteer/people.jsonl lacks, converted by "
    "tools/convert_petrarch.py (see README.md, PETRARCH2). Not read by the extractor yet. "
    "names: as in the dictionary (upper case: match case-insensitively); the first is the "
    "primary phrase; a one-word name shared by two people is dropped. spells: CAMEO actor "
    "code (ISO3 + GOV + optional sector: GOVMIL defence, GOVBUS economy/trade, GOVEDU …) with "
    "ISO dates; PETRARCH gives no role (president, minister …), only the sector. end null: "
    "open-ended in the 2014 file, so it may be long past. ELI spells (elite, out of office) "
    "are left out. line: the primary phrase's line in the source file."
)

#: CAMEO actor-code parts (Gerner, Schrodt et al., CAMEO codebook, ch. 2; PPL, MAR as used
#: in Phoenix.agents.txt) used by Phoenix.agents.txt.
CODE_LABELS = {
    "AGR": "agriculture", "BUD": "Buddhist", "BUS": "business", "CHR": "Christian",
    "COP": "police", "CRM": "criminal", "CTH": "Catholic", "CVL": "civilian",
    "DEV": "development", "EDU": "education", "ELI": "elite", "ENV": "environmental",
    "GOV": "government", "HIN": "Hindu", "HLH": "health", "HRI": "human rights",
    "IGO": "intergovernmental organization", "IMG": "international militarized group",
    "JEW": "Jewish", "JUD": "judiciary", "LAB": "labour", "LEG": "legislature",
    "MAR": "Maronite", "MED": "media", "MIL": "military", "MUS": "Muslim",
    "NGO": "non-governmental organization", "OPP": "opposition", "PPL": "people",
    "PRO": "Protestant", "PTY": "political party", "RAD": "radical", "REB": "rebels",
    "REF": "refugees", "REL": "religious", "SPY": "intelligence",
    "UAF": "unaligned armed forces",
}
STATE_PARTS = ("GOV", "MIL", "LEG", "JUD", "COP", "SPY")
WORD = re.compile(r"[a-z]+")
#: TABARI word stems left in Phoenix.agents.txt (its header: "a few stems remain").
STEMS = {"authorit", "compan", "industr"}
#: Verb particles that spaCy parses as ``prt`` but Phoenix.prepositions.txt does not list.
PARTICLES = {"apart", "ahead", "away", "back", "forth", "forward", "together"}


def _src(fname: str, n: int, text: str) -> str:
    return f"{fname}:{n} {text}"


def _entry(rel: str | None, code: str, source: str, **extra) -> dict:
    return {"relation": rel, "cameo": active_code(code), **extra, "source": source}


# ------------------------------------------------------------------ the crosswalk
def crosswalk(ttl: str) -> dict[str, str]:
    """CAMEO code → relation, from the ``skos:closeMatch cameo:…`` of every class with a
    ``dkg:relationName`` in ``dkg.ttl`` (blank-line separated subject blocks)."""
    out: dict[str, str] = {}
    for block in re.split(r"\n\s*\n", ttl):
        name = re.search(r'dkg:relationName\s+"([^"]+)"', block)
        if not name:
            continue
        for match in re.findall(r"skos:closeMatch([^;.]*)", block):
            for code in re.findall(r"cameo:(\d+)", match):
                out[code] = name.group(1)
    return out


def active_code(code: str) -> str:
    """The active part of a PETRARCH code ``ACTIVE[:PASSIVE]``, its leading digits only
    ("080!" is 080, as PETRARCH2's ``convert_code`` falls back on it); "---" for none."""
    m = re.match(r"\d+", code.split(":")[0])
    return m.group(0) if m else "---"


def relation_of(code: str, xwalk: dict[str, str]) -> str | None:
    """The relation of a PETRARCH code: the crosswalk entry that is the longest prefix of
    the active code; None for "---" and codes outside the crosswalk ("other")."""
    active = active_code(code)
    best = max((c for c in xwalk if active.startswith(c)), key=len, default=None)
    return xwalk[best] if best and active != "---" else None


# ------------------------------------------------------------------ verbs
def _shape(p: Pattern, preps: set[str]) -> tuple[str, str | None, list[str]] | str:
    """(section, preposition, phrase words) of a pattern we can use, or why not. A lone
    bare preposition after the verb ('* OFF', '* DOWN') is a particle, as spaCy parses it."""
    post = p.post
    if p.pre:
        return "pre-verb noun (subject constraint: '&MILITARY * ...')"
    if len(post) == 1 and post[0][0] == "pp" and len(post[0][2]) <= 1:
        _, prep, nps = post[0]
        return ("prep_objects", prep, nps[0]) if nps else ("particles", prep, [])
    if len(post) == 1 and post[0][0] == "np" and post[0][1][0] in preps and len(post[0][1]) == 1:
        return "particles", post[0][1][0], []
    if len(post) == 1 and post[0][0] == "np":
        return "objects", None, post[0][1]
    if len(post) == 2 and post[0][0] == "np" and post[1][0] == "pp" and not post[1][2]:
        return "objects", post[1][1], post[0][1]
    kinds = " ".join(e[0] for e in post) or "nothing"
    return f"needs the phrase structure ({kinds} after the verb)"


def _lemmas(d) -> tuple[dict[str, VerbLine], Counter]:
    """The first simple verb line of each lemma (PETRARCH2 keeps the first), minus words
    that are inflected forms of another verb of the file."""
    skipped: Counter = Counter()
    first: dict[str, VerbLine] = {}
    for v in d.verbs:
        if v.skip:
            skipped[f"verb line: {v.skip}"] += 1
        elif v.particle is None:
            if v.lemma in first:
                skipped["verb line: lemma again in a later block (PETRARCH2 keeps the first)"] += 1
            else:
                first[v.lemma] = v
    forms = {f: v.lemma for v in d.verbs for f in v.forms if f != v.lemma}
    for lemma in [lm for lm in first if lm in forms and forms[lm] != lm]:
        del first[lemma]
        skipped["verb line: an inflected form of another verb (BURNT, IS)"] += 1
    return first, skipped


def convert_verbs(text: str, xwalk: dict[str, str], preps: set[str], fname: str) -> dict:
    """``CAMEO.2.0.txt`` → the sections of ``cameo_verbs.json`` (see VERBS_COMMENT), plus
    ``_skipped`` (reason → count) and ``_codes`` (every lemma's own code, for compare())."""
    d = read_verbs(text)
    preps = preps | PARTICLES
    first, skipped = _lemmas(d)
    skipped.update(f"pattern: {p.skip}" for p in d.patterns if p.skip)
    skipped["transformation (~ line: verb-verb combination)"] += d.transformations
    out: dict[str, dict] = {"verbs": {}, "particles": {}, "objects": {}, "prep_objects": {}}
    for lemma, v in first.items():
        rel = relation_of(v.code, xwalk)
        if rel is None:
            root = active_code(v.code)[:2]
            why = "no code (pattern-only verb)" if not root.isdigit() else f"CAMEO {root}x: other"
            skipped[f"verb: {why}"] += 1
            continue
        src = _src(fname, v.lineno, v.text)
        if not v.own_code:
            src += " | " + _src(fname, *d.blocks[v.block][::2])
        out["verbs"][lemma] = _entry(rel, v.code, src, targets=["dobj"],
                                     **({} if v.own_code else {"inherited": True}))
    tables: dict[str, dict[str, dict[str, dict]]] = {k: defaultdict(dict) for k in out if k != "verbs"}

    def put(section: str, lemma: str, key: str, entry: dict) -> None:
        old = tables[section][lemma].get(key)
        if old and old["cameo"] != entry["cameo"]:
            entry["also"] = [*old.get("also", []),
                             f"{old['cameo']} {old['relation']} ({old['source'].split()[0]})"]
            entry = {k: entry[k] for k in ("relation", "cameo", "targets", "inherited", "also",
                                           "source") if k in entry}
        tables[section][lemma][key] = entry

    block_lemmas: dict[str, list[str]] = defaultdict(list)
    for lemma, v in first.items():
        block_lemmas[v.block].append(lemma)
    for p in d.patterns:
        if p.skip:
            continue
        shape = _shape(p, preps)
        if isinstance(shape, str):
            skipped[f"pattern: {shape}"] += 1
            continue
        section, prep, words = shape
        if prep is not None and prep not in preps:
            skipped["pattern: '(WORD …)' whose word is no preposition"] += 1
            continue
        if p.comment_verb in block_lemmas[p.block]:
            lemmas = [p.comment_verb]
        elif p.comment_verb in first or any(v.lemma == p.comment_verb for v in d.verbs):
            skipped["pattern: its comment names a verb of another block"] += 1
            continue
        else:
            lemmas = block_lemmas[p.block]
        undefined = [w for w in words if w.startswith("&") and w.upper() not in d.synsets]
        if undefined:
            skipped["pattern: undefined synset"] += 1
            continue
        if not all(w.startswith("&") or WORD.fullmatch(w) for w in words):
            skipped["pattern: a word spaCy splits (hyphen, apostrophe, digit)"] += 1
            continue
        rel = relation_of(p.code, xwalk)
        phrase = " ".join(words)
        key = prep if section == "particles" else (
            f"{prep} {phrase}" if section == "prep_objects" else phrase)
        extra = {"targets": [prep]} if section == "objects" and prep else {}
        for lemma in lemmas:
            put(section, lemma, key, _entry(rel, p.code, _src(fname, p.lineno, p.text), **extra))
    compounds: dict[tuple[str, str], VerbLine] = {}  # "+ASK_FOR [020]", "+CALL_OFF [160]"
    for v in d.verbs:
        if v.particle is None or v.skip:
            continue
        if v.particle not in preps:
            skipped["verb line: compound with a non-preposition (TAKE_LEAVE)"] += 1
        elif (v.lemma, v.particle) in compounds:
            skipped["verb line: compound again in a later block (PETRARCH2 keeps the first)"] += 1
        else:
            compounds[(v.lemma, v.particle)] = v
    for (lemma, prep), v in compounds.items():  # PETRARCH2 reads "met with" as the verb
        src = _src(fname, v.lineno, v.text)
        if not v.own_code:
            src += " | " + _src(fname, *d.blocks[v.block][::2])
        put("particles", lemma, prep, _entry(relation_of(v.code, xwalk), v.code, src,
                                            **({} if v.own_code else {"inherited": True})))
    for section, table in tables.items():
        for lemma in sorted(table):
            bare = out["verbs"].get(lemma, {}).get("relation")
            kept = {}
            for k, e in sorted(table[lemma].items()):
                if e["relation"] is None and bare is None:
                    skipped[f"{section}: no event or other, on a verb without a relation"] += 1
                elif section != "particles" and e["relation"] == bare and "targets" not in e:
                    skipped[f"{section}: same relation as the bare verb (adds nothing)"] += 1
                else:
                    kept[k] = e
            if kept:
                out[section][lemma] = kept
    used = sorted({w for sec in ("objects", "prep_objects") for t in out[sec].values()
                   for k in t for w in k.split() if w.startswith("&")})
    out["synsets"] = {}
    for name in used:
        members = [" ".join(m) for m in d.synsets[name.upper()]]
        out["synsets"][name] = sorted({m for m in members if all(map(WORD.fullmatch, m.split()))})
        skipped["synset member: a word spaCy splits"] += len(set(members)) - len(out["synsets"][name])
    out["verbs"] = dict(sorted(out["verbs"].items()))
    codes = {lm: (active_code(v.code), _src(fname, v.lineno, v.text))
             for lm, v in first.items()}
    return {"_skipped": dict(sorted(skipped.items())), **out, "_codes": codes}


# ------------------------------------------------------------------ agents
def convert_agents(text: str, fname: str) -> dict:
    """``Phoenix.agents.txt`` → ``agents.json`` sections (see AGENTS_COMMENT)."""
    rows, subs = read_agents(text)
    skipped: Counter = Counter()
    markers = {m.lower(): [x.lower() for x in items] for m, items in subs.items()}
    phrases = []
    for _n, p, c in rows:
        words = p.replace("_", " ").lower().split()
        stem = next((i for i, w in enumerate(words) if w in markers), None)
        if stem is None:
            phrases.append((words, c.strip("~")))
        else:  # "DEFENSE_MINIST": a TABARI stem spelt like the !MINIST! marker: read as it
            skipped["stem read as its substitution marker (MINIST: minister, ministry …)"] += 1
            phrases += [([*words[:stem], x, *words[stem + 1:]], c.strip("~"))
                        for x in markers[words[stem]]]
    agents: dict[str, str] = {}
    for words, code in phrases:
        if not words or not all(WORD.fullmatch(w) for w in words):
            skipped["a word spaCy splits (hyphen, apostrophe, digit)"] += 1
        elif not re.fullmatch(r"(?:[A-Z]{3})+", code) or any(
                code[i:i + 3] not in CODE_LABELS for i in range(0, len(code), 3)):
            skipped["code not made of known CAMEO parts"] += 1
        elif words[-1] in STEMS:
            skipped["stem, not a word (TRANSPORT_COMPAN): PETRARCH2 matches whole words"] += 1
        else:
            key = " ".join(words)
            if key in agents and agents[key] != code:
                skipped["phrase listed again with another code (the later wins)"] += 1
            agents[key] = code
    codes = {}
    for code in sorted(set(agents.values())):
        parts = [code[i:i + 3] for i in range(0, len(code), 3)]
        kind = ("state" if parts[0] in STATE_PARTS else "organization" if parts[0] in ("IGO", "NGO")
                else "person" if parts[0] == "ELI" else "group")
        codes[code] = {"label": ", ".join(CODE_LABELS[p] for p in parts), "kind": kind}
    return {"_skipped": dict(sorted(skipped.items())), "codes": codes,
            "agents": dict(sorted(agents.items()))}


# ------------------------------------------------------------------ people
def _iso(d: str) -> str | None:
    """PETRARCH's YYMMDD (YY <= 30 is 20YY) or YYYYMMDD date as ISO, None if invalid."""
    if not d.isdigit() or len(d) not in (6, 8):
        return None
    if len(d) == 6:
        d = ("20" if int(d[:2]) <= 30 else "19") + d
    import datetime

    try:
        return datetime.date(int(d[:4]), int(d[4:6]), int(d[6:8])).isoformat()
    except ValueError:
        return None


def _spell(code: str, dates: str) -> dict | None:
    dates = dates.replace(" ", "")
    if dates.startswith(">"):
        start, end = _iso(dates[1:]), None
        ok = start is not None
    elif dates.startswith("<"):
        start, end = None, _iso(dates[1:])
        ok = end is not None
    else:
        a, _, b = dates.partition("-")
        start, end = _iso(a), _iso(b)
        ok = start is not None and end is not None
    ok = ok and (start is None or end is None or start <= end)
    return {"code": code, "start": start, "end": end} if ok else None


def _norm(name: str) -> str:
    """Upper case, no accents, no dots, hyphens or underscores: "Horst Köhler" = "HORST_KOHLER"."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[._\-]", " ", plain.upper()).split())


def convert_people(text: str, states: set[str], people_jsonl: str, since: str = "2010-01-01",
                   sectors: tuple[str, ...] = ("", "MIL")) -> tuple[list[dict], dict[str, int]]:
    """Persons with a dated government spell of a state (``XXXGOV`` + a sector in
    ``sectors``: "" the core government, "MIL" defence) that reaches ``since`` or is
    open-ended, minus those whose names are in ``people.jsonl`` (see PEOPLE_COMMENT)."""
    known = set()
    for ln in people_jsonl.splitlines():
        if ln.strip() and not ln.startswith("//"):
            rec = json.loads(ln)
            known.update(_norm(a) for a in [rec["label"], *rec.get("aliases", [])])
    skipped: Counter = Counter()
    out = []
    for r in read_actors(text):
        dated = [c for c in r["codes"] if len(c) == 2]
        if not dated:
            skipped["no dated spell (states, institutions, undated names)"] += 1
            continue
        spells = []
        for code, dates in dated:
            if code[:3] in states and code[3:6] == "GOV" and code[6:] in sectors:
                s = _spell(code, dates)
                if s is None:
                    skipped["spell: invalid date, or its end before its start"] += 1
                else:
                    spells.append(s)
        if not spells:
            skipped["no core-government or defence spell of a state (sector minister, elite)"] += 1
            continue
        if not any((s["end"] or "9999") >= since for s in spells):
            skipped[f"every spell ended before {since}"] += 1
            continue
        names = list(dict.fromkeys(" ".join(n.replace("_", " ").split()) for n in r["names"]))
        if any(_norm(n) in known for n in names):
            skipped["already in people.jsonl"] += 1
            continue
        spells.sort(key=lambda s: (s["start"] or "", s["end"] or "9999", s["code"]))
        out.append({"names": names, "spells": [[s["code"], s["start"], s["end"]] for s in spells],
                    "line": r["line"]})
    single = Counter(n for p in out for n in set(p["names"]) if " " not in n)
    for p in out:
        keep = [n for n in p["names"] if " " in n or (single[n] == 1 and _norm(n) not in known)]
        skipped["one-word name shared with another person (dropped)"] += len(p["names"]) - len(keep)
        p["names"] = keep
    out = [p for p in out if p["names"]]
    return out, dict(sorted(skipped.items()))


# ------------------------------------------------------------------ coverage
def compare(cv: dict, rel: dict) -> str:
    """Markdown: what of ``cv`` (convert_verbs() output, with ``_codes``) the
    ``relations.json`` tables ``rel`` do not cover, and where they disagree."""
    ours, pverbs, codes = rel["verbs"], cv["verbs"], cv["_codes"]
    lines = ["## PETRARCH verbs not in relations.json `verbs`", ""]
    missing: dict[str, list[str]] = defaultdict(list)
    for lemma, e in pverbs.items():
        if lemma not in ours:
            tag = "*" if e.get("inherited") else ""
            missing[e["relation"]].append(f"{lemma} {e['cameo']}{tag}")
    lines.append(f"{sum(map(len, missing.values()))} of {len(pverbs)} PETRARCH verbs with a "
                 "relation (* = code inherited from the verb's block, not its own):")
    for r in sorted(missing):
        lines.append(f"- **{r}** ({len(missing[r])}): " + ", ".join(sorted(missing[r])))
    lines += ["", "## relations.json `verbs` whose relation PETRARCH codes differently", ""]
    absent = []
    for lemma, spec in sorted(ours.items()):
        if lemma not in codes:
            absent.append(lemma)
            continue
        p = pverbs.get(lemma)
        if p is None or p["relation"] != spec["relation"]:
            code, src = codes[lemma]
            got = p["relation"] if p else ("no code of its own" if code == "---" else "other")
            lines.append(f"- `{lemma}`: ours **{spec['relation']}**, PETRARCH {code} → "
                         f"{got} (`{src}`)")
    lines += ["", f"Not in PETRARCH's verb list at all ({len(absent)}): " + ", ".join(absent)]
    lines += ["", "## particles (verb + preposition)", ""]
    miss, differ = [], []
    for lemma, table in cv["particles"].items():
        for prep, e in table.items():
            o = rel["particles"].get(lemma, {}).get(prep)
            if e["relation"] is None:
                continue
            if o is None:
                miss.append(f"{lemma} {prep} → {e['relation']} ({e['cameo']})")
            elif o != e["relation"]:
                differ.append(f"{lemma} {prep}: ours {o}, PETRARCH {e['cameo']} → {e['relation']}")
    lines.append(f"Not in relations.json `particles` ({len(miss)}): " + "; ".join(miss))
    lines.append(f"\nDisagree ({len(differ)}): " + ("; ".join(differ) or "none"))
    lines += ["", "## PETRARCH patterns that change the relation of one of our verbs", "",
              "Particles, objects and prepositional phrases of a lemma in relations.json "
              "`verbs` whose relation is not the verb's relation there (None: no event):", ""]
    for lemma, spec in sorted(ours.items()):
        found = [f"{k} → {e['relation']} ({e['cameo']})"
                 for sec in ("particles", "objects", "prep_objects")
                 for k, e in cv[sec].get(lemma, {}).items() if e["relation"] != spec["relation"]]
        if found:
            lines.append(f"- `{lemma}` ({spec['relation']}, {len(found)}): " + "; ".join(found))
    light, nouns = set(rel["light_verbs"]["lemmas"]), rel["light_verbs"]["nouns"]
    covered: Counter = Counter()
    for lemma, table in cv["objects"].items():
        for phrase, e in table.items():
            if e["relation"] is not None:
                head = phrase.split()[-1]
                covered["covered" if lemma in light and nouns.get(head) == e["relation"]
                        else "not covered"] += 1
    lines += ["", "## objects (verb + object noun) against `light_verbs`", "",
              f"{dict(sorted(covered.items()))} entries with a relation (covered: the verb is a "
              "light-verb lemma and light_verbs.nouns gives the head noun the same relation)."]
    return "\n".join(lines)
