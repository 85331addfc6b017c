"""``kg analyze``: who is central, the signed blocs, balance, brokers and change over time
of a graph file, a store or an endpoint."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from kg.cli._app import command, out_console
from kg.cli._common import (
    EndpointOpt,
    FromOpt,
    GraphOrStoreArg,
    RollUpOpt,
    SeedOpt,
    StoreOpt,
    ToOpt,
    graph_source,
)

if TYPE_CHECKING:
    from rich.console import Console


class Period(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"


@command()
def analyze(
    graph: Path | None = GraphOrStoreArg,
    store: Path | None = StoreOpt,
    endpoint: str | None = EndpointOpt,
    actor: str | None = typer.Option(
        None, "--actor", help="Show this actor's bloc and ego network (a name, alias, surname, ISO-3 or QID)."
    ),
    start: str | None = FromOpt,
    end: str | None = ToOpt,
    by: Period = typer.Option(Period.month, "--by", help="Window of the change over time."),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the whole report as JSON."),
    seed: int = SeedOpt,
    roll_up: bool = RollUpOpt,
    top: int = typer.Option(10, "--top", help="Length of the ranked lists."),
) -> None:
    """Print who is central, the blocs (signed: cooperation inside, conflict between),
    structural balance, brokers, and by month or quarter who changed bloc.

    Example:

        kg analyze out/graph.trig

        kg analyze --store out/store --by quarter --roll-up

        kg analyze out/graph.trig --actor Putin --from 2023-01 --to 2023-06

        kg analyze out/graph.trig --json out/analysis.json --seed 1
    """
    from kg.analysis.report import analyze as run_analysis

    with graph_source(graph, store, endpoint) as source:
        report = run_analysis(source, actor=actor, start=start, end=end, by=by.value, seed=seed,
                              top=top, roll_up=roll_up)  # fmt: skip
    if actor is not None:
        print_ego(report, out_console())
    else:
        print_report(report, out_console(), by=by.value)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")


def summary_line(s: dict[str, Any]) -> str:
    """The counts of :func:`kg.analysis.summary` in one line."""
    none = s["documents_without_relations"]
    return (
        f"{s['actors']} actors, {s['events']} events ({s['claims']} claims) from "
        f"{s['documents_with_relations']} of {s['documents']} documents"
        + (f" ({none} gave no relation)" if none else "")
        + f", {s['first'] or '?'} – {s['last'] or '?'}"
    )


def print_report(report: dict[str, Any], console: Console, *, by: str = "month") -> None:
    """The report of :func:`kg.analysis.report.analyze` as rich tables."""
    from rich.table import Table

    console.print(summary_line(report["summary"]), highlight=False)
    by_id = {n["id"]: n for n in report["nodes"]}
    t = Table(title="Most central actors")
    for col in ("actor", "bloc", "weighted degree", "PageRank", "betweenness"):
        t.add_column(col, justify="left" if col == "actor" else "right")
    for _id, label, _ in report["centrality"]["degree"]:
        n = by_id[_id]
        t.add_row(label, str(n["bloc"] or ""), f"{n['degree']:g}", f"{n['pagerank']:.3f}",
                  f"{n['betweenness']:.3f}")  # fmt: skip
    console.print(t)
    _print_blocs(report, console)
    b = report["balance"]
    share = "n/a" if b["share"] is None else f"{b['share']:.0%}"
    console.print(f"Structural balance: {b['balanced']}/{b['triads']} triads balanced ({share})",
                  highlight=False)  # fmt: skip
    for tri in b["unbalanced"][:5]:
        signs = " ".join("+" if x > 0 else "-" for x in tri["signs"])
        console.print(f"  unbalanced: {' – '.join(tri['labels'])} ({signs})", highlight=False)
    if report["brokers"]:
        t = Table(title="Brokers between blocs")
        for col in ("actor", "bloc", "reaches blocs", "participation"):
            t.add_column(col)
        for r in report["brokers"]:
            t.add_row(r["label"], str(r["bloc"]), ", ".join(str(x) for x in r["reaches"]),
                      f"{r['participation']:.2f}")  # fmt: skip
        console.print(t)
    if report["periods"]:
        _print_periods(report, console, by)


def _print_blocs(report: dict[str, Any], console: Console) -> None:
    from rich.table import Table

    f = report["frustration"]
    big = [b for b in report["blocs"] if b["size"] > 1]
    alone = len(report["blocs"]) - len(big)
    share = "" if f["share"] is None else f", {f['share']:.0%} of all signed weight"
    t = Table(title="Blocs (signed: cooperation inside, conflict between)",
              caption=f"frustration {f['total']:g}{share}; {alone} actor(s) in no bloc")  # fmt: skip
    t.add_column("bloc", justify="right")
    t.add_column("size", justify="right")
    t.add_column("members (most connected first)")
    for b in big:
        t.add_row(str(b["bloc"]), str(b["size"]), ", ".join(b["members"]))
    console.print(t)
    if f["ties"]:
        worst = sorted(f["ties"], key=lambda x: -abs(x[2]))[:5]
        listed = "; ".join(f"{a} – {b} ({w:+g})" for a, b, w in worst)
        console.print(f"  ties that break the blocs, heaviest first: {listed}", highlight=False)
    communities = [c for c in report["contact_communities"] if len(c) > 1]
    if communities:
        console.print(
            f"  contact communities (Louvain on cooperation ties, who deals with whom): {len(communities)}, "
            f"the largest: {', '.join(communities[0][:8])}{' …' if len(communities[0]) > 8 else ''}",
            highlight=False,
        )


def _print_periods(report: dict[str, Any], console: Console, by: str) -> None:
    from rich.table import Table

    by_id = {n["id"]: n for n in report["nodes"]}
    t = Table(title=f"Blocs by {by}: who changed bloc, how balance moved")
    columns = ("period", "events", "claims", "blocs (bloc: most connected members)", "balance",
               "changed bloc")
    for col in columns:
        t.add_column(col)
    for p in report["periods"]:
        blocs = "\n".join(
            f"{b['bloc']}: " + ", ".join(by_id[n]["label"] for n in _by_degree(b["members"], by_id)[:5])
            + (f" +{len(b['members']) - 5}" if len(b["members"]) > 5 else "")
            for b in p["blocs"]
        )
        bal = "" if p["balance"] is None else f"{p['balance']:.0%}"
        if p["balance_change"]:
            bal += f" ({p['balance_change']:+.0%})"
        moved = ", ".join(f"{by_id[m['actor']]['label']} {m['from']}→{m['to']}" for m in p["moves"])
        t.add_row(p["period"], str(p["events"]), str(p["claims"]), blocs, bal, moved)
    console.print(t)


def _by_degree(ids: list[str], by_id: dict[str, Any]) -> list[str]:
    return sorted(ids, key=lambda n: (-by_id[n]["degree"], by_id[n]["label"]))


def print_ego(report: dict[str, Any], console: Console) -> None:
    """The actor of ``--actor``: its bloc and its ego network, event by event."""
    from rich.table import Table

    e = report["ego"]
    by_id = {n["id"]: n for n in report["nodes"]}
    console.print(summary_line(report["summary"]), highlight=False)
    bloc = next((b for b in report["blocs"] if b["bloc"] == e["bloc"]), None)
    if bloc and bloc["size"] > 1:
        others = [m for m in bloc["members"] if m != e["label"]]
        console.print(f"{e['label']} is in bloc {e['bloc']} with {', '.join(others[:12])}"
                      + (" …" if len(others) > 12 else ""), highlight=False)  # fmt: skip
    else:
        console.print(f"{e['label']} is in no bloc (no signed tie sets it with others)", highlight=False)
    t = Table(title=f"Ego network of {e['label']}")
    for col in ("date", "source", "relation", "target", "modality", "docs"):
        t.add_column(col)
    for x in e["edges"]:
        t.add_row(x["date"] or "", by_id[x["source"]]["label"], x["relation"],
                  by_id[x["target"]]["label"], x["modality"], str(x["corroboration"]))  # fmt: skip
    console.print(t)
