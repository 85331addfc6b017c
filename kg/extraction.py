"""From documents to relation records: run the pipeline, read ``doc._.dkg_relations``.

Examples
--------
>>> from kg.records import Document
>>> rels = extract(Document(id="d1", text="Putin met Assad in Moscow."))   # doctest: +SKIP
>>> rels[0].relation, rels[0].source.label                              # doctest: +SKIP
('meets', 'Vladimir Putin')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import InputError
from kg.records import Actor, Document, Modality, Place, Relation

__all__ = ["extract", "iter_relations", "relations_from_doc"]


def _actor(d: dict[str, Any] | None) -> Actor | None:
    return Actor.from_dict(d) if d else None


def relations_from_doc(doc: Doc, doc_id: str) -> list[Relation]:
    """The :class:`Relation` records of a processed Doc (``about`` links resolved)."""
    text = doc.text
    out: list[Relation] = []
    for r in doc._.dkg_relations:
        place = Place(**r["place"]) if r.get("place") else None
        out.append(
            Relation(
                doc=doc_id,
                relation=r["relation"],
                modality=Modality(r["modality"]),
                source=Actor.from_dict(r["source"]),
                target=_actor(r["target"]),
                attributed_to=_actor(r["attributed_to"]),
                date=r["date"],
                date_granularity=r["date_granularity"],
                place=place,
                confidence=r["confidence"],
                sentence=text[r["start"] : r["end"]],
                start=r["start"],
                end=r["end"],
                trigger=r["trigger"],
                trigger_start=r["trigger_start"],
                trigger_end=r["trigger_end"],
            )
        )
    # link each denial to the claim it denies
    for i, r in enumerate(doc._.dkg_relations):
        if r.get("about") is not None:
            rel = out[i]
            object.__setattr__(rel, "about", out[r["about"]])
    return out


def _make_doc(nlp: Language, document: Document) -> Doc:
    doc = nlp.make_doc(document.text)
    doc._.dkg_date = document.date
    return doc


def iter_relations(
    documents: Iterable[Document],
    nlp: Language | None = None,
    *,
    batch_size: int = 32,
    n_process: int = 1,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[tuple[Document, list[Relation]]]:
    """Stream ``(document, relations)`` pairs; documents are parsed in batches.

    documents (Iterable[Document]): the articles, consumed lazily.
    nlp (Language | None): a pipeline from :func:`kg.nlp.pipeline.load_nlp` (default model).
    n_process (int): processes for spaCy (``nlp.pipe(n_process=…)``).
    on_error: called with an E108 :class:`~kg.errors.InputError` for a document longer
        than ``nlp.max_length`` characters, which is skipped; without it, that error is raised.
    """
    if nlp is None:
        from kg.nlp.pipeline import load_nlp

        nlp = load_nlp()
    pending: list[Document] = []

    def docs() -> Iterator[tuple[Doc, int]]:
        for i, d in enumerate(documents):
            if len(d.text) > nlp.max_length:
                e = InputError(
                    "E108",
                    f"text of {len(d.text):,} characters is over the model's limit of "
                    f"{nlp.max_length:,} (nlp.max_length); split the article; skipped",
                    path=d.origin or d.id,
                )
                if on_error is None:
                    raise e
                on_error(e)
                continue
            pending.append(d)
            yield _make_doc(nlp, d), i

    for doc, _i in nlp.pipe(docs(), batch_size=batch_size, n_process=n_process, as_tuples=True):
        document = pending.pop(0)
        yield document, relations_from_doc(doc, document.id)


def extract(document: Document, nlp: Language | None = None) -> list[Relation]:
    """The relations of one document."""
    return next(iter_relations([document], nlp))[1]
