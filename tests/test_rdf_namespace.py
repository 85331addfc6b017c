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
        assert (cls, RDFS.subClassOf * "+", DKG.Event) in onto  # through its grouping
        assert str(onto.value(cls, DKG.relationName)) == relation
        edge = DKG[relation]
        assert onto.value(cls, DKG.edgeProperty) == edge
        assert (edge, RDF.type, OWL.ObjectProperty) in onto
        assert onto.value(edge, DKG.signedWeight) is not None, relation
        codes = {str(c) for p in (SKOS.closeMatch, SKOS.exactMatch) for c in onto.objects(cls, p)}
        assert any("/cameo/" in c for c in codes) and any("/plover/" in c for c in codes), relation
        for c in codes:
            assert (URIRef(c), SKOS.notation, None) in onto


def _goldstein(onto, cls) -> float:
    scores = [float(onto.value(code, DKG.goldstein)) for code in onto.objects(cls, DKG.weightFrom)]
    return sum(scores) / len(scores)


def test_signed_weights_are_the_goldstein_scores_of_their_cameo_codes(onto):
    """Each weight is the (mean) Goldstein score of the CAMEO codes its class names by
    dkg:weightFrom, over 10: the published scale, not our own guess."""
    for relation, cls in EVENT_CLASS.items():
        codes = set(onto.objects(cls, DKG.weightFrom))
        assert codes, f"{relation}: no dkg:weightFrom"
        mappings = (SKOS.closeMatch, SKOS.exactMatch, SKOS.relatedMatch)
        matched = {c for p in mappings for c in onto.objects(cls, p)}
        assert codes <= matched, f"{relation}: weighs by a CAMEO code it does not match"
        weight = float(onto.value(DKG[relation], DKG.signedWeight))
        assert weight == pytest.approx(round(_goldstein(onto, cls) / 10, 3)), relation


def test_signed_weights_order_as_the_issue_asks(onto):
    w = {r: float(onto.value(DKG[r], DKG.signedWeight)) for r in RELATIONS}
    # a consultation is weakly positive, material support and agreement strongly
    assert 0 < w["meets"] < w["visits"] < w["supports"] and w["meets"] < w["agrees"]
    assert w["supports"] >= 0.5 and w["meets"] <= 0.1
    # threats, sanctions and attacks negative, attacks the most
    assert w["attacks"] < w["sanctions"] < w["threatens"] < w["criticizes"] < 0
    assert min(w.values()) == w["attacks"]


def test_every_event_class_has_one_cooperation_or_conflict_grouping(onto):
    """Aligned to CAMEO QuadClass; the weight's sign agrees with the grouping."""
    for relation, cls in EVENT_CLASS.items():
        above = set(onto.transitive_objects(cls, RDFS.subClassOf))
        coop, conflict = DKG.Cooperation in above, DKG.Conflict in above
        assert coop != conflict, relation
        weight = float(onto.value(DKG[relation], DKG.signedWeight))
        assert (weight > 0) == coop, relation
    quads = {int(onto.value(c, DKG.quadClass)): c for c in onto.subjects(DKG.quadClass, None)}
    assert quads == {1: DKG.VerbalCooperation, 2: DKG.MaterialCooperation,
                     3: DKG.VerbalConflict, 4: DKG.MaterialConflict}
    assert (DKG.Attack, RDFS.subClassOf, DKG.MaterialConflict) in onto
    assert (DKG.Meeting, RDFS.subClassOf, DKG.VerbalCooperation) in onto


def test_the_scale_is_cited(onto):
    assert "Goldstein" in str(onto.value(DKG.goldstein, SKOS.definition))
    assert "10.1177/0022002792036002007" in str(onto.value(DKG.goldstein, URIRef("http://purl.org/dc/terms/source")))


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
