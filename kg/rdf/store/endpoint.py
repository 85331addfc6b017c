"""A store behind any SPARQL 1.1 server: queries over the SPARQL 1.1 Protocol, writes over
the Graph Store HTTP Protocol (or SPARQL 1.1 Update), with :mod:`urllib` only."""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.rdf.ntriples import BadTermError, triple_lines
from kg.rdf.store.base import BaseStore, check_graph_name, rdflib_format
from kg.rdf.store.bindings import check_bindings, with_values
from kg.rdf.store.terms import json_term

if TYPE_CHECKING:
    from kg.rdf.results import QueryResult

__all__ = ["EndpointStore"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


class EndpointStore(BaseStore):
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
            iri = check_graph_name(name)
            try:
                lines = triple_lines(graph, cache)
            except BadTermError as e:
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
        iri = check_graph_name(name)
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
        iri = check_graph_name(name)
        return bool(self.query(f"ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}").ask)

    def graph_names(self) -> list[str]:
        rows = self._select_rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(r[0]) for r in rows if isinstance(r[0], URIRef))

    def query(
        self, sparql: str, bindings: dict[str, Node] | None = None, *, max_rows: int | None = None
    ) -> QueryResult:
        """POST *sparql* (with *bindings* as inline ``VALUES``) to the query endpoint."""
        from kg.rdf.results import collect

        self._check_open()
        if bindings:
            sparql = with_values(sparql, check_bindings(bindings))
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
                return collect(ask=doc["boolean"])
            names = list(doc.get("head", {}).get("vars", []))
            bindings_ = doc.get("results", {}).get("bindings", [])
            rows = (tuple(json_term(b.get(v)) for v in names) for b in bindings_)
            return collect(vars=names, rows=rows, max_rows=max_rows)
        fmt = {"text/turtle": "turtle", "application/rdf+xml": "xml"}.get(ctype, "nt")
        return collect(triples=Graph().parse(data=data, format=fmt))

    def to_dataset(self) -> Dataset:
        ds = Dataset(default_union=True)
        rows = self._select_rows("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        for g, s, p, o in rows:
            ds.add((s, p, o, ds.graph(g)))  # type: ignore[arg-type]
        return ds

    def dump(self, path: str | Path) -> None:
        self.to_dataset().serialize(destination=str(path), format=rdflib_format(path))


class _HTTPStatusError(StoreError):
    """An HTTP error answer, with the status and the server's own message."""

    def __init__(self, method: str, url: str, status: int, reason: str, message: str) -> None:
        self.status = status
        self.url = url
        self.server_message = message
        super().__init__(
            "E303", f"{method} {url} → HTTP {status} {reason}: {message[:500] or '(no message)'}"
        )
