"""kg.analysis.alliances on hand-built signed graphs with known answers."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis.alliances import balance, blocs, by_period, frustration, signed_partition


def triangle(s_ab: int, s_bc: int, s_ca: int) -> nx.Graph:
    S = nx.Graph()
    S.add_weighted_edges_from([("a", "b", s_ab), ("b", "c", s_bc), ("c", "a", s_ca)])
    return S


@pytest.mark.parametrize(
    ("signs", "is_balanced", "kind"),
    [
        ((1, 1, 1), True, "+++"),  # friends of friends
        ((1, 1, -1), False, "++-"),  # two friends who are enemies
        ((1, -1, -1), True, "+--"),  # the enemy of my enemy
        ((-1, -1, -1), False, "---"),  # three mutual enemies
    ],
)
def test_textbook_triads(signs, is_balanced, kind):
    r = balance(triangle(*signs))
    assert r.triads == 1
    assert r.balanced == int(is_balanced)
    assert r.share == (1.0 if is_balanced else 0.0)
    assert r.by_type[kind] == 1
    assert (r.unbalanced == []) is is_balanced


def test_balance_ignores_open_triads_and_zero_weights():
    S = nx.path_graph(4)
    nx.set_edge_attributes(S, 1.0, "weight")
    assert balance(S).triads == 0 and balance(S).share is None
    S = triangle(1, 1, 1)
    S["a"]["b"]["weight"] = 0
    assert balance(S).triads == 0


def two_alliances() -> nx.Graph:
    """Two cliques of allies, hostile to each other, with one cooperative bridge."""
    S = nx.Graph()
    west, east = ["USA", "GBR", "FRA", "DEU"], ["RUS", "SYR", "IRN", "BLR"]
    for camp in (west, east):
        S.add_weighted_edges_from((u, v, 1.0) for i, u in enumerate(camp) for v in camp[i + 1 :])
    S.add_weighted_edges_from([("USA", "RUS", -2.0), ("GBR", "IRN", -1.0), ("FRA", "SYR", -1.5)])
    S.add_weighted_edges_from([("DEU", "BLR", 0.5)])
    return S


def test_two_blocs_on_two_alliances():
    assert blocs(two_alliances(), seed=0) == [  # equal sizes: ordered by first member
        ["BLR", "IRN", "RUS", "SYR"],
        ["DEU", "FRA", "GBR", "USA"],
    ]


def test_blocs_are_reproducible_and_a_partition():
    S = nx.les_miserables_graph()
    first = blocs(S, seed=3)
    assert first == blocs(S, seed=3)
    assert sorted(n for b in first for n in b) == sorted(S)


def test_signed_partition_minimises_frustration():
    S = two_alliances()
    p = signed_partition(S, seed=0)
    assert p["groups"] == [["BLR", "IRN", "RUS", "SYR"], ["DEU", "FRA", "GBR", "USA"]]
    assert p["frustration"] == 0.5 and p["frustrated"] == [["BLR", "DEU", 0.5]]
    assert frustration(S, p["groups"]) == 0.5
    assert frustration(S, [sorted(S)]) > p["frustration"]


def test_signed_partition_splits_enemies_louvain_would_merge():
    S = nx.Graph()  # a positive chain a-b-c, but a and c are bitter enemies
    S.add_weighted_edges_from([("a", "b", 1.0), ("b", "c", 1.0), ("a", "c", -5.0)])
    p = signed_partition(S, seed=0)
    assert p["frustration"] == 1.0
    assert len(p["groups"]) == 2


def test_by_period_windows_and_shifts():
    G = nx.MultiDiGraph()
    ev = {"modality": "asserted"}
    G.add_edge("A", "B", relation="supports", date="2023-01-05", **ev)
    G.add_edge("A", "B", relation="meets", date="2023-01-20", **ev)
    G.add_edge("A", "C", relation="supports", date="2023-02-10", **ev)
    G.add_edge("B", "C", relation="attacks", date="2023-02-11", **ev)
    G.add_edge("A", "D", relation="supports", date=None, **ev)  # undated: left out
    months = by_period(G, "month")
    assert [p["period"] for p in months] == ["2023-01", "2023-02"]
    jan, feb = months
    assert (jan["edges"], jan["start"], jan["end"]) == (2, "2023-01-05", "2023-01-20")
    assert jan["blocs"] == [["A", "B"]] and feb["blocs"] == [["A", "C"]]
    assert feb["shifts"] == [
        {"actor": "A", "joined": ["C"], "left": ["B"]},
        {"actor": "B", "joined": [], "left": ["A"]},
    ]
    assert jan["top"][0] == ["A", 2.0]
    assert [p["period"] for p in by_period(G, "year")] == ["2023"]
    assert [p["period"] for p in by_period(G, "quarter")] == ["2023-Q1"]
    with pytest.raises(ValueError, match="freq"):
        by_period(G, "fortnight")
