"""Pick the corpus slice the analytics tests build: ``tests/data/slice_2022.jsonl``.

Thirty-two whole documents of ``../shared/corpus/articles.jsonl`` dated 2022-02-14 to
2022-03-06 (the weeks around the invasion of Ukraine) that name Russia or Ukraine:
sixteen from the President of Russia (CC BY 4.0), eight from the White House and eight
from the State Department (U.S. Government works, public domain); 120 to 700 words each,
none of them in the seeds, the document-level development set or the scale sample.
Seeded, so the same pick on every machine; records are copied byte for byte.

Usage::

    python tools/select_test_slice.py ../shared/corpus/articles.jsonl -o tests/data/slice_2022.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PICK = {"kremlin": 16, "wh": 8, "state": 8}
SEED = 13


def _ids(path: Path) -> set[str]:
    return {json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def select(corpus: Path) -> list[str]:
    """The lines of the slice, in corpus (date) order."""
    taken = _ids(ROOT / "benchmarks/docset/docset.jsonl") | _ids(ROOT / "seeds/corpus_sample.jsonl")
    taken |= _ids(ROOT / "tests/data/scale_sample.jsonl")
    pool: dict[str, list[tuple[int, str]]] = {part: [] for part in PICK}
    for i, line in enumerate(corpus.read_text(encoding="utf-8").splitlines()):
        d = json.loads(line)
        part = d["id"].split("-")[0]
        words = len(d["text"].split())
        if (part in PICK and "2022-02-14" <= d["date"] <= "2022-03-06" and d["id"] not in taken
                and 120 <= words <= 700 and ("Russia" in d["text"] or "Ukrain" in d["text"])):  # fmt: skip
            pool[part].append((i, line))
    rng = random.Random(SEED)
    chosen = [x for part, n in PICK.items() for x in rng.sample(pool[part], n)]
    return [line for _, line in sorted(chosen)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("-o", "--out", type=Path, default=ROOT / "tests/data/slice_2022.jsonl")
    args = ap.parse_args()
    lines = select(args.corpus)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(lines)} documents)")


if __name__ == "__main__":
    main()
