"""Scaling out: a real dask LocalCluster, spaCy in several processes, a real ``oxigraph serve``.

Every path must give the same graph, quad for quad, as the single-process build.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SEED_DATE, SEEDS
from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.builder import build
from kg.rdf.mapping import load_dataset
from kg.rdf.store import open_store
from kg.records import Document
from kg.scale import build_dask, partitions

SAMPLE = ROOT / "tests" / "data" / "scale_sample.jsonl"  # 30 short corpus documents


def quads(ds: Dataset) -> dict[str, frozenset]:
    """Each named graph of ``ds`` as a set of triples, by graph name."""
    return {
        str(g.identifier): frozenset(g)
        for g in ds.graphs()
        if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)
    }


def read_nquads(folder: Path) -> Dataset:
    ds = Dataset()
    for f in sorted(folder.glob("part-*.nq")):
        ds.parse(f, format="nquads")
    return ds


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The seed folder and a few dozen corpus documents, copied to a temporary folder."""
    root = tmp_path_factory.mktemp("inputs")
    shutil.copytree(SEEDS, root / "seeds")
    shutil.copy(SAMPLE, root / "corpus.jsonl")
    return [str(root / "seeds"), str(root / "corpus.jsonl")]


@pytest.fixture(scope="module")
def reference(inputs: list[str]) -> dict[str, frozenset]:
    """The single-process build: one spaCy process, no dask."""
    result = build(inputs, None, default_date=SEED_DATE, workers=1)
    assert not result.errors
    return quads(result.dataset)


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A real dask cluster: two single-threaded worker processes."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as c:
        yield c.scheduler_address


def test_partitions_stream_lazily() -> None:
    taken = []

    def docs() -> Iterator[Document]:
        for i in range(10):
            taken.append(i)
            yield Document(id=str(i), text="x")

    parts = partitions(docs(), 4)
    assert len(next(parts)) == 4 and len(taken) == 4
    assert [len(p) for p in parts] == [4, 2]
    with pytest.raises(ValueError):
        next(partitions([], 0))


def test_dask_equals_single_process(
    inputs: list[str], reference: dict[str, frozenset], cluster: str, tmp_path: Path
) -> None:
    stats = build_dask(
        inputs, scheduler=cluster, partition_size=7, out_nquads_dir=tmp_path / "nq",
        store=tmp_path / "ox", default_date=SEED_DATE,
    )
    assert stats.documents == len(reference) == 39
    assert stats.partitions == len(stats.files) == 6  # ceil(39 / 7)
    assert not stats.errors
    files = quads(read_nquads(tmp_path / "nq"))
    assert files.keys() == reference.keys()
    for name in reference:
        assert files[name] == reference[name], name
    assert stats.triples == sum(len(g) for g in reference.values())
    with open_store(tmp_path / "ox") as st:
        assert quads(st.to_dataset()) == reference


def test_dask_client_streams_with_bounded_partitions_in_flight(
    inputs: list[str], cluster: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The client reads at most (in flight + 1) partitions ahead of what it has collected."""
    import kg.ingest

    real = kg.ingest.iter_documents
    read = collected = 0
    ahead = []

    def counted(*args, **kwargs) -> Iterator[Document]:  # the real reader, counted
        nonlocal read
        for d in real(*args, **kwargs):
            read += 1
            ahead.append(read - collected)
            yield d

    def on_partition(result) -> None:
        nonlocal collected
        collected += result.documents

    monkeypatch.setattr(kg.ingest, "iter_documents", counted)
    stats = build_dask(
        inputs, scheduler=cluster, partition_size=3, max_in_flight=2,
        out_nquads_dir=tmp_path / "nq", on_partition=on_partition,
    )
    assert stats.documents == read == 39 and stats.partitions == 13
    assert max(ahead) <= (2 + 1) * 3


@pytest.mark.server
def test_dask_loads_a_remote_sparql_endpoint(
    inputs: list[str], reference: dict[str, frozenset], cluster: str, server: str
) -> None:
    stats = build_dask(
        inputs, scheduler=cluster, partition_size=10, out_nquads_dir=None, store=server,
        default_date=SEED_DATE,
    )
    assert stats.documents == 39 and not stats.files
    with open_store(server) as st:
        assert quads(st.to_dataset()) == reference
    # a second run finds every document already stored (same content hash)
    again = build_dask(
        inputs, scheduler=cluster, out_nquads_dir=None, store=server, default_date=SEED_DATE
    )
    assert again.documents == 0 and again.skipped == 39 and again.partitions == 0


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def test_cli_workers_2_equals_workers_1(
    inputs: list[str], reference: dict[str, frozenset], tmp_path: Path
) -> None:
    for n in ("1", "2"):
        _kg("build", *inputs, "--date", SEED_DATE, "--workers", n, "-o", str(tmp_path / n))
    one = quads(load_dataset(tmp_path / "1" / "graph.trig"))
    two = quads(load_dataset(tmp_path / "2" / "graph.trig"))
    assert one == two == reference


def test_cli_engine_dask(
    inputs: list[str], reference: dict[str, frozenset], cluster: str, tmp_path: Path
) -> None:
    proc = _kg(
        "build", *inputs, "--date", SEED_DATE, "--engine", "dask", "--scheduler", cluster,
        "-o", str(tmp_path / "out"), "--store", str(tmp_path / "ox"),
    )
    assert "documents  39" in proc.stdout
    assert quads(read_nquads(tmp_path / "out" / "nquads")) == reference
    with open_store(tmp_path / "ox") as st:
        assert quads(st.to_dataset()) == reference


def test_spacy_processes_stream_with_bounded_read_ahead(nlp) -> None:
    """``iter_relations(n_process=2)`` keeps a bounded number of documents pending."""
    from kg.extraction import iter_relations

    read = 0
    ahead = []

    def docs() -> Iterator[Document]:
        nonlocal read
        for i in range(400):
            read += 1
            yield Document(id=f"d{i}", text=f"Putin met Assad in Moscow on day {i}.")

    out = []
    for document, relations in iter_relations(docs(), nlp, batch_size=8, n_process=2):
        out.append((document.id, [r.relation for r in relations]))
        ahead.append(read - len(out))
    assert [d for d, _ in out] == [f"d{i}" for i in range(400)]  # order kept
    assert all(rels == out[0][1] for _, rels in out) and "meets" in out[0][1]
    assert max(ahead) <= 10 * 8 * 2
