"""Where the extraction runs: spaCy processes here (:mod:`kg.engines.local`) or tasks on a
dask cluster (:mod:`kg.engines.dask`).

An engine reads a stream of documents and hands the build flow (:func:`kg.builder.build`)
each document with its relations and named graph (a :class:`Built`), then, at the end of
each batch, a :class:`BatchInfo`. The flow does the rest the same way whatever the
engine: skip what is stored, keep or tally, write each batch to the store (one
transaction), write the N-Quads parts and the outputs. An engine reports a document
it cannot map (E321/E322) or a task that failed (E340) through ``on_error`` and goes on.

Examples
--------
>>> from kg.settings import BuildSettings
>>> type(make_engine(BuildSettings())).__name__
'LocalEngine'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from kg.errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.records import Document, Relation
    from kg.settings import BuildSettings

__all__ = ["BatchInfo", "Built", "Engine", "Sink", "make_engine"]


@dataclass
class Built:
    """One document as an engine hands it over: its relations and its named graph."""

    document: Document
    relations: list[Relation]
    graph: Graph


@dataclass
class BatchInfo:
    """The end of one batch (a dask task's partition, or ``batch_size`` local documents).

    index (int): the batch's number in input order (its ``part-NNNNNN.nq``).
    documents (int): documents of the batch that were built.
    words (int): their words.
    errors (list[InputError]): what failed in it (already passed to ``on_error``).
    nquads (str | None): the batch's graphs as N-Quads, when the engine has them.
    seconds (float), pid (int): the time the batch took where it ran, and that process.
    """

    index: int
    documents: int = 0
    words: int = 0
    errors: list[InputError] = field(default_factory=list)
    nquads: str | None = None
    seconds: float = 0.0
    pid: int = 0


class Sink(Protocol):
    """The build flow's side of an engine."""

    def built(self, item: Built) -> None:
        """Take one document, its relations and graph."""

    def batch(self, info: BatchInfo) -> None:
        """Close the batch of the documents taken since the last call."""


class Engine(Protocol):
    """Runs the extraction of a stream of documents."""

    def run(
        self, documents: Iterable[Document], sink: Sink, on_error: Callable[[InputError], None]
    ) -> dict[str, Any]:
        """Build every document, calling ``sink``; return figures of the run
        (``workers``, ``scheduler``)."""


def make_engine(settings: BuildSettings) -> Engine:
    """The engine ``settings.engine`` names.

    Raises
    ------
    kg.errors.KGError
        E012 for the dask engine when dask is not installed (``pip install
        'diplomatic-kg[dask]'``).
    """
    if settings.engine == "dask":
        from kg.engines.dask import DaskEngine

        return DaskEngine(settings)
    from kg.engines.local import LocalEngine

    return LocalEngine(settings)
