"""kg.analysis.report.analyze: plain JSON data over the sample graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib

from kg.analysis.convert import to_nx
from kg.analysis.report import analyze

DATA = Path(__file__).parent / "data" / "sample_graph.trig"


@pytest.fixture(scope="module")
def ds() -> rdflib.Dataset:
    d = rdflib.Dataset()
    d.parse(DATA, format="trig")
    return d


def test_report_is_plain_json_and_deterministic(ds):
    r = analyze(ds, seed=0)
    assert json.loads(json.dumps(r)) == r
    assert r == analyze(ds, seed=0)
    s = r["summary"]
    assert (s["actors"], s["events"], s["claims"], s["documents"]) == (9, 13, 11, 4)
    assert (s["first"], s["last"]) == ("2023-03-15", "2023-04-10")
    assert r["blocs"][:2] == [["France", "United Kingdom", "United States"], ["Iran", "Russia", "Syria"]]
    assert r["balance"]["share"] == 1.0 and r["balance"]["triads"] == 4
    assert {b["label"] for b in r["brokers"]} >= {"Russia", "United States"}
    assert [p["period"] for p in r["periods"]] == ["2023-03", "2023-04"]
    assert r["ego"] is None


def test_report_with_actor_and_window(ds):
    r = analyze(ds, actor="russia", start="2023-04-01", end="2023-04-30", by="month")
    # agrees-1 is dated 2023-04-01 (month granularity); the undated urges-1 by its report
    assert r["summary"]["events"] == 9
    assert r["ego"]["label"] == "Russia"
    assert {n for _, n in r["ego"]["neighbours"]} == {"NATO", "United Kingdom", "United States"}


def test_report_accepts_a_networkx_graph(ds):
    G = to_nx(ds, roll_up=True)
    r = analyze(G, start="2023-03", end="2023-03")
    assert r["summary"]["events"] == 4
    assert r["summary"]["actors"] == 3  # Iran, Russia, Syria


def test_cli_analyze_prints_tables_and_writes_json(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    out = tmp_path / "a.json"
    r = CliRunner().invoke(app, ["analyze", str(DATA), "--actor", "RUS", "--json", str(out)])
    assert r.exit_code == 0, r.output
    for text in ("Most central actors", "Blocs", "4/4 triads balanced", "Ego network of Russia",
                 "Shifts over time", "2023-04"):  # fmt: skip
        assert text in r.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["ego"]["label"] == "Russia"
    bad = CliRunner().invoke(app, ["analyze", str(DATA), "--actor", "Narnia"])
    assert bad.exit_code == 1 and "E501" in bad.output


def test_cli_viz_and_export(tmp_path):
    import networkx as nx
    from typer.testing import CliRunner

    from kg.cli import app

    run = CliRunner().invoke
    page = tmp_path / "g.html"
    assert run(app, ["viz", str(DATA), "-o", str(page), "--color", "kind"]).exit_code == 0
    assert '"color":"kind"' in page.read_text(encoding="utf-8")
    gexf, graphml = tmp_path / "g.gexf", tmp_path / "s.graphml"
    assert run(app, ["export", str(DATA), "--format", "gexf", "-o", str(gexf)]).exit_code == 0
    G = nx.read_gexf(gexf)
    assert (G.number_of_nodes(), G.number_of_edges()) == (9, 13)
    ev = [json.loads(d["evidence"]) for *_, d in G.edges(data=True)]
    assert all(isinstance(x, list) and x for x in ev)
    args = ["export", str(DATA), "-f", "graphml", "--signed", "--roll-up", "-o", str(graphml)]
    assert run(app, args).exit_code == 0
    S = nx.read_graphml(graphml)
    assert {d["sign"] for *_, d in S.edges(data=True)} == {-1, 1}
    assert "Example:" in run(app, ["export", "--help"]).stdout
