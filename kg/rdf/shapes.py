"""Validate graphs against the SHACL shapes in ``ontology/shapes/dkg-shapes.ttl``.

Validation runs over the union of all named graphs merged with the ontology, so that
``sh:class dkg:Actor`` accepts a ``dkg:Person`` (SHACL follows ``rdfs:subClassOf`` in the
data graph). No RDFS inference is run: domain/range axioms would otherwise type any node
and make "the source is an actor" true by construction. pySHACL is imported on first use.

Examples
--------
>>> from rdflib import Graph
>>> report = validate(Graph())
>>> report.conforms, report.violations, report.empty  # conforms, but holds nothing of ours
(True, [], True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

__all__ = ["ValidationReport", "Violation", "validate"]


@dataclass(frozen=True)
class Violation:
    """One SHACL result, in words.

    focus (str): the node that fails, as a prefixed name (``id:event/meets-…``).
    path (str): the property that fails (``dkg:hasEvidence``), or ``""``.
    message (str): what is wrong, from the shape's ``sh:message``.
    severity (str): ``Violation``, ``Warning`` or ``Info``.
    value (str): the offending value, when there is one.
    """

    focus: str
    path: str
    message: str
    severity: str = "Violation"
    value: str = ""

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}".strip()
        return f"{self.severity}: {where}: {self.message}" + (
            f" (value {self.value})" if self.value else ""
        )


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`: whether the graph conforms, and why not."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    documents: int = 0  # dkg:Document nodes checked
    events: int = 0  # dkg:Event nodes checked (by their classes)

    def __bool__(self) -> bool:
        return self.conforms

    @property
    def empty(self) -> bool:
        """No document and no event: a graph of something else conforms vacuously."""
        return not (self.documents or self.events)


def validate(data: Dataset | Graph) -> ValidationReport:
    """Check every graph of ``data`` against the dkg SHACL shapes.

    Parameters
    ----------
    data : rdflib.Dataset or rdflib.Graph
        A dataset (all named graphs are merged first) or a single graph.

    Returns
    -------
    ValidationReport
        ``conforms`` and the readable violations, sorted by focus node and path.
    """
    from pyshacl import validate as shacl_validate

    from kg.rdf.mapping import bind_prefixes, union_graph

    merged = union_graph(data)
    merged += _ontology()
    conforms, results, _ = shacl_validate(
        merged,
        shacl_graph=_shapes(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
    )
    bind_prefixes(results)
    violations = sorted(
        (_violation(results, r) for r in results.subjects(RDF.type, SH.ValidationResult)),
        key=lambda v: (v.focus, v.path, v.message),
    )
    from kg import vocab
    from kg.rdf.namespace import DKG

    classes = {DKG.Event, *(vocab.event_class(r) for r in vocab.relation_names())}
    events = {e for c in classes for e in merged.subjects(RDF.type, c)}
    documents = len(set(merged.subjects(RDF.type, DKG.Document)))
    return ValidationReport(bool(conforms), violations, documents=documents, events=len(events))


@cache
def _shapes() -> Graph:
    from kg.resources import read_text

    return Graph().parse(data=read_text("shapes/dkg-shapes.ttl"), format="turtle")


@cache
def _ontology() -> Graph:
    from kg.resources import read_text

    return Graph().parse(data=read_text("dkg.ttl"), format="turtle")


def _short(g: Graph, node: Node | None) -> str:
    from kg.rdf.results import shorten

    if node is None or isinstance(node, URIRef):
        return shorten(node)
    return node.n3(g.namespace_manager)


def _violation(g: Graph, r: Node) -> Violation:
    severity = g.value(r, SH.resultSeverity)
    return Violation(
        focus=_short(g, g.value(r, SH.focusNode)),
        path=_short(g, g.value(r, SH.resultPath)),
        message=str(g.value(r, SH.resultMessage) or ""),
        severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        value=_short(g, g.value(r, SH.value)),
    )
