"""Rendering the knowledge graph: an offline, self-contained HTML explorer."""

from __future__ import annotations

from kg.render.html import *  # noqa: F403
from kg.render.html import __all__ as __all__
