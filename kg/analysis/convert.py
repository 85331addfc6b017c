"""RDF → NetworkX: the events of the knowledge graph as a multigraph of actors.

:func:`to_nx` reads the events, actors and evidence of every named graph (one per
document, see ``docs/rdf-model.md``) with SPARQL over their union and returns a
:class:`networkx.MultiDiGraph` with one edge per event, keyed by the event IRI.
:func:`signed_graph` folds those events into an undirected signed network
(cooperation positive, conflict negative) for blocs and balance.

Examples
--------
>>> import rdflib
>>> ds = rdflib.Dataset()
>>> _ = ds.parse(data=EXAMPLE_TRIG, format="trig")
>>> G = to_nx(ds)
>>> sorted(G.nodes[n]["label"] for n in G)
['Russia', 'Syria']
>>> [(d["relation"], d["modality"], d["corroboration"]) for _, _, d in G.edges(data=True)]
[('meets', 'asserted', 1)]
>>> S = signed_graph(G)
>>> [d["weight"] for _, _, d in S.edges(data=True)]
[1.0]
"""

from __future__ import annotations

import json
import warnings
from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

__all__ = ["CLAIMS", "KINDS", "default_weights", "signed_graph", "to_nx"]

DKG = "https://w3id.org/diplomatic-kg/ontology#"
#: Modalities that present a relation as having happened; only these are signed.
CLAIMS = frozenset({"asserted", "reported"})
#: Actor class local name → actor kind (``kg.records.ActorKind`` values).
KINDS = {
    "State": "state",
    "Person": "person",
    "Organization": "organization",
    "ArmedGroup": "group",
    "Collective": "collective",
}

#: A two-actor example in the ``docs/rdf-model.md`` vocabulary (used by the doctests).
EXAMPLE_TRIG = """
@prefix dkg: <https://w3id.org/diplomatic-kg/ontology#> .
@prefix actor: <https://w3id.org/diplomatic-kg/id/actor/> .
@prefix doc: <https://w3id.org/diplomatic-kg/id/doc/> .
@prefix event: <https://w3id.org/diplomatic-kg/id/event/> .
@prefix evidence: <https://w3id.org/diplomatic-kg/id/evidence/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
doc:d1 {
  doc:d1 a dkg:Document ; dct:identifier "d1" ; dct:title "Putin meets Assad" ;
      dct:date "2023-03-15"^^xsd:date .
  actor:RUS a dkg:State ; rdfs:label "Russia" ; dkg:iso3 "RUS" ; dkg:country actor:RUS .
  actor:SYR a dkg:State ; rdfs:label "Syria" ; dkg:iso3 "SYR" ; dkg:country actor:SYR .
  event:m1 a dkg:Meeting ; dkg:relation "meets" ; dkg:source actor:RUS ;
      dkg:target actor:SYR ; dkg:modality dkg:Asserted ;
      dkg:date "2023-03-15"^^xsd:date ; dkg:dateGranularity "day" ; dkg:hasEvidence evidence:v1 .
  evidence:v1 a dkg:Evidence ; prov:wasDerivedFrom doc:d1 ;
      dkg:sentence "Russia met Syria." ; dkg:start 0 ; dkg:end 17 ; dkg:confidence 0.9 .
}
"""

_PREFIXES = """
PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

_EVENTS = (
    _PREFIXES
    + """
SELECT ?e ?rel ?src ?tgt ?mod ?date ?gran ?claim WHERE {
  ?e dkg:relation ?rel ; dkg:source ?src .
  OPTIONAL { ?e dkg:target ?tgt }
  OPTIONAL { ?e dkg:modality ?mod }
  OPTIONAL { ?e dkg:date ?date }
  OPTIONAL { ?e dkg:dateGranularity ?gran }
  OPTIONAL { ?e dkg:deniedClaim|dkg:denies ?claim . ?claim dkg:relation ?crel }
}"""
)

_EVIDENCE = (
    _PREFIXES
    + """
SELECT ?e ?ev ?sent ?start ?end ?conf ?doc ?docid ?title ?ddate ?url WHERE {
  ?e dkg:relation ?rel ; dkg:hasEvidence ?ev .
  OPTIONAL { ?ev dkg:sentence ?sent }
  OPTIONAL { ?ev dkg:start ?start }
  OPTIONAL { ?ev dkg:end ?end }
  OPTIONAL { ?ev dkg:confidence ?conf }
  OPTIONAL { ?ev prov:wasDerivedFrom ?doc .
    OPTIONAL { ?doc dct:identifier ?docid }
    OPTIONAL { ?doc dct:title ?title }
    OPTIONAL { ?doc dct:date ?ddate }
    OPTIONAL { ?doc dkg:url ?url } }
}"""
)

_ACTORS = (
    _PREFIXES
    + """
SELECT ?a ?type ?label ?country ?iso ?same WHERE {
  ?a a ?type .
  FILTER(?type IN (dkg:State, dkg:Person, dkg:Organization, dkg:ArmedGroup, dkg:Collective))
  OPTIONAL { ?a rdfs:label ?label }
  OPTIONAL { ?a dkg:country ?country }
  OPTIONAL { ?a dkg:iso3 ?iso }
  OPTIONAL { ?a owl:sameAs ?same }
}"""
)


def to_nx(
    dataset: rdflib.Dataset | rdflib.Graph,
    *,
    start: str | None = None,
    end: str | None = None,
    roll_up: bool = False,
) -> nx.MultiDiGraph:
    """The events of an RDF graph as a multigraph of actors.

    Parameters
    ----------
    dataset : rdflib.Dataset or rdflib.Graph
        A dataset with one named graph per document (e.g. parsed from ``.trig``), read
        as the union of its graphs, or a single graph. It is not modified.
    start, end : str, optional
        Keep only events dated within ``[start, end]`` (ISO dates, compared as strings,
        so ``"2023-03"`` works as a month bound). With either bound, undated events are
        dropped.
    roll_up : bool, default False
        Map people, organisations and groups onto the state they represent
        (``dkg:country``); events that become self-loops are dropped.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are actor IRIs with ``label``, ``kind``, ``country`` (ISO-3) and
        ``wikidata`` (QID). One edge per event with a target, keyed by the event IRI,
        with ``relation``, ``modality``, ``date``, ``granularity``, ``sources`` (dicts
        ``doc, id, title, url, date``), ``evidence`` (dicts ``sentence, doc, title,
        date, url, start, end, confidence``), ``confidence`` (the highest),
        ``corroboration`` (number of distinct documents) and ``denies`` (the event a
        denial denies, or None).

    Examples
    --------
    >>> import rdflib
    >>> ds = rdflib.Dataset()
    >>> _ = ds.parse(data=EXAMPLE_TRIG, format="trig")
    >>> G = to_nx(ds, start="2023-04")
    >>> G.number_of_nodes(), G.number_of_edges()
    (2, 0)
    >>> e = next(iter(to_nx(ds).edges(keys=True, data=True)))
    >>> e[3]["evidence"][0]["title"], e[3]["date"]
    ('Putin meets Assad', '2023-03-15')
    """
    import networkx as nx

    graph = _union_view(dataset)
    with warnings.catch_warnings():  # rdflib 7.x warns about its own default_context use
        warnings.simplefilter("ignore", DeprecationWarning)
        actors = _actors(graph)
        evidence = _evidence(graph)
        events = sorted(graph.query(_EVENTS), key=lambda r: str(r.e))
    G = nx.MultiDiGraph()
    for a, attrs in sorted(actors.items()):
        if roll_up and _rolled(a, actors) != a:
            continue
        G.add_node(a, **_public(attrs))
    for row in events:
        if row.tgt is None:
            continue
        date = _s(row.date)
        if (start or end) and not _within(date, start, end):
            continue
        src, tgt = str(row.src), str(row.tgt)
        u, v = (_rolled(src, actors), _rolled(tgt, actors)) if roll_up else (src, tgt)
        if roll_up and u == v:
            continue
        for n in (u, v):
            if n not in G:
                G.add_node(n, **_public(actors.get(n) or _unknown_actor(n)))
        key = str(row.e)
        if G.has_edge(u, v, key):  # several ?claim rows for one event
            continue
        ev = evidence.get(key, [])
        attrs: dict[str, Any] = {
            "relation": str(row.rel),
            "modality": _local(row.mod).lower() if row.mod is not None else "asserted",
            "date": date,
            "granularity": _s(row.gran),
            "denies": _s(row.claim),
            "evidence": ev,
            "sources": _sources(ev),
            "confidence": max((x["confidence"] or 0.0 for x in ev), default=None),
            "corroboration": len({x["doc"] for x in ev if x["doc"]}),
        }
        if roll_up:
            attrs["actors"] = [src, tgt]
        G.add_edge(u, v, key=key, **attrs)
    return G


def signed_graph(G: nx.MultiDiGraph, weights: Mapping[str, float] | None = None) -> nx.Graph:
    """Fold the claimed events of ``G`` into an undirected signed network.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        As returned by :func:`to_nx`; not modified.
    weights : mapping, optional
        Signed weight of one event per relation. Defaults to :func:`default_weights`
        (``dkg:signedWeight`` annotations of ``ontology/dkg.ttl`` when present, else
        ``ontology/patterns/signed_weights.json``). Relations without a weight are
        ignored.

    Returns
    -------
    networkx.Graph
        The nodes of ``G`` with their attributes. An edge for every pair of actors whose
        claimed events (modality asserted or reported) sum to a non-zero ``weight``,
        with ``sign`` (+1 or -1), ``events`` (how many) and ``relations`` (counts).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("A", "B", relation="supports", modality="asserted")
    >>> _ = G.add_edge("B", "A", relation="criticizes", modality="reported")
    >>> _ = G.add_edge("A", "B", relation="attacks", modality="hypothetical")
    >>> S = signed_graph(G, {"supports": 1, "criticizes": -1.5, "attacks": -2})
    >>> S["A"]["B"]["weight"], S["A"]["B"]["sign"]
    (-0.5, -1)
    """
    import networkx as nx

    w = dict(default_weights() if weights is None else weights)
    S = nx.Graph()
    S.add_nodes_from(G.nodes(data=True))
    total: dict[tuple[str, str], float] = defaultdict(float)
    rels: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for u, v, d in G.edges(data=True):
        rel = d.get("relation")
        if u == v or rel not in w or d.get("modality", "asserted") not in CLAIMS:
            continue
        pair = (u, v) if str(u) <= str(v) else (v, u)
        total[pair] += float(w[rel])
        rels[pair][rel] += 1
    for (u, v), x in sorted(total.items()):
        x = round(x, 9)
        if x == 0:
            continue
        counts = dict(sorted(rels[(u, v)].items()))
        S.add_edge(u, v, weight=x, sign=1 if x > 0 else -1, events=sum(counts.values()), relations=counts)
    return S


def default_weights() -> dict[str, float]:
    """The default signed weight per relation.

    Read from the ``dkg:signedWeight`` annotations of ``ontology/dkg.ttl`` (on the
    relation's object property, e.g. ``dkg:meets dkg:signedWeight 1.0``) when it has
    any, else from ``ontology/patterns/signed_weights.json``.

    Examples
    --------
    >>> w = default_weights()
    >>> w["supports"] > 0 > w["attacks"]
    True
    """
    return dict(_weights())


@cache
def _weights() -> tuple[tuple[str, float], ...]:
    from kg.resources import read_text

    found: dict[str, float] = {}
    try:
        ttl = read_text("dkg.ttl")
    except (FileNotFoundError, OSError):
        ttl = ""
    if ttl:
        import rdflib

        g = rdflib.Graph().parse(data=ttl, format="turtle")
        for s, o in g.subject_objects(rdflib.URIRef(DKG + "signedWeight")):
            try:
                found[_local(s)] = float(o)
            except (TypeError, ValueError):
                continue
    if not found:
        data = json.loads(read_text("patterns/signed_weights.json"))
        found = {k: float(v) for k, v in data.items() if not k.startswith("//")}
    return tuple(sorted(found.items()))


def _union_view(dataset: Any) -> Any:
    """A graph whose default graph is the union of the dataset's graphs."""
    import rdflib

    if isinstance(dataset, rdflib.Dataset):
        if dataset.default_union:
            return dataset
        return rdflib.Dataset(store=dataset.store, default_union=True)
    return dataset


def _actors(graph: Any) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    country_iri: dict[str, str] = {}
    for r in sorted(graph.query(_ACTORS), key=lambda r: tuple(str(x) for x in r)):
        a = str(r.a)
        d = out.setdefault(a, {"label": None, "kind": None, "country": None, "wikidata": None})
        d["kind"] = d["kind"] or KINDS.get(_local(r.type))
        d["label"] = d["label"] or _s(r.label)
        if r.iso is not None:
            d["country"] = str(r.iso)
        if r.country is not None:
            country_iri.setdefault(a, str(r.country))
        if r.same is not None and "wikidata.org" in str(r.same):
            d["wikidata"] = d["wikidata"] or _local(r.same)
    for a, d in out.items():
        c = country_iri.get(a)
        if c is not None:
            d["_country_iri"] = c
            d["country"] = d["country"] or (out.get(c, {}).get("country") or _local(c))
        d["label"] = d["label"] or _local(a)
    return out


def _rolled(a: str, actors: dict[str, dict[str, Any]]) -> str:
    d = actors.get(a)
    if d is None or d.get("kind") == "state":
        return a
    return d.get("_country_iri") or a


def _public(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if not k.startswith("_")}


def _unknown_actor(a: str) -> dict[str, Any]:
    tail = _local(a)
    is_code = len(tail) == 3 and tail.isupper()
    return {
        "label": tail,
        "kind": "state" if is_code else None,
        "country": tail if is_code else None,
        "wikidata": None,
    }


def _evidence(graph: Any) -> dict[str, list[dict[str, Any]]]:
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for r in graph.query(_EVIDENCE):
        k = (str(r.e), str(r.ev))
        if k in seen:
            continue
        seen[k] = {
            "sentence": _s(r.sent) or "",
            "doc": _s(r.doc),
            "id": _s(r.docid),
            "title": _s(r.title),
            "date": _s(r.ddate),
            "url": _s(r.url),
            "start": _int(r.start),
            "end": _int(r.end),
            "confidence": _float(r.conf),
        }
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (e, _), d in sorted(
        seen.items(), key=lambda kv: (kv[0][0], str(kv[1]["doc"]), kv[1]["start"] or 0, kv[0][1])
    ):
        out[e].append(d)
    return out


def _sources(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for x in evidence:
        if x["doc"] and x["doc"] not in docs:
            docs[x["doc"]] = {k: x[k] for k in ("doc", "id", "title", "url", "date")}
    return [docs[k] for k in sorted(docs)]


def _within(date: str | None, start: str | None, end: str | None) -> bool:
    if date is None:
        return False
    if start and date[: len(start)] < start:
        return False
    return not (end and date[: len(end)] > end)


def _local(term: Any) -> str:
    s = str(term)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _s(term: Any) -> str | None:
    return None if term is None else str(term)


def _int(term: Any) -> int | None:
    try:
        return None if term is None else int(term)
    except (TypeError, ValueError):
        return None


def _float(term: Any) -> float | None:
    try:
        return None if term is None else float(term)
    except (TypeError, ValueError):
        return None
