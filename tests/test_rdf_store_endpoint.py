"""EndpointStore against a real ``oxigraph serve`` started by the test on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import free_port
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from test_rdf_store import CHN, DKG, ID, RUS, USA, doc_graph, name

from kg.errors import QueryError, StoreError
from kg.rdf.store import EndpointStore, open_store

pytestmark = pytest.mark.server


@pytest.fixture
def store(server: str) -> Iterator[EndpointStore]:
    s = open_store(server)
    assert isinstance(s, EndpointStore)
    with s:
        for g in s.graph_names():
            s.drop_graph(g)
        yield s


def test_load_query_replace_and_drop(store: EndpointStore) -> None:
    store.put_graphs([(name(i), doc_graph(i, USA if i % 2 else RUS, CHN)) for i in range(6)])
    assert store.graph_names() == sorted(name(i) for i in range(6))
    assert store.has_graph(name(1)) and not store.has_graph(name(9))
    r = store.query(
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "SELECT ?s (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e dkg:source ?s } GROUP BY ?s ORDER BY ?s"
    )
    assert r.rows == [(RUS, Literal(3)), (USA, Literal(3))]

    store.put_graph(name(0), Graph().add((ID["doc/d0"], DKG.version, Literal(2))))
    r = store.query("SELECT ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(name(0))})
    assert r.rows == [(DKG.version, Literal(2))]

    store.drop_graph(name(1))
    store.drop_graph(name(99))  # absent: no error
    assert name(1) not in store.graph_names()
    assert not store.query(f"ASK {{ GRAPH <{name(1)}> {{ ?s ?p ?o }} }}").ask


def test_bindings_travel_as_values(store: EndpointStore) -> None:
    store.put_graphs([(name(1), doc_graph(1)), (name(2), doc_graph(2, USA, CHN))])
    q = (
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
        "SELECT ?e WHERE { ?e dkg:source ?actor } # trailing comment { }"
    )
    assert store.query(q, {"actor": USA}).rows == [(ID["event/e2"],)]
    assert store.query(q, {"actor": Literal('x" } } DROP ALL #')}).rows == []
    assert len(store.graph_names()) == 2


def test_terms_and_construct_round_trip(store: EndpointStore) -> None:
    g = doc_graph(3)
    store.put_graph(name(3), g)
    got = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph
    assert got is not None and isomorphic(got, g)
    ds = store.to_dataset()
    assert isomorphic(ds.graph(URIRef(name(3))), g)


def test_sparql_update_fallback_without_graph_store(server: str) -> None:
    s = EndpointStore(f"{server}/query", store_url=f"{server}/no-such-endpoint")
    s.put_graphs([(name(5), doc_graph(5)), (name(6), doc_graph(6))])
    assert s.store_url is None  # switched to SPARQL Update
    assert {name(5), name(6)} <= set(s.graph_names())
    s.put_graph(name(5), Graph())
    assert name(5) not in s.graph_names()


def test_errors_show_status_and_server_message(store: EndpointStore) -> None:
    with pytest.raises(QueryError, match=r"E201.*refused"):
        store.query("SELECT WHERE {")
    bad = Graph().add((URIRef("urn:ex:a"), URIRef("urn:ex:p"), URIRef("not an iri")))
    with pytest.raises(StoreError, match=r"E302.*bad IRI 'not an iri'"):
        store.put_graph(name(7), bad)
    wrong = EndpointStore(store.query_url, update_url=store.store_url)
    wrong.store_url = None  # SPARQL Update sent to the Graph Store endpoint: refused
    with pytest.raises(StoreError, match=r"E303: POST .*/store → HTTP 4\d\d .*: \S"):
        wrong.put_graph(name(8), doc_graph(8))
    down = EndpointStore(f"http://127.0.0.1:{free_port()}", retries=1)
    with pytest.raises(StoreError, match=r"E305.*cannot reach"):
        down.graph_names()
