"""The actor network for Gephi (GEXF), yEd and Cytoscape (GraphML) and Cytoscape.js (JSON),
with what the explorer shows: each actor's kind, country, bloc, PageRank, size, colour
and position, each event's relation, modality, weight, date and evidence.

The files are written by NetworkX (``write_gexf``, ``write_graphml``, ``cytoscape_data``),
which know the formats; this module prepares the attributes (:func:`annotate`, then
:func:`flatten`: GEXF and GraphML take scalars only, and no null). To add a format, add
its writer to :data:`WRITERS` (``docs/architecture.md``). GEXF gets ``viz:color``,
``viz:size``, ``viz:position`` (and each edge its relation's ``viz:color``) and is
*dynamic*: every dated event has ``start`` and ``end`` (the day, or the whole month or
year when the date is that coarse), so Gephi's timeline plays the events; undated events
and the actors have no interval (always present). Ranks, blocs and positions are
arguments (:func:`kg.analysis.layout.overview`).

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("RUS", label="Russia", kind="state", country="RUS")
>>> G.add_node("SYR", label="Syria", kind="state", country="SYR")
>>> _ = G.add_edge("RUS", "SYR", key="e1", relation="supports", modality="asserted",
...                date="2023-03", corroboration=2, evidence=[{"sentence": "Russia backs Syria."}])
>>> H = annotate(G, ranks={"RUS": 0.6, "SYR": 0.4}, blocs=[["RUS", "SYR"]],
...              positions={"RUS": (0.0, 0.0), "SYR": (40.0, 0.0)})
>>> H.nodes["RUS"]["bloc"], H.nodes["RUS"]["color"], H.nodes["SYR"]["x"]
(1, '#4e79a7', 40.0)
>>> e = H.edges["RUS", "SYR", "e1"]
>>> e["weight"], e["start"], e["end"], e["signed_weight"]  # supports: its Goldstein weight
(2, '2023-03-01', '2023-03-31', 0.52)
"""

from __future__ import annotations

import calendar
import json
import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FORMATS", "WRITERS", "annotate", "flatten", "to_cytoscape", "write_graph"]


def annotate(
    G: nx.Graph,
    *,
    ranks: Mapping[Hashable, float],
    blocs: Sequence[Iterable[Hashable]],
    positions: Mapping[Hashable, tuple[float, float]],
    color: str = "bloc",
) -> nx.Graph:
    """A copy of ``G`` whose attributes are what the export formats carry.

    Parameters
    ----------
    G : networkx.MultiDiGraph or networkx.Graph
        The event multigraph (:func:`~kg.analysis.convert.to_nx`) or the signed network
        (:func:`~kg.analysis.convert.signed_graph`); not modified.
    ranks, blocs, positions
        PageRank, blocs (biggest first) and ``{actor: (x, y)}``, from the analysis.
    color : {"bloc", "kind"}, default "bloc"
        What the node colour shows (the explorer's palettes, :func:`kg.render.palette`).

    Returns
    -------
    networkx.Graph
        Same class as ``G``. Nodes: ``label``, ``kind``, ``country``, ``wikidata``,
        ``bloc`` (1-based, as ``kg analyze`` and the explorer number them),
        ``bloc_size``, ``pagerank``, ``size``, ``color`` (``#rrggbb``), ``x``, ``y``.
        Event edges: ``relation``, ``modality``, ``claim`` (asserted or reported),
        ``weight`` (documents reporting it, at least 1), ``signed_weight`` (the
        relation's ``dkg:signedWeight`` for a claim, else 0), ``date``, ``granularity``,
        ``start``/``end`` (ISO days), ``corroboration``, ``confidence``, ``color`` and
        ``evidence`` (JSON text). Signed edges keep ``weight``, ``sign`` and ``events``.
        No value is None (the formats have no null).
    """
    from kg.render.network import palette
    from kg.vocab import claim_modalities, signed_weights

    pal = palette()
    bl = [list(b) for b in blocs]
    member = {n: i for i, b in enumerate(bl) for n in b}
    top = max((ranks.get(n, 0.0) for n in G), default=0.0) or 1.0
    claims, weights = set(claim_modalities()), signed_weights()
    H = G.__class__()
    for n, d in G.nodes(data=True):
        kind = d.get("kind") or "unknown"
        b = member.get(n)
        size = len(bl[b]) if b is not None else 1
        x, y = positions.get(n, (0.0, 0.0))
        if color == "kind":
            c = pal["kind"].get(kind, pal["kind"]["unknown"])
        else:
            c = pal["bloc"][b] if b is not None and size > 1 and b < len(pal["bloc"]) else pal["other"]
        attrs = {
            "label": str(d.get("label") or n),
            "kind": kind,
            "country": d.get("country"),
            "wikidata": d.get("wikidata"),
            "bloc": b + 1 if b is not None else None,
            "bloc_size": size,
            "pagerank": round(ranks.get(n, 0.0), 6),
            "size": round(8 + 30 * math.sqrt(max(ranks.get(n, 0.0), 0.0) / top), 2),
            "color": c,
            "x": float(x),
            "y": float(y),
        }
        H.add_node(n, **_scalars(attrs))
    for u, v, *rest in G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True):
        d = rest[-1]
        if "relation" not in d:  # a signed edge
            attrs = {k: d.get(k) for k in ("weight", "sign", "events")}
            attrs["relations"] = d.get("relations")
        else:
            relation, modality = d["relation"], d.get("modality") or "asserted"
            start, end = _interval(d.get("date"))
            attrs = {
                "relation": relation,
                "modality": modality,
                "claim": modality in claims,
                "weight": max(1, int(d.get("corroboration") or 0)),
                "signed_weight": float(weights.get(relation, 0.0)) if modality in claims else 0.0,
                "date": d.get("date"),
                "granularity": d.get("granularity"),
                "start": start,
                "end": end,
                "corroboration": d.get("corroboration"),
                "confidence": d.get("confidence"),
                "color": pal["relation"].get(relation, pal["other"]),
                "evidence": d.get("evidence") or [],
            }
        if G.is_multigraph():
            H.add_edge(u, v, rest[0], **_scalars(attrs))
        else:
            H.add_edge(u, v, **_scalars(attrs))
    return H


def write_graph(
    G: nx.Graph,
    path: str | Path,
    fmt: str,
    *,
    ranks: Mapping[Hashable, float],
    blocs: Sequence[Iterable[Hashable]],
    positions: Mapping[Hashable, tuple[float, float]],
    color: str = "bloc",
) -> Path:
    """Write ``G`` (annotated by :func:`annotate`) as ``fmt`` (a key of :data:`WRITERS`),
    creating parent folders. Returns the path.

    Examples
    --------
    >>> import networkx as nx, tempfile
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("A", "B", key="e1", relation="meets", date="2023-03-15")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_graph(G, Path(d) / "g.gexf", "gexf", ranks={}, blocs=[["A", "B"]],
    ...                     positions={"A": (0, 0), "B": (1, 1)})
    ...     text = p.read_text()
    >>> 'mode="dynamic"' in text, 'start="2023-03-15"' in text, "<viz:position" in text
    (True, True, True)
    """
    if fmt not in WRITERS:
        raise ValueError(f"unknown graph format {fmt!r}; valid: {', '.join(WRITERS)}")
    H = annotate(G, ranks=ranks, blocs=blocs, positions=positions, color=color)
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    WRITERS[fmt](H, p)
    return p


def flatten(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes are scalars: lists and dicts become JSON text,
    None values are left out (GEXF and GraphML have no null)."""
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, _scalars(d)) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from((u, v, k, _scalars(d)) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        H.add_edges_from((u, v, _scalars(d)) for u, v, d in G.edges(data=True))
    return H


def to_cytoscape(H: nx.Graph) -> dict[str, Any]:
    """Cytoscape.js JSON (what ``cy.json()`` reads, and Cytoscape's ``.cyjs``) of a graph
    from :func:`annotate`: NetworkX's ``cytoscape_data`` with each node's ``position``,
    each edge's ``id`` (the event IRI) and ``evidence`` as a list.

    >>> import networkx as nx
    >>> H = nx.MultiDiGraph()
    >>> H.add_node("A", label="Russia", x=1.0, y=2.0)
    >>> H.add_node("B", label="Syria", x=0.0, y=0.0)
    >>> _ = H.add_edge("A", "B", key="e1", relation="meets", evidence="[]")
    >>> cy = to_cytoscape(H)
    >>> cy["elements"]["nodes"][0]["position"], cy["elements"]["edges"][0]["data"]["id"]
    ({'x': 1.0, 'y': 2.0}, 'e1')
    """
    import networkx as nx

    data = nx.cytoscape_data(H, name="label")
    data["data"] = {"name": "diplomatic-kg", **{str(k): v for k, v in H.graph.items()}}
    for node in data["elements"]["nodes"]:
        d = node["data"]
        node["position"] = {"x": d.get("x", 0.0), "y": d.get("y", 0.0)}
    for i, edge in enumerate(data["elements"]["edges"]):
        d = edge["data"]
        d["id"] = str(d.get("key", i))
        if isinstance(d.get("evidence"), str):
            d["evidence"] = json.loads(d["evidence"])
    return data


def _write_gexf(H: nx.Graph, path: Path) -> None:
    import networkx as nx

    nx.write_gexf(_for_gexf(H), path)


def _write_graphml(H: nx.Graph, path: Path) -> None:
    import networkx as nx

    nx.write_graphml(H, path)  # GraphML has no intervals: start and end stay attributes


def _write_cytoscape(H: nx.Graph, path: Path) -> None:
    path.write_text(json.dumps(to_cytoscape(H), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


#: format name → the function writing an annotated graph to a path
WRITERS: dict[str, Callable[[nx.Graph, Path], None]] = {
    "gexf": _write_gexf,
    "graphml": _write_graphml,
    "cytoscape": _write_cytoscape,
}
#: the usual file suffix of each format
FORMATS = {"gexf": ".gexf", "graphml": ".graphml", "cytoscape": ".cyjs"}


def _for_gexf(H: nx.Graph) -> nx.Graph:
    """``viz`` dicts from the colour, size and position; the graph in dynamic mode."""
    G = H.copy()
    for _, d in G.nodes(data=True):
        d["viz"] = {
            "color": _rgb(d["color"]),
            "size": d["size"],
            "position": {"x": d["x"], "y": d["y"], "z": 0.0},
        }
    for *key, d in G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True):
        if G.is_multigraph():
            d["id"] = str(key[-1])  # the event IRI as the GEXF edge id
        if "color" in d:
            d["viz"] = {"color": _rgb(d["color"]), "thickness": float(d.get("weight", 1))}
    if any("start" in d for *_, d in G.edges(data=True)):
        G.graph["mode"] = "dynamic"
    return G


def _interval(date: Any) -> tuple[str | None, str | None]:
    """The first and last day a date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) covers.

    >>> _interval("2024-02"), _interval("2023"), _interval("2023-03-15"), _interval("spring")
    (('2024-02-01', '2024-02-29'), ('2023-01-01', '2023-12-31'), ('2023-03-15', '2023-03-15'), (None, None))
    """
    s = str(date or "")
    try:
        if len(s) >= 10:
            y, m, d = int(s[:4]), int(s[5:7]), int(s[8:10])
            return f"{y:04d}-{m:02d}-{d:02d}", f"{y:04d}-{m:02d}-{d:02d}"
        if len(s) == 7:
            y, m = int(s[:4]), int(s[5:7])
            return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
        if len(s) == 4:
            return f"{int(s):04d}-01-01", f"{int(s):04d}-12-31"
    except ValueError:
        pass
    return None, None


def _rgb(hex_color: str) -> dict[str, int | float]:
    h = hex_color.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16), "a": 1.0}


def _scalars(d: dict[str, Any]) -> dict[str, Any]:
    """Scalars only: lists and dicts become JSON text, None values are left out."""
    out: dict[str, Any] = {}
    for k, v in d.items():
        if v is None:
            continue
        out[k] = v if isinstance(v, str | int | float | bool) else json.dumps(v, ensure_ascii=False)
    return out
