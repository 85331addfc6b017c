"""kg.rdf.results: query results whatever the store, in the SPARQL 1.1 JSON and CSV formats."""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.rdf.results import QueryResult, collect, from_rdflib, shorten

RUS = URIRef("https://w3id.org/diplomatic-kg/id/actor/RUS")
MEETS = URIRef("https://w3id.org/diplomatic-kg/ontology#meets")


def _rows() -> QueryResult:
    return collect(vars=["a", "label", "n", "b"], rows=[
        (RUS, Literal("Russia", lang="en"), Literal(2), BNode("x")),
        (RUS, Literal('say "hi", then go'), None, None),
    ])  # fmt: skip


def test_select_rows_as_table_csv_and_json():
    r = _rows()
    assert len(r) == 2 and r.header() == ["a", "label", "n", "b"]
    assert r.to_table_rows()[0] == ["id:actor/RUS", "Russia", "2", "_:x"]
    assert r.dicts()[1] == {"a": RUS, "label": Literal('say "hi", then go'), "n": None, "b": None}
    buf = io.StringIO()
    r.to_csv(buf)
    assert list(csv.reader(io.StringIO(buf.getvalue()))) == [
        ["a", "label", "n", "b"],
        [str(RUS), "Russia", "2", "_:x"],
        [str(RUS), 'say "hi", then go', "", ""],
    ]
    doc = r.to_json_obj()
    assert doc["head"] == {"vars": ["a", "label", "n", "b"]}
    first, second = doc["results"]["bindings"]
    assert first["label"] == {"type": "literal", "value": "Russia", "xml:lang": "en"}
    assert first["n"] == {"type": "literal", "value": "2", "datatype": str(XSD.integer)}
    assert first["b"] == {"type": "bnode", "value": "x"} and set(second) == {"a", "label"}


def test_ask_and_graph_results():
    ask = collect(ask=False)
    assert ask.header() == ["ask"] and ask.to_table_rows() == [["false"]]
    assert ask.to_json_obj() == {"head": {}, "boolean": False}
    triples = [(RUS, MEETS, URIRef(f"urn:x{i}")) for i in range(5)]
    g = collect(triples=iter(triples), max_rows=3)
    assert len(g) == 3 and g.header() == ["subject", "predicate", "object"]
    assert g.to_table_rows()[0][:2] == ["id:actor/RUS", "dkg:meets"]
    buf = io.StringIO()
    g.to_json(buf)
    assert len(json.loads(buf.getvalue())) == 1  # JSON-LD: one subject


def test_max_rows_stops_reading():
    read = []

    def rows():
        for i in range(100):
            read.append(i)
            yield (Literal(i),)

    assert len(collect(vars=["i"], rows=rows(), max_rows=4)) == 4
    assert len(read) <= 5


def test_from_rdflib_results():
    g = Graph()
    g.add((RUS, MEETS, URIRef("urn:syr")))
    sel = from_rdflib(g.query("SELECT ?o WHERE { ?s ?p ?o }"))
    assert sel.vars == ["o"] and sel.rows == [(URIRef("urn:syr"),)]
    assert from_rdflib(g.query("ASK { ?s ?p ?o }")).ask is True
    assert len(from_rdflib(g.query("CONSTRUCT { ?o ?p ?s } WHERE { ?s ?p ?o }"))) == 1


def test_shorten():
    assert shorten(RUS) == "id:actor/RUS" and shorten(MEETS) == "dkg:meets"
    assert shorten(URIRef("urn:other")) == "urn:other" and shorten(None) == ""
    assert shorten(Literal("x")) == "x" and shorten(BNode("b1")) == "_:b1"
