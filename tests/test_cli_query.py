"""``kg query`` and ``kg validate`` through Typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import RDFS, URIRef
from test_rdf_mapping import PUTIN, sample_dataset
from typer.testing import CliRunner

from kg.cli import app
from kg.rdf.mapping import union_graph, write_dataset

runner = CliRunner()


@pytest.fixture(scope="module")
def trig(tmp_path_factory):
    return str(write_dataset(sample_dataset(), tmp_path_factory.mktemp("kg") / "graph.trig"))


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_help_has_examples():
    for cmd in ("query", "validate"):
        result = _run(cmd, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.output
        assert f"kg {cmd} " in result.output


def test_list_saved_queries():
    result = _run("query", "--list")
    assert result.exit_code == 0
    for name in ("who_met_whom", "who_supports", "denials", "all_relations"):
        assert name in result.output


def test_saved_query_as_table(trig):
    result = _run("query", trig, "--saved", "who_supports", "--param", "target=Q44329")
    assert result.exit_code == 0, result.output
    assert "Russia" in result.output and "Bashar" in result.output
    assert "id:actor/RUS" in result.output and "1 row(s)" in result.output


def test_saved_query_as_csv_and_json(trig):
    result = _run("query", trig, "--saved", "urges_directed_at", "-p", "target=RUS", "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["sourceLabel"], r["targetLabel"]) for r in rows] == [("Syria", "Russia")]
    result = _run("query", trig, "--saved", "who_met_whom", "--format", "json")
    doc = json.loads(result.stdout)
    [b] = doc["results"]["bindings"]
    assert b["documents"]["value"] == "2"


def test_ad_hoc_query_and_file(trig, tmp_path):
    q = f"SELECT ?l WHERE {{ <{PUTIN.id}> <{RDFS.label}> ?l }}"
    result = _run("query", trig, q, "--format", "csv")
    assert result.stdout.splitlines() == ["l", "Vladimir Putin"]
    f = tmp_path / "q.rq"
    f.write_text("# title: putin\n" + q + "\n", encoding="utf-8")
    result = _run("query", trig, "--file", str(f), "--format", "csv")
    assert result.stdout.splitlines() == ["l", "Vladimir Putin"]


def test_errors_exit_1_with_a_coded_message(trig, tmp_path):
    result = _run("query", trig, "--saved", "who_met")
    assert result.exit_code == 1
    assert "E330" in result.output and "who_met_whom" in result.output
    result = _run("query", trig, "SELECT ?x WHERE { ?x ?p }")
    assert result.exit_code == 1 and "E331" in result.output
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x\nWHERE { ?x ?p }\n", encoding="utf-8")
    result = _run("query", trig, "--file", str(bad))
    assert result.exit_code == 1 and "E331" in result.output and "bad.rq:2" in result.output
    result = _run("query", trig, "--saved", "who_supports", "--param", "target")
    assert result.exit_code == 1 and "name=value" in result.output
    result = _run("query", trig)
    assert result.exit_code == 1 and "exactly one of" in result.output
    result = _run("query", str(tmp_path / "none.trig"), "--saved", "denials")
    assert result.exit_code == 1 and "no such file" in result.output


def test_injection_through_the_cli_changes_nothing(trig):
    before = Path(trig).read_text(encoding="utf-8")
    result = _run("query", trig, "--saved", "about_actor", "-p", 'actor="} ; DROP ALL ; {"', "-f", "csv")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1  # the header only
    assert Path(trig).read_text(encoding="utf-8") == before


def test_query_an_oxigraph_store(tmp_path):
    from kg.rdf.store import open_store

    ds = sample_dataset()
    location = tmp_path / "store"
    with open_store(str(location)) as s:
        s.put_graphs((str(g.identifier), g) for g in ds.graphs() if len(g))
    result = _run("query", "--store", str(location), "--saved", "who_met_whom", "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["aLabel"], r["bLabel"], r["documents"]) for r in rows] == [
        ("Bashar al-Assad", "Vladimir Putin", "2")
    ]
    result = _run(
        "query",
        "--store",
        str(location),
        "--saved",
        "who_supports",
        "-p",
        "target=Bashar al-Assad",
        "-f",
        "csv",
    )
    assert result.exit_code == 0, result.output
    assert [r["sourceLabel"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["Russia"]


def test_validate(trig, tmp_path):
    result = _run("validate", trig)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    g = union_graph(sample_dataset())
    g.remove((URIRef(PUTIN.id), RDFS.label, None))
    broken = write_dataset(g, tmp_path / "broken.ttl")
    result = _run("validate", str(broken))
    assert result.exit_code == 1
    assert "id:actor/Q7747" in result.output and "rdfs:label" in result.output
    assert "1 violation" in result.output


@pytest.mark.server
def test_query_an_endpoint(server):
    from kg.rdf.store import open_store

    with open_store(server) as s:
        for name in s.graph_names():
            s.drop_graph(name)
        ds = sample_dataset()
        s.put_graphs((str(g.identifier), g) for g in ds.graphs() if len(g))
    result = _run(
        "query", "--endpoint", server, "--saved", "who_supports", "-p", "target=Q44329", "-f", "json"
    )
    assert result.exit_code == 0, result.output
    [b] = json.loads(result.stdout)["results"]["bindings"]
    assert b["sourceLabel"]["value"] == "Russia"
