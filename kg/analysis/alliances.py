"""Alliances: the signed blocs of a network, its structural balance, and its contact
communities.

**Blocs are alliances.** :func:`signed_blocs` partitions the actors so that cooperation
falls inside blocs and conflict between them, minimising the *frustration* (the weight
of the ties that break the partition; Doreian & Mrvar 1996); :func:`blocs` returns its
partition and is what the CLI, the report, the explorer and the exports show. Ties are
signed by the Goldstein scale of their CAMEO codes (``dkg:signedWeight``,
:func:`~kg.analysis.convert.signed_graph`): a phone call is weakly positive, aid
strongly, a threat or an attack negative. :func:`contact_communities` (Louvain on the
positive ties) says who deals with whom, which is not who sides with whom: Russia and
the United States talk a lot.

All functions take a signed graph from :func:`~kg.analysis.convert.signed_graph`
(undirected, ``weight`` > 0 for cooperation, < 0 for conflict) unless said otherwise.
Bloc numbers are 1-based wherever they are shown (``SignedBlocs.number``).

Examples
--------
>>> import networkx as nx
>>> S = nx.Graph()
>>> S.add_weighted_edges_from([("RUS", "BLR", 0.5), ("UKR", "USA", 0.5), ("USA", "POL", 0.3),
...     ("RUS", "UKR", -0.95), ("BLR", "UKR", -0.2), ("RUS", "USA", 0.1), ("USA", "BLR", -0.6)])
>>> sb = signed_blocs(S)
>>> sb.blocs, sb.frustration, sb.number()["RUS"]
([['POL', 'UKR', 'USA'], ['BLR', 'RUS']], 0.1, 2)
>>> balance(S).share
0.5
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "BalanceReport",
    "SignedBlocs",
    "balance",
    "blocs",
    "contact_communities",
    "frustration",
    "signed_blocs",
    "signed_partition",
]

_EPS = 1e-12


@dataclass(frozen=True)
class SignedBlocs:
    """A signed partition of the actors into blocs.

    blocs (list[list]): every actor in exactly one bloc, members sorted, blocs by
        decreasing size; bloc ``i`` (1-based, as shown everywhere) is ``blocs[i - 1]``.
    frustration (float): the summed ``abs(weight)`` of the ties that break it: positive
        ties between blocs and negative ties inside one.
    frustrated (list): those ties, ``[u, v, weight]`` each.
    total (float): the summed ``abs(weight)`` of all ties, so ``frustration / total``
        compares graphs of different sizes.
    """

    blocs: list[list[Hashable]]
    frustration: float
    frustrated: list[list[Any]] = field(default_factory=list)
    total: float = 0.0

    def number(self) -> dict[Hashable, int]:
        """Actor → its bloc's number, 1-based."""
        return {n: i for i, bloc in enumerate(self.blocs, 1) for n in bloc}

    @property
    def share(self) -> float | None:
        """``frustration / total``; None for a graph without ties."""
        return round(self.frustration / self.total, 6) if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "share": self.share}


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


def signed_blocs(G_signed: nx.Graph, *, seed: int = 0, max_sweeps: int = 100) -> SignedBlocs:
    """The blocs of a signed network: the partition of least frustration found.

    A relocation search (Doreian & Mrvar 1996): from each of two starts (the contact
    communities, and every actor alone) it moves actors one at a time, in a seeded
    random order, to the bloc (or a new bloc) that lowers the frustration most, and
    merges two blocs whenever that lowers it, until nothing changes; the better end wins.
    The number of blocs is not fixed in advance: it is what the ties ask for.

    Parameters
    ----------
    G_signed : networkx.Graph
        A signed graph; not modified.
    seed : int, default 0
        The same seed gives the same blocs.
    max_sweeps : int, default 100

    Returns
    -------
    SignedBlocs

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph()
    >>> S.add_weighted_edges_from([("a", "b", 1), ("c", "d", 1), ("a", "c", -1),
    ...     ("b", "d", -1), ("a", "d", -1)])
    >>> signed_blocs(S).blocs, signed_blocs(S).frustration
    ([['a', 'b'], ['c', 'd']], 0.0)
    """
    nodes = sorted(G_signed, key=str)
    ties = {n: _ties(G_signed, n) for n in nodes}
    starts = [
        {n: i for i, bloc in enumerate(contact_communities(G_signed, seed=seed)) for n in bloc},
        {n: i for i, n in enumerate(nodes)},
    ]
    best: tuple[float, int, dict[Hashable, int]] | None = None
    for k, start in enumerate(starts):
        group = _relocate(ties, dict(start), random.Random(seed + k), max_sweeps)
        cost = _cost(G_signed, group)
        key = (round(cost, 9), len(set(group.values())))
        if best is None or key < best[:2]:
            best = (*key, group)
    group = best[2] if best else {}
    parts: dict[int, set[Hashable]] = defaultdict(set)
    for n, g in group.items():
        parts[g].add(n)
    bad = _frustrated(G_signed, group)
    total = sum(abs(float(d.get("weight", 0))) for u, v, d in G_signed.edges(data=True) if u != v)
    return SignedBlocs(
        blocs=_sorted_partition(parts.values()),
        frustration=round(float(sum(abs(w) for _, _, w in bad)), 9),
        frustrated=bad,
        total=round(total, 9),
    )


def blocs(G_signed: nx.Graph, *, seed: int = 0) -> list[list[Hashable]]:
    """The blocs: the partition of :func:`signed_blocs`, biggest first.

    What every view shows as "the blocs" (CLI, report, explorer, exports). Actors with
    no signed tie are blocs of their own.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph()
    >>> S.add_weighted_edges_from([("a", "b", 1), ("b", "c", 1), ("a", "c", 1),
    ...     ("x", "y", 1), ("y", "z", 1), ("x", "z", 1), ("c", "x", -1)])
    >>> blocs(S)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    return signed_blocs(G_signed, seed=seed).blocs


def contact_communities(
    G_signed: nx.Graph, *, seed: int = 0, resolution: float = 1.0
) -> list[list[Hashable]]:
    """Contact communities: Louvain communities of the positive ties (who deals with whom).

    Parameters
    ----------
    G_signed : networkx.Graph
        A signed graph; only edges with ``weight > 0`` are used. Not modified.
    seed : int, default 0
        Louvain's seed; the same seed gives the same communities.
    resolution : float, default 1.0
        Louvain's resolution (higher gives smaller communities).

    Returns
    -------
    list of list
        A partition of all the nodes (actors without positive ties are singletons);
        members sorted, communities by decreasing size.

    Examples
    --------
    >>> import networkx as nx
    >>> S = nx.Graph()  # Russia and the US talk; Russia attacks Ukraine, the US backs it
    >>> S.add_weighted_edges_from([("RUS", "USA", 0.5), ("USA", "UKR", 0.52), ("RUS", "UKR", -0.95)])
    >>> contact_communities(S), blocs(S)
    ([['RUS', 'UKR', 'USA']], [['UKR', 'USA'], ['RUS']])
    """
    import networkx as nx

    P = nx.Graph()
    P.add_nodes_from(sorted(G_signed, key=str))
    P.add_weighted_edges_from(
        (u, v, float(d["weight"]))
        for u, v, d in sorted(G_signed.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))
        if float(d.get("weight", 0)) > 0 and u != v
    )
    parts = nx.community.louvain_communities(P, weight="weight", resolution=resolution, seed=seed)
    return _sorted_partition(parts)


def signed_partition(G_signed: nx.Graph, *, seed: int = 0, max_sweeps: int = 100) -> dict[str, Any]:
    """:func:`signed_blocs` as a dict with ``groups`` (the blocs), ``frustration`` and
    ``frustrated``, as earlier versions returned it."""
    sb = signed_blocs(G_signed, seed=seed, max_sweeps=max_sweeps)
    return {"groups": sb.blocs, "frustration": sb.frustration, "frustrated": sb.frustrated}


def frustration(G_signed: nx.Graph, groups: Iterable[Iterable[Hashable]]) -> float:
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


# ---------------------------------------------------------------- private helpers


def _relocate(
    ties: dict[Hashable, list[tuple[Hashable, float]]],
    group: dict[Hashable, int],
    rng: random.Random,
    max_sweeps: int,
) -> dict[Hashable, int]:
    """Move actors and merge blocs while the frustration falls."""
    nodes = sorted(group, key=str)
    size: dict[int, int] = defaultdict(int)
    for g in group.values():
        size[g] += 1
    fresh = max(group.values(), default=-1) + 1
    for _ in range(max_sweeps):
        moved = False
        rng.shuffle(nodes)
        for n in nodes:
            target = _best_move(ties[n], group[n], group, alone=size[group[n]] == 1)
            if target is None:
                target, fresh = fresh, fresh + 1
            if target != group[n]:
                size[group[n]] -= 1
                size[target] += 1
                group[n], moved = target, True
        if _merge(ties, group, size):
            moved = True
        if not moved:
            break
    return group


def _best_move(
    ties: list[tuple[Hashable, float]], here: int, group: dict[Hashable, int], *, alone: bool
) -> int | None:
    """The bloc an actor frustrates least: its own, a neighbour's, or None for a new one."""
    pos_total = sum(w for _, w in ties if w > 0)
    pos_in: dict[int, float] = defaultdict(float)
    neg_in: dict[int, float] = defaultdict(float)
    for m, w in ties:
        (pos_in if w > 0 else neg_in)[group[m]] += abs(w)
    cost = {g: pos_total - pos_in[g] + neg_in[g] for g in {here, *pos_in, *neg_in}}
    best: int | None = here
    best_cost = cost[here]
    for g in sorted(cost):
        if cost[g] < best_cost - _EPS:
            best, best_cost = g, cost[g]
    if not alone and pos_total < best_cost - _EPS:  # alone it frustrates its positive ties
        best = None
    return best


def _merge(
    ties: dict[Hashable, list[tuple[Hashable, float]]], group: dict[Hashable, int], size: dict[int, int]
) -> bool:
    """Merge the two blocs whose union lowers the frustration most (the weight of the
    ties between them, positive minus negative), as long as one does."""
    merged = False
    while True:
        between: dict[tuple[int, int], float] = defaultdict(float)
        for n, ts in ties.items():
            for m, w in ts:
                a, b = group[n], group[m]
                if a < b:
                    between[(a, b)] += w
        if not between:
            return merged
        pair, gain = max(sorted(between.items()), key=lambda kv: kv[1])
        if gain <= _EPS:
            return merged
        a, b = pair
        for n in group:
            if group[n] == b:
                group[n] = a
        size[a], size[b] = size[a] + size[b], 0
        merged = True


def _cost(G: nx.Graph, group: dict[Hashable, int]) -> float:
    return float(sum(abs(w) for _, _, w in _frustrated(G, group)))


def _sign(d: dict[str, Any]) -> int:
    s = d.get("sign")
    if s is None:
        w = float(d.get("weight", 0) or 0)
        return (w > 0) - (w < 0)
    return (s > 0) - (s < 0)


def _ties(G: nx.Graph, n: Hashable) -> list[tuple[Hashable, float]]:
    return [(m, float(d.get("weight", 0))) for m, d in G[n].items() if m != n]


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
