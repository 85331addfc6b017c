"""The explorer page in a real browser: Debian's chromium driven by Playwright.

What is drawn matches the graph, the filters change what is visible, a click on an
event shows its evidence, the page logs no error, requests nothing from the network,
and a hostile article's markup never runs.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
import rdflib
from conftest import Page

from kg.analysis.convert import to_nx
from kg.render.html import to_html, write_html

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent / "data" / "sample_graph.trig"
A = "https://w3id.org/diplomatic-kg/id/actor/"
PWN = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    ds = rdflib.Dataset()
    ds.parse(DATA, format="trig")
    G = to_nx(ds)
    # one more hostile article, whose payloads would set window.__pwned if they ran
    G.add_edge(A + "FRA", A + "GBR", key="pwn", relation="meets", modality="asserted",
               date="2023-04-11", corroboration=1, evidence=[{
                   "sentence": "France met Britain " + PWN, "title": PWN, "date": "2023-04-11",
                   "url": "javascript:window.__pwned=3", "doc": "d5"}])  # fmt: skip
    return G




@pytest.fixture()
def page(browser, graph, tmp_path):
    p = Page(browser, write_html(tmp_path / "graph.html", to_html(graph, title="test")))
    yield p
    p.assert_clean()
    p.page.close()


def test_drawn_counts_match_the_graph(page, graph):
    c = page.counts()
    assert c == {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
                 "drawnNodes": graph.number_of_nodes(), "drawnEdges": graph.number_of_edges()}  # fmt: skip
    assert page.page.locator("#dkg-counts").inner_text() == "9 / 9 actors, 14 / 14 events"


def test_filters_change_what_is_visible(page, graph):
    n_supports = sum(1 for *_, r in graph.edges(data="relation") if r == "supports")
    page.toggle("relations", "supports")
    assert page.counts()["drawnEdges"] == 14 - n_supports
    page.toggle("relations", "supports")
    page.toggle("modalities", "hypothetical")
    assert page.counts()["edges"] == 12
    page.toggle("modalities", "hypothetical")
    page.toggle("kinds", "person")  # Putin and Assad, and their meeting
    assert page.counts() == {"nodes": 7, "edges": 13, "drawnNodes": 7, "drawnEdges": 13}
    page.toggle("kinds", "person")
    dates = page.js("() => Array.from(new Set(window.dkg.data.edges.map(e => e.date)"
                    ".filter(Boolean))).sort()")  # fmt: skip
    page.js("""(i) => { const s = document.getElementById("dkg-date-from");
               s.value = String(i); s.dispatchEvent(new Event("input")); }""",
            dates.index("2023-04-02"))  # fmt: skip
    in_april = sum(1 for *_, d in graph.edges(data="date") if d and d >= "2023-04-02")
    undated = sum(1 for *_, d in graph.edges(data="date") if not d)
    assert page.counts()["edges"] == in_april + undated
    page.page.locator("#dkg-undated").click()
    assert page.counts()["edges"] == in_april
    assert page.page.locator("#dkg-date-label").inner_text() == "2023-04-02 – 2023-04-11"


def test_click_on_an_edge_shows_its_evidence(page):
    page.click_edge("https://w3id.org/diplomatic-kg/id/event/supports-1")
    text = page.panel()
    assert "Russia supports Syria" in text
    assert "Russia pledged continued support for Syria." in text
    assert "Last week Russia again backed Syria." in text
    assert "Putin meets Assad in the Kremlin · 2023-03-15 · https://example.org/news/d1" in text
    assert "2 document(s)" in text


def test_hostile_article_stays_text(page):
    page.click_edge("https://w3id.org/diplomatic-kg/id/event/criticizes-2")
    text = page.panel()
    assert "<img src=x onerror=alert(1)> <script>alert(1)</script> on Monday." in text
    assert "<script>alert(1)</script> Tehran hits back" in text and "javascript:alert(1)" in text
    page.click_node(A + "FRA")
    assert "France met Britain " + PWN in page.panel()
    assert page.js("() => document.querySelectorAll('#dkg-panel img, #dkg-panel script, "
                   "#dkg-panel a').length") == 0  # fmt: skip
    assert page.js("() => document.querySelectorAll('img').length") == 0


def test_node_click_search_and_colour_toggle(page):
    page.click_node(A + "SYR")
    assert page.panel().startswith("Syria")
    page.page.locator("#dkg-search").fill("united")
    selected = page.js("() => window.dkg.network.getSelectedNodes()"
                       ".map(i => window.dkg.data.nodes[i].label).sort()")  # fmt: skip
    assert selected == ["United Kingdom", "United States"]
    before = page.js("() => window.dkg.nodes.get(0).color")
    page.page.select_option("#dkg-color", "kind")
    kinds = page.js("() => window.dkg.data.palette.kind")
    node0 = page.js("() => window.dkg.data.nodes[0]")
    assert page.js("() => window.dkg.nodes.get(0).color") == kinds[node0["kind"]]
    assert before in page.js("() => window.dkg.data.palette.bloc")


def test_large_graph_opens_with_precomputed_positions(browser, tmp_path):
    G = nx.MultiDiGraph()
    rels = ["meets", "supports", "criticizes", "urges"]
    base = nx.gnm_random_graph(600, 1500, seed=4)
    for i, (u, v) in enumerate(base.edges()):
        G.add_edge(u, v, key=f"e{i}", relation=rels[i % 4], modality="asserted",
                   date=f"2023-0{1 + i % 9}-01", evidence=[{"sentence": f"event {i}"}])  # fmt: skip
    nx.set_node_attributes(G, "state", "kind")
    p = Page(browser, write_html(tmp_path / "big.html", to_html(G)))
    try:
        assert p.js("() => window.dkg.data.options.physics") is False
        c = p.counts()
        assert (c["nodes"], c["edges"]) == (G.number_of_nodes(), G.number_of_edges())
        p.assert_clean()
    finally:
        p.page.close()
