"""The dask engine: one task per batch ("partition") of documents, on a dask cluster.

The client streams the documents, cuts them into partitions of ``batch_size`` and submits
them as they come, with a bounded number in flight, so the corpus is never held in the
client. Each task runs the spaCy pipeline, loaded once per worker process by the cached
:func:`kg.nlp.pipeline.load_nlp`, maps every document to its named graph and sends back
the documents, their relations and the graphs as N-Quads. Workers need no shared file
system. Without a ``scheduler``, a :class:`distributed.LocalCluster` of ``workers``
single-threaded processes is started and stopped.

Needs ``pip install 'diplomatic-kg[dask]'``; without it, :class:`DaskEngine` raises E012.

Examples
--------
>>> [len(p) for p in partitions((Document(id=str(i), text="x") for i in range(5)), 2)]
[2, 2, 1]
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.engines import BatchInfo, Built, Sink
from kg.errors import InputError, KGError
from kg.records import Document, Relation
from kg.vocab import DEFAULT_MODEL

if TYPE_CHECKING:
    from kg.settings import BuildSettings

__all__ = ["INSTALL", "DaskEngine", "PartitionResult", "extract_partition", "partitions"]

#: What to install for the dask engine.
INSTALL = "pip install 'diplomatic-kg[dask]'"


@dataclass
class PartitionResult:
    """What one task sends back: its documents with their relations, their named graphs
    as N-Quads, and counts."""

    index: int
    nquads: str
    items: list[tuple[Document, list[Relation]]] = field(default_factory=list)
    documents: int = 0
    words: int = 0
    relations: int = 0
    quads: int = 0
    by_relation: dict[str, int] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    #: seconds the worker spent on the partition, and its process id
    seconds: float = 0.0
    pid: int = 0


def partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Cut a stream of documents into lists of at most ``size``, lazily."""
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
    from collections import Counter

    from kg.extraction import iter_relations
    from kg.nlp.pipeline import load_nlp
    from kg.rdf.mapping import document_graph
    from kg.rdf.ntriples import graph_nquads

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
        out.items.append((document, relations))
        out.documents += 1
        out.words += len(document.text.split())
        out.relations += len(relations)
        out.quads += len(quads)
        by_relation.update(r.relation for r in relations)
    out.nquads = "".join(lines)
    out.by_relation = dict(by_relation)
    out.seconds = time.perf_counter() - t0
    return out


class DaskEngine:
    """Partitions of ``batch_size`` documents as tasks on a dask cluster.

    Raises
    ------
    kg.errors.KGError
        E012 when dask (``distributed``) is not installed.
    """

    def __init__(self, settings: BuildSettings) -> None:
        try:
            import distributed  # noqa: F401
        except ModuleNotFoundError:
            raise KGError("E012", f"the dask engine needs dask, which is not installed: {INSTALL}") from None
        self.settings = settings

    def run(
        self, documents: Iterable[Document], sink: Sink, on_error: Callable[[InputError], None]
    ) -> dict[str, Any]:
        from distributed import Client, LocalCluster, as_completed

        s = self.settings
        cluster = None
        if s.scheduler is None:
            n = s.workers or os.cpu_count() or 1
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(s.scheduler)
        try:
            threads = sum(client.nthreads().values()) or 1
            figures = {"workers": len(client.nthreads()), "scheduler": client.scheduler.address}
            limit = s.max_in_flight or 2 * threads
            described: dict[str, tuple[int, str, int]] = {}

            def finish(done: Any) -> None:
                index, first, n = described.pop(done.key)
                try:
                    result = done.result()
                except Exception as e:  # a worker died or the pipeline raised: report, go on
                    on_error(InputError(
                        "E340",
                        f"partition {index} ({n} documents from {first}) failed on the "
                        f"workers: {type(e).__name__}: {e}",
                        path=first,
                    ))
                else:
                    _hand_over(result, sink, on_error)
                done.release()

            running = as_completed()
            in_flight = 0
            run = f"{os.getpid()}-{time.time_ns()}"
            for index, part in enumerate(partitions(documents, s.batch_size)):
                future = client.submit(
                    extract_partition, index, part, s.model, pure=False, retries=s.retries,
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
        return figures


def _hand_over(result: PartitionResult, sink: Sink, on_error: Callable[[InputError], None]) -> None:
    """Give the flow each document of a finished partition with its graph (read back
    from the partition's N-Quads), then the partition's end."""
    from rdflib import Dataset, URIRef

    from kg.iri import document_iri

    for e in result.errors:
        on_error(e)
    ds = Dataset()
    if result.nquads:
        ds.parse(data=result.nquads, format="nquads")
    for document, relations in result.items:
        sink.built(Built(document, relations, ds.graph(URIRef(document_iri(document.id)))))
    sink.batch(BatchInfo(
        index=result.index, documents=result.documents, words=result.words, errors=result.errors,
        nquads=result.nquads, seconds=result.seconds, pid=result.pid,
    ))  # fmt: skip
