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
    "analysis_md",
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
    """The counts of the build summary, kept as documents come (nothing else is kept).

    The counts are those of :func:`kg.analysis.summary`, so ``kg build`` and ``kg
    analyze`` of the same graph agree: ``documents`` read, of which
    ``documents_with_relations`` gave at least one; ``events`` (distinct, as the RDF
    holds them: one however many sentences and documents state it, :func:`kg.rdf.mapping.
    relation_event_iri`), counted by relation and modality; ``relations`` (each relation
    the extractor stated, one per sentence); ``actors`` (sources and targets).
    """

    documents: int = 0
    relations: int = 0
    triples: int = 0
    by_relation: Counter = field(default_factory=Counter)
    by_modality: Counter = field(default_factory=Counter)
    actors: dict[str, str] = field(default_factory=dict)  # actor id -> kind
    with_relations: int = 0  # documents that gave at least one relation
    events: set[int] = field(default_factory=set)  # hashes of the event IRIs seen
    sections: int = 0  # documents that are sections of a long one
    split: int = 0  # long documents read in sections
    _whole: str | None = None

    def add(self, relations: list[Relation], triples: int, document: Document | None = None) -> None:
        """Count one document's relations, events, actors and triples."""
        from kg.rdf.mapping import relation_event_iri

        self.documents += 1
        if document is not None and document.part_of is not None:
            self.sections += 1
            if document.part_of != self._whole:  # the sections of a document come in a row
                self.split, self._whole = self.split + 1, document.part_of
        self.relations += len(relations)
        self.with_relations += bool(relations)
        self.triples += triples
        for r in relations:
            event = hash(str(relation_event_iri(r, document)))
            if event not in self.events:
                self.events.add(event)
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
            "documents_with_relations": self.with_relations,
            "documents_without_relations": self.documents - self.with_relations,
            "long_documents": {"documents": self.split, "sections": self.sections},
            "input_errors": [str(e) for e in errors],
            "skipped": skipped_inputs([*errors, *warnings]),
            "events": len(self.events),
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
    from kg.analysis.layout import positions
    from kg.analysis.report import analyze
    from kg.rdf.mapping import write_dataset
    from kg.render.html import to_html, write_html

    out.mkdir(parents=True, exist_ok=True)
    if graph is not None:
        files = {"graph": out / "graph.trig"}
        graph.dump(files["graph"])
        G = to_nx(graph)  # the store answers the SELECT itself
    else:
        files = {"graph": write_dataset(result.dataset, out / "graph.trig")}
        G = to_nx(result.dataset)
    analysis = analyze(G, seed=seed)
    files["html"] = out / "graph.html"
    ranks, blocs = pagerank(G), analysis["bloc_ids"]
    page = to_html(G, ranks=ranks, blocs=blocs, positions=positions(G, blocs, ranks, seed=seed), seed=seed)
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
    inputs skipped and the analysis as tables (:func:`analysis_md`)."""
    s = result.summary
    lines = [
        "# diplomatic-kg report",
        "",
        f"- documents: {s['documents']} ({s.get('documents_with_relations', 0)} gave relations, "
        f"{s.get('documents_without_relations', 0)} none)",
        f"- events: {s.get('events', 0)} "
        f"({', '.join(f'{k} {v}' for k, v in s['by_relation'].items())}), "
        f"from {s['relations']} relation statements",
        f"- modality of the events: {', '.join(f'{k} {v}' for k, v in s['by_modality'].items())}",
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
    if isinstance(analysis, dict) and analysis.get("centrality"):
        lines += ["", *analysis_md(analysis)]
    return "\n".join(lines) + "\n"


def analysis_md(analysis: dict[str, Any], *, top: int = 10) -> list[str]:
    """The Analysis section of ``report.md`` as Markdown tables: the counts, the most
    central actors, the signed blocs with their frustration, balance, and the blocs by
    month with who changed bloc (:func:`kg.analysis.analyze` gives the data).

    >>> import networkx as nx
    >>> from kg.analysis import analyze
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("RUS", "BLR", relation="supports", modality="asserted", date="2022-01-10")
    >>> print("\\n".join(analysis_md(analyze(G))[:4]))
    ## Analysis
    <BLANKLINE>
    2 actors, 1 events (1 claims) from 0 of 0 documents; 2022-01-10 – 2022-01-10.
    <BLANKLINE>
    """
    a, s = analysis, analysis["summary"]
    label = {n["id"]: n["label"] for n in a["nodes"]}
    out = [
        "## Analysis",
        "",
        f"{s['actors']} actors, {s['events']} events ({s['claims']} claims) from "
        f"{s['documents_with_relations']} of {s['documents']} documents; "
        f"{s['first'] or '?'} – {s['last'] or '?'}.",
        "",
        "### Most central actors",
        "",
        "| actor | bloc | weighted degree | PageRank | betweenness |",
        "|---|---|---|---|---|",
    ]
    by_id = {n["id"]: n for n in a["nodes"]}
    for _id, name, _ in a["centrality"]["degree"][:top]:
        n = by_id[_id]
        out.append(f"| {md_escape(name)} | {n['bloc'] or ''} | {n['degree']:g} | {n['pagerank']:.3f} "
                   f"| {n['betweenness']:.3f} |")  # fmt: skip
    f = a["frustration"]
    share = "" if f["share"] is None else f" ({f['share']:.0%} of all signed weight)"
    out += ["", "### Blocs (signed: cooperation inside, conflict between)", "",
            f"Frustration {f['total']:g}{share}. Actors in no bloc of two or more are left out.", "",
            "| bloc | size | members (most connected first) |", "|---|---|---|"]  # fmt: skip
    for b in a["blocs"]:
        if b["size"] > 1:
            out.append(f"| {b['bloc']} | {b['size']} | {md_escape(', '.join(b['members']))} |")
    if f["ties"]:
        out += ["", "Ties that break the blocs, heaviest first:", "",
                "| actor | actor | weight |", "|---|---|---|"]  # fmt: skip
        for x, y, w in sorted(f["ties"], key=lambda t: -abs(t[2]))[:top]:
            out.append(f"| {md_escape(x)} | {md_escape(y)} | {w:+g} |")
    bal = a["balance"]
    share = "n/a" if bal["share"] is None else f"{bal['share']:.0%}"
    out += ["", f"Structural balance: {bal['balanced']} of {bal['triads']} triads balanced ({share})."]
    if a["periods"]:
        out += ["", "### Blocs by month", "", "| month | events | claims | blocs | balance | changed bloc |",
                "|---|---|---|---|---|---|"]  # fmt: skip
        for p in a["periods"]:
            blocs = "; ".join(
                f"{b['bloc']}: " + ", ".join(label[m] for m in b["members"][:6])
                + (" …" if len(b["members"]) > 6 else "")
                for b in p["blocs"]
            )
            moves = ", ".join(f"{label[m['actor']]} {m['from']}→{m['to']}" for m in p["moves"])
            balance = "" if p["balance"] is None else f"{p['balance']:.0%}"
            out.append(f"| {p['period']} | {p['events']} | {p['claims']} | {md_escape(blocs)} | {balance} "
                       f"| {md_escape(moves)} |")  # fmt: skip
    return out


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
    none = s.get("documents_without_relations", 0)
    gave = f"  ({s['documents_with_relations']} gave relations, {none} none)" if none else ""
    lines = [f"documents  {s['documents']}{skipped}{gave}"]
    if result.stored is not None:
        lines.append(f"store      {result.stored} documents in {store}"
                     " (out/ holds this run's documents; query the store for all)")
    lines += [
        f"events     {s['events']} (from {s['relations']} statements)  "
        + "  ".join(f"{k}={v}" for k, v in s["by_relation"].items()),
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
