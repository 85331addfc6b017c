"""Saved SPARQL queries (``ontology/queries/*.rq``) and running queries with bound parameters.

Each ``.rq`` file asks one question. Its header comment gives a title, a description and
the parameters it takes::

    # title: Who supports whom
    # description: Actors stated or reported to support an actor, …
    # param: target — the supported actor: an actor IRI, an ISO-3 code or an exact label (optional)

The query text declares its own prefixes and reads the default graph, which every store we
use treats as the union of the named graphs (rdflib ``Dataset(default_union=True)``,
pyoxigraph ``use_default_graph_as_union=True``, an endpoint configured that way), so the same
text runs everywhere.

Parameters are bound, never formatted into the text. A value for parameter ``actor`` becomes

* an IRI (``https://…``, ``urn:…`` or ``<…>``) → bound to ``?actor``;
* an ISO-3 code (``RUS``) → ``?actor`` bound to the state whose ``dkg:iso3`` is that code
  (:func:`run_query` looks it up; :func:`kg.iri.actor_iri` of the code when none is found);
* a Wikidata QID (``Q7747``) → ``?actor`` bound to :func:`kg.iri.actor_iri` of it;
* anything else → the literal bound to ``?actorLabel``, which the query matches against
  ``rdfs:label`` (exact, case-sensitive).

Examples
--------
>>> [q.name for q in list_queries()][:3]
['about_actor', 'actors_by_partners', 'all_relations']
>>> load_query("who_supports").params[0].name
'target'
>>> bind_params({"target": "RUS"})
{'target': rdflib.term.URIRef('https://w3id.org/diplomatic-kg/id/actor/RUS')}
>>> bind_params({"target": "Bashar al-Assad"})
{'targetLabel': rdflib.term.Literal('Bashar al-Assad')}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.iri import actor_iri
from kg.rdf.results import QueryResult, from_rdflib

__all__ = [
    "QueryParam",
    "QuerySource",
    "SavedQuery",
    "bind_params",
    "list_queries",
    "load_query",
    "parse_query_header",
    "run_query",
]

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CODE = re.compile(r"^(?:[A-Z]{3}|Q[1-9][0-9]*)$")
_IRI_START = re.compile(r"^(?:https?://|urn:)", re.IGNORECASE)
_IRI_BAD = re.compile(r'[\s<>"{}|^`\\]')
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(?:—|–|-{1,2}|:)\s*(.*)$")


@dataclass(frozen=True)
class QueryParam:
    """A parameter of a saved query: its name, what it means, and whether it may be left out."""

    name: str
    description: str = ""
    optional: bool = True


@dataclass(frozen=True)
class SavedQuery:
    """A query shipped in ``ontology/queries/``: ``name`` is the file name without ``.rq``."""

    name: str
    title: str
    description: str
    params: tuple[QueryParam, ...] = field(default_factory=tuple)
    text: str = ""

    @property
    def param_names(self) -> list[str]:
        return [p.name for p in self.params]


class QuerySource(Protocol):
    """Anything that can run SPARQL with bound variables (see :mod:`kg.rdf.store`)."""

    def query(self, sparql: str, bindings: dict[str, Node]) -> QueryResult: ...


def parse_query_header(name: str, text: str) -> SavedQuery:
    """Read the ``# title:``, ``# description:`` and ``# param:`` lines at the top of ``text``.

    >>> q = parse_query_header("x", "# title: X\\n# param: actor — who (optional)\\nASK {}")
    >>> q.title, q.params
    ('X', (QueryParam(name='actor', description='who (optional)', optional=True),))
    """
    title, description, params = name.replace("_", " "), "", []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.groups()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        else:
            pm = _PARAM.match(value)
            if not pm:
                raise QueryError(
                    "E334",
                    f"bad '# param:' line {value!r}; expected 'name — meaning'",
                    path=f"{name}.rq",
                    line=n,
                )
            pname, pdesc = pm.groups()
            params.append(QueryParam(pname, pdesc, optional="(optional)" in pdesc))
    return SavedQuery(name, title, description, tuple(params), text)


def list_queries() -> list[SavedQuery]:
    """Every saved query, sorted by name."""
    from kg.resources import ontology_dir

    out = []
    for f in ontology_dir("queries").iterdir():
        if f.name.endswith(".rq"):
            out.append(parse_query_header(f.name[:-3], f.read_text(encoding="utf-8")))
    return sorted(out, key=lambda q: q.name)


def load_query(name: str) -> SavedQuery:
    """The saved query called ``name`` (with or without ``.rq``).

    Raises
    ------
    kg.errors.QueryError
        E330 when there is no such query; the message lists the valid names.

    Examples
    --------
    >>> load_query("who_met_whom").title
    'Who met whom'
    >>> load_query("who_met")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: E330: no saved query 'who_met'; valid: about_actor, ...
    """
    from kg.resources import ontology_file

    stem = name[:-3] if name.endswith(".rq") else name
    f = ontology_file(f"queries/{stem}.rq") if _NAME.match(stem) else None
    if f is None or not f.is_file():
        valid = ", ".join(q.name for q in list_queries())
        raise QueryError("E330", f"no saved query {name!r}; valid: {valid}")
    return parse_query_header(stem, f.read_text(encoding="utf-8"))


def bind_params(params: Mapping[str, str] | None) -> dict[str, Node]:
    """Turn ``{param: value}`` strings into SPARQL variable bindings (see the module doc).

    Raises
    ------
    kg.errors.QueryError
        E332 for a parameter name that is not a SPARQL variable name, or a value that
        starts like an IRI but holds characters no IRI may hold.
    """
    out: dict[str, Node] = {}
    for name, value in (params or {}).items():
        if not _VAR.match(name):
            raise QueryError("E332", f"parameter name {name!r} is not a SPARQL variable name")
        v = value.strip()
        if v.startswith("<") and v.endswith(">"):
            v = v[1:-1]
            if not _IRI_START.match(v):
                raise QueryError("E332", f"parameter {name}: {value!r} is not an absolute IRI")
        if _IRI_START.match(v):
            if _IRI_BAD.search(v):
                raise QueryError("E332", f"parameter {name}: {value!r} is not a valid IRI")
            out[name] = URIRef(v)
        elif _CODE.match(v):
            out[name] = URIRef(actor_iri(v))
        else:
            out[f"{name}Label"] = Literal(value)
    return out


def run_query(
    source: Graph | QuerySource,
    sparql: str | SavedQuery,
    params: Mapping[str, str] | None = None,
    *,
    name: str | None = None,
) -> QueryResult:
    """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query with bound parameters.

    Parameters
    ----------
    source : rdflib.Graph, rdflib.Dataset or QuerySource
        An rdflib graph or dataset (a dataset is queried with its default graph as the
        union of its named graphs), or a store with ``query(sparql, bindings)``.
    sparql : str or SavedQuery
        The query text, a saved query from :func:`load_query`, or a saved query's name.
    params : mapping of str to str, optional
        Parameter values, bound as described in the module doc.
    name : str, optional
        What to call the query in error messages (defaults to the saved query's name).

    Returns
    -------
    QueryResult

    Raises
    ------
    kg.errors.QueryError
        E331 when the text does not parse (naming the query and line), E332 for a
        parameter the query does not have, E333 when the query fails while running.

    Examples
    --------
    >>> from rdflib import Graph
    >>> run_query(Graph(), "ASK { ?s ?p ?o }").ask
    False
    >>> run_query(Graph(), "who_supports", {"target": "SYR"}).rows
    []
    >>> run_query(Graph(), "SELECT ?x WHERE { ?x ?p ?o }", {"y": "RUS"})
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: E332 <query>: the query has no variable ?y for parameter 'y'
    """
    if isinstance(sparql, str) and _NAME.match(sparql.strip()):
        sparql = load_query(sparql.strip())  # a saved query's name: no SPARQL looks like one
    saved = sparql if isinstance(sparql, SavedQuery) else None
    text = saved.text if saved else str(sparql)
    qname = name or (f"{saved.name}.rq" if saved else "<query>")
    prepared = _prepare(text, qname)
    bindings = bind_params(params)
    _check_params(text, params or {}, bindings, saved, qname)
    for name, value in (params or {}).items():
        if _ISO3.match(value.strip()):
            bindings[name] = _state_with_code(source, value.strip())
    return _execute(source, text, prepared, bindings, qname)


# ---------------------------------------------------------------- private helpers

_ISO3 = re.compile(r"^[A-Z]{3}$")
_STATE_BY_CODE = "SELECT DISTINCT ?state WHERE { ?state dkg:iso3 ?code }"


def _execute(
    source: Graph | QuerySource, text: str, prepared: Any, bindings: dict[str, Node], qname: str
) -> QueryResult:
    if isinstance(source, Graph):
        graph = source
        if isinstance(source, Dataset) and not source.default_union:
            graph = Dataset(store=source.store, default_union=True)
        try:
            return from_rdflib(graph.query(prepared, initBindings=bindings))
        except Exception as e:
            raise QueryError("E333", f"query failed: {e}", path=qname) from e
    if not callable(getattr(source, "query", None)):
        raise TypeError(f"cannot query a {type(source).__name__}: no query(sparql, bindings)")
    return source.query(text, bindings)


def _state_with_code(source: Graph | QuerySource, code: str) -> URIRef:
    """The IRI of the state whose ``dkg:iso3`` is ``code``: ``actor_iri(code)`` when the
    graph has it (or has no state with that code), else the state's own IRI (the
    gazetteer may key a state by its Wikidata QID)."""
    from kg.rdf.namespace import sparql_prefixes

    default = URIRef(actor_iri(code))
    lookup = sparql_prefixes("dkg") + _STATE_BY_CODE
    found = _execute(
        source,
        lookup,
        _prepare(lookup, "<state lookup>"),
        {"code": Literal(code)},
        "<state lookup>",
    )
    states = sorted(str(row[0]) for row in found.rows if isinstance(row[0], URIRef))
    if not states or str(default) in states:
        return default
    return URIRef(states[0])


def _prepare(text: str, qname: str) -> Any:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(text)
    except ParseBaseException as e:
        raise QueryError(
            "E331",
            f"SPARQL syntax error at column {e.column}: {e.msg}",
            path=qname,
            line=e.lineno,
        ) from None
    except Exception as e:  # e.g. an undeclared prefix, found while translating
        raise QueryError("E331", f"invalid SPARQL: {e}", path=qname) from None


def _check_params(
    text: str,
    params: Mapping[str, str],
    bindings: Mapping[str, Node],
    saved: SavedQuery | None,
    qname: str,
) -> None:
    if saved is not None:
        for p in params:
            if p not in saved.param_names:
                valid = ", ".join(saved.param_names) or "none"
                raise QueryError("E332", f"the query has no parameter {p!r}; valid: {valid}", path=qname)
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for var in bindings:
        if not re.search(r"[?$]" + re.escape(var) + r"\b", body):
            param = var[:-5] if var.endswith("Label") and var[:-5] in params else var
            hint = f" (a label binds ?{var})" if var != param else ""
            raise QueryError(
                "E332",
                f"the query has no variable ?{var} for parameter {param!r}{hint}",
                path=qname,
            )
