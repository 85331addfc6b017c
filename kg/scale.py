"""Building the graph on a dask cluster: one task per partition of documents.

The client streams the inputs (:func:`kg.ingest.iter_documents`), cuts them into
partitions of ``partition_size`` documents and submits them as they come, with a
bounded number of partitions in flight, so the corpus is never held in the client. Each
task runs the spaCy pipeline — loaded once per worker process by the cached
:func:`kg.nlp.pipeline.load_nlp` — maps every document to its named graph
(:func:`kg.rdf.mapping.document_graph`) and returns the partition as N-Quads. The client
writes one ``part-NNNNNN.nq`` file per partition and loads the graphs into the store
(an Oxigraph directory or a SPARQL 1.1 endpoint) through
:meth:`kg.rdf.store.Store.put_graphs`, a batch at a time.

Workers need no shared file system: documents travel to them and N-Quads travel back
through dask. Without a ``scheduler`` address, a :class:`distributed.LocalCluster` of
single-threaded worker processes (one per core) is started and stopped.

Examples
--------
>>> stats = build_dask(["seeds/"], out_nquads_dir="out/nquads")          # doctest: +SKIP
>>> stats.documents, stats.partitions, stats.files[0].name                # doctest: +SKIP
(9, 1, 'part-000000.nq')
>>> build_dask(["corpus.jsonl"], scheduler="tcp://10.0.0.5:8786",         # doctest: +SKIP
...            out_nquads_dir="out/nquads", store="http://10.0.0.9:7878")
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, StoreError
from kg.records import Document
from kg.vocab import DEFAULT_MODEL

if TYPE_CHECKING:
    from kg.rdf.store import Store

__all__ = ["PartitionResult", "ScaleStats", "build_dask", "extract_partition", "partitions"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())



@dataclass
class PartitionResult:
    """What one task sends back: its documents' named graphs as N-Quads, and counts."""

    index: int
    nquads: str
    documents: int = 0
    words: int = 0
    relations: int = 0
    quads: int = 0
    by_relation: dict[str, int] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    #: seconds the worker spent on the partition, and its process id
    seconds: float = 0.0
    pid: int = 0


@dataclass
class ScaleStats:
    """What :func:`build_dask` did.

    ``triples`` counts the quads written (a triple stated by two documents counts twice,
    once in each document's graph).
    """

    documents: int = 0
    words: int = 0
    relations: int = 0
    triples: int = 0
    partitions: int = 0
    skipped: int = 0
    seconds: float = 0.0
    workers: int = 0
    scheduler: str = ""
    by_relation: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The figures as plain JSON-ready values."""
        return {
            "documents": self.documents,
            "words": self.words,
            "relations": self.relations,
            "triples": self.triples,
            "partitions": self.partitions,
            "skipped": self.skipped,
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
            "scheduler": self.scheduler,
            "by_relation": dict(sorted(self.by_relation.items())),
            "files": [str(f) for f in self.files],
            "input_errors": [str(e) for e in self.errors],
        }


def partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Cut a stream of documents into lists of at most ``size``, lazily.

    >>> [len(p) for p in partitions((Document(id=str(i), text="x") for i in range(5)), 2)]
    [2, 2, 1]
    """
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    part: list[Document] = []
    for d in documents:
        part.append(d)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


def graph_nquads(graph: Any) -> list[str]:
    """The N-Quads lines of a named graph (its identifier as the graph name), sorted.

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph(identifier=URIRef("urn:ex:g"))
    >>> _ = g.add((URIRef("urn:ex:a"), URIRef("urn:ex:p"), Literal('say "hi"')))
    >>> graph_nquads(g)
    ['<urn:ex:a> <urn:ex:p> "say \\\\"hi\\\\"" <urn:ex:g> .\\n']
    """
    name = f" <{graph.identifier}> .\n"
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted(line[: -len(" .")] + name for line in text.splitlines() if line.strip())


def extract_partition(
    index: int, documents: list[Document], model: str = DEFAULT_MODEL, batch_size: int = 32
) -> PartitionResult:
    """Run on a worker: relations and named graphs of ``documents``, as N-Quads.

    The pipeline is loaded once per worker process (:func:`kg.nlp.pipeline.load_nlp`
    is cached). A document whose relations cannot be mapped (E321/E322) is reported in
    ``errors`` and left out; the rest of the partition goes on.

    >>> r = extract_partition(0, [Document(id="d1", text="Putin met Assad.")])  # doctest: +SKIP
    >>> r.documents, r.nquads.count(" .\\n") == r.quads                      # doctest: +SKIP
    (1, True)
    """
    from kg.extraction import iter_relations
    from kg.nlp.pipeline import load_nlp
    from kg.rdf.mapping import document_graph

    t0 = time.perf_counter()
    nlp = load_nlp(model)
    out = PartitionResult(index=index, nquads="", pid=os.getpid())
    lines: list[str] = []
    by_relation: Counter[str] = Counter()
    for document, relations in iter_relations(documents, nlp, batch_size=batch_size):
        try:
            g = document_graph(document, relations)
        except InputError as e:
            out.errors.append(e)
            continue
        quads = graph_nquads(g)
        lines.extend(quads)
        out.documents += 1
        out.words += len(document.text.split())
        out.relations += len(relations)
        out.quads += len(quads)
        by_relation.update(r.relation for r in relations)
    out.nquads = "".join(lines)
    out.by_relation = dict(by_relation)
    out.seconds = time.perf_counter() - t0
    return out


def load_nquads(store: Any, nquads: str, *, batch_graphs: int = 256) -> int:
    """Load N-Quads text into ``store`` graph by graph (``put_graphs``), ``batch_graphs`` at a time.

    Each named graph replaces the one of the same name. Returns the number of graphs.
    """
    from rdflib import Dataset

    from kg.rdf.store import iter_graphs

    if not nquads:
        return 0
    ds = Dataset()
    ds.parse(data=nquads, format="nquads")
    batch: list[tuple[str, Any]] = []
    n = 0
    for item in iter_graphs(ds):
        batch.append(item)
        if len(batch) >= batch_graphs:
            _put(store, batch)
            n += len(batch)
            batch = []
    if batch:
        _put(store, batch)
        n += len(batch)
    return n


def _put(store: Any, batch: list[tuple[str, Any]], retries: int = 3) -> None:
    """``put_graphs`` with a few more tries when the store cannot be reached (E305).

    Writing a graph replaces it, so trying a batch again is safe.
    """
    delay = 1.0
    for attempt in range(retries + 1):
        try:
            store.put_graphs(batch)
            return
        except StoreError as e:
            if e.code != "E305" or attempt >= retries:
                raise
            log.warning("store unreachable (%s); retrying the batch in %.0f s", e, delay)
            time.sleep(delay)
            delay *= 2


def build_dask(
    inputs: Iterable[str | Path],
    *,
    scheduler: str | None = None,
    partition_size: int = 64,
    model: str = DEFAULT_MODEL,
    out_nquads_dir: str | Path | None = "out/nquads",
    store: str | Path | Store | None = None,
    default_date: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_partition: Callable[[PartitionResult], None] | None = None,
    workers: int | None = None,
    max_in_flight: int | None = None,
    force: bool = False,
    retries: int = 2,
    columns: Any = None,
) -> ScaleStats:
    """Build the graph of ``inputs`` with dask: one task per partition of documents.

    inputs (Iterable[str | Path]): files, folders, .jsonl files or ``"-"``, streamed.
    scheduler (str | None): address of a running dask scheduler (``tcp://host:8786``);
        ``None`` starts a local cluster of ``workers`` single-threaded processes.
    partition_size (int): documents per task.
    model (str): the spaCy pipeline, loaded once in each worker process.
    out_nquads_dir (str | Path | None): where ``part-NNNNNN.nq`` files are written, one per
        partition (``None``: none written; the store must then be given).
    store (str | Path | Store | None): an Oxigraph directory or SPARQL endpoint URL the
        graphs are loaded into by the client, or an open :class:`kg.rdf.store.Store`
        (for an endpoint whose update and Graph Store URLs are not the defaults).
    default_date (str | None): date of articles that give none.
    on_error: called for each input problem (file and line named); the build goes on.
    on_partition: called in the client after each partition is written and loaded.
    workers (int | None): worker processes of the local cluster (default: CPU count).
    max_in_flight (int | None): partitions submitted and not yet collected (default:
        twice the workers' threads), which bounds the client's memory.
    force (bool): re-extract documents the store already holds (same content hash).
    retries (int): times dask reruns a partition whose worker died.
    columns (kg.ingest.Columns | None): the text, id and date fields of JSON lines and tables.
    RETURNS (ScaleStats): counts, time and the files written.
    """
    from distributed import Client, LocalCluster, as_completed

    from kg.builder import unstored
    from kg.ingest import iter_documents

    if out_nquads_dir is None and store is None:
        raise ValueError("build_dask needs out_nquads_dir or store (or both)")
    t0 = time.perf_counter()
    stats = ScaleStats()
    by_relation: Counter[str] = Counter()

    def report(e: InputError) -> None:
        (stats.warnings if e.code.startswith("W") else stats.errors).append(e)
        if on_error is not None:
            on_error(e)

    out_dir = Path(out_nquads_dir) if out_nquads_dir is not None else None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        for old in out_dir.glob("part-*.nq"):
            old.unlink()

    st = None
    opened = False
    known: set[str] = set()
    if store is not None:
        from kg.builder import _stored_hashes
        from kg.rdf.store import open_store

        if isinstance(store, str | Path):
            st, opened = open_store(store), True
        else:  # a Store made by the caller, e.g. EndpointStore(url, store_url=…): not closed here
            st = store
        if not force:
            known = _stored_hashes(st)

    def skip(_: Document) -> None:
        stats.skipped += 1

    cluster = None
    if scheduler is None:
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(
            n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        threads = sum(client.nthreads().values()) or 1
        stats.workers = len(client.nthreads())
        stats.scheduler = client.scheduler.address
        limit = max_in_flight or 2 * threads

        def collect(result: PartitionResult) -> None:
            for e in result.errors:
                report(e)
            if out_dir is not None:
                path = out_dir / f"part-{result.index:06d}.nq"
                path.write_text(result.nquads, encoding="utf-8")
                stats.files.append(path)
            if st is not None:
                load_nquads(st, result.nquads)
            stats.partitions += 1
            stats.documents += result.documents
            stats.words += result.words
            stats.relations += result.relations
            stats.triples += result.quads
            by_relation.update(result.by_relation)
            if on_partition is not None:
                on_partition(result)

        described: dict[str, tuple[int, str, int]] = {}

        def finish(done: Any) -> None:
            index, first, n = described.pop(done.key)
            try:
                result = done.result()
            except Exception as e:  # a worker died or the pipeline raised: report, go on
                report(InputError(
                    "E340",
                    f"partition {index} ({n} documents from {first}) failed on the "
                    f"workers: {type(e).__name__}: {e}",
                    path=first,
                ))
            else:
                collect(result)
            done.release()

        docs = unstored(iter_documents(inputs, on_error=report, default_date=default_date,
                                       columns=columns), known, skip)
        running = as_completed()
        in_flight = 0
        run = f"{os.getpid()}-{time.time_ns()}"
        for index, part in enumerate(partitions(docs, partition_size)):
            future = client.submit(
                extract_partition, index, part, model, pure=False, retries=retries,
                key=f"kg-partition-{run}-{index}",
            )
            described[future.key] = (index, part[0].origin or part[0].id, len(part))
            running.add(future)
            in_flight += 1
            while in_flight >= limit:
                finish(next(running))
                in_flight -= 1
        for done in running:
            finish(done)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        if opened and st is not None:
            st.close()
    stats.files.sort()
    stats.by_relation = dict(by_relation)
    stats.seconds = time.perf_counter() - t0
    return stats
