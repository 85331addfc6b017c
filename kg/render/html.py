"""The offline explorer: one self-contained HTML page drawing an event multigraph
with vis-network.

Why not pyvis: ``Network.generate_html()`` with ``cdn_resources="in_line"`` inlines
vis-network but its template still links Bootstrap and tom-select from a CDN
(WestHealth/pyvis#228, #229), and it puts node titles in the page as HTML. So the page is
built from our own Jinja template (``templates/graph.html.j2``) with the vis-network
files pyvis ships, vendored under ``templates/vendor/``. The graph goes into the page
as JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and ``&``
written as ``\\u003c``, ``\\u003e`` and ``\\u0026``, and the page script renders every
article text with ``textContent``: no text from an article can become markup.

Small graphs are laid out in the browser by vis-network's physics (seeded); above
``layout_threshold`` actors the positions are computed here (blocs as discs placed on
a spiral, central actors in the middle of their bloc) and physics is off, so 5,000
actors and 20,000 events open in a few seconds.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> _ = G.add_edge("A", "B", key="e1", relation="meets", modality="asserted",
...                evidence=[{"sentence": "A met B <script>alert(1)</script>"}])
>>> page = to_html(G, title="A & B")
>>> "<script>alert(1)" in page, "A &amp; B" in page
(False, True)
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

# PALETTE (the colours of relations, kinds and blocs) is a module attribute too,
# with the relation colours read from the ontology (__getattr__ below)
__all__ = ["palette", "to_html", "write_html"]

#: Colours of actor kinds and blocs (blocs cycle through ``bloc``); relations take
#: theirs from the ontology (``dkg:displayColor``, :func:`kg.vocab.relation_colors`).
_COLORS: dict[str, Any] = {
    "kind": {
        "state": "#4e79a7",
        "person": "#f28e2b",
        "organization": "#59a14f",
        "group": "#e15759",
        "collective": "#b07aa1",
        "unknown": "#bab0ac",
    },
    "bloc": [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6", "#d37295", "#8cd17d",
    ],
    "other": "#bab0ac",
}  # fmt: skip


def palette() -> dict[str, Any]:
    """The colours of the page: ``relation`` (from the ontology), ``kind``, ``bloc``
    (cycled) and ``other`` (a relation without a colour).

    >>> p = palette()
    >>> p["relation"]["meets"], p["kind"]["state"], p["other"]
    ('#1f77b4', '#4e79a7', '#bab0ac')
    """
    from kg.vocab import relation_colors

    return {"relation": relation_colors(), **_COLORS}


def to_html(
    G: nx.MultiDiGraph,
    *,
    ranks: Mapping[Hashable, float] | None = None,
    blocs: Sequence[Iterable[Hashable]] | None = None,
    title: str = "diplomatic-kg",
    seed: int = 0,
    physics: bool | None = None,
    color: str = "bloc",
    layout_threshold: int = 300,
) -> str:
    """One self-contained, offline HTML page exploring ``G``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        An event multigraph from :func:`kg.analysis.convert.to_nx` (edge attributes
        ``relation``, ``modality``, ``date``, ``evidence``, …). Not modified.
    ranks : mapping, optional
        The PageRank of each actor (its size, and its place in the layout of large
        graphs). Default: :func:`kg.analysis.centrality.pagerank` of ``G``.
    blocs : sequence of node collections, optional
        The blocs the actors are coloured and laid out by. Default:
        :func:`kg.analysis.alliances.blocs` of :func:`kg.analysis.convert.signed_graph`
        of ``G``, seeded with ``seed``. Callers that computed them already (the build
        report does) pass them in.
    title : str, default "diplomatic-kg"
        The page title (escaped).
    seed : int, default 0
        Seed of the blocs and of the layout (vis-network ``layout.randomSeed``).
    physics : bool, optional
        Lay the graph out in the browser. Default: on up to ``layout_threshold``
        actors, off (positions computed here) above.
    color : {"bloc", "kind"}, default "bloc"
        The initial node colouring; the page has a toggle.
    layout_threshold : int, default 300

    Returns
    -------
    str
        The page. No ``src``/``href`` points to the network; the vis-network library
        is inlined.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("A", "B"), ("B", "C")])
    >>> page = to_html(G, physics=False)
    >>> import re
    >>> page.startswith("<!DOCTYPE html>"), re.search(r"(src|href)=.?https?:", page)
    (True, None)
    """
    from jinja2 import Environment

    if color not in ("bloc", "kind"):
        raise ValueError(f"color must be 'bloc' or 'kind', not {color!r}")
    use_physics = G.number_of_nodes() <= layout_threshold if physics is None else physics
    if ranks is None:
        from kg.analysis.centrality import pagerank

        ranks = pagerank(G)
    if blocs is None:
        from kg.analysis.alliances import blocs as find_blocs
        from kg.analysis.convert import signed_graph

        blocs = find_blocs(signed_graph(G), seed=seed)
    bl = [list(b) for b in blocs]
    data = _page_data(G, dict(ranks), bl, seed=seed, physics=use_physics, color=color)
    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_asset("graph.html.j2"))
    return template.render(
        title=title,
        vis_css=_asset("vendor/vis-network.css"),
        vis_js=_vendored_js(),
        app_css=_asset("explorer.css"),
        app_js=_asset("explorer.js"),
        data_json=_script_json(data),
    )


def write_html(path: str | Path, html: str) -> Path:
    """Write a page made by :func:`to_html` (UTF-8), creating parent folders.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_html(Path(d) / "out" / "g.html", to_html(nx.MultiDiGraph()))
    ...     p.name, p.stat().st_size > 100_000
    ('g.html', True)
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(html, encoding="utf-8")
    return p


def _page_data(
    G: nx.MultiDiGraph,
    rank: dict[Hashable, float],
    bl: list[list[Hashable]],
    *,
    seed: int,
    physics: bool,
    color: str,
) -> dict[str, Any]:
    from kg.records import Modality
    from kg.vocab import claim_modalities, symmetric_relations

    nodes = sorted(G, key=str)
    index = {n: i for i, n in enumerate(nodes)}
    member = {n: i for i, b in enumerate(bl) for n in b}
    top = max(rank.values(), default=1.0) or 1.0
    pos = {} if physics else _layout(G, bl, rank, seed=seed)
    out_nodes = []
    for n in nodes:
        d = G.nodes[n]
        item = {
            "id": index[n],
            "iri": str(n),
            "label": str(d.get("label") or n),
            "kind": d.get("kind") or "unknown",
            "country": d.get("country"),
            "wikidata": d.get("wikidata"),
            "bloc": member.get(n, 0),
            "rank": round(rank.get(n, 0.0), 6),
            "size": round(8 + 30 * math.sqrt(rank.get(n, 0.0) / top), 2),
        }
        if n in pos:
            item["x"], item["y"] = pos[n]
        out_nodes.append(item)
    pair_count: dict[tuple[int, int], int] = defaultdict(int)
    out_edges = []
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for i, (u, v, k, d) in enumerate(edges):
        a, b = index[u], index[v]
        pair = (min(a, b), max(a, b))
        nth = pair_count[pair]
        pair_count[pair] += 1
        out_edges.append(
            {
                "id": i,
                "from": a,
                "to": b,
                "key": str(k),
                "relation": d.get("relation") or "unknown",
                "modality": d.get("modality") or Modality.ASSERTED.value,
                "date": d.get("date"),
                "granularity": d.get("granularity"),
                "corroboration": d.get("corroboration") or len(d.get("sources") or []),
                "confidence": d.get("confidence"),
                "nth": nth,
                "evidence": [_evidence(x) for x in d.get("evidence") or []],
            }
        )
    return {
        "nodes": out_nodes,
        "edges": out_edges,
        "blocs": len(bl),
        "palette": palette(),
        "undirected": sorted(symmetric_relations()),
        "claims": list(claim_modalities()),
        "options": {"physics": physics, "seed": seed, "color": color},
    }


def _evidence(x: dict[str, Any]) -> dict[str, Any]:
    keys = ("sentence", "title", "date", "url", "doc", "id", "start", "end", "confidence")
    return {k: x.get(k) for k in keys if x.get(k) is not None}


def _layout(
    G: nx.MultiDiGraph, bl: list[list[Hashable]], rank: dict[Hashable, float], *, seed: int
) -> dict[Hashable, tuple[float, float]]:
    """Blocs as discs on a sunflower spiral, biggest in the middle; inside a bloc,
    actors on a sunflower spiral by decreasing PageRank. Linear time, deterministic;
    ``seed`` turns the whole picture."""
    golden = math.pi * (3 - math.sqrt(5))
    step = 40.0  # distance between neighbouring actors
    turn = (seed % 360) * math.pi / 180
    pos: dict[Hashable, tuple[float, float]] = {}
    area = 0.0
    for k, bloc in enumerate(bl):
        radius = step * math.sqrt(len(bloc)) + step
        area += (2 * radius) ** 2
        dist = 0.0 if k == 0 else math.sqrt(area / math.pi) + radius
        cx, cy = dist * math.cos(k * golden + turn), dist * math.sin(k * golden + turn)
        members = sorted(bloc, key=lambda n: (-rank.get(n, 0.0), str(n)))
        for j, n in enumerate(members):
            r = step * math.sqrt(j)
            pos[n] = (round(cx + r * math.cos(j * golden), 1), round(cy + r * math.sin(j * golden), 1))
    return pos


def _script_json(data: Any) -> str:
    """JSON that cannot close its ``<script>`` element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@cache
def _asset(name: str) -> str:
    from importlib.resources import files

    node = files("kg.render") / "templates"
    for part in name.split("/"):
        node = node / part
    return node.read_text(encoding="utf-8")


@cache
def _vendored_js() -> str:
    js = _asset("vendor/vis-network.min.js")
    # split on "\n" only: str.splitlines() would also cut at the U+2028 etc. in the code
    js = "\n".join(ln for ln in js.split("\n") if not ln.startswith("//# sourceMappingURL"))
    if "</script" in js.lower():  # would end the inline script early
        raise ValueError("vendored vis-network.min.js contains '</script'")
    return js


def __getattr__(name: str) -> Any:
    # PALETTE: the colours of the page (see palette()); kept for code that imported it
    if name == "PALETTE":
        return palette()
    raise AttributeError(f"module 'kg.render.html' has no attribute {name!r}")
