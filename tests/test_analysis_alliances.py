"""kg.analysis.alliances and kg.analysis.timeline on hand-built signed graphs with known answers."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis.alliances import (
    balance,
    blocs,
    contact_communities,
    frustration,
    signed_blocs,
    signed_partition,
)
from kg.analysis.timeline import by_period


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


def test_blocs_are_the_signed_partition_not_the_contact_communities():
    """Russia and the United States call each other often; Russia attacks Ukraine, the
    United States backs it. Who deals with whom puts them together; the blocs do not."""
    S = nx.Graph()
    S.add_weighted_edges_from([("RUS", "USA", 0.5), ("USA", "UKR", 0.52), ("RUS", "UKR", -0.95)])
    assert contact_communities(S) == [["RUS", "UKR", "USA"]]
    assert blocs(S) == [["UKR", "USA"], ["RUS"]]
    S.add_weighted_edges_from([("RUS", "BLR", 0.6), ("USA", "POL", 0.6), ("UKR", "POL", 0.52),
                               ("BLR", "UKR", -0.2)])  # fmt: skip
    sb = signed_blocs(S)
    assert sb.blocs == [["POL", "UKR", "USA"], ["BLR", "RUS"]]
    assert sb.frustration == 0.5 and sb.frustrated == [["RUS", "USA", 0.5]]
    assert sb.number() == {"POL": 1, "UKR": 1, "USA": 1, "BLR": 2, "RUS": 2}  # 1-based
    assert sb.share == pytest.approx(0.5 / sum(abs(w) for *_, w in S.edges(data="weight")), abs=1e-6)


def test_signed_blocs_merge_what_single_moves_cannot():
    """Two cliques tied by many positive ties: no single actor gains by moving, the
    merge of the two blocs does (and every actor alone is a worse start)."""
    S = nx.Graph()
    left, right = ["a", "b", "c"], ["x", "y", "z"]
    for camp in (left, right):
        S.add_weighted_edges_from((u, v, 1.0) for i, u in enumerate(camp) for v in camp[i + 1 :])
    S.add_weighted_edges_from((u, v, 0.4) for u in left for v in right)
    assert signed_blocs(S).blocs == [["a", "b", "c", "x", "y", "z"]]
    assert signed_blocs(S).frustration == 0.0


def test_actors_without_signed_ties_are_blocs_of_their_own():
    S = nx.Graph()
    S.add_nodes_from(["lonely"])
    S.add_weighted_edges_from([("a", "b", -1.0)])
    assert signed_blocs(S).blocs == [["a"], ["b"], ["lonely"]]


def _events(G: nx.MultiDiGraph, rows: list[tuple[str, str, str, str]]) -> nx.MultiDiGraph:
    for u, v, rel, date in rows:
        G.add_edge(u, v, relation=rel, modality="asserted", date=date)
    return G


def test_by_period_windows_blocs_and_bloc_changes():
    G = _events(nx.MultiDiGraph(), [
        ("RUS", "BLR", "supports", "2022-01-10"), ("UKR", "USA", "supports", "2022-01-12"),
        ("RUS", "UKR", "criticizes", "2022-01-20"), ("TUR", "UKR", "supports", "2022-01-21"),
        ("RUS", "BLR", "agrees", "2022-02-01"), ("UKR", "USA", "agrees", "2022-02-02"),
        ("RUS", "UKR", "attacks", "2022-02-24"), ("TUR", "RUS", "agrees", "2022-02-25"),
        ("TUR", "UKR", "criticizes", "2022-02-26"), ("USA", "RUS", "sanctions", "2022-03-01"),
    ])  # fmt: skip
    G.add_edge("RUS", "UKR", relation="attacks", modality="asserted", date=None)  # undated: no window
    G.add_edge("POL", "UKR", relation="supports", modality="asserted", date="2022-01-01", granularity="year")
    ref = [["BLR", "RUS", "TUR"], ["POL", "UKR", "USA"]]
    jan, feb, mar = by_period(G, "month", reference=ref)
    assert (jan["period"], jan["events"], jan["start"], jan["end"]) == (
        "2022-01", 4, "2022-01-10", "2022-01-21")  # fmt: skip
    def numbered(p):
        return [(b["bloc"], b["members"]) for b in p["blocs"]]

    assert numbered(jan) == [(1, ["BLR", "RUS"]), (2, ["TUR", "UKR", "USA"])]
    assert numbered(feb) == [(1, ["BLR", "RUS", "TUR"]), (2, ["UKR", "USA"])]
    assert feb["moves"] == [{"actor": "TUR", "from": 2, "to": 1, "since": "2022-01"}]
    assert mar["blocs"] == [] and mar["moves"] == []  # one hostile pair: no bloc of two
    assert jan["balance"] is None and feb["balance"] == 1.0 and feb["balance_change"] is None
    assert [p["period"] for p in by_period(G, "year")] == ["2022"]  # the year-only date counts here
    assert [p["period"] for p in by_period(G, "quarter")] == ["2022-Q1"]
    with pytest.raises(ValueError, match="freq"):
        by_period(G, "fortnight")


def test_by_period_balance_change_and_a_hostile_split():
    G = _events(nx.MultiDiGraph(), [
        ("A", "B", "supports", "2023-01-02"), ("B", "C", "supports", "2023-01-03"),
        ("A", "C", "supports", "2023-01-04"),
        ("A", "B", "supports", "2023-02-02"), ("B", "C", "supports", "2023-02-03"),
        ("A", "C", "attacks", "2023-02-04"), ("C", "D", "agrees", "2023-02-05"),
    ])  # fmt: skip
    jan, feb = by_period(G, "month", reference=[["A", "B", "C", "D"]])
    assert jan["balance"] == 1.0 and feb["balance"] == 0.0 and feb["balance_change"] == -1.0
    # in February C sides against A: its bloc is hostile to A's and takes a new number
    assert [b["bloc"] for b in feb["blocs"]] == [1, 2]
    assert {m["actor"]: (m["from"], m["to"]) for m in feb["moves"]} == {"C": (1, 2)}


def test_by_period_counts_events_that_name_no_target():
    """An event with no target is no edge but an event and, asserted, a claim of its month
    (as relations_per_month counts it); a year-only one is in no month."""
    G = _events(nx.MultiDiGraph(), [("RUS", "BLR", "supports", "2022-01-10")])
    G.graph["untargeted"] = [
        {"key": "e1", "modality": "asserted", "date": "2022-01-20"},
        {"key": "e2", "modality": "hypothetical", "date": "2022-01-21"},
        {"key": "e3", "modality": "asserted", "date": "2022-01-01", "granularity": "year"},
    ]
    [jan] = by_period(G, "month")
    assert (jan["events"], jan["claims"], jan["edges"]) == (3, 2, 1)
    [year] = by_period(G, "year")
    assert (year["events"], year["claims"]) == (4, 3)
