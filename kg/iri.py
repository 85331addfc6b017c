"""Minting stable, safe IRIs for actors, events, documents and places.

Every IRI is built from a fixed base and a key that is either a code
(``RUS``, ``Q7747``) or a slug / hash of free text, so no label can inject
characters that break Turtle, TriG, N-Quads or SPARQL.

Examples
--------
>>> actor_iri("RUS")
'https://w3id.org/diplomatic-kg/id/actor/RUS'
>>> actor_iri("Q7747")
'https://w3id.org/diplomatic-kg/id/actor/Q7747'
>>> slug('Hamas <script>"x"</script>')
'hamas-script-x-script'
>>> document_iri("seeds/a.txt") == document_iri("seeds/a.txt")
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

from kg.vocab import is_symmetric

__all__ = [
    "BASE",
    "ONTOLOGY",  # noqa: F822 (read from the ontology: __getattr__ below)
    "actor_iri",
    "document_iri",
    "event_iri",
    "evidence_iri",
    "place_iri",
    "slug",
]

#: Namespace of the data minted by the tool.
BASE = "https://w3id.org/diplomatic-kg/id/"

_CODE = re.compile(r"^(?:[A-Z]{3}|Q[1-9][0-9]*)$")


def slug(text: str, max_len: int = 60) -> str:
    """Lower-case ASCII words joined by ``-``; never empty.

    >>> slug("Bashar al-Assad")
    'bashar-al-assad'
    >>> slug("!!!")
    'x'
    """
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")[:max_len].strip("-")
    return t or "x"


def _hash(*parts: str, n: int = 16) -> str:
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8"))
    return h.hexdigest()[:n]


def actor_iri(key: str) -> str:
    """IRI of an actor: its ISO-3 code or QID when known, else a slug of its label."""
    if _CODE.fullmatch(key):
        return f"{BASE}actor/{key}"
    return f"{BASE}actor/{slug(key)}"


def document_iri(doc_id: str) -> str:
    """IRI of a document (and of its named graph)."""
    return f"{BASE}doc/{_hash(doc_id)}"


def event_iri(
    relation: str, source: str, target: str | None, modality: str, date: str | None
) -> str:
    """IRI of an event: the same relation between the same actors with the same
    modality on the same date is one event, whichever documents report it.
    A symmetric relation (:func:`kg.vocab.is_symmetric`: meets) has its two actors
    sorted first."""
    a, b = source, target or ""
    if b and b < a and is_symmetric(relation):
        a, b = b, a
    return f"{BASE}event/{relation}-{_hash(relation, a, b, modality, date or '')}"


def evidence_iri(doc_id: str, start: int, end: int, event: str) -> str:
    """IRI of one piece of evidence: an event as stated in one sentence of one document."""
    return f"{BASE}evidence/{_hash(doc_id, str(start), str(end), event)}"


def place_iri(label: str, country: str | None) -> str:
    """IRI of a place named in the text."""
    return f"{BASE}place/{slug(label)}-{slug(country or 'x')}"


def __getattr__(name: str) -> Any:
    # ONTOLOGY, the namespace of the ontology terms (prefix ``dkg:``), is read from
    # ontology/dkg.ttl by kg.vocab; kept here for code that imported it from kg.iri.
    if name == "ONTOLOGY":
        from kg.vocab import namespace

        return namespace()
    raise AttributeError(f"module 'kg.iri' has no attribute {name!r}")
