"""Map :class:`~kg.records.Document` and :class:`~kg.records.Relation` records to RDF.

One named graph per document (``docs/rdf-model.md``): the graph's name is the document
IRI, and it holds the document, every actor, event, place and evidence derived from it, and
the direct edge of every claim. Events are deduplicated across documents by
:func:`kg.iri.event_iri`, so the union of the graphs merges what several documents say and
dropping one graph withdraws exactly that document's support.

Examples
--------
>>> from kg.records import Actor, ActorKind, Document, Modality, Relation
>>> putin = Actor(actor_iri("Q7747"), "Vladimir Putin", ActorKind.PERSON, "RUS", "Q7747")
>>> assad = Actor(actor_iri("Q44329"), "Bashar al-Assad", ActorKind.PERSON, "SYR", "Q44329")
>>> doc = Document(id="seed-0", text="Putin met Assad.", date="2023-07-26")
>>> rel = Relation(doc="seed-0", relation="meets", modality=Modality.ASSERTED, source=putin,
...                target=assad, sentence="Putin met Assad.", start=0, end=16, trigger="met")
>>> g = document_graph(doc, [rel])
>>> (URIRef(assad.id), DKG.meets, URIRef(putin.id)) in g  # meetings: actors in IRI order
True
>>> ds = Dataset()
>>> _ = add_document(ds, doc, [rel]); _ = add_document(ds, doc, [rel])
>>> len(list(ds.graphs())) - 1  # the default graph plus one graph per document
1
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, PROV

from kg import vocab
from kg.errors import InputError
from kg.iri import actor_iri, document_iri, event_iri, evidence_iri, place_iri
from kg.rdf.namespace import DKG, PREFIXES, WD
from kg.records import Actor, ActorKind, Document, Place, Relation

__all__ = [
    "EVENT_CLASS",  # noqa: F822 (computed from the ontology: __getattr__ below)
    "FORMATS",
    "KIND_CLASS",  # noqa: F822
    "MODALITY_CONCEPT",  # noqa: F822
    "add_document",
    "add_graph",
    "bind_prefixes",
    "content_hash",
    "document_graph",
    "load_dataset",
    "relation_event_iri",
    "union_graph",
    "write_dataset",
]

#: File suffix → rdflib format; ``quads`` says whether the format keeps named graphs.
FORMATS: dict[str, tuple[str, bool]] = {
    ".trig": ("trig", True),
    ".nq": ("nquads", True),
    ".jsonld": ("json-ld", True),
    ".ttl": ("turtle", False),
    ".nt": ("nt", False),
}

_GRANULARITIES = ("day", "month", "year")


def content_hash(text: str) -> str:
    """``"sha256:"`` and the hex SHA-256 of ``text`` encoded as UTF-8.

    >>> content_hash("")[:20]
    'sha256:e3b0c44298fc1'
    """
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def relation_event_iri(relation: Relation, document: Document | None = None) -> URIRef:
    """The IRI of the event a relation states (the same for every document stating it).

    An event is identified by its relation, actors, modality and date. When the text
    gives no date, the report stands in for it: the document's date, else the document
    itself. So undated meetings of the same two leaders in different years never merge;
    two articles of the same day reporting the same undated meeting do.

    >>> from kg.records import Actor, ActorKind, Modality, Relation
    >>> rus = Actor(actor_iri("RUS"), "Russia", ActorKind.STATE, "RUS")
    >>> r = Relation("d", "supports", Modality.ASSERTED, rus, None, "Russia helps.", 0, 13)
    >>> relation_event_iri(r).startswith("https://w3id.org/diplomatic-kg/id/event/supports-")
    True
    """
    return URIRef(
        event_iri(
            relation.relation,
            relation.source.id,
            relation.target.id if relation.target else None,
            relation.modality.value,
            relation.date or _undated_key(document),
        )
    )


def _undated_key(document: Document | None) -> str | None:
    if document is None:
        return None
    return f"reported:{document.date}" if document.date else f"doc:{document.id}"


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the prefixes of the RDF model (dkg, id, prov, dct, skos, owl, wd, …) on ``graph``."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, Namespace(ns), override=True, replace=True)
    return graph


def document_graph(document: Document, relations: Iterable[Relation]) -> Graph:
    """The named graph of one document: the document, its actors, events and evidence.

    Parameters
    ----------
    document : Document
        The article; its IRI (:func:`kg.iri.document_iri`) names the graph.
    relations : iterable of Relation
        The relations extracted from it. A ``denies`` relation whose ``about`` is set
        links its event to the denied event with ``dkg:deniedClaim``; the denied event's
        own triples come from its own record (the extractor emits it with modality
        ``denied``).

    Returns
    -------
    rdflib.Graph
        A graph whose ``identifier`` is the document IRI. Building it twice gives the
        same triples.

    Raises
    ------
    kg.errors.InputError
        E321 for a relation name the ontology does not know (:mod:`kg.vocab`), E322 for a
        date that is not ISO ``YYYY[-MM[-DD]]``.

    Examples
    --------
    >>> g = document_graph(Document(id="d1", text="Nothing happened."), [])
    >>> str(g.value(g.identifier, DKG.contentHash))[:7]
    'sha256:'
    """
    doc = URIRef(document_iri(document.id))
    g = bind_prefixes(Graph(identifier=doc))
    _add_document(g, doc, document)
    best: dict[URIRef, tuple[tuple, Relation]] = {}
    for relation in relations:
        ev = _add_event(g, doc, document, relation)
        # one evidence node per event per sentence: when the extractor states the same
        # event twice in a sentence, the more confident statement gives its literals
        key = (relation.confidence, relation.trigger, -relation.trigger_start)
        if ev not in best or key > best[ev][0]:
            best[ev] = (key, relation)
    for ev, (_, relation) in best.items():
        _add_evidence_literals(g, ev, relation)
    return g


def add_document(dataset: Dataset, document: Document, relations: Iterable[Relation]) -> Graph:
    """Replace the named graph of ``document`` in ``dataset`` and return it.

    Re-adding a document gives the same triples; other documents' graphs are untouched.

    Examples
    --------
    >>> ds = Dataset()
    >>> g = add_document(ds, Document(id="d1", text="Hi."), [])
    >>> g.identifier == URIRef(document_iri("d1")) and len(g) > 0
    True
    """
    return add_graph(dataset, document_graph(document, relations))


def add_graph(dataset: Dataset, graph: Graph) -> Graph:
    """Replace the named graph of ``graph.identifier`` in ``dataset`` by the triples of
    ``graph``; return the dataset's graph."""
    bind_prefixes(dataset)
    dataset.remove_graph(graph.identifier)
    target = dataset.graph(graph.identifier)
    target += graph
    return target


def load_dataset(path: str | Path) -> Dataset:
    """Read a ``.trig``, ``.nq``, ``.jsonld``, ``.ttl`` or ``.nt`` file into a Dataset.

    Quad formats keep their named graphs; a ``.ttl``/``.nt`` file becomes the default
    graph. The returned dataset has ``default_union=True`` so queries see every graph.

    Raises
    ------
    kg.errors.InputError
        E323 for an unknown suffix or a missing file, E324 for a file that does not parse
        (the message names the file and, when the parser says, the line).
    """
    p = Path(path)
    fmt = _format_of(p)
    if not p.is_file():
        raise InputError("E323", "no such file", path=str(p))
    ds = bind_prefixes(Dataset(default_union=True))
    try:
        if FORMATS[p.suffix.lower()][1]:
            ds.parse(p, format=fmt)
        else:
            ds.graph(DATASET_DEFAULT_GRAPH_ID).parse(p, format=fmt)
    except Exception as e:  # rdflib raises many parser-specific types
        line = getattr(e, "lineno", None) or getattr(e, "line", None)
        raise InputError(
            "E324",
            f"cannot read {fmt}: {e}",
            path=str(p),
            line=line if isinstance(line, int) else None,
        ) from e
    return ds


def write_dataset(dataset: Dataset | Graph, path: str | Path) -> Path:
    """Write ``dataset`` to ``path`` in the format its suffix names.

    ``.trig``, ``.nq`` and ``.jsonld`` keep the named graphs; ``.ttl`` and ``.nt`` write
    the union of all graphs. The same triples give the same bytes (TriG and Turtle are
    written sorted by rdflib, N-Quads and N-Triples lines are sorted), so outputs diff
    cleanly. Returns the path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> ds = Dataset()
    >>> _ = add_document(ds, Document(id="d1", text="Hi."), [])
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "kg.trig"
    >>> len(load_dataset(write_dataset(ds, out))) == len(union_graph(ds))
    True
    """
    p = Path(path)
    fmt = _format_of(p)
    quads = FORMATS[p.suffix.lower()][1]
    p.parent.mkdir(parents=True, exist_ok=True)
    if quads and isinstance(dataset, Dataset):
        data = _sorted_graphs(dataset).serialize(format=fmt)
    else:
        data = union_graph(dataset).serialize(format=fmt)
    if fmt in ("nquads", "nt"):  # one statement a line: sort them so files diff cleanly
        data = "".join(sorted(data.splitlines(keepends=True)))
    p.write_text(data, encoding="utf-8")
    return p


def _sorted_graphs(dataset: Dataset) -> Dataset:
    """A copy whose named graphs were added in IRI order: rdflib writes TriG graphs in
    insertion order, and the same triples must give the same bytes."""
    out = bind_prefixes(Dataset())
    for g in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if len(g):
            target = out.graph(g.identifier)
            target += g
    return out


def union_graph(source: Dataset | Graph) -> Graph:
    """All triples of every graph of ``source`` merged into one new Graph (prefixes bound)."""
    g = bind_prefixes(Graph())
    if isinstance(source, Dataset):
        for s, p, o, _ in source.quads((None, None, None, None)):
            g.add((s, p, o))
    else:
        for t in source:
            g.add(t)
    return g


# ---------------------------------------------------------------- private helpers


def _format_of(p: Path) -> str:
    try:
        return FORMATS[p.suffix.lower()][0]
    except KeyError:
        valid = ", ".join(FORMATS)
        raise InputError(
            "E323", f"unknown RDF file suffix {p.suffix!r}; valid: {valid}", path=str(p)
        ) from None


def _add_document(g: Graph, doc: URIRef, document: Document) -> None:
    g.add((doc, RDF.type, DKG.Document))
    g.add((doc, RDF.type, PROV.Entity))
    g.add((doc, DCTERMS.identifier, Literal(document.id)))
    g.add((doc, DKG.contentHash, Literal(content_hash(document.text))))
    if document.title:
        g.add((doc, DCTERMS.title, Literal(document.title)))
    if document.url:
        g.add((doc, DKG.url, Literal(document.url, datatype=XSD.anyURI)))
    if document.date:
        g.add((doc, DCTERMS.date, _date(document.date, document.id)))
    if document.publisher:
        g.add((doc, DCTERMS.publisher, Literal(document.publisher)))
    if document.author:
        g.add((doc, DCTERMS.creator, Literal(document.author)))
    if document.part_of:  # a section of a long document: evidence offsets are into the whole
        g.add((doc, DCTERMS.isPartOf, URIRef(document_iri(document.part_of))))


def _add_actor(g: Graph, actor: Actor) -> URIRef:
    a = URIRef(actor.id)
    g.add((a, RDF.type, vocab.kind_class(actor.kind)))
    g.add((a, RDFS.label, Literal(actor.label)))
    if actor.country:
        g.add((a, DKG.country, URIRef(actor_iri(actor.country))))
        if actor.kind == ActorKind.STATE:
            g.add((a, DKG.iso3, Literal(actor.country)))
    if actor.wikidata:
        g.add((a, OWL.sameAs, WD[actor.wikidata]))
    return a


def _add_place(g: Graph, place: Place) -> URIRef:
    p = URIRef(place_iri(place.label, place.country))
    g.add((p, RDF.type, DKG.Place))
    g.add((p, RDFS.label, Literal(place.label)))
    if place.country:
        g.add((p, DKG.country, URIRef(actor_iri(place.country))))
    return p


def _add_event(g: Graph, doc: URIRef, document: Document, rel: Relation) -> URIRef:
    """Add the event, its actors, place and evidence node; return the evidence IRI."""
    try:
        kind = vocab.relation(rel.relation)
    except ValueError as e:
        raise InputError("E321", str(e), path=document.origin or document.id) from None
    event = relation_event_iri(rel, document)
    src, tgt = rel.source, rel.target
    if kind.symmetric and tgt is not None and tgt.id < src.id:
        # a meeting has no direction: one order for every document that reports it,
        # matching event_iri, so the union never holds two sources for one meeting
        src, tgt = tgt, src
    source = _add_actor(g, src)
    g.add((event, RDF.type, kind.event_class))
    g.add((event, DKG.relation, Literal(rel.relation)))
    g.add((event, DKG.source, source))
    g.add((event, DKG.modality, vocab.modality_concept(rel.modality.value)))
    target = _add_actor(g, tgt) if tgt is not None else None
    if target is not None:
        g.add((event, DKG.target, target))
        if rel.modality.is_claim:
            g.add((source, kind.edge_property, target))
    if rel.date:
        g.add((event, DKG.date, _date(rel.date, document.id)))
        if rel.date_granularity in _GRANULARITIES:
            g.add((event, DKG.dateGranularity, Literal(rel.date_granularity)))
    if rel.place is not None:
        g.add((event, DKG.place, _add_place(g, rel.place)))
    if rel.about is not None and kind.event_class == DKG.Denial:
        g.add((event, DKG.deniedClaim, relation_event_iri(rel.about, document)))

    ev = URIRef(evidence_iri(document.id, rel.start, rel.end, str(event)))
    g.add((event, DKG.hasEvidence, ev))
    g.add((ev, RDF.type, DKG.Evidence))
    g.add((ev, RDF.type, PROV.Entity))
    g.add((ev, PROV.wasDerivedFrom, doc))
    g.add((ev, DKG.start, Literal(int(rel.start), datatype=XSD.integer)))
    g.add((ev, DKG.end, Literal(int(rel.end), datatype=XSD.integer)))
    if rel.attributed_to is not None:
        speaker = _add_actor(g, rel.attributed_to)
        g.add((ev, DKG.attributedTo, speaker))
        g.add((ev, PROV.wasAttributedTo, speaker))
    return ev


def _add_evidence_literals(g: Graph, ev: URIRef, rel: Relation) -> None:
    g.add((ev, DKG.sentence, Literal(rel.sentence)))
    if rel.trigger:
        g.add((ev, DKG.trigger, Literal(rel.trigger)))
    conf = Decimal(str(round(float(rel.confidence), 3)))
    g.add((ev, DKG.confidence, Literal(conf, datatype=XSD.decimal)))


def _date(value: str, where: str) -> Literal:
    """A full ``xsd:date``: ``YYYY-MM`` and ``YYYY`` become the first day of the period."""
    parts = value.strip().split("-")
    ok = (
        len(parts) in (1, 2, 3)
        and len(parts[0]) == 4
        and all(p.isdigit() for p in parts)
        and all(len(p) == 2 for p in parts[1:])
    )
    if not ok:
        raise InputError("E322", f"date {value!r} is not ISO YYYY[-MM[-DD]]", path=where)
    full = "-".join([*parts, *["01"] * (3 - len(parts))])
    return Literal(full, datatype=XSD.date)


def __getattr__(name: str) -> Any:
    # The term tables, read from ontology/dkg.ttl by kg.vocab; kept for code that
    # imported them: EVENT_CLASS (relation → event class), KIND_CLASS (ActorKind →
    # actor class) and MODALITY_CONCEPT (modality → concept of dkg:ModalityScheme).
    if name == "EVENT_CLASS":
        return {n: vocab.event_class(n) for n in vocab.relation_names()}
    if name == "KIND_CLASS":
        return {ActorKind(k): vocab.kind_class(k) for k in vocab.actor_kinds()}
    if name == "MODALITY_CONCEPT":
        return {m: vocab.modality_concept(m) for m in vocab.modality_names()}
    raise AttributeError(f"module 'kg.rdf.mapping' has no attribute {name!r}")
