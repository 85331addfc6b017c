"""The read-only SPARQL 1.1 endpoint of ``kg serve``: a graph file or an Oxigraph store.

``/sparql`` answers ``GET ?query=``, ``POST`` of ``application/x-www-form-urlencoded``
(``query=``) and of ``application/sparql-query``; results are negotiated (``Accept`` or
``format=``): JSON, XML, CSV, TSV for ``SELECT``/``ASK``, Turtle or N-Triples for
``CONSTRUCT``/``DESCRIBE``. ``/`` is a self-contained query page listing the saved queries.

Built on uvicorn and Starlette, well-kept libraries that parse HTTP strictly, bound what
they read and hold thousands of idle connections on one event loop, instead of our own
``http.server`` code. The parts, each in its own module:

* :mod:`~kg.rdf.server.app`: the HTTP application, ``Host``/``Origin``/CORS checks, :func:`serve`;
* :mod:`~kg.rdf.server.guard`: the size, nesting, update, ``SERVICE`` and ``FROM`` checks a
  query passes before any engine sees it;
* :mod:`~kg.rdf.server.pool`, :mod:`~kg.rdf.server.zygote`, :mod:`~kg.rdf.server.worker`:
  queries run in worker processes, each with a memory limit, killed at the deadline and
  replaced at once;
* :mod:`~kg.rdf.server.formats`, :mod:`~kg.rdf.server.page`: result formats, the query page.

Examples
--------
>>> from kg.rdf.server import EndpointSettings
>>> EndpointSettings().host, EndpointSettings().timeout
('127.0.0.1', 10.0)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.rdf.server.app import EndpointSettings, serve
    from kg.rdf.server.guard import QueryLimits
    from kg.rdf.server.worker import Source

__all__ = ["EndpointSettings", "QueryLimits", "Source", "serve"]


def __getattr__(name: str) -> Any:
    # lazily: the zygote and the workers import this package without the HTTP stack
    if name in ("EndpointSettings", "serve"):
        from kg.rdf.server import app

        return getattr(app, name)
    if name == "QueryLimits":
        from kg.rdf.server.guard import QueryLimits

        return QueryLimits
    if name == "Source":
        from kg.rdf.server.worker import Source

        return Source
    raise AttributeError(name)
