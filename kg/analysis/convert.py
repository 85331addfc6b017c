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
>>> G_april = to_nx(ds, start="2023-04")  # no event in April: no actor either
>>> G_april.number_of_nodes(), G_april.number_of_edges()
(0, 0)
>>> S = signed_graph(G)
>>> [d["weight"] for _, _, d in S.edges(data=True)]  # a meeting: Goldstein's consult, 1/10
[0.1]
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kg import vocab
from kg.records import ActorKind, Modality

if TYPE_CHECKING:
    import networkx as nx

# CLAIMS and KINDS, read from the ontology, are module attributes too (__getattr__ below)
__all__ = [
    "date_window",
    "default_weights",
    "signed_graph",
    "to_nx",
    "within",
]

#: the predicates read for the multigraph, by the name the code uses; everything else in
#: the graph (places, triggers, speakers, direct edges) is not read
_READ = {
    **{n: ("dkg", n) for n in ("relation", "source", "target", "modality", "date",
                               "dateGranularity", "deniedClaim", "hasEvidence", "sentence",
                               "start", "end", "confidence", "iso3", "country", "url")},
    "wasDerivedFrom": ("prov", "wasDerivedFrom"), "label": ("rdfs", "label"),
    "sameAs": ("owl", "sameAs"), "identifier": ("dct", "identifier"), "title": ("dct", "title"),
    "docdate": ("dct", "date"),
}  # fmt: skip


def to_nx(
    source: Any,
    *,
    start: str | None = None,
    end: str | None = None,
    roll_up: bool = False,
) -> nx.MultiDiGraph:
    """The events of an RDF graph or a store as a multigraph of actors.

    Parameters
    ----------
    source : rdflib.Dataset, rdflib.Graph or kg.rdf.store.Store
        A dataset with one named graph per document (e.g. parsed from ``.trig``), read
        as the union of its graphs; a single graph; or a store (Oxigraph directory,
        SPARQL endpoint), which answers one SELECT of the triples read here, so nothing
        is copied into rdflib first. Not modified.
    start, end : str, optional
        Keep only events dated within ``[start, end]`` (ISO dates, compared as strings,
        so ``"2023-03"`` works as a month bound). An event the text gives no date is
        placed at its first report's date (``granularity="reported"``, as
        :mod:`kg.rdf.mapping` writes it); with either bound, undated events are dropped.
    roll_up : bool, default False
        Map people, organisations and groups onto the state they represent
        (``dkg:country``); events that become self-loops are dropped. A state that is
        only a country keeps its name (``China``, not ``CHN``).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are the actors of the events kept (source or target; speakers alone are
        not actors of an event) with ``label``, ``kind``, ``country`` (ISO-3) and
        ``wikidata`` (QID). One edge per event with a target, keyed by the event IRI,
        with ``relation``, ``modality``, ``date``, ``granularity``, ``sources`` (dicts
        ``doc, id, title, url, date``), ``evidence`` (dicts ``sentence, doc, title,
        date, url, start, end, confidence``), ``confidence`` (the highest),
        ``corroboration`` (number of distinct documents) and ``denies`` (the event a
        denial denies, or None). ``G.graph`` holds what is not an edge, for the counts
        of :func:`kg.analysis.summary`: ``documents`` (the documents read, IRI → id;
        in a date window, those dated in it or reporting an event kept) and
        ``untargeted`` (events kept that name no target: key, relation, modality,
        date, source, sources).

    Examples
    --------
    See the module's example for a dataset with one event.

    >>> import rdflib
    >>> to_nx(rdflib.Dataset()).number_of_nodes()
    0
    """
    import networkx as nx

    from kg.rdf.mapping import REPORTED
    from kg.rdf.namespace import DKG

    t = _read(source)
    denial = vocab.relation_of(DKG.Denial)
    actors = _actors(t)
    docs = _documents(t)
    # the documents read (in a date window: those dated in it; the rest are added below
    # when they report an event kept)
    windowed = bool(start or end)
    read = {d: m["id"] for d, m in sorted(docs.items()) if not windowed or within(m["date"], start, end)}
    G = nx.MultiDiGraph(documents=read, untargeted=[])
    for e in sorted(t["relation"]):
        src = _first(t["source"].get(e))
        if src is None:
            continue
        date, granularity = _first(t["date"].get(e)), _first(t["dateGranularity"].get(e))
        ev = _evidence(t, e, docs)
        if date is None:  # an older graph: undated in the text, placed by its first report
            reported = sorted(str(x["date"]) for x in ev if x.get("date"))
            if reported:
                date, granularity = reported[0], REPORTED
        if (start or end) and not within(date, start, end):
            continue
        for x in ev:
            if x["doc"] and x["doc"] not in read:
                read[x["doc"]] = x["id"]
        mod = _first(t["modality"].get(e))
        attrs: dict[str, Any] = {
            "relation": _first(t["relation"][e]),
            "modality": vocab.modality_of(mod) or _local(mod).lower() if mod else Modality.ASSERTED.value,
            "date": date,
            "granularity": granularity,
            denial: _denied(t, e),
            "evidence": ev,
            "sources": _sources(ev),
            "confidence": max((x["confidence"] or 0.0 for x in ev), default=None),
            "corroboration": len({x["doc"] for x in ev if x["doc"]}),
        }
        tgt = _first(t["target"].get(e))
        u = _rolled(src, actors) if roll_up else src
        if tgt is None:
            _add_actor(G, u, actors)
            G.graph["untargeted"].append({"key": e, "source": u, **{k: attrs[k] for k in _UNTARGETED}})
            continue
        v = _rolled(tgt, actors) if roll_up else tgt
        if roll_up and u == v:
            continue
        if roll_up:
            attrs["actors"] = [src, tgt]
        _add_actor(G, u, actors)
        _add_actor(G, v, actors)
        G.add_edge(u, v, key=e, **attrs)
    return G


_UNTARGETED = ("relation", "modality", "date", "granularity", "sources")


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


def _read(source: Any) -> dict[str, dict[str, list[str]]]:
    """The triples of the predicates of :data:`_READ`, as ``{name: {subject: [objects]}}``
    (strings, sorted), from an rdflib graph (its triple index) or a store (one SELECT)."""
    import rdflib

    from kg.rdf.namespace import DKG, PREFIXES

    terms = {name: rdflib.URIRef(PREFIXES[ns] + local) for name, (ns, local) in _READ.items()}
    terms["type"] = rdflib.RDF.type
    # the older link of a denial to the event it denies: its edge property (dkg:denies)
    terms["older_denial"] = vocab.edge_property(vocab.relation_of(DKG.Denial))
    name_of = {str(term): name for name, term in terms.items()}
    out: dict[str, dict[str, list[str]]] = {name: defaultdict(list) for name in terms}
    for s, p, o in _triples(source, list(terms.values())):
        out[name_of[str(p)]][str(s)].append(str(o))
    return {name: {s: sorted(set(v)) for s, v in d.items()} for name, d in out.items()}


def _triples(source: Any, predicates: list[Any]) -> Any:
    import rdflib

    if isinstance(source, rdflib.Graph):
        graph = _union_view(source)
        with warnings.catch_warnings():  # rdflib 7.x warns about its own default_context use
            warnings.simplefilter("ignore", DeprecationWarning)
            for p in predicates:
                yield from graph.triples((None, p, None))
        return
    if not callable(getattr(source, "query", None)):
        raise TypeError(f"cannot read events from a {type(source).__name__}: give an rdflib graph or a store")
    values = " ".join(p.n3() for p in predicates)
    result = source.query(f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}")
    yield from result.rows


def _union_view(dataset: Any) -> Any:
    """A graph whose default graph is the union of the dataset's graphs."""
    import rdflib

    if isinstance(dataset, rdflib.Dataset):
        if dataset.default_union:
            return dataset
        return rdflib.Dataset(store=dataset.store, default_union=True)
    return dataset


def _actors(t: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, Any]]:
    from kg.names import state_name

    classes = {str(vocab.kind_class(k)): k for k in vocab.actor_kinds()}
    out: dict[str, dict[str, Any]] = {}
    for a, types in t["type"].items():
        kinds = [classes[x] for x in types if x in classes]
        if not kinds:
            continue
        same = [x for x in t["sameAs"].get(a, []) if "wikidata.org" in x]
        iso3 = _first(t["iso3"].get(a))
        out[a] = {
            "label": _first(t["label"].get(a)) or state_name(iso3) or _local(a),
            "kind": sorted(kinds, key=lambda k: str(vocab.kind_class(k)))[0],
            "country": iso3,
            "wikidata": _local(same[0]) if same else None,
        }
        if t["country"].get(a):
            out[a]["_country_iri"] = _first(t["country"][a])
    for d in out.values():
        c = d.get("_country_iri")
        if c is not None:
            d["country"] = d["country"] or out.get(c, {}).get("country") or _local(c)
    return out


def _documents(t: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, Any]]:
    from kg.rdf.namespace import DKG

    return {
        d: {
            "id": _first(t["identifier"].get(d)),
            "title": _first(t["title"].get(d)),
            "date": _first(t["docdate"].get(d)),
            "url": _first(t["url"].get(d)),
        }
        for d, types in t["type"].items()
        if str(DKG.Document) in types
    }


def _add_actor(G: Any, a: str, actors: dict[str, dict[str, Any]]) -> None:
    if a not in G:
        G.add_node(a, **_public(actors.get(a) or _unknown_actor(a)))


def _rolled(a: str, actors: dict[str, dict[str, Any]]) -> str:
    d = actors.get(a)
    if d is None or d.get("kind") == ActorKind.STATE:
        return a
    return d.get("_country_iri") or a


def _public(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if not k.startswith("_")}


def _unknown_actor(a: str) -> dict[str, Any]:
    """A node the graph has no actor triples for: a state only named as a country."""
    from kg.names import state_record

    tail = _local(a)
    is_code = len(tail) == 3 and tail.isupper()
    state = state_record(tail) if is_code else None
    return {  # a state known only by its code (rolled up onto): its gazetteer name
        "label": (state or {}).get("name") or tail,
        "kind": ActorKind.STATE.value if is_code else None,
        "country": tail if is_code else None,
        "wikidata": (state or {}).get("wikidata"),
    }


def _evidence(t: dict[str, dict[str, list[str]]], e: str, docs: dict[str, dict[str, Any]]) -> list[dict]:
    out = []
    for ev in t["hasEvidence"].get(e, []):
        doc = _first(t["wasDerivedFrom"].get(ev))
        meta = docs.get(doc, {}) if doc else {}
        out.append(
            {
                "sentence": _first(t["sentence"].get(ev)) or "",
                "doc": doc,
                "id": meta.get("id"),
                "title": meta.get("title"),
                "date": meta.get("date"),
                "url": meta.get("url"),
                "start": _int(_first(t["start"].get(ev))),
                "end": _int(_first(t["end"].get(ev))),
                "confidence": _float(_first(t["confidence"].get(ev))),
            }
        )
    return sorted(out, key=lambda x: (str(x["doc"]), x["start"] or 0, x["sentence"]))


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None


def _denied(t: dict[str, dict[str, list[str]]], e: str) -> str | None:
    """The event a denial denies: ``dkg:deniedClaim``, or the older link by the denial's
    edge property (``dkg:denies``) when its object is an event (between actors,
    ``dkg:denies`` is the direct edge)."""
    for x in [*t["deniedClaim"].get(e, []), *t["older_denial"].get(e, [])]:
        if x in t["relation"]:
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
