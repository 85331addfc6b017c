"""A query worker: a process that answers one query at a time, under limits of its own.

Workers are forked by the zygote (:mod:`kg.rdf.server.zygote`) and killed by the server
when a query runs past its deadline, so a runaway query stops using CPU and memory the
moment its client gets the 503. Inside a worker:

* the address space is capped (``RLIMIT_AS``: what the open store takes plus
  *memory_mb*), so a query that sorts a huge product fails alone instead of growing the
  server until the machine swaps;
* the Oxigraph store is opened read-only (builds may write it meanwhile; a store on a
  read-only disk can be served) and reopened when a build changed it;
* no query reaches outside: ``SERVICE`` and updates never get this far
  (:mod:`kg.rdf.server.guard`), ``FROM`` must name a served graph, rdflib loads no graph
  named in a dataset clause, and Python sockets refuse to connect.

Examples
--------
>>> served = Served(Source("file", "tests/data/does-not-exist.trig"))
>>> served.get()
Traceback (most recent call last):
...
kg.errors.InputError: E323 tests/data/does-not-exist.trig: no such file
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KGError, QueryError, StoreError
from kg.rdf.server import frames
from kg.rdf.server.formats import FORMATS, negotiate, serialize, truncate

if TYPE_CHECKING:
    import socket

    from kg.rdf.store import MemoryStore, Store

__all__ = ["Served", "Source", "answer", "load_file", "run_worker"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: exit code of a worker that ran out of memory in Python code
EXIT_MEMORY = 3


@dataclass(frozen=True)
class Source:
    """What the endpoint serves: ``kind`` is ``"store"`` (an Oxigraph directory) or
    ``"file"`` (a .trig/.nq/.ttl file, loaded into memory by rdflib)."""

    kind: str
    path: str


def load_file(path: str | Path) -> MemoryStore:
    """A graph file as a read-only :class:`~kg.rdf.store.MemoryStore` (see
    :meth:`~kg.rdf.store.MemoryStore.from_file`)."""
    from kg.rdf.store import MemoryStore

    return MemoryStore.from_file(path, read_only=True)


class Served:
    """The store a worker queries: the graph file the zygote loaded (*preloaded*), or the
    Oxigraph store, opened read-only and reopened when a build has changed it."""

    def __init__(self, source: Source, preloaded: Store | None = None) -> None:
        self.source = source
        self._store = preloaded
        self._stamp: tuple[Any, ...] | None = None

    def get(self) -> Store:
        if self.source.kind == "file":
            if self._store is None:
                self._store = load_file(self.source.path)
            return self._store
        stamp = _stamp(Path(self.source.path))
        if self._store is None or stamp != self._stamp:
            self.reopen(stamp)
        assert self._store is not None
        return self._store

    def reopen(self, stamp: tuple[Any, ...] | None = None) -> None:
        from kg.rdf.store import OxigraphStore

        path = Path(self.source.path)
        if not path.is_dir():
            raise StoreError("E301", "no such Oxigraph store directory", path=str(path))
        fresh = OxigraphStore(path, read_only=True)
        if self._store is not None:
            self._store.close()
        self._store = fresh
        self._stamp = stamp if stamp is not None else _stamp(path)


def _stamp(path: Path) -> tuple[Any, ...]:
    """Changes whenever a writer commits to the store: its write-ahead logs (``*.log``)
    and its manifest. (Not the directory itself: each read-only open writes an info
    ``LOG`` file there.)"""
    try:
        return tuple(
            sorted(
                (e.name, e.stat().st_size, e.stat().st_mtime_ns)
                for e in os.scandir(path)
                if e.name.endswith(".log") or e.name.startswith(("MANIFEST", "CURRENT"))
            )
        )
    except OSError:
        return ()


def answer(served: Served, job: dict[str, Any]) -> frames.Frame:
    """Run one job (``{"op": "query", "text": …}`` or ``{"op": "info"}``); the reply frame.

    A query's reply is ``{"status": 200, "media": …, "truncated": …, "rows": …}`` with the
    serialized result as body, or ``{"status": 4xx/5xx, "message": …}``.
    """
    try:
        store = served.get()
        if job.get("op") == "info":
            return {"status": 200, "graphs": len(store.graph_names())}, b""
        clauses = [("FROM", i) for i in job.get("from", ())]
        clauses += [("FROM NAMED", i) for i in job.get("from_named", ())]
        for clause, iri in clauses:
            if not store.has_graph(iri):
                return _error(
                    400,
                    f"{clause} <{iri}> names no graph served here; this endpoint reads no "
                    "other data (the graphs are the documents: SELECT DISTINCT ?g WHERE "
                    "{ GRAPH ?g { } })",
                )
        return _run(served, store, job)
    except MemoryError:
        return _out_of_memory()
    except KGError as e:
        return _error(500, str(e))


def _run(served: Served, store: Store, job: dict[str, Any]) -> frames.Frame:
    max_rows = int(job["max_rows"])
    try:
        try:
            result = store.query(job["text"], max_rows=max_rows + 1)
        except StoreError:  # a build replaced files under the snapshot: read the new one
            if served.source.kind != "store":
                raise
            served.reopen()
            result = served.get().query(job["text"], max_rows=max_rows + 1)
    except QueryError as e:
        if isinstance(e.__cause__, MemoryError):
            return _out_of_memory()
        if isinstance(e.__cause__, RecursionError):
            return _error(400, "the query nests too deeply for the rdflib engine; simplify it")
        return _error(400, e.message)
    truncated = truncate(result, max_rows)
    kind = "graph" if result.graph is not None else "rows"
    fmt = negotiate(list(job.get("formats", ())), job.get("accept", ""), kind)
    body = serialize(result, fmt)
    meta = {"status": 200, "media": FORMATS[fmt][0], "truncated": truncated, "rows": len(result)}
    return meta, body


def _error(status: int, message: str) -> frames.Frame:
    return {"status": status, "message": message}, b""


def _out_of_memory() -> frames.Frame:
    return {"status": 503, "reason": "memory", "exit": True}, b""


def run_worker(sock: socket.socket, source: Source, preloaded: Store | None, memory_mb: int) -> int:
    """The worker's life: open the store, cap memory and network, answer jobs until the
    server closes *sock*. Returns the process exit code."""
    _no_network()
    served = Served(source, preloaded)
    try:
        served.get()
    except KGError as e:
        frames.send(sock, {"ready": False, "message": str(e)})
        return 1
    except Exception as e:  # a corrupt store: RocksDB's own message
        frames.send(sock, {"ready": False, "message": f"E301 {source.path}: cannot open: {e}"})
        return 1
    limit_memory(memory_mb)
    frames.send(sock, {"ready": True, "pid": os.getpid()})
    while True:
        job = frames.recv(sock)
        if job is None:
            return 0
        meta, body = answer(served, job[0])
        frames.send(sock, meta, body)
        if meta.get("exit"):
            return EXIT_MEMORY


def limit_memory(memory_mb: int) -> None:
    """Cap this process's address space at its present size plus *memory_mb* MB."""
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as f:
            size = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmSize:"))
    except (OSError, StopIteration):
        size = 0
    limit = size + memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError) as e:  # macOS refuses RLIMIT_AS
        logger.warning("cannot limit query memory: %s", e)


def _no_network() -> None:
    """Python sockets of this process refuse to connect; rdflib loads no FROM graph."""
    import socket

    import rdflib.plugins.sparql

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError("kg serve: a query worker opens no network connection")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
