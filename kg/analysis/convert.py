"""RDF → NetworkX: the events of the knowledge graph as a multigraph of actors.

:func:`to_nx` reads the events, actors and evidence of every named graph (one per
document, see ``docs/rdf-model.md``) with SPARQL over their union and returns a
:class:`networkx.MultiDiGraph` with one edge per event, keyed by the event IRI.
:func:`signed_graph` folds those events into an undirected signed network
(cooperation positive, conflict negative) for blocs and balance.

Examples
--------
One document in which Russia meets Syria, mapped to RDF by :mod:`kg.rdf.mapping`:

>>> from rdflib import Dataset
>>> from kg.iri import actor_iri
>>> from kg.rdf.mapping import add_document
>>> from kg.records import Actor, ActorKind, Document, Modality, Relation
>>> rus, syr = (Actor(actor_iri(c), n, ActorKind.STATE, c) for c, n in [("RUS", "Russia"), ("SYR", "Syria")])
>>> doc = Document(id="d1", text="Russia met Syria.", date="2023-03-15", title="Putin meets Assad")
>>> met = Relation("d1", "meets", Modality.ASSERTED, rus, syr, doc.text, 0, 17, date="2023-03-15")
>>> ds = Dataset()
>>> _ = add_document(ds, doc, [met])
>>> G = to_nx(ds)
>>> sorted(G.nodes[n]["label"] for n in G)
['Russia', 'Syria']
>>> [(d["relation"], d["modality"], d["corroboration"]) for _, _, d in G.edges(data=True)]
[('meets', 'asserted', 1)]
>>> e = next(iter(G.edges(keys=True, data=True)))
>>> e[3]["evidence"][0]["title"], e[3]["date"]
('Putin meets Assad', '2023-03-15')
>>> G_april = to_nx(ds, start="2023-04")
>>> G_april.number_of_nodes(), G_april.number_of_edges()
(2, 0)
>>> S = signed_graph(G)
>>> [d["weight"] for _, _, d in S.edges(data=True)]
[1.0]
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from kg import vocab
from kg.records import ActorKind, Modality

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

# CLAIMS and KINDS, read from the ontology, are module attributes too (__getattr__ below)
__all__ = [
    "date_window",
    "default_weights",
    "signed_graph",
    "to_nx",
    "within",
]

# The SPARQL queries select the events and actors (basic graph patterns only); their
# optional attributes are then read with rdflib's triple lookups, one node at a time.
# rdflib evaluates chains of OPTIONAL slowly: 3,000 events took 17 s with one OPTIONAL
# per attribute, against about 1 s this way.
_EVENTS = "SELECT DISTINCT ?e ?rel ?src WHERE { ?e dkg:relation ?rel ; dkg:source ?src . }"
# the actor classes (VALUES) are those of the ontology's actor kinds
_ACTORS = "SELECT DISTINCT ?a ?type WHERE { VALUES ?type { %s } ?a a ?type . }"


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
        so ``"2023-03"`` works as a month bound). An event the text gives no date is
        placed at its first report's date (``granularity="reported"``); with either
        bound, events with neither are dropped.
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
    See the module's example for a dataset with one event.

    >>> import rdflib
    >>> to_nx(rdflib.Dataset()).number_of_nodes()
    0
    """
    import networkx as nx

    from kg.rdf.namespace import DKG, sparql_prefixes

    # the edge attribute holding the event a denial denies is named after the relation
    denial = vocab.relation_of(DKG.Denial)
    graph = _union_view(dataset)
    with warnings.catch_warnings():  # rdflib 7.x warns about its own default_context use
        warnings.simplefilter("ignore", DeprecationWarning)
        actors = _actors(graph)
        events = sorted(graph.query(sparql_prefixes() + _EVENTS), key=lambda r: (str(r.e), str(r.src)))
        G = nx.MultiDiGraph()
        for a, attrs in sorted(actors.items()):
            if roll_up and _rolled(a, actors) != a:
                continue
            G.add_node(a, **_public(attrs))
        docs: dict[str, dict[str, Any]] = {}
        for row in events:
            key = str(row.e)
            props = _props(graph, row.e)
            if not props.get("target"):
                continue
            date = _first(props, "date")
            granularity = _first(props, "dateGranularity")
            src, tgt = str(row.src), _first(props, "target")
            u, v = (_rolled(src, actors), _rolled(tgt, actors)) if roll_up else (src, tgt)
            if (roll_up and u == v) or G.has_edge(u, v, key):
                continue
            ev = _evidence(graph, props.get("hasEvidence", []), docs)
            if date is None:  # undated in the text: placed in time by its first report
                reported = sorted(str(x["date"]) for x in ev if x.get("date"))
                if reported:
                    date, granularity = reported[0], "reported"
            if (start or end) and not within(date, start, end):
                continue
            for n in (u, v):
                if n not in G:
                    G.add_node(n, **_public(actors.get(n) or _unknown_actor(n)))
            mod = _first(props, "modality")
            attrs: dict[str, Any] = {
                "relation": str(row.rel),
                "modality": _local(mod).lower() if mod else Modality.ASSERTED.value,
                "date": date,
                "granularity": granularity,
                denial: _denied(graph, props),
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
        (the ``dkg:signedWeight`` annotations of ``ontology/dkg.ttl``). Relations
        without a weight are ignored.

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
    claims = vocab.claim_modalities()
    S = nx.Graph()
    S.add_nodes_from(G.nodes(data=True))
    total: dict[tuple[str, str], float] = defaultdict(float)
    rels: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for u, v, d in G.edges(data=True):
        rel = d.get("relation")
        if u == v or rel not in w or d.get("modality", claims[0]) not in claims:
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
    """The default signed weight per relation: the ``dkg:signedWeight`` annotations of
    ``ontology/dkg.ttl`` (on the relation's edge property, e.g. ``dkg:meets
    dkg:signedWeight 1.0``), through :func:`kg.vocab.signed_weights`.

    Examples
    --------
    >>> w = default_weights()
    >>> w["supports"] > 0 > w["attacks"]
    True
    """
    return vocab.signed_weights()


def within(date: str | None, start: str | None, end: str | None) -> bool:
    """Whether an ISO date (or ``None``: never) falls in ``[start, end]``; bounds are
    compared on their own length, so ``"2023-03"`` is a whole month.

    >>> within("2023-03-15", "2023-03", "2023-03"), within("2023-04-01", None, "2023-03")
    (True, False)
    """
    if date is None:
        return False
    if start and date[: len(start)] < start:
        return False
    return not (end and date[: len(end)] > end)


def date_window(G: nx.MultiDiGraph, start: str | None = None, end: str | None = None) -> nx.MultiDiGraph:
    """The events of ``G`` dated within ``[start, end]`` (see :func:`within`), as a view;
    ``G`` itself when no bound is given.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("A", "B", date="2023-01-05"); _ = G.add_edge("A", "C", date="2023-02-10")
    >>> list(date_window(G, start="2023-02").edges())
    [('A', 'C')]
    """
    if not (start or end):
        return G
    keep = [e for e in G.edges(keys=True) if within(_s(G.edges[e].get("date")), start, end)]
    return G.edge_subgraph(keep)


def _union_view(dataset: Any) -> Any:
    """A graph whose default graph is the union of the dataset's graphs."""
    import rdflib

    if isinstance(dataset, rdflib.Dataset):
        if dataset.default_union:
            return dataset
        return rdflib.Dataset(store=dataset.store, default_union=True)
    return dataset


def _actors(graph: Any) -> dict[str, dict[str, Any]]:
    from kg.rdf.namespace import sparql_prefixes

    classes = " ".join(f"<{vocab.kind_class(k)}>" for k in vocab.actor_kinds())
    out: dict[str, dict[str, Any]] = {}
    query = sparql_prefixes() + _ACTORS % classes
    for r in sorted(graph.query(query), key=lambda r: (str(r.a), str(r.type))):
        a = str(r.a)
        if a in out:  # several actor classes: the first (sorted) wins
            continue
        p = _props(graph, r.a)
        same = [x for x in p.get("sameAs", []) if "wikidata.org" in x]
        out[a] = {
            "label": _first(p, "label") or _local(a),
            "kind": vocab.kind_of(r.type),
            "country": _first(p, "iso3"),
            "wikidata": _local(same[0]) if same else None,
        }
        if p.get("country"):
            out[a]["_country_iri"] = _first(p, "country")
    for d in out.values():
        c = d.get("_country_iri")
        if c is not None:
            d["country"] = d["country"] or out.get(c, {}).get("country") or _local(c)
    return out


def _rolled(a: str, actors: dict[str, dict[str, Any]]) -> str:
    d = actors.get(a)
    if d is None or d.get("kind") == ActorKind.STATE:
        return a
    return d.get("_country_iri") or a


def _public(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if not k.startswith("_")}


def _unknown_actor(a: str) -> dict[str, Any]:
    tail = _local(a)
    is_code = len(tail) == 3 and tail.isupper()
    state = _states().get(tail, {}) if is_code else {}
    return {  # a state known only by its code (rolled up onto): its gazetteer name
        "label": state.get("name") or tail,
        "kind": ActorKind.STATE.value if is_code else None,
        "country": tail if is_code else None,
        "wikidata": state.get("wikidata"),
    }


@cache
def _states() -> dict[str, dict[str, Any]]:
    from kg.resources import read_jsonl

    return {d["iso3"]: d for d in read_jsonl("gazetteer/states.jsonl")}


def _evidence(graph: Any, items: list[str], docs: dict[str, dict[str, Any]]) -> list[dict]:
    import rdflib

    out = []
    for ev in sorted(set(items)):
        p = _props(graph, rdflib.URIRef(ev))
        doc = _first(p, "wasDerivedFrom")
        if doc is not None and doc not in docs:
            dp = _props(graph, rdflib.URIRef(doc))
            docs[doc] = {
                "id": _first(dp, "identifier"),
                "title": _first(dp, "title"),
                "date": _first(dp, "date"),
                "url": _first(dp, "url"),
            }
        meta = docs.get(doc, {}) if doc else {}
        out.append(
            {
                "sentence": _first(p, "sentence") or "",
                "doc": doc,
                "id": meta.get("id"),
                "title": meta.get("title"),
                "date": meta.get("date"),
                "url": meta.get("url"),
                "start": _int(_first(p, "start")),
                "end": _int(_first(p, "end")),
                "confidence": _float(_first(p, "confidence")),
            }
        )
    return sorted(out, key=lambda x: (str(x["doc"]), x["start"] or 0, x["sentence"]))


def _props(graph: Any, node: Any) -> dict[str, list[str]]:
    """The objects of ``node`` by predicate local name (``dkg:date`` → ``"date"``), sorted."""
    out: dict[str, list[str]] = defaultdict(list)
    for p, o in graph.predicate_objects(node):
        out[_local(p)].append(str(o))
    return {k: sorted(v) for k, v in out.items()}


def _first(props: dict[str, list[str]], name: str) -> str | None:
    values = props.get(name)
    return values[0] if values else None


def _denied(graph: Any, props: dict[str, list[str]]) -> str | None:
    """The event a denial denies: ``dkg:deniedClaim``, or the older link by the denial's
    edge property (``dkg:denies``) when its object is an event (between actors,
    ``dkg:denies`` is the direct edge)."""
    import rdflib

    from kg.rdf.namespace import DKG

    older = _local(vocab.edge_property(vocab.relation_of(DKG.Denial)))
    for name in (_local(DKG.deniedClaim), older):
        for x in props.get(name, []):
            if (rdflib.URIRef(x), DKG.relation, None) in graph:
                return x
    return None


def _sources(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for x in evidence:
        if x["doc"] and x["doc"] not in docs:
            docs[x["doc"]] = {k: x[k] for k in ("doc", "id", "title", "url", "date")}
    return [docs[k] for k in sorted(docs)]


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


def __getattr__(name: str) -> Any:
    # CLAIMS (the modalities that are claims) and KINDS (actor class local name → actor
    # kind), read from ontology/dkg.ttl by kg.vocab; kept for code that imported them.
    if name == "CLAIMS":
        return frozenset(vocab.claim_modalities())
    if name == "KINDS":
        return {_local(vocab.kind_class(k)): k for k in vocab.actor_kinds()}
    raise AttributeError(f"module 'kg.analysis.convert' has no attribute {name!r}")
