"""diplomatic-kg: news text → knowledge graph of diplomatic relations.

The public API; importing ``kg`` loads nothing heavy (spaCy, rdflib, pyvis are
imported on first use).

>>> import kg
>>> kg.__version__
'0.1.0'
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "load_nlp": "kg.nlp.pipeline",
    "extract": "kg.extraction",
    "iter_relations": "kg.extraction",
    "iter_documents": "kg.ingest",
    "build": "kg.builder",
    "document_graph": "kg.rdf.mapping",
    "run_query": "kg.rdf.queries",
    "list_queries": "kg.rdf.queries",
    "to_nx": "kg.analysis.convert",
    "to_html": "kg.render.html",
}

__all__ = ["__version__", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
