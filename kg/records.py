"""Typed records passed between the stages of the pipeline.

text → :class:`Document` → spaCy ``Doc`` → :class:`Relation` records → RDF → NetworkX.

Every record is a frozen dataclass with a ``to_dict`` that gives the JSON shape
printed by ``kg extract --format jsonl``.

Examples
--------
>>> from kg.iri import actor_iri
>>> russia = Actor(id=actor_iri("RUS"), label="Russia", kind=ActorKind.STATE, country="RUS")
>>> russia.to_dict()["country"]
'RUS'
>>> Modality("denied").is_claim
False
>>> from kg.records import CORE_RELATIONS, RELATIONS
>>> RELATIONS[:4] == CORE_RELATIONS
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "CORE_RELATIONS",  # noqa: F822 (computed from the ontology: __getattr__ below)
    "RELATIONS",  # noqa: F822
    "Actor",
    "ActorKind",
    "Document",
    "Modality",
    "Place",
    "Relation",
]
# RELATIONS and CORE_RELATIONS are module attributes computed from the ontology
# (see __getattr__ at the end and kg.vocab).


class Modality(StrEnum):
    """How a text holds a relation to be true."""

    ASSERTED = "asserted"
    REPORTED = "reported"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    DENIED = "denied"

    @property
    def is_claim(self) -> bool:
        """True when the text presents the relation as having happened (a member of
        ``dkg:ClaimModalities``: asserted, reported)."""
        from kg.vocab import claim_modalities

        return self.value in claim_modalities()


class ActorKind(StrEnum):
    """The kinds of actor; ``group`` is an armed or political group."""

    STATE = "state"
    PERSON = "person"
    ORGANIZATION = "organization"
    GROUP = "group"
    COLLECTIVE = "collective"


@dataclass(frozen=True)
class Actor:
    """One real-world actor, normalised.

    id (str): stable IRI (see :func:`kg.iri.actor_iri`).
    label (str): preferred name, e.g. "Vladimir Putin".
    kind (ActorKind): state, person, organization, group or collective.
    country (str | None): ISO 3166-1 alpha-3 of the state the actor is or represents.
    wikidata (str | None): Wikidata QID, e.g. "Q7747".
    """

    id: str
    label: str
    kind: ActorKind
    country: str | None = None
    wikidata: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind.value,
            "country": self.country,
            "wikidata": self.wikidata,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            id=d["id"],
            label=d["label"],
            kind=ActorKind(d["kind"]),
            country=d.get("country"),
            wikidata=d.get("wikidata"),
        )


@dataclass(frozen=True)
class Place:
    """Where an event happened: a label and the ISO-3 code of its country."""

    label: str
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "country": self.country}


@dataclass(frozen=True)
class Document:
    """One input article.

    id (str): the JSON line's ``id``, or the file's path.
    text (str): the article text (HTML already reduced to text).
    date (str | None): ISO date ``YYYY-MM-DD`` of publication, used to resolve
        "on Wednesday" and to pick the office holder of a title.
    author (str | None): the byline or the file's author metadata.
    part_of (str | None): for a section of a long document (see
        :func:`kg.ingest.split_document`), the id of the whole document.
    offset (int): for a section, where its text starts in the whole document's text;
        relation offsets are into the whole text (``offset`` + offset in the section).
    """

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    origin: str | None = None  # "path" or "path:line" the document was read from
    author: str | None = None
    part_of: str | None = None
    offset: int = 0


@dataclass(frozen=True)
class Relation:
    """One relation between actors found in a sentence, with its evidence.

    ``start``/``end`` are character offsets of the evidence sentence in the
    document text, so ``document.text[start:end] == sentence``; for a section of a
    long document they are offsets into the whole document's text.
    ``trigger_start``/``trigger_end`` locate the word(s) that express the relation.
    ``about`` links a ``denies`` relation to the relation it denies.
    """

    doc: str
    relation: str
    modality: Modality
    source: Actor
    target: Actor | None
    sentence: str
    start: int
    end: int
    attributed_to: Actor | None = None
    date: str | None = None
    date_granularity: str | None = None  # "day", "month" or "year"
    place: Place | None = None
    confidence: float = 0.5
    trigger: str = ""
    trigger_start: int = 0
    trigger_end: int = 0
    about: Relation | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON lines shape of ``kg extract --format jsonl``."""
        return {
            "doc": self.doc,
            "relation": self.relation,
            "modality": self.modality.value,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "date": self.date,
            "place": self.place.to_dict() if self.place else None,
            "confidence": round(self.confidence, 3),
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }


def __getattr__(name: str) -> Any:
    # RELATIONS (every relation type, in order) and CORE_RELATIONS (the four kg eval
    # scores) are read from ontology/dkg.ttl by kg.vocab, on first use.
    if name == "RELATIONS":
        from kg.vocab import relation_names

        return relation_names()
    if name == "CORE_RELATIONS":
        from kg.vocab import core_relations

        return core_relations()
    raise AttributeError(f"module 'kg.records' has no attribute {name!r}")
