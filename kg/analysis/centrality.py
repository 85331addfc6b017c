"""Who matters in the network: centrality, brokers between blocs, ego networks and
the evidence along a path between two actors.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> _ = G.add_edge("A", "B", key="e1", relation="meets", evidence=[{"sentence": "A met B."}])
>>> _ = G.add_edge("B", "C", key="e2", relation="urges", evidence=[{"sentence": "B urged C."}])
>>> c = centrality(G)
>>> max(c["betweenness"], key=c["betweenness"].get)
'B'
>>> [h["edges"][0]["evidence"][0]["sentence"] for h in explain_path(G, "A", "C")]
['A met B.', 'B urged C.']
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any

from kg.vocab import is_symmetric

if TYPE_CHECKING:
    import networkx as nx

# SYMMETRIC, read from the ontology, is a module attribute too (__getattr__ below)
__all__ = [
    "brokers",
    "centrality",
    "ego",
    "explain_path",
    "find_actor",
    "pagerank",
]


def centrality(
    G: nx.Graph,
    *,
    seed: int = 0,
    sample_above: int = 500,
    k: int = 256,
) -> dict[str, dict[Hashable, float]]:
    """Weighted degree, PageRank and betweenness of every actor.

    Parameters
    ----------
    G : networkx.Graph or networkx.MultiDiGraph
        An event multigraph from :func:`~kg.analysis.convert.to_nx` (each event counts
        1) or a signed graph (each edge counts ``abs(weight)``). Not modified.
    seed : int, default 0
        Seed of the node sample used for betweenness on large graphs.
    sample_above : int, default 500
        Betweenness is estimated from ``k`` sampled sources above this many nodes.
    k : int, default 256
        Number of sources sampled for betweenness on large graphs.

    Returns
    -------
    dict
        ``{"degree": {node: float}, "pagerank": {...}, "betweenness": {...}}``, each
        sorted by decreasing value, then node.

    Notes
    -----
    PageRank is :func:`pagerank`: the directed event graph with symmetric relations
    (:func:`kg.vocab.is_symmetric`: meets) counted both ways.
    Betweenness ignores weights (hops) and direction.

    Examples
    --------
    >>> import networkx as nx
    >>> c = centrality(nx.star_graph(3))
    >>> c["degree"][0], round(c["pagerank"][0], 3), c["betweenness"][0]
    (3.0, 0.48, 1.0)
    """
    import networkx as nx

    U = nx.Graph()
    U.add_nodes_from(G)
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        w = 1.0 if G.is_multigraph() else abs(float(d.get("weight", 1.0)))
        if U.has_edge(u, v):
            U[u][v]["weight"] += w
        else:
            U.add_edge(u, v, weight=w)
    degree = {n: float(U.degree(n, weight="weight")) for n in U}
    n = U.number_of_nodes()
    if n > sample_above:
        between = nx.betweenness_centrality(U, k=min(k, n), seed=seed)
    else:
        between = nx.betweenness_centrality(U)
    return {
        "degree": _ranked(degree),
        "pagerank": _ranked(pagerank(G)),
        "betweenness": _ranked(between),
    }


def pagerank(G: nx.Graph) -> dict[Hashable, float]:
    """Weighted PageRank of every actor, by power iteration (NetworkX's own needs SciPy).

    Parameters
    ----------
    G : networkx.Graph or networkx.MultiDiGraph
        An event multigraph (each event counts 1, both ways for a symmetric relation)
        or a signed graph (each edge counts ``abs(weight)``, both ways). Not modified.

    Returns
    -------
    dict
        ``{node: value}``, summing to 1; in ``G``'s node order.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("A", "B"), ("C", "B")])
    >>> max(pagerank(G).items(), key=lambda kv: kv[1])[0]
    'B'
    """
    return _pagerank(_weighted_digraph(G))


def brokers(G_signed: nx.Graph, blocs: Iterable[Iterable[Hashable]]) -> list[dict[str, Any]]:
    """Actors whose ties reach into blocs other than their own.

    Parameters
    ----------
    G_signed : networkx.Graph
        A signed graph (:func:`~kg.analysis.convert.signed_graph`); ``abs(weight)``
        measures a tie whatever its sign.
    blocs : iterable of iterables
        A partition of the actors, e.g. from :func:`~kg.analysis.alliances.blocs`.

    Returns
    -------
    list of dict
        One dict per actor with ties to another bloc: ``actor``, ``bloc`` (index),
        ``reaches`` (indexes of the other blocs it is tied to), ``participation``
        (``1 - sum_s (k_s / k)**2`` over blocs ``s``, Guimerà & Amaral) and
        ``bridges`` (number of ties to other blocs); by decreasing participation.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph([("a1", "a2"), ("b1", "b2"), ("x", "a1"), ("x", "b1")], weight=1.0)
    >>> [b["actor"] for b in brokers(S, [["a1", "a2", "x"], ["b1", "b2"]])]
    ['b1', 'x']
    """
    member = {n: i for i, bloc in enumerate(blocs) for n in bloc}
    out = []
    for n in G_signed:
        if n not in member:
            continue
        per: dict[int, float] = defaultdict(float)
        bridges = 0
        for m, d in G_signed[n].items():
            if m not in member or m == n:
                continue
            per[member[m]] += abs(float(d.get("weight", 1.0)))
            bridges += member[m] != member[n]
        total = sum(per.values())
        if not bridges or total == 0:
            continue
        out.append(
            {
                "actor": n,
                "label": G_signed.nodes[n].get("label", n),
                "bloc": member[n],
                "reaches": sorted(b for b in per if b != member[n]),
                "participation": round(1 - sum((x / total) ** 2 for x in per.values()), 6),
                "bridges": bridges,
            }
        )
    return sorted(out, key=lambda b: (-b["participation"], -b["bridges"], str(b["actor"])))


def ego(G: nx.Graph, actor: Hashable, radius: int = 1) -> nx.Graph:
    """The actors within ``radius`` ties of ``actor`` (either direction), with the
    events among them.

    Parameters
    ----------
    G : networkx.Graph
        Any graph from this package; not modified.
    actor : node, label or ISO-3 code
        Resolved with :func:`find_actor`.
    radius : int, default 1

    Returns
    -------
    networkx.Graph
        A new graph of the same class as ``G``.

    Examples
    --------
    >>> import networkx as nx
    >>> sorted(ego(nx.path_graph(5), 0, radius=2))
    [0, 1, 2]
    """
    import networkx as nx

    node = find_actor(G, actor)
    return nx.ego_graph(G, node, radius=radius, undirected=True).copy()


def explain_path(G: nx.Graph, a: Hashable, b: Hashable) -> list[dict[str, Any]]:
    """The shortest chain of events linking two actors, with the evidence of each hop.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        An event multigraph from :func:`~kg.analysis.convert.to_nx`; direction is
        ignored to find the path and reported per event.
    a, b : node, label or ISO-3 code
        The two actors (see :func:`find_actor`).

    Returns
    -------
    list of dict
        One dict per hop: ``source``, ``target``, their ``source_label`` /
        ``target_label``, and ``edges``: every event between the two (``key``,
        ``relation``, ``modality``, ``date``, ``direction`` ``"forward"`` or
        ``"backward"``, ``evidence``). Empty when no path exists.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("B", "A", key="e", relation="urges", evidence=[])
    >>> [(h["source"], h["target"], h["edges"][0]["direction"]) for h in explain_path(G, "A", "B")]
    [('A', 'B', 'backward')]
    """
    import networkx as nx

    s, t = find_actor(G, a), find_actor(G, b)
    try:
        path = nx.shortest_path(G.to_undirected(as_view=True), s, t)
    except nx.NetworkXNoPath:
        return []
    hops = []
    for u, v in itertools.pairwise(path):
        edges = [_event(G, u, v, "forward"), _event(G, v, u, "backward")]
        hops.append(
            {
                "source": u,
                "target": v,
                "source_label": G.nodes[u].get("label", u),
                "target_label": G.nodes[v].get("label", v),
                "edges": sorted(
                    (e for es in edges for e in es),
                    key=lambda e: (str(e["date"] or ""), str(e["key"])),
                ),
            }
        )
    return hops


def find_actor(G: nx.Graph, name: Hashable) -> Hashable:
    """The node of ``G`` named by its id, label, ISO-3 code or IRI tail.

    Raises
    ------
    kg.errors.KGError
        ``E501`` when no actor matches, with a few valid names.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("https://w3id.org/diplomatic-kg/id/actor/RUS", label="Russia", country="RUS")
    >>> find_actor(G, "russia")
    'https://w3id.org/diplomatic-kg/id/actor/RUS'
    """
    if name in G:
        return name
    key = str(name).strip().casefold()
    for match in (
        lambda n, d: str(d.get("label") or "").casefold() == key,
        lambda n, d: d.get("kind") == "state" and str(d.get("country") or "").casefold() == key,
        lambda n, d: str(n).rsplit("/", 1)[-1].casefold() == key,
    ):
        found = sorted((n for n, d in G.nodes(data=True) if match(n, d)), key=str)
        if found:
            return found[0]
    from kg.errors import KGError

    some = sorted(str(d.get("label") or n) for n, d in G.nodes(data=True))[:8]
    raise KGError("E501", f"no actor {name!r} in the graph; try one of: {', '.join(some)}")


def _event(G: nx.Graph, u: Hashable, v: Hashable, direction: str) -> list[dict[str, Any]]:
    if not G.has_edge(u, v):
        return []
    items = list(G[u][v].items()) if G.is_multigraph() else [(None, G[u][v])]
    return [
        {
            "key": k,
            "relation": d.get("relation"),
            "modality": d.get("modality"),
            "date": d.get("date"),
            "direction": direction,
            "evidence": list(d.get("evidence", [])),
        }
        for k, d in items
    ]


def _weighted_digraph(G: nx.Graph) -> nx.DiGraph:
    """Events (or signed ties) as one weighted arc per ordered pair."""
    import networkx as nx

    W = nx.DiGraph()
    W.add_nodes_from(G)
    signed = not G.is_multigraph()
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        w = abs(float(d.get("weight", 1.0))) if signed else 1.0
        both = signed or not G.is_directed() or is_symmetric(d.get("relation"))
        for x, y in ((u, v), (v, u)) if both else ((u, v),):
            W.add_edge(x, y, weight=W[x][y]["weight"] + w if W.has_edge(x, y) else w)
    return W


def _pagerank(
    W: nx.DiGraph, alpha: float = 0.85, tol: float = 1.0e-8, max_iter: int = 200
) -> dict[Hashable, float]:
    """Weighted PageRank by power iteration over index lists (dangling mass spread evenly)."""
    nodes = list(W)
    n = len(nodes)
    if n == 0:
        return {}
    index = {u: i for i, u in enumerate(nodes)}
    adj: list[list[tuple[int, float]]] = []
    for u in nodes:
        total = sum(d["weight"] for d in W[u].values())
        adj.append([(index[v], d["weight"] / total) for v, d in W[u].items()] if total else [])
    dangling = [i for i, a in enumerate(adj) if not a]
    x = [1.0 / n] * n
    for _ in range(max_iter):
        leak = (alpha * sum(x[i] for i in dangling) + 1.0 - alpha) / n
        new = [leak] * n
        for i, a in enumerate(adj):
            xi = alpha * x[i]
            for j, w in a:
                new[j] += xi * w
        err = sum(abs(p - q) for p, q in zip(new, x, strict=True))
        x = new
        if err < n * tol:
            break
    return dict(zip(nodes, x, strict=True))


def _ranked(d: dict[Hashable, float]) -> dict[Hashable, float]:
    return {k: d[k] for k in sorted(d, key=lambda k: (-d[k], str(k)))}


def __getattr__(name: str) -> Any:
    # SYMMETRIC: the relations read in both directions (owl:SymmetricProperty in
    # ontology/dkg.ttl, through kg.vocab); kept for code that imported it.
    if name == "SYMMETRIC":
        from kg.vocab import symmetric_relations

        return symmetric_relations()
    raise AttributeError(f"module 'kg.analysis.centrality' has no attribute {name!r}")
