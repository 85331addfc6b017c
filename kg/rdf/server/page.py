"""The query page at ``/``: a form, the saved queries, and a Content-Security-Policy.

The page is rendered once from ``templates/page.html`` with its stylesheet and script
inlined (no external URL, no CDN); every text that comes from a saved query is escaped by
Jinja2's autoescaping. The policy allows exactly that script and that stylesheet, by their
SHA-256 hashes, and requests to the endpoint itself: no ``'unsafe-inline'``, no
``'unsafe-eval'``.

Examples
--------
>>> page = render_page(timeout=10, max_rows=100, saved=[])
>>> "No saved queries." in page.html, "'unsafe-inline'" in page.csp
(True, False)
>>> page.csp.split("; ")[:2]  # doctest: +ELLIPSIS
["default-src 'none'", "script-src 'sha256-..."]
"""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.rdf.queries import SavedQuery

__all__ = ["Page", "render_page"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

DEFAULT_QUERY = "SELECT ?s ?p ?o WHERE {\n  ?s ?p ?o\n}\nLIMIT 25"


@dataclass(frozen=True)
class Page:
    """The page's HTML and the ``Content-Security-Policy`` header that goes with it."""

    html: str
    csp: str


def render_page(*, timeout: float, max_rows: int, saved: Sequence[SavedQuery] | None = None) -> Page:
    """The query page; *saved* defaults to :func:`kg.rdf.queries.list_queries`."""
    from jinja2 import Environment
    from markupsafe import Markup

    if saved is None:
        saved = _saved_queries()
    templates = files("kg.rdf.server") / "templates"
    css = (templates / "page.css").read_text(encoding="utf-8")
    js = (templates / "page.js").read_text(encoding="utf-8")
    env = Environment(autoescape=True, keep_trailing_newline=True)
    html = env.from_string((templates / "page.html").read_text(encoding="utf-8")).render(
        css=Markup(css),
        js=Markup(js),
        timeout=f"{timeout:g}",
        max_rows=max_rows,
        default_query=DEFAULT_QUERY,
        saved=saved,
        actors_query=_actors_query(),
    )
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_hash(js)}",
            f"style-src {_hash(css)}",
            "connect-src 'self'",
            "img-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ]
    )
    return Page(html, csp)


def _actors_query() -> str:
    """The actors' labels the parameter fields offer, asked of the endpoint by the page."""
    from kg import vocab
    from kg.rdf.namespace import sparql_prefixes

    classes = " ".join(f"<{vocab.kind_class(k)}>" for k in vocab.actor_kinds())
    return (sparql_prefixes("rdfs") + "SELECT DISTINCT ?label WHERE { VALUES ?type { "
            + classes + " } ?actor a ?type ; rdfs:label ?label } ORDER BY ?label LIMIT 10000")  # fmt: skip


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _saved_queries() -> list[SavedQuery]:
    from kg.rdf.queries import list_queries

    try:
        return list_queries()
    except Exception as e:  # a broken .rq must not take the endpoint down
        logger.warning("cannot list the saved queries: %s", e)
        return []
