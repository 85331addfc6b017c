"""kg.render.network.to_pyvis: a pyvis Network sized, coloured and styled from the graph,
the ranks and the blocs it is given; plain-text titles; our template attached."""

from __future__ import annotations

import math
import os
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from kg.analysis.convert import to_nx
from kg.analysis.layout import overview, positions
from kg.render import palette, to_html, to_pyvis
from kg.vocab import claim_modalities, is_symmetric, relation_colors

DATA = Path(__file__).parent / "data" / "sample_graph.trig"


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    ds = rdflib.Dataset()
    ds.parse(DATA, format="trig")
    return to_nx(ds)


@pytest.fixture(scope="module")
def ov(graph):
    return overview(graph, seed=0)


@pytest.fixture(scope="module")
def net(graph, ov):
    return to_pyvis(graph, ranks=ov.ranks, blocs=ov.blocs, positions=ov.positions, title="t")


def test_returns_a_pyvis_network_with_every_actor_and_event(net, graph):
    from pyvis.network import Network

    assert isinstance(net, Network)
    assert net.num_nodes() == graph.number_of_nodes() and net.num_edges() == graph.number_of_edges()
    assert sorted(n["iri"] for n in net.nodes) == sorted(graph)
    assert {e["key"] for e in net.edges} == {k for *_, k in graph.edges(keys=True)}


def test_size_follows_pagerank(net, ov):
    by_iri = {n["iri"]: n for n in net.nodes}
    ranked = sorted(ov.ranks, key=ov.ranks.get)
    low, high = by_iri[ranked[0]], by_iri[ranked[-1]]
    assert high["value"] == 1.0 and high["size"] > low["size"] and low["value"] < high["value"]
    assert all(0 <= n["value"] <= 1 for n in net.nodes)


def test_bloc_and_kind_colours_come_from_different_palettes(graph, ov, net):
    pal = palette()
    blocs, kinds = set(pal["bloc"]) | {pal["other"]}, set(pal["kind"].values())
    assert not blocs & kinds
    for k in kinds:  # clearly different: at least 25 CIE76 units from every bloc colour
        assert min(_delta_e(k, b) for b in blocs) >= 25, k
    member = {n: i for i, b in enumerate(ov.blocs) for n in b}
    for n in net.nodes:
        b = member[n["iri"]]
        expected = pal["bloc"][b] if len(ov.blocs[b]) > 1 and b < len(pal["bloc"]) else pal["other"]
        assert n["color"] == expected and n["bloc"] == b + 1  # numbered from 1, as kg analyze
        assert n["shape"] == pal["shape"][n["kind"]]
    by_kind = to_pyvis(graph, ranks=ov.ranks, blocs=ov.blocs, positions=ov.positions, color="kind")
    assert {n["color"] for n in by_kind.nodes} <= kinds
    assert len({pal["shape"][k] for k in pal["shape"]}) == len(pal["shape"])  # a shape per kind


def test_edges_are_styled_by_relation_and_modality(net, graph):
    colors, claims = relation_colors(), set(claim_modalities())
    for e in net.edges:
        c = e["color"] if isinstance(e["color"], str) else e["color"]["color"]
        assert c == colors[e["relation"]]
        assert e.get("dashes", False) is (e["modality"] not in claims)
        assert (e.get("arrows") == "") is is_symmetric(e["relation"])
    hypothetical = [e for e in net.edges if e["modality"] == "hypothetical"]
    assert hypothetical and all(e["color"]["opacity"] < 1 for e in hypothetical)
    corroborated = [e for e in net.edges if e["corroboration"] > 1]
    assert corroborated and all(
        e["width"] == round(1 + math.log2(e["corroboration"]), 2) for e in corroborated
    )


def test_parallel_events_are_kept_numbered_and_curved():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="e1", relation="meets")
    G.add_edge("b", "a", key="e2", relation="urges")
    G.add_edge("a", "b", key="e3", relation="supports", modality="hypothetical")
    edges = to_pyvis(G, ranks={}, blocs=[]).edges
    assert [(e["key"], e["nth"]) for e in edges] == [("e1", 0), ("e3", 1), ("e2", 2)]
    assert "smooth" not in edges[0] and edges[1]["smooth"]["type"] == "curvedCW"
    assert G.number_of_edges() == 3 and "nth" not in G.edges["a", "b", "e1"]


def test_titles_are_plain_text_with_the_evidence(net, graph):
    for item in net.nodes + net.edges:
        assert isinstance(item["title"], str)
    hostile = next(e for e in net.edges if "onerror" in str(e["evidence"]))
    sentence = hostile["evidence"][0]["sentence"]
    assert sentence in hostile["title"]  # the text itself, which vis-network shows with innerText
    assert hostile["title"].startswith("Iran criticizes United States (asserted, ")


def test_positions_physics_and_determinism(graph, ov):
    small = to_pyvis(graph, ranks=ov.ranks, blocs=ov.blocs, positions=ov.positions)
    assert small.options["physics"]["enabled"] is True
    G = nx.MultiDiGraph(nx.gnm_random_graph(400, 800, seed=1))
    o = overview(G, seed=2)
    big = to_pyvis(G, ranks=o.ranks, blocs=o.blocs, positions=o.positions)
    assert big.options["physics"]["enabled"] is False
    assert len({(n["x"], n["y"]) for n in big.nodes}) == 400
    again = to_pyvis(G, ranks=o.ranks, blocs=o.blocs, positions=positions(G, o.blocs, o.ranks, seed=2))
    assert again.nodes == big.nodes and again.edges == big.edges


def test_ranks_and_blocs_are_arguments(graph):
    with pytest.raises(TypeError):
        to_pyvis(graph)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="color"):
        to_pyvis(graph, ranks={}, blocs=[], color="rainbow")


def test_generate_html_is_our_offline_page_and_writes_nothing(net, graph, ov, tmp_path):
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        page = net.generate_html()
    finally:
        os.chdir(cwd)
    assert list(tmp_path.iterdir()) == []  # pyvis's write_html would copy lib/ here
    assert page == to_html(graph, ranks=ov.ranks, blocs=ov.blocs, positions=ov.positions, title="t")
    assert "cdnjs" not in page and "tom-select" not in page and 'id="dkg-nodes"' in page


def _delta_e(a: str, b: str) -> float:
    return math.dist(_lab(a), _lab(b))


def _lab(hex_color: str) -> tuple[float, float, float]:
    rgb = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92 for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))
