"""kg.analysis.convert: RDF (docs/rdf-model.md) → MultiDiGraph → signed graph."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
import rdflib

from kg.analysis.convert import default_weights, signed_graph, to_nx

DATA = Path(__file__).parent / "data" / "sample_graph.trig"
A = "https://w3id.org/diplomatic-kg/id/actor/"
E = "https://w3id.org/diplomatic-kg/id/event/"


@pytest.fixture(scope="module")
def ds() -> rdflib.Dataset:
    d = rdflib.Dataset()
    d.parse(DATA, format="trig")
    return d


def test_nodes_are_actors_with_attributes(ds):
    G = to_nx(ds)
    assert G.number_of_nodes() == 9
    assert G.nodes[A + "RUS"] == {
        "label": "Russia", "kind": "state", "country": "RUS", "wikidata": "Q159"
    }  # fmt: skip
    putin = G.nodes[A + "Q7747"]
    assert (putin["kind"], putin["country"], putin["wikidata"]) == ("person", "RUS", "Q7747")
    assert G.nodes[A + "nato"]["kind"] == "organization"


def test_one_edge_per_event_keyed_by_iri(ds):
    G = to_nx(ds)
    assert G.number_of_edges() == 13  # 14 events, one without a target is not an edge
    d = G.edges[A + "RUS", A + "SYR", E + "supports-1"]
    assert (d["relation"], d["modality"], d["date"], d["granularity"]) == (
        "supports", "asserted", "2023-03-15", "day"
    )  # fmt: skip
    assert d["corroboration"] == 2
    assert [s["id"] for s in d["sources"]] == ["seeds/d1.txt", "seeds/d2.txt"]
    assert d["confidence"] == pytest.approx(0.8)
    ev = {x["sentence"]: x for x in d["evidence"]}
    x = ev["Russia pledged continued support for Syria."]
    assert (x["title"], x["date"], x["url"], x["start"], x["end"]) == (
        "Putin meets Assad in the Kremlin", "2023-03-15", "https://example.org/news/d1", 105, 148
    )  # fmt: skip


def test_modalities_and_denial_link(ds):
    G = to_nx(ds)
    mods = {k.rsplit("/", 1)[1]: d["modality"] for *_, k, d in G.edges(keys=True, data=True)}
    assert mods["meets-2"] == "reported"
    assert mods["threatens-1"] == "hypothetical"
    denial = G.edges[A + "RUS", A + "USA", E + "denies-1"]
    assert denial["denies"] == E + "sanctions-1"


def test_older_denies_link_between_events_is_read_too():
    trig = DATA.read_text(encoding="utf-8").replace("dkg:deniedClaim event:", "dkg:denies event:")
    assert "dkg:denies event:sanctions-1" in trig
    d = rdflib.Dataset()
    d.parse(data=trig, format="trig")
    G = to_nx(d)
    assert G.edges[A + "RUS", A + "USA", E + "denies-1"]["denies"] == E + "sanctions-1"


def test_date_window_keeps_dated_events_inside(ds):
    G = to_nx(ds, start="2023-04", end="2023-04-05")
    keys = sorted(k.rsplit("/", 1)[1] for *_, k in G.edges(keys=True))
    # urges-1 has no date in its text: it is placed at its document's date (d3, April 2023)
    assert keys == ["agrees-1", "criticizes-1", "sanctions-1", "supports-3", "supports-4",
                    "urges-1"]
    urges = next(d for *_, k, d in G.edges(keys=True, data=True) if k.endswith("urges-1"))
    assert urges["granularity"] == "reported"
    assert to_nx(ds, start="2024-01").number_of_edges() == 0


def test_roll_up_maps_people_onto_states(ds):
    G = to_nx(ds, roll_up=True)
    assert A + "Q7747" not in G and A + "Q44329" not in G
    d = G.edges[A + "RUS", A + "SYR", E + "meets-1"]
    assert d["actors"] == [A + "Q7747", A + "Q44329"]
    assert A + "nato" in G  # no country: stays itself


def test_plain_graph_and_no_mutation(ds):
    before = len(ds)
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads():
        g.add((s, p, o))
    assert to_nx(g).number_of_edges() == to_nx(ds).number_of_edges()
    assert len(ds) == before and not ds.default_union


def test_signed_graph_counts_claims_only():
    G = nx.MultiDiGraph()
    G.add_node("A", label="A")
    G.add_edge("A", "B", relation="supports", modality="asserted")
    G.add_edge("B", "A", relation="meets", modality="reported")
    G.add_edge("A", "B", relation="attacks", modality="hypothetical")  # not a claim
    G.add_edge("A", "C", relation="criticizes", modality="asserted")
    G.add_edge("A", "D", relation="requests", modality="asserted")  # no weight
    G.add_edge("A", "E", relation="supports", modality="denied")
    S = signed_graph(G)
    assert S["A"]["B"]["weight"] == 2.0 and S["A"]["B"]["sign"] == 1
    assert S["A"]["B"]["relations"] == {"meets": 1, "supports": 1}
    assert S["A"]["C"]["sign"] == -1
    assert not S.has_edge("A", "D") and not S.has_edge("A", "E")
    assert S.nodes["A"]["label"] == "A" and set(S) == set(G)
    assert G.number_of_edges() == 6  # input untouched


def test_signed_graph_custom_weights_and_cancelling():
    G = nx.MultiDiGraph()
    G.add_edge("A", "B", relation="supports", modality="asserted")
    G.add_edge("A", "B", relation="criticizes", modality="asserted")
    assert signed_graph(G).number_of_edges() == 0  # +1 - 1 = 0: no tie
    assert signed_graph(G, {"supports": 2, "criticizes": -1})["A"]["B"]["weight"] == 1.0


def test_default_weights_are_the_ontologys():
    w = default_weights()  # dkg:signedWeight in ontology/dkg.ttl, the only copy
    assert w["supports"] == w["meets"] == w["agrees"] == 1.0
    assert (w["visits"], w["attacks"], w["urges"], w["denies"]) == (0.5, -2.0, -0.25, -0.5)
    assert w["threatens"] == w["sanctions"] == -1.5 and w["criticizes"] == -1.0


def test_sample_graph_follows_the_shapes(ds):
    from kg.rdf.shapes import validate

    report = validate(ds)
    assert report.conforms, report.violations
