r"""Result formats of the endpoint: content negotiation and the serializers.

SPARQL results (``SELECT``, ``ASK``) are written as JSON (the default), XML, CSV or TSV;
graph results (``CONSTRUCT``, ``DESCRIBE``) as Turtle (the default) or N-Triples. The
format comes from a ``format`` parameter, else from the ``Accept`` header.

Examples
--------
>>> negotiate([], "text/csv, application/json;q=0.5", "rows")
'csv'
>>> negotiate(["nt"], "", "graph"), negotiate([], "text/html", "graph")
('nt', 'turtle')
>>> from kg.rdf.results import QueryResult
>>> serialize(QueryResult(ask=True), "tsv")
b'?_askResult\ntrue\n'
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef

from kg.rdf.ntriples import XSD_STRING

if TYPE_CHECKING:
    from rdflib.term import Node

    from kg.rdf.results import QueryResult

__all__ = ["FORMATS", "negotiate", "serialize", "truncate"]

#: format name → (media type, kind): kind "rows" for SELECT/ASK, "graph" for CONSTRUCT.
FORMATS: dict[str, tuple[str, str]] = {
    "json": ("application/sparql-results+json", "rows"),
    "xml": ("application/sparql-results+xml", "rows"),
    "csv": ("text/csv", "rows"),
    "tsv": ("text/tab-separated-values", "rows"),
    "turtle": ("text/turtle", "graph"),
    "nt": ("application/n-triples", "graph"),
}
_ALIASES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "ttl": "turtle",
    "n3": "turtle",
    "text/n3": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
}


def truncate(result: QueryResult, max_rows: int) -> bool:
    """Drop the rows (or triples) of *result* past *max_rows*; whether any were dropped."""
    if result.graph is not None and len(result.graph) > max_rows:
        from rdflib import Graph

        g = Graph()
        for i, t in enumerate(result.graph):
            if i >= max_rows:
                break
            g.add(t)
        result.graph = g
        return True
    if len(result.rows) > max_rows:
        del result.rows[max_rows:]
        return True
    return False


def negotiate(formats: list[str], accept: str, kind: str) -> str:
    """The format for a *kind* result from ``format`` values, then ``Accept``, then the default."""
    default = "json" if kind == "rows" else "turtle"
    for f in formats:
        name = _ALIASES.get(f.strip().lower(), f.strip().lower())
        if name in FORMATS and FORMATS[name][1] == kind:
            return name
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *opts = (x.strip() for x in part.split(";"))
        q = 1.0
        for o in opts:
            if o.startswith("q="):
                try:
                    q = float(o[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, media.lower()))
    for _, _, media in sorted(ranked):
        name = _ALIASES.get(media)
        if name and FORMATS[name][1] == kind:
            return name
    return default


def serialize(result: QueryResult, fmt: str) -> bytes:
    """*result* in the format named *fmt* (a key of :data:`FORMATS`), as UTF-8 bytes."""
    if result.graph is not None:
        data = result.graph.serialize(format="turtle" if fmt == "turtle" else "nt")
        return data.encode("utf-8") if isinstance(data, str) else data
    if fmt == "json":
        return json.dumps(result.to_json_obj(), ensure_ascii=False).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        result.to_csv(buf)
        return buf.getvalue().replace("\n", "\r\n").encode("utf-8")
    if fmt == "tsv":
        return _to_tsv(result).encode("utf-8")
    return _to_xml(result).encode("utf-8")


def _tsv_term(t: Node | None) -> str:
    if t is None:
        return ""
    if isinstance(t, Literal):
        v = str(t)
        for a, b in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
            v = v.replace(a, b)
        if t.language:
            return f'"{v}"@{t.language}'
        if t.datatype is not None and str(t.datatype) != XSD_STRING:
            return f'"{v}"^^<{t.datatype}>'
        return f'"{v}"'
    if isinstance(t, BNode):
        return f"_:{t}"
    return f"<{t}>"


def _to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: a ``?var`` header, terms in Turtle syntax."""
    if result.ask is not None:
        return f"?_askResult\n{'true' if result.ask else 'false'}\n"
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format (second edition)."""
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in result.vars]
    out.append("</head>\n")
    if result.ask is not None:
        out.append(f"<boolean>{'true' if result.ask else 'false'}</boolean>\n</sparql>\n")
        return "".join(out)
    out.append("<results>\n")
    for row in result.rows:
        out.append("<result>")
        for var, t in zip(result.vars, row, strict=False):
            if t is None:
                continue
            out.append(f"<binding name={quoteattr(var)}>")
            if isinstance(t, URIRef):
                out.append(f"<uri>{escape(str(t))}</uri>")
            elif isinstance(t, BNode):
                out.append(f"<bnode>{escape(str(t))}</bnode>")
            elif isinstance(t, Literal):
                attrs = ""
                if t.language:
                    attrs = f" xml:lang={quoteattr(t.language)}"
                elif t.datatype is not None and str(t.datatype) != XSD_STRING:
                    attrs = f" datatype={quoteattr(str(t.datatype))}"
                out.append(f"<literal{attrs}>{escape(str(t))}</literal>")
            out.append("</binding>")
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out)
