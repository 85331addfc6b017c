"""The in-memory store: an :class:`rdflib.Dataset` (tests, notebooks, small graphs)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.rdf.store.base import RDFLIB_PARSE_LOCK, BaseStore, check_graph_name, default_id, rdflib_format
from kg.rdf.store.bindings import check_bindings

if TYPE_CHECKING:
    from kg.rdf.results import QueryResult

__all__ = ["MemoryStore"]


class MemoryStore(BaseStore):
    """An in-memory store: an :class:`rdflib.Dataset` whose default graph is the union.

    Examples
    --------
    >>> from rdflib import Graph, URIRef
    >>> store = MemoryStore()
    >>> g = Graph().add((URIRef("urn:ex:a"), URIRef("urn:ex:p"), URIRef("urn:ex:b")))
    >>> store.put_graph("urn:ex:g", g)
    >>> store.has_graph("urn:ex:g"), store.query("ASK { ?s ?p ?o }").ask
    (True, True)
    """

    def __init__(self, dataset: Dataset | None = None, *, read_only: bool = False) -> None:
        self._ds = Dataset(default_union=True)
        if dataset is not None:
            for g in dataset.graphs():
                if isinstance(g.identifier, URIRef) and g.identifier != default_id():
                    self._ds.addN((s, p, o, self._ds.graph(g.identifier)) for s, p, o in g)
        self.read_only = read_only
        self._lock = threading.RLock()

    @classmethod
    def from_file(cls, path: str | Path, *, read_only: bool = True) -> MemoryStore:
        """A store holding a graph file (:func:`kg.rdf.mapping.load_dataset`): its named
        graphs, or for a ``.ttl``/``.nt`` file its triples as one graph named by the
        file's URI.

        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.ttl"
        >>> _ = p.write_text("<urn:a> <urn:p> <urn:b> .", encoding="utf-8")
        >>> MemoryStore.from_file(p).graph_names() == [p.resolve().as_uri()]
        True
        """
        from kg.rdf.mapping import load_dataset

        ds = load_dataset(path)
        default = ds.graph(default_id())
        if len(default):  # a .ttl/.nt file: its triples as one named graph
            named = ds.graph(URIRef(Path(path).resolve().as_uri()))
            for t in default:
                named.add(t)
        return cls(ds, read_only=read_only)

    def __repr__(self) -> str:
        return "MemoryStore()"

    def put_graphs(self, items: Iterable[tuple[str, Graph]]) -> None:
        """Replace each named graph; a bad graph name fails before anything changes."""
        self._check_open(write=True)
        for name, graph in items:
            iri = URIRef(check_graph_name(name))
            triples = list(graph)
            with self._lock:
                self._ds.remove_graph(iri)
                if triples:
                    ctx = self._ds.graph(iri)
                    self._ds.addN((s, p, o, ctx) for s, p, o in triples)

    def drop_graph(self, name: str) -> None:
        self._check_open(write=True)
        with self._lock:
            self._ds.remove_graph(URIRef(name))

    def has_graph(self, name: str) -> bool:
        self._check_open()
        return next(self._ds.quads((None, None, None, URIRef(name))), None) is not None

    def graph_names(self) -> list[str]:
        self._check_open()
        default = default_id()
        return sorted(
            str(g.identifier)
            for g in self._ds.graphs()
            if g.identifier != default
            and isinstance(g.identifier, URIRef)
            and next(iter(g.triples((None, None, None))), None) is not None
        )

    def query(
        self, sparql: str, bindings: dict[str, Node] | None = None, *, max_rows: int | None = None
    ) -> QueryResult:
        """Run *sparql* with rdflib, *bindings* passed as ``initBindings``."""
        from kg.rdf.results import from_rdflib

        self._check_open()
        try:
            res = self._ds.query(_prepared(sparql), initBindings=check_bindings(bindings))
            return from_rdflib(res, max_rows=max_rows)
        except QueryError:
            raise
        except Exception as e:  # pyparsing / rdflib evaluation errors
            raise QueryError("E201", f"SPARQL query failed: {e}") from e

    def to_dataset(self) -> Dataset:
        self._check_open()
        out = Dataset(default_union=True)
        for q in self._ds.quads((None, None, None, None)):
            s, p, o, ctx = q
            if ctx is not None and ctx != default_id():
                out.add((s, p, o, out.graph(ctx)))
        return out

    def dump(self, path: str | Path) -> None:
        self._check_open()
        self.to_dataset().serialize(destination=str(path), format=rdflib_format(path))


@functools.lru_cache(maxsize=256)
def _prepared(sparql: str) -> Any:
    """rdflib's parse of *sparql* (5-10 ms, more than most queries take to run), kept for
    the texts asked again: an endpoint's clients repeat theirs."""
    from rdflib.plugins.sparql import prepareQuery

    with RDFLIB_PARSE_LOCK:
        return prepareQuery(sparql)
