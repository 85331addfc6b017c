"""The local engine: spaCy here, in ``settings.workers`` processes (``nlp.pipe(n_process=…)``).

Examples
--------
>>> from kg.records import Document
>>> from kg.settings import BuildSettings
>>> class Print:
...     def built(self, item): print(item.document.id, [r.relation for r in item.relations])
...     def batch(self, info): print("batch", info.index, info.documents)
>>> docs = [Document("d1", "Putin met Assad.")]
>>> _ = LocalEngine(BuildSettings()).run(docs, Print(), print)  # doctest: +SKIP
d1 ['meets']
batch 0 1
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from kg.engines import BatchInfo, Built, Sink
from kg.errors import InputError

if TYPE_CHECKING:
    from kg.records import Document
    from kg.settings import BuildSettings

__all__ = ["LocalEngine"]


class LocalEngine:
    """spaCy in this process or in ``workers`` processes; a batch every ``batch_size`` documents."""

    def __init__(self, settings: BuildSettings) -> None:
        self.settings = settings
        self.workers = settings.workers or os.cpu_count() or 1

    def run(
        self, documents: Iterable[Document], sink: Sink, on_error: Callable[[InputError], None]
    ) -> dict[str, Any]:
        from kg.extraction import iter_relations
        from kg.nlp.pipeline import load_nlp
        from kg.rdf.mapping import document_graph

        nlp = load_nlp(self.settings.model)
        info, t0 = BatchInfo(index=0, pid=os.getpid()), time.perf_counter()
        for document, relations in iter_relations(documents, nlp, n_process=self.workers, on_error=on_error):
            try:
                graph = document_graph(document, relations)
            except InputError as e:  # a relation the ontology does not know, a bad date
                on_error(e)
                info.errors.append(e)
                continue
            sink.built(Built(document, relations, graph))
            info.documents += 1
            info.words += len(document.text.split())
            if info.documents >= self.settings.batch_size:
                info.seconds = time.perf_counter() - t0
                sink.batch(info)
                info, t0 = BatchInfo(index=info.index + 1, pid=os.getpid()), time.perf_counter()
        if info.documents or info.errors:
            info.seconds = time.perf_counter() - t0
            sink.batch(info)
        return {"workers": self.workers, "scheduler": ""}
