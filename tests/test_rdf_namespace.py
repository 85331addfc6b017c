"""The generated ``kg/rdf/_DKG.py`` matches ``ontology/dkg.ttl``, and the ontology is complete."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.iri import ONTOLOGY
from kg.rdf import _DKG
from kg.rdf.gen_namespace import namespace_terms, render_namespace
from kg.rdf.mapping import EVENT_CLASS, KIND_CLASS, MODALITY_CONCEPT
from kg.rdf.namespace import DKG
from kg.records import RELATIONS, Modality
from kg.resources import read_text

PROV_ENTITY = URIRef("http://www.w3.org/ns/prov#Entity")
PROV_ATTRIBUTED = URIRef("http://www.w3.org/ns/prov#wasAttributedTo")


@pytest.fixture(scope="module")
def ttl() -> str:
    return read_text("dkg.ttl")


@pytest.fixture(scope="module")
def onto(ttl) -> Graph:
    return Graph().parse(data=ttl, format="turtle")


def test_generated_namespace_is_in_sync(ttl):
    regenerated = render_namespace(ttl)
    current = Path(_DKG.__file__).read_text(encoding="utf-8")
    assert regenerated == current, "run: python -m kg.rdf.gen_namespace"


def test_term_lists_match(ttl):
    in_ttl = {name for name, _ in namespace_terms(ttl)}
    in_py = set(DKG.__annotations__)
    assert in_ttl == in_py


def test_unknown_terms_raise():
    with pytest.raises(AttributeError):
        _ = DKG.Meetin


def test_every_term_has_label_and_definition(onto):
    for name, _ in namespace_terms(read_text("dkg.ttl")):
        term = URIRef(ONTOLOGY + name)
        assert onto.value(term, RDFS.label), f"dkg:{name} has no rdfs:label"
        assert onto.value(term, SKOS.definition), f"dkg:{name} has no skos:definition"


def test_ontology_header_has_a_version(onto):
    header = next(onto.subjects(RDF.type, OWL.Ontology))
    assert onto.value(header, OWL.versionInfo)
    assert onto.value(header, OWL.versionIRI)


def test_every_relation_has_class_edge_and_weight(onto):
    assert set(EVENT_CLASS) == set(RELATIONS)
    for relation, cls in EVENT_CLASS.items():
        assert (cls, RDFS.subClassOf, DKG.Event) in onto
        assert str(onto.value(cls, DKG.relationName)) == relation
        edge = DKG[relation]
        assert onto.value(cls, DKG.edgeProperty) == edge
        assert (edge, RDF.type, OWL.ObjectProperty) in onto
        assert onto.value(edge, DKG.signedWeight) is not None, relation
        codes = {str(c) for p in (SKOS.closeMatch, SKOS.exactMatch) for c in onto.objects(cls, p)}
        assert any("/cameo/" in c for c in codes) and any("/plover/" in c for c in codes), relation
        for c in codes:
            assert (URIRef(c), SKOS.notation, None) in onto


def test_signed_weights(onto):
    weight = {r: float(onto.value(DKG[r], DKG.signedWeight)) for r in RELATIONS}
    assert weight["supports"] == weight["meets"] == weight["agrees"] == 1.0
    assert weight["attacks"] == -2.0 and weight["visits"] == 0.5
    assert weight["threatens"] == weight["sanctions"] == -1.5
    assert weight["urges"] == -0.25 and weight["denies"] == -0.5 and weight["criticizes"] == -1


def test_meets_is_symmetric_and_provenance_aligned(onto):
    assert (DKG.meets, RDF.type, OWL.SymmetricProperty) in onto
    assert (DKG.Document, RDFS.subClassOf, PROV_ENTITY) in onto
    assert (DKG.Evidence, RDFS.subClassOf, PROV_ENTITY) in onto
    assert (DKG.attributedTo, RDFS.subPropertyOf, PROV_ATTRIBUTED) in onto


def test_actor_classes_and_modality_scheme(onto):
    for cls in KIND_CLASS.values():
        assert (cls, RDFS.subClassOf, DKG.Actor) in onto
    assert {m.value for m in Modality} == set(MODALITY_CONCEPT)
    for concept in MODALITY_CONCEPT.values():
        assert (concept, SKOS.inScheme, DKG.ModalityScheme) in onto
    assert (DKG.deniedClaim, RDFS.domain, DKG.Denial) in onto
