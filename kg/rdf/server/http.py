"""The HTTP side of the read-only SPARQL endpoint: the server, its request handler, and
the query runner with its time limit (see :mod:`kg.rdf.server`)."""

from __future__ import annotations

import ctypes
import logging
import threading
import time
import urllib.parse
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from kg.errors import KGError, QueryError
from kg.rdf.server.formats import FORMATS, negotiate, serialize
from kg.rdf.server.page import query_page

if TYPE_CHECKING:
    from kg.rdf.results import QueryResult
    from kg.rdf.store import Store

__all__ = ["make_server", "serve"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


def make_server(
    store: Store,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    timeout: float = 10.0,
    max_rows: int = 10_000,
    max_request_bytes: int = 1_000_000,
    workers: int = 8,
) -> ThreadingHTTPServer:
    """Build (without starting) the HTTP server; call ``serve_forever()`` on it.

    Parameters
    ----------
    store : Store
        What to query; only its ``query`` method is used.
    host, port : str, int
        Where to listen (``port=0`` picks a free port: see ``server.server_address``).
    timeout : float
        Seconds a query may run before the client gets a 503.
    max_rows : int
        Rows (or triples) returned at most; the rest are dropped.
    max_request_bytes : int
        Largest request body (or URL) accepted; larger gets a 413.
    workers : int
        Queries evaluated at the same time at most.

    Returns
    -------
    http.server.ThreadingHTTPServer
        A server whose ``endpoint`` attribute holds the settings.

    Examples
    --------
    >>> from kg.rdf.store import open_store
    >>> server = make_server(open_store(), port=0, timeout=2.5)
    >>> server.endpoint.timeout
    2.5
    >>> server.server_close()
    """
    endpoint = _Endpoint(store, timeout, max_rows, max_request_bytes, workers)
    server = _Server((host, port), _Handler)
    server.endpoint = endpoint
    return server


def serve(
    store: Store,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    timeout: float = 10.0,
    max_rows: int = 10_000,
    max_request_bytes: int = 1_000_000,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve *store* read-only at ``http://host:port/sparql`` until interrupted (Ctrl-C).

    *on_ready* is called with the page URL once the server listens. The other
    parameters are those of :func:`make_server`.
    """
    server = make_server(
        store,
        host,
        port,
        timeout=timeout,
        max_rows=max_rows,
        max_request_bytes=max_request_bytes,
    )
    h, p = server.server_address[:2]
    url = f"http://{h}:{p}/"
    logger.info("serving %s at %s", store, url)
    if on_ready is not None:
        on_ready(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        logger.info("stopped")
    finally:
        server.server_close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    endpoint: _Endpoint


class _QueryTimeoutError(Exception):
    """Raised inside a worker thread whose query ran out of time."""


class _RefusedError(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _Endpoint:
    """The settings and the query runner shared by every request."""

    def __init__(
        self, store: Store, timeout: float, max_rows: int, max_request_bytes: int, workers: int
    ) -> None:
        self.store = store
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_request_bytes = max_request_bytes
        self._slots = threading.BoundedSemaphore(workers)
        self._page: bytes | None = None

    def run(self, sparql: str) -> QueryResult:
        """Run *sparql* in a worker thread, giving up after ``timeout`` seconds."""
        start = time.monotonic()
        if not self._slots.acquire(timeout=self.timeout):
            raise _RefusedError(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"the server is busy: every query worker was taken for {self.timeout:g} s",
            )
        box: dict[str, Any] = {}
        lock = threading.Lock()

        def work() -> None:
            try:
                box["result"] = self.store.query(sparql, max_rows=self.max_rows + 1)
            except BaseException as e:  # handed over to the request thread
                box["error"] = e
            finally:
                with lock:
                    box["done"] = True
                self._slots.release()

        worker = threading.Thread(target=work, name="dkg-query", daemon=True)
        worker.start()
        worker.join(max(0.0, self.timeout - (time.monotonic() - start)))
        with lock:
            if not box.get("done"):
                box["done"] = True  # nobody waits for it any more
                _interrupt(worker)
                raise _RefusedError(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"the query ran longer than the {self.timeout:g} s limit and was stopped",
                )
        if "error" in box:
            raise box["error"]
        return box["result"]  # type: ignore[no-any-return]

    def page(self) -> bytes:
        if self._page is None:
            self._page = query_page(self.timeout, self.max_rows).encode("utf-8")
        return self._page


def _interrupt(thread: threading.Thread) -> None:
    """Raise :class:`_QueryTimeoutError` in *thread* the next time it runs Python code."""
    if thread.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(thread.ident), ctypes.py_object(_QueryTimeoutError)
        )


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "diplomatic-kg"
    protocol_version = "HTTP/1.1"

    # -- routing
    def do_GET(self) -> None:
        try:
            url = urllib.parse.urlsplit(self.path)
            if len(self.path) > self.server.endpoint.max_request_bytes:
                raise _RefusedError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "the request is too large")
            if url.path in ("/", "/index.html"):
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", self.server.endpoint.page())
            elif url.path == "/sparql":
                params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
                self._answer(params, params.get("query", [None])[0])
            else:
                raise _RefusedError(HTTPStatus.NOT_FOUND, f"no such page {url.path!r}; try /sparql")
        except _RefusedError as e:
            self._text(e.status, e.message)

    def do_POST(self) -> None:
        try:
            url = urllib.parse.urlsplit(self.path)
            if url.path != "/sparql":
                raise _RefusedError(HTTPStatus.NOT_FOUND, f"no such endpoint {url.path!r}; use /sparql")
            body = self._body()
            params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                params = {**params, **form}
                text = params.get("query", [None])[0]
            elif ctype == "application/sparql-query":
                text = body.decode("utf-8", "replace")
            elif ctype == "application/sparql-update":
                raise _RefusedError(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
            else:
                raise _RefusedError(
                    HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                    "POST application/x-www-form-urlencoded (query=…) or application/sparql-query",
                )
            self._answer(params, text)
        except _RefusedError as e:
            self._text(e.status, e.message)

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_allowed(self) -> None:
        self._text(HTTPStatus.METHOD_NOT_ALLOWED, "read-only endpoint: use GET or POST /sparql")

    def do_PUT(self) -> None:
        self._not_allowed()

    def do_DELETE(self) -> None:
        self._not_allowed()

    def do_PATCH(self) -> None:
        self._not_allowed()

    # -- helpers
    def _body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            raise _RefusedError(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
        try:
            n = int(length)
        except ValueError:
            raise _RefusedError(HTTPStatus.BAD_REQUEST, "bad Content-Length") from None
        if n > self.server.endpoint.max_request_bytes:
            self.close_connection = True  # the unread body must not be parsed as a request
            raise _RefusedError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"the request body ({n} bytes) is over the "
                f"{self.server.endpoint.max_request_bytes} byte limit",
            )
        return self.rfile.read(n)

    def _answer(self, params: dict[str, list[str]], text: str | None) -> None:
        if "update" in params:
            raise _RefusedError(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
        if not text or not text.strip():
            raise _RefusedError(HTTPStatus.BAD_REQUEST, "missing the 'query' parameter")
        endpoint = self.server.endpoint
        t0 = time.perf_counter()
        try:
            result = endpoint.run(text)
        except QueryError as e:
            if _is_update(text):
                raise _RefusedError(
                    HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only"
                ) from None
            raise _RefusedError(HTTPStatus.BAD_REQUEST, e.message) from None
        except KGError as e:
            raise _RefusedError(HTTPStatus.INTERNAL_SERVER_ERROR, str(e)) from None
        truncated = _truncate(result, endpoint.max_rows)
        kind = "graph" if result.graph is not None else "rows"
        fmt = negotiate(params.get("format", []), self.headers.get("Accept", ""), kind)
        media, _ = FORMATS[fmt]
        body = serialize(result, fmt)
        extra = {"X-DKG-Truncated": "true"} if truncated else {}
        logger.info(
            "%s query: %d rows as %s in %.3f s",
            self.client_address[0],
            len(result),
            fmt,
            time.perf_counter() - t0,
        )
        self._send(HTTPStatus.OK, f"{media}; charset=utf-8", body, extra)

    def _text(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _send(
        self,
        status: HTTPStatus,
        ctype: str,
        body: bytes,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "X-DKG-Truncated")
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s " + format, self.client_address[0], *args)


def _is_update(text: str) -> bool:
    """Whether *text* parses as a SPARQL 1.1 Update (rdflib's parser)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    from kg.rdf.store import RDFLIB_PARSE_LOCK

    try:
        with RDFLIB_PARSE_LOCK:
            parseUpdate(text)
    except Exception:
        return False
    return True


def _truncate(result: QueryResult, max_rows: int) -> bool:
    if result.graph is not None and len(result.graph) > max_rows:
        from rdflib import Graph

        g = Graph()
        for i, t in enumerate(result.graph):
            if i >= max_rows:
                break
            g.add(t)
        result.graph = g
        return True
    if len(result.rows) > max_rows:
        del result.rows[max_rows:]
        return True
    return False
