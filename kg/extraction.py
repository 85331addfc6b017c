"""From documents to relation records: run the pipeline, read ``doc._.dkg_relations``.

Examples
--------
>>> from kg.records import Document
>>> rels = extract(Document(id="d1", text="Putin met Assad in Moscow."))   # doctest: +SKIP
>>> rels[0].relation, rels[0].source.label                              # doctest: +SKIP
('meets', 'Vladimir Putin')
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import InputError
from kg.nlp.discourse import register_document_extensions
from kg.records import Actor, Document, Modality, Place, Relation

__all__ = ["extract", "iter_relations", "make_doc", "relations_from_doc"]


def _actor(d: dict[str, Any] | None) -> Actor | None:
    return Actor.from_dict(d) if d else None


def relations_from_doc(doc: Doc, doc_id: str, offset: int = 0) -> list[Relation]:
    """The :class:`Relation` records of a processed Doc (``about`` links resolved).

    offset (int): where the Doc's text starts in the whole document (a section of a long
        one, :attr:`kg.records.Document.offset`); added to every offset.
    """
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
                start=r["start"] + offset,
                end=r["end"] + offset,
                trigger=r["trigger"],
                trigger_start=r["trigger_start"] + offset,
                trigger_end=r["trigger_end"] + offset,
            )
        )
    # link each denial to the claim it denies
    for i, r in enumerate(doc._.dkg_relations):
        if r.get("about") is not None:
            rel = out[i]
            object.__setattr__(rel, "about", out[r["about"]])
    return out


def make_doc(nlp: Language, document: Document) -> Doc:
    """The tokenised Doc of a document, with the document's own facts on it (date,
    title, URL, publisher) for the pipeline's document layer to read."""
    register_document_extensions()
    doc = nlp.make_doc(document.text)
    doc._.dkg_date = document.date
    doc._.dkg_title = document.title
    doc._.dkg_url = document.url
    doc._.dkg_publisher = document.publisher
    return doc


#: words of text parsed together at most (a batch holds one longer document alone)
BATCH_WORDS = 10_000
#: with ``n_process > 1``: documents a component parses together in a worker process
WORKER_BATCH = 8


def iter_relations(
    documents: Iterable[Document],
    nlp: Language | None = None,
    *,
    batch_size: int = 32,
    batch_words: int = BATCH_WORDS,
    n_process: int = 1,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[tuple[Document, list[Relation]]]:
    """Stream ``(document, relations)`` pairs; documents are parsed in batches.

    documents (Iterable[Document]): the articles, consumed lazily.
    nlp (Language | None): a pipeline from :func:`kg.nlp.pipeline.load_nlp` (default model).
    batch_size (int): documents parsed together at most.
    batch_words (int): words parsed together at most (a longer document is parsed
        alone). spaCy's memory grows with the words of a batch (about 20 KB a word for
        the small English model: the 12 longest corpus articles in one batch took 3.7 GB),
        so batches are cut by words as well as by documents, as spaCy's own
        ``minibatch_by_words``. With ``n_process > 1`` spaCy sends its workers batches of
        ``batch_size`` documents, and each component parses :data:`WORKER_BATCH` of them
        at a time.
    n_process (int): processes for spaCy (``nlp.pipe(n_process=…)``).
    on_error: called with an E108 :class:`~kg.errors.InputError` for a document too large
        to read (:data:`kg.ingest.split.MAX_CHARS`), which is skipped; without it, that
        error is raised. A document longer than ``nlp.max_length`` characters is read in
        sections (:func:`kg.ingest.split_document`).

    Examples
    --------
    >>> from kg.records import Document
    >>> docs = [Document(id=f"d{i}", text="Putin met Assad. " * n) for i, n in enumerate([3, 9, 1])]
    >>> [len(b) for b in _WordBatches(iter(docs), batch_size=32, batch_words=20)]
    [1, 1, 1]
    >>> [len(b) for b in _WordBatches(iter(docs), batch_size=32, batch_words=30)]
    [1, 2]
    """
    if nlp is None:
        from kg.nlp.pipeline import load_nlp

        nlp = load_nlp()

    def accepted() -> Iterator[Document]:
        from kg.ingest.split import split_document

        for d in documents:
            if len(d.text) <= nlp.max_length:
                yield d
                continue
            try:
                yield from split_document(d, nlp.max_length)
            except InputError as e:
                if on_error is None:
                    raise
                on_error(e)

    batches = _WordBatches(accepted(), batch_size=batch_size, batch_words=batch_words)

    if n_process == 1:
        for batch in batches:
            docs = [make_doc(nlp, d) for d in batch]
            for document, doc in zip(batch, nlp.pipe(docs, batch_size=len(docs)), strict=True):
                yield document, relations_from_doc(doc, document.id, document.offset)
        return

    # spaCy's worker processes take batches of a fixed number of documents; each
    # component parses WORKER_BATCH of them at a time, which bounds the words parsed
    # together when long articles come in a row
    pending: deque[Document] = deque()

    def docs() -> Iterator[tuple[Doc, int]]:
        for batch in batches:
            for d in batch:
                pending.append(d)
                yield make_doc(nlp, d), 0

    cfg = {name: {"batch_size": min(batch_size, WORKER_BATCH)} for name in nlp.pipe_names}
    for doc, _i in nlp.pipe(docs(), batch_size=batch_size, n_process=n_process, as_tuples=True,
                            component_cfg=cfg):
        document = pending.popleft()
        yield document, relations_from_doc(doc, document.id, document.offset)


class _WordBatches:
    """Lists of at most ``batch_size`` documents and ``batch_words`` words (a longer
    document alone), in order; :meth:`peek_size` is the length of the next one."""

    def __init__(self, documents: Iterator[Document], *, batch_size: int, batch_words: int) -> None:
        self.documents, self.batch_size, self.batch_words = documents, batch_size, batch_words
        self.held: Document | None = None  # read, but over the last batch's limit
        self.next: list[Document] | None = None

    def __iter__(self) -> _WordBatches:
        return self

    def _fill(self) -> list[Document]:
        if self.next is None:
            batch: list[Document] = []
            words = 0
            while len(batch) < self.batch_size:
                d, self.held = (self.held, None) if self.held is not None else (
                    next(self.documents, None), None)
                if d is None:
                    break
                n = len(d.text.split())
                if batch and words + n > self.batch_words:
                    self.held = d
                    break
                batch.append(d)
                words += n
            self.next = batch
        return self.next

    def peek_size(self) -> int:
        return len(self._fill())

    def __next__(self) -> list[Document]:
        batch = self._fill()
        self.next = None
        if not batch:
            raise StopIteration
        return batch


def extract(document: Document, nlp: Language | None = None) -> list[Relation]:
    """The relations of one document."""
    return next(iter_relations([document], nlp))[1]
