"""Readers for PETRARCH2's dictionaries (``openeventdata/petrarch2``), stdlib only.

Each reader follows the corresponding function of PETRARCH2's ``PETRreader.py`` (named
in its docstring) and returns plain records with the line number they came from, so the
converter (``tools/convert_petrarch.py``) can cite every entry it writes. Where PETRARCH2
itself mis-reads a line, the deviation is noted at the place it is made.

>>> v = read_verbs('''####### VERB PATTERNS #######
... ---  CALL   [041:041]  ---
... CALL
... +CALL_OFF [160]
... - * (FOR)                [020]    # CALL
... ''')
>>> [(w.lemma, w.particle, w.code, w.block) for w in v.verbs]
[('call', None, '041:041', 'CALL'), ('call', 'off', '160', 'CALL')]
>>> p = v.patterns[0]
>>> (p.block, p.code, p.comment_verb, p.post)
('CALL', '020', 'call', [('pp', 'for', [])])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Pattern", "VerbDict", "VerbLine", "read_actors", "read_agents", "read_verbs"]

_CODE = re.compile(r"\[([^\]]*)\]")
_MARKERS = set("$+%^")  # TABARI source/target/compound/skip tokens inside patterns


@dataclass
class VerbLine:
    """One verb of a synonym block: ``MEET {MEETS MET MEETING}`` or ``+ASK_FOR [020]``."""

    lineno: int
    text: str
    block: str
    lemma: str
    code: str  # the verb's own code, else the block's ("---" = no event)
    own_code: bool
    particle: str | None = None  # "+ASK_FOR": "for"
    forms: list[str] = field(default_factory=list)  # {IRREGULAR} or generated forms
    skip: str | None = None  # why the converter cannot use it


@dataclass
class Pattern:
    """One pattern line ``- pre * post [code] # comment`` of a verb block."""

    lineno: int
    text: str
    block: str
    code: str
    comment_verb: str | None  # first word of the comment, lower case
    pre: list[str]
    post: list[tuple]  # ("np", [words]) and ("pp", prep, [np-words, ...])
    skip: str | None = None


@dataclass
class VerbDict:
    synsets: dict[str, list[list[str]]] = field(default_factory=dict)
    verbs: list[VerbLine] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    blocks: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # name: (line, code, text)
    transformations: int = 0


def _clean(line: str) -> str:
    return " ".join(line.split())


def _phrases(tokens: list[str]) -> list[tuple] | None:
    """Post-verb tokens as PETRARCH2's ``resolve_patseg`` groups them: bare words and
    ``{MOD ... HEAD}`` are noun phrases, ``(PREP NP ...)`` a prepositional phrase.
    None when the brackets do not balance."""
    out: list[tuple] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.startswith("("):
            inner: list[str] = []
            while True:
                inner.append(tokens[i])
                if tokens[i].endswith(")") or i + 1 == len(tokens):
                    break
                i += 1
            if not inner[-1].endswith(")"):
                return None
            words = " ".join(inner)[1:-1].split()
            if not words:
                return None
            nps = _phrases(words[1:])
            if nps is None or any(k != "np" for k, *_ in nps):
                return None
            out.append(("pp", words[0], [np[1] for np in nps]))
        elif t.startswith("{"):
            words = []
            while True:
                words.append(tokens[i].strip("{}"))
                if tokens[i].endswith("}") or i + 1 == len(tokens):
                    break
                i += 1
            if not tokens[i].endswith("}"):
                return None
            out.append(("np", [w for w in words if w]))
        elif t.endswith((")", "}")):
            return None
        else:
            out.append(("np", [t]))
        i += 1
    return out


def _regular_forms(stem: str) -> list[str]:
    """The forms ``read_verb_dictionary`` generates for a verb without ``{...}``."""
    if "_" in stem or "+" in stem:
        return []
    third = stem + "es" if stem.endswith(("s", "x", "z")) else (
        stem[:-1] + "ies" if stem.endswith("y") else stem + "s")
    past = stem + "d" if stem.endswith("e") else stem + "ed"
    ing = stem[:-1] + "ing" if stem.endswith("e") and len(stem) > 1 and stem[-2] not in "aeiou" \
        else stem + "ing"
    return [third, past, ing]


def _verb_line(n: int, line: str, block: str, block_code: str) -> VerbLine | None:
    """A verb line as ``read_verb_dictionary`` reads it (the ``# Add synonyms`` branch)."""
    body = line.split("#")[0]
    code_m = _CODE.search(body)  # PETRARCH2 needs a blank before "[": "RECONVENE[---]"
    code = code_m.group(1) if code_m else block_code  # would be a verb "RECONVENE[---]"
    body = _CODE.sub(" ", body)
    words = body.replace("{", " ").replace("}", " ").split()
    if not words:
        return None
    stem = words[0]
    rec = VerbLine(n, _clean(line), block, stem.lower(), code, bool(code_m),
                   forms=[w.lower() for w in words[1:]] or _regular_forms(stem.lower()))
    if "_" in stem:
        if "+" not in stem:
            rec.skip = "multi-word verb without '+' (PETRARCH2 cannot read it)"
            return rec
        front, back = stem.split("+", 1)
        parts = back.split("_")
        rec.lemma = parts[0].lower()
        if front.strip("_"):
            rec.skip = "pre-verb compound (RE_+ARREST, WIRE_+TAP)"
        elif len(parts) != 2 or not parts[1]:
            rec.skip = "multi-word compound of three or more words"
        else:
            rec.particle = parts[1].lower()
    elif stem.startswith("+"):
        rec.lemma = stem[1:].lower()
    if not re.fullmatch(r"[a-z]+", rec.lemma) and not rec.skip:
        rec.skip = "not a single alphabetic word (spaCy splits hyphens)"
    return rec


def read_verbs(text: str) -> VerbDict:
    """``CAMEO.2.0.txt`` as ``PETRreader.read_verb_dictionary`` reads it: synsets
    (``&NAME`` with ``+TERM`` lines, before ``####### VERB PATTERNS``), blocks
    (``--- NAME [CODE] ---``), verb lines and pattern lines (``- ... * ... [CODE]``).
    Transformations (``~ ...``) are only counted."""
    d = VerbDict()
    in_patterns = False
    synset = ""
    block, block_code = "", "---"
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if not line.strip() or line.startswith("<!"):
            continue
        if line.startswith("---"):
            segs = line.split()
            block = segs[1]
            m = _CODE.search(line)  # "[120]---" is read as 120 by PETRARCH2 too
            block_code = m.group(1) if m else "---"
            d.blocks.setdefault(block, (n, block_code, _clean(line)))
        elif line.startswith("-"):
            d.patterns.append(_pattern(n, line, block))
        elif not in_patterns and line.startswith("&"):
            synset = line.strip()
        elif not in_patterns and line.startswith("+"):
            term = line.split("#")[0].strip()[1:]  # PETRARCH2 keeps the comment: a bug
            words = term.replace("_", " ").split()
            if words:
                d.synsets.setdefault(synset, []).append([w.lower() for w in words])
        elif line.startswith("~"):
            d.transformations += 1
        elif in_patterns:
            rec = _verb_line(n, line, block, block_code)
            if rec:
                d.verbs.append(rec)
    return d


def _pattern(n: int, line: str, block: str) -> Pattern:
    body, _, comment = line[1:].partition("#")
    cwords = comment.replace(",", " ").split()
    comment_verb = cwords[0].lower() if cwords and cwords[0].isalpha() else None
    segs = body.split("*")
    pat = Pattern(n, _clean(line), block, "", comment_verb, [], [])
    if len(segs) != 2:
        pat.skip = "no single '*' (verb position)"
        return pat
    post = segs[1].split()
    if not post or not post[-1].startswith("["):
        pat.skip = "no [code] at the end"
        return pat
    pat.code = post.pop()[1:-1]
    pat.pre = segs[0].split()
    if any(ch in tok for tok in pat.pre + post for ch in _MARKERS):
        pat.skip = "TABARI $ + % ^ markers (source/target positions need the parse tree)"
        return pat
    phrases = _phrases(post)
    if phrases is None:
        pat.skip = "unbalanced brackets"
        return pat
    pat.post = [
        (k, [w.lower() for w in rest[0]]) if k == "np"
        else (k, rest[0].lower(), [[w.lower() for w in np] for np in rest[1]])
        for k, *rest in phrases
    ]
    return pat


def read_agents(text: str) -> tuple[list[tuple[int, str, str]], dict[str, list[str]]]:
    """``Phoenix.agents.txt`` as ``PETRreader.read_agent_dictionary`` reads it:
    ``PHRASE {PLURAL} [~CODE]`` lines and ``!MARKER! = A, B`` substitution sets.
    Returns (line, phrase with markers expanded, code) per generated singular phrase
    and the substitution sets. Plurals are not returned (our matching is by lemma)."""
    subs: dict[str, list[str]] = {}
    out: list[tuple[int, str, str]] = []
    for n, raw in enumerate(text.splitlines(), 1):
        if raw.startswith(("#", "<!")) or not raw.strip():
            continue
        line = raw.split("#")[0]
        if "!" in line and "=" in line:
            marker, _, items = line.partition("=")
            subs[marker.strip().strip("!")] = [i.strip() for i in items.split(",") if i.strip()]
            continue
        if "[" not in line:
            continue
        phrase, _, rest = line.partition("[")
        code = rest.partition("]")[0].strip()
        phrase = phrase.split("{")[0].strip()
        m = re.search(r"!([^!]+)!", phrase)
        if m:
            for s in subs.get(m.group(1), []):
                out.append((n, phrase[: m.start()] + s + phrase[m.end():], code))
        elif phrase:
            out.append((n, phrase, code))
    return out, subs


def read_actors(text: str) -> list[dict]:
    """An actors file as ``PETRreader.read_actor_dictionary`` reads it: a primary
    phrase (with optional ``[CODE]`` or ``[CODE DATES]`` on the line), ``+`` synonyms, and
    tab-indented ``[CODE DATES]`` restrictions shared by the whole record. Comments are
    cut at '#' as ``read_FIN_line`` does. Returns {line, names, codes: [(code, dates)]}."""
    recs: list[dict] = []
    for n, raw in enumerate(text.splitlines(), 1):
        if raw.startswith(("#", "<!")) or not raw.strip():
            continue
        line = raw.split("#")[0].strip()
        if not line:
            continue
        codes = [tuple(m.group(1).split(None, 1)) for m in _CODE.finditer(line)]
        name = _CODE.sub(" ", line).strip()
        if line.startswith("["):
            if recs:
                recs[-1]["codes"] += codes
        elif line.startswith("+"):
            if recs:
                recs[-1]["names"].append(name[1:].strip())
                recs[-1]["codes"] += codes
        else:
            recs.append({"line": n, "names": [name], "codes": codes})
    return recs
