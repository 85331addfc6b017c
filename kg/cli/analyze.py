"""``kg analyze``: centrality, blocs, balance, brokers and shifts of a graph file."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from kg.cli._app import command, out_console
from kg.cli._common import FromOpt, GraphArg, RollUpOpt, SeedOpt, ToOpt

if TYPE_CHECKING:
    from rich.console import Console


class Period(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"


@command()
def analyze(
    graph: Path = GraphArg,
    actor: str | None = typer.Option(None, "--actor", help="Ego network of this actor."),
    start: str | None = FromOpt,
    end: str | None = ToOpt,
    by: Period = typer.Option(Period.month, "--by", help="Window of the shifts over time."),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the report as JSON."),
    seed: int = SeedOpt,
    roll_up: bool = RollUpOpt,
    top: int = typer.Option(10, "--top", help="Length of the ranked lists."),
) -> None:
    """Print who is central, the blocs, structural balance, brokers and shifts over time.

    Example:

        kg analyze out/graph.trig

        kg analyze out/graph.trig --actor Russia --from 2023-01 --to 2023-06 --by month

        kg analyze out/graph.trig --roll-up --json out/analysis.json --seed 1
    """
    from kg.analysis.report import analyze as run_analysis
    from kg.rdf.mapping import load_dataset

    report = run_analysis(
        load_dataset(graph), actor=actor, start=start, end=end, by=by.value, seed=seed,
        top=top, roll_up=roll_up,
    )  # fmt: skip
    print_report(report, out_console())
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")


def print_report(report: dict[str, Any], console: Console) -> None:
    """The report of :func:`kg.analysis.report.analyze` as rich tables."""
    from rich.table import Table

    s = report["summary"]
    console.print(
        f"[bold]{s['actors']}[/] actors, [bold]{s['events']}[/] events "
        f"({s['claims']} claims) from {s['documents']} documents, "
        f"{s['first'] or '?'} – {s['last'] or '?'}",
        highlight=False,
    )
    t = Table(title="Most central actors")
    for col in ("actor", "weighted degree", "PageRank", "betweenness"):
        t.add_column(col, justify="left" if col == "actor" else "right")
    by_id = {n["id"]: n for n in report["nodes"]}
    for _id, label, _ in report["centrality"]["degree"]:
        n = by_id[_id]
        t.add_row(label, f"{n['degree']:g}", f"{n['pagerank']:.3f}", f"{n['betweenness']:.3f}")
    console.print(t)
    t = Table(title="Blocs (Louvain on cooperation ties)")
    t.add_column("#", justify="right")
    t.add_column("members")
    for i, b in enumerate(report["blocs"], 1):
        t.add_row(str(i), ", ".join(b))
    console.print(t)
    b = report["balance"]
    share = "n/a" if b["share"] is None else f"{b['share']:.0%}"
    console.print(
        f"Structural balance: {b['balanced']}/{b['triads']} triads balanced ({share}); "
        f"signed partition frustration {report['signed_partition']['frustration']:g}",
        highlight=False,
    )
    for tri in b["unbalanced"][:10]:
        signs = " ".join("+" if x > 0 else "-" for x in tri["signs"])
        console.print(f"  unbalanced: {' – '.join(tri['labels'])} ({signs})", highlight=False)
    if report["brokers"]:
        t = Table(title="Brokers between blocs")
        for col in ("actor", "bloc", "reaches blocs", "participation"):
            t.add_column(col)
        for r in report["brokers"]:
            t.add_row(r["label"], str(r["bloc"] + 1), ", ".join(str(x + 1) for x in r["reaches"]),
                      f"{r['participation']:.2f}")  # fmt: skip
        console.print(t)
    if report["ego"]:
        e = report["ego"]
        t = Table(title=f"Ego network of {e['label']}")
        for col in ("date", "source", "relation", "target", "modality", "docs"):
            t.add_column(col)
        for x in e["edges"]:
            t.add_row(x["date"] or "", by_id[x["source"]]["label"], x["relation"],
                      by_id[x["target"]]["label"], x["modality"], str(x["corroboration"]))  # fmt: skip
        console.print(t)
    if report["periods"]:
        t = Table(title="Shifts over time")
        for col in ("period", "events", "most central", "blocs", "balance", "moved"):
            t.add_column(col)
        for p in report["periods"]:
            top = ", ".join(by_id[n]["label"] for n, _ in p["top"][:3])
            blocs = " | ".join(", ".join(by_id[n]["label"] for n in b) for b in p["blocs"])
            moved = ", ".join(by_id[m["actor"]]["label"] for m in p["shifts"])
            bal = "" if p["balance"] is None else f"{p['balance']:.0%}"
            t.add_row(p["period"], str(p["edges"]), top, blocs, bal, moved)
        console.print(t)
