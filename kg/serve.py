"""A read-only SPARQL 1.1 Protocol endpoint over any :class:`kg.rdf.store.Store`, stdlib only.

``/sparql`` answers ``GET ?query=``, ``POST`` of ``application/x-www-form-urlencoded``
(``query=``) and ``POST`` of ``application/sparql-query``. Results are negotiated from the
``Accept`` header or a ``format`` parameter: SPARQL results as JSON (default), XML, CSV or
TSV; ``CONSTRUCT``/``DESCRIBE`` results as Turtle (default) or N-Triples. ``/`` serves a
self-contained HTML page listing the saved queries (no external URL, no CDN).

Limits keep the server responsive:

* updates are refused with 403 (a ``update=`` parameter, ``application/sparql-update``, or
  a text that does not parse as a query but parses as an update);
* each query runs in a worker thread; past *timeout* seconds the client gets a 503 and the
  worker is interrupted (rdflib at once; Oxigraph when it next hands back a row). At most
  *workers* queries run at once;
* rows past *max_rows* are dropped and the response carries ``X-DKG-Truncated: true``;
* a request larger than *max_request_bytes* gets a 413; a bad query a 400 with the
  parser's message. Every response allows any origin (CORS).

Examples
--------
>>> import threading, urllib.request
>>> from kg.rdf.store import open_store
>>> server = make_server(open_store(), port=0)
>>> thread = threading.Thread(target=server.serve_forever, daemon=True); thread.start()
>>> url = f"http://127.0.0.1:{server.server_address[1]}/sparql?query=ASK%7B%7D"
>>> urllib.request.urlopen(url).read()
b'{"head": {}, "boolean": true}'
>>> server.shutdown(); server.server_close()
"""

from __future__ import annotations

import ctypes
import html
import io
import json
import logging
import threading
import time
import urllib.parse
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef

from kg.errors import KGError, QueryError

if TYPE_CHECKING:
    from rdflib.term import Node

    from kg.rdf.results import QueryResult
    from kg.rdf.store import Store

__all__ = ["make_server", "serve"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: format name → (media type, kind): kind "rows" for SELECT/ASK, "graph" for CONSTRUCT.
_FORMATS: dict[str, tuple[str, str]] = {
    "json": ("application/sparql-results+json", "rows"),
    "xml": ("application/sparql-results+xml", "rows"),
    "csv": ("text/csv", "rows"),
    "tsv": ("text/tab-separated-values", "rows"),
    "turtle": ("text/turtle", "graph"),
    "nt": ("application/n-triples", "graph"),
}
_ALIASES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "ttl": "turtle",
    "n3": "turtle",
    "text/n3": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
}


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
            self._page = _html_page(self.timeout, self.max_rows).encode("utf-8")
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
        fmt = _negotiate(params.get("format", []), self.headers.get("Accept", ""), kind)
        media, _ = _FORMATS[fmt]
        body = _serialize(result, fmt)
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


def _negotiate(formats: list[str], accept: str, kind: str) -> str:
    """The format for a *kind* result from ``format`` values, then ``Accept``, then the default."""
    default = "json" if kind == "rows" else "turtle"
    for f in formats:
        name = _ALIASES.get(f.strip().lower(), f.strip().lower())
        if name in _FORMATS and _FORMATS[name][1] == kind:
            return name
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *opts = (x.strip() for x in part.split(";"))
        q = 1.0
        for o in opts:
            if o.startswith("q="):
                try:
                    q = float(o[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, media.lower()))
    for _, _, media in sorted(ranked):
        name = _ALIASES.get(media)
        if name and _FORMATS[name][1] == kind:
            return name
    return default


def _serialize(result: QueryResult, fmt: str) -> bytes:
    if result.graph is not None:
        data = result.graph.serialize(format="turtle" if fmt == "turtle" else "nt")
        return data.encode("utf-8") if isinstance(data, str) else data
    if fmt == "json":
        return json.dumps(result.to_json_obj(), ensure_ascii=False).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        result.to_csv(buf)
        return buf.getvalue().replace("\n", "\r\n").encode("utf-8")
    if fmt == "tsv":
        return _to_tsv(result).encode("utf-8")
    return _to_xml(result).encode("utf-8")


def _tsv_term(t: Node | None) -> str:
    if t is None:
        return ""
    if isinstance(t, Literal):
        v = str(t)
        for a, b in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
            v = v.replace(a, b)
        if t.language:
            return f'"{v}"@{t.language}'
        if t.datatype is not None and str(t.datatype) != _XSD_STRING:
            return f'"{v}"^^<{t.datatype}>'
        return f'"{v}"'
    if isinstance(t, BNode):
        return f"_:{t}"
    return f"<{t}>"


def _to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: a ``?var`` header, terms in Turtle syntax."""
    if result.ask is not None:
        return f"?_askResult\n{'true' if result.ask else 'false'}\n"
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format (second edition)."""
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in result.vars]
    out.append("</head>\n")
    if result.ask is not None:
        out.append(f"<boolean>{'true' if result.ask else 'false'}</boolean>\n</sparql>\n")
        return "".join(out)
    out.append("<results>\n")
    for row in result.rows:
        out.append("<result>")
        for var, t in zip(result.vars, row, strict=False):
            if t is None:
                continue
            out.append(f"<binding name={quoteattr(var)}>")
            if isinstance(t, URIRef):
                out.append(f"<uri>{escape(str(t))}</uri>")
            elif isinstance(t, BNode):
                out.append(f"<bnode>{escape(str(t))}</bnode>")
            elif isinstance(t, Literal):
                attrs = ""
                if t.language:
                    attrs = f" xml:lang={quoteattr(t.language)}"
                elif t.datatype is not None and str(t.datatype) != _XSD_STRING:
                    attrs = f" datatype={quoteattr(str(t.datatype))}"
                out.append(f"<literal{attrs}>{escape(str(t))}</literal>")
            out.append("</binding>")
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out)


# --------------------------------------------------------------------------- the page

_CSS = """
body{font:15px/1.4 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem;color:#222}
textarea{width:100%;height:14rem;font:13px/1.35 ui-monospace,monospace;box-sizing:border-box}
table{border-collapse:collapse;margin-top:1rem;font-size:13px}
td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:12px}
details{margin:.4rem 0} .meta{color:#666} #status{margin-left:1rem;color:#555}
"""

_JS = """
const form = document.getElementById('q'), out = document.getElementById('out'),
      statusEl = document.getElementById('status');
document.querySelectorAll('button.use').forEach(b => b.addEventListener('click', () => {
  form.query.value = document.getElementById(b.dataset.target).textContent;
  form.query.focus();
}));
form.addEventListener('submit', async ev => {
  ev.preventDefault();
  statusEl.textContent = 'running…'; out.replaceChildren();
  const t0 = performance.now();
  const body = new URLSearchParams({query: form.query.value});
  try {
    const r = await fetch('sparql', {method: 'POST', body,
      headers: {'Accept': 'application/sparql-results+json, text/turtle;q=0.9'}});
    const text = await r.text();
    const secs = ((performance.now() - t0) / 1000).toFixed(2);
    if (!r.ok) { statusEl.textContent = r.status + ': ' + text; return; }
    if ((r.headers.get('Content-Type') || '').includes('json')) {
      const data = JSON.parse(text);
      if ('boolean' in data) { statusEl.textContent = String(data.boolean); return; }
      const vars = data.head.vars, rows = data.results.bindings;
      const table = document.createElement('table'), head = table.insertRow();
      vars.forEach(v => { const th = document.createElement('th'); th.textContent = v;
                          head.appendChild(th); });
      rows.forEach(b => { const tr = table.insertRow();
        vars.forEach(v => { tr.insertCell().textContent = b[v] ? b[v].value : ''; }); });
      out.appendChild(table);
      statusEl.textContent = rows.length + ' rows in ' + secs + ' s' +
        (r.headers.get('X-DKG-Truncated') ? ' (truncated)' : '');
    } else {
      const pre = document.createElement('pre'); pre.textContent = text; out.appendChild(pre);
      statusEl.textContent = 'graph in ' + secs + ' s';
    }
  } catch (e) { statusEl.textContent = String(e); }
});
"""


def _html_page(timeout: float, max_rows: int) -> str:
    """The query page: everything inline, every dynamic text escaped."""
    from kg.rdf.queries import list_queries

    esc = html.escape
    items = []
    try:
        saved = list_queries()
    except Exception as e:  # a broken .rq must not take the endpoint down
        logger.warning("cannot list the saved queries: %s", e)
        saved = []
    for i, q in enumerate(saved):
        params = "".join(f"<li><code>?{esc(p.name)}</code> {esc(p.description)}</li>" for p in q.params)
        items.append(
            f'<details><summary><b>{esc(q.title)}</b> <code class="meta">{esc(q.name)}</code>'
            f"</summary><p>{esc(q.description)}</p>"
            + (f"<p>Parameters (bind them in the query text):</p><ul>{params}</ul>" if params else "")
            + f'<pre id="saved-{i}">{esc(q.text)}</pre>'
            f'<button class="use" type="button" data-target="saved-{i}">Use this query</button>'
            "</details>"
        )
    default = "SELECT ?s ?p ?o WHERE {\n  ?s ?p ?o\n}\nLIMIT 25"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>diplomatic-kg SPARQL</title><style>{_CSS}</style></head>
<body>
<h1>diplomatic-kg SPARQL endpoint</h1>
<p class="meta">Read-only. POST or GET <code>sparql?query=…</code>; the default graph is the
union of all document graphs. Queries stop after {esc(f"{timeout:g}")} s and return at most
{esc(str(max_rows))} rows.</p>
<form id="q"><textarea name="query" spellcheck="false">{esc(default)}</textarea>
<p><button type="submit">Run</button><span id="status"></span></p></form>
<div id="out"></div>
<h2>Saved queries</h2>
{"".join(items) or "<p>No saved queries.</p>"}
<script>{_JS}</script>
</body></html>
"""
