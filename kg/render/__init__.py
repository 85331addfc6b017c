"""Rendering the knowledge graph: the pyvis network (:func:`to_pyvis`), the offline
explorer page (:func:`to_html`, :func:`write_html`, :func:`to_iframe` for notebooks) and
the exports for Gephi, Cytoscape and yEd (:mod:`kg.render.export`)."""

from __future__ import annotations

from kg.render.html import *  # noqa: F403
from kg.render.html import __all__ as _html
from kg.render.network import *  # noqa: F403
from kg.render.network import __all__ as _network

__all__ = sorted({*_html, *_network})
