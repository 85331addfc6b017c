"""The persistent store: an Oxigraph directory, embedded through pyoxigraph.

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
chunks that never split a graph and stay under Oxigraph's bulk-load batch (1,000,000
quads). Each chunk is ingested by one RocksDB ``IngestExternalFiles`` call over every
index, which is atomic: after a crash each graph of a chunk is there in full or not at
all. Graphs that already exist are
replaced, and graphs dropped, by one SPARQL Update each, a single transaction.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.rdf.ntriples import BadTermError, triple_lines
from kg.rdf.store.base import BaseStore, check_graph_name, rdflib_format
from kg.rdf.store.bindings import check_bindings, with_values
from kg.rdf.store.terms import OxToRdflib, rdflib_to_ox

if TYPE_CHECKING:
    from kg.rdf.results import QueryResult

__all__ = ["OxigraphStore", "StoreGraph"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


class OxigraphStore(BaseStore):
    """A persistent store in a directory, embedded through pyoxigraph.

    Parameters
    ----------
    path : str or Path
        The store directory (created when missing).
    read_only : bool
        Open with ``pyoxigraph.Store.read_only``: several processes may read at once.
    batch_quads : int
        How many quads :meth:`put_graphs` hands to one ``bulk_load`` call at most.

    See the module's documentation for how the union default graph is kept and why a
    crash never leaves half a graph behind.

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
        self._to_rdflib = OxToRdflib(ox)
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
                    iri = check_graph_name(name)
                    try:
                        lines = triple_lines(graph, cache)
                    except BadTermError as e:
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
            self._drop(check_graph_name(name))

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
        self, sparql: str, bindings: dict[str, Node] | None = None, *, max_rows: int | None = None
    ) -> QueryResult:
        """Run *sparql* with Oxigraph.

        *bindings* become Oxigraph ``substitutions`` (SPARQL-dev SEP-0007) when every
        bound variable is projected, else a ``VALUES`` block (see :func:`with_values`).
        """
        from kg.rdf.results import collect

        self._check_open()
        ox = self._ox
        subs = None
        if bindings:
            subs = {ox.Variable(k): rdflib_to_ox(ox, v) for k, v in check_bindings(bindings).items()}
        try:
            try:
                res = self._store.query(sparql, substitutions=subs)
            except RuntimeError:
                # Oxigraph substitutes only projected variables; join the others instead.
                res = self._store.query(with_values(sparql, check_bindings(bindings)))
            conv = self._to_rdflib
            if isinstance(res, ox.QueryBoolean):
                return collect(ask=bool(res))
            if isinstance(res, ox.QueryTriples):
                triples = ((conv(t.subject), conv(t.predicate), conv(t.object)) for t in res)
                return collect(triples=triples, max_rows=max_rows)
            term, get = conv.term, conv.cached
            rows = (tuple([c if (c := get(t)) is not None else term(t) for t in sol]) for sol in res)
            return collect(vars=[v.value for v in res.variables], rows=rows, max_rows=max_rows)
        except SyntaxError as e:
            raise QueryError("E201", f"SPARQL syntax error: {e}") from e
        except OSError as e:
            raise StoreError("E303", f"query failed: {e}", path=str(self.path)) from e

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
        fmt = ox.RdfFormat.TRIG if rdflib_format(path) == "trig" else ox.RdfFormat.N_QUADS
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
        terms = [None if t is None else rdflib_to_ox(ox, t) for t in (s, p, o)]
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


def _drop_update(iri: str) -> str:
    """SPARQL Update dropping graph *iri* and its triples no other graph states from the union."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{iri}>) }} }} ;\n"
        f"DROP SILENT GRAPH <{iri}>"
    )
