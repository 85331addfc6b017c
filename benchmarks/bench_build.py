"""Throughput and memory of a whole ``kg build --store`` on the corpus, as a user runs it.

Runs ``python -m kg build CORPUS --store DIR -o OUT --workers N`` in a child process and
prints wall time, documents/s, words/s, quads in the store, the store's size on disk
and peak memory: the largest single process (``getrusage(RUSAGE_CHILDREN).ru_maxrss``,
which covers the spaCy workers too) and the peak of the whole process tree added up
(PSS, sampled every 0.2 s with psutil), since the build and its workers are alive together;
and the CPU seconds used, which other jobs on a shared machine do not inflate; and the
tree's memory every 30 s, to show whether it grows with the input.

``--docs N`` above the corpus size repeats the corpus with distinct ids
(``<id>~r<k>``), written to a temporary .jsonl one line at a time, so the run shows
whether memory stays bounded as the input grows.

    python benchmarks/bench_build.py                       # the 5,649 documents, 2 workers
    python benchmarks/bench_build.py --docs 10000          # the corpus and then some
    python benchmarks/bench_build.py --engine dask --docs 500
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles.jsonl"


def write_inputs(corpus: Path, n: int | None, path: Path) -> tuple[int, int]:
    """Write ``n`` documents (the corpus, cut or repeated) to ``path``; (documents, words)."""
    docs = words = 0
    repeat = 0
    with path.open("w", encoding="utf-8") as out:
        while n is None or docs < n:
            with corpus.open(encoding="utf-8") as fh:
                for line in fh:
                    if n is not None and docs >= n:
                        break
                    rec = json.loads(line)
                    if repeat:
                        rec["id"] = f"{rec['id']}~r{repeat}"
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    docs += 1
                    words += len(rec["text"].split())
            repeat += 1
            if n is None:
                break
    return docs, words


def tree_rss(pid: int) -> int:
    """Memory of a process and all its descendants, in bytes: their PSS (proportional set
    size, so pages a forked spaCy worker shares with its parent count once), else RSS."""
    import psutil

    try:
        p = psutil.Process(pid)
        procs = [p, *p.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for q in procs:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            try:
                total += q.memory_full_info().pss
            except (AttributeError, psutil.AccessDenied):
                total += q.memory_info().rss
    return total


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def count_quads(store: Path) -> tuple[int, int, int]:
    """(quads in the named graphs, named graphs, distinct triples of their union) in an
    Oxigraph store directory. The store may also keep the union in its default graph."""
    import pyoxigraph as ox

    st = ox.Store.read_only(str(store))

    def count(q: str) -> int:
        return int(next(iter(st.query(q)))[0].value)

    quads = count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    union = count(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    )
    graphs = sum(1 for _ in st.named_graphs())
    return quads, graphs, union


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--docs", type=int, default=None, help="documents (default: the corpus)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engine", choices=["local", "dask"], default="local")
    ap.add_argument("--workdir", type=Path, default=None, help="keep inputs, store and out here")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    data = work / "inputs.jsonl"
    n_docs, n_words = write_inputs(args.corpus, args.docs, data)
    store, out = work / "store", work / "out"
    for p in (store, out):
        if p.exists():
            import shutil

            shutil.rmtree(p)
    cmd = [sys.executable, "-m", "kg", "build", str(data), "--store", str(store), "-o", str(out),
           "--workers", str(args.workers), "--engine", args.engine]
    print(f"{n_docs:,} documents, {n_words:,} words; {' '.join(cmd[1:])}", flush=True)

    peak_tree = 0
    timeline: list[tuple[int, int]] = []  # (seconds, process tree MB) every 30 s
    t0 = time.perf_counter()
    # run outside the checkout so spaCy resolves its entry points from the installed package
    proc = subprocess.Popen(cmd, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            now = tree_rss(proc.pid)
            peak_tree = max(peak_tree, now)
            t = time.perf_counter() - t0
            if t >= 30 * len(timeline):
                timeline.append((round(t), round(now / 2**20)))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"kg build failed ({proc.returncode}):\n{stderr[-3000:]}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = children.ru_utime + children.ru_stime
    quads, graphs, union = count_quads(store)
    figures = {
        "engine": args.engine,
        "workers": args.workers,
        "documents": n_docs,
        "words": n_words,
        "wall_s": round(wall, 1),
        "docs_per_s": round(n_docs / wall, 2),
        "words_per_s": round(n_words / wall),
        # CPU seconds of the build and its workers: what the machine's other jobs do not change
        "cpu_s": round(cpu, 1),
        "words_per_cpu_s": round(n_words / cpu),
        "quads": quads,
        "named_graphs": graphs,
        "distinct_triples": union,
        "store_mb": round(du(store) / 1e6, 1),
        "peak_rss_largest_process_mb": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        ),
        "peak_rss_process_tree_mb": round(peak_tree / 2**20),
        # does memory grow with the input? the tree's memory every 30 s
        "process_tree_mb_every_30s": " ".join(str(mb) for _, mb in timeline),
        "cpus": os.cpu_count(),
        # other jobs on the machine slow every figure above: say how busy it was
        "load_average_1_5_15": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }
    print(stdout.strip())
    for k, v in figures.items():
        print(f"{k:>28}  {v:,}" if isinstance(v, int | float) else f"{k:>28}  {v}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
