"""The ``dkg:`` namespace and the other namespaces of the RDF model.

Examples
--------
>>> from kg.rdf.namespace import DKG
>>> str(DKG.meets)
'https://w3id.org/diplomatic-kg/ontology#meets'
>>> DKG.meetz
Traceback (most recent call last):
...
AttributeError: term 'meetz' not in namespace 'https://w3id.org/diplomatic-kg/ontology#'
"""

from __future__ import annotations

from rdflib import Namespace

from kg.iri import BASE
from kg.rdf._DKG import DKG

__all__ = ["DKG", "ID", "PREFIXES", "WD", "sparql_prefixes"]

#: Data minted by :mod:`kg.iri` (prefix ``id:``).
ID = Namespace(BASE)
#: Wikidata entities (prefix ``wd:``).
WD = Namespace("http://www.wikidata.org/entity/")

#: The prefixes bound on every graph and dataset the tool writes.
PREFIXES: dict[str, str] = {
    "dkg": str(DKG._NS),
    "id": BASE,
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "wd": str(WD),
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}


def sparql_prefixes(*names: str) -> str:
    """``PREFIX`` lines for a SPARQL query written in code (all of :data:`PREFIXES`, or
    those named), so no namespace IRI is written in a query string.

    >>> print(sparql_prefixes("dkg"))
    PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
    <BLANKLINE>
    """
    return "".join(f"PREFIX {k}: <{PREFIXES[k]}>\n" for k in (names or PREFIXES))
