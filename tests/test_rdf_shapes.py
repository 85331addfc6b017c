"""SHACL validation (kg/rdf/shapes.py) on the sample corpus and on broken copies of it."""

from __future__ import annotations

from rdflib import RDFS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import PROV
from test_rdf_mapping import ASSAD, PUTIN, sample_corpus, sample_dataset

from kg.rdf.mapping import relation_event_iri, union_graph
from kg.rdf.namespace import DKG
from kg.rdf.shapes import validate


def _meeting():
    return relation_event_iri(sample_corpus()[0][1][0])


def test_sample_dataset_conforms():
    report = validate(sample_dataset())
    assert report.conforms, [str(v) for v in report.violations]
    assert report.violations == []


def test_a_single_graph_conforms():
    document, relations = sample_corpus()[0]
    ds = Dataset()
    from kg.rdf.mapping import add_document

    g = add_document(ds, document, relations)
    assert validate(g).conforms


def test_event_without_evidence_and_actor_without_label_fail_readably():
    g = union_graph(sample_dataset())
    g.remove((_meeting(), DKG.hasEvidence, None))
    g.remove((URIRef(PUTIN.id), RDFS.label, None))
    report = validate(g)
    assert not report.conforms
    by_path = {(v.path, v.focus): v for v in report.violations}
    ev = by_path[("dkg:hasEvidence", "id:" + str(_meeting()).split("/id/")[1])]
    assert ev.message == "an event needs at least one dkg:hasEvidence pointing at a dkg:Evidence"
    assert ev.severity == "Violation"
    label = by_path[("rdfs:label", "id:actor/Q7747")]
    assert "exactly one rdfs:label" in label.message
    assert "id:actor/Q7747 rdfs:label" in str(label)
    assert len(report.violations) == 2


def test_evidence_checks():
    g = union_graph(sample_dataset())
    ev = next(iter(g.objects(_meeting(), DKG.hasEvidence)))
    g.set((ev, DKG.start, Literal(10_000, datatype=XSD.integer)))  # start > end
    g.set((ev, DKG.confidence, Literal("1.5", datatype=XSD.decimal)))
    g.remove((ev, PROV.wasDerivedFrom, None))
    messages = {(v.path, v.message) for v in validate(g).violations}
    assert ("dkg:start", "evidence needs one xsd:integer dkg:start ≥ 0 and ≤ its dkg:end") in messages
    assert ("dkg:confidence", "dkg:confidence is one xsd:decimal in [0, 1]") in messages
    assert any(p == "prov:wasDerivedFrom" for p, _ in messages)


def test_source_must_be_an_actor_and_modality_in_scheme():
    g = union_graph(sample_dataset())
    e = _meeting()
    g.set((e, DKG.source, URIRef("https://w3id.org/diplomatic-kg/id/place/the-kremlin-rus")))
    g.set((e, DKG.modality, DKG.ModalityScheme))
    g.add((e, DKG.target, URIRef(ASSAD.id)))  # already there: still one target
    paths = {v.path for v in validate(g).violations}
    assert {"dkg:source", "dkg:modality"} <= paths


def test_document_needs_identifier_and_hash():
    from rdflib.namespace import DCTERMS

    g = union_graph(sample_dataset())
    doc = next(iter(g.subjects(DKG.contentHash, None)))
    g.remove((doc, DCTERMS.identifier, None))
    g.set((doc, DKG.contentHash, Literal("md5:abc")))
    paths = {v.path for v in validate(g).violations if v.focus.startswith("id:doc/")}
    assert paths == {"dct:identifier", "dkg:contentHash"}


def test_a_graph_of_something_else_is_not_said_to_conform(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    other = tmp_path / "other.ttl"
    other.write_text("@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(other)])
    assert result.exit_code == 1 and "holds no diplomatic-kg data" in result.output
    assert "conforms" not in result.output
