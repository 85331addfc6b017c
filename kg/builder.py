"""The whole flow: articles → relations → RDF (one named graph per document) → store and
files → NetworkX report → offline HTML. One flow whatever the engine.

::

    iter_documents ─ unstored ─▶ engine (local spaCy processes | dask tasks)
        ─▶ Built(document, relations, graph) ─▶ keep or tally ─▶ batch ─▶ store, part-N.nq
        ─▶ kg.report.write_outputs: graph.trig, graph.html, report.json, report.md

Used by ``kg build``, the notebooks and anyone who wants the graph from Python; the
settings are those of :class:`kg.settings.BuildSettings`.

Examples
--------
>>> result = build(["seeds/"], out_dir=None)              # doctest: +SKIP
>>> len(result.documents), len(result.dataset) > 0          # doctest: +SKIP
(9, True)
>>> build(["seeds/"], "out", store="graph.oxigraph", engine="dask")   # doctest: +SKIP
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset

from kg.engines import BatchInfo, Built
from kg.errors import InputError, StoreError
from kg.records import Document, Relation
from kg.report import REPORT_RELATIONS, Tally
from kg.settings import BuildSettings

__all__ = ["BuildResult", "build", "summarize", "unstored"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())


@dataclass
class BuildResult:
    """What :func:`build` made: the documents, their relations and the RDF dataset.

    With a ``store``, the documents, relations and dataset are not kept (memory stays
    bounded whatever the corpus size): the graph is in the store, ``summary`` has the
    counts and ``sample`` the first relations (those ``report.md`` lists).
    ``words``, ``seconds`` and ``batches`` measure the run; ``engine`` holds the engine's
    figures (``workers``, ``scheduler``) and ``parts`` the N-Quads files written.
    """

    documents: list[Document] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    dataset: Dataset = field(default_factory=Dataset)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)
    skipped: int = 0
    stored: int | None = None  # documents in the store after the build (with ``store``)
    files: dict[str, Path] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    sample: list[Relation] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0
    batches: int = 0
    parts: list[Path] = field(default_factory=list)
    engine: dict[str, Any] = field(default_factory=dict)


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path | None = "out",
    *,
    settings: BuildSettings | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_document: Callable[[Document, list[Relation]], None] | None = None,
    on_batch: Callable[[BatchInfo], None] | None = None,
    **options: Any,
) -> BuildResult:
    """Build the knowledge graph of ``inputs``.

    inputs (Iterable[str | Path]): files, folders, .jsonl files or ``"-"``, streamed.
    out_dir (str | Path | None): where ``graph.trig``, ``graph.html``, ``report.json``
        and ``report.md`` are written (this run's documents); ``None`` writes nothing.
        With a store, the outputs are written from a scratch Oxigraph directory there.
    settings (BuildSettings | None): how to build; ``options`` (the same names: ``model``,
        ``store``, ``engine``, ``workers``, ``batch_size``, ``force``, ``seed``, …)
        change single fields. On Ctrl-C the documents finished so far are written to the
        store before the interrupt propagates.
    on_error: called for each input problem (file and line named); the batch goes on.
    on_document: called after each document with its relations (progress bars).
    on_batch: called after each batch is written (``BatchInfo``: a dask partition).
    RETURNS (BuildResult): documents, relations, dataset, errors, counts and files.
    """
    from kg.engines import make_engine
    from kg.ingest import iter_documents

    s = (settings or BuildSettings()).with_options(**options)
    t0 = time.perf_counter()
    result = BuildResult()

    def report(e: InputError) -> None:
        (result.warnings if e.code.startswith("W") else result.errors).append(e)
        if on_error is not None:
            on_error(e)

    engine = make_engine(s)
    store, opened = _open_store(s.store)
    scratch = _scratch_store(Path(out_dir)) if store is not None and out_dir is not None else None
    flow = _Flow(result, s, store, scratch, on_document, on_batch)
    try:
        try:
            known = _stored_hashes(store) if store is not None and not s.force else set()
            read = iter_documents(inputs, on_error=report, default_date=s.default_date, columns=s.columns)
            docs = unstored(read, known, flow.skip)
            result.engine = engine.run(docs, flow, report)
            flow.flush()
            if store is not None:
                result.stored = len(_stored_hashes(store))
        except KeyboardInterrupt:
            flow.flush()  # Ctrl-C: keep every document finished so far (each graph whole)
            raise
        finally:
            if opened:
                store.close()
        result.summary = flow.tally.as_dict(result.errors, result.warnings)
        result.seconds = time.perf_counter() - t0
        if out_dir is not None:
            from kg.report import write_outputs

            result.files = write_outputs(result, Path(out_dir), seed=s.seed, graph=scratch)
    finally:
        if scratch is not None:
            _remove_scratch(scratch)
    result.parts.sort()
    return result


class _Flow:
    """The flow's side of the engine (:class:`kg.engines.Sink`): keep or count each
    document, and write each batch to the store, the scratch store and its part file."""

    def __init__(self, result: BuildResult, s: BuildSettings, store: Any, scratch: Any,
                 on_document: Any, on_batch: Any) -> None:  # fmt: skip
        self.result, self.settings, self.store, self.scratch = result, s, store, scratch
        self.on_document, self.on_batch = on_document, on_batch
        self.keep = s.keeps_relations
        self.tally = Tally()
        self.pending: list[Built] = []
        self.parts = Path(s.nquads_dir) if s.nquads_dir is not None else None
        if self.parts is not None:
            self.parts.mkdir(parents=True, exist_ok=True)
            for old in self.parts.glob("part-*.nq"):
                old.unlink()

    def skip(self, _: Document) -> None:
        self.result.skipped += 1

    def built(self, item: Built) -> None:
        r = self.result
        if self.keep:
            from kg.rdf.mapping import add_graph

            add_graph(r.dataset, item.graph)
            r.documents.append(item.document)
            r.relations.extend(item.relations)
        if len(r.sample) < REPORT_RELATIONS:
            r.sample.extend(item.relations[: REPORT_RELATIONS - len(r.sample)])
        self.tally.add(item.relations, len(item.graph), item.document)
        r.words += len(item.document.text.split())
        self.pending.append(item)
        if self.on_document is not None:
            self.on_document(item.document, item.relations)

    def batch(self, info: BatchInfo) -> None:
        items = self.flush()
        if self.parts is not None:
            from kg.rdf.ntriples import graph_nquads

            text = info.nquads if info.nquads is not None else "".join(
                line for item in items for line in graph_nquads(item.graph))
            path = self.parts / f"part-{info.index:06d}.nq"
            path.write_text(text, encoding="utf-8")
            self.result.parts.append(path)
        self.result.batches += 1
        if self.on_batch is not None:
            self.on_batch(info)

    def flush(self) -> list[Built]:
        """Write the documents taken since the last flush to the stores."""
        items, self.pending = self.pending, []
        graphs = [(str(item.graph.identifier), item.graph) for item in items]
        if graphs and self.store is not None:
            _put(self.store, graphs)
            if self.scratch is not None:
                self.scratch.put_graphs(graphs)
        return items


def _open_store(store: Any) -> tuple[Any, bool]:
    """The store of the settings, and whether this build opened it (and closes it)."""
    if store is None:
        return None, False
    if isinstance(store, str | Path):
        from kg.rdf.store import open_store

        return open_store(store), True
    return store, False  # a Store made by the caller, e.g. EndpointStore(url, store_url=…)


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


def _scratch_store(out: Path) -> Any:
    """An empty Oxigraph directory in ``out`` for this run's graphs (removed after)."""
    import shutil

    from kg.rdf.store import OxigraphStore

    path = out / ".build-store"
    if path.exists():
        shutil.rmtree(path)
    out.mkdir(parents=True, exist_ok=True)
    return OxigraphStore(path)


def _remove_scratch(scratch: Any) -> None:
    import shutil

    scratch.close()
    shutil.rmtree(scratch.path, ignore_errors=True)


def unstored(
    docs: Iterable[Document], known: set[str], skipped: Callable[[Document], None]
) -> Iterator[Document]:
    """The documents whose content hash (:func:`kg.rdf.mapping.content_hash`) is not in
    ``known``; ``skipped`` is called with each of the others.

    >>> from kg.rdf.mapping import content_hash
    >>> docs = [Document(id="a", text="One."), Document(id="b", text="Two.")]
    >>> [d.id for d in unstored(docs, {content_hash("One.")}, print)]  # doctest: +ELLIPSIS
    Document(id='a', ...)
    ['b']
    """
    from kg.rdf.mapping import content_hash

    for d in docs:
        if known and content_hash(d.text) in known:
            skipped(d)
            continue
        yield d


def _stored_hashes(st: Any) -> set[str]:
    from kg.rdf.namespace import sparql_prefixes

    res = st.query(
        sparql_prefixes("dkg") + "SELECT DISTINCT ?h WHERE { ?d a dkg:Document ; dkg:contentHash ?h }"
    )
    return {str(r[0]) for r in res.rows if r[0] is not None}


def summarize(result: BuildResult) -> dict[str, Any]:
    """Counts of documents, relations (by type and modality) and actors of a result
    that kept its documents and relations."""
    tally = Tally()
    tally.add(result.relations, len(result.dataset))
    tally.documents = len(result.documents)
    return tally.as_dict(result.errors, result.warnings)
