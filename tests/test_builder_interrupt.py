"""Interrupting ``kg build --store DIR`` never loses or corrupts what was stored (issue 7).

A real ``kg build`` process over a JSON lines file of 200 corpus articles is killed
(SIGINT, as Ctrl-C, and SIGKILL, as the OOM killer) once the store holds some documents.
Afterwards the store opens; the documents it holds are exactly the first ones of the
input, each one's named graph complete (the ``dkg:Document`` with its ``contentHash``,
and as many evidence nodes and triples as a clean build gives that document); and
running the same command again stores the rest, so the store equals a clean single
build: same graph names, same quads, no document twice, and the default graph queries
see is the merge of the document graphs after the kill as after the re-run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.rdf.mapping import content_hash
from kg.rdf.store import OxigraphStore, open_store

pytestmark = [
    pytest.mark.slow,
    # rdflib 7 warns about its own use of deprecated Dataset APIs (to_dataset, N-Quads)
    pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib"),
]

CORPUS = Path("/work/shared/corpus/articles.jsonl")
N_DOCS = 200
BATCH = 8  # documents per store transaction (kg build --batch-size)
KILL_AT = 2 * BATCH  # documents the store must hold before the kill

DKG = "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
PER_GRAPH = {
    "hash": DKG + "SELECT ?g ?h WHERE { GRAPH ?g { ?d a dkg:Document ; dkg:contentHash ?h } }",
    "evidence": DKG + "SELECT ?g (COUNT(DISTINCT ?e) AS ?n) "
    "WHERE { GRAPH ?g { ?e a dkg:Evidence } } GROUP BY ?g",
    "triples": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
}


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 short corpus articles (distinct ids and texts) as JSON lines."""
    if not CORPUS.exists():
        pytest.skip(f"the corpus {CORPUS} is not here")
    path = tmp_path_factory.mktemp("interrupt") / "articles.jsonl"
    ids, hashes, lines = set(), set(), []
    with CORPUS.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            h = content_hash(rec["text"])
            if 150 <= len(rec["text"]) <= 600 and rec["id"] not in ids and h not in hashes:
                ids.add(rec["id"])
                hashes.add(h)
                lines.append(line if line.endswith("\n") else line + "\n")
                if len(lines) == N_DOCS:
                    break
    assert len(lines) == N_DOCS
    path.write_text("".join(lines), encoding="utf-8")
    return path


def input_hashes(articles: Path) -> list[str]:
    """Content hashes of the articles, in input order."""
    return [content_hash(json.loads(x)["text"]) for x in articles.read_text("utf-8").splitlines()]


def per_graph(store) -> dict[str, dict[str, object]]:
    """For each named graph: its document's content hashes, evidence nodes and triples."""
    out: dict[str, dict[str, object]] = {}
    for g, h in store.query(PER_GRAPH["hash"]).rows:
        out.setdefault(str(g), {"hash": [], "evidence": 0, "triples": 0})["hash"].append(str(h))
    for key in ("evidence", "triples"):
        for g, n in store.query(PER_GRAPH[key]).rows:
            out.setdefault(str(g), {"hash": [], "evidence": 0, "triples": 0})[key] = n.toPython()
    return out


def quads(store) -> set[tuple]:
    return set(store.to_dataset().quads((None, None, None, None)))


def union_is_the_merge(store) -> int:
    """The default graph a query sees is the merge of the stored document graphs (the
    Oxigraph store keeps it as derived data: a kill must not leave it out of step)."""
    default = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].toPython()
    merged = store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
    ).rows[0][0].toPython()
    assert default == merged, (default, merged)
    return default


@pytest.fixture(scope="module")
def clean(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What a clean, uninterrupted run of the same command stores."""
    root = tmp_path_factory.mktemp("clean")
    path = root / "store"
    proc = kg_build(articles, path, root)
    _, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err
    with open_store(path, read_only=True) as s:
        graphs = per_graph(s)
        return {"graphs": graphs, "quads": quads(s), "names": s.graph_names(),
                "union": union_is_the_merge(s)}  # fmt: skip


def kg_build(articles: Path, store: Path, cwd: Path) -> subprocess.Popen:
    """Start ``kg build`` as its own process, SIGINT handled as in a terminal (a test
    runner started in the background may have inherited an ignored SIGINT)."""
    cmd = [sys.executable, "-m", "kg", "build", str(articles), "--store", str(store),
           "-o", str(cwd / "out"), "--workers", "1", "--batch-size", str(BATCH)]  # fmt: skip
    return subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip


def stored_count(store: Path) -> int:
    """Documents in the store, read through a read-only handle while the writer runs."""
    try:
        with OxigraphStore(store, read_only=True) as s:
            return len(s.graph_names())
    except Exception:  # not created yet
        return 0


def kill_when_stored(proc: subprocess.Popen, store: Path, sig: int) -> tuple[int, str]:
    seen = 0
    deadline = time.monotonic() + 600
    try:
        while seen < KILL_AT:
            assert proc.poll() is None, f"kg build ended before the kill: {proc.communicate()}"
            assert time.monotonic() < deadline, "kg build stored nothing in time"
            time.sleep(0.2)
            seen = stored_count(store)
        assert seen < N_DOCS - BATCH, "the build was nearly over: not a mid-batch kill"
        os.kill(proc.pid, sig)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return seen, err


def check_partial(store: Path, seen: int, clean: dict, hashes: list[str]) -> int:
    with open_store(store) as s:  # opens read-write: nothing is left locked or corrupt
        graphs = per_graph(s)
        union_is_the_merge(s)
    k = len(graphs)
    assert seen <= k < N_DOCS
    # the documents stored are the first k of the input, each one once
    stored = sorted(h for g in graphs.values() for h in g["hash"])
    assert stored == sorted(hashes[:k]), "the stored documents are not the first ones"
    for name, g in graphs.items():
        assert len(g["hash"]) == 1, f"{name}: no dkg:Document with a contentHash"
        assert g == clean["graphs"][name], f"{name} differs from a clean build's graph"
    return k


def rerun_and_compare(articles: Path, store: Path, cwd: Path, k: int, clean: dict) -> None:
    proc = kg_build(articles, store, cwd)
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err
    assert f"documents  {N_DOCS - k} ({k} already stored)" in out
    with open_store(store, read_only=True) as s:
        names = s.graph_names()
        graphs = per_graph(s)
        assert names == clean["names"]
        assert graphs == clean["graphs"]
        assert quads(s) == clean["quads"]
        assert union_is_the_merge(s) == clean["union"]
    hashes = [h for g in graphs.values() for h in g["hash"]]
    assert len(hashes) == len(set(hashes)) == N_DOCS, "a document is stored twice"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_killed_build_keeps_finished_documents_and_resumes(articles, clean, tmp_path, sig):
    assert len(clean["names"]) == N_DOCS
    store = tmp_path / "store"
    proc = kg_build(articles, store, tmp_path)
    seen, err = kill_when_stored(proc, store, sig)
    if sig == signal.SIGINT:
        assert proc.returncode != 0
        assert "Traceback" not in err, err
    else:
        assert proc.returncode == -signal.SIGKILL
    k = check_partial(store, seen, clean, input_hashes(articles))
    rerun_and_compare(articles, store, tmp_path, k, clean)
