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

import contextlib
import functools
import itertools
import json
import logging
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError

if TYPE_CHECKING:
    from kg.rdf.results import QueryResult

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

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*$")
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LANG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_BNODE_LABEL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(?<!\.)$")
#: rdflib's SPARQL parser (pyparsing) is not safe to run from several threads at once.
RDFLIB_PARSE_LOCK = threading.Lock()
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


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
        self,
        sparql: str,
        bindings: dict[str, Node] | None = None,
        *,
        max_rows: int | None = None,
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


class _BaseStore:
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


# --------------------------------------------------------------------------- memory


class MemoryStore(_BaseStore):
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
                if isinstance(g.identifier, URIRef) and g.identifier != _default_id():
                    self._ds.addN((s, p, o, self._ds.graph(g.identifier)) for s, p, o in g)
        self.read_only = read_only
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return "MemoryStore()"

    def put_graphs(self, items: Iterable[tuple[str, Graph]]) -> None:
        """Replace each named graph; a bad graph name fails before anything changes."""
        self._check_open(write=True)
        for name, graph in items:
            iri = URIRef(_check_graph_name(name))
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
        default = _default_id()
        return sorted(
            str(g.identifier)
            for g in self._ds.graphs()
            if g.identifier != default
            and isinstance(g.identifier, URIRef)
            and next(iter(g.triples((None, None, None))), None) is not None
        )

    def query(
        self,
        sparql: str,
        bindings: dict[str, Node] | None = None,
        *,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run *sparql* with rdflib, *bindings* passed as ``initBindings``."""
        from kg.rdf.results import QueryResult

        self._check_open()
        try:
            res = self._ds.query(_prepared(sparql), initBindings=_check_bindings(bindings))
            if res.type == "ASK":
                return QueryResult(vars=[], rows=[], ask=bool(res.askAnswer), graph=None)
            if res.type in ("CONSTRUCT", "DESCRIBE"):
                g = Graph()
                for i, t in enumerate(res.graph or ()):
                    if max_rows is not None and i >= max_rows:
                        break
                    g.add(t)
                return QueryResult(vars=[], rows=[], ask=None, graph=g)
            names = [str(v) for v in res.vars or ()]
            rows: list[tuple[Node | None, ...]] = []
            for row in res:
                if max_rows is not None and len(rows) >= max_rows:
                    break
                rows.append(tuple(row))  # type: ignore[arg-type]
        except QueryError:
            raise
        except Exception as e:  # pyparsing / rdflib evaluation errors
            raise QueryError("E201", f"SPARQL query failed: {e}") from e
        return QueryResult(vars=names, rows=rows, ask=None, graph=None)

    def to_dataset(self) -> Dataset:
        self._check_open()
        out = Dataset(default_union=True)
        for q in self._ds.quads((None, None, None, None)):
            s, p, o, ctx = q
            if ctx is not None and ctx != _default_id():
                out.add((s, p, o, out.graph(ctx)))
        return out

    def dump(self, path: str | Path) -> None:
        self._check_open()
        self.to_dataset().serialize(destination=str(path), format=_rdflib_format(path))


@functools.lru_cache(maxsize=256)
def _prepared(sparql: str) -> Any:
    """rdflib's parse of *sparql* (5-10 ms, more than most queries take to run), kept for
    the texts asked again: an endpoint's clients repeat theirs."""
    from rdflib.plugins.sparql import prepareQuery

    with RDFLIB_PARSE_LOCK:
        return prepareQuery(sparql)


def _default_id() -> URIRef:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return DATASET_DEFAULT_GRAPH_ID


# --------------------------------------------------------------------------- oxigraph


class OxigraphStore(_BaseStore):
    """A persistent store in a directory, embedded through pyoxigraph.

    Parameters
    ----------
    path : str or Path
        The store directory (created when missing).
    read_only : bool
        Open with ``pyoxigraph.Store.read_only``: several processes may read at once.
    batch_quads : int
        How many quads :meth:`put_graphs` hands to one ``bulk_load`` call at most.

    Notes
    -----
    **The default graph holds the union of the named graphs, kept by the store.** Oxigraph
    0.5's own ``use_default_graph_as_union`` is a bag: a triple stated in *n* documents
    (every document graph repeats its actors' triples) matches *n* times, which inflates
    counts and makes joins over actors blow up (oxigraph/oxigraph#1919, fixed after 0.5).
    So every write also writes the triples to the default graph, where they are a set,
    and a drop removes from it the triples no other graph states. Queries read that
    default graph; ``GRAPH`` patterns still see each document. A store whose default
    graph is empty while it has named graphs (written by another tool) is filled on open.

    New graphs are written with ``pyoxigraph.Store.bulk_load`` of N-Quads (the quads and
    their default-graph triples together, each union triple once per store session) in
    chunks that never split a graph and stay
    under Oxigraph's bulk-load batch (1,000,000 quads). Each chunk is ingested by one
    RocksDB ``IngestExternalFiles`` call over every index, which is atomic: after a crash
    each graph of a chunk is there in full or not at all. Graphs that already exist are
    replaced, and graphs dropped, by one SPARQL Update each, a single transaction.

    Examples
    --------
    >>> import tempfile
    >>> from rdflib import Graph, URIRef
    >>> g = Graph().add((URIRef("urn:ex:a"), URIRef("urn:ex:p"), URIRef("urn:ex:b")))
    >>> with OxigraphStore(tempfile.mkdtemp()) as store:
    ...     store.put_graphs([("urn:ex:g1", g), ("urn:ex:g2", g)])
    ...     store.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
    rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """

    #: how many union triples :meth:`put_graphs` remembers, to write each once (~70 MB)
    UNION_MEMO = 1_000_000

    def __init__(self, path: str | Path, *, read_only: bool = False, batch_quads: int = 200_000) -> None:
        import pyoxigraph as ox

        self.path = Path(path)
        self.read_only = read_only
        self.batch_quads = min(batch_quads, 900_000)
        self._lock = threading.RLock()
        try:
            if read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(
                "E301",
                f"cannot open the Oxigraph store ({e}); is another process using it?",
                path=str(self.path),
            ) from e
        self._ox = ox
        self._to_rdflib = _OxToRdflib(ox)
        #: hashes of the triple lines this store wrote to the union (default graph)
        self._in_union: set[int] = set()
        if not read_only:
            self._fill_default_graph()

    def _fill_default_graph(self) -> None:
        ox = self._ox
        empty = next(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None
        if empty and next(iter(self._store.named_graphs()), None) is not None:
            logger.info("%r: building the union default graph", self)
            self._store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def __repr__(self) -> str:
        return f"OxigraphStore({str(self.path)!r})"

    @property
    def native(self) -> Any:
        """The underlying ``pyoxigraph.Store`` (for benchmarks and Oxigraph-only features)."""
        self._check_open()
        return self._store

    def put_graphs(self, items: Iterable[tuple[str, Graph]]) -> None:
        """Replace many named graphs, fast and crash-safe.

        Each graph is serialized once to N-Quads; new graphs are bulk-loaded in chunks,
        existing ones are replaced in one transaction each. While Oxigraph loads a chunk
        (it releases the GIL), the next one is serialized: one load in flight at a time,
        in order. A graph Oxigraph cannot read (an invalid IRI, say) is skipped, the
        others are still written, and a :class:`kg.errors.StoreError` naming the skipped
        graphs is raised at the end.
        """
        from concurrent.futures import ThreadPoolExecutor

        self._check_open(write=True)
        ox = self._ox
        cache: dict[Node, str] = {}
        chunk: list[tuple[str, list[str]]] = []  # (name, its "s p o" lines)
        in_chunk: set[str] = set()
        size = 0
        failed: list[str] = []
        with self._lock, ThreadPoolExecutor(1, thread_name_prefix="oxigraph-load") as pool:
            loader = _ChunkLoader(self, pool, failed)
            try:
                for name, graph in items:
                    iri = _check_graph_name(name)
                    try:
                        lines = _triple_lines(graph, cache)
                    except _BadTermError as e:
                        logger.warning("graph %s not written: %s", iri, e)
                        failed.append(f"{iri} ({e})")
                        continue
                    if iri in in_chunk:
                        loader.submit(chunk)
                        chunk, in_chunk, size = [], set(), 0
                    if iri in loader.iris:
                        loader.settle()
                    if not lines:
                        loader.settle()
                        self._drop(iri)
                        continue
                    if 2 * len(lines) > self.batch_quads or self._store.contains_named_graph(
                        ox.NamedNode(iri)
                    ):
                        loader.settle()
                        self._replace(iri, lines, failed)
                        continue
                    chunk.append((iri, lines))
                    in_chunk.add(iri)
                    size += 2 * len(lines)
                    if size >= self.batch_quads:
                        loader.submit(chunk)
                        chunk, in_chunk, size = [], set(), 0
                loader.submit(chunk)
            finally:
                loader.settle()  # also on Ctrl-C: the chunk in flight lands whole
        if failed:
            raise StoreError(
                "E302",
                f"{len(failed)} graph(s) not written (the others were): {', '.join(failed[:5])}",
                path=str(self.path),
            )

    def _chunk_text(
        self, chunk: list[tuple[str, list[str]]], also_seen: set[int] = frozenset()  # type: ignore[assignment]
    ) -> tuple[str, set[int]]:
        """N-Quads of the graphs of *chunk* and of their triples not yet in the union.

        A triple this store already wrote to the default graph (the actors and events
        every document about them repeats), or that *also_seen* holds, is not written
        again: the union is a set. Returns the text and the hashes of the union lines.
        """
        seen = self._in_union
        parts: list[str] = []
        fresh: set[int] = set()
        for iri, lines in chunk:
            suffix = f" <{iri}> .\n"
            parts.append(suffix.join(lines) + suffix)
            new = []
            for line in lines:
                h = hash(line)
                if h not in seen and h not in also_seen and h not in fresh:
                    fresh.add(h)
                    new.append(line)
            if new:
                parts.append(" .\n".join(new) + " .\n")
        return "".join(parts), fresh

    def _remember(self, fresh: set[int]) -> None:
        if len(self._in_union) + len(fresh) > self.UNION_MEMO:
            self._in_union.clear()
        self._in_union |= fresh

    def _load_alone(self, chunk: list[tuple[str, list[str]]], failed: list[str]) -> None:
        """Load *chunk* now; when it does not parse, find its bad graphs one by one."""
        text, fresh = self._chunk_text(chunk)
        try:
            self._store.bulk_load(text, format=self._ox.RdfFormat.N_QUADS, lenient=True)
        except SyntaxError:
            if len(chunk) == 1:
                logger.warning("graph %s is not valid RDF; skipped", chunk[0][0])
                failed.append(chunk[0][0])
                return
            # Nothing of a chunk is written when it fails to parse: find the bad graphs.
            for item in chunk:
                self._load_alone([item], failed)
            return
        self._remember(fresh)

    def _replace(self, iri: str, lines: list[str], failed: list[str]) -> None:
        self._in_union.clear()  # the update may remove triples from the union
        body = " .\n".join(lines)
        update = f"{_drop_update(iri)} ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{body} .\n}}\n{body} .\n}}"
        try:
            self._store.update(update)
        except SyntaxError as e:
            logger.warning("graph %s is not valid RDF (%s); skipped", iri, e)
            failed.append(iri)

    def _drop(self, iri: str) -> None:
        if self._store.contains_named_graph(self._ox.NamedNode(iri)):
            self._in_union.clear()
            self._store.update(_drop_update(iri))

    def drop_graph(self, name: str) -> None:
        self._check_open(write=True)
        with self._lock:
            self._drop(_check_graph_name(name))

    def has_graph(self, name: str) -> bool:
        self._check_open()
        try:
            node = self._ox.NamedNode(name)
        except ValueError:
            return False
        if not self._store.contains_named_graph(node):
            return False
        return next(self._store.quads_for_pattern(None, None, None, node), None) is not None

    def graph_names(self) -> list[str]:
        self._check_open()
        ox = self._ox
        return sorted(
            g.value
            for g in self._store.named_graphs()
            if isinstance(g, ox.NamedNode)
            and next(self._store.quads_for_pattern(None, None, None, g), None) is not None
        )

    def query(
        self,
        sparql: str,
        bindings: dict[str, Node] | None = None,
        *,
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run *sparql* with Oxigraph.

        *bindings* become Oxigraph ``substitutions`` (SPARQL-dev SEP-0007) when every
        bound variable is projected, else a ``VALUES`` block (see :func:`with_values`).
        """
        from kg.rdf.results import QueryResult

        self._check_open()
        ox = self._ox
        subs = None
        if bindings:
            subs = {ox.Variable(k): _rdflib_to_ox(ox, v) for k, v in _check_bindings(bindings).items()}
        try:
            try:
                res = self._store.query(sparql, substitutions=subs)
            except RuntimeError:
                # Oxigraph substitutes only projected variables; join the others instead.
                res = self._store.query(with_values(sparql, _check_bindings(bindings)))
            conv = self._to_rdflib
            if isinstance(res, ox.QueryBoolean):
                return QueryResult(vars=[], rows=[], ask=bool(res), graph=None)
            if isinstance(res, ox.QueryTriples):
                g = Graph()
                for t in res:  # Oxigraph repeats triples: count the distinct ones
                    if max_rows is not None and len(g) >= max_rows:
                        break
                    g.add((conv(t.subject), conv(t.predicate), conv(t.object)))
                return QueryResult(vars=[], rows=[], ask=None, graph=g)
            names = [v.value for v in res.variables]
            term = conv.term
            get = conv._cache.get
            if max_rows is None:
                rows = [tuple([c if (c := get(t)) is not None else term(t) for t in sol]) for sol in res]
            else:
                rows = []
                for sol in res:
                    if len(rows) >= max_rows:
                        break
                    rows.append(tuple(map(term, sol)))
        except SyntaxError as e:
            raise QueryError("E201", f"SPARQL syntax error: {e}") from e
        except OSError as e:
            raise StoreError("E303", f"query failed: {e}", path=str(self.path)) from e
        return QueryResult(vars=names, rows=rows, ask=None, graph=None)

    def to_dataset(self) -> Dataset:
        self._check_open()
        ds = Dataset(default_union=True)
        data = self._named_quads(self._ox.RdfFormat.N_QUADS)
        if data:
            ds.parse(data=data, format="nquads")
        return ds

    def dump(self, path: str | Path) -> None:
        """Write the named graphs (not the derived default graph) as TriG or N-Quads,
        streamed graph by graph (sorted by name), so the store is never held in memory."""
        self._check_open()
        from kg.rdf.namespace import PREFIXES

        ox = self._ox
        fmt = ox.RdfFormat.TRIG if _rdflib_format(path) == "trig" else ox.RdfFormat.N_QUADS
        quads = itertools.chain.from_iterable(
            self._store.quads_for_pattern(None, None, None, ox.NamedNode(name))
            for name in self.graph_names()
        )
        prefixes = {k: str(v) for k, v in PREFIXES.items()} if fmt == ox.RdfFormat.TRIG else None
        ox.serialize(quads, output=str(path), format=fmt, prefixes=prefixes)

    def as_graph(self) -> StoreGraph:
        """A read-only, rdflib-like view of the union graph (``query``,
        ``predicate_objects``, ``in``), for code written against rdflib graphs such as
        :func:`kg.analysis.to_nx`, without loading the store into memory."""
        self._check_open()
        return StoreGraph(self)

    def _named_quads(self, fmt: Any) -> bytes:
        ox = self._ox
        quads = (q for q in self._store if not isinstance(q.graph_name, ox.DefaultGraph))
        return ox.serialize(quads, format=fmt) or b""

    def close(self) -> None:
        if not self._closed:
            with contextlib.suppress(OSError):
                if not self.read_only:
                    self._store.flush()
            self._store = None  # type: ignore[assignment]
        self._closed = True


class StoreGraph:
    """The union graph of an :class:`OxigraphStore`, read through the rdflib calls that
    :func:`kg.analysis.to_nx` uses: ``query`` (rows with attribute access),
    ``predicate_objects`` and ``(s, p, o) in graph``, answered by Oxigraph's indexes.

    Examples
    --------
    >>> import tempfile
    >>> from rdflib import Graph, URIRef
    >>> store = OxigraphStore(tempfile.mkdtemp())
    >>> store.put_graphs([("urn:ex:g1", Graph().parse(data="<urn:ex:a> <urn:ex:p> 1 .", format="ttl"))])
    >>> view = store.as_graph()
    >>> [o.toPython() for _, o in view.predicate_objects(URIRef("urn:ex:a"))]
    [1]
    >>> (URIRef("urn:ex:a"), URIRef("urn:ex:p"), None) in view
    True
    >>> [str(r.s) for r in view.query("SELECT ?s WHERE { ?s ?p ?o }")]
    ['urn:ex:a']
    >>> store.close()
    """

    def __init__(self, store: OxigraphStore) -> None:
        self.store = store

    def query(self, sparql: str) -> list[Any]:
        from collections import namedtuple

        res = self.store.query(sparql)
        row = namedtuple("Row", res.vars)  # type: ignore[misc]
        return [row(*r) for r in res.rows]

    def _pattern(self, s: Node | None, p: Node | None, o: Node | None) -> Iterator[Any]:
        ox = self.store._ox
        terms = [None if t is None else _rdflib_to_ox(ox, t) for t in (s, p, o)]
        return self.store._store.quads_for_pattern(*terms, ox.DefaultGraph())

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        conv = self.store._to_rdflib
        for q in self._pattern(subject, None, None):
            yield conv(q.predicate), conv(q.object)

    def __contains__(self, triple: tuple[Node | None, Node | None, Node | None]) -> bool:
        return next(self._pattern(*triple), None) is not None


class _ChunkLoader:
    """The one ``bulk_load`` of an :class:`OxigraphStore` in flight, on a worker thread.

    :meth:`submit` serializes a chunk (deduplicating its union triples against those
    written and those in flight), waits for the previous load, and starts this one.
    """

    def __init__(self, store: OxigraphStore, pool: Any, failed: list[str]) -> None:
        self.store, self.pool, self.failed = store, pool, failed
        self.future: Any = None
        self.chunk: list[tuple[str, list[str]]] = []
        self.fresh: set[int] = set()
        self.iris: set[str] = set()

    def submit(self, chunk: list[tuple[str, list[str]]]) -> None:
        if not chunk:
            return
        text, fresh = self.store._chunk_text(chunk, self.fresh)
        if not self.settle():  # what was in flight failed: our deduplication assumed it
            text, fresh = self.store._chunk_text(chunk)
        ox = self.store._ox
        self.future = self.pool.submit(
            self.store._store.bulk_load, text, format=ox.RdfFormat.N_QUADS, lenient=True
        )
        self.chunk, self.fresh, self.iris = chunk, fresh, {iri for iri, _ in chunk}

    def settle(self) -> bool:
        """Wait for the load in flight; False when it did not parse (its good graphs
        are then loaded one by one, its bad ones listed in ``failed``)."""
        if self.future is None:
            return True
        future, chunk, fresh = self.future, self.chunk, self.fresh
        self.future, self.chunk, self.fresh, self.iris = None, [], set(), set()
        try:
            future.result()
        except SyntaxError:
            if len(chunk) == 1:
                logger.warning("graph %s is not valid RDF; skipped", chunk[0][0])
                self.failed.append(chunk[0][0])
            else:
                for item in chunk:
                    self.store._load_alone([item], self.failed)
            return False
        self.store._remember(fresh)
        return True


class _OxToRdflib:
    """Convert pyoxigraph terms to rdflib terms exactly, with a cache for repeated terms.

    A literal typed ``xsd:string`` becomes a plain ``Literal`` and a language-tagged one
    has no datatype, as rdflib builds them, so round trips compare equal.

    IRIs and plain strings, most of a result, are built without rdflib's constructors
    (which validate and parse the lexical form: 10 to 50 µs each here); the shortcut is
    checked against the constructors once and not used if they ever disagree.
    """

    def __init__(self, ox: Any) -> None:
        self._ox = ox
        self._cache: dict[Any, Node] = {}
        self._fast = _fast_constructors_agree()

    def term(self, t: Any) -> Node | None:
        if t is None:
            return None
        cache = self._cache
        r = cache.get(t)
        if r is None:
            r = self._convert(t)
            if len(cache) > 200_000:
                cache.clear()
            cache[t] = r
        return r

    __call__ = term

    def _convert(self, t: Any) -> Node:
        ox = self._ox
        if isinstance(t, ox.NamedNode):
            return str.__new__(URIRef, t.value) if self._fast else URIRef(t.value)
        if isinstance(t, ox.Literal):
            if t.language:
                return Literal(t.value, lang=t.language)
            dt = t.datatype.value
            if dt == _XSD_STRING:
                return _plain_literal(t.value) if self._fast else Literal(t.value)
            return Literal(t.value, datatype=URIRef(dt))
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        raise StoreError("E304", f"unsupported RDF term in a result: {t!r}")


def _plain_literal(value: str) -> Literal:
    """``Literal(value)`` without the constructor's checks (see :class:`_OxToRdflib`)."""
    lit = str.__new__(Literal, value)
    lit._language = None
    lit._datatype = None
    lit._value = value
    lit._ill_typed = None
    return lit


def _fast_constructors_agree() -> bool:
    try:
        for v in ("", "x", 'a "b"\n'):
            slow, fast = Literal(v), _plain_literal(v)
            if not (
                slow == fast
                and hash(slow) == hash(fast)
                and all(getattr(slow, a) == getattr(fast, a) for a in Literal.__slots__)
            ):
                return False
        iri = "urn:ex:a"
        return URIRef(iri) == str.__new__(URIRef, iri) and hash(URIRef(iri)) == hash(str.__new__(URIRef, iri))
    except Exception:  # rdflib changed its internals: use the constructors
        return False


def _drop_update(iri: str) -> str:
    """SPARQL Update dropping graph *iri* and its triples no other graph states from the union."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{iri}>) }} }} ;\n"
        f"DROP SILENT GRAPH <{iri}>"
    )


def _rdflib_to_ox(ox: Any, t: Node) -> Any:
    try:
        if isinstance(t, URIRef):
            return ox.NamedNode(str(t))
        if isinstance(t, BNode):
            return ox.BlankNode(str(t))
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            if t.datatype is not None:
                return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
            return ox.Literal(str(t))
    except ValueError as e:
        raise QueryError("E202", f"cannot bind {t!r}: {e}") from e
    raise QueryError("E202", f"cannot bind {t!r}: expected a URIRef, Literal or BNode")


# --------------------------------------------------------------------------- endpoint


class EndpointStore(_BaseStore):
    """A store behind a SPARQL 1.1 server, spoken to with :mod:`urllib` only.

    Parameters
    ----------
    url : str
        The query endpoint. For an Oxigraph server give its root or ``…/query``: the
        update endpoint (``…/update``) and the Graph Store endpoint (``…/store``) are
        derived from it. For other servers pass *update_url* and *store_url*.
    update_url, store_url : str or None
        SPARQL 1.1 Update endpoint and Graph Store HTTP Protocol endpoint. Without a
        store endpoint, or when the server refuses it, writes use SPARQL Update.
    read_only : bool
        Refuse every write.
    timeout : float
        Seconds to wait for one HTTP response.
    retries : int
        Attempts after a connection error or an HTTP 502/503/504, with exponential
        backoff (0.2 s, 0.4 s, …).
    batch_bytes : int
        Largest SPARQL Update request body when writing through SPARQL Update.

    Notes
    -----
    The server must use the union of the named graphs as its default graph, as the
    other stores do (``oxigraph serve --union-default-graph``; Fuseki
    ``tdb2:unionDefaultGraph true``). Oxigraph 0.5's server union is a bag
    (oxigraph/oxigraph#1919): a triple stated by *n* documents matches *n* times there,
    so prefer ``DISTINCT`` and ``COUNT(DISTINCT …)`` in queries meant for endpoints.

    Query *bindings* travel in the query text as a ``VALUES`` block placed at the end of
    the outermost ``WHERE`` group, each term written by rdflib's ``Term.n3()``. Inline
    data is SPARQL 1.1's standard way to give a variable a value over the protocol
    (the protocol itself has no parameter for it); it is never string formatting of
    user text, since terms are serialized and escaped by rdflib.

    Examples
    --------
    >>> EndpointStore("http://localhost:7878").store_url
    'http://localhost:7878/store'
    """

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        store_url: str | None = None,
        read_only: bool = False,
        timeout: float = 60.0,
        retries: int = 4,
        batch_bytes: int = 1_000_000,
    ) -> None:
        parts = urllib.parse.urlsplit(url)
        path = parts.path.rstrip("/")
        if path == "" or path.endswith("/query"):
            root = urllib.parse.urlunsplit(parts._replace(path=path.removesuffix("/query")))
            self.query_url = root + "/query"
            self.update_url = update_url or root + "/update"
            self.store_url: str | None = store_url or root + "/store"
        else:
            self.query_url = url
            self.update_url = update_url or url
            self.store_url = store_url
        self.read_only = read_only
        self.timeout = timeout
        self.retries = retries
        self.batch_bytes = batch_bytes

    def __repr__(self) -> str:
        return f"EndpointStore({self.query_url!r})"

    # -- HTTP
    def _request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        ok_missing: bool = False,
    ) -> tuple[int, str, bytes]:
        """Send one request, retrying on connection errors; returns (status, type, body)."""
        req_headers = {"User-Agent": "diplomatic-kg"} | (headers or {})
        delay = 0.2
        for attempt in range(self.retries + 1):
            req = urllib.request.Request(url, data=body, headers=req_headers, method=method)
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    return resp.status, resp.headers.get("Content-Type", ""), resp.read()
            except urllib.error.HTTPError as e:
                message = e.read().decode("utf-8", "replace").strip()
                if ok_missing and e.code == 404:
                    return 404, "", b""
                if e.code in (502, 503, 504) and attempt < self.retries:
                    logger.info("%s %s: HTTP %s, retrying", method, url, e.code)
                else:
                    raise _HTTPStatusError(method, url, e.code, e.reason, message) from None
            except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
                if attempt >= self.retries:
                    raise StoreError("E305", f"cannot reach the SPARQL endpoint {url}: {e}") from e
                logger.info("%s %s: %s, retrying", method, url, e)
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _update(self, update: str) -> None:
        self._request(
            "POST",
            self.update_url,
            update.encode("utf-8"),
            {"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    # -- writes
    def put_graphs(self, items: Iterable[tuple[str, Graph]]) -> None:
        """PUT each graph to the Graph Store endpoint, or batch SPARQL Updates."""
        self._check_open(write=True)
        cache: dict[Node, str] = {}
        pending: list[str] = []
        pending_size = 0
        for name, graph in items:
            iri = _check_graph_name(name)
            try:
                lines = _triple_lines(graph, cache)
            except _BadTermError as e:
                raise StoreError("E302", f"graph {iri} not written: {e}") from e
            if self.store_url is not None:
                try:
                    self._put_gsp(iri, lines)
                    continue
                except _HTTPStatusError as e:
                    if e.status not in (404, 405, 415, 501):
                        raise
                    logger.info("no Graph Store Protocol at %s; using SPARQL Update", e.url)
                    self.store_url = None
            op = f"DROP SILENT GRAPH <{iri}>"
            if lines:
                body = " .\n".join(lines)
                op += f" ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{body} .\n}} }}"
            if pending and pending_size + len(op) > self.batch_bytes:
                self._update(" ;\n".join(pending))
                pending, pending_size = [], 0
            pending.append(op)
            pending_size += len(op)
        if pending:
            self._update(" ;\n".join(pending))

    def _gsp_url(self, iri: str) -> str:
        assert self.store_url is not None
        return f"{self.store_url}?{urllib.parse.urlencode({'graph': iri})}"

    def _put_gsp(self, iri: str, lines: list[str]) -> None:
        if not lines:
            self._request("DELETE", self._gsp_url(iri), ok_missing=True)
            return
        body = (" .\n".join(lines) + " .\n").encode("utf-8")
        self._request("PUT", self._gsp_url(iri), body, {"Content-Type": "application/n-triples"})

    def drop_graph(self, name: str) -> None:
        self._check_open(write=True)
        iri = _check_graph_name(name)
        if self.store_url is not None:
            try:
                self._request("DELETE", self._gsp_url(iri), ok_missing=True)
                return
            except _HTTPStatusError as e:
                if e.status not in (405, 415, 501):
                    raise
        self._update(f"DROP SILENT GRAPH <{iri}>")

    # -- reads
    def has_graph(self, name: str) -> bool:
        iri = _check_graph_name(name)
        return bool(self.query(f"ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}").ask)

    def graph_names(self) -> list[str]:
        rows = self._select_rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(r[0]) for r in rows if isinstance(r[0], URIRef))

    def query(
        self,
        sparql: str,
        bindings: dict[str, Node] | None = None,
        *,
        max_rows: int | None = None,
    ) -> QueryResult:
        """POST *sparql* (with *bindings* as inline ``VALUES``) to the query endpoint."""
        from kg.rdf.results import QueryResult

        self._check_open()
        if bindings:
            sparql = with_values(sparql, _check_bindings(bindings))
        body = urllib.parse.urlencode({"query": sparql}).encode("ascii")
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
        }
        try:
            _, ctype, data = self._request("POST", self.query_url, body, headers)
        except _HTTPStatusError as e:
            if e.status == 400:
                raise QueryError("E201", f"the endpoint refused the query: {e.message}") from e
            raise
        ctype = ctype.split(";")[0].strip().lower()
        if ctype in ("application/sparql-results+json", "application/json"):
            doc = json.loads(data)
            if "boolean" in doc:
                return QueryResult(vars=[], rows=[], ask=bool(doc["boolean"]), graph=None)
            names = list(doc.get("head", {}).get("vars", []))
            rows = []
            for b in doc.get("results", {}).get("bindings", []):
                if max_rows is not None and len(rows) >= max_rows:
                    break
                rows.append(tuple(_json_term(b.get(v)) for v in names))
            return QueryResult(vars=names, rows=rows, ask=None, graph=None)
        fmt = {"text/turtle": "turtle", "application/rdf+xml": "xml"}.get(ctype, "nt")
        g = Graph()
        g.parse(data=data, format=fmt)
        return QueryResult(vars=[], rows=[], ask=None, graph=g)

    def to_dataset(self) -> Dataset:
        ds = Dataset(default_union=True)
        rows = self._select_rows("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        for g, s, p, o in rows:
            ds.add((s, p, o, ds.graph(g)))  # type: ignore[arg-type]
        return ds

    def dump(self, path: str | Path) -> None:
        self.to_dataset().serialize(destination=str(path), format=_rdflib_format(path))


class _HTTPStatusError(StoreError):
    """An HTTP error answer, with the status and the server's own message."""

    def __init__(self, method: str, url: str, status: int, reason: str, message: str) -> None:
        self.status = status
        self.url = url
        self.server_message = message
        super().__init__(
            "E303", f"{method} {url} → HTTP {status} {reason}: {message[:500] or '(no message)'}"
        )


def _json_term(b: dict[str, str] | None) -> Node | None:
    if b is None:
        return None
    kind, value = b["type"], b["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in b:
        return Literal(value, lang=b["xml:lang"])
    dt = b.get("datatype")
    if dt and dt not in (_XSD_STRING, _RDF_LANG_STRING):
        return Literal(value, datatype=URIRef(dt))
    return Literal(value)


def with_values(sparql: str, bindings: dict[str, Node]) -> str:
    """Return *sparql* with a ``VALUES`` block binding *bindings*, at the end of its WHERE.

    The block goes inside the outermost ``WHERE`` group, so it is joined with the
    pattern before any grouping or aggregation, as ``initBindings`` would be. Terms are
    written by ``Term.n3()``; variable names are checked. Comments, strings and IRIs in
    the query are skipped when looking for the group.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> with_values("SELECT ?b WHERE { ?a <urn:p> ?b } LIMIT 5", {"a": URIRef("urn:x")})
    'SELECT ?b WHERE { ?a <urn:p> ?b \\nVALUES (?a) { (<urn:x>) }\\n} LIMIT 5'
    """
    for k, v in bindings.items():
        if isinstance(v, BNode):
            raise QueryError("E202", f"cannot bind ?{k} to a blank node over the SPARQL protocol")
    names = " ".join(f"?{k}" for k in bindings)
    terms = " ".join(v.n3() for v in bindings.values())
    block = f"\nVALUES ({names}) {{ ({terms}) }}\n"
    close = _where_group_end(sparql)
    if close is None:
        raise QueryError("E203", "cannot find the WHERE group of the query to bind variables")
    return sparql[:close] + block + sparql[close:]


def _where_group_end(q: str) -> int | None:
    """Index of the ``}`` closing the last top-level group that is not a trailing VALUES."""
    depth = 0
    i, n = 0, len(q)
    last_close: int | None = None
    group_is_values = False
    word_start = 0
    while i < n:
        c = q[i]
        if c == "#":
            j = q.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "\"'":
            triple = q.startswith(c * 3, i)
            delim = c * 3 if triple else c
            j = i + len(delim)
            while j < n and not q.startswith(delim, j):
                j += 2 if q[j] == "\\" else 1
            i = j + len(delim)
            continue
        if c == "<":
            m = re.match(r"<[^<>\"{}|^`\\\x00-\x20]*>", q[i:])
            if m:
                i += m.end()
                continue
        if c == "{":
            if depth == 0:
                before = q[word_start:i]
                group_is_values = re.search(r"\bVALUES\b[^{}]*$", before, re.I) is not None
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                if not group_is_values:
                    last_close = i
                word_start = i + 1
            if depth < 0:
                return None
        i += 1
    return last_close if depth == 0 else None


# --------------------------------------------------------------------------- helpers


def _check_graph_name(name: str) -> str:
    text = str(name)
    if not _IRI.match(text):
        raise StoreError("E308", f"a graph name must be an absolute IRI, got {text!r}")
    return text


def _check_bindings(bindings: dict[str, Node] | None) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for k, v in (bindings or {}).items():
        name = str(k).lstrip("?$")
        if not _VAR.match(name):
            raise QueryError("E202", f"invalid variable name {k!r} in bindings")
        if not isinstance(v, URIRef | Literal | BNode):
            raise QueryError("E202", f"?{name} must be bound to a URIRef, Literal or BNode, got {v!r}")
        out[name] = v
    return out


class _BadTermError(ValueError):
    """A term that cannot be written as N-Triples (an IRI with spaces, say)."""


def _nt(term: Node) -> str:
    """N-Triples form of an rdflib term; IRIs and language tags are checked here, so the
    bulk loader can skip its own checks (``lenient=True``)."""
    if isinstance(term, Literal):
        v = str(term).translate(_ESCAPES)
        if term.language:
            if not _LANG.match(term.language):
                raise _BadTermError(f"bad language tag {term.language!r}")
            return f'"{v}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            if not _IRI.match(term.datatype):
                raise _BadTermError(f"bad datatype IRI {str(term.datatype)!r}")
            return f'"{v}"^^<{term.datatype}>'
        return f'"{v}"'
    if isinstance(term, BNode):
        label = str(term)
        if not _BNODE_LABEL.match(label):
            import hashlib

            label = "h" + hashlib.sha1(label.encode("utf-8")).hexdigest()
        return f"_:{label}"
    if not isinstance(term, URIRef) or not _IRI.match(term):
        raise _BadTermError(f"bad IRI {str(term)!r}")
    return f"<{term}>"


def _triple_lines(graph: Graph, cache: dict[Node, str]) -> list[str]:
    """``"s p o"`` strings (no final dot) for every triple of *graph*; terms cached."""
    out = []
    get = cache.get
    for s, p, o in graph:
        a = get(s)
        if a is None:
            a = cache[s] = _nt(s)
        b = get(p)
        if b is None:
            b = cache[p] = _nt(p)
        c = get(o)
        if c is None:
            c = cache[o] = _nt(o)
        out.append(f"{a} {b} {c}")
    if len(cache) > 500_000:
        cache.clear()
    return out


def _rdflib_format(path: str | Path) -> str:
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
    >>> ds = Dataset()
    >>> _ = ds.graph(URIRef("urn:ex:g")).add((URIRef("urn:ex:a"), URIRef("urn:ex:p"), Literal(1)))
    >>> [(name, len(g)) for name, g in iter_graphs(ds)]
    [('urn:ex:g', 1)]
    """
    default = _default_id()
    for g in dataset.graphs():
        if isinstance(g.identifier, URIRef) and g.identifier != default and len(g):
            yield str(g.identifier), g
