"""Saved SPARQL queries (ontology/queries/*.rq) and kg/rdf/queries.py on the sample corpus."""

from __future__ import annotations

import io
import json

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from test_rdf_mapping import (
    ASSAD,
    PESKOV,
    PUTIN,
    RUSSIA,
    SYRIA,
    TURKEY,
    sample_corpus,
    sample_dataset,
)

from kg.errors import QueryError
from kg.iri import document_iri
from kg.rdf.mapping import add_document, relation_event_iri
from kg.rdf.queries import (
    SavedQuery,
    bind_params,
    list_queries,
    load_query,
    parse_query_header,
    run_query,
)
from kg.rdf.results import QueryResult

QUERIES = [q.name for q in list_queries()]


@pytest.fixture
def ds() -> Dataset:
    return sample_dataset()


def _rows(ds, name, **params) -> list[dict[str, str]]:
    """The rows of a saved query as {var: python value} dicts, unbound values left out."""
    result = run_query(ds, load_query(name), params)
    return [
        {k: (v.toPython() if isinstance(v, Literal) else str(v)) for k, v in row.items() if v is not None}
        for row in result.dicts()
    ]


def _labels(rows, key):
    return [r.get(key) for r in rows]


# ---------------------------------------------------------------- the files


def test_there_are_at_least_ten_saved_queries():
    assert len(QUERIES) >= 11
    assert "all_relations" in QUERIES


@pytest.mark.parametrize("name", QUERIES)
def test_each_query_parses_and_is_documented(name):
    q = load_query(name)
    prepareQuery(q.text)
    assert q.title and q.title != name.replace("_", " ")
    assert len(q.description) > 20
    assert q.name == name and name == name.lower()
    body = "\n".join(line for line in q.text.splitlines() if not line.startswith("#"))
    assert "GRAPH" not in body  # the default graph is the union of the named graphs
    for p in q.params:
        assert f"?{p.name}" in body and f"?{p.name}Label" in body, p.name
        assert p.optional


@pytest.mark.parametrize("name", QUERIES)
def test_each_query_runs_on_the_sample(ds, name):
    result = run_query(ds, load_query(name))
    assert result.vars
    assert len(result.rows) >= 1, f"{name} returns nothing on the sample corpus"


def test_unknown_query_lists_the_valid_names():
    with pytest.raises(QueryError) as e:
        load_query("who_met")
    assert e.value.code == "E330"
    assert "who_met_whom" in str(e.value) and "all_relations" in str(e.value)
    with pytest.raises(QueryError, match="E330"):
        load_query("../dkg")


def test_header_parsing():
    q = parse_query_header(
        "x",
        "# title: T\n# description: D\n# param: actor — an actor IRI or label (optional)\n"
        "# param: state - a state\nSELECT * {}",
    )
    assert (q.title, q.description) == ("T", "D")
    assert [(p.name, p.optional) for p in q.params] == [("actor", True), ("state", False)]


# ---------------------------------------------------------------- expected answers


def test_who_met_whom(ds):
    rows = _rows(ds, "who_met_whom")
    assert [(r["aLabel"], r["bLabel"], str(r["date"]), r["documents"]) for r in rows] == [
        ("Bashar al-Assad", "Vladimir Putin", "2023-07-26", 2)
    ]  # reported by both documents, in opposite orders; the denied meeting is left out
    assert sorted(rows[0]["places"].split(" | ")) == ["Moscow", "the Kremlin"]


def test_who_supports_by_code_label_iri_and_qid(ds):
    expected = [("Russia", "Bashar al-Assad", 1, 1)]
    for value in ("Q44329", "Bashar al-Assad", ASSAD.id, f"<{ASSAD.id}>"):
        rows = _rows(ds, "who_supports", target=value)
        got = [(r["sourceLabel"], r["targetLabel"], r["events"], r["documents"]) for r in rows]
        assert got == expected, value
    assert _rows(ds, "who_supports", target="SYR") == []
    assert len(_rows(ds, "who_supports")) == 1


def test_urges_directed_at(ds):
    rows = _rows(ds, "urges_directed_at", target="RUS")
    assert [(r["sourceLabel"], r["modality"].rsplit("#")[-1]) for r in rows] == [("Syria", "Reported")]
    assert rows[0]["sentence"].startswith("Damascus has been urging Russia")
    assert _rows(ds, "urges_directed_at", target="Russia") == rows
    assert _rows(ds, "urges_directed_at", target="SYR") == []


def test_denials(ds):
    rows = _rows(ds, "denials")
    assert len(rows) == 1
    r = rows[0]
    assert r["denierLabel"] == "Turkey"
    assert r["claimRelation"] == "meets"
    assert (r["claimSourceLabel"], r["claimTargetLabel"]) == (
        "Recep Tayyip Erdoğan",
        "Bashar al-Assad",
    )
    assert r["sentence"].startswith("A Turkish diplomatic source denied")
    denied = relation_event_iri(sample_corpus()[0][1][2])
    assert r["claim"] == str(denied)


def test_about_actor(ds):
    rows = _rows(ds, "about_actor", actor="SYR")
    assert [(r["role"], r["relation"], r["otherLabel"]) for r in rows] == [("source", "urges", "Russia")]
    assad = _rows(ds, "about_actor", actor="Bashar al-Assad")
    assert {(r["role"], r["relation"], r.get("otherLabel")) for r in assad} == {
        ("source", "meets", "Vladimir Putin"),
        ("target", "meets", "Recep Tayyip Erdoğan"),
        ("target", "supports", "Russia"),
        ("target", "criticizes", "the West"),
        ("target", "criticizes", "Russia"),
    }
    # the corroborated meeting: one row per evidence sentence
    assert sum(r["relation"] == "meets" and r["role"] == "source" for r in assad) == 2
    assert all(r["actorLabel"] == "Bashar al-Assad" for r in assad)


def test_relations_per_month(ds):
    rows = _rows(ds, "relations_per_month")
    assert [(r["month"], r["relation"], r["events"], r["documents"]) for r in rows] == [
        ("2023-07", "meets", 1, 2)
    ]  # the denied August meeting is not a claim


def test_corroborated_events_and_withdrawal(ds):
    rows = _rows(ds, "corroborated_events")
    meeting = relation_event_iri(sample_corpus()[0][1][0])
    assert [(r["event"], r["documents"]) for r in rows] == [(str(meeting), 2)]
    corroboration = (
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>\n"
        "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
        "SELECT ?e (COUNT(DISTINCT ?doc) AS ?n) "
        "WHERE { ?e dkg:hasEvidence/prov:wasDerivedFrom ?doc } GROUP BY ?e"
    )
    counts = {str(e): n.toPython() for e, n in run_query(ds, corroboration).rows}
    assert counts[str(meeting)] == 2
    ds.remove_graph(URIRef(document_iri(sample_corpus()[1][0].id)))
    counts = {str(e): n.toPython() for e, n in run_query(ds, corroboration).rows}
    assert counts[str(meeting)] == 1
    assert _rows(ds, "corroborated_events") == []


def test_actors_by_partners(ds):
    rows = _rows(ds, "actors_by_partners")
    top = rows[0]
    assert (top["actorLabel"], top["partners"]) == ("Bashar al-Assad", 3)
    partners = {r["actorLabel"]: r["partners"] for r in rows}
    assert partners["Russia"] == 2  # Syria (urges) and Assad (supports, criticizes)
    assert "Turkey" not in partners  # its denial has no target


def test_state_people(ds):
    rows = _rows(ds, "state_people", state="RUS")
    assert {r["personLabel"] for r in rows} == {"Vladimir Putin", "Dmitry Peskov"}
    putin = [r for r in rows if r["personLabel"] == "Vladimir Putin"]
    assert {(r["relation"], r["otherLabel"]) for r in putin} == {("meets", "Bashar al-Assad")}
    peskov = [r for r in rows if r["person"] == PESKOV.id]
    assert len(peskov) == 1 and "relation" not in peskov[0]  # quoted, but did nothing
    assert _rows(ds, "state_people", state="Russia") == rows
    syria = _rows(ds, "state_people", state=SYRIA.id)
    assert {r["personLabel"] for r in syria} == {"Bashar al-Assad"}
    assert _rows(ds, "state_people", state=TURKEY.id)[0]["personLabel"].startswith("Recep")


def test_contested_pairs(ds):
    rows = _rows(ds, "contested_pairs")
    assert [(r["aLabel"], r["bLabel"], r["supports"], r["criticisms"]) for r in rows] == [
        ("Russia", "Bashar al-Assad", 1, 1)
    ]


def test_all_relations(ds):
    rows = _rows(ds, "all_relations")
    assert len(rows) == 8  # one row per piece of evidence
    assert sum(r["relation"] == "meets" for r in rows) == 3


# ---------------------------------------------------------------- binding and safety


INJECTIONS = [
    '"} ; DROP ALL ; {"',
    'Bashar al-Assad" } UNION { ?s ?p ?o } #',
    "x' . ?a ?b ?c . '",
    'Assad "the Lion" al-Assad',
    "} DELETE WHERE { ?s ?p ?o }",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_through_a_param_returns_nothing_and_changes_nothing(ds, value):
    before = set(ds.quads())
    for name, param in [
        ("who_supports", "target"),
        ("about_actor", "actor"),
        ("state_people", "state"),
        ("urges_directed_at", "target"),
    ]:
        assert _rows(ds, name, **{param: value}) == []
    assert set(ds.quads()) == before


def test_a_label_with_quotes_matches_exactly():
    ds = sample_dataset()
    document, relations = sample_corpus()[0]
    quoted = ASSAD.__class__(ASSAD.id + "-q", 'Bashar "the Lion" al-Assad', ASSAD.kind, "SYR")
    rel = relations[4].__class__(**{**relations[4].__dict__, "target": quoted})
    add_document(ds, document, [rel])
    rows = _rows(ds, "who_supports", target='Bashar "the Lion" al-Assad')
    assert [r["targetLabel"] for r in rows] == ['Bashar "the Lion" al-Assad']


def test_bind_params():
    assert bind_params({"actor": "RUS"}) == {"actor": URIRef(RUSSIA.id)}
    assert bind_params({"actor": "Q7747"}) == {"actor": URIRef(PUTIN.id)}
    assert bind_params({"actor": PUTIN.id}) == {"actor": URIRef(PUTIN.id)}
    assert bind_params({"actor": "urn:x:1"}) == {"actor": URIRef("urn:x:1")}
    assert bind_params({"actor": "rus"}) == {"actorLabel": Literal("rus")}
    assert bind_params({"actor": 'a"b'}) == {"actorLabel": Literal('a"b')}
    assert bind_params(None) == {}
    with pytest.raises(QueryError, match="E332"):
        bind_params({"actor": "https://x.org/a> } DROP ALL {<"})
    with pytest.raises(QueryError, match="E332"):
        bind_params({"actor": "<not an iri>"})
    with pytest.raises(QueryError, match="E332"):
        bind_params({"a b": "RUS"})


def test_unknown_param_names_the_valid_ones(ds):
    with pytest.raises(
        QueryError, match=r"E332 who_supports.rq: the query has no parameter 'actor'; valid: target"
    ):
        run_query(ds, load_query("who_supports"), {"actor": "RUS"})
    with pytest.raises(QueryError, match="no variable"):
        run_query(ds, "SELECT ?s WHERE { ?s ?p ?o }", {"actor": "Russia"})


def test_parse_errors_name_the_query_and_line(ds):
    bad = "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>\nSELECT ?s\nWHERE { ?s dkg:x }\n"
    with pytest.raises(QueryError) as e:
        run_query(ds, bad, name="mine.rq")
    assert e.value.code == "E331" and e.value.path == "mine.rq" and e.value.line == 3
    saved = SavedQuery("broken", "Broken", "d", (), "SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryError, match=r"E331 broken.rq:1"):
        run_query(ds, saved)
    with pytest.raises(QueryError, match="E331"):
        run_query(ds, "DROP ALL")  # updates are not queries
    with pytest.raises(QueryError, match="E331"):
        run_query(ds, "SELECT ?s WHERE { ?s nope:p ?o }")  # undeclared prefix


def test_a_dataset_without_default_union_is_queried_as_the_union():
    ds = Dataset()  # default_union=False
    for document, relations in sample_corpus():
        add_document(ds, document, relations)
    assert len(run_query(ds, load_query("corroborated_events")).rows) == 1


def test_any_object_with_query_is_a_source():
    seen = {}

    class Fake:
        def query(self, sparql, bindings):
            seen.update(sparql=sparql, bindings=bindings)
            return QueryResult(vars=["x"], rows=[(Literal(1),)])

    result = run_query(Fake(), load_query("who_supports"), {"target": "SYR"})
    assert result.rows == [(Literal(1),)]
    assert seen["bindings"] == {"target": URIRef("https://w3id.org/diplomatic-kg/id/actor/SYR")}
    assert seen["sparql"] == load_query("who_supports").text


# ---------------------------------------------------------------- result formats


def test_results_as_sparql_json_csv_and_table(ds):
    result = run_query(ds, load_query("who_supports"))
    buf = io.StringIO()
    result.to_json(buf)
    doc = json.loads(buf.getvalue())
    assert doc["head"]["vars"] == ["source", "sourceLabel", "target", "targetLabel", "events", "documents"]
    b = doc["results"]["bindings"][0]
    assert b["source"] == {"type": "uri", "value": RUSSIA.id}
    assert b["sourceLabel"] == {"type": "literal", "value": "Russia"}
    assert b["documents"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    buf = io.StringIO()
    result.to_csv(buf)
    lines = buf.getvalue().splitlines()
    assert lines[0] == "source,sourceLabel,target,targetLabel,events,documents"
    assert lines[1] == f"{RUSSIA.id},Russia,{ASSAD.id},Bashar al-Assad,1,1"
    assert result.to_table_rows() == [
        ["id:actor/RUS", "Russia", "id:actor/Q44329", "Bashar al-Assad", "1", "1"]
    ]


def test_ask_and_construct_results(ds):
    ask = run_query(ds, "ASK { ?s a <https://w3id.org/diplomatic-kg/ontology#Meeting> }")
    assert ask.ask is True and ask.to_table_rows() == [["true"]]
    buf = io.StringIO()
    ask.to_json(buf)
    assert json.loads(buf.getvalue()) == {"head": {}, "boolean": True}
    g = run_query(
        ds,
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>\n"
        "CONSTRUCT { ?a dkg:supports ?b } WHERE { ?a dkg:supports ?b }",
    )
    assert g.graph is not None and len(g) == 1
    assert g.to_table_rows() == [["id:actor/RUS", "dkg:supports", "id:actor/Q44329"]]


# ---------------------------------------------------------------- the same text on Oxigraph


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    from kg.rdf.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("oxigraph") / "store"))
    ds = sample_dataset()
    store.put_graphs((str(g.identifier), g) for g in ds.graphs() if len(g))
    yield store
    store.close()


def _normal(result: QueryResult) -> list[tuple[str, ...]]:
    """Rows as sorted strings; GROUP_CONCAT lists sorted (their order is not defined)."""
    return sorted(
        tuple(" | ".join(sorted(str(v).split(" | "))) if v is not None else "" for v in row)
        for row in result.rows
    )


_BOUND = {"target": "Q44329", "actor": "Bashar al-Assad", "state": "RUS"}
_CASES = [(q.name, {}) for q in list_queries()] + [
    (q.name, {p: _BOUND[p] for p in q.param_names}) for q in list_queries() if q.params
]


@pytest.mark.parametrize(("name", "mine"), _CASES, ids=[f"{n}-{bool(p)}" for n, p in _CASES])
def test_oxigraph_gives_the_same_answers(oxigraph, name, mine):
    q = load_query(name)
    expected = run_query(sample_dataset(), q, mine)
    got = run_query(oxigraph, q, mine)
    assert got.vars == expected.vars
    assert _normal(got) == _normal(expected)


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_on_oxigraph_returns_nothing_and_changes_nothing(oxigraph, value):
    before = oxigraph.graph_names()
    assert run_query(oxigraph, load_query("about_actor"), {"actor": value}).rows == []
    assert oxigraph.graph_names() == before
    assert len(run_query(oxigraph, load_query("all_relations")).rows) == 8


# ---------------------------------------------------------------- regressions from the seeds


def _qid_keyed_dataset() -> Dataset:
    """States keyed by Wikidata QID, as the gazetteer does (id:actor/Q159 for Russia);
    a meeting with no place."""
    from kg.iri import actor_iri
    from kg.records import Actor, ActorKind, Document, Modality, Relation

    russia = Actor(actor_iri("Q159"), "Russia", ActorKind.STATE, "RUS", "Q159")
    doc = Document(id="q", text="Russia backs Assad. Putin met Assad.")
    rels = [
        Relation("q", "supports", Modality.ASSERTED, russia, ASSAD, "Russia backs Assad.", 0, 19),
        Relation("q", "meets", Modality.ASSERTED, PUTIN, ASSAD, "Putin met Assad.", 20, 36),
    ]
    ds = Dataset(default_union=True)
    add_document(ds, doc, rels)
    return ds


def test_an_iso3_param_finds_a_state_keyed_by_qid():
    ds = _qid_keyed_dataset()
    rows = _rows(ds, "about_actor", actor="RUS")
    assert {(r["actorLabel"], r["relation"]) for r in rows} == {("Russia", "supports")}
    people = _rows(ds, "state_people", state="RUS")
    assert {(r["stateLabel"], r["personLabel"], r["relation"]) for r in people} == {
        ("Russia", "Vladimir Putin", "meets")
    }
    assert _rows(ds, "about_actor", actor="FRA") == []


def test_who_met_whom_with_no_place():
    rows = _rows(_qid_keyed_dataset(), "who_met_whom")
    assert [(r["aLabel"], r["bLabel"], r["places"], r["documents"]) for r in rows] == [
        ("Bashar al-Assad", "Vladimir Putin", "", 1)
    ]


# ---------------------------------------------------------------- the same text on an endpoint


@pytest.fixture(scope="module")
def endpoint(server):
    """The sample corpus in a real ``oxigraph serve`` (union default graph)."""
    from kg.rdf.store import open_store

    with open_store(server) as s:
        for name in s.graph_names():
            s.drop_graph(name)
        ds = sample_dataset()
        s.put_graphs((str(g.identifier), g) for g in ds.graphs() if len(g))
        yield s


@pytest.mark.server
@pytest.mark.parametrize(("name", "mine"), _CASES, ids=[f"{n}-{bool(p)}" for n, p in _CASES])
def test_an_endpoint_gives_the_same_answers(endpoint, name, mine):
    q = load_query(name)
    expected = run_query(sample_dataset(), q, mine)
    got = run_query(endpoint, q, mine)
    assert got.vars == expected.vars
    assert _normal(got) == _normal(expected)


@pytest.mark.server
@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_on_an_endpoint_returns_nothing_and_changes_nothing(endpoint, value):
    before = endpoint.graph_names()
    assert run_query(endpoint, load_query("about_actor"), {"actor": value}).rows == []
    assert endpoint.graph_names() == before
    assert len(run_query(endpoint, load_query("all_relations")).rows) == 8
