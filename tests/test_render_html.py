"""kg.render.html: a self-contained page, nothing loaded from the network, article text
never turned into markup."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from kg.analysis.convert import to_nx
from kg.render.html import to_html, write_html

DATA = Path(__file__).parent / "data" / "sample_graph.trig"
HOSTILE = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>")

#: Anything that would make the browser fetch a resource from a network location.
EXTERNAL = [
    re.compile(r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"""url\(\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"""@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"<link\b", re.I),
]


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    ds = rdflib.Dataset()
    ds.parse(DATA, format="trig")
    return to_nx(ds)


@pytest.fixture(scope="module")
def page(graph) -> str:
    return to_html(graph, title="Sample <b>graph</b>")


class Tags(HTMLParser):
    """The elements a browser would build (script and style content is raw text)."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def embedded(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="dkg-data">(.*?)</script>', page, re.S)
    assert m is not None
    return json.loads(m.group(1))


def test_no_external_url_is_loaded(page):
    for pattern in EXTERNAL:
        assert pattern.search(page) is None, pattern.pattern
    assert "cdnjs" not in page and "bootstrap" not in page.lower()


def test_everything_is_inline(page):
    tags = Tags(page).tags
    scripts = [a for t, a in tags if t == "script"]
    assert scripts == [{"type": "application/json", "id": "dkg-data"}, {}, {}]
    assert not [t for t, a in tags if "src" in a or "href" in a]
    assert "vis.Network" in page and ".vis-network" in page


def test_article_text_is_escaped(page):
    for payload in HOSTILE:
        assert payload not in page
    tags = Tags(page).tags
    assert "img" not in {t for t, _ in tags}
    assert [t for t, _ in tags].count("script") == 3
    assert not [a for _, a in tags if any(k.startswith("on") for k in a)]
    assert "javascript:alert(1)" not in re.findall(r'href="([^"]*)"', page)
    assert "<title>Sample &lt;b&gt;graph&lt;/b&gt;</title>" in page


def test_embedded_json_round_trips(page, graph):
    data = embedded(page)
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    sentences = [x["sentence"] for e in data["edges"] for x in e["evidence"]]
    hostile = [s for s in sentences if "onerror" in s]
    assert hostile == [
        "Iran denounced the United States <img src=x onerror=alert(1)> <script>alert(1)</script> on Monday."
    ]
    titles = {x.get("title") for e in data["edges"] for x in e["evidence"]}
    assert "<script>alert(1)</script> Tehran hits back <img src=x onerror=alert(1)>" in titles


def test_script_json_cannot_break_out():
    G = nx.MultiDiGraph()
    G.add_node("a", label="</script><!-- \u2028 & <b>")
    page = to_html(G)
    body = page.split('id="dkg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and ">" not in body and "&" not in body and "\u2028" not in body
    assert embedded(page)["nodes"][0]["label"] == "</script><!-- \u2028 & <b>"


def test_small_graphs_use_physics_large_ones_positions():
    small = embedded(to_html(nx.MultiDiGraph(nx.path_graph(5))))
    assert small["options"]["physics"] is True
    assert all("x" not in n for n in small["nodes"])
    G = nx.MultiDiGraph(nx.gnm_random_graph(400, 800, seed=1))
    big = embedded(to_html(G, seed=2))
    assert big["options"]["physics"] is False
    xy = [(n["x"], n["y"]) for n in big["nodes"]]
    assert len(set(xy)) == 400  # every actor has its own place
    assert embedded(to_html(G, seed=2))["nodes"] == big["nodes"]  # deterministic


def test_parallel_edges_are_kept_and_numbered():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="e1", relation="meets")
    G.add_edge("b", "a", key="e2", relation="urges")
    G.add_edge("a", "b", key="e3", relation="supports", modality="hypothetical")
    edges = embedded(to_html(G))["edges"]
    assert [(e["key"], e["nth"]) for e in edges] == [("e1", 0), ("e3", 1), ("e2", 2)]
    assert G.number_of_edges() == 3 and "nth" not in G.edges["a", "b", "e1"]


def test_colour_choice_is_checked(graph):
    assert embedded(to_html(graph, color="kind"))["options"]["color"] == "kind"
    with pytest.raises(ValueError, match="color"):
        to_html(graph, color="rainbow")


def test_write_html(tmp_path, page):
    p = write_html(tmp_path / "sub" / "graph.html", page)
    assert p.read_text(encoding="utf-8") == page
