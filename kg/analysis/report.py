"""One call that runs every analysis and returns plain data, for ``kg analyze``, the
build report and notebooks; and :func:`summary`, the one definition of its counts.

The counts mean the same wherever they are printed (``kg build``, ``kg analyze``,
``kg viz``, ``report.md``):

* **documents**: documents read (each ``dkg:Document`` of the graph);
* **documents with relations**: documents that gave at least one event, and the rest,
  **documents without relations**;
* **events**: distinct events (``dkg:Event``, one however many documents state it),
  whatever their modality; **claims**: those asserted or reported;
* **actors**: the actors that take part in an event, as source or target (a speaker
  who only reports an event is not one).

Bloc numbers are 1-based everywhere, JSON included.

Examples
--------
An event multigraph as :func:`~kg.analysis.convert.to_nx` makes it (an RDF dataset
works as well):

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_nodes_from([("RUS", {"label": "Russia"}), ("SYR", {"label": "Syria"})])
>>> _ = G.add_edge("RUS", "SYR", key="e1", relation="meets", modality="asserted",
...                date="2023-03-15", sources=[{"doc": "d1"}], evidence=[])
>>> r = analyze(G)
>>> s = r["summary"]
>>> s["actors"], s["events"], s["documents"], s["documents_with_relations"]
(2, 1, 1, 1)
>>> [(b["bloc"], b["members"]) for b in r["blocs"]]
[(1, ['Russia', 'Syria'])]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["analyze", "summary"]


def summary(G: nx.MultiDiGraph) -> dict[str, Any]:
    """The counts of an event multigraph, by the definitions of this module's doc.

    ``documents`` are the documents read when ``G`` comes from
    :func:`~kg.analysis.convert.to_nx` (``G.graph["documents"]``), else those behind
    its events.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(documents={"d1": "a", "d2": "b"}, untargeted=[
    ...     {"relation": "denies", "modality": "asserted", "date": None, "sources": [{"doc": "d1"}]}])
    >>> G.add_node("RUS")
    >>> s = summary(G)
    >>> s["events"], s["documents"], s["documents_with_relations"], s["documents_without_relations"]
    (1, 2, 1, 1)
    """
    from kg.vocab import claim_modalities

    claims = claim_modalities()
    untargeted = list(G.graph.get("untargeted", []))
    events = [d for *_, d in G.edges(data=True)] + untargeted
    with_events = {s["doc"] for d in events for s in d.get("sources") or [] if s.get("doc")}
    read = G.graph.get("documents")
    documents = len(read) if read is not None else len(with_events)
    dates = sorted(str(d["date"]) for d in events if d.get("date"))
    return {
        "documents": documents,
        "documents_with_relations": len(with_events),
        "documents_without_relations": max(documents - len(with_events), 0),
        "events": len(events),
        "claims": sum(1 for d in events if d.get("modality") in claims),
        "relations_between_actors": G.number_of_edges(),
        "actors": G.number_of_nodes(),
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
    }


def analyze(
    dataset: Any,
    *,
    actor: str | None = None,
    start: str | None = None,
    end: str | None = None,
    by: str | None = None,
    seed: int = 0,
    top: int = 10,
    roll_up: bool = False,
) -> dict[str, Any]:
    """Centrality, signed blocs, balance, brokers, an ego network and change over time.

    Parameters
    ----------
    dataset : rdflib.Dataset, rdflib.Graph, kg.rdf.store.Store or networkx.MultiDiGraph
        The knowledge graph or a store (read with :func:`~kg.analysis.convert.to_nx`),
        or an event multigraph already made. Not modified.
    actor : str, optional
        An actor (IRI, label, alias, surname or ISO-3; see
        :func:`~kg.analysis.centrality.find_actor`) whose ego network is reported.
    start, end : str, optional
        Date window (ISO dates, inclusive) of the events analysed.
    by : {"month", "quarter", "year"}, optional
        Window of the change over time; ``"month"`` when not given.
    seed : int, default 0
        Seed of every stochastic step (Louvain, the blocs' search, sampling).
    top : int, default 10
        Length of the ranked lists.
    roll_up : bool, default False
        Analyse states only (people mapped onto their states).

    Returns
    -------
    dict
        ``summary`` (:func:`summary`, with ``seed``), ``nodes`` (centralities, ``bloc``
        and contact ``community``, both 1-based), ``edges`` (with evidence),
        ``centrality`` (top ``[id, label, value]`` per measure), ``blocs`` (``bloc``,
        ``members`` labels by weighted degree, ``ids``, ``size``), ``bloc_ids`` (the
        partition, for renderers), ``frustration`` (``total``, ``share``, ``ties``),
        ``contact_communities`` (labels), ``balance``, ``brokers``, ``ego`` (or None)
        and ``periods`` (:func:`~kg.analysis.timeline.by_period`). Only JSON types.
    """
    import networkx as nx

    from kg.analysis.alliances import balance, contact_communities, signed_blocs
    from kg.analysis.centrality import brokers, centrality, ego, find_actor
    from kg.analysis.convert import date_window, signed_graph, to_nx
    from kg.analysis.timeline import by_period

    if isinstance(dataset, nx.Graph):
        G = date_window(dataset, start, end)
    else:
        G = to_nx(dataset, start=start, end=end, roll_up=roll_up)
    S = signed_graph(G)
    cent = centrality(G, seed=seed)
    sb = signed_blocs(S, seed=seed)
    number = sb.number()
    contact = contact_communities(S, seed=seed)
    community = {n: i for i, c in enumerate(contact, 1) for n in c}
    label = {n: str(G.nodes[n].get("label") or n) for n in G}
    degree = cent["degree"]

    def by_weight(members: list[Any]) -> list[Any]:
        return sorted(members, key=lambda n: (-degree.get(n, 0.0), label[n]))

    report: dict[str, Any] = {
        "summary": {**summary(G), "seed": seed},
        "nodes": [
            {
                "id": n,
                "label": label[n],
                **{k: G.nodes[n].get(k) for k in ("kind", "country", "wikidata")},
                **{m: round(cent[m][n], 6) for m in cent},
                "bloc": number.get(n),
                "community": community.get(n),
            }
            for n in sorted(G, key=str)
        ],
        "edges": [
            _edge(u, v, k, d)
            for u, v, k, d in sorted(
                G.edges(keys=True, data=True), key=lambda e: (str(e[2]), str(e[0]), str(e[1]))
            )
        ],
        "centrality": {
            m: [[n, label[n], round(x, 6)] for n, x in list(vals.items())[:top]] for m, vals in cent.items()
        },
        "blocs": [
            {"bloc": i, "size": len(b), "members": [label[n] for n in by_weight(b)], "ids": by_weight(b)}
            for i, b in enumerate(sb.blocs, 1)
        ],
        "bloc_ids": sb.blocs,
        "frustration": {
            "total": sb.frustration,
            "share": sb.share,
            "ties": [[label[u], label[v], w] for u, v, w in sb.frustrated],
        },
        "contact_communities": [[label[n] for n in by_weight(c)] for c in contact],
        "balance": _balance(balance(S), label),
        "brokers": brokers(S, sb.blocs)[:top],
        "ego": None,
        "periods": by_period(G, by or "month", seed=seed, top=min(top, 5), reference=sb.blocs),
    }
    if actor is not None:
        node = find_actor(G, actor)
        E = ego(G, node)
        report["ego"] = {
            "actor": node,
            "label": label[node],
            "bloc": number.get(node),
            "neighbours": [[n, label[n]] for n in sorted(E, key=lambda n: label[n]) if n != node],
            "edges": [
                _edge(u, v, k, d)
                for u, v, k, d in sorted(
                    E.edges(keys=True, data=True), key=lambda e: (str(e[3].get("date") or "~"), str(e[2]))
                )
            ],
        }
    return report


def _edge(u: Any, v: Any, k: Any, d: dict[str, Any]) -> dict[str, Any]:
    from kg.rdf.namespace import DKG
    from kg.vocab import relation_of

    keep = ("relation", "modality", "date", "granularity", "confidence", "corroboration",
            relation_of(DKG.Denial), "sources", "evidence")  # fmt: skip
    return {"key": k, "source": u, "target": v, **{x: d.get(x) for x in keep}}


def _balance(report: Any, label: dict[Any, str]) -> dict[str, Any]:
    d = report.to_dict()
    for t in d["unbalanced"]:
        t["labels"] = [label.get(a, str(a)) for a in t["actors"]]
    return d
