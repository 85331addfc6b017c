"""Converting RDF terms between pyoxigraph, SPARQL JSON results and rdflib, exactly."""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.rdf.ntriples import XSD_STRING

__all__ = ["OxToRdflib", "json_term", "rdflib_to_ox"]

RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class OxToRdflib:
    """Convert pyoxigraph terms to rdflib terms exactly, with a cache for repeated terms.

    A literal typed ``xsd:string`` becomes a plain ``Literal`` and a language-tagged one
    has no datatype, as rdflib builds them, so round trips compare equal.

    IRIs and plain strings, most of a result, are built without rdflib's constructors
    (which validate and parse the lexical form: 10 to 50 µs each here); the shortcut is
    checked against the constructors once and not used if they ever disagree.
    """

    def __init__(self, ox: Any) -> None:
        self._ox = ox
        self._cache: dict[Any, Node] = {}
        self._fast = fast_constructors_agree()

    def cached(self, t: Any) -> Node | None:
        """The rdflib term already made for ``t``, or None."""
        return self._cache.get(t)

    def term(self, t: Any) -> Node | None:
        if t is None:
            return None
        cache = self._cache
        r = cache.get(t)
        if r is None:
            r = self._convert(t)
            if len(cache) > 200_000:
                cache.clear()
            cache[t] = r
        return r

    __call__ = term

    def _convert(self, t: Any) -> Node:
        ox = self._ox
        if isinstance(t, ox.NamedNode):
            return str.__new__(URIRef, t.value) if self._fast else URIRef(t.value)
        if isinstance(t, ox.Literal):
            if t.language:
                return Literal(t.value, lang=t.language)
            dt = t.datatype.value
            if dt == XSD_STRING:
                return plain_literal(t.value) if self._fast else Literal(t.value)
            return Literal(t.value, datatype=URIRef(dt))
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        raise StoreError("E304", f"unsupported RDF term in a result: {t!r}")


def plain_literal(value: str) -> Literal:
    """``Literal(value)`` without the constructor's checks (see :class:`OxToRdflib`)."""
    lit = str.__new__(Literal, value)
    lit._language = None
    lit._datatype = None
    lit._value = value
    lit._ill_typed = None
    return lit


def fast_constructors_agree() -> bool:
    try:
        for v in ("", "x", 'a "b"\n'):
            slow, fast = Literal(v), plain_literal(v)
            if not (
                slow == fast
                and hash(slow) == hash(fast)
                and all(getattr(slow, a) == getattr(fast, a) for a in Literal.__slots__)
            ):
                return False
        iri = "urn:ex:a"
        return URIRef(iri) == str.__new__(URIRef, iri) and hash(URIRef(iri)) == hash(str.__new__(URIRef, iri))
    except Exception:  # rdflib changed its internals: use the constructors
        return False


def rdflib_to_ox(ox: Any, t: Node) -> Any:
    try:
        if isinstance(t, URIRef):
            return ox.NamedNode(str(t))
        if isinstance(t, BNode):
            return ox.BlankNode(str(t))
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            if t.datatype is not None:
                return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
            return ox.Literal(str(t))
    except ValueError as e:
        raise QueryError("E202", f"cannot bind {t!r}: {e}") from e
    raise QueryError("E202", f"cannot bind {t!r}: expected a URIRef, Literal or BNode")


def json_term(b: dict[str, str] | None) -> Node | None:
    if b is None:
        return None
    kind, value = b["type"], b["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in b:
        return Literal(value, lang=b["xml:lang"])
    dt = b.get("datatype")
    if dt and dt not in (XSD_STRING, RDF_LANG_STRING):
        return Literal(value, datatype=URIRef(dt))
    return Literal(value)
