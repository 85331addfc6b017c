"""What every store shares: the :class:`Store` protocol, the base class behind the three
backends, and the checks and helpers they have in common."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.errors import StoreError
from kg.rdf.ntriples import IRI

if TYPE_CHECKING:
    from kg.rdf.results import QueryResult

__all__ = [
    "RDFLIB_PARSE_LOCK",
    "BaseStore",
    "Store",
    "check_graph_name",
    "default_id",
    "iter_graphs",
    "rdflib_format",
]

#: rdflib's SPARQL parser (pyparsing) is not safe to run from several threads at once.
RDFLIB_PARSE_LOCK = threading.Lock()


@runtime_checkable
class Store(Protocol):
    """What every store offers. Graph names are absolute IRIs given as strings."""

    def put_graph(self, name: str, graph: Graph) -> None:
        """Replace the named graph *name* by the triples of *graph*, atomically."""

    def put_graphs(self, items: Iterable[tuple[str, Graph]]) -> None:
        """Replace several named graphs; each one is replaced atomically."""

    def drop_graph(self, name: str) -> None:
        """Remove the named graph *name* (no error when it is absent)."""

    def has_graph(self, name: str) -> bool:
        """Whether the named graph *name* holds at least one triple."""

    def graph_names(self) -> list[str]:
        """The names of the non-empty named graphs, sorted."""

    def query(
        self, sparql: str, bindings: dict[str, Node] | None = None, *, max_rows: int | None = None
    ) -> QueryResult:
        """Run a SPARQL query over the union of the named graphs."""

    def to_dataset(self) -> Dataset:
        """A copy of the whole store as an rdflib Dataset."""

    def dump(self, path: str | Path) -> None:
        """Write the whole store to *path* (``.trig`` or ``.nq``)."""

    def close(self) -> None:
        """Release the store; further calls raise :class:`kg.errors.StoreError`."""

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


class BaseStore:
    """Shared behaviour: context manager, single-graph writes, read-only guard."""

    read_only: bool = False
    _closed: bool = False

    def __enter__(self) -> Any:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def put_graph(self, name: str, graph: Graph) -> None:
        """Replace the named graph *name* by the triples of *graph*, atomically.

        An empty *graph* drops the named graph.
        """
        self.put_graphs([(name, graph)])

    def put_graphs(self, items: Iterable[tuple[str, Graph]]) -> None:  # pragma: no cover
        raise NotImplementedError

    def close(self) -> None:
        self._closed = True

    def _check_open(self, write: bool = False) -> None:
        if self._closed:
            raise StoreError("E306", f"the store {self!r} is closed")
        if write and self.read_only:
            raise StoreError("E307", f"the store {self!r} was opened read-only")

    def _select_rows(self, sparql: str) -> list[tuple[Node | None, ...]]:
        return self.query(sparql).rows  # type: ignore[attr-defined,no-any-return]


def check_graph_name(name: str) -> str:
    text = str(name)
    if not IRI.match(text):
        raise StoreError("E308", f"a graph name must be an absolute IRI, got {text!r}")
    return text


def default_id() -> URIRef:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return DATASET_DEFAULT_GRAPH_ID


def rdflib_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix == ".trig":
        return "trig"
    if suffix in (".nq", ".nquads"):
        return "nquads"
    raise StoreError("E309", "dump needs a .trig or .nq file name", path=str(path))


def iter_graphs(dataset: Dataset) -> Iterator[tuple[str, Graph]]:
    """The named graphs of *dataset* as ``(name, graph)`` pairs, for :meth:`Store.put_graphs`.

    Examples
    --------
    >>> from rdflib import Literal
    >>> ds = Dataset()
    >>> _ = ds.graph(URIRef("urn:ex:g")).add((URIRef("urn:ex:a"), URIRef("urn:ex:p"), Literal(1)))
    >>> [(name, len(g)) for name, g in iter_graphs(ds)]
    [('urn:ex:g', 1)]
    """
    default = default_id()
    for g in dataset.graphs():
        if isinstance(g.identifier, URIRef) and g.identifier != default and len(g):
            yield str(g.identifier), g
