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
* anything else is a name, looked up among the actors of the graph by
  :func:`kg.names.match` (case, accents and punctuation aside, the gazetteer's aliases,
  a surname: ``Assad``, ``bashar al-assad``) → ``?actor`` bound to the actor found (or
  ``?actorLabel`` to its exact label, for a query that only has that variable).

A value that names no actor of the graph is an error (E337) that names the nearest
actors by similarity; a name that fits several equally is one too (E338). Nothing is
run in silence on a parameter that matches nothing.

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
>>> run_query(Graph(), "who_supports", {"target": "Narnia"})
Traceback (most recent call last):
...
kg.errors.QueryError: E337 who_supports.rq: parameter target: no actor 'Narnia' in the graph, ...
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
    """A parameter of a saved query: its name, what it means, and whether it may be left out.

    Every parameter names an actor: it binds ``?name`` to the actor's IRI, or
    ``?nameLabel`` to its label (``variable`` and ``label_variable``), which is what a
    form with a field per parameter fills in (the endpoint's query page).
    """

    name: str
    description: str = ""
    optional: bool = True
    kind: str = "actor"

    @property
    def variable(self) -> str:
        return self.name

    @property
    def label_variable(self) -> str:
        return f"{self.name}Label"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "optional": self.optional,
            "kind": self.kind,
            "variable": self.variable,
            "label_variable": self.label_variable,
        }


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

    def to_dict(self) -> dict[str, Any]:
        """The query's metadata as JSON types: what a page needs for a form with a field
        per parameter (``params``: name, description, optional, kind, the variables bound).

        >>> [p["label_variable"] for p in load_query("who_supports").to_dict()["params"]]
        ['targetLabel']
        """
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "params": [p.to_dict() for p in self.params],
            "text": self.text,
        }


class QuerySource(Protocol):
    """Anything that can run SPARQL with bound variables (see :mod:`kg.rdf.store`)."""

    def query(self, sparql: str, bindings: dict[str, Node]) -> QueryResult: ...


def parse_query_header(name: str, text: str) -> SavedQuery:
    """Read the ``# title:``, ``# description:`` and ``# param:`` lines at the top of ``text``.

    >>> q = parse_query_header("x", "# title: X\\n# param: actor — who (optional)\\nASK {}")
    >>> q.title, q.params
    ('X', (QueryParam(name='actor', description='who (optional)', optional=True, kind='actor'),))
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
        parameter the query does not have, E333 when the query fails while running,
        E337 for a value that names no actor of the graph (with the nearest names),
        E338 for a name that fits several actors.

    Examples
    --------
    >>> from rdflib import Graph
    >>> run_query(Graph(), "ASK { ?s ?p ?o }").ask
    False
    >>> run_query(Graph(), "who_supports").rows
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
    if params:
        bindings = _resolve(source, text, params, bindings, qname)
    return _execute(source, text, prepared, bindings, qname)


# ---------------------------------------------------------------- private helpers

_ISO3 = re.compile(r"^[A-Z]{3}$")
_STATE_BY_CODE = "SELECT DISTINCT ?state WHERE { ?state dkg:iso3 ?code }"
# the actors of the graph, to look names up in (the classes: those of the actor kinds,
# so graphs written before dkg:Actor was materialised are read too)
_ACTORS = """SELECT DISTINCT ?actor ?label ?type ?iso3 WHERE {
  VALUES ?type { %s }
  ?actor a ?type ; rdfs:label ?label .
  OPTIONAL { ?actor dkg:iso3 ?iso3 }
}"""


def _resolve(
    source: Graph | QuerySource,
    text: str,
    params: Mapping[str, str],
    bindings: dict[str, Node],
    qname: str,
) -> dict[str, Node]:
    """Bind every parameter to an actor of the graph, or say why it cannot be."""
    from kg.names import ambiguous_message, match, not_found_message

    out = dict(bindings)
    actors = None
    for name, value in params.items():
        v = value.strip()
        if _ISO3.match(v):
            out[name] = _state_with_code(source, v)
        if actors is None:
            actors = _actors(source)
        by_id = {c.id: c for c in actors}
        bound = out.get(name)
        if isinstance(bound, URIRef):
            if str(bound) not in by_id:
                raise QueryError("E337", f"parameter {name}: " + not_found_message(v, actors), path=qname)
            continue
        found = match(v, actors)
        if not found:
            raise QueryError("E337", f"parameter {name}: " + not_found_message(v, actors), path=qname)
        if len(found) > 1:
            raise QueryError("E338", f"parameter {name}: " + ambiguous_message(v, found), path=qname)
        out.pop(f"{name}Label", None)
        if _has_var(text, name):
            out[name] = URIRef(found[0].id)
        else:
            out[f"{name}Label"] = Literal(found[0].label)
    return out


def _actors(source: Graph | QuerySource) -> list[Any]:
    """The actors of ``source`` as :class:`kg.names.Candidate` records."""
    from kg import vocab
    from kg.names import Candidate
    from kg.rdf.namespace import sparql_prefixes

    classes = " ".join(f"<{vocab.kind_class(k)}>" for k in vocab.actor_kinds())
    lookup = sparql_prefixes("dkg", "rdfs") + _ACTORS % classes
    rows = _execute(source, lookup, _prepare(lookup, "<actor lookup>"), {}, "<actor lookup>").rows
    seen: dict[str, Any] = {}
    for row in sorted(rows, key=lambda r: tuple(str(x) for x in r)):
        if len(row) != 4 or row[0] is None or str(row[0]) in seen:
            continue
        actor, label, cls, iso3 = row
        tail = str(actor).rsplit("/", 1)[-1]
        seen[str(actor)] = Candidate(
            str(actor), str(label), vocab.kind_of(cls), str(iso3) if iso3 else None,
            tail if re.match(r"^Q[1-9][0-9]*$", tail) else None,
        )  # fmt: skip
    return list(seen.values())


def _has_var(text: str, var: str) -> bool:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return re.search(r"[?$]" + re.escape(var) + r"\b", body) is not None


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
        # pyparsing backtracks to the start of the query ("Expected SelectQuery"):
        # Oxigraph's parser says where the query went wrong and what it expected
        line, column, msg = _oxigraph_syntax_error(text) or (e.lineno, e.column, e.msg)
        lines = text.splitlines()
        shown = lines[line - 1] if 0 < line <= len(lines) else ""
        caret = f"\n  {shown}\n  {' ' * max(column - 1, 0)}^" if shown.strip() else ""
        raise QueryError(
            "E331",
            f"SPARQL syntax error at column {column}: {msg}{caret}",
            path=qname,
            line=line,
        ) from None
    except Exception as e:  # e.g. an undeclared prefix, found while translating
        raise QueryError("E331", f"invalid SPARQL: {e}", path=qname) from None


def _oxigraph_syntax_error(text: str) -> tuple[int, int, str] | None:
    """(line, column, what was expected) from Oxigraph's SPARQL parser, or None."""
    try:
        import pyoxigraph
    except ImportError:  # pragma: no cover (a dependency)
        return None
    try:
        pyoxigraph.Store().query(text)
    except SyntaxError as e:
        m = re.match(r"error at (\d+):(\d+): (.*)", str(e))
        if m:  # Oxigraph's position is just after the last token it could read
            line, column = int(m.group(1)), max(int(m.group(2)) - 1, 1)
            lines = text.splitlines()
            if line > len(lines) or not "\n".join([lines[line - 1][column - 1 :], *lines[line:]]).strip():
                body = [i for i, x in enumerate(lines) if x.strip()]  # past the end: its last token
                if body:
                    line = body[-1] + 1
                    column = len(lines[body[-1]].rstrip())
            return line, column, m.group(3)
    except Exception:  # a query Oxigraph parses but cannot run on an empty store
        return None
    return None


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
