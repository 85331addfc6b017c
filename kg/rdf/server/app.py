"""The HTTP side of the endpoint: a Starlette application served by uvicorn.

Starlette routes the requests and uvicorn (with h11, a strict HTTP/1.1 parser) parses
them: malformed lengths, smuggling attempts and oversized heads never reach this code,
and idle or slow connections cost an asyncio socket, not a thread. Queries run in worker
processes (:mod:`kg.rdf.server.pool`); this process only checks and forwards them.

Every request passes :class:`_Guard` first: at most 100 headers (431), a ``Host`` that
names this server (421: a page on another domain that rebinds its DNS name to 127.0.0.1
cannot use the endpoint), an ``Origin``, when a browser sends one, that is this server's
own or one given with ``--cors`` (403). CORS headers are sent only for ``--cors`` origins.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import resource
import socket
import time
import urllib.parse
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kg.errors import KGError
from kg.rdf.server.guard import QueryLimits, QueryRefusedError, check_query
from kg.rdf.server.page import render_page
from kg.rdf.server.pool import WorkerPool
from kg.rdf.server.worker import Source

__all__ = ["EndpointSettings", "make_app", "serve"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

_PLAIN = "text/plain; charset=utf-8"
_NO_CONTENT_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"
_READ_ONLY = "updates are refused: this endpoint is read-only"


@dataclass(frozen=True)
class EndpointSettings:
    """How the endpoint listens and what it allows.

    host, port: where to listen (``port=0`` picks a free port). timeout: seconds a query
    may take, waiting for a worker included. max_rows: rows (or triples) returned at most.
    max_request_bytes: the largest request body. workers: query processes. memory_mb: the
    memory each may take beyond the open store. cors: origins allowed to read results from
    a web page (``"*"`` for any). limits: the sizes a query may have.
    """

    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    max_rows: int = 10_000
    max_request_bytes: int = 1_000_000
    workers: int = 4
    memory_mb: int = 1024
    cors: tuple[str, ...] = ()
    limits: QueryLimits = field(default_factory=QueryLimits)


def serve(
    source: Source,
    settings: EndpointSettings | None = None,
    *,
    on_ready: Callable[[str, int], None] | None = None,
) -> None:
    """Serve *source* read-only at ``http://host:port/sparql`` until interrupted (Ctrl-C).

    *on_ready* is called with the page URL and the number of graphs once the port is
    bound and the workers have opened the store.

    Raises
    ------
    KGError
        E601 when the port cannot be bound (already in use, say); E301/E602 when the
        store or graph file cannot be opened.
    """
    import uvicorn

    settings = settings or EndpointSettings()
    sock = bind(settings.host, settings.port)
    _more_open_files()
    pool = WorkerPool(
        source, workers=settings.workers, memory_mb=settings.memory_mb, timeout=settings.timeout
    )
    try:
        graphs = pool.start()
        host, port = sock.getsockname()[:2]
        app = make_app(pool, settings, bound=(host, port))
        config = uvicorn.Config(
            app,
            http="h11",
            lifespan="on",
            log_config=None,
            log_level="error",
            access_log=False,
            server_header=False,
            timeout_keep_alive=5,
            timeout_graceful_shutdown=2,
            h11_max_incomplete_event_size=64 * 1024,  # request line and headers
            backlog=2048,
        )
        shown = f"[{host}]" if ":" in host else host
        if on_ready is not None:
            on_ready(f"http://{shown}:{port}/", graphs)
        with contextlib.suppress(KeyboardInterrupt):
            uvicorn.Server(config).run(sockets=[sock])
    finally:
        pool.close()
        sock.close()


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on *host*:*port*, or a coded error saying why there is none."""
    import errno

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP given: asyncio sets TCP_NODELAY only on such sockets (else each answer
    # waits 40 ms for a delayed ACK between its head and its body)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
        return sock
    except OSError as e:
        sock.close()
        if e.errno == errno.EADDRINUSE:
            message = f"port {port} on {host} is already in use; stop the other server or pick another --port"
        else:
            message = f"cannot listen on {host}:{port}: {e.strerror or e}"
        raise KGError("E601", message) from None


def make_app(pool: WorkerPool, settings: EndpointSettings, *, bound: tuple[str, int]) -> Any:
    """The ASGI application: ``/`` (the query page) and ``/sparql``, behind :class:`_Guard`."""
    page = render_page(timeout=settings.timeout, max_rows=settings.max_rows)
    page_body = page.html.encode("utf-8")

    async def index(request: Request) -> Response:
        return Response(
            page_body,
            media_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": page.csp},
        )

    async def sparql(request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": "GET, POST, OPTIONS"})
        t0 = time.perf_counter()
        try:
            params, text = await _query_of(request, settings.max_request_bytes)
            if "update" in params:
                raise QueryRefusedError(403, _READ_ONLY)
            if not text or not text.strip():
                raise QueryRefusedError(400, "missing the 'query' parameter")
            shape = check_query(text, settings.limits)
        except QueryRefusedError as e:
            return _text(e.status, e.message)
        job = {
            "op": "query",
            "text": text,
            "formats": params.get("format", []),
            "accept": request.headers.get("accept", ""),
            "max_rows": settings.max_rows,
            "from": list(shape.from_graphs),
            "from_named": list(shape.from_named),
        }
        meta, body = await pool.run(job)
        if meta["status"] != 200:
            return _text(meta["status"], meta.get("message", ""))
        logger.info("query: %d rows in %.3f s", meta["rows"], time.perf_counter() - t0)
        headers = {"X-DKG-Truncated": "true"} if meta.get("truncated") else {}
        return Response(body, media_type=f"{meta['media']}; charset=utf-8", headers=headers)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.open()
        try:
            yield
        finally:
            await pool.aclose()

    app = Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Route("/index.html", index, methods=["GET"]),
            Route("/sparql", sparql, methods=["GET", "POST", "OPTIONS"]),
        ],
        exception_handlers={HTTPException: _http_error},
        lifespan=lifespan,
    )
    return _Guard(app, settings, bound)


async def _query_of(request: Request, limit: int) -> tuple[dict[str, list[str]], str | None]:
    """The parameters and the query text of a GET or POST, per the SPARQL 1.1 Protocol."""
    params = _parse_qs(request.scope.get("query_string", b""))
    if request.method == "GET":
        return params, params.get("query", [None])[0]
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/sparql-update":
        raise QueryRefusedError(403, _READ_ONLY)
    if ctype not in ("application/x-www-form-urlencoded", "application/sparql-query"):
        raise QueryRefusedError(
            415, "POST application/x-www-form-urlencoded (query=…) or application/sparql-query"
        )
    body = await _body(request, limit)
    if ctype == "application/sparql-query":
        try:
            return params, body.decode("utf-8")
        except UnicodeDecodeError:
            raise QueryRefusedError(400, "the query is not valid UTF-8") from None
    form = _parse_qs(body)
    params = {**params, **form}
    return params, params.get("query", [None])[0]


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused past *limit* bytes by its length or by what is read.

    Nothing past *limit* is kept. A body up to four times the limit is still read (and
    dropped) before the 413, so that the client, still sending, gets the answer rather
    than a reset connection; a larger one is answered at once.
    """
    length = request.headers.get("content-length")
    if length is None and "transfer-encoding" not in request.headers:
        raise QueryRefusedError(411, "a POST needs a Content-Length")
    if length is not None and not (length.isascii() and length.isdigit()):
        raise QueryRefusedError(400, f"bad Content-Length {length!r}: digits only")
    declared = int(length) if length is not None else 0
    too_large = QueryRefusedError(413, f"the request body is over the {limit} byte limit")
    if declared > 4 * limit:
        raise too_large
    body = bytearray()
    seen = 0
    async for chunk in request.stream():
        seen += len(chunk)
        if seen > 4 * limit:
            break
        if seen <= limit and declared <= limit:
            body += chunk
    if seen > limit or declared > limit:
        raise too_large
    return bytes(body)


def _parse_qs(raw: bytes) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(raw.decode("ascii"), keep_blank_values=True, errors="strict")
    except UnicodeError:
        raise QueryRefusedError(400, "the request is not valid percent-encoded UTF-8") from None


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response((message + "\n").encode("utf-8"), status_code=status, media_type=_PLAIN, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:  # the path as sent, percent-encoded: nothing reflected
        raw = request.scope.get("raw_path", b"").decode("latin-1")
        return _text(404, f"no such page {raw!r}; the endpoint is /sparql")
    if exc.status_code == 405:
        return _text(405, "read-only endpoint: use GET or POST /sparql", {"Allow": "GET, POST, OPTIONS"})
    return _text(exc.status_code, str(exc.detail))


class _Guard:
    """ASGI middleware: header count, ``Host``, ``Origin``; security and CORS headers."""

    def __init__(self, app: Any, settings: EndpointSettings, bound: tuple[str, int]) -> None:
        self.app = app
        self.cors = settings.cors
        self.host, self.port = bound
        self.names = _names_of(self.host) | {settings.host.lower()}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope["headers"]
        host = origin = None
        framing = 0
        for k, v in headers:
            if k == b"host":
                host = v.decode("latin-1")
            elif k == b"origin":
                origin = v.decode("latin-1")
            elif k in (b"content-length", b"transfer-encoding"):
                framing |= 1 if k == b"content-length" else 2
        if framing == 3:  # RFC 9112 §6.1: a smuggling attempt; answer, then close
            await _text(400, "a request may not carry both Content-Length and Transfer-Encoding",
                        {"Connection": "close"})(scope, receive, send)  # fmt: skip
            return
        refusal = self._refusal(len(headers), host, origin)
        if refusal is not None:
            await _text(*refusal)(scope, receive, send)
            return
        allow = self._cors_origin(origin)

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                if not any(k == b"content-security-policy" for k, _ in message.get("headers", [])):
                    extra.append((b"content-security-policy", _NO_CONTENT_POLICY.encode()))
                if allow is not None:
                    extra += [
                        (b"access-control-allow-origin", allow.encode("latin-1")),
                        (b"access-control-expose-headers", b"X-DKG-Truncated"),
                        (b"access-control-allow-methods", b"GET, POST, OPTIONS"),
                        (b"access-control-allow-headers", b"Content-Type, Accept"),
                        (b"vary", b"Origin"),
                    ]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _refusal(self, n_headers: int, host: str | None, origin: str | None) -> tuple[int, str] | None:
        if n_headers > 100:
            return 431, "too many header fields (over 100)"
        if host is not None and not self._host_ok(host):
            return 421, (
                f"the Host header {host!r} does not name this server ({self.host}); requests for "
                "other names are refused (DNS rebinding)"
            )
        if origin is not None and origin != f"http://{host}" and self._cors_origin(origin) is None:
            return 403, (
                f"a web page at {origin!r} may not use this endpoint; allow it with kg serve --cors {origin}"
            )
        return None

    def _cors_origin(self, origin: str | None) -> str | None:
        if origin is None or not self.cors:
            return None
        if "*" in self.cors:
            return "*"
        return origin if origin in self.cors else None

    def _host_ok(self, header: str) -> bool:
        name = header.strip().lower()
        if name.startswith("["):
            name = name[1 : name.find("]")] if "]" in name else name
        elif name.count(":") == 1:
            name = name.split(":")[0]
        try:
            ip = ipaddress.ip_address(name)
        except ValueError:
            return name.rstrip(".") in self.names
        bound = _ip(self.host)
        if bound is None:  # bound to a name: its addresses are unknown here
            return False
        return bound.is_unspecified or ip == bound or (bound.is_loopback and ip.is_loopback)


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _names_of(host: str) -> frozenset[str]:
    """The host names a ``Host`` header may give for a server bound to *host*."""
    names = {host.lower()}
    ip = _ip(host)
    if ip is None or ip.is_loopback or ip.is_unspecified:
        names.add("localhost")
    if ip is not None and ip.is_unspecified:
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    return frozenset(names)


def _more_open_files() -> None:
    """Raise the open-file limit to its hard maximum: each idle client holds a socket."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = hard if hard != resource.RLIM_INFINITY else 65536
    if soft != resource.RLIM_INFINITY and soft < want:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
