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

from kg.rdf.server.http import make_server, serve

__all__ = ["make_server", "serve"]
