"""Every saved query answers on the graph built from seeds/ (issue 4), and each is
named in the README."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, SEED_ARTICLE, SEEDS

from kg.builder import build
from kg.ingest import iter_documents
from kg.rdf.queries import list_queries, run_query


@pytest.fixture(scope="module")
def seeds_graph():
    return build([SEEDS], out_dir=None, workers=1).dataset


def rows(ds, name, **params):
    res = run_query(ds, name, params)
    return [{v: (str(x) if x is not None else None) for v, x in zip(res.vars, r, strict=True)}
            for r in res.rows]


def test_every_saved_query_runs_and_is_documented(seeds_graph):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [q.name for q in list_queries()]
    assert len(names) >= 10
    for name in names:
        run_query(seeds_graph, name, {})
        assert f"`{name}`" in readme, name


def test_who_met_whom(seeds_graph):
    pairs = {frozenset((r["aLabel"], r["bLabel"])) for r in rows(seeds_graph, "who_met_whom")}
    assert frozenset(("Vladimir Putin", "Bashar al-Assad")) in pairs
    assert frozenset(("Joe Biden", "Xi Jinping")) in pairs
    # the denied and the hypothetical Erdogan–Assad meetings are not meetings
    assert frozenset(("Recep Tayyip Erdogan", "Bashar al-Assad")) not in pairs


def test_who_supports_and_urges_directed_at(seeds_graph):
    assert {r["sourceLabel"] for r in rows(seeds_graph, "who_supports",
                                           target="Bashar al-Assad")} == {"Russia", "Vladimir Putin"}
    urgers = {r["sourceLabel"] for r in rows(seeds_graph, "urges_directed_at", target="RUS")}
    assert "Syria" in urgers


def test_denials_with_the_denied_claim(seeds_graph):
    [d] = rows(seeds_graph, "denials")
    assert d["denierLabel"] == "Turkish diplomatic source"
    assert d["claimRelation"] == "meets"
    assert {d["claimSourceLabel"], d["claimTargetLabel"]} == {"Recep Tayyip Erdogan",
                                                             "Bashar al-Assad"}
    assert "denied earlier reports" in d["sentence"]


def test_about_actor_and_state_people(seeds_graph):
    about = rows(seeds_graph, "about_actor", actor="Q7747")
    assert about and all(r["sentence"] for r in about)
    assert any(r["otherLabel"] == "Bashar al-Assad" for r in about)
    people = rows(seeds_graph, "state_people", state="RUS")
    assert {"Vladimir Putin", "Dmitry Peskov"} <= {r["personLabel"] for r in people}


def test_relations_per_month_and_partners(seeds_graph):
    months = rows(seeds_graph, "relations_per_month")
    assert months and all(r.get("month") for r in months)
    top = rows(seeds_graph, "actors_by_partners")
    # ranked by distinct partners over claims, counted here straight from the direct edges
    from kg.vocab import edge_property, relation_names

    edges = {edge_property(r) for r in relation_names()}
    partners: dict = {}
    for s_, p_, o_, _g in seeds_graph.quads((None, None, None, None)):
        if p_ in edges and s_ != o_:
            partners.setdefault(s_, set()).add(o_)
            partners.setdefault(o_, set()).add(s_)
    most = max(len(v) for v in partners.values())
    assert int(top[0]["partners"]) == most
    assert [int(r["partners"]) for r in top] == sorted((int(r["partners"]) for r in top), reverse=True)


def test_corroborated_events_and_contested_pairs(tmp_path):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    docs = [("report-1", text), ("report-2", text),
            ("contest", "Russia backed Syria on Monday. Russia condemned Syria.")]
    (tmp_path / "a.jsonl").write_text(
        "\n".join(json.dumps({"id": i, "date": "2023-03-16", "text": t}) for i, t in docs),
        encoding="utf-8",
    )
    assert len(list(iter_documents([tmp_path / "a.jsonl"]))) == 3
    ds = build([tmp_path / "a.jsonl"], out_dir=None, workers=1).dataset
    corroborated = rows(ds, "corroborated_events")
    meets = [r for r in corroborated if r["relation"] == "meets"
             and {r["sourceLabel"], r["targetLabel"]} == {"Vladimir Putin", "Bashar al-Assad"}]
    assert meets and all(int(r["documents"]) == 2 for r in meets)
    contested = rows(ds, "contested_pairs")
    assert any({r.get("aLabel"), r.get("bLabel")} == {"Russia", "Syria"} for r in contested), contested


#: state_people with what the person did as a plain OPTIONAL group; the saved query puts that
#: group in a sub-select so Oxigraph starts from the bound state, same rows
STATE_PEOPLE_PLAIN = """
PREFIX dkg:  <https://w3id.org/diplomatic-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?state ?stateLabel ?person ?personLabel ?relation ?otherLabel ?modality ?date ?sentence
WHERE {
  ?state a dkg:State ; dkg:country ?country ; rdfs:label ?stateLabel .
  ?person a dkg:Person ; dkg:country ?country ; rdfs:label ?personLabel .
  OPTIONAL {
    { ?event dkg:source ?person .
      OPTIONAL { ?event dkg:target ?other OPTIONAL { ?other rdfs:label ?otherLabel } } }
    UNION
    { ?event a dkg:Meeting ; dkg:target ?person ; dkg:source ?other .
      OPTIONAL { ?other rdfs:label ?otherLabel } }
    ?event dkg:relation ?relation ; dkg:modality ?modality ; dkg:hasEvidence/dkg:sentence ?sentence .
    OPTIONAL { ?event dkg:date ?date }
  }
}
"""


@pytest.fixture(scope="module")
def seeds_oxigraph(seeds_graph, tmp_path_factory):
    from kg.rdf.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("oxigraph") / "store"))
    store.put_graphs((str(g.identifier), g) for g in seeds_graph.graphs() if len(g))
    yield store
    store.close()


@pytest.mark.parametrize("state", [None, "RUS", "SYR", "USA", "Russia"])
def test_state_people_same_rows_as_the_plain_optional(seeds_graph, seeds_oxigraph, state):
    params = {"state": state} if state else {}
    for source in (seeds_graph, seeds_oxigraph):
        saved = run_query(source, "state_people", params)
        plain = run_query(source, STATE_PEOPLE_PLAIN, params)
        assert saved.vars == plain.vars
        assert len(saved.rows) == len(plain.rows) and set(saved.rows) == set(plain.rows)
    assert run_query(seeds_graph, "state_people", {}).rows  # the comparison is not vacuous


TARGETLESS = """
@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix actor: <https://w3id.org/diplomatic-kg/id/actor/> .
@prefix ev: <https://w3id.org/diplomatic-kg/id/event/> .
<urn:g1> {
  actor:TUR a dkg:State ; rdfs:label "Turkey" ; dkg:country actor:TUR .
  actor:p1 a dkg:Person ; rdfs:label "A Turkish source" ; dkg:country actor:TUR .
  actor:RUS a dkg:State ; rdfs:label "Russia" ; dkg:country actor:RUS .
  ev:d1 dkg:relation "denies" ; dkg:source actor:p1 ; dkg:modality dkg:Asserted ;
      dkg:hasEvidence [ dkg:sentence "A Turkish source denied it." ] .
}
"""


def test_state_people_gives_no_other_label_to_an_event_without_target(tmp_path):
    from rdflib import Dataset

    from kg.rdf.store import open_store

    ds = Dataset()
    ds.parse(data=TARGETLESS, format="trig")
    with open_store(str(tmp_path / "s")) as store:
        store.put_graphs((str(g.identifier), g) for g in ds.graphs() if len(g))
        for source in (ds, store):
            rows = run_query(source, "state_people", {"state": "TUR"}).dicts()
            assert [(str(r["relation"]), r["otherLabel"]) for r in rows] == [("denies", None)]
