"""The embedded stores (rdflib in memory and Oxigraph on disk) behave alike."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.errors import QueryError, StoreError
from kg.rdf.store import MemoryStore, OxigraphStore, iter_graphs, open_store, with_values

DKG = Namespace("https://w3id.org/diplomatic-kg/ontology#")
ID = Namespace("https://w3id.org/diplomatic-kg/id/")
RUS, CHN, USA = ID["actor/RUS"], ID["actor/CHN"], ID["actor/USA"]


def doc_graph(n: int, source: URIRef = RUS, target: URIRef = CHN, *, version: int = 1) -> Graph:
    """One document's graph: the document, a meeting, its evidence and the direct edge."""
    g = Graph()
    doc, event, ev = ID[f"doc/d{n}"], ID[f"event/e{n}"], ID[f"evidence/x{n}"]
    g.add((doc, RDF.type, DKG.Document))
    g.add((doc, DKG.version, Literal(version)))
    g.add((doc, RDFS.label, Literal(f"Document {n}", lang="en")))
    g.add((event, RDF.type, DKG.Meeting))
    g.add((event, DKG.relation, Literal("meets")))
    g.add((event, DKG.source, source))
    g.add((event, DKG.target, target))
    g.add((event, DKG.modality, DKG.Asserted))
    g.add((event, DKG.date, Literal("2023-03-15", datatype=XSD.date)))
    g.add((event, DKG.hasEvidence, ev))
    g.add((ev, RDF.type, DKG.Evidence))
    g.add((ev, PROV.wasDerivedFrom, doc))
    g.add((ev, DKG.sentence, Literal(f'Putin met Xi "in Moscow" \\ {n}.\nSecond line')))
    g.add((ev, DKG.confidence, Literal("0.9", datatype=XSD.decimal)))
    g.add((source, DKG.meets, target))
    return g


def name(n: int) -> str:
    return str(ID[f"doc/d{n}"])


@pytest.fixture(params=["memory", "oxigraph"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    s = open_store(None if request.param == "memory" else tmp_path / "store")
    with s:
        yield s


def test_open_store_picks_the_kind(tmp_path: Path) -> None:
    assert isinstance(open_store(), MemoryStore)
    with open_store(tmp_path / "ox") as s:
        assert isinstance(s, OxigraphStore)


def test_put_graphs_and_union_default_graph(store) -> None:
    store.put_graphs([(name(1), doc_graph(1)), (name(2), doc_graph(2, USA, CHN))])
    assert store.graph_names() == [name(1), name(2)]
    assert store.has_graph(name(1)) and not store.has_graph(name(3))
    r = store.query(
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "SELECT DISTINCT ?s WHERE { ?s dkg:meets ?o } ORDER BY ?s"
    )
    assert r.vars == ["s"]
    assert r.rows == [(RUS,), (USA,)]
    r = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert {str(g): n.toPython() for g, n in r.rows} == {name(1): 15, name(2): 15}


def test_put_graph_replaces_the_whole_graph(store) -> None:
    store.put_graph(name(1), doc_graph(1))
    g2 = Graph().add((ID["doc/d1"], DKG.version, Literal(2)))
    store.put_graph(name(1), g2)
    r = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert r.rows == [(ID["doc/d1"], DKG.version, Literal(2))]
    store.put_graph(name(1), Graph())  # empty graph = the document contributes nothing
    assert store.graph_names() == []


def test_same_name_twice_in_a_batch_keeps_the_last(store) -> None:
    store.put_graphs([(name(1), doc_graph(1, version=1)), (name(1), doc_graph(1, version=2))])
    r = store.query("SELECT ?v WHERE { ?d <https://w3id.org/diplomatic-kg/ontology#version> ?v }")
    assert r.rows == [(Literal(2),)]


def test_drop_graph_withdraws_one_document(store) -> None:
    store.put_graphs([(name(1), doc_graph(1)), (name(2), doc_graph(2, USA, CHN))])
    store.drop_graph(name(1))
    store.drop_graph(name(99))  # absent: no error
    assert store.graph_names() == [name(2)]
    assert not store.query(f"ASK {{ <{RUS}> ?p ?o }}").ask


def test_bindings_are_terms_not_text(store) -> None:
    store.put_graphs([(name(1), doc_graph(1)), (name(2), doc_graph(2, USA, CHN))])
    q = (
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "SELECT ?e WHERE { ?e dkg:source ?actor ; dkg:relation ?rel }"
    )
    r = store.query(q, {"actor": USA, "rel": Literal("meets")})
    assert r.rows == [(ID["event/e2"],)]
    assert store.query(q, {"actor": Literal('x" } ; DROP ALL #')}).rows == []
    with pytest.raises(QueryError):
        store.query(q, {"bad name": USA})


def test_terms_round_trip_exactly(store) -> None:
    s = ID["x"]
    g = Graph()
    values = [
        Literal("plain"),
        Literal("chat", lang="fr"),
        Literal(42),
        Literal("0.5", datatype=XSD.decimal),  # Oxigraph keeps numbers in canonical form
        Literal("2023-03", datatype=XSD.gYearMonth),
        Literal("tab\there \u00e9\U0001f600 \\ \" '"),
        Literal("odd", datatype=URIRef("urn:ex:type")),
        URIRef("urn:ex:o"),
    ]
    for i, v in enumerate(values):
        g.add((s, DKG[f"p{i}"], v))
    b = BNode("b1")
    g.add((s, DKG.blank, b))
    g.add((b, RDFS.label, Literal("blank")))
    store.put_graph(name(1), g)
    r = store.query("SELECT ?p ?o WHERE { ?s ?p ?o FILTER(!isBlank(?s)) }")
    got = {p: o for p, o in r.rows}
    for i, v in enumerate(values):
        assert got[DKG[f"p{i}"]] == v
        assert type(got[DKG[f"p{i}"]]) is type(v)
    assert isinstance(got[DKG.blank], BNode)
    assert isomorphic(store.query("CONSTRUCT WHERE { ?s ?p ?o }").graph, g)


def test_ask_construct_and_select_unbound(store) -> None:
    store.put_graph(name(1), doc_graph(1))
    assert store.query("ASK { ?s a <https://w3id.org/diplomatic-kg/ontology#Meeting> }").ask
    r = store.query("SELECT ?s ?nothing WHERE { ?s a ?c } LIMIT 1")
    assert r.vars == ["s", "nothing"] and r.rows[0][1] is None
    assert len(store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph) == 15
    assert len(store.query("SELECT * WHERE { ?s ?p ?o }", max_rows=4).rows) == 4


def test_syntax_error_is_a_query_error(store) -> None:
    with pytest.raises(QueryError, match="E201"):
        store.query("SELECT WHERE {")


def test_bad_graph_name_is_refused(store) -> None:
    with pytest.raises(StoreError, match="absolute IRI"):
        store.put_graph("not an iri", doc_graph(1))


def test_to_dataset_and_dump(store, tmp_path: Path) -> None:
    store.put_graphs([(name(1), doc_graph(1)), (name(2), doc_graph(2, USA, CHN))])
    ds = store.to_dataset()
    got = dict(iter_graphs(ds))
    assert sorted(got) == [name(1), name(2)]
    assert isomorphic(got[name(2)], doc_graph(2, USA, CHN))
    for suffix in (".trig", ".nq"):
        path = tmp_path / f"dump{suffix}"
        store.dump(path)
        back = Dataset()
        back.parse(path, format="trig" if suffix == ".trig" else "nquads")
        assert isomorphic(dict(iter_graphs(back))[name(1)], doc_graph(1))


def test_closed_store_refuses_calls() -> None:
    s = open_store()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.graph_names()


def test_oxigraph_persists_across_reopen(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as s:
        s.put_graphs([(name(i), doc_graph(i)) for i in range(5)])
    with open_store(tmp_path / "s", read_only=True) as s:
        assert s.graph_names() == sorted(name(i) for i in range(5))
        with pytest.raises(StoreError, match="read-only"):
            s.drop_graph(name(1))
    with open_store(tmp_path / "s") as s:
        s.drop_graph(name(0))
    with open_store(tmp_path / "s") as s:
        assert len(s.graph_names()) == 4


def test_oxigraph_directory_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with open_store(tmp_path / "s"):
        code = f"from kg.rdf.store import open_store; open_store({str(tmp_path / 's')!r})"
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert p.returncode != 0
        assert "E301" in p.stderr and "another process" in p.stderr


def test_invalid_graph_is_skipped_and_the_rest_written(tmp_path: Path) -> None:
    bad = Graph().add((URIRef("urn:ex:a"), URIRef("urn:ex:p"), URIRef("not an iri>")))
    with open_store(tmp_path / "s") as s:
        with pytest.raises(StoreError, match=r"E302.*doc/d2"):
            s.put_graphs([(name(1), doc_graph(1)), (name(2), bad), (name(3), doc_graph(3))])
        assert s.graph_names() == [name(1), name(3)]


def test_oxigraph_union_is_the_set_of_the_graphs_across_chunks(tmp_path: Path) -> None:
    """Many chunks (one loading while the next is serialized), triples shared between
    graphs written to the union once, and a drop then a re-add in the same session."""

    def default_graph(s: OxigraphStore) -> list[tuple]:
        return s.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows

    graphs = {name(i): doc_graph(i, RUS if i % 2 else USA, CHN) for i in range(40)}
    with OxigraphStore(tmp_path / "s", batch_quads=30) as s:
        items = sorted(graphs.items())
        s.put_graphs(items[:25])
        s.put_graphs(items[25:])
        expected = set().union(*(set(g) for g in graphs.values()))
        rows = default_graph(s)
        assert len(rows) == len(set(rows)) == len(expected)
        assert set(rows) == expected
        assert s.graph_names() == sorted(graphs)
        s.drop_graph(name(1))
        s.drop_graph(name(2))
        left = set().union(*(set(g) for k, g in graphs.items() if k not in (name(1), name(2))))
        assert set(default_graph(s)) == left
        s.put_graphs([(name(1), graphs[name(1)]), (name(2), graphs[name(2)])])
        assert set(default_graph(s)) == expected


def test_memory_store_from_a_dataset() -> None:
    ds = Dataset()
    ctx = ds.graph(URIRef(name(1)))
    for t in doc_graph(1):
        ctx.add(t)
    assert MemoryStore(ds).graph_names() == [name(1)]


# --------------------------------------------------------------------------- VALUES binding


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?e WHERE { ?e dkg:source ?actor }",
        "SELECT ?e { ?e dkg:source ?actor . FILTER(?e != <urn:x>) } ORDER BY ?e LIMIT 10",
        "SELECT ?e WHERE { ?e dkg:source ?actor # a comment with } braces {\n }",
        "SELECT ?e WHERE { ?e dkg:source ?actor ; dkg:relation ?r FILTER(?r != '}') }",
        "SELECT ?e WHERE { { ?e dkg:source ?actor } UNION { ?e dkg:target ?actor } }",
        "SELECT ?e WHERE { ?e dkg:source ?actor } VALUES ?e { <urn:a> }",
    ],
)
def test_with_values_binds_like_init_bindings(query: str) -> None:
    store = MemoryStore()
    store.put_graphs([(name(1), doc_graph(1)), (name(2), doc_graph(2, USA, CHN))])
    q = "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> " + query
    expected = store.query(q, {"actor": USA}).rows
    assert store.query(with_values(q, {"actor": USA})).rows == expected


def test_with_values_is_joined_before_aggregation() -> None:
    store = MemoryStore()
    store.put_graphs([(name(1), doc_graph(1)), (name(2), doc_graph(2, USA, CHN))])
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?e <https://w3id.org/diplomatic-kg/ontology#source> ?a }"
    assert store.query(with_values(q, {"a": USA})).rows == [(Literal(1),)]


def test_with_values_refuses_blank_nodes() -> None:
    with pytest.raises(QueryError):
        with_values("SELECT * WHERE { ?s ?p ?o }", {"s": BNode()})


# --------------------------------------------------------------------------- crash safety

_WRITER = textwrap.dedent(
    """
    import sys
    sys.path[:0] = {paths!r}
    from tests.test_rdf_store import doc_graph, name
    from kg.rdf.store import OxigraphStore

    store = OxigraphStore({path!r}, batch_quads=150)
    for round_ in range(1, 10_000):
        # replace the 20 existing graphs and add 20 new ones, in one batch
        items = [(name(i), doc_graph(i, version=round_)) for i in range(20)]
        items += [(name(1000 * round_ + i), doc_graph(1000 * round_ + i)) for i in range(20)]
        store.put_graphs(items)
        print("round", round_, flush=True)
    """
)


def test_sigkill_mid_batch_leaves_no_half_graph(tmp_path: Path) -> None:
    path = str(tmp_path / "s")
    with open_store(path) as s:
        s.put_graphs([(name(i), doc_graph(i, version=0)) for i in range(20)])
    root = str(Path(__file__).resolve().parents[1])
    code = _WRITER.format(paths=[root], path=path)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=root)
    assert proc.stdout is not None
    finished = 0
    try:
        line = proc.stdout.readline()  # one full round done, the next one is under way
        assert line.startswith("round"), line
        finished = int(line.split()[1])
        time.sleep(0.15)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    with open_store(path) as s:
        names = s.graph_names()
        r = s.query(
            "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
            "SELECT ?g (COUNT(*) AS ?n) (COUNT(DISTINCT ?v) AS ?versions) "
            "WHERE { GRAPH ?g { ?s ?p ?o OPTIONAL { ?s dkg:version ?v } } } GROUP BY ?g"
        )
    sizes = {str(g): (n.toPython(), v.toPython()) for g, n, v in r.rows}
    assert all(name(i) in names for i in range(20)), "a stored graph was lost"
    for i in range(1, finished + 1):
        assert all(name(1000 * i + k) in names for k in range(20)), "a finished round is missing"
    assert sizes and all(size == (15, 1) for size in sizes.values()), sizes


def test_union_default_graph_is_a_set(store) -> None:
    """A triple stated by two documents counts once, and stays until both are gone."""
    store.put_graphs([(name(1), doc_graph(1)), (name(2), doc_graph(2))])  # both: RUS meets CHN
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ <{RUS}> ?p ?o }}"
    assert store.query(count).rows == [(Literal(1),)]
    store.drop_graph(name(1))
    assert store.query(count).rows == [(Literal(1),)]
    store.put_graph(name(2), doc_graph(2, USA, CHN))  # replaced: no longer about RUS
    assert store.query(count).rows == [(Literal(0),)]
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows == [(Literal(15),)]


def test_oxigraph_store_written_by_another_tool_gets_its_union(tmp_path: Path) -> None:
    import pyoxigraph as ox

    raw = ox.Store(str(tmp_path / "s"))
    ds = Dataset()
    for i in (1, 2):
        ctx = ds.graph(URIRef(name(i)))
        for t in doc_graph(i):
            ctx.add(t)
    raw.bulk_load(ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    del raw
    with open_store(tmp_path / "s") as s:
        r = s.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ <{RUS}> ?p ?o }}")
        assert r.rows == [(Literal(1),)]
