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
    assert (s["documents_with_relations"], s["documents_without_relations"]) == (4, 0)
    assert (s["first"], s["last"]) == ("2023-03-15", "2023-04-10")
    assert r["balance"]["share"] == 1.0 and r["balance"]["triads"] == 4
    assert {b["label"] for b in r["brokers"]} >= {"Russia", "United States"}
    assert [p["period"] for p in r["periods"]] == ["2023-03", "2023-04"]
    assert r["ego"] is None


def test_blocs_are_signed_and_numbered_from_one_everywhere(ds):
    r = analyze(ds, seed=0)
    blocs = {b["bloc"]: b["members"] for b in r["blocs"]}
    assert sorted(blocs[1]) == ["France", "United Kingdom", "United States"]
    assert sorted(blocs[2]) == ["Iran", "Russia", "Syria"]
    assert blocs[1][0] == "United States"  # the most connected first
    assert r["frustration"] == {"total": 0.0, "share": 0.0, "ties": []}
    number = {n["label"]: n["bloc"] for n in r["nodes"]}
    assert number["Russia"] == 2 and number["France"] == 1 and min(number.values()) == 1
    assert [sorted(b) for b in r["bloc_ids"]] == [sorted(b["ids"]) for b in r["blocs"]]
    brokers = {b["label"]: (b["bloc"], b["reaches"]) for b in r["brokers"]}
    assert brokers["Russia"] == (2, [1]) and brokers["United States"] == (1, [2])
    assert all(b["bloc"] in blocs for p in r["periods"] for b in p["blocs"])
    assert r["contact_communities"]  # Louvain, kept under its own name


def test_report_with_actor_and_window(ds):
    r = analyze(ds, actor="russia", start="2023-04-01", end="2023-04-30", by="month")
    # agrees-1 is dated 2023-04-01 (month granularity); the undated urges-1 by its report
    s = r["summary"]
    assert s["events"] == 9
    assert (s["documents"], s["documents_with_relations"]) == (2, 2)  # d3 and d4 are April's
    assert r["ego"]["label"] == "Russia" and r["ego"]["bloc"] >= 1  # blocs of April alone
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
    r = CliRunner().invoke(app, ["analyze", str(DATA), "--json", str(out)])
    assert r.exit_code == 0, r.output
    for text in ("9 actors, 13 events (11 claims) from 4 of 4 documents", "Most central actors",
                 "Blocs (signed", "frustration 0", "4/4 triads balanced", "Blocs by month",
                 "2023-04"):  # fmt: skip
        assert text in r.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["blocs"][0]["bloc"] == 1
    r = CliRunner().invoke(app, ["analyze", str(DATA), "--actor", "putin"])
    assert r.exit_code == 0, r.output
    assert "Ego network of Vladimir Putin" in r.stdout and "is in bloc" in r.stdout
    bad = CliRunner().invoke(app, ["analyze", str(DATA), "--actor", "Putn"])
    assert bad.exit_code == 1 and "E501" in bad.output and "nearest: Vladimir Putin" in bad.output


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
