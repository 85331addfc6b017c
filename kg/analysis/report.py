"""One call that runs every analysis and returns plain data, for ``kg analyze``, the
build report and notebooks.

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
>>> r["summary"]["actors"], r["summary"]["events"], r["summary"]["documents"], r["blocs"]
(2, 1, 1, [['Russia', 'Syria']])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

__all__ = ["analyze"]


def analyze(
    dataset: rdflib.Dataset | rdflib.Graph | nx.MultiDiGraph,
    *,
    actor: str | None = None,
    start: str | None = None,
    end: str | None = None,
    by: str | None = None,
    seed: int = 0,
    top: int = 10,
    roll_up: bool = False,
) -> dict[str, Any]:
    """Centrality, blocs, balance, brokers, an ego network and shifts over time.

    Parameters
    ----------
    dataset : rdflib.Dataset, rdflib.Graph or networkx.MultiDiGraph
        The knowledge graph (read with :func:`~kg.analysis.convert.to_nx`), or an
        event multigraph already made. Not modified.
    actor : str, optional
        An actor (IRI, label or ISO-3) whose ego network and paths are reported.
    start, end : str, optional
        Date window (ISO dates, inclusive) of the events analysed.
    by : {"month", "quarter", "year"}, optional
        Window of the shifts over time; ``"month"`` when not given.
    seed : int, default 0
        Seed of every stochastic step (Louvain, local search, sampling).
    top : int, default 10
        Length of the ranked lists.
    roll_up : bool, default False
        Analyse states only (people mapped onto their states).

    Returns
    -------
    dict
        ``summary``, ``nodes`` (with centralities and bloc), ``edges`` (with evidence),
        ``centrality`` (top ``[id, label, value]`` per measure), ``blocs`` (labels),
        ``signed_partition``, ``balance``, ``brokers``, ``ego`` (or None) and
        ``periods``. Only JSON types.
    """
    import networkx as nx

    from kg.analysis.alliances import balance, blocs, by_period, signed_partition
    from kg.analysis.centrality import brokers, centrality, ego, find_actor
    from kg.analysis.convert import date_window, signed_graph, to_nx
    from kg.vocab import claim_modalities

    claims = claim_modalities()
    if isinstance(dataset, nx.Graph):
        G = date_window(dataset, start, end)
    else:
        G = to_nx(dataset, start=start, end=end, roll_up=roll_up)
    S = signed_graph(G)
    cent = centrality(G, seed=seed)
    bl = blocs(S, seed=seed)
    member = {n: i for i, b in enumerate(bl) for n in b}
    label = {n: str(G.nodes[n].get("label") or n) for n in G}
    part = signed_partition(S, seed=seed)
    dates = sorted(str(d) for *_, d in G.edges(data="date") if d)
    docs = {s["doc"] for *_, ss in G.edges(data="sources") for s in ss or []}
    report: dict[str, Any] = {
        "summary": {
            "actors": G.number_of_nodes(),
            "events": G.number_of_edges(),
            "claims": sum(1 for *_, m in G.edges(data="modality") if m in claims),
            "documents": len(docs),
            "first": dates[0] if dates else None,
            "last": dates[-1] if dates else None,
            "seed": seed,
        },
        "nodes": [
            {
                "id": n,
                **{k: G.nodes[n].get(k) for k in ("label", "kind", "country", "wikidata")},
                **{m: round(cent[m][n], 6) for m in cent},
                "bloc": member.get(n),
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
        "blocs": [[label[n] for n in b] for b in bl],
        "bloc_ids": bl,
        "signed_partition": {
            "groups": [[label[n] for n in g] for g in part["groups"]],
            "frustration": part["frustration"],
            "frustrated": [[label[u], label[v], w] for u, v, w in part["frustrated"]],
        },
        "balance": _balance(balance(S), label),
        "brokers": brokers(S, bl)[:top],
        "ego": None,
        "periods": by_period(G, by or "month", seed=seed, top=min(top, 5)),
    }
    if actor is not None:
        node = find_actor(G, actor)
        E = ego(G, node)
        report["ego"] = {
            "actor": node,
            "label": label[node],
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
