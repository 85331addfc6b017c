"""What the explorer and the exports draw an actor network with: each actor's PageRank,
the blocs, and a position for every actor.

:func:`overview` gathers the three from the analysis functions (:func:`pagerank`,
:func:`~kg.analysis.alliances.blocs` of the signed network) so that the renderer and the
exports take them as arguments and never compute them; :func:`positions` lays blocs out
as discs, in linear time, for graphs too big for a layout in the browser and for the
``viz:position`` of the GEXF export.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> _ = G.add_edge("A", "B", relation="supports", modality="asserted")
>>> _ = G.add_edge("C", "D", relation="supports", modality="asserted")
>>> ov = overview(G)
>>> ov.blocs
[['A', 'B'], ['C', 'D']]
>>> sorted(ov.positions) == ["A", "B", "C", "D"], round(sum(ov.ranks.values()), 6)
(True, 1.0)
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Overview", "overview", "positions"]


@dataclass(frozen=True)
class Overview:
    """The inputs of a drawing: ``ranks`` (PageRank of each actor), ``blocs`` (a
    partition, biggest first) and ``positions`` (``{actor: (x, y)}``)."""

    ranks: dict[Hashable, float]
    blocs: list[list[Hashable]]
    positions: dict[Hashable, tuple[float, float]]


def overview(G: nx.MultiDiGraph, *, seed: int = 0) -> Overview:
    """PageRank, blocs and positions of an event multigraph, as ``kg viz``,
    ``kg export`` and the build's page use them.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        An event multigraph from :func:`~kg.analysis.convert.to_nx`; not modified.
    seed : int, default 0
        Seed of the blocs (Louvain) and of the layout.

    Returns
    -------
    Overview
    """
    from kg.analysis.alliances import blocs
    from kg.analysis.centrality import pagerank
    from kg.analysis.convert import signed_graph

    ranks = pagerank(G)
    bl = blocs(signed_graph(G), seed=seed)
    return Overview(ranks=ranks, blocs=bl, positions=positions(G, bl, ranks, seed=seed))


def positions(
    G: nx.Graph,
    blocs: Iterable[Iterable[Hashable]],
    ranks: Mapping[Hashable, float],
    *,
    seed: int = 0,
    step: float = 40.0,
) -> dict[Hashable, tuple[float, float]]:
    """A place for every actor: blocs as discs on a sunflower spiral (the biggest in
    the middle), and inside a bloc the actors on a sunflower spiral by decreasing rank.

    Linear in the number of actors and deterministic; ``seed`` turns the whole picture.
    Actors of ``G`` in no bloc are placed as blocs of their own.

    Parameters
    ----------
    G : networkx.Graph
        Its nodes are placed; not modified.
    blocs : iterable of node collections
        Biggest first, as :func:`~kg.analysis.alliances.blocs` returns them.
    ranks : mapping
        Importance of each actor (PageRank); the most important sit in the middle.
    seed : int, default 0
    step : float, default 40.0
        Distance between neighbouring actors.

    Returns
    -------
    dict
        ``{actor: (x, y)}`` rounded to 0.1.

    Examples
    --------
    >>> import networkx as nx
    >>> pos = positions(nx.path_graph(3), [[0, 1], [2]], {0: 0.5, 1: 0.3, 2: 0.2})
    >>> pos[0], len(set(pos.values()))
    ((0.0, 0.0), 3)
    """
    golden = math.pi * (3 - math.sqrt(5))
    turn = (seed % 360) * math.pi / 180
    groups = [list(b) for b in blocs]
    placed = {n for b in groups for n in b}
    groups += [[n] for n in sorted((n for n in G if n not in placed), key=str)]
    pos: dict[Hashable, tuple[float, float]] = {}
    area = 0.0
    for k, bloc in enumerate(groups):
        radius = step * math.sqrt(len(bloc)) + step
        area += (2 * radius) ** 2
        dist = 0.0 if k == 0 else math.sqrt(area / math.pi) + radius
        cx, cy = dist * math.cos(k * golden + turn), dist * math.sin(k * golden + turn)
        members = sorted((n for n in bloc if n in G), key=lambda n: (-ranks.get(n, 0.0), str(n)))
        for j, n in enumerate(members):
            r = step * math.sqrt(j)
            pos[n] = (round(cx + r * math.cos(j * golden), 1), round(cy + r * math.sin(j * golden), 1))
    return pos
