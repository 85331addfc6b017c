"""The settings of a build, in one frozen dataclass.

:func:`kg.builder.build` takes them as ``settings=`` or as keyword arguments of the same
names; ``kg build`` makes them from its options. Whatever the engine, the flow is the
same (``docs/architecture.md``); only ``engine`` and the dask fields change where the
extraction runs.

Examples
--------
>>> s = BuildSettings(store="graph.oxigraph", batch_size=32)
>>> s.keeps_relations, s.engine
(False, 'local')
>>> BuildSettings(engine="spark")
Traceback (most recent call last):
...
ValueError: engine must be one of local, dask; not 'spark'
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.vocab import DEFAULT_MODEL

if TYPE_CHECKING:
    from kg.rdf.store import Store

__all__ = ["ENGINES", "BuildSettings"]

#: Where the extraction runs: spaCy processes here, or tasks on a dask cluster.
ENGINES = ("local", "dask")


@dataclass(frozen=True)
class BuildSettings:
    """How to build the graph.

    model (str): the spaCy pipeline (:data:`kg.vocab.DEFAULT_MODEL`).
    default_date (str | None): date of articles that give none.
    store (str | Path | Store | None): an Oxigraph directory, a SPARQL endpoint URL or an
        open :class:`kg.rdf.store.Store` that each batch of named graphs is written to
        (one transaction per batch). The graph is then not held in memory.
    engine (str): ``"local"`` (spaCy processes here) or ``"dask"`` (one task per batch on
        a dask cluster; needs ``pip install 'diplomatic-kg[dask]'``).
    workers (int | None): spaCy processes (local), or the processes of the local dask
        cluster started when no ``scheduler`` is given; ``None``: one per core.
    batch_size (int): documents per store transaction and, with dask, per task.
    force (bool): re-extract documents the store already holds (same content hash).
    keep_relations (bool | None): keep every document, relation and the dataset in the
        result; by default yes without ``store``, no with one.
    seed (int): seed of the layout and the community detection of the outputs.
    nquads_dir (str | Path | None): also write each batch's named graphs as
        ``part-NNNNNN.nq`` there (numbered in input order).
    scheduler (str | None): address of a running dask scheduler (``tcp://host:8786``).
    max_in_flight (int | None): dask tasks submitted and not yet collected (default:
        twice the workers' threads), which bounds the client's memory.
    retries (int): times dask reruns a task whose worker died.
    columns (kg.ingest.Columns | None): the text, id and date fields of JSON lines and
        tables (``--text-column``, ``--id-column``, ``--date-column``).
    """

    model: str = DEFAULT_MODEL
    default_date: str | None = None
    store: str | Path | Store | None = None
    engine: str = "local"
    workers: int | None = 1
    batch_size: int = 64
    force: bool = False
    keep_relations: bool | None = None
    seed: int = 0
    nquads_dir: str | Path | None = None
    scheduler: str | None = None
    max_in_flight: int | None = None
    retries: int = 2
    columns: Any = None

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}; not {self.engine!r}")
        if self.batch_size < 1:
            raise ValueError(f"batch size must be at least 1, got {self.batch_size}")

    @property
    def keeps_relations(self) -> bool:
        """Whether the result keeps the documents, relations and dataset."""
        return self.store is None if self.keep_relations is None else self.keep_relations

    def with_options(self, **options: Any) -> BuildSettings:
        """A copy with some fields changed; an unknown name raises ``TypeError``
        naming the valid ones."""
        valid = {f.name for f in fields(self)}
        unknown = sorted(set(options) - valid)
        if unknown:
            names, ok = ", ".join(unknown), ", ".join(sorted(valid))
            raise TypeError(f"unknown build setting(s) {names}; valid: {ok}")
        return replace(self, **options)
