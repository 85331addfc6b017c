"""kg.vocab: the vocabulary read from ontology/dkg.ttl, and no relation name written anywhere
else in kg/ (issue 15: one vocabulary)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, URIRef
from rdflib.namespace import SKOS

from kg import vocab
from kg.rdf.namespace import DKG
from kg.records import CORE_RELATIONS, RELATIONS, ActorKind, Modality
from kg.resources import ontology_dir, read_text

KG = Path(__file__).resolve().parents[1] / "kg"


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(data=read_text("dkg.ttl"), format="turtle")


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the Constant nodes that are module, class or function docstrings."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and (
                isinstance(first.value.value, str)
            ):
                out.add(id(first.value))
    return out


def relation_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal that is a relation name, or that spells one
    as ``dkg:name`` or as a quoted word inside a longer string; docstrings are allowed.

    >>> relation_literals('x = "meets"\\ny = f"{a} visits"\\nq = "?e dkg:agrees ?b"\\n')
    [(1, 'meets'), (3, '?e dkg:agrees ?b')]
    """
    names = set(vocab.relation_names())
    words = "|".join(sorted(names))
    inside = re.compile(rf"dkg:(?:{words})\b|([\"'])(?:{words})\1")
    tree = ast.parse(source)
    allowed = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in allowed
            and (node.value in names or inside.search(node.value))
        ):
            found.append((node.lineno, node.value))
    return sorted(found)


def test_no_relation_name_is_written_in_kg_outside_the_vocabulary():
    """Every relation name comes from the ontology: a literal "meets" (or a SPARQL
    ``dkg:meets``) in code is a second copy that can drift (as ``agrees`` did)."""
    files = sorted(p for p in KG.rglob("*.py") if p.name != "vocab.py" and p.name != "_DKG.py")
    assert len(files) > 30 and KG / "nlp" / "relations.py" in files
    offences = [
        f"{p.relative_to(KG.parent)}:{line}: {text!r}"
        for p in files
        for line, text in relation_literals(p.read_text(encoding="utf-8"))
    ]
    assert offences == [], "name relations with kg.vocab (relation_of(DKG.Meeting)):\n" + "\n".join(offences)


def test_the_literal_check_sees_literals():
    src = 'if relation == "denies":\n    pass\nQ = "SELECT ?a WHERE { ?a dkg:meets ?b }"\n'
    assert [line for line, _ in relation_literals(src)] == [1, 3]
    assert relation_literals('"""Putin meets Assad: "meets" in a docstring."""\n') == []


def test_relations_in_ontology_order(onto):
    assert vocab.relation_names() == RELATIONS
    assert RELATIONS[:4] == CORE_RELATIONS == vocab.core_relations()
    assert len(RELATIONS) == len(set(RELATIONS)) == len(set(onto.subjects(DKG.relationName, None)))
    for name in RELATIONS:
        r = vocab.relation(name)
        assert str(onto.value(r.event_class, DKG.relationName)) == name
        assert onto.value(r.event_class, DKG.edgeProperty) == r.edge_property
        assert vocab.relation_of(r.event_class) == vocab.relation_of(r.edge_property) == name


def test_relation_of_names_a_relation_by_its_term():
    assert vocab.relation_of(DKG.Meeting) == "meets"
    assert vocab.relation_of(DKG.deniedClaim.replace("deniedClaim", "Denial")) == "denies"
    with pytest.raises(ValueError, match="no event class"):
        vocab.relation_of(DKG.Actor)
    with pytest.raises(ValueError, match="valid: meets, supports"):
        vocab.relation("meetz")


def test_symmetry_is_the_ontologys(onto):
    symmetric = {r for r in RELATIONS if (vocab.edge_property(r), RDF.type, OWL.SymmetricProperty) in onto}
    assert vocab.symmetric_relations() == symmetric == {"meets"}
    # agrees is directed (CAMEO 03: the source expresses intent to cooperate with the target)
    assert not vocab.is_symmetric("agrees") and not vocab.is_symmetric(None)


def test_signed_weights_only_from_the_ontology(onto):
    assert not (Path(str(ontology_dir("patterns"))) / "signed_weights.json").exists()
    weights = vocab.signed_weights()
    assert set(weights) == set(RELATIONS)
    for name, w in weights.items():
        assert w == float(onto.value(vocab.edge_property(name), DKG.signedWeight))


def test_claims_kinds_and_lenient_matches(onto):
    assert vocab.claim_modalities() == ("asserted", "reported")
    assert {m.value for m in Modality} == set(vocab.modality_names())
    assert {m.value for m in Modality if m.is_claim} == set(vocab.claim_modalities())
    for m in vocab.modality_names():
        assert (vocab.modality_concept(m), SKOS.inScheme, DKG.ModalityScheme) in onto
        assert vocab.modality_of(vocab.modality_concept(m)) == m
    assert {k.value for k in ActorKind} == set(vocab.actor_kinds())
    assert vocab.kind_class(ActorKind.GROUP) == DKG.ArmedGroup and vocab.kind_of(DKG.State) == "state"
    assert vocab.kind_of(URIRef("urn:x")) is None
    assert vocab.lenient_matches() == {"visits": "meets", "agrees": "supports", "requests": "urges"}
    assert set(vocab.relation_colors()) == set(RELATIONS)


def test_namespace_and_default_model():
    assert vocab.namespace() == str(DKG._NS)
    from kg.nlp.pipeline import DEFAULT_MODEL

    assert DEFAULT_MODEL == vocab.DEFAULT_MODEL


def test_importing_the_vocabulary_reads_nothing():
    import subprocess
    import sys

    code = "import sys, kg.vocab, kg.records; print('rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_broken_ontology_says_which_term():
    ttl = read_text("dkg.ttl").replace("    dkg:edgeProperty dkg:visits ;\n", "")
    with pytest.raises(ValueError, match="Visit has no dkg:edgeProperty"):
        vocab._read(ttl)
