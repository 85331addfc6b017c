"""Convert PETRARCH2's CAMEO verb dictionary and Phoenix agent/actor dictionaries into
diplomatic-kg data files (issue 11, "coverage grows by data").

Reads a copy of ``openeventdata/petrarch2`` (a checkout, or the bare git directory the
``fetch`` tool makes under ``/work/.mirror``) and writes, deterministically:

- ``ontology/patterns/cameo_verbs.json``: verb lemmas, verb + preposition, verb + object
  noun and verb + prepositional phrase patterns, each with its CAMEO code, our relation
  (through the ontology's ``skos:closeMatch cameo:`` crosswalk, read from ``dkg.ttl``) and
  the dictionary line it came from;
- ``ontology/gazetteer/agents.json``: generic agent nouns (minister, rebels, police …)
  with their Phoenix agent codes;
- ``ontology/gazetteer/phoenix_people.jsonl``: office holders of states (dated Phoenix
  spells) that ``people.jsonl`` lacks.

Each file carries the repository, commit, path and MIT licence text of its source. What
could not be converted is counted by reason in each file's ``_skipped``.

Usage
-----
    python tools/convert_petrarch.py /work/.mirror/openeventdata+petrarch2/repo/.git
    python tools/convert_petrarch.py SOURCE --check     # exit 1 if a file is stale
    python tools/convert_petrarch.py SOURCE --compare   # coverage against relations.json
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import petrarch_convert as pc

__all__ = ["build", "main"]

ROOT = Path(__file__).resolve().parent.parent
DICTS = "petrarch2/data/dictionaries"
REPO_URL = "https://github.com/openeventdata/petrarch2"
DEEP = ("objects", "prep_objects")  # one line per phrase, not per lemma
OUTPUTS = {
    "cameo_verbs": Path("ontology/patterns/cameo_verbs.json"),
    "agents": Path("ontology/gazetteer/agents.json"),
    "people": Path("ontology/gazetteer/phoenix_people.jsonl"),
}


# ------------------------------------------------------------------ source access
class Source:
    """The files of a petrarch2 copy: a checkout directory or a (bare) git directory."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.git = (self.path / "HEAD").is_file() and (self.path / "objects").is_dir()
        if not self.git and not (self.path / DICTS).is_dir():
            raise SystemExit(f"{path}: neither a petrarch2 checkout ({DICTS}/ missing) "
                             "nor a git directory")
        self.commit = self._git("rev-parse", "HEAD").strip() if self.git else self._wt_commit()

    def _git(self, *args: str) -> str:
        return subprocess.run(["git", f"--git-dir={self.path}", *args], check=True,
                              capture_output=True, text=True, encoding="utf-8").stdout

    def _wt_commit(self) -> str:
        r = subprocess.run(["git", "-C", str(self.path), "rev-parse", "HEAD"],
                           capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else "unknown"

    def read(self, rel: str) -> str:
        try:
            if self.git:
                return self._git("show", f"{self.commit}:{rel}")
            return (self.path / rel).read_text(encoding="utf-8")
        except (OSError, subprocess.CalledProcessError) as e:
            folder = rel.rsplit("/", 1)[0]
            raise SystemExit(f"{self.path}: cannot read {rel} ({e}); {folder}/ holds: "
                             + ", ".join(self.ls(folder))) from e

    def ls(self, rel: str) -> list[str]:
        try:
            if self.git:
                return sorted(self._git("ls-tree", "--name-only", f"{self.commit}:{rel}").split())
            return sorted(p.name for p in (self.path / rel).iterdir())
        except (OSError, subprocess.CalledProcessError):
            return []


def licence_text(text: str) -> str:
    """The MIT notice in a dictionary's ``#`` header, without the ``#`` marks."""
    lines = [ln[1:].strip() for ln in text.splitlines() if ln.startswith("#")]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("The MIT License"))
    end = next(i for i in range(start, len(lines)) if lines[i].endswith("SOFTWARE."))
    return "\n".join(lines[start:end + 1]).replace("\n\n\n", "\n\n")


def provenance(src: Source, rel: str, text: str) -> dict:
    lic = licence_text(text)
    return {
        "repository": REPO_URL,
        "commit": src.commit,
        "path": rel,
        "licence": "MIT",
        "copyright": next(ln for ln in lic.splitlines() if ln.startswith("Copyright")),
        "converted_by": "tools/convert_petrarch.py",
        "licence_text": lic,
    }


# ------------------------------------------------------------------ output
def dump(obj, inline_at: int, depth: int = 0) -> str:
    """JSON with one key per line down to ``inline_at`` levels, then one line per value
    (one level deeper for the sections in ``DEEP``)."""
    if depth >= inline_at or not isinstance(obj, dict) or not obj:
        return json.dumps(obj, ensure_ascii=False)
    pad = " " * (depth + 1)
    items = []
    for k, v in obj.items():
        limit = inline_at + 1 if depth == 0 and k in DEEP else inline_at
        items.append(f"{pad}{json.dumps(k, ensure_ascii=False)}: {dump(v, limit, depth + 1)}")
    return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"


def build(src: Source, root: Path = ROOT) -> dict[Path, str]:
    """Every output file's text, keyed by its path under the repository root ``root``
    (whose ``dkg.ttl``, ``states.jsonl`` and ``people.jsonl`` the conversion reads)."""
    xwalk = pc.crosswalk((root / "ontology/dkg.ttl").read_text(encoding="utf-8"))
    vrel = f"{DICTS}/CAMEO.2.0.txt"
    vtext = src.read(vrel)
    preps = set(src.read(f"{DICTS}/Phoenix.prepositions.txt").split())
    verbs = pc.convert_verbs(vtext, xwalk, preps, Path(vrel).name)
    del verbs["_codes"]
    verbs = {"_comment": pc.VERBS_COMMENT, "_source": provenance(src, vrel, vtext),
             "_crosswalk": dict(sorted(xwalk.items())), **verbs}

    arel = f"{DICTS}/Phoenix.agents.txt"
    atext = src.read(arel)
    agents = {"_comment": pc.AGENTS_COMMENT, "_source": provenance(src, arel, atext),
              **pc.convert_agents(atext, Path(arel).name)}

    prel = f"{DICTS}/Phoenix.Countries.actors.txt"
    ptext = src.read(prel)
    gaz = root / "ontology/gazetteer"
    states = {json.loads(ln)["iso3"] for ln in (gaz / "states.jsonl")
              .read_text(encoding="utf-8").splitlines() if ln.strip()}
    people, pskipped = pc.convert_people(ptext, states,
                                         (gaz / "people.jsonl").read_text(encoding="utf-8"))
    head = {"_comment": pc.PEOPLE_COMMENT, "_source": provenance(src, prel, ptext),
            "_skipped": pskipped}
    people_text = "".join(f"// {ln}\n" for ln in json.dumps(head, ensure_ascii=False,
                                                            indent=1).splitlines())
    people_text += "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in people)
    return {
        OUTPUTS["cameo_verbs"]: dump(verbs, 2) + "\n",
        OUTPUTS["agents"]: dump(agents, 2) + "\n",
        OUTPUTS["people"]: people_text,
    }


def summary(files: dict[Path, str]) -> str:
    v = json.loads(files[OUTPUTS["cameo_verbs"]])
    lines = []
    for section in ("verbs", "particles", "objects", "prep_objects"):
        rels: Counter = Counter()
        for val in v[section].values():
            entries = [val] if section == "verbs" else list(val.values())
            rels.update(str(e["relation"]) for e in entries)
        lines.append(f"{section}: {sum(rels.values())} entries "
                     f"({len(v[section])} lemmas): {dict(sorted(rels.items()))}")
    a = json.loads(files[OUTPUTS["agents"]])
    lines.append(f"agents: {len(a['agents'])} phrases, {len(a['codes'])} codes")
    n = sum(1 for ln in files[OUTPUTS["people"]].splitlines() if not ln.startswith("//"))
    lines.append(f"phoenix_people: {n} people")
    for path, text in files.items():
        lines.append(f"{path}: {len(text.encode()):,} bytes")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", help="a petrarch2 checkout or its (bare) git directory")
    ap.add_argument("--root", default=str(ROOT), help="repository root to write into")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if a converted file differs from a fresh run")
    ap.add_argument("--compare", action="store_true",
                    help="print the coverage of ontology/patterns/relations.json (markdown)")
    args = ap.parse_args(argv)
    root = Path(args.root)
    src = Source(args.source)
    if args.compare:
        rel = json.loads((root / "ontology/patterns/relations.json").read_text(encoding="utf-8"))
        vtext = src.read(f"{DICTS}/CAMEO.2.0.txt")
        preps = set(src.read(f"{DICTS}/Phoenix.prepositions.txt").split())
        xwalk = pc.crosswalk((root / "ontology/dkg.ttl").read_text(encoding="utf-8"))
        print(pc.compare(pc.convert_verbs(vtext, xwalk, preps, "CAMEO.2.0.txt"), rel))
        return 0
    files = build(src, root)
    if args.check:
        stale = [str(p) for p, text in files.items()
                 if not (root / p).is_file() or (root / p).read_text(encoding="utf-8") != text]
        for p in stale:
            print(f"stale: {p} (rerun tools/convert_petrarch.py)", file=sys.stderr)
        return 1 if stale else 0
    for p, text in files.items():
        (root / p).write_text(text, encoding="utf-8")
    print(summary(files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
