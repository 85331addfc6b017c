"""kg.analysis.centrality: known answers on tiny graphs."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analysis.centrality import brokers, centrality, ego, explain_path, find_actor
from kg.errors import KGError


def chain() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for n, label in [("a", "Alpha"), ("b", "Beta"), ("c", "Gamma"), ("d", "Delta")]:
        G.add_node(n, label=label, kind="state", country=n.upper() * 3)
    ev = lambda s: [{"sentence": s, "title": "T", "date": "2023-01-01", "url": "u"}]  # noqa: E731
    G.add_edge(
        "a",
        "b",
        key="e1",
        relation="meets",
        modality="asserted",
        date="2023-01-01",
        evidence=ev("Alpha met Beta."),
    )
    G.add_edge(
        "c",
        "b",
        key="e2",
        relation="urges",
        modality="asserted",
        date="2023-01-02",
        evidence=ev("Gamma urged Beta."),
    )
    G.add_edge(
        "b",
        "c",
        key="e3",
        relation="supports",
        modality="reported",
        date="2023-01-03",
        evidence=ev("Beta backs Gamma."),
    )
    G.add_edge(
        "c",
        "d",
        key="e4",
        relation="criticizes",
        modality="asserted",
        date=None,
        evidence=ev("Gamma criticised Delta."),
    )
    return G  # fmt: skip


def test_centrality_on_a_star():
    c = centrality(nx.star_graph(4))
    assert c["degree"][0] == 4.0 and c["degree"][1] == 1.0
    assert c["betweenness"][0] == 1.0 and c["betweenness"][3] == 0.0
    assert sum(c["pagerank"].values()) == pytest.approx(1.0)
    assert max(c["pagerank"], key=c["pagerank"].get) == 0
    assert next(iter(c["degree"])) == 0  # sorted by decreasing value


def test_centrality_counts_events_and_samples_large_graphs():
    c = centrality(chain())
    assert c["degree"] == {"b": 3.0, "c": 3.0, "a": 1.0, "d": 1.0}
    G = nx.gnm_random_graph(120, 300, seed=1)
    a = centrality(G, sample_above=50, k=20, seed=7)["betweenness"]
    assert a == centrality(G, sample_above=50, k=20, seed=7)["betweenness"]
    assert a != centrality(G)["betweenness"]


def test_brokers_bridge_blocs():
    S = nx.Graph()
    S.add_weighted_edges_from([("a1", "a2", 1), ("b1", "b2", 1), ("x", "a1", 1), ("x", "b1", 1),
                               ("x", "a2", 1)])  # fmt: skip
    out = brokers(S, [["a1", "a2", "x"], ["b1", "b2"]])
    assert [b["actor"] for b in out] == ["b1", "x"]
    x = out[1]
    assert (x["bloc"], x["reaches"], x["bridges"]) == (1, [2], 1)  # bloc numbers are 1-based
    assert x["participation"] == pytest.approx(1 - (2 / 3) ** 2 - (1 / 3) ** 2, abs=1e-6)


def test_ego_networks():
    G = chain()
    assert sorted(ego(G, "b")) == ["a", "b", "c"]
    assert sorted(ego(G, "Beta", radius=2)) == ["a", "b", "c", "d"]
    E = ego(G, "d")
    assert sorted(E) == ["c", "d"] and E.number_of_edges() == 1
    assert G.number_of_nodes() == 4  # not mutated


def test_explain_path_gives_evidence_of_every_hop():
    hops = explain_path(chain(), "Alpha", "DDD")
    assert [(h["source"], h["target"]) for h in hops] == [("a", "b"), ("b", "c"), ("c", "d")]
    assert [h["source_label"] for h in hops] == ["Alpha", "Beta", "Gamma"]
    mid = hops[1]["edges"]
    assert [(e["key"], e["direction"]) for e in mid] == [("e2", "backward"), ("e3", "forward")]
    sentences = [x["sentence"] for h in hops for e in h["edges"] for x in e["evidence"]]
    assert sentences == ["Alpha met Beta.", "Gamma urged Beta.", "Beta backs Gamma.",
                         "Gamma criticised Delta."]  # fmt: skip


def test_explain_path_without_path_and_unknown_actor():
    G = chain()
    G.add_node("z", label="Zeta")
    assert explain_path(G, "a", "z") == []
    with pytest.raises(KGError, match=r"E501.*Narnia"):
        find_actor(G, "Narnia")


def _people() -> nx.MultiDiGraph:
    A = "https://w3id.org/diplomatic-kg/id/actor/"
    G = nx.MultiDiGraph()
    for key, label, kind, country, qid in [
        ("Q7747", "Vladimir Putin", "person", "RUS", "Q7747"),
        ("Q44329", "Bashar al-Assad", "person", "SYR", "Q44329"),
        ("Q3881980", "Volodymyr Zelensky", "person", "UKR", "Q3881980"),
        ("RUS", "Russia", "state", "RUS", "Q159"),
        ("luminita-odobescu", "Luminiţa-Teodora Odobescu", "person", "ROU", None),
        ("Q207", "George W. Bush", "person", "USA", "Q207"),
        ("Q23505", "George H. W. Bush", "person", "USA", "Q23505"),
    ]:
        G.add_node(A + key, label=label, kind=kind, country=country, wikidata=qid)
    return G


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Putin", "Vladimir Putin"),  # a surname
        ("PUTIN", "Vladimir Putin"),
        ("bashar al-assad", "Bashar al-Assad"),  # case
        ("Bashar al Assad", "Bashar al-Assad"),  # punctuation
        ("Assad", "Bashar al-Assad"),  # a surname after a particle
        ("al-Assad", "Bashar al-Assad"),
        ("Bashar Asad", "Bashar al-Assad"),  # a gazetteer alias
        ("Zelenskyy", "Volodymyr Zelensky"),  # a spelling the gazetteer knows
        ("Luminita-Teodora Odobescu", "Luminiţa-Teodora Odobescu"),  # accents
        ("RUS", "Russia"),  # ISO-3
        ("Q44329", "Bashar al-Assad"),  # Wikidata
        ("Kremlin", "Russia"),  # a metonym of the gazetteer
    ],
)
def test_find_actor_as_people_type_names(typed, found):
    G = _people()
    assert G.nodes[find_actor(G, typed)]["label"] == found


def test_find_actor_says_when_a_name_is_ambiguous_or_unknown():
    G = _people()
    with pytest.raises(KGError, match=r"E502.*'Bush' names 2 actors: George H\. W\. Bush .*George W\. Bush"):
        find_actor(G, "Bush")
    with pytest.raises(KGError, match=r"E501: no actor 'Vladimir Puttin' in the graph; nearest: Vladimir Pu"):
        find_actor(G, "Vladimir Puttin")
    with pytest.raises(KGError, match=r"E501: no actor 'Narnia'.*none with a similar name"):
        find_actor(G, "Narnia")
