"""Records → named graphs (kg/rdf/mapping.py), on hand-built records.

``sample_corpus()`` is a two-document corpus modelled on the seed article (Putin meets
Assad in the Kremlin; Damascus urges Moscow; a Turkish source denies an Erdogan–Assad
meeting; Russia supports Assad) plus a second article reporting the same meeting the other
way round. ``test_rdf_queries.py`` and ``test_rdf_shapes.py`` reuse it.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from decimal import Decimal

import pytest
from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV

from kg.errors import InputError
from kg.iri import actor_iri, document_iri, event_iri, place_iri
from kg.rdf.mapping import (
    REPORTED,
    add_document,
    content_hash,
    document_graph,
    load_dataset,
    relation_event_iri,
    union_graph,
    write_dataset,
)
from kg.rdf.namespace import DKG, WD
from kg.records import Actor, ActorKind, Document, Modality, Place, Relation

RUSSIA = Actor(actor_iri("RUS"), "Russia", ActorKind.STATE, "RUS", "Q159")
SYRIA = Actor(actor_iri("SYR"), "Syria", ActorKind.STATE, "SYR", "Q858")
TURKEY = Actor(actor_iri("TUR"), "Turkey", ActorKind.STATE, "TUR", "Q43")
PUTIN = Actor(actor_iri("Q7747"), "Vladimir Putin", ActorKind.PERSON, "RUS", "Q7747")
ASSAD = Actor(actor_iri("Q44329"), "Bashar al-Assad", ActorKind.PERSON, "SYR", "Q44329")
ERDOGAN = Actor(actor_iri("Q39723"), "Recep Tayyip Erdoğan", ActorKind.PERSON, "TUR", "Q39723")
PESKOV = Actor(actor_iri("Dmitry Peskov"), "Dmitry Peskov", ActorKind.PERSON, "RUS")
WEST = Actor(actor_iri("the West"), "the West", ActorKind.COLLECTIVE)

TEXT_A = (
    "Russian President Vladimir Putin met with Syrian President Bashar al-Assad in the "
    "Kremlin on Wednesday. Damascus has been urging Russia to use its influence with Israel. "
    "A Turkish diplomatic source denied earlier reports of an August meeting in Moscow. "
    "Russia has been a staunch supporter of Assad. The West, however, has criticized Assad."
)
TEXT_B = (
    "Assad met Putin in Moscow on Wednesday, Kremlin spokesman Dmitry Peskov said. Russia criticized Assad."
)


def _sentence(text: str, n: int) -> tuple[str, int, int]:
    """The n-th sentence of ``text`` with its offsets (sentences end with '. ')."""
    start = 0
    for _ in range(n):
        start = text.index(". ", start) + 2
    end = text.find(". ", start)
    end = len(text) if end < 0 else end + 1
    return text[start:end], start, end


def _rel(
    doc: Document, n: int, relation: str, modality: Modality, source: Actor, target: Actor | None, **kw
) -> Relation:
    sentence, start, end = _sentence(doc.text, n)
    return Relation(
        doc=doc.id,
        relation=relation,
        modality=modality,
        source=source,
        target=target,
        sentence=sentence,
        start=start,
        end=end,
        **kw,
    )


def sample_corpus() -> list[tuple[Document, list[Relation]]]:
    """Two documents and their relations (see the module docstring)."""
    a = Document(
        id="seeds/000_a.txt",
        text=TEXT_A,
        date="2023-07-26",
        title="Putin meets Assad",
        url="https://example.org/a?x=1&y=<2>",
        publisher="Example News",
    )
    b = Document(id="seeds/001_b.txt", text=TEXT_B, date="2023-07-27")
    kremlin = Place("the Kremlin", "RUS")
    meet_a = _rel(
        a,
        0,
        "meets",
        Modality.ASSERTED,
        PUTIN,
        ASSAD,
        date="2023-07-26",
        date_granularity="day",
        place=kremlin,
        confidence=0.9,
        trigger="met",
    )
    urge = _rel(a, 1, "urges", Modality.REPORTED, SYRIA, RUSSIA, confidence=0.7, trigger="urging")
    denied = _rel(
        a,
        2,
        "meets",
        Modality.DENIED,
        ERDOGAN,
        ASSAD,
        date="2023-08-01",
        date_granularity="month",
        confidence=0.6,
        trigger="meeting",
    )
    denial = _rel(
        a, 2, "denies", Modality.ASSERTED, TURKEY, None, about=denied, confidence=0.8, trigger="denied"
    )
    support = _rel(a, 3, "supports", Modality.ASSERTED, RUSSIA, ASSAD, confidence=0.85, trigger="supporter")
    west = _rel(a, 4, "criticizes", Modality.ASSERTED, WEST, ASSAD, confidence=0.6666, trigger="criticized")
    meet_b = _rel(
        b,
        0,
        "meets",
        Modality.ASSERTED,
        ASSAD,
        PUTIN,
        date="2023-07-26",
        date_granularity="day",
        place=Place("Moscow", "RUS"),
        confidence=0.8,
        trigger="met",
        attributed_to=PESKOV,
    )
    crit = _rel(b, 1, "criticizes", Modality.ASSERTED, RUSSIA, ASSAD, trigger="criticized")
    return [(a, [meet_a, urge, denied, denial, support, west]), (b, [meet_b, crit])]


def sample_dataset() -> Dataset:
    """The sample corpus as a Dataset with one named graph per document."""
    ds = Dataset(default_union=True)
    for document, relations in sample_corpus():
        add_document(ds, document, relations)
    return ds


def _named(ds: Dataset) -> list[Graph]:
    return [g for g in ds.graphs() if len(g)]


# ---------------------------------------------------------------- one document graph


def test_document_triples():
    a, rels = sample_corpus()[0]
    g = document_graph(a, rels)
    doc = URIRef(document_iri(a.id))
    assert g.identifier == doc
    assert {DKG.Document, PROV.Entity} <= set(g.objects(doc, RDF.type))
    assert g.value(doc, DCTERMS.identifier) == Literal(a.id)
    sha = hashlib.sha256(TEXT_A.encode("utf-8")).hexdigest()
    assert g.value(doc, DKG.contentHash) == Literal(f"sha256:{sha}") == Literal(content_hash(TEXT_A))
    assert g.value(doc, DKG.url) == Literal(a.url, datatype=XSD.anyURI)
    assert g.value(doc, DCTERMS.date) == Literal("2023-07-26", datatype=XSD.date)
    assert g.value(doc, DCTERMS.title) == Literal("Putin meets Assad")
    assert g.value(doc, DCTERMS.publisher) == Literal("Example News")


def test_actor_triples():
    a, rels = sample_corpus()[0]
    g = document_graph(a, rels)
    putin, rus = URIRef(PUTIN.id), URIRef(RUSSIA.id)
    assert set(g.objects(putin, RDF.type)) == {DKG.Person, DKG.Actor}
    assert g.value(putin, RDFS.label) == Literal("Vladimir Putin")
    assert g.value(putin, DKG.country) == rus
    assert g.value(putin, OWL.sameAs) == WD.Q7747
    assert g.value(putin, DKG.iso3) is None  # only states carry iso3
    assert g.value(rus, DKG.iso3) == Literal("RUS")
    assert g.value(rus, DKG.country) == rus  # a state's country is itself
    assert set(g.objects(URIRef(WEST.id), RDF.type)) == {DKG.Collective, DKG.Actor}
    assert g.value(URIRef(WEST.id), DKG.country) is None


def test_event_evidence_and_place():
    a, rels = sample_corpus()[0]
    meet = rels[0]
    g = document_graph(a, rels)
    e = URIRef(event_iri("meets", PUTIN.id, ASSAD.id, "asserted", "2023-07-26"))
    assert e == relation_event_iri(meet)
    # the class, its CAMEO grouping and dkg:Event: queries by any of them need no inference
    assert set(g.objects(e, RDF.type)) == {DKG.Meeting, DKG.VerbalCooperation, DKG.Cooperation, DKG.Event}
    assert g.value(e, DKG.relation) == Literal("meets")
    assert g.value(e, DKG.modality) == DKG.Asserted
    assert g.value(e, DKG.date) == Literal("2023-07-26", datatype=XSD.date)
    assert g.value(e, DKG.dateGranularity) == Literal("day")
    place = URIRef(place_iri("the Kremlin", "RUS"))
    assert g.value(e, DKG.place) == place
    assert g.value(place, RDF.type) == DKG.Place
    assert g.value(place, RDFS.label) == Literal("the Kremlin")
    assert g.value(place, DKG.country) == URIRef(RUSSIA.id)
    ev = g.value(e, DKG.hasEvidence)
    assert {DKG.Evidence, PROV.Entity} <= set(g.objects(ev, RDF.type))
    assert g.value(ev, PROV.wasDerivedFrom) == URIRef(document_iri(a.id))
    sentence = g.value(ev, DKG.sentence)
    start, end = g.value(ev, DKG.start), g.value(ev, DKG.end)
    assert start.datatype == XSD.integer and end.datatype == XSD.integer
    assert a.text[start.toPython() : end.toPython()] == str(sentence)
    assert g.value(ev, DKG.trigger) == Literal("met")
    assert g.value(ev, DKG.confidence) == Literal(Decimal("0.9"), datatype=XSD.decimal)


def test_confidence_is_a_decimal_rounded_to_three_places():
    a, rels = sample_corpus()[0]
    g = document_graph(a, rels)
    ev = g.value(relation_event_iri(rels[5], a), DKG.hasEvidence)
    conf = g.value(ev, DKG.confidence)
    assert conf.datatype == XSD.decimal and conf.toPython() == Decimal("0.667")


def test_direct_edges_only_for_claims():
    a, rels = sample_corpus()[0]
    g = document_graph(a, rels)
    # meetings are stored with their actors in IRI order (Q44329 < Q7747)
    assert (URIRef(ASSAD.id), DKG.meets, URIRef(PUTIN.id)) in g
    assert (URIRef(SYRIA.id), DKG.urges, URIRef(RUSSIA.id)) in g  # reported is a claim
    assert (URIRef(RUSSIA.id), DKG.supports, URIRef(ASSAD.id)) in g
    # the denied meeting is an event but not an edge
    assert (None, DKG.meets, URIRef(ASSAD.id)) not in g
    assert (URIRef(ERDOGAN.id), DKG.meets, None) not in g
    assert relation_event_iri(rels[2]) in set(g.subjects(RDF.type, DKG.Meeting))
    # a denial without a target has no edge at all
    assert (URIRef(TURKEY.id), DKG.denies, None) not in g


def test_denial_links_the_denied_claim():
    a, rels = sample_corpus()[0]
    g = document_graph(a, rels)
    denial, denied = relation_event_iri(rels[3], a), relation_event_iri(rels[2], a)
    assert set(g.objects(denial, RDF.type)) == {DKG.Denial, DKG.VerbalConflict, DKG.Conflict, DKG.Event}
    assert g.value(denial, DKG.deniedClaim) == denied
    assert g.value(denied, DKG.modality) == DKG.Denied
    assert g.value(denied, DKG.dateGranularity) == Literal("month")
    assert g.value(denial, DKG.target) is None


def test_attribution_on_evidence():
    b, rels = sample_corpus()[1]
    g = document_graph(b, rels)
    ev = g.value(relation_event_iri(rels[0]), DKG.hasEvidence)
    assert g.value(ev, DKG.attributedTo) == URIRef(PESKOV.id)
    assert g.value(ev, PROV.wasAttributedTo) == URIRef(PESKOV.id)
    assert g.value(URIRef(PESKOV.id), RDFS.label) == Literal("Dmitry Peskov")


def test_month_and_year_dates_become_full_dates():
    doc = Document(id="d", text="Russia supports Syria.")
    for date, gran, full in [("2023-08", "month", "2023-08-01"), ("2023", "year", "2023-01-01")]:
        r = Relation(
            "d",
            "supports",
            Modality.ASSERTED,
            RUSSIA,
            SYRIA,
            doc.text,
            0,
            22,
            date=date,
            date_granularity=gran,
        )
        g = document_graph(doc, [r])
        e = relation_event_iri(r)
        assert g.value(e, DKG.date) == Literal(full, datatype=XSD.date)
        assert g.value(e, DKG.dateGranularity) == Literal(gran)


def test_bad_relation_and_date_raise_coded_errors():
    doc = Document(id="d", text="x", origin="in.jsonl:3")
    bad = Relation("d", "hugs", Modality.ASSERTED, RUSSIA, SYRIA, "x", 0, 1)
    with pytest.raises(InputError, match=r"E321 in.jsonl:3: unknown relation 'hugs'; valid: meets"):
        document_graph(doc, [bad])
    bad_date = Relation("d", "meets", Modality.ASSERTED, RUSSIA, SYRIA, "x", 0, 1, date="26/07/2023")
    with pytest.raises(InputError, match="E322"):
        document_graph(doc, [bad_date])


def test_rebuilding_gives_the_same_triples():
    a, rels = sample_corpus()[0]
    assert isomorphic(document_graph(a, rels), document_graph(a, rels))
    assert set(document_graph(a, rels)) == set(document_graph(a, list(reversed(rels))))


# ---------------------------------------------------------------- datasets


def test_add_document_twice_is_idempotent():
    once = sample_dataset()
    twice = sample_dataset()
    for document, relations in sample_corpus():
        add_document(twice, document, relations)
    assert len(_named(twice)) == 2
    assert set(once.quads()) == set(twice.quads())


def test_add_document_replaces_the_old_graph():
    ds = sample_dataset()
    a, rels = sample_corpus()[0]
    g = add_document(ds, a, rels[:1])  # the article now yields only the meeting
    assert g.identifier == URIRef(document_iri(a.id))
    assert (URIRef(RUSSIA.id), DKG.supports, URIRef(ASSAD.id)) not in union_graph(ds)
    assert set(ds.graph(g.identifier)) == set(document_graph(a, rels[:1]))


def test_same_event_in_two_documents_is_one_event_with_two_evidence_nodes():
    ds = sample_dataset()
    u = union_graph(ds)
    e = relation_event_iri(sample_corpus()[0][1][0])
    assert e == relation_event_iri(sample_corpus()[1][1][0])  # Putin→Assad == Assad→Putin
    evidence = set(u.objects(e, DKG.hasEvidence))
    assert len(evidence) == 2
    assert {u.value(ev, PROV.wasDerivedFrom) for ev in evidence} == {
        URIRef(document_iri(d.id)) for d, _ in sample_corpus()
    }
    assert len(set(u.objects(e, DKG.source))) == 1  # one orientation for every document
    assert len(set(u.objects(e, DKG.place))) == 2  # the Kremlin and Moscow


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".jsonld"])
def test_quad_formats_round_trip(tmp_path, suffix):
    ds = sample_dataset()
    back = load_dataset(write_dataset(ds, tmp_path / f"kg{suffix}"))
    assert {g.identifier for g in _named(back)} == {g.identifier for g in _named(ds)}
    for g in _named(ds):
        assert isomorphic(back.graph(g.identifier), g)


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_triple_formats_write_the_union(tmp_path, suffix):
    ds = sample_dataset()
    back = load_dataset(write_dataset(ds, tmp_path / f"kg{suffix}"))
    assert isomorphic(union_graph(back), union_graph(ds))


def test_load_dataset_errors_name_the_file(tmp_path):
    with pytest.raises(InputError, match=r"E323 .*kg.xml: unknown RDF file suffix '.xml'; valid: .trig"):
        load_dataset(tmp_path / "kg.xml")
    with pytest.raises(InputError, match=r"E323 .*missing.trig: no such file"):
        load_dataset(tmp_path / "missing.trig")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .\n\ndkg:a dkg:b .\n")
    with pytest.raises(InputError, match=r"E324 .*bad.ttl"):
        load_dataset(bad)


def test_prefixes_are_bound():
    prefixes = dict(sample_dataset().namespaces())
    for p in ("dkg", "id", "prov", "dct", "skos", "owl", "wd"):
        assert p in prefixes
    assert str(prefixes["dkg"]) == str(DKG._NS)


def test_readme_worked_example_is_what_the_mapping_writes(monkeypatch):
    """ontology/README.md shows the seed's Putin–Assad meeting; keep it true."""
    import re
    from pathlib import Path

    from kg.ingest import iter_documents
    from kg.resources import read_text

    root = Path(__file__).resolve().parents[1]
    seed = root / "seeds" / "000_72b9556ecc5a0186.txt"
    if not seed.is_file():
        pytest.skip("seeds/ not in this checkout")
    monkeypatch.chdir(root)  # the document id is the path as given: seeds/…
    [doc] = list(iter_documents([str(seed.relative_to(root))], default_date="2023-03-17"))
    sentence = doc.text[: doc.text.index(". ") + 1]
    rel = Relation(
        doc.id,
        "meets",
        Modality.ASSERTED,
        PUTIN,
        ASSAD,
        sentence,
        0,
        len(sentence),
        date="2023-03-15",
        date_granularity="day",
        place=Place("the Kremlin", "RUS"),
        confidence=0.9,
        trigger="met",
    )
    trig = re.search(r"```trig\n(.*?)```", read_text("README.md"), re.S).group(1)
    shown = Dataset().parse(data=trig, format="trig")
    [g] = [g for g in shown.graphs() if len(g)]
    assert isomorphic(g, document_graph(doc, [rel]))


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".ttl", ".nt"])
def test_written_files_do_not_depend_on_insertion_order(tmp_path, suffix):
    forward = sample_dataset()
    backward = Dataset()
    for document, relations in reversed(sample_corpus()):
        add_document(backward, document, list(reversed(relations)))
    a = write_dataset(forward, tmp_path / f"a{suffix}").read_bytes()
    b = write_dataset(backward, tmp_path / f"b{suffix}").read_bytes()
    assert a == b


def test_an_event_stated_twice_in_one_sentence_has_one_evidence_node():
    a, rels = sample_corpus()[0]
    meet = rels[0]
    again = Relation(**{**meet.__dict__, "confidence": 0.95, "trigger": "meeting"})
    g = document_graph(a, [meet, again])
    [ev] = list(g.objects(relation_event_iri(meet), DKG.hasEvidence))
    assert g.value(ev, DKG.confidence) == Literal(Decimal("0.95"), datatype=XSD.decimal)
    assert list(g.objects(ev, DKG.trigger)) == [Literal("meeting")]
    assert set(g) == set(document_graph(a, [again, meet]))  # order does not matter
    from kg.rdf.shapes import validate

    assert validate(g).conforms


# ---------------------------------------------------------------- every event has a date (issue 13.1)


def test_an_undated_event_takes_its_reports_date_with_granularity_reported():
    a, rels = sample_corpus()[0]
    g = document_graph(a, rels)
    urge = relation_event_iri(rels[1], a)  # the text gives the urging no date
    assert g.value(urge, DKG.date) == Literal("2023-07-26", datatype=XSD.date)  # a's date
    assert g.value(urge, DKG.dateGranularity) == Literal(REPORTED)
    # the text's own date wins
    assert g.value(relation_event_iri(rels[0], a), DKG.dateGranularity) == Literal("day")
    # every event of a dated document is dated
    events = set(g.subjects(RDF.type, DKG.Event))
    assert events and all(g.value(e, DKG.date) is not None for e in events)


def test_reported_dates_keep_event_identity_sound():
    """An undated event is keyed by its report's date (kg.iri.event_iri): the same
    undated claim in two documents of one day is one event with one date; in documents of
    two days it is two events, never one event with two dates."""
    a, rels = sample_corpus()[0]
    crit = rels[5]  # the West criticizes Assad, undated
    same_day = Document(id="other-same-day", text=a.text, date=a.date)
    next_day = Document(id="other-next-day", text=a.text, date="2023-07-30")
    ds = Dataset(default_union=True)
    for doc in (a, same_day, next_day):
        add_document(ds, doc, [replace(crit, doc=doc.id)])
    union = union_graph(ds)
    events = sorted(union.subjects(DKG.relation, Literal("criticizes")))
    assert len(events) == 2
    for e in events:
        assert len(set(union.objects(e, DKG.date))) == 1
        assert union.value(e, DKG.dateGranularity) == Literal(REPORTED)
    dates = sorted(str(union.value(e, DKG.date)) for e in events)
    assert dates == ["2023-07-26", "2023-07-30"]
    merged = relation_event_iri(crit, a)
    assert len({d for d in union.objects(merged, DKG.hasEvidence)}) == 2  # a and same_day


def test_an_undated_document_leaves_undated_events_undated():
    a, rels = sample_corpus()[0]
    undated = replace(a, date=None)
    g = document_graph(undated, rels)
    urge = relation_event_iri(rels[1], undated)
    assert g.value(urge, DKG.date) is None and g.value(urge, DKG.dateGranularity) is None
