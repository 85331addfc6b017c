"""Change over time: the blocs window by window, who changed bloc, and how balance moved.

:func:`by_period` cuts an event multigraph into months, quarters or years, computes the
signed blocs (:func:`~kg.analysis.alliances.signed_blocs`) and the structural balance of
each window, and numbers each window's blocs after the blocs of the whole graph they
overlap most (:func:`number_blocs`), so "bloc 2" in February is the bloc 2 of the whole
period when it holds mostly the same actors. An actor *changes bloc* when its bloc
number differs from the one it had in the last window where it was in a bloc.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> events = [("RUS", "BLR", "supports", "2022-01-10"), ("UKR", "USA", "supports", "2022-01-12"),
...     ("RUS", "UKR", "criticizes", "2022-01-20"), ("TUR", "UKR", "supports", "2022-01-21"),
...     ("RUS", "BLR", "agrees", "2022-02-01"), ("UKR", "USA", "agrees", "2022-02-02"),
...     ("RUS", "UKR", "attacks", "2022-02-24"), ("TUR", "RUS", "agrees", "2022-02-25"),
...     ("TUR", "UKR", "criticizes", "2022-02-26")]
>>> for u, v, rel, date in events:
...     _ = G.add_edge(u, v, relation=rel, modality="asserted", date=date)
>>> ps = by_period(G, "month")
>>> [(p["period"], [b["members"] for b in p["blocs"]]) for p in ps]
[('2022-01', [['BLR', 'RUS'], ['TUR', 'UKR', 'USA']]), ('2022-02', [['BLR', 'RUS', 'TUR'], ['UKR', 'USA']])]
>>> ps[1]["moves"]  # numbered after the whole period's blocs: 1 BLR/RUS/TUR, 2 UKR/USA
[{'actor': 'TUR', 'from': 2, 'to': 1, 'since': '2022-01'}]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["by_period", "number_blocs", "period_of"]


def by_period(
    G_multi: nx.MultiDiGraph,
    freq: str = "month",
    *,
    seed: int = 0,
    top: int = 5,
    reference: Sequence[Sequence[Hashable]] | None = None,
) -> list[dict[str, Any]]:
    """The blocs, balance and bloc changes of each date window.

    Parameters
    ----------
    G_multi : networkx.MultiDiGraph
        An event multigraph from :func:`~kg.analysis.convert.to_nx`. Events dated only
        to a year are left out of months and quarters, undated events of every window.
        Not modified.
    freq : {"month", "quarter", "year"}, default "month"
    seed : int, default 0
        Seed of the blocs.
    top : int, default 5
        How many central actors to list per window.
    reference : sequence of blocs, optional
        The blocs whose numbers the windows' blocs take (1-based, in this order).
        Default: the signed blocs of the whole of ``G_multi``.

    Returns
    -------
    list of dict
        One per window with events, in date order: ``period``, ``start`` and ``end``
        (first and last event date), ``actors``, ``events`` (all events of the window,
        ``edges`` those between two actors), ``claims``, ``top`` (``[actor, weighted
        degree]``), ``blocs`` (``{"bloc": number, "members": [...]}`` for blocs of two
        or more), ``frustration`` and ``frustration_share`` of the window's partition,
        ``balance`` (share of balanced triads) and ``balance_change`` (from the last
        window with triads), and ``moves``: ``{"actor", "from", "to", "since"}`` for
        each actor whose bloc number differs from its last one (``since``: that window).
    """
    from kg.analysis.alliances import balance, signed_blocs
    from kg.analysis.centrality import centrality
    from kg.analysis.convert import signed_graph
    from kg.vocab import claim_modalities

    claims = set(claim_modalities())
    if reference is None:
        reference = signed_blocs(signed_graph(G_multi), seed=seed).blocs
    windows: dict[str, list[tuple[Any, Any, Any]]] = defaultdict(list)
    for u, v, k, d in G_multi.edges(keys=True, data=True):
        p = period_of(d.get("date"), freq, d.get("granularity"))
        if p is not None:
            windows[p].append((u, v, k))
    untargeted: dict[str, int] = defaultdict(int)  # events that name no target: no edge
    untargeted_claims: dict[str, int] = defaultdict(int)
    for x in G_multi.graph.get("untargeted", []):
        p = period_of(x.get("date"), freq, x.get("granularity"))
        if p is not None:
            untargeted[p] += 1
            untargeted_claims[p] += x.get("modality") in claims
    out: list[dict[str, Any]] = []
    last: dict[Hashable, tuple[int, str]] = {}  # actor -> (bloc number, period)
    last_balance: float | None = None
    fresh_blocs: dict[int, set[Hashable]] = {}  # blocs of no reference bloc, by number
    for p in sorted(set(windows) | set(untargeted)):
        sub = G_multi.edge_subgraph(windows[p])
        S = signed_graph(sub)
        sb = signed_blocs(S, seed=seed)
        numbered = number_blocs([b for b in sb.blocs if len(b) > 1], reference, S, earlier=fresh_blocs)
        for number, members in numbered:
            if number > len(reference):
                fresh_blocs[number] = set(members)
        moves = []
        for number, members in numbered:
            for n in members:
                before = last.get(n)
                if before is not None and before[0] != number:
                    moves.append({"actor": n, "from": before[0], "to": number, "since": before[1]})
                last[n] = (number, p)
        share = balance(S).share
        change = None if share is None or last_balance is None else round(share - last_balance, 6)
        last_balance = share if share is not None else last_balance
        deg = centrality(sub, seed=seed)["degree"]
        dates = sorted(str(sub.edges[e]["date"]) for e in windows[p])
        out.append(
            {
                "period": p,
                "start": dates[0] if dates else None,
                "end": dates[-1] if dates else None,
                "actors": sub.number_of_nodes(),
                "events": len(windows[p]) + untargeted[p],
                "edges": len(windows[p]),
                "claims": sum(1 for e in windows[p] if sub.edges[e].get("modality") in claims)
                + untargeted_claims[p],
                "top": [[n, deg[n]] for n in list(deg)[:top]],
                "blocs": [{"bloc": number, "members": members} for number, members in numbered],
                "frustration": sb.frustration,
                "frustration_share": sb.share,
                "balance": share,
                "balance_change": change,
                "moves": sorted(moves, key=lambda m: str(m["actor"])),
            }
        )
    return out


def number_blocs(
    blocs: Sequence[Sequence[Hashable]],
    reference: Sequence[Sequence[Hashable]],
    S: nx.Graph | None = None,
    *,
    earlier: dict[int, set[Hashable]] | None = None,
) -> list[tuple[int, list[Hashable]]]:
    """Number a window's blocs after the reference blocs (1-based, in their order).

    Each bloc takes the number of the reference bloc it shares most actors with. When
    two blocs of the window share that number, they are two parts of one side that had
    no dealings this window, and both keep it, unless the signed ties between them
    (``S``) are negative: then the smaller is a new bloc, with a number after the
    reference's (the number of an earlier new bloc, ``earlier``, it overlaps, else the
    next one). Sorted by number, then by size.

    >>> ref = [["BLR", "RUS", "TUR"], ["UKR", "USA"]]
    >>> number_blocs([["UKR", "USA"], ["BLR", "RUS"]], ref)
    [(1, ['BLR', 'RUS']), (2, ['UKR', 'USA'])]
    >>> import networkx as nx
    >>> S = nx.Graph([("RUS", "TUR", {"weight": -0.6})])
    >>> number_blocs([["BLR", "RUS"], ["TUR"]], ref), number_blocs([["BLR", "RUS"], ["TUR"]], ref, S)
    ([(1, ['BLR', 'RUS']), (1, ['TUR'])], [(1, ['BLR', 'RUS']), (3, ['TUR'])])
    """
    ref = [set(b) for b in reference]
    earlier = {} if earlier is None else earlier
    order = sorted(range(len(blocs)), key=lambda i: (-len(blocs[i]), str(sorted(map(str, blocs[i])))))
    taken: dict[int, list[int]] = defaultdict(list)  # number -> window blocs holding it
    given: dict[int, int] = {}
    fresh = max([len(ref), *earlier], default=0) + 1
    for i in order:
        members = set(blocs[i])
        overlap = [(len(members & r), -j) for j, r in enumerate(ref)]
        best, mj = max(overlap, default=(0, 0))
        number = -mj + 1 if best else None
        if number is not None and any(_hostile(S, members, blocs[k]) for k in taken[number]):
            number = None
        if number is None:
            known = [(len(members & m), -n) for n, m in earlier.items() if n > len(ref)]
            near, mn = max(known, default=(0, 0))
            if near and not taken[-mn]:
                number = -mn
            else:
                number, fresh = fresh, fresh + 1
        given[i] = number
        taken[number].append(i)
    return sorted(((given[i], list(blocs[i])) for i in range(len(blocs))), key=lambda x: (x[0], -len(x[1])))


def _hostile(S: nx.Graph | None, a: set[Hashable], b: Sequence[Hashable]) -> bool:
    """Whether the signed ties between two groups of actors sum to less than zero."""
    if S is None:
        return False
    total = sum(float(S[u][v].get("weight", 0)) for u in a if u in S for v in b if v in S[u])
    return total < 0


def period_of(date: Any, freq: str, granularity: str | None = None) -> str | None:
    """The window of a date: ``"2023-03"``, ``"2023-Q1"`` or ``"2023"``; None when the
    date is missing or coarser than the window (a year-only date has no month).

    >>> period_of("2023-03-15", "quarter"), period_of("2023-01-01", "month", "year")
    ('2023-Q1', None)
    """
    if not date:
        return None
    s = str(date)
    if freq == "year":
        return s[:4]
    if freq not in ("month", "quarter"):
        raise ValueError(f"freq must be one of 'month', 'quarter', 'year', not {freq!r}")
    if granularity == "year" or len(s) < 7:
        return None
    return s[:7] if freq == "month" else f"{s[:4]}-Q{(int(s[5:7]) - 1) // 3 + 1}"
