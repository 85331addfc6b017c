"""An event multigraph as a ``pyvis.network.Network``: the object pyvis users know, with
our offline template attached so that ``net.generate_html()`` gives the explorer page.

Nodes are sized by PageRank (``value``; vis-network scales node and label by it, and
hides small labels until one zooms in), coloured by bloc or by kind (two palettes,
``templates/palette.json``) and shaped by kind. Edges are coloured by relation
(``dkg:displayColor``), dashed and faded when the text does not claim them (negated,
hypothetical, denied), without arrow heads for symmetric relations, wider when several
documents report them, and carry their evidence as data (sentence, title, date, URL).
Every ``title`` (the hover text) is plain text: vis-network 9 shows a string title with
``innerText``, so no article text becomes markup, in our page or in pyvis's own.

Ranks and blocs are arguments: they come from the analysis
(:func:`kg.analysis.layout.overview`), never from here.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("RUS", label="Russia", kind="state")
>>> G.add_node("SYR", label="Syria", kind="state")
>>> _ = G.add_edge("RUS", "SYR", key="e1", relation="supports", modality="hypothetical",
...                date="2023-03-15", evidence=[{"sentence": "Russia may back <b>Syria</b>."}])
>>> net = to_pyvis(G, ranks={"RUS": 0.6, "SYR": 0.4}, blocs=[["RUS", "SYR"]])
>>> type(net).__name__, [n["label"] for n in net.nodes], net.nodes[0]["shape"]
('Network', ['Russia', 'Syria'], 'square')
>>> e = net.edges[0]
>>> e["relation"], e["dashes"], e["evidence"][0]["sentence"]
('supports', True, 'Russia may back <b>Syria</b>.')
>>> print(e["title"])
Russia supports Syria (hypothetical, 2023-03-15)
Russia may back <b>Syria</b>.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    from pyvis.network import Network

__all__ = ["palette", "to_pyvis"]

#: Evidence keys kept in the page, in this order.
_EVIDENCE = ("sentence", "title", "date", "url", "doc", "id", "start", "end", "confidence")
#: Above this many events, hover texts carry no sentence (hover is off for big graphs).
_TITLE_SENTENCES = 5000


def palette() -> dict[str, Any]:
    """The colours of the explorer and the exports: ``relation`` (from the ontology),
    ``bloc`` (cycled), ``kind`` and ``shape`` (per actor kind) and ``other``.

    >>> p = palette()
    >>> p["relation"]["meets"], p["kind"]["state"], p["shape"]["person"], p["other"]
    ('#1f77b4', '#1f3a5f', 'dot', '#bab0ac')
    """
    from kg.vocab import relation_colors

    data = json.loads(json.dumps(_palette()))  # a copy the caller may change
    data.pop("_comment", None)
    return {"relation": relation_colors(), **data}


def to_pyvis(
    G: nx.MultiDiGraph,
    *,
    ranks: Mapping[Hashable, float],
    blocs: Sequence[Iterable[Hashable]],
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
    title: str = "diplomatic-kg",
    seed: int = 0,
    physics: bool | None = None,
    color: str = "bloc",
    layout_threshold: int = 300,
) -> Network:
    """The explorer's network of ``G`` as a pyvis ``Network`` with our template.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        An event multigraph from :func:`kg.analysis.convert.to_nx` (edge attributes
        ``relation``, ``modality``, ``date``, ``evidence``, …). Not modified.
    ranks : mapping
        PageRank of each actor: node and label size (actors missing count 0).
    blocs : sequence of node collections
        The blocs the actors are coloured by, biggest first (bloc numbers are 1-based in
        the page, as in ``kg analyze``).
    positions : mapping, optional
        ``{actor: (x, y)}`` (:func:`kg.analysis.layout.positions`). Required to draw
        without physics; with physics they are the starting places.
    title : str, default "diplomatic-kg"
        The page title (escaped by the template).
    seed : int, default 0
        vis-network's ``layout.randomSeed``.
    physics : bool, optional
        Lay the graph out in the browser. Default: on up to ``layout_threshold`` actors
        or when no positions are given.
    color : {"bloc", "kind"}, default "bloc"
        The initial colouring; the page has a toggle.
    layout_threshold : int, default 300

    Returns
    -------
    pyvis.network.Network
        Directed; node ids are 0…n-1 in the sorted order of ``G``'s nodes (the IRI is
        the node's ``iri``). ``net.generate_html()`` gives the offline page
        (:func:`kg.render.html.to_html`); ``net.nodes`` and ``net.edges`` are the data.
    """
    from pyvis.edge import Edge
    from pyvis.network import Network

    from kg.records import Modality
    from kg.vocab import claim_modalities, is_symmetric, modality_names

    if color not in ("bloc", "kind"):
        raise ValueError(f"color must be 'bloc' or 'kind', not {color!r}")
    pal = palette()
    pos = dict(positions or {})
    use_physics = (G.number_of_nodes() <= layout_threshold or not pos) if physics is None else physics
    nodes = sorted(G, key=str)
    index = {n: i for i, n in enumerate(nodes)}
    bl = [sorted(b, key=lambda n: (-ranks.get(n, 0.0), str(n))) for b in blocs]
    member = {n: i for i, b in enumerate(bl) for n in b}
    top = max((ranks.get(n, 0.0) for n in nodes), default=0.0) or 1.0
    label = {n: str(G.nodes[n].get("label") or n) for n in nodes}

    net = Network(height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line")
    for n in nodes:
        d = G.nodes[n]
        kind = d.get("kind") or "unknown"
        bloc = member.get(n)
        # 21 steps: label fonts then come in 21 sizes, and chromium measures a label fast
        # when its font was seen before (5,000 distinct sizes cost ~1 s at first draw)
        value = round(20 * math.sqrt(max(ranks.get(n, 0.0), 0.0) / top)) / 20
        extra: dict[str, Any] = {}
        if n in pos:
            extra["x"], extra["y"] = pos[n]
        net.add_node(
            index[n],
            label=label[n],
            shape=pal["shape"].get(kind, pal["shape"]["unknown"]),
            color=_node_color(pal, color, kind, bloc, bloc is None or len(bl[bloc]) < 2),
            value=value,
            size=round(8 + 30 * value, 2),
            title=_node_title(label[n], kind, d.get("country"), bloc),
            iri=str(n),
            kind=kind,
            country=d.get("country"),
            wikidata=d.get("wikidata"),
            bloc=bloc + 1 if bloc is not None else None,  # 1-based, as kg analyze and the exports
            rank=round(ranks.get(n, 0.0), 6),
            **extra,
        )
    claims = set(claim_modalities())
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    sentences = len(edges) <= _TITLE_SENTENCES
    pair_count: dict[tuple[int, int], int] = defaultdict(int)
    for i, (u, v, k, d) in enumerate(edges):
        a, b = index[u], index[v]
        pair = (min(a, b), max(a, b))
        nth = pair_count[pair]
        pair_count[pair] += 1
        relation = d.get("relation") or "unknown"
        modality = d.get("modality") or Modality.ASSERTED.value
        evidence = [{x: ev[x] for x in _EVIDENCE if ev.get(x) is not None} for ev in d.get("evidence") or []]
        corroboration = d.get("corroboration") or len(d.get("sources") or [])
        c = pal["relation"].get(relation, pal["other"])
        style: dict[str, Any] = {"color": c}
        if modality not in claims:
            style["color"] = {"color": c, "highlight": c, "hover": c, "opacity": 0.35}
            style["dashes"] = True
        if is_symmetric(relation):
            style["arrows"] = ""
        if corroboration > 1:
            style["width"] = round(1 + math.log2(corroboration), 2)
        if nth > 0:  # parallel events between the same actors: curved apart
            style["smooth"] = {"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW",
                               "roundness": round(0.15 * math.ceil(nth / 2) + 0.05, 2)}  # fmt: skip
        title = f"{label[u]} {relation} {label[v]} ({modality}, {d.get('date') or 'undated'})"
        if sentences and evidence and evidence[0].get("sentence"):
            title += "\n" + _clip(evidence[0]["sentence"])
            if len(evidence) > 1:
                title += f"\n(+{len(evidence) - 1} more)"
        # Network.add_edge checks both ends against a list of node ids (quadratic at
        # 20k events); this appends the same Edge record (directed: no duplicate check)
        data = {"id": i, "key": str(k), "relation": relation, "modality": modality, "date": d.get("date"),
                "granularity": d.get("granularity"), "corroboration": corroboration,
                "confidence": d.get("confidence"), "nth": nth, "evidence": evidence,
                "title": title}  # fmt: skip
        edge = Edge(a, b, True, **{x: y for x, y in data.items() if y is not None}, **style)
        net.edges.append(edge.options)
    net.set_options(json.dumps(_options(len(nodes), use_physics, seed, big=len(nodes) > layout_threshold)))
    from kg.render.html import attach_template

    attach_template(
        net,
        {
            "palette": pal,
            "blocs": [{"size": len(b), "names": [label[n] for n in b[:3] if n in label]} for b in bl],
            "claims": sorted(claims),
            "modalities": list(modality_names()),
            "options": {
                "physics": use_physics,
                "seed": seed,
                "color": color,
                "big": len(nodes) > layout_threshold,
            },
        },
    )
    return net


def _options(n_nodes: int, physics: bool, seed: int, *, big: bool) -> dict[str, Any]:
    """vis-network options: labels scale with ``value`` and hide below 6 px on screen."""
    return {
        "layout": {"randomSeed": seed, "improvedLayout": n_nodes < 150},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
            "stabilization": {"enabled": True, "iterations": 400, "fit": True},
        }
        if physics
        else {"enabled": False},
        "nodes": {
            "borderWidth": 0 if big else 1,
            "scaling": {
                "min": 5,
                "max": 28,
                "label": {"enabled": True, "min": 12, "max": 40, "maxVisible": 24, "drawThreshold": 6},
            },
        },
        "edges": {
            "smooth": False,
            "width": 1,
            "selectionWidth": 2,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        },
        "interaction": {"hover": not big, "tooltipDelay": 300, "multiselect": True},
    }


def _node_color(pal: dict[str, Any], mode: str, kind: str, bloc: int | None, alone: bool) -> str:
    """Kind colour, or bloc colour (grey for an actor alone in its bloc and for blocs
    beyond the palette)."""
    if mode == "kind":
        return pal["kind"].get(kind, pal["kind"]["unknown"])
    if bloc is None or alone or bloc >= len(pal["bloc"]):
        return pal["other"]
    return pal["bloc"][bloc]


def _node_title(label: str, kind: str, country: str | None, bloc: int | None) -> str:
    parts = [kind, country, f"bloc {bloc + 1}" if bloc is not None else None]
    return label + " (" + ", ".join(p for p in parts if p) + ")"


def _clip(text: str, width: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


@cache
def _palette() -> dict[str, Any]:
    from importlib.resources import files

    return json.loads((files("kg.render") / "templates" / "palette.json").read_text(encoding="utf-8"))
