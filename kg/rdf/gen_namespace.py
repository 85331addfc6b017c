"""Generate ``kg/rdf/_DKG.py``, the typed :class:`DKG` namespace, from ``ontology/dkg.ttl``.

The term list comes from rdflib's own generator
(:func:`rdflib.tools.defined_namespace_creator.get_target_namespace_elements`: every
subject with an ``rdf:type`` in the namespace, commented with its ``skos:definition``).
rdflib's command line cannot be used as is: it writes into the current directory, leaves
a "DESCRIPTION_EDIT_ME" placeholder and stamps the current time, so its output is never
byte-for-byte reproducible. This module writes the same class shape deterministically,
so ``tests/test_rdf_namespace.py`` can regenerate it and compare.

Run ``python -m kg.rdf.gen_namespace`` after editing ``ontology/dkg.ttl``.

Examples
--------
>>> src = render_namespace(_read_ontology())
>>> "class DKG(DefinedNamespace):" in src and "    meets: URIRef" in src
True
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import OWL, RDFS, Graph, Namespace

__all__ = ["namespace_terms", "ontology_namespace", "render_namespace"]

_HEADER = '''# ruff: noqa: N999  (the module name mirrors rdflib's _ORG.py, _SKOS.py, …)
"""The diplomatic-kg ontology namespace (prefix ``dkg:``) as a typed rdflib class.

GENERATED from ontology/dkg.ttl by ``python -m kg.rdf.gen_namespace``: do not edit.
Ontology: {label}, version {version}.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class DKG(DefinedNamespace):
    """{label} (version {version}); typos raise ``AttributeError``."""

    _NS = Namespace("{ns}")
    _fail = True

'''


def _read_ontology() -> str:
    from kg.resources import read_text

    return read_text("dkg.ttl")


def ontology_namespace(ttl: str) -> str:
    """The ``vann:preferredNamespaceUri`` of the ontology in ``ttl``: the one place the
    namespace IRI is written.

    >>> ontology_namespace(_read_ontology())
    'https://w3id.org/diplomatic-kg/ontology#'
    """
    g = Graph().parse(data=ttl, format="turtle")
    vann = Namespace("http://purl.org/vocab/vann/")
    for onto in g.subjects(predicate=None, object=OWL.Ontology):
        ns = g.value(onto, vann.preferredNamespaceUri)
        if ns is not None:
            return str(ns)
    raise ValueError("the ontology has no vann:preferredNamespaceUri")


def namespace_terms(ttl: str, namespace: str | None = None) -> list[tuple[str, str]]:
    """The ``(local name, definition)`` of every term of ``namespace`` in the Turtle text.

    Examples
    --------
    >>> dict(namespace_terms(_read_ontology()))["meets"][:11]
    'Direct edge'
    """
    from rdflib.tools.defined_namespace_creator import get_target_namespace_elements

    namespace = namespace or ontology_namespace(ttl)
    g = Graph().parse(data=ttl, format="turtle")
    elements, _, _ = get_target_namespace_elements(g, namespace)
    return [(iri[len(namespace) :], " ".join(d.split())) for iri, d in elements]


def render_namespace(ttl: str, namespace: str | None = None) -> str:
    """The Python source of ``_DKG.py`` for the ontology in ``ttl`` (deterministic)."""
    namespace = namespace or ontology_namespace(ttl)
    g = Graph().parse(data=ttl, format="turtle")
    onto = next(g.subjects(predicate=None, object=OWL.Ontology), None)
    label = str(g.value(onto, RDFS.label) or "diplomatic-kg ontology") if onto else "?"
    version = str(g.value(onto, OWL.versionInfo) or "?") if onto else "?"
    out = [_HEADER.format(label=label, version=version, ns=namespace)]
    for name, definition in namespace_terms(ttl, namespace):
        if not name.isidentifier():
            raise ValueError(f"ontology term {name!r} is not a Python identifier")
        out.append(f"    #: {definition}\n    {name}: URIRef\n")
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    """Write ``kg/rdf/_DKG.py`` (or the path given as the only argument)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path(__file__).with_name("_DKG.py")
    target.write_text(render_namespace(_read_ontology()), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
