"""kg.render.export and `kg export`: GEXF (dynamic, viz: colour, size, position), GraphML
and Cytoscape.js JSON carry the actors' kind, country, bloc, PageRank, size, colour and
position and the events' relation, modality, weight and date. Each file is read back:
networkx for GEXF and GraphML, json (and networkx's cytoscape_graph) for Cytoscape."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from typer.testing import CliRunner

from kg.analysis.convert import signed_graph, to_nx
from kg.analysis.layout import overview
from kg.cli import app
from kg.render import palette
from kg.render.export import FORMATS, WRITERS, write_graph

DATA = Path(__file__).parent / "data" / "sample_graph.trig"
A = "https://w3id.org/diplomatic-kg/id/actor/"
NODE_KEYS = {"label", "kind", "bloc", "pagerank", "size", "color", "x", "y"}
EDGE_KEYS = {"relation", "modality", "weight", "signed_weight", "claim", "color", "evidence"}


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    ds = rdflib.Dataset()
    ds.parse(DATA, format="trig")
    return to_nx(ds)


@pytest.fixture(scope="module")
def ov(graph):
    return overview(graph, seed=0)


@pytest.fixture(scope="module")
def files(graph, ov, tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("exports")
    return {
        fmt: write_graph(
            graph, d / f"g{suffix}", fmt, ranks=ov.ranks, blocs=ov.blocs, positions=ov.positions
        )
        for fmt, suffix in FORMATS.items()
    }


def expected_node(graph, ov, n) -> dict:
    b = next(i for i, bl in enumerate(ov.blocs) if n in bl)
    return {"label": graph.nodes[n]["label"], "kind": graph.nodes[n]["kind"], "bloc": b + 1,
            "x": ov.positions[n][0], "y": ov.positions[n][1], "pagerank": round(ov.ranks[n], 6)}  # fmt: skip


def check_nodes(H, graph, ov):
    assert sorted(H) == sorted(graph)
    for n, d in H.nodes(data=True):
        assert set(d) >= NODE_KEYS, (n, sorted(d))
        want = expected_node(graph, ov, n)
        assert {k: d[k] for k in want} == want
        if graph.nodes[n].get("country"):
            assert d["country"] == graph.nodes[n]["country"]
    rus = H.nodes[A + "RUS"]
    assert rus["color"] in palette()["bloc"] and rus["size"] > 8


def check_edges(H, graph):
    assert H.number_of_edges() == graph.number_of_edges()
    for u, v, k, d in H.edges(keys=True, data=True):
        g = graph.edges[u, v, k]
        assert set(d) >= EDGE_KEYS, (k, sorted(d))
        assert (d["relation"], d["modality"]) == (g["relation"], g["modality"])
        assert d["weight"] == max(1, g["corroboration"])
        if g.get("date"):
            assert d["date"] == g["date"] and d["start"] <= d["end"]
        assert json.loads(d["evidence"]) == g["evidence"]


def test_gexf_has_attributes_viz_and_a_timeline(files, graph, ov):
    text = files["gexf"].read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    assert text.count("<viz:position") == graph.number_of_nodes()
    H = nx.read_gexf(files["gexf"])
    assert H.graph["mode"] == "dynamic"
    check_nodes(H, graph, ov)
    for n, d in H.nodes(data=True):
        viz = d["viz"]
        assert viz["position"]["x"] == pytest.approx(ov.positions[n][0])
        assert viz["size"] == pytest.approx(d["size"])
        rgb = (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"])
        assert "#{:02x}{:02x}{:02x}".format(*rgb) == d["color"]
    dated = [(d["start"], d["end"]) for *_, d in H.edges(data=True) if "start" in d]
    assert len(dated) == sum(1 for *_, x in graph.edges(data="date") if x)
    supports = [d for *_, d in H.edges(data=True) if d["id"].endswith("event/supports-1")]
    assert supports and supports[0]["start"] == supports[0]["end"] and len(supports[0]["start"]) == 10
    keyed = nx.MultiDiGraph()  # keyed by the GEXF edge id: the event IRI
    keyed.add_nodes_from(H.nodes(data=True))
    keyed.add_edges_from((u, v, d["id"], d) for u, v, d in H.edges(data=True))
    check_edges(keyed, graph)


def test_graphml_has_the_same_attributes(files, graph, ov):
    H = nx.read_graphml(files["graphml"], force_multigraph=True)
    check_nodes(H, graph, ov)
    keyed = nx.MultiDiGraph()
    keyed.add_nodes_from(H.nodes(data=True))
    keyed.add_edges_from((u, v, k, d) for u, v, k, d in H.edges(keys=True, data=True))
    check_edges(keyed, graph)


def test_cytoscape_json_has_positions_ids_and_attributes(files, graph, ov):
    data = json.loads(files["cytoscape"].read_text(encoding="utf-8"))
    assert data["directed"] is True and data["multigraph"] is True
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    for node in nodes:
        n = node["data"]["id"]
        assert node["position"] == {"x": ov.positions[n][0], "y": ov.positions[n][1]}
        assert set(node["data"]) >= NODE_KEYS and node["data"]["name"] == graph.nodes[n]["label"]
    assert sorted(e["data"]["id"] for e in edges) == sorted(k for *_, k in graph.edges(keys=True))
    for e in edges:
        d = e["data"]
        assert d["evidence"] == graph.edges[d["source"], d["target"], d["id"]]["evidence"]
        assert set(d) >= EDGE_KEYS
    back = nx.cytoscape_graph(data, name="label")
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()


def test_signed_network_export(graph, ov, tmp_path):
    S = signed_graph(graph)
    p = write_graph(
        S, tmp_path / "s.graphml", "graphml", ranks=ov.ranks, blocs=ov.blocs, positions=ov.positions
    )
    H = nx.read_graphml(p)
    assert H.number_of_edges() == S.number_of_edges()
    assert {d["sign"] for *_, d in H.edges(data=True)} <= {1, -1}
    assert all("bloc" in d and "x" in d for _, d in H.nodes(data=True))


def test_unknown_format_is_refused(graph, ov, tmp_path):
    assert sorted(WRITERS) == sorted(FORMATS) == ["cytoscape", "gexf", "graphml"]
    with pytest.raises(ValueError, match="cytoscape"):
        write_graph(graph, tmp_path / "g.x", "dot", ranks={}, blocs=[], positions={})


def test_rolled_up_states_carry_their_names():
    """A person's state that is no actor of its own becomes a node named from the gazetteer."""
    from kg.iri import actor_iri
    from kg.rdf.mapping import add_document
    from kg.records import Actor, ActorKind, Document, Modality, Relation

    sanchez = Actor(actor_iri("Pedro Sanchez"), "Pedro Sanchez", ActorKind.PERSON, "ESP")
    rus = Actor(actor_iri("RUS"), "Russia", ActorKind.STATE, "RUS")
    doc = Document(id="d1", text="Pedro Sanchez criticized Russia.", date="2022-03-01")
    ds = rdflib.Dataset()
    add_document(ds, doc, [Relation("d1", "criticizes", Modality.ASSERTED, sanchez, rus, doc.text, 0, 32)])
    R = to_nx(ds, roll_up=True)
    assert sorted(R.nodes[n]["label"] for n in R) == ["Russia", "Spain"]
    o = overview(R)
    spain = next(n for n in R if R.nodes[n]["label"] == "Spain")
    assert R.nodes[spain]["country"] == "ESP" and R.nodes[spain]["wikidata"] == "Q29"
    text = json.dumps(export_cytoscape(R, o))
    assert '"name": "Spain"' in text and '"label": "ESP"' not in text


def export_cytoscape(R, o) -> dict:
    from kg.render.export import annotate, to_cytoscape

    return to_cytoscape(annotate(R, ranks=o.ranks, blocs=o.blocs, positions=o.positions))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cli_export(fmt, tmp_path):
    out = tmp_path / f"g.{fmt}"
    res = CliRunner().invoke(app, ["export", str(DATA), "--format", fmt, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "9 nodes, 13 edges" in " ".join(res.output.split())
    if fmt == "cytoscape":
        assert len(json.loads(out.read_text())["elements"]["edges"]) == 13
    else:
        H = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(out)
        assert H.number_of_nodes() == 9 and all("bloc" in d for _, d in H.nodes(data=True))
