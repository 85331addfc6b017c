"""The explorer page in a real browser: Debian's chromium driven by Playwright.

On the sample graph (with one hostile article): what is drawn matches the graph, the
filters and the month window change what is visible, a click on an event shows its
evidence with a link to the article, an actor's panel groups its events by relation,
search completes names and says when nothing matches, ego networks, the PNG button, the
page logs no error, requests nothing from the network, its Content-Security-Policy
holds (and blocks a script that is not ours), and a hostile article's markup never runs.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
import rdflib
from conftest import Page

from kg.analysis.convert import to_nx
from kg.analysis.layout import overview
from kg.render.html import to_html, write_html

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent / "data" / "sample_graph.trig"
A = "https://w3id.org/diplomatic-kg/id/actor/"
E = "https://w3id.org/diplomatic-kg/id/event/"
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


def page_html(G: nx.MultiDiGraph, **kw) -> str:
    ov = overview(G, seed=0)
    return to_html(G, ranks=ov.ranks, blocs=ov.blocs, positions=ov.positions, **kw)


@pytest.fixture()
def page(browser, graph, tmp_path):
    p = Page(browser, write_html(tmp_path / "graph.html", page_html(graph, title="test")))
    yield p
    p.assert_clean()
    p.close()


def test_drawn_counts_match_the_graph(page, graph):
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    assert page.counts() == {"nodes": n, "edges": m, "drawnNodes": n, "drawnEdges": m}
    assert page.header() == f"{n} / {n} actors · {m} / {m} events · 2023-03 – 2023-04"
    assert page.js("() => window.dkg.network.body.data.edges.length") == m  # handed to vis-network


def test_filters_and_month_window_change_what_is_visible(page, graph):
    m = graph.number_of_edges()
    n_supports = sum(1 for *_, r in graph.edges(data="relation") if r == "supports")
    page.toggle("relations", "supports")
    assert page.counts()["drawnEdges"] == m - n_supports
    page.toggle("relations", "supports")
    page.toggle("modalities", "hypothetical")
    assert page.counts()["edges"] == m - 2
    page.toggle("modalities", "hypothetical")
    page.toggle("kinds", "person")  # Putin and Assad, and their meeting
    n = graph.number_of_nodes()
    assert page.counts() == {"nodes": n - 2, "edges": m - 1, "drawnNodes": n - 2, "drawnEdges": m - 1}
    page.toggle("kinds", "person")
    assert page.js("() => window.dkg.months") == ["2023-03", "2023-04"]
    page.set_range("from", 1)
    in_april = sum(1 for *_, d in graph.edges(data="date") if d and d >= "2023-04")
    undated = sum(1 for *_, d in graph.edges(data="date") if not d)
    assert page.counts()["edges"] == in_april + undated
    page.page.locator("#dkg-undated").click()
    assert page.counts()["edges"] == in_april
    assert page.page.locator("#dkg-window").inner_text() == "2023-04"
    assert page.header().endswith(f"{in_april} / {m} events · 2023-04")


def test_click_on_an_edge_shows_its_evidence_and_article_links(page):
    page.click_edge(E + "supports-1")
    text = page.panel()
    assert "Russia supports Syria" in text and "2 document(s)" in text
    assert "Russia pledged continued support for Syria." in text
    assert "Last week Russia again backed Syria." in text
    assert "Putin meets Assad in the Kremlin · 2023-03-15 · example.org" in text
    link = page.page.locator('#dkg-panel a[href="https://example.org/news/d1"]')
    assert link.count() == 1
    assert link.inner_text() == "Putin meets Assad in the Kremlin"
    assert link.get_attribute("rel") == "noopener noreferrer" and link.get_attribute("target") == "_blank"
    hrefs = page.js("() => Array.from(document.querySelectorAll('#dkg-panel a')).map(a => a.protocol)")
    assert hrefs and set(hrefs) <= {"http:", "https:"}


def test_hostile_article_stays_text(page):
    page.click_edge(E + "criticizes-2")
    text = page.panel()
    assert "<img src=x onerror=alert(1)> <script>alert(1)</script> on Monday." in text
    assert "<script>alert(1)</script> Tehran hits back" in text and "javascript:alert(1)" in text
    page.click_node(A + "FRA")
    assert "France met Britain " + PWN in page.panel()
    hrefs = page.js("() => Array.from(document.querySelectorAll('#dkg-panel a')).map(a => a.href)")
    assert not [h for h in hrefs if h.startswith("javascript:")]
    assert page.js("() => document.querySelectorAll('#dkg-panel img, #dkg-panel script').length") == 0
    assert page.js("() => document.querySelectorAll('img').length") == 0
    # the hover text of the hostile event is plain text too
    tip = page.js("""() => { const v = window.dkg.network.body.edges[window.dkg.data.edges.find(
        e => e.key === "pwn").id]; return v.options.title; }""")  # fmt: skip
    assert PWN in tip


def test_the_csp_blocks_a_script_that_is_not_ours(page):
    page.js("""() => { const s = document.createElement("script"); s.textContent = "window.__pwned = 4";
                document.body.appendChild(s); }""")  # fmt: skip
    page.page.wait_for_function("() => window.__csp.length > 0")
    assert page.js("() => window.__pwned") is None
    assert page.js("() => window.__csp")[0].startswith("script-src")
    assert len(page.errors) == 1 and "Content Security Policy" in page.errors[0]
    page.js("() => { window.__csp = []; }")
    page.errors.clear()


def test_an_actor_panel_groups_events_by_relation(page, graph):
    page.click_node(A + "RUS")
    text = page.panel()
    assert text.startswith("Russia\n")
    ov = overview(graph, seed=0)
    bloc = next(i for i, b in enumerate(ov.blocs) if A + "RUS" in b)
    assert f"bloc {bloc + 1} ({len(ov.blocs[bloc])} actors)" in text
    mine = [d["relation"] for u, v, d in graph.edges(data=True) if A + "RUS" in (u, v)]
    groups = page.js("""() => Array.from(document.querySelectorAll('#dkg-panel details'))
                          .map(d => [d.dataset.relation, d.querySelectorAll('h3').length])""")  # fmt: skip
    assert dict(groups) == {r: mine.count(r) for r in set(mine)}
    order = page.js("() => window.dkg.relations")
    assert [g for g, _ in groups] == [r for r in order if r in mine]  # the ontology's order
    assert "→ Syria (asserted, 2023-03-15)" in text


def test_search_completes_names_and_says_when_nothing_matches(page):
    box = page.page.locator("#dkg-search")
    box.press_sequentially("unit")
    labels = page.page.locator("#dkg-suggest li span:first-child").all_inner_texts()
    assert sorted(labels) == ["United Kingdom", "United States"]
    selected = page.js(
        "() => window.dkg.network.getSelectedNodes().map(i => window.dkg.byId.get(i).label).sort()"
    )
    assert selected == ["United Kingdom", "United States"]
    box.press("ArrowDown")
    box.press("Enter")
    assert page.panel().split("\n")[0] == labels[0]
    assert box.input_value() == labels[0] and page.page.locator("#dkg-suggest").is_hidden()
    box.fill("")
    box.press_sequentially("narnia")
    assert page.page.locator("#dkg-search-msg").inner_text() == "No actor matches “narnia”"
    assert page.page.locator("#dkg-suggest").is_hidden()
    box.fill("")
    box.press_sequentially("kingdom")  # one match: the view goes to it
    assert page.js("() => window.dkg.network.getSelectedNodes().map(i => window.dkg.byId.get(i).label)") == [
        "United Kingdom"
    ]
    assert page.js("() => window.dkg.network.getScale()") >= 1.2
    assert page.page.locator("#dkg-search-msg").inner_text() == ""


def test_ego_networks_of_one_and_two_hops(page, graph):
    U = nx.Graph(graph)
    page.click_node(A + "SYR")
    page.page.locator('#dkg-panel button[data-ego="1"]').click()
    one = set(nx.ego_graph(U, A + "SYR", radius=1))
    shown = set(page.js("() => window.dkg.data.nodes.filter(n => n._on).map(n => n.iri)"))
    assert shown == one
    assert (
        page.page.locator("#dkg-ego-label")
        .inner_text()
        .startswith(f"Ego network of Syria: 1 hop, {len(one)} actors")
    )
    edges = {k for u, v, k in graph.edges(keys=True) if u in one and v in one}
    assert set(page.js("() => window.dkg.data.edges.filter(e => e._on).map(e => e.key)")) == edges
    page.page.locator('#dkg-panel button[data-ego="2"]').click()
    two = set(nx.ego_graph(U, A + "SYR", radius=2))
    assert set(page.js("() => window.dkg.data.nodes.filter(n => n._on).map(n => n.iri)")) == two
    page.page.locator("#dkg-ego-clear").click()
    assert page.counts()["nodes"] == graph.number_of_nodes()
    assert page.page.locator("#dkg-ego").is_hidden()


def test_colour_toggle_uses_the_kind_palette(page):
    kinds, blocs = page.js("() => [window.dkg.data.meta.palette.kind, window.dkg.data.meta.palette.bloc]")
    before = {n["id"]: n["color"] for n in page.js("() => window.dkg.nodes.get()")}
    page.page.select_option("#dkg-color", "kind")
    after = page.js("() => window.dkg.nodes.get().map(n => [n.id, n.color])")
    data = {n["id"]: n for n in page.js("() => window.dkg.data.nodes")}
    assert all(c == kinds[data[i]["kind"]] for i, c in after)
    assert set(before.values()) <= {*blocs, page.js("() => window.dkg.data.meta.palette.other")}
    assert before == {i: n["color"] for i, n in data.items()}  # the page colours as to_pyvis did
    assert "Actors: colour and shape = kind" in page.page.locator("#dkg-legend").inner_text()


def test_png_of_the_view(page, tmp_path):
    with page.page.expect_download() as info:
        page.page.locator("#dkg-png").click()
    path = tmp_path / "view.png"
    info.value.save_as(path)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    canvas = page.js(
        "() => { const c = document.querySelector('#dkg-network canvas'); return [c.width, c.height]; }"
    )
    assert width == canvas[0] and height > canvas[1]  # the view, under a band with the title
    assert info.value.suggested_filename == "test.png"


def synthetic(n_nodes: int, n_edges: int, seed: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    rels = ["meets", "supports", "criticizes", "urges"]
    base = nx.gnm_random_graph(n_nodes, n_edges, seed=seed)
    for i, (u, v) in enumerate(base.edges()):
        G.add_edge(u, v, key=f"e{i}", relation=rels[i % 4], modality="asserted",
                   date=f"2023-0{1 + i % 9}-01", evidence=[{"sentence": f"event {i}"}])  # fmt: skip
    nx.set_node_attributes(G, "state", "kind")
    return G


@pytest.mark.parametrize(("n_nodes", "n_edges"), [(600, 1500), (1500, 6000)])
def test_large_graphs_open_with_positions_and_batched_drawing(browser, tmp_path, n_nodes, n_edges):
    """Above 300 actors: positions from the analysis, no physics; above 1,500 edges in
    view they are drawn one path per style; above 4,000 events vis-network gets the edges
    after the first frame, and then a click on an edge shows it."""
    G = synthetic(n_nodes, n_edges, seed=4)
    p = Page(browser, write_html(tmp_path / "big.html", page_html(G)))
    try:
        assert p.js("() => window.dkg.data.meta.options.physics") is False
        c = p.counts()
        assert (c["nodes"], c["edges"]) == (G.number_of_nodes(), G.number_of_edges())
        assert c["drawnEdges"] == G.number_of_edges()
        assert p.js("() => window.dkg.draw.mode") == ("batched" if n_edges > 1500 else "native")
        p.js("() => window.dkg.network.moveTo({scale: 3})")  # zoomed in: few edges in view, vis draws them
        p.page.wait_for_function("() => window.dkg.draw.mode === 'native'")
        p.js("""() => { const d = window.dkg, e = d.data.edges.find(x => x.key === "e7");
                 const a = d.network.getPositions([e.from, e.to]);
                 const mid = {x: (a[e.from].x + a[e.to].x) / 2, y: (a[e.from].y + a[e.to].y) / 2};
                 d.network.moveTo({position: mid, scale: 1.5}); }""")  # fmt: skip
        p.click_edge("e7")
        assert "event 7" in p.panel()
        p.assert_clean()
    finally:
        p.close()


@pytest.mark.parametrize("case", ["empty", "no events"])
def test_degenerate_graphs_open_cleanly(browser, tmp_path, case):
    G = nx.MultiDiGraph()
    if case == "no events":
        G.add_node("a", label="A", kind="state")
        G.add_node("b", label="B", kind="person")
    p = Page(browser, write_html(tmp_path / "g.html", page_html(G)))
    try:
        assert p.header() == f"0 / {G.number_of_nodes()} actors · 0 / 0 events · no dated events"
        timeline = "() => [document.getElementById('dkg-play').disabled, window.dkg.months.length]"
        assert p.js(timeline) == [True, 0]
        if case == "no events":
            p.page.locator("#dkg-isolated").click()
            assert p.counts()["drawnNodes"] == 2
        p.assert_clean()
    finally:
        p.close()
