"""The build's report and files: ``graph.trig``, ``graph.html``, ``report.json`` and
``report.md`` in the output folder, and the counts behind them.

Nothing here extracts anything: :func:`write_outputs` takes what :func:`kg.builder.build`
made (a :class:`~kg.builder.BuildResult`, and the scratch store of a build that kept no
graph in memory) and writes the files; :func:`report_md` and :func:`inert_json` are pure.

Examples
--------
>>> t = Tally()
>>> t.as_dict([])["documents"], t.as_dict([])["by_relation"]
(0, {})
>>> print(inert_json('{"a": "<b>&"}'))
{"a": "\\u003cb\\u003e\\u0026"}
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from kg.builder import BuildResult
    from kg.errors import InputError
    from kg.records import Document, Relation

__all__ = [
    "REPORT_RELATIONS",
    "Tally",
    "inert_json",
    "md_escape",
    "report_md",
    "run_line",
    "skipped_lines",
    "summary_lines",
    "write_outputs",
]

#: relations listed in report.md
REPORT_RELATIONS = 500


@dataclass
class Tally:
    """The counts of the build summary, kept as documents come (nothing else is kept)."""

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
        """Count one document's relations, actors and triples."""
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
        """The ``summary`` of ``report.json``."""
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


def write_outputs(
    result: BuildResult, out: Path, *, seed: int = 0, graph: Any = None
) -> dict[str, Path]:
    """Write graph.trig, graph.html, report.json and report.md into ``out``, from
    ``result.dataset`` or, when given, from ``graph`` (an OxigraphStore)."""
    from kg.analysis.centrality import pagerank
    from kg.analysis.convert import to_nx
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
    page = to_html(G, ranks=pagerank(G), blocs=analysis["bloc_ids"], title="diplomatic-kg", seed=seed)
    write_html(files["html"], page)
    report = {"summary": result.summary, "analysis": analysis}
    files["report_json"] = out / "report.json"
    text = inert_json(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    files["report_json"].write_text(text + "\n", encoding="utf-8")
    files["report_md"] = out / "report.md"
    files["report_md"].write_text(report_md(result, analysis), encoding="utf-8")
    return files


def inert_json(text: str) -> str:
    """The same JSON with ``<``, ``>`` and ``&`` as ``\\u`` escapes: no article text in
    it can read as markup wherever the JSON is pasted (a page, a Markdown file)."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def md_escape(s: str) -> str:
    """Text for a Markdown table cell: no tag, link, image or code span can start in it.

    >>> print(md_escape("[x](javascript:alert(1)) <b>`a|b`</b>"))
    \\[x\\](javascript:alert(1)) &lt;b&gt;\\`a\\|b\\`&lt;/b&gt;
    """
    import html

    for c in "\\`[]|":
        s = s.replace(c, "\\" + c)
    return html.escape(s.replace("\r", " ").replace("\n", " "), quote=False)


def report_md(result: BuildResult, analysis: dict[str, Any]) -> str:
    """``report.md``: the counts, the first :data:`REPORT_RELATIONS` relations, the
    inputs skipped and the head of the analysis."""
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
            "| " + " | ".join(md_escape(x) for x in (
                r.relation, r.modality.value, r.source.label,
                r.target.label if r.target else "", r.attributed_to.label if r.attributed_to else "",
                r.date or "", r.sentence[:160],
            )) + " |"
        )
    if s["input_errors"]:
        lines += ["", "## Inputs skipped", ""] + [f"- {md_escape(e)}" for e in s["input_errors"]]
    if s.get("skipped", {}).get("count"):
        counts = ", ".join(f"{k} {v}" for k, v in s["skipped"]["by_reason"].items())
        lines += ["", f"Skipped: {s['skipped']['count']} ({md_escape(counts)})"]
    top = analysis.get("centrality", {}) if isinstance(analysis, dict) else {}
    if top:
        lines += ["", "## Analysis", "", "```json",
                  inert_json(json.dumps({k: analysis[k] for k in list(analysis)[:6]}, indent=1,
                                        ensure_ascii=False, default=str)[:4000]), "```"]
    return "\n".join(lines) + "\n"


def run_line(result: BuildResult) -> str:
    """How the build ran: time, words per second and where.

    >>> from kg.builder import BuildResult
    >>> run_line(BuildResult(words=1200, seconds=2.0, engine={"workers": 2, "scheduler": ""}))
    'in 2.0s (600 words/s, 2 spaCy processes)'
    """
    rate = f"{result.words / max(result.seconds, 1e-6):,.0f} words/s"
    n = result.engine.get("workers", 1)
    if result.engine.get("scheduler"):
        return f"in {result.seconds:.1f}s ({rate}) on {n} dask worker(s) ({result.engine['scheduler']})"
    return f"in {result.seconds:.1f}s ({rate}, {n} spaCy process{'es' if n != 1 else ''})"


def summary_lines(result: BuildResult, store: str | None = None) -> list[str]:
    """The lines ``kg build`` prints: documents, relations, modality, actors, triples
    and the files written."""
    s = result.summary
    skipped = f" ({result.skipped} already stored)" if result.skipped else ""
    long = s["long_documents"]
    if long["documents"]:
        skipped += f" ({long['documents']} long document(s) read in {long['sections']} sections)"
    lines = [f"documents  {s['documents']}{skipped}"]
    if result.stored is not None:
        lines.append(f"store      {result.stored} documents in {store}"
                     " (out/ holds this run's documents; query the store for all)")
    lines += [
        f"relations  {s['relations']}  " + "  ".join(f"{k}={v}" for k, v in s["by_relation"].items()),
        "modality   " + "  ".join(f"{k}={v}" for k, v in s["by_modality"].items()),
        f"actors     {s['actors']}  " + "  ".join(f"{k}={v}" for k, v in s["actors_by_kind"].items()),
        f"triples    {s['triples']}",
        *skipped_lines(s["skipped"]),
    ]
    if result.parts:
        lines.append(f"wrote      {result.parts[0].parent}  ({len(result.parts)} N-Quads files)")
    lines += [f"wrote      {path}  ({name})" for name, path in result.files.items()]
    return lines


def skipped_lines(skipped: dict[str, Any], *, limit: int = 20) -> list[str]:
    """The summary lines of the skipped inputs (:func:`kg.ingest.skipped_inputs`): a count
    per reason, then each one."""
    if not skipped["count"]:
        return []
    reasons = "  ".join(f"{k}={v}" for k, v in skipped["by_reason"].items())
    out = [f"skipped    {skipped['count']}  {reasons}"]
    for item in skipped["inputs"][:limit]:
        where = item["path"] if item["line"] is None else f"{item['path']}:{item['line']}"
        out.append(f"           {where}  {item['reason']} ({item['code']})")
    if skipped["count"] > limit:
        out.append(f"           … and {skipped['count'] - limit} more (all are in report.json)")
    return out
