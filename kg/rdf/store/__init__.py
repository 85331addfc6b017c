"""Triple stores holding one named graph per document: in memory, Oxigraph, or a SPARQL endpoint.

:func:`open_store` picks the kind from its argument:

* ``None`` → :class:`MemoryStore`, an :class:`rdflib.Dataset` (tests, notebooks, small graphs);
* ``"http://…"`` / ``"https://…"`` → :class:`EndpointStore`, any SPARQL 1.1 server (queries
  through the SPARQL 1.1 Protocol, writes through the Graph Store HTTP Protocol with a
  fallback to SPARQL 1.1 Update);
* anything else → :class:`OxigraphStore`, an embedded pyoxigraph store persisted in that
  directory.

Every kind answers queries with the **union of the named graphs as the default graph**
(an RDF merge: a triple stated by several documents is there once), so a query without
``GRAPH`` sees every document, and returns a :class:`kg.rdf.results.QueryResult` made of
rdflib terms. An endpoint must be set up that way by its server (see :class:`EndpointStore`).
Writing a graph **replaces** it as a whole, and a crash never leaves half a graph behind
(see :class:`OxigraphStore`).

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("urn:ex:RUS"), URIRef("urn:ex:meets"), URIRef("urn:ex:CHN")))
>>> with open_store() as store:
...     store.put_graph("urn:ex:doc1", g)
...     result = store.query("SELECT ?b WHERE { ?a <urn:ex:meets> ?b }")
...     store.graph_names(), result.rows
(['urn:ex:doc1'], [(rdflib.term.URIRef('urn:ex:CHN'),)])
"""

from __future__ import annotations

from pathlib import Path

from kg.rdf.store.base import RDFLIB_PARSE_LOCK, Store, iter_graphs
from kg.rdf.store.bindings import with_values
from kg.rdf.store.endpoint import EndpointStore
from kg.rdf.store.memory import MemoryStore
from kg.rdf.store.oxigraph import OxigraphStore, StoreGraph

__all__ = [
    "RDFLIB_PARSE_LOCK",
    "EndpointStore",
    "MemoryStore",
    "OxigraphStore",
    "Store",
    "StoreGraph",
    "iter_graphs",
    "open_store",
    "with_values",
]


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open the store named by *location*.

    Parameters
    ----------
    location : str or Path or None
        ``None`` for an in-memory store, an ``http(s)://`` URL of a SPARQL 1.1 query
        endpoint, or the directory of an Oxigraph store (created when missing).
    read_only : bool
        Refuse every write. An Oxigraph directory is then opened with
        ``pyoxigraph.Store.read_only`` and may be shared with other readers.

    Returns
    -------
    Store
        A :class:`MemoryStore`, :class:`EndpointStore` or :class:`OxigraphStore`;
        use it as a context manager so it is closed.

    Raises
    ------
    kg.errors.StoreError
        E301 when the Oxigraph directory cannot be opened (for example because
        another process holds it).

    Examples
    --------
    >>> type(open_store()).__name__
    'MemoryStore'
    >>> type(open_store("http://localhost:7878/query")).__name__
    'EndpointStore'
    """
    if location is None:
        return MemoryStore(read_only=read_only)
    text = str(location)
    if text.startswith(("http://", "https://")):
        return EndpointStore(text, read_only=read_only)
    return OxigraphStore(location, read_only=read_only)
