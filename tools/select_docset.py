"""Pick the document-level development set from the shared corpus.

Ten whole documents from each publisher (White House, State Department, Kremlin,
President of Ukraine), 250 to 1,500 words, spread over the kinds of document the
corpus holds: readouts of calls and meetings, joint statements, remarks and press
statements, and statements on foreign events. The pick is seeded, so it is the same
on every machine; it is made once, before the tool is run on any of the documents,
and the documents are then coded by hand by ``docs/annotation.md``.

Usage (the two parts of the development set, then the held-out set)::

    python tools/select_docset.py ../shared/corpus/articles.jsonl -o part1.jsonl
    python tools/select_docset.py ../shared/corpus/articles.jsonl --seed 777 --exclude part1.jsonl \
        --per-publisher 4 --quota readout=2,joint=1,remarks=1,foreign=0 -o holdout.jsonl
    python tools/select_docset.py ../shared/corpus/articles.jsonl --seed 4242 \
        --exclude part1.jsonl holdout.jsonl -o part2.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

PUBLISHERS = {"wh-": "whitehouse", "state-": "state", "kremlin-": "kremlin", "ukraine-": "ukraine"}
#: title patterns of the four kinds of document, tried in this order
KINDS = {
    "joint": re.compile(r"joint statement|joint declaration|declaration|communiqu", re.I),
    "readout": re.compile(r"readout|call with|conversation|talks with|meeting with|meets|met with"
                          r"|phone|spoke|visit", re.I),
    "remarks": re.compile(r"remarks|press statement|press conference|statement by|speech|address",
                          re.I),
}
#: titles of documents that are no diplomatic text (domestic fact sheets, letters to
#: Congress, domestic ceremonies)
NOT_DIPLOMATIC = re.compile(r"fact sheet|letter to|nominat|nominee|decorations|veteran|military famil", re.I)
PER_PUBLISHER = 10
#: documents of each kind per publisher, in the order readout, joint, remarks, foreign
QUOTA = {"readout": 4, "joint": 2, "remarks": 2, "foreign": 2}


def kind_of(title: str) -> str:
    for kind, rx in KINDS.items():
        if rx.search(title or ""):
            return kind
    return "foreign"


def select(articles: list[dict], seed: int = 20261204, per_publisher: int | None = None,
           quota: dict[str, int] | None = None) -> list[dict]:
    per_publisher = per_publisher or PER_PUBLISHER
    quota = quota or QUOTA
    rng = random.Random(seed)
    out = []
    for prefix, name in PUBLISHERS.items():
        pool = [a for a in articles if a["id"].startswith(prefix)
                and 250 <= len(a["text"].split()) <= 1500
                and not NOT_DIPLOMATIC.search(a.get("title") or "")]
        rng.shuffle(pool)
        picked: list[dict] = []
        for kind, n in quota.items():
            picked += [a for a in pool if kind_of(a.get("title", "")) == kind][:n]
        for a in pool:  # a kind this publisher has too few of: fill from the rest
            if len(picked) >= per_publisher:
                break
            if a not in picked:
                picked.append(a)
        for a in picked[:per_publisher]:
            out.append({k: a.get(k) for k in ("id", "title", "date", "url", "source", "license",
                                               "text")} | {"kind": kind_of(a.get("title", "")),
                                                            "publisher": name})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=20261204)
    ap.add_argument("--exclude", type=Path, nargs="*", default=[],
                    help="JSON lines files whose ids are not to be picked again")
    ap.add_argument("--per-publisher", type=int, default=PER_PUBLISHER)
    ap.add_argument("--quota", default=None,
                    help="documents of each kind per publisher, e.g. readout=2,joint=1,remarks=1,foreign=0")
    args = ap.parse_args()
    taken = {json.loads(line)["id"] for f in args.exclude
             for line in f.read_text(encoding="utf-8").splitlines() if line.strip()}
    articles = [a for a in (json.loads(line) for line in
                            args.corpus.read_text(encoding="utf-8").splitlines() if line.strip())
                if a["id"] not in taken]
    quota = ({k: int(v) for k, v in (kv.split("=") for kv in args.quota.split(","))}
             if args.quota else None)
    picked = select(articles, args.seed, args.per_publisher, quota)
    args.out.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in picked),
                        encoding="utf-8")
    for a in picked:
        print(a["publisher"], a["kind"], a["id"], len(a["text"].split()), a["title"][:70])


if __name__ == "__main__":
    main()
