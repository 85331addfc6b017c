"""The whole flow: articles → relations → RDF (one named graph per document) →
store and files → NetworkX report → offline HTML.

Used by ``kg build``, the notebooks and anyone who wants the graph from Python.

Examples
--------
>>> result = build(["seeds/"], out_dir=None)              # doctest: +SKIP
>>> len(result.documents), len(result.dataset) > 0          # doctest: +SKIP
(9, True)
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset

from kg.errors import InputError
from kg.records import Document, Relation
from kg.vocab import DEFAULT_MODEL

__all__ = ["BuildResult", "build", "summarize"]

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())


@dataclass
class BuildResult:
    """What :func:`build` made: the documents, their relations and the RDF dataset.

    With a ``store``, the documents, relations and dataset are not kept (memory stays
    bounded whatever the corpus size): the graph is in the store, ``summary`` has the
    counts and ``sample`` the first relations (those ``report.md`` lists).
    """

    documents: list[Document] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    dataset: Dataset = field(default_factory=Dataset)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)
    skipped: int = 0
    stored: int | None = None  # documents in the store after the build (with ``store``)
    files: dict[str, Path] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    sample: list[Relation] = field(default_factory=list)


#: relations listed in report.md
REPORT_RELATIONS = 500


@dataclass
class _Tally:
    """The counts of :func:`summarize`, kept as documents come (nothing else is kept)."""

    documents: int = 0
    relations: int = 0
    triples: int = 0
    by_relation: Counter = field(default_factory=Counter)
    by_modality: Counter = field(default_factory=Counter)
    actors: dict[str, str] = field(default_factory=dict)  # actor id -> kind
    sections: int = 0  # documents that are sections of a long one
    split: int = 0  # long documents read in sections
    _whole: str | None = None

    def add(self, relations: list[Relation], triples: int, document: Document | None = None) -> None:
        self.documents += 1
        if document is not None and document.part_of is not None:
            self.sections += 1
            if document.part_of != self._whole:  # the sections of a document come in a row
                self.split, self._whole = self.split + 1, document.part_of
        self.relations += len(relations)
        self.triples += triples
        for r in relations:
            self.by_relation[r.relation] += 1
            self.by_modality[r.modality.value] += 1
            for a in (r.source, r.target):
                if a is not None:
                    self.actors.setdefault(a.id, a.kind.value)

    def as_dict(self, errors: list[InputError], warnings: Iterable[InputError] = ()) -> dict[str, Any]:
        from kg.ingest import skipped_inputs

        return {
            "documents": self.documents,
            "long_documents": {"documents": self.split, "sections": self.sections},
            "input_errors": [str(e) for e in errors],
            "skipped": skipped_inputs([*errors, *warnings]),
            "relations": self.relations,
            "by_relation": dict(sorted(self.by_relation.items())),
            "by_modality": dict(sorted(self.by_modality.items())),
            "actors": len(self.actors),
            "actors_by_kind": dict(sorted(Counter(self.actors.values()).items())),
            "triples": self.triples,
        }


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path | None = "out",
    *,
    model: str = DEFAULT_MODEL,
    default_date: str | None = None,
    store: str | Path | None = None,
    workers: int = 1,
    batch_size: int = 64,
    force: bool = False,
    on_error: Callable[[InputError], None] | None = None,
    on_document: Callable[[Document, list[Relation]], None] | None = None,
    keep_relations: bool | None = None,
    seed: int = 0,
    columns: Any = None,
) -> BuildResult:
    """Build the knowledge graph of ``inputs``.

    inputs (Iterable[str | Path]): files, folders, .jsonl files or ``"-"``.
    out_dir (str | Path | None): where ``graph.trig``, ``graph.html``, ``report.json``
        and ``report.md`` are written (this run's documents); ``None`` writes nothing.
    model (str): the spaCy pipeline.
    default_date (str | None): date of articles that give none.
    store (str | Path | None): an Oxigraph directory or a SPARQL endpoint URL that the
        documents' named graphs are loaded into, one transaction per batch. The graph
        is then not held in memory: each batch goes to the store (and, for ``out_dir``,
        to a scratch Oxigraph directory there that the outputs are written from).
    workers (int): spaCy processes.
    batch_size (int): documents per store transaction; on Ctrl-C the documents
        finished so far are written before the interrupt propagates.
    force (bool): re-extract documents the store already holds (same content hash).
    on_error: called for each input problem (file and line named); the batch goes on.
    on_document: called after each document with its relations (progress bars).
    keep_relations (bool | None): keep every document, relation and the dataset in
        the result; by default yes without ``store``, no with one.
    columns (kg.ingest.Columns | None): the text, id and date fields of JSON lines and
        tables (``--text-column``, ``--id-column``, ``--date-column``).
    RETURNS (BuildResult): documents, relations, dataset, errors and written files.
    """
    from kg.extraction import iter_relations
    from kg.ingest import iter_documents
    from kg.nlp.pipeline import load_nlp
    from kg.rdf.mapping import add_document, document_graph

    result = BuildResult()
    keep = store is None if keep_relations is None else keep_relations
    tally = _Tally()

    def report(e: InputError) -> None:
        (result.warnings if e.code.startswith("W") else result.errors).append(e)
        if on_error is not None:
            on_error(e)

    nlp = load_nlp(model)
    st = scratch = None
    known: set[str] = set()
    if store is not None:
        from kg.rdf.store import open_store

        st = open_store(store)
        if not force:
            known = _stored_hashes(st)
        if out_dir is not None:
            scratch = _scratch_store(Path(out_dir))

    def skip(_: Document) -> None:
        result.skipped += 1

    def flush(batch: list[tuple[str, Any]]) -> None:
        if st is not None and batch:
            st.put_graphs(batch)
            if scratch is not None:
                scratch.put_graphs(batch)

    batch: list[tuple[str, Any]] = []
    docs = unstored(iter_documents(inputs, on_error=report, default_date=default_date, columns=columns),
                    known, skip)
    try:
        try:
            for document, relations in iter_relations(docs, nlp, n_process=workers, on_error=report):
                if keep:
                    g = add_document(result.dataset, document, relations)
                    result.documents.append(document)
                    result.relations.extend(relations)
                else:
                    g = document_graph(document, relations)
                if len(result.sample) < REPORT_RELATIONS:
                    result.sample.extend(relations[: REPORT_RELATIONS - len(result.sample)])
                tally.add(relations, len(g), document)
                if st is not None:
                    batch.append((str(g.identifier), g))
                    if len(batch) >= batch_size:
                        flush(batch)
                        batch = []
                if on_document is not None:
                    on_document(document, relations)
            flush(batch)
            if st is not None:
                result.stored = len(_stored_hashes(st))
        except KeyboardInterrupt:
            # Ctrl-C: keep every document finished so far (each graph is written whole)
            if st is not None and batch:
                st.put_graphs(batch)
            raise
        finally:
            if st is not None:
                st.close()
        result.summary = tally.as_dict(result.errors, result.warnings)
        if out_dir is not None:
            result.files = write_outputs(result, Path(out_dir), seed=seed, graph=scratch)
    finally:
        if scratch is not None:
            _remove_scratch(scratch)
    return result


def _scratch_store(out: Path) -> Any:
    """An empty Oxigraph directory in ``out`` for this run's graphs (removed after)."""
    import shutil

    from kg.rdf.store import OxigraphStore

    path = out / ".build-store"
    if path.exists():
        shutil.rmtree(path)
    out.mkdir(parents=True, exist_ok=True)
    return OxigraphStore(path)


def _remove_scratch(scratch: Any) -> None:
    import shutil

    scratch.close()
    shutil.rmtree(scratch.path, ignore_errors=True)


def unstored(
    docs: Iterable[Document], known: set[str], skipped: Callable[[Document], None]
) -> Iterator[Document]:
    """The documents whose content hash (:func:`kg.rdf.mapping.content_hash`) is not in
    ``known``; ``skipped`` is called with each of the others.

    >>> from kg.rdf.mapping import content_hash
    >>> docs = [Document(id="a", text="One."), Document(id="b", text="Two.")]
    >>> [d.id for d in unstored(docs, {content_hash("One.")}, print)]  # doctest: +ELLIPSIS
    Document(id='a', ...)
    ['b']
    """
    from kg.rdf.mapping import content_hash

    for d in docs:
        if known and content_hash(d.text) in known:
            skipped(d)
            continue
        yield d


def _stored_hashes(st: Any) -> set[str]:
    from kg.rdf.namespace import sparql_prefixes

    res = st.query(
        sparql_prefixes("dkg") + "SELECT DISTINCT ?h WHERE { ?d a dkg:Document ; dkg:contentHash ?h }"
    )
    return {str(r[0]) for r in res.rows if r[0] is not None}


def summarize(result: BuildResult) -> dict[str, Any]:
    """Counts of documents, relations (by type and modality) and actors of a result
    that kept its documents and relations."""
    tally = _Tally()
    tally.add(result.relations, len(result.dataset))
    tally.documents = len(result.documents)
    return tally.as_dict(result.errors, result.warnings)


def write_outputs(
    result: BuildResult, out: Path, *, seed: int = 0, graph: Any = None
) -> dict[str, Path]:
    """Write graph.trig, graph.html, report.json and report.md into ``out``, from
    ``result.dataset`` or, when given, from ``graph`` (an OxigraphStore)."""
    from kg.analysis.convert import to_nx
    from kg.analysis.layout import overview
    from kg.analysis.report import analyze
    from kg.rdf.mapping import write_dataset
    from kg.render.html import to_html, write_html

    out.mkdir(parents=True, exist_ok=True)
    if graph is not None:
        files = {"graph": out / "graph.trig"}
        graph.dump(files["graph"])
        G = to_nx(graph.as_graph())
    else:
        files = {"graph": write_dataset(result.dataset, out / "graph.trig")}
        G = to_nx(result.dataset)
    analysis = analyze(G, seed=seed)
    files["html"] = out / "graph.html"
    ov = overview(G, seed=seed)
    page = to_html(G, ranks=ov.ranks, blocs=ov.blocs, positions=ov.positions, seed=seed)
    write_html(files["html"], page)
    report = {"summary": result.summary, "analysis": analysis}
    files["report_json"] = out / "report.json"
    text = _inert_json(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    files["report_json"].write_text(text + "\n", encoding="utf-8")
    files["report_md"] = out / "report.md"
    files["report_md"].write_text(_report_md(result, analysis), encoding="utf-8")
    return files


def _inert_json(text: str) -> str:
    """The same JSON with ``<``, ``>`` and ``&`` as ``\\u`` escapes: no article text in
    it can read as markup wherever the JSON is pasted (a page, a Markdown file).

    >>> print(_inert_json('{"a": "<b>&"}'))
    {"a": "\\u003cb\\u003e\\u0026"}
    """
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _md_escape(s: str) -> str:
    """Text for a Markdown table cell: no tag, link, image or code span can start in it.

    >>> print(_md_escape("[x](javascript:alert(1)) <b>`a|b`</b>"))
    \\[x\\](javascript:alert(1)) &lt;b&gt;\\`a\\|b\\`&lt;/b&gt;
    """
    import html

    for c in "\\`[]|":
        s = s.replace(c, "\\" + c)
    return html.escape(s.replace("\r", " ").replace("\n", " "), quote=False)


def _report_md(result: BuildResult, analysis: dict[str, Any]) -> str:
    s = result.summary
    lines = [
        "# diplomatic-kg report",
        "",
        f"- documents: {s['documents']}",
        f"- relations: {s['relations']} "
        f"({', '.join(f'{k} {v}' for k, v in s['by_relation'].items())})",
        f"- modality: {', '.join(f'{k} {v}' for k, v in s['by_modality'].items())}",
        f"- actors: {s['actors']} "
        f"({', '.join(f'{k} {v}' for k, v in s['actors_by_kind'].items())})",
        f"- triples: {s['triples']}",
        "",
        "## Relations",
        "",
        "| relation | modality | source | target | said by | date | evidence |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in (result.relations or result.sample)[:REPORT_RELATIONS]:
        lines.append(
            "| " + " | ".join(_md_escape(x) for x in (
                r.relation, r.modality.value, r.source.label,
                r.target.label if r.target else "", r.attributed_to.label if r.attributed_to else "",
                r.date or "", r.sentence[:160],
            )) + " |"
        )
    if s["input_errors"]:
        lines += ["", "## Inputs skipped", ""] + [f"- {_md_escape(e)}" for e in s["input_errors"]]
    if s.get("skipped", {}).get("count"):
        counts = ", ".join(f"{k} {v}" for k, v in s["skipped"]["by_reason"].items())
        lines += ["", f"Skipped: {s['skipped']['count']} ({_md_escape(counts)})"]
    top = analysis.get("centrality", {}) if isinstance(analysis, dict) else {}
    if top:
        lines += ["", "## Analysis", "", "```json",
                  _inert_json(json.dumps({k: analysis[k] for k in list(analysis)[:6]}, indent=1,
                                         ensure_ascii=False, default=str)[:4000]), "```"]
    return "\n".join(lines) + "\n"
