"""The data converted from PETRARCH2 by ``tools/convert_petrarch.py``:
``ontology/patterns/cameo_verbs.json``, ``ontology/gazetteer/agents.json`` and
``ontology/gazetteer/phoenix_people.jsonl``.

The files are read through :mod:`kg.resources` (so they ship in the package) and checked
against the ontology read with rdflib, independently of the tool's own TTL reading. The
conversion rules are tested on a small dictionary written here; rerunning the tool on the
real dictionaries needs the PETRARCH2 mirror, which CI's clean clone does not have.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef

from kg.resources import ontology_file, read_jsonl, read_text

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools"
MIRROR = Path(os.environ.get("PETRARCH2_SOURCE", "/work/.mirror/openeventdata+petrarch2/repo/.git"))
DKG = Namespace("https://w3id.org/diplomatic-kg/ontology#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
CAMEO = "https://w3id.org/diplomatic-kg/cameo/"
SECTIONS = ("particles", "objects", "prep_objects")
KINDS = {"state", "organization", "person", "group"}  # actor_nouns.json kinds + organization


def _unique(pairs: list[tuple[str, object]]) -> dict:
    keys = [k for k, _ in pairs]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    assert not dupes, f"duplicate keys {dupes}"
    return dict(pairs)


@pytest.fixture(scope="module")
def cv() -> dict:
    return json.loads(read_text("patterns/cameo_verbs.json"), object_pairs_hook=_unique)


@pytest.fixture(scope="module")
def agents() -> dict:
    return json.loads(read_text("gazetteer/agents.json"), object_pairs_hook=_unique)


@pytest.fixture(scope="module")
def ontology() -> tuple[set[str], dict[str, str]]:
    """(relation names, CAMEO code → relation) from dkg.ttl, read with rdflib."""
    g = Graph().parse(data=ontology_file("dkg.ttl").read_text(encoding="utf-8"), format="turtle")
    names, xwalk = set(), {}
    for cls, name in g.subject_objects(DKG.relationName):
        names.add(str(name))
        for code in g.objects(cls, SKOS.closeMatch):
            if isinstance(code, URIRef) and str(code).startswith(CAMEO):
                xwalk[str(code)[len(CAMEO):]] = str(name)
    return names, xwalk


def _relation(code: str, xwalk: dict[str, str]) -> str | None:
    active = code.split(":")[0]
    hits = [c for c in xwalk if active.isdigit() and active.startswith(c)]
    return xwalk[max(hits, key=len)] if hits else None


def _entries(cv: dict):
    for lemma, e in cv["verbs"].items():
        yield "verbs", lemma, lemma, e
    for sec in SECTIONS:
        for lemma, table in cv[sec].items():
            for key, e in table.items():
                yield sec, lemma, key, e


def _line(source: str) -> int:
    return int(re.match(r"CAMEO\.2\.0\.txt:(\d+) ", source).group(1))


# ---------------------------------------------------------------- cameo_verbs.json
def test_every_relation_is_a_relation_of_the_ontology(cv, ontology) -> None:
    names, _ = ontology
    for sec, lemma, key, e in _entries(cv):
        assert e["relation"] in names or (sec != "verbs" and e["relation"] is None), (sec, lemma, key)
    used = {e["relation"] for *_, e in _entries(cv)} - {None}
    assert {"meets", "supports", "urges", "criticizes", "attacks", "requests"} <= used


def test_every_cameo_code_maps_by_the_crosswalk(cv, ontology) -> None:
    _, xwalk = ontology
    assert cv["_crosswalk"] == dict(sorted(xwalk.items())), "rerun tools/convert_petrarch.py"
    for sec, lemma, key, e in _entries(cv):
        assert re.fullmatch(r"\d{2,4}|---", e["cameo"]), (sec, lemma, e)
        assert _relation(e["cameo"], xwalk) == e["relation"], (sec, lemma, key, e)


def test_each_entry_traces_to_its_dictionary_line(cv) -> None:
    for sec, lemma, key, e in _entries(cv):
        src = e["source"]
        code = e["cameo"]
        assert _line(src) > 0, src
        # the code is on the cited line, or on the block line for an inherited code
        assert f"[{code}" in src or (code == "---" and "[:" in src), (sec, lemma, key, src)
        assert e.get("inherited", False) == (src.count(" | ") == 1), (sec, lemma, src)
        if sec == "verbs":
            assert lemma.upper() in src, src


def test_conflicts_are_resolved_by_the_documented_rule(cv) -> None:
    """One lemma (or lemma + key) has one entry; when PETRARCH gives the same pattern twice
    the later line wins and the earlier codes are listed in ``also``."""
    for _sec, lemma, key, e in _entries(cv):
        for other in e.get("also", []):
            code, _rel, where = other.split(" ", 2)
            assert code != e["cameo"], (lemma, key, e)  # same code twice is no conflict
            compound = e["source"].split(" ", 1)[1].startswith("+")  # "+MEET_WITH" beats "* (WITH)"
            assert compound or int(where.strip("()").split(":")[1]) < _line(e["source"]), (lemma, e)


def test_null_entries_are_exceptions_to_a_verb_relation(cv) -> None:
    for sec in SECTIONS:
        for lemma, table in cv[sec].items():
            bare = cv["verbs"].get(lemma, {}).get("relation")
            for key, e in table.items():
                assert e["relation"] is not None or bare is not None, (sec, lemma, key)
                if sec != "particles" and e["relation"] == bare:
                    assert e.get("targets"), f"{lemma} {key}: adds nothing to the bare verb"


def test_keys_are_words_lemma_matching_can_use(cv) -> None:
    word = re.compile(r"[a-z]+")
    for sec, lemma, key, _e in _entries(cv):
        assert word.fullmatch(lemma), (sec, lemma)
        for w in key.split():
            assert word.fullmatch(w) or w in cv["synsets"], (sec, lemma, key)
    for name, members in cv["synsets"].items():
        assert members and all(word.fullmatch(w) for m in members for w in m.split()), name


def test_known_entries(cv) -> None:
    """A few entries checked by hand against CAMEO.2.0.txt."""
    assert cv["particles"]["call"]["on"]["relation"] == "urges"  # - * (ON) [020] # CALL
    assert cv["particles"]["ask"]["for"]["cameo"] == "020"  # first +ASK_FOR wins
    assert cv["verbs"]["visit"]["relation"] == "visits"  # --- VISIT [042:043] ---
    assert cv["objects"]["impose"]["sanctions"]["relation"] == "sanctions"
    assert cv["objects"]["call"]["election"]["relation"] is None  # [0831]: no meeting
    assert "dollar" in cv["synsets"]["&currency"]


# ---------------------------------------------------------------- licence and provenance
def _people_header() -> dict:
    text = read_text("gazetteer/phoenix_people.jsonl")
    return json.loads("\n".join(ln[3:] for ln in text.splitlines() if ln.startswith("// ")))


def test_licence_and_attribution_travel_with_the_data(cv, agents) -> None:
    for head in (cv["_source"], agents["_source"], _people_header()["_source"]):
        assert head["repository"] == "https://github.com/openeventdata/petrarch2"
        assert re.fullmatch(r"[0-9a-f]{40}", head["commit"]), head
        assert head["licence"] == "MIT"
        assert head["copyright"] in head["licence_text"]
        assert "Permission is hereby granted, free of charge" in head["licence_text"]
        assert head["path"].startswith("petrarch2/data/dictionaries/")
    assert "## PETRARCH2" in read_text("gazetteer/README.md")


# ---------------------------------------------------------------- agents.json
def test_agents_codes_and_kinds(agents) -> None:
    codes = agents["codes"]
    assert set(agents["agents"].values()) == set(codes)
    for code, info in codes.items():
        assert re.fullmatch(r"(?:[A-Z]{3})+", code) and info["kind"] in KINDS, (code, info)
        assert info["label"].count(",") == len(code) // 3 - 1, code
    a = agents["agents"]
    assert (a["foreign minister"], a["rebel"], a["riot police"]) == ("GOV", "REB", "COP")
    assert codes["GOV"]["kind"] == "state" and codes["REB"]["kind"] == "group"
    assert all(re.fullmatch(r"[a-z]+(?: [a-z]+)*", p) for p in a)


# ---------------------------------------------------------------- phoenix_people.jsonl
def _norm(name: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[._\-]", " ", plain.upper()).split())


def test_people_are_dated_office_holders_people_jsonl_lacks() -> None:
    iso3 = {s["iso3"] for s in read_jsonl("gazetteer/states.jsonl")}
    known = {_norm(a) for p in read_jsonl("gazetteer/people.jsonl") for a in [p["label"], *p["aliases"]]}
    people = read_jsonl("gazetteer/phoenix_people.jsonl")  # "//" header lines are skipped
    assert len(people) > 1000
    for p in people:
        assert p["names"] and not any(_norm(n) in known for n in p["names"]), p
        assert any((end or "9999") >= "2010-01-01" for _c, _s, end in p["spells"]), p
        for code, start, end in p["spells"]:
            assert code[:3] in iso3 and code[3:] in ("GOV", "GOVMIL"), p
            assert start is None or end is None or start <= end, p
            for d in (start, end):
                assert d is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", d), p


# ---------------------------------------------------------------- the conversion rules
MINI = """&CURRENCY
+DOLLAR
+EURO_

####### VERB PATTERNS #######
---  CALL   [041:041]  ---
CALL
PHONE
+CALL_OFF [160]
- * (FOR)                 [020]    # CALL
- * (WITH)                [040]
- * ELECTION              [0831]   # CALL
- * MEETING               [026]    # CALL
- * MEETING               [036]    # CALL
- * &CURRENCY             [0231]   # CALL
- * {PHONE CALL}          [041]    # CALL
- * OUT VIEWS             [010]    # CALL
- &MILITARY *             [190]    # CALL
- * CHARGES               [:173]   # PHONE
---  PONDER   [---]  ---
PONDER
- * (FOR)                 [020]    # PONDER
"""


def _convert_mini() -> dict:
    sys.path.insert(0, str(TOOLS))
    try:
        import petrarch_convert as pc
    finally:
        sys.path.remove(str(TOOLS))
    xwalk = pc.crosswalk(ontology_file("dkg.ttl").read_text(encoding="utf-8"))
    return pc.crosswalk, pc.convert_verbs(MINI, xwalk, {"for", "with", "off"}, "mini.txt")


def test_conversion_rules_on_a_small_dictionary(ontology) -> None:
    crosswalk, out = _convert_mini()
    assert crosswalk(ontology_file("dkg.ttl").read_text(encoding="utf-8")) == ontology[1]
    assert out["verbs"]["call"]["relation"] == "meets" and out["verbs"]["call"]["inherited"]
    assert "ponder" not in out["verbs"]  # [---]: no code of its own
    # a pattern goes to the verb its comment names; without a comment, to the whole block
    assert out["particles"]["call"]["for"]["relation"] == "urges"
    assert "for" not in out["particles"].get("phone", {})
    assert out["particles"]["phone"]["with"]["relation"] == "meets"
    assert out["particles"]["call"]["off"]["relation"] == "sanctions"  # +CALL_OFF [160]
    assert out["particles"]["ponder"]["for"]["relation"] == "urges"  # a verb without a code
    # exceptions: no event on a verb that has a relation
    assert out["objects"]["call"]["election"]["relation"] is None
    assert out["objects"]["phone"]["charges"]["relation"] is None  # [:173]: passive only
    # later line wins, earlier code kept
    meeting = out["objects"]["call"]["meeting"]
    assert (meeting["relation"], meeting["cameo"]) == ("agrees", "036")
    first = MINI.splitlines().index("- * MEETING               [026]    # CALL") + 1
    assert meeting["also"] == [f"026 urges (mini.txt:{first})"]
    # synsets stay references; same relation as the bare verb adds nothing
    assert out["objects"]["call"]["&currency"]["relation"] == "requests"
    assert out["synsets"]["&currency"] == ["dollar", "euro"]
    assert "phone call" not in out["objects"]["call"]
    skipped = out["_skipped"]
    assert skipped["pattern: pre-verb noun (subject constraint: '&MILITARY * ...')"] == 1
    assert skipped["pattern: needs the phrase structure (np np after the verb)"] == 1
    assert skipped["objects: same relation as the bare verb (adds nothing)"] == 1


# ---------------------------------------------------------------- rerunning the tool
needs_mirror = pytest.mark.skipif(
    not MIRROR.exists(),
    reason=f"the PETRARCH2 source ({MIRROR}) is not on this machine: CI runs on a clean clone "
    "without /work/.mirror; set PETRARCH2_SOURCE to a petrarch2 checkout to run this",
)


def _tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(TOOLS / "convert_petrarch.py"), str(MIRROR), *args],
                          capture_output=True, text=True, check=False)


@needs_mirror
def test_rerunning_the_tool_gives_identical_files() -> None:
    done = _tool("--check")
    assert done.returncode == 0, done.stderr


@needs_mirror
def test_check_reports_a_stale_file(tmp_path: Path) -> None:
    for rel in ("ontology/dkg.ttl", "ontology/gazetteer/states.jsonl", "ontology/gazetteer/people.jsonl",
                "ontology/gazetteer/agents.json", "ontology/gazetteer/phoenix_people.jsonl",
                "ontology/patterns/cameo_verbs.json"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    agents = tmp_path / "ontology/gazetteer/agents.json"
    agents.write_text(agents.read_text(encoding="utf-8").replace('"GOV"', '"MIL"', 1), encoding="utf-8")
    done = _tool("--check", "--root", str(tmp_path))
    assert done.returncode == 1 and "stale: ontology/gazetteer/agents.json" in done.stderr, done.stderr
