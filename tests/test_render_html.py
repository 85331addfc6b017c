"""kg.render.html: a self-contained page, nothing loaded from the network, every inline
script and style allowed by its hash (no 'unsafe-inline', no 'unsafe-eval'), article
text never turned into markup."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from kg.analysis.convert import to_nx
from kg.analysis.layout import overview
from kg.render.html import to_html, to_iframe, write_html

DATA = Path(__file__).parent / "data" / "sample_graph.trig"
HOSTILE = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>")
DATA_BLOCKS = ["dkg-nodes", "dkg-edges", "dkg-options", "dkg-meta"]

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


def page_of(G: nx.MultiDiGraph, **kw) -> str:
    ov = overview(G, seed=kw.pop("seed", 0))
    return to_html(G, ranks=ov.ranks, blocs=ov.blocs, positions=ov.positions, **kw)


@pytest.fixture(scope="module")
def page(graph) -> str:
    return page_of(graph, title="Sample <b>graph</b>")


class Tags(HTMLParser):
    """The elements a browser would build, and the text of each script and style."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.raw: list[tuple[str, dict, str]] = []
        self._open: tuple[str, dict] | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))
            self.raw.append((tag, dict(attrs), ""))

    def handle_data(self, data):
        if self._open is not None:
            tag, attrs, text = self.raw[-1]
            self.raw[-1] = (tag, attrs, text + data)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._open = None


def embedded(page: str, block: str) -> object:
    m = re.search(rf'<script type="application/json" id="{block}">(.*?)</script>', page, re.S)
    assert m is not None
    return json.loads(m.group(1))


def csp(page: str) -> dict[str, list[str]]:
    meta = [a for t, a in Tags(page).tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(meta) == 1
    return {d.split()[0]: d.split()[1:] for d in meta[0]["content"].split(";") if d.strip()}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_no_external_url_is_loaded(page):
    for pattern in EXTERNAL:
        assert pattern.search(page) is None, pattern.pattern
    assert "cdnjs" not in page and "bootstrap" not in page.lower() and "tom-select" not in page


def test_everything_is_inline(page):
    tags = Tags(page).tags
    scripts = [a for t, a in tags if t == "script"]
    assert scripts[:4] == [{"type": "application/json", "id": b} for b in DATA_BLOCKS]
    assert scripts[4:] == [{}] * 4  # vis-network, panel.js, timeline.js, explorer.js
    assert not [t for t, a in tags if "src" in a or "href" in a or "style" in a]
    assert "vis.Network" in page and ".vis-network" in page


def test_csp_allows_exactly_the_inline_scripts_and_styles(page):
    policy = csp(page)
    assert policy["default-src"] == ["'none'"]
    assert "'unsafe-inline'" not in page and "'unsafe-eval'" not in page
    raw = Tags(page).raw
    code = [text for tag, attrs, text in raw if tag == "script" and not attrs]
    styles = [text for tag, _, text in raw if tag == "style"]
    assert sorted(policy["script-src"]) == sorted(sha256(t) for t in code)
    assert sorted(policy["style-src"]) == sorted(sha256(t) for t in styles)
    assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'none'"]


def test_article_text_is_escaped(page):
    for payload in HOSTILE:
        assert payload not in page
    tags = Tags(page).tags
    assert "img" not in {t for t, _ in tags}
    assert [t for t, _ in tags].count("script") == 8
    assert not [a for _, a in tags if any(k.startswith("on") for k in a)]
    assert "<title>Sample &lt;b&gt;graph&lt;/b&gt;</title>" in page


def test_embedded_data_round_trips(page, graph):
    nodes, edges = embedded(page, "dkg-nodes"), embedded(page, "dkg-edges")
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    sentences = [x["sentence"] for e in edges for x in e["evidence"]]
    assert [s for s in sentences if "onerror" in s] == [
        "Iran denounced the United States <img src=x onerror=alert(1)> <script>alert(1)</script> on Monday."
    ]
    titles = {x.get("title") for e in edges for x in e["evidence"]}
    assert "<script>alert(1)</script> Tehran hits back <img src=x onerror=alert(1)>" in titles
    meta = embedded(page, "dkg-meta")
    assert set(meta) >= {"palette", "blocs", "claims", "modalities", "options"}
    assert embedded(page, "dkg-options")["nodes"]["scaling"]["label"]["enabled"] is True


def test_script_json_cannot_break_out():
    G = nx.MultiDiGraph()
    G.add_node("a", label="</script><!-- \u2028 & <b>")
    page = page_of(G)
    body = page.split('id="dkg-nodes">', 1)[1].split("</script>", 1)[0]
    assert "<" not in body and ">" not in body and "&" not in body and "\u2028" not in body
    assert embedded(page, "dkg-nodes")[0]["label"] == "</script><!-- \u2028 & <b>"


def test_large_graphs_get_positions_and_no_physics():
    G = nx.MultiDiGraph(nx.gnm_random_graph(400, 800, seed=1))
    page = page_of(G, seed=2)
    nodes = embedded(page, "dkg-nodes")
    assert embedded(page, "dkg-options")["physics"]["enabled"] is False
    assert embedded(page, "dkg-meta")["options"]["big"] is True
    assert len({(n["x"], n["y"]) for n in nodes}) == 400
    assert embedded(page_of(G, seed=2), "dkg-nodes") == nodes  # deterministic


def test_write_html_and_iframe(tmp_path, page):
    p = write_html(tmp_path / "sub" / "graph.html", page)
    assert p.read_text(encoding="utf-8") == page
    frame = to_iframe(page)
    assert frame.startswith('<div class="dkg-explorer"><iframe sandbox="allow-scripts allow-downloads" ')
    assert ' srcdoc="&lt;!DOCTYPE html&gt;' in frame
    assert "<script" not in frame and "&lt;script" in frame
