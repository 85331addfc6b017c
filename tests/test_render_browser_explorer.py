"""The explorer on a real build of 100+ actors (the corpus slice of notebooks/data), in
Debian's chromium at 1366×768, as a new user opens it: labels sized by PageRank with the
small ones hidden until one zooms in, the first view on the main component, the legend
in view, kind and bloc colours apart, the timeline and its play button, search on real
names, ego networks, evidence with links, and `kg viz` on the same build."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
import rdflib
from conftest import Page
from typer.testing import CliRunner

from kg.analysis.convert import to_nx
from kg.cli import app

pytestmark = pytest.mark.browser

#: Every text a redraw writes on the canvas (the node labels), counted once.
COUNT_LABELS = """() => {
  const d = window.dkg, ctx = d.network.canvas.frame.canvas.getContext("2d"), seen = new Set();
  const fill = ctx.fillText;
  ctx.fillText = function (t, ...rest) { seen.add(String(t)); return fill.call(this, t, ...rest); };
  try { d.network.redraw(); } finally { ctx.fillText = fill; }
  return d.data.nodes.filter((n) => seen.has(n.label)).map((n) => n.id);
}"""
IN_VIEW = """() => {
  const d = window.dkg, box = document.getElementById("dkg-network").getBoundingClientRect();
  const pos = d.network.getPositions();
  return d.data.nodes.filter((n) => n._on).filter((n) => {
    const p = d.network.canvasToDOM(pos[n.id]);
    return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height; }).map((n) => n.id);
}"""


@pytest.fixture(scope="module")
def graph(slice_build) -> nx.MultiDiGraph:
    ds = rdflib.Dataset()
    ds.parse(slice_build / "graph.trig", format="trig")
    return to_nx(ds)


@pytest.fixture()
def page(browser, slice_build):
    p = Page(browser, slice_build / "graph.html", viewport=(1366, 768))
    yield p
    p.assert_clean()
    p.close()


def test_the_build_has_more_than_100_actors(page, graph):
    assert graph.number_of_nodes() > 100
    assert len(page.js("() => window.dkg.data.nodes")) == graph.number_of_nodes()


def test_legend_timeline_and_controls_are_in_view_at_1366x768(page):
    for sel in ("#dkg-legend", "#dkg-timeline", "#dkg-play", "#dkg-search", "#dkg-png", "#dkg-counts"):
        b = page.page.locator(sel).bounding_box()
        assert b is not None and b["x"] >= 0 and b["y"] >= 0, sel
        assert b["x"] + b["width"] <= 1366 and b["y"] + b["height"] <= 768, (sel, b)
    legend = page.page.locator("#dkg-legend").inner_text()
    assert "Actors: colour = bloc" in legend and "Shape = kind" in legend and "not claimed" in legend


def test_labels_follow_pagerank_and_small_ones_wait_for_zoom(page):
    nodes = {n["id"]: n for n in page.js("() => window.dkg.data.nodes")}
    fonts = page.js("() => Object.fromEntries(window.dkg.data.nodes.map(n => [n.id,"
                    " window.dkg.network.body.nodes[n.id].options.font.size]))")  # fmt: skip
    by_rank = sorted(nodes, key=lambda i: nodes[i]["rank"])
    assert fonts[str(by_rank[-1])] > fonts[str(by_rank[0])]
    for a, b in itertools.pairwise(by_rank):  # never smaller for a higher rank
        assert fonts[str(b)] >= fonts[str(a)]
    drawn, in_view = set(page.js(COUNT_LABELS)), set(page.js(IN_VIEW))
    hidden = in_view - drawn
    assert 5 <= len(drawn) < len(in_view) / 2, (len(drawn), len(in_view))
    assert min(nodes[i]["value"] for i in drawn) >= max(nodes[i]["value"] for i in hidden)
    page.js("() => window.dkg.network.moveTo({scale: window.dkg.network.getScale() * 4})")
    zoomed = set(page.js(COUNT_LABELS))
    assert zoomed - drawn, "zooming in shows labels that were hidden"


def test_first_view_fits_the_main_component(page, graph):
    main = max(nx.connected_components(nx.Graph(graph)), key=len)
    iri = {n["id"]: n["iri"] for n in page.js("() => window.dkg.data.nodes")}
    in_view = {iri[i] for i in page.js(IN_VIEW)}
    assert main <= in_view
    assert {iri[i] for i in page.js("() => window.dkg.mainComponent()")} == main


def test_kind_and_bloc_colours_do_not_mix(page, graph):
    pal = page.js("() => window.dkg.data.meta.palette")
    colours = page.js("() => window.dkg.nodes.get().map(n => n.color)")
    assert set(colours) <= {*pal["bloc"], pal["other"]}
    swatches = page.js("""() => Array.from(document.querySelectorAll('#dkg-kinds .dkg-swatch'))
                          .map(s => getComputedStyle(s).backgroundColor)""")  # fmt: skip
    kinds = page.js("() => window.dkg.kinds")
    assert swatches == [_rgb(pal["kind"][k]) for k in kinds]
    assert not {*pal["kind"].values()} & set(colours)
    page.page.select_option("#dkg-color", "kind")
    assert set(page.js("() => window.dkg.nodes.get().map(n => n.color)")) <= set(pal["kind"].values())


def test_timeline_plays_the_months(page, graph):
    months = page.js("() => window.dkg.months")
    dated = sorted({str(d)[:7] for *_, d in graph.edges(data="date") if d and len(str(d)) >= 7})
    assert months[0] == dated[0] and months[-1] == dated[-1] and set(dated) <= set(months)
    assert page.page.locator("#dkg-hist div").count() == len(months)
    page.page.locator("#dkg-undated").click()  # count dated events only
    page.page.locator("#dkg-play").click()
    assert page.js("() => window.dkg.playing()") is True
    assert page.page.locator("#dkg-play").get_attribute("aria-label") == "Pause"
    assert page.page.locator("#dkg-window").inner_text() == months[0]
    page.page.wait_for_function("() => window.dkg.state.from >= 1", timeout=10_000)
    page.page.locator("#dkg-play").click()  # pause
    assert page.js("() => window.dkg.playing()") is False
    m = page.js("() => window.dkg.months[window.dkg.state.from]")
    assert page.js("() => window.dkg.state.to") == page.js("() => window.dkg.state.from")
    events = [k for u, v, k, d in graph.edges(keys=True, data=True) if str(d.get("date") or "")[:7] == m]
    actors = {x for u, v, k, d in graph.edges(keys=True, data=True) if str(d.get("date") or "")[:7] == m
              for x in (u, v)}  # fmt: skip
    n, e = graph.number_of_nodes(), graph.number_of_edges()
    assert page.header() == f"{len(actors)} / {n} actors · {len(events)} / {e} events · {m}"
    assert page.page.locator("#dkg-hist div.dkg-in").count() == 1


def test_search_on_real_names(page, graph):
    top = max(graph, key=lambda n: graph.degree(n))
    label = graph.nodes[top]["label"]
    box = page.page.locator("#dkg-search")
    box.press_sequentially(label[:4].lower())
    suggestions = page.page.locator("#dkg-suggest li span:first-child").all_inner_texts()
    assert label in suggestions and len(suggestions) <= 10
    page.page.locator("#dkg-suggest li", has_text=label).first.dispatch_event("mousedown")
    assert page.panel().startswith(label + "\n")
    box.fill("")
    box.press_sequentially("qqqx")
    assert page.page.locator("#dkg-search-msg").inner_text() == "No actor matches “qqqx”"


def test_ego_network_of_a_central_actor(page, graph):
    U = nx.Graph(graph)
    top = max(graph, key=lambda n: graph.degree(n))
    page.click_node(top)
    page.page.locator('#dkg-panel button[data-ego="1"]').click()
    shown = set(page.js("() => window.dkg.data.nodes.filter(n => n._on).map(n => n.iri)"))
    assert shown == set(nx.ego_graph(U, top, radius=1))
    page.page.locator('#dkg-panel button[data-ego="2"]').click()
    shown = set(page.js("() => window.dkg.data.nodes.filter(n => n._on).map(n => n.iri)"))
    assert shown == set(nx.ego_graph(U, top, radius=2))
    page.page.locator("#dkg-ego-clear").click()


def test_an_event_links_to_its_article(page, graph):
    https = [k for u, v, k, d in graph.edges(keys=True, data=True) if u != v
             and any(str(x.get("url", "")).startswith("https://") for x in d["evidence"])]  # fmt: skip
    key = sorted(https)[0]
    page.js("""(key) => { const d = window.dkg, e = d.data.edges.find(x => x.key === key);
             const a = d.network.getPositions([e.from, e.to]);
             const mid = {x: (a[e.from].x + a[e.to].x) / 2, y: (a[e.from].y + a[e.to].y) / 2};
             d.network.moveTo({position: mid, scale: 2}); }""", key)  # fmt: skip
    page.click_edge(key)
    ev = graph.edges[next((u, v, k) for u, v, k in graph.edges(keys=True) if k == key)]["evidence"]
    links = page.js("""() => Array.from(document.querySelectorAll('#dkg-panel a'))
                       .map(a => [a.href, a.rel, a.textContent])""")  # fmt: skip
    urls = {x["url"] for x in ev if x.get("url")}
    assert {h for h, _, _ in links} == urls
    assert all(rel == "noopener noreferrer" for _, rel, _ in links)
    text = page.panel()
    for x in ev:
        assert x["sentence"] in text and (x.get("date") or "") in text


def test_kg_viz_writes_the_same_explorer(browser, slice_build, tmp_path):
    out = tmp_path / "feb.html"
    res = CliRunner().invoke(app, ["viz", str(slice_build / "graph.trig"), "-o", str(out), "--color", "kind",
                                   "--from", "2022-02-15", "--title", "February"])  # fmt: skip
    assert res.exit_code == 0, res.output
    ds = rdflib.Dataset()
    ds.parse(slice_build / "graph.trig", format="trig")
    G = to_nx(ds, start="2022-02-15")
    p = Page(browser, out, viewport=(1366, 768))
    try:
        assert p.js("() => window.dkg.counts().edges") == G.number_of_edges()
        assert p.js("() => window.dkg.state.color") == "kind"
        assert p.page.title() == "February"
        p.assert_clean()
    finally:
        p.close()


def _rgb(hex_color: str) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"
