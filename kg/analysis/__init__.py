"""Analytics over the knowledge graph as NetworkX graphs.

``to_nx`` turns the RDF events (from a file or a store) into a multigraph of actors,
``signed_graph`` folds it into a network signed by the Goldstein scale; ``alliances``
finds the signed blocs (:func:`signed_blocs`, :func:`blocs`) and balance, ``timeline``
the blocs and bloc changes window by window, ``centrality`` who matters; :func:`analyze`
gathers them as plain data for the CLI, the report and notebooks, and :func:`overview`
gives what a drawing needs (ranks, blocs, positions).
Everything here takes a graph first and returns plain data (or a new graph); inputs are
never modified.
"""

from __future__ import annotations

from typing import Any

from kg.analysis.alliances import *  # noqa: F403
from kg.analysis.alliances import __all__ as _alliances
from kg.analysis.centrality import *  # noqa: F403
from kg.analysis.centrality import __all__ as _centrality
from kg.analysis.convert import *  # noqa: F403
from kg.analysis.convert import __all__ as _convert
from kg.analysis.layout import *  # noqa: F403
from kg.analysis.layout import __all__ as _layout
from kg.analysis.report import *  # noqa: F403
from kg.analysis.report import __all__ as _report
from kg.analysis.timeline import *  # noqa: F403
from kg.analysis.timeline import __all__ as _timeline

__all__ = [*_convert, *_centrality, *_alliances, *_timeline, *_layout, *_report]


def __getattr__(name: str) -> Any:
    # CLAIMS, KINDS and SYMMETRIC are read from the ontology on first use (kg.vocab)
    import importlib

    home = {"CLAIMS": "convert", "KINDS": "convert", "SYMMETRIC": "centrality"}.get(name)
    if home is None:
        raise AttributeError(f"module 'kg.analysis' has no attribute {name!r}")
    return getattr(importlib.import_module(f"kg.analysis.{home}"), name)
