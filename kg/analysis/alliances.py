"""Alliances: blocs of cooperating actors, signed partitions, structural balance and
how blocs shift over time.

All functions take a signed graph from :func:`~kg.analysis.convert.signed_graph`
(undirected, ``weight`` > 0 for cooperation, < 0 for conflict) unless said otherwise.

Examples
--------
>>> import networkx as nx
>>> S = nx.Graph()
>>> S.add_edge("A", "B", weight=1.0); S.add_edge("B", "C", weight=1.0)
>>> S.add_edge("A", "C", weight=-1.0)
>>> r = balance(S)
>>> r.triads, r.balanced, r.unbalanced[0]["signs"]
(1, 0, [1, 1, -1])
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["BalanceReport", "balance", "blocs", "by_period", "frustration", "signed_partition"]


@dataclass(frozen=True)
class BalanceReport:
    """Structural balance of the triads (triangles) of a signed graph.

    triads (int): triangles whose three ties all carry a sign.
    balanced (int): triangles whose product of signs is positive (+++ or +--).
    share (float | None): ``balanced / triads``; None when there is no triad.
    by_type (dict): counts of ``"+++"``, ``"++-"``, ``"+--"`` and ``"---"``.
    unbalanced (list): ``{"actors": [a, b, c], "signs": [s_ab, s_bc, s_ca]}`` each.
    """

    triads: int
    balanced: int
    share: float | None
    by_type: dict[str, int] = field(default_factory=dict)
    unbalanced: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def blocs(G_signed: nx.Graph, *, seed: int = 0, resolution: float = 1.0) -> list[list[Hashable]]:
    """Blocs: Louvain communities of the positive (cooperation) ties.

    Parameters
    ----------
    G_signed : networkx.Graph
        A signed graph; only edges with ``weight > 0`` are used. Not modified.
    seed : int, default 0
        Louvain's seed; the same seed gives the same blocs.
    resolution : float, default 1.0
        Louvain's resolution (higher gives smaller blocs).

    Returns
    -------
    list of list
        A partition of all the nodes (actors without positive ties are singletons);
        members sorted, blocs by decreasing size.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph()
    >>> S.add_weighted_edges_from([("a", "b", 1), ("b", "c", 1), ("a", "c", 1),
    ...     ("x", "y", 1), ("y", "z", 1), ("x", "z", 1), ("c", "x", -1)])
    >>> blocs(S)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    import networkx as nx

    P = nx.Graph()
    P.add_nodes_from(sorted(G_signed, key=str))
    P.add_weighted_edges_from(
        (u, v, float(d["weight"]))
        for u, v, d in sorted(G_signed.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))
        if float(d.get("weight", 0)) > 0
    )
    parts = nx.community.louvain_communities(P, weight="weight", resolution=resolution, seed=seed)
    return _sorted_partition(parts)


def signed_partition(G_signed: nx.Graph, *, seed: int = 0, max_sweeps: int = 100) -> dict[str, Any]:
    """Groups that minimise frustration: positive ties between groups plus negative
    ties inside groups, each counted by ``abs(weight)``.

    A local search: start from :func:`blocs`, then visit the actors in a seeded
    random order and move each to the neighbouring group (or a new group) that lowers
    the frustration most, until a sweep moves nobody.

    Parameters
    ----------
    G_signed : networkx.Graph
        A signed graph; not modified.
    seed : int, default 0
    max_sweeps : int, default 100

    Returns
    -------
    dict
        ``groups`` (list of sorted lists, by decreasing size), ``frustration`` (float)
        and ``frustrated`` (the ties that break the partition: ``[u, v, weight]``).

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph()
    >>> S.add_weighted_edges_from([("a", "b", 1), ("c", "d", 1), ("a", "c", -1),
    ...     ("b", "d", -1), ("a", "d", -1)])
    >>> p = signed_partition(S)
    >>> p["groups"], p["frustration"]
    ([['a', 'b'], ['c', 'd']], 0.0)
    """
    rng = random.Random(seed)
    group = {n: i for i, bloc in enumerate(blocs(G_signed, seed=seed)) for n in bloc}
    nodes = sorted(G_signed, key=str)
    for _ in range(max_sweeps):
        rng.shuffle(nodes)
        moved = False
        for n in nodes:
            cost = _costs(G_signed, n, group)
            here = cost.get(group[n], 0.0)
            # a new group of its own costs every positive tie
            fresh = sum(w for m, w in _ties(G_signed, n) if w > 0)
            best, best_cost = group[n], here
            for g in sorted(cost):
                if cost[g] < best_cost - 1e-12:
                    best, best_cost = g, cost[g]
            if fresh < best_cost - 1e-12:
                best, best_cost = max(group.values()) + 1, fresh
            if best != group[n]:
                group[n] = best
                moved = True
        if not moved:
            break
    parts: dict[int, set[Hashable]] = defaultdict(set)
    for n, g in group.items():
        parts[g].add(n)
    bad = _frustrated(G_signed, group)
    return {
        "groups": _sorted_partition(parts.values()),
        "frustration": round(float(sum(abs(w) for _, _, w in bad)), 9),
        "frustrated": bad,
    }


def frustration(G_signed: nx.Graph, groups: list[list[Hashable]]) -> float:
    """Sum of ``abs(weight)`` over positive ties between groups and negative ties within.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph()
    >>> S.add_edge("a", "b", weight=-2.0)
    >>> frustration(S, [["a", "b"]]), frustration(S, [["a"], ["b"]])
    (2.0, 0.0)
    """
    group = {n: i for i, g in enumerate(groups) for n in g}
    return round(float(sum(abs(w) for _, _, w in _frustrated(G_signed, group))), 9)


def balance(G_signed: nx.Graph) -> BalanceReport:
    """Share of balanced triads: a triangle is balanced iff the product of its three
    signs is positive (Heider; Cartwright & Harary).

    Parameters
    ----------
    G_signed : networkx.Graph
        A signed graph; the sign of a tie is ``sign`` or the sign of ``weight``.
        Ties of weight 0 are ignored.

    Returns
    -------
    BalanceReport

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph()
    >>> S.add_weighted_edges_from([("a", "b", 1), ("b", "c", -1), ("a", "c", -1)])
    >>> balance(S).share
    1.0
    """
    sign: dict[Hashable, dict[Hashable, int]] = defaultdict(dict)
    for u, v, d in G_signed.edges(data=True):
        s = _sign(d)
        if s and u != v:
            sign[u][v] = sign[v][u] = s
    order = {n: i for i, n in enumerate(sorted(sign, key=str))}
    triads = balanced = 0
    by_type = {"+++": 0, "++-": 0, "+--": 0, "---": 0}
    unbalanced = []
    for a in sorted(sign, key=order.get):
        later = sorted((b for b in sign[a] if order[b] > order[a]), key=order.get)
        for i, b in enumerate(later):
            for c in later[i + 1 :]:
                if c not in sign[b]:
                    continue
                signs = [sign[a][b], sign[b][c], sign[c][a]]
                triads += 1
                by_type["+" * signs.count(1) + "-" * signs.count(-1)] += 1
                if signs[0] * signs[1] * signs[2] > 0:
                    balanced += 1
                else:
                    unbalanced.append({"actors": [a, b, c], "signs": signs})
    share = round(balanced / triads, 6) if triads else None
    return BalanceReport(triads, balanced, share, by_type, unbalanced)


def by_period(
    G_multi: nx.MultiDiGraph, freq: str = "month", *, seed: int = 0, top: int = 5
) -> list[dict[str, Any]]:
    """How blocs and centrality shift from one date window to the next.

    Parameters
    ----------
    G_multi : networkx.MultiDiGraph
        An event multigraph from :func:`~kg.analysis.convert.to_nx`; undated events
        are left out. Not modified.
    freq : {"month", "quarter", "year"}, default "month"
    seed : int, default 0
        Seed of the blocs.
    top : int, default 5
        How many central actors to list per period.

    Returns
    -------
    list of dict
        One per period with events, in date order: ``period``, ``start``, ``end``
        (first and last event date), ``nodes``, ``edges``, ``top`` (``[actor,
        weighted degree]``), ``blocs`` (blocs of two or more actors), ``balance``
        (share of balanced triads) and ``shifts``: actors present in the previous
        period too whose bloc partners changed (``actor``, ``joined``, ``left``).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("A", "B", relation="supports", modality="asserted", date="2023-01-05")
    >>> _ = G.add_edge("A", "C", relation="supports", modality="asserted", date="2023-02-10")
    >>> [(p["period"], p["blocs"]) for p in by_period(G)]
    [('2023-01', [['A', 'B']]), ('2023-02', [['A', 'C']])]
    >>> by_period(G)[1]["shifts"]
    [{'actor': 'A', 'joined': ['C'], 'left': ['B']}]
    """
    from kg.analysis.centrality import centrality
    from kg.analysis.convert import signed_graph

    windows: dict[str, list[tuple[Any, Any, Any]]] = defaultdict(list)
    for u, v, k, d in G_multi.edges(keys=True, data=True):
        p = _period(d.get("date"), freq)
        if p is not None:
            windows[p].append((u, v, k))
    out: list[dict[str, Any]] = []
    before: dict[Hashable, set[Hashable]] = {}
    for p in sorted(windows):
        sub = G_multi.edge_subgraph(windows[p])
        S = signed_graph(sub)
        bl = [b for b in blocs(S, seed=seed) if len(b) > 1]
        partners = {n: set(b) - {n} for b in bl for n in b}
        deg = centrality(sub, seed=seed)["degree"]
        dates = sorted(str(sub.edges[e]["date"]) for e in windows[p])
        shifts = []
        for n in sorted(set(before) & set(sub), key=str):
            old, new = before.get(n, set()), partners.get(n, set())
            if old != new:
                shifts.append(
                    {
                        "actor": n,
                        "joined": sorted(new - old, key=str),
                        "left": sorted(old - new, key=str),
                    }
                )
        out.append(
            {
                "period": p,
                "start": dates[0],
                "end": dates[-1],
                "nodes": sub.number_of_nodes(),
                "edges": sub.number_of_edges(),
                "top": [[n, deg[n]] for n in list(deg)[:top]],
                "blocs": bl,
                "balance": balance(S).share,
                "shifts": shifts,
            }
        )
        before = {n: partners.get(n, set()) for n in sub}
    return out


def _period(date: Any, freq: str) -> str | None:
    if not date:
        return None
    s = str(date)
    if freq == "year":
        return s[:4]
    if freq == "month":
        return s[:7] if len(s) >= 7 else None
    if freq == "quarter":
        return f"{s[:4]}-Q{(int(s[5:7]) - 1) // 3 + 1}" if len(s) >= 7 else None
    raise ValueError(f"freq must be one of 'month', 'quarter', 'year', not {freq!r}")


def _sign(d: dict[str, Any]) -> int:
    s = d.get("sign")
    if s is None:
        w = float(d.get("weight", 0) or 0)
        return (w > 0) - (w < 0)
    return (s > 0) - (s < 0)


def _ties(G: nx.Graph, n: Hashable) -> list[tuple[Hashable, float]]:
    return [(m, float(d.get("weight", 0))) for m, d in G[n].items() if m != n]


def _costs(G: nx.Graph, n: Hashable, group: dict[Hashable, int]) -> dict[int, float]:
    """Frustration of ``n``'s ties for each group it could join among its neighbours'."""
    ties = _ties(G, n)
    pos_total = sum(w for _, w in ties if w > 0)
    pos_in: dict[int, float] = defaultdict(float)
    neg_in: dict[int, float] = defaultdict(float)
    for m, w in ties:
        (pos_in if w > 0 else neg_in)[group[m]] += abs(w)
    cands = {group[n], *pos_in, *neg_in}
    return {g: (pos_total - pos_in[g]) + neg_in[g] for g in cands}


def _frustrated(G: nx.Graph, group: dict[Hashable, int]) -> list[list[Any]]:
    bad = []
    for u, v, d in G.edges(data=True):
        w = float(d.get("weight", 0))
        if u != v and ((w > 0 and group[u] != group[v]) or (w < 0 and group[u] == group[v])):
            a, b = sorted((u, v), key=str)
            bad.append([a, b, w])
    return sorted(bad, key=lambda x: (str(x[0]), str(x[1])))


def _sorted_partition(parts: Any) -> list[list[Hashable]]:
    out = [sorted(p, key=str) for p in parts if p]
    return sorted(out, key=lambda b: (-len(b), str(b[0])))
