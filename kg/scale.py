"""Building the graph on a dask cluster from Python: :func:`build_dask`.

It is :func:`kg.builder.build` with ``engine="dask"`` (:mod:`kg.engines.dask`), whose
figures it returns as a :class:`ScaleStats`; by default it writes the N-Quads parts
(``out/nquads/part-NNNNNN.nq``, one per partition) and no other output. See
``docs/scaling.md``.

Examples
--------
>>> stats = build_dask(["seeds/"], out_nquads_dir="out/nquads")          # doctest: +SKIP
>>> stats.documents, stats.partitions, stats.files[0].name                # doctest: +SKIP
(9, 1, 'part-000000.nq')
>>> build_dask(["corpus.jsonl"], scheduler="tcp://10.0.0.5:8786",         # doctest: +SKIP
...            out_nquads_dir="out/nquads", store="http://10.0.0.9:7878")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.engines.dask import PartitionResult, extract_partition, partitions
from kg.errors import InputError
from kg.vocab import DEFAULT_MODEL

if TYPE_CHECKING:
    from kg.engines import BatchInfo
    from kg.rdf.store import Store

__all__ = ["PartitionResult", "ScaleStats", "build_dask", "extract_partition", "partitions"]


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
    on_partition: Callable[[BatchInfo], None] | None = None,
    workers: int | None = None,
    max_in_flight: int | None = None,
    force: bool = False,
    retries: int = 2,
    columns: Any = None,
) -> ScaleStats:
    """Build the graph of ``inputs`` with dask: one task per partition of documents.

    The parameters are those of :class:`kg.settings.BuildSettings` (``partition_size``
    is its ``batch_size``, ``out_nquads_dir`` its ``nquads_dir``; ``columns`` the text,
    id and date fields of JSON lines and tables); ``on_partition`` is called after each
    partition is written and loaded. Nothing is kept in memory.
    RETURNS (ScaleStats): counts, time and the files written.
    """
    from kg.builder import build

    if out_nquads_dir is None and store is None:
        raise ValueError("build_dask needs out_nquads_dir or store (or both)")
    result = build(
        inputs, None, engine="dask", scheduler=scheduler, batch_size=partition_size, model=model,
        nquads_dir=out_nquads_dir, store=store, default_date=default_date, on_error=on_error,
        on_batch=on_partition, workers=workers, max_in_flight=max_in_flight, force=force,
        retries=retries, keep_relations=False, columns=columns,
    )  # fmt: skip
    s = result.summary
    return ScaleStats(
        documents=s["documents"], words=result.words, relations=s["relations"], triples=s["triples"],
        partitions=result.batches, skipped=result.skipped, seconds=result.seconds,
        workers=result.engine.get("workers", 0), scheduler=result.engine.get("scheduler", ""),
        by_relation=s["by_relation"], files=result.parts, errors=result.errors, warnings=result.warnings,
    )  # fmt: skip
