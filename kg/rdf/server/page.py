"""The query page of the endpoint (``/``): ``templates/page.html`` with its CSS and script
inline (no external URL, no CDN) and the saved queries listed, every dynamic text escaped."""

from __future__ import annotations

import html
import logging
from functools import cache
from string import Template

__all__ = ["query_page"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


def query_page(timeout: float, max_rows: int) -> str:
    """The query page: everything inline, every dynamic text escaped."""
    from kg.rdf.queries import list_queries

    esc = html.escape
    items = []
    try:
        saved = list_queries()
    except Exception as e:  # a broken .rq must not take the endpoint down
        logger.warning("cannot list the saved queries: %s", e)
        saved = []
    for i, q in enumerate(saved):
        # a field per parameter (kg.rdf.queries.QueryParam): the page binds the actor's
        # exact label with a VALUES clause; the list of actors offers the labels
        fields = "".join(
            f'<p><label>{esc(p.name)} <input class="param" data-for="saved-{i}" '
            f'data-var="{esc(p.label_variable)}" list="dkg-actors" autocomplete="off" '
            f'placeholder="{esc(p.description)}"></label></p>'
            for p in q.params
        )
        items.append(
            f'<details><summary><b>{esc(q.title)}</b> <code class="meta">{esc(q.name)}</code>'
            f"</summary><p>{esc(q.description)}</p>"
            + (f"<p>Parameters (an actor's name; leave empty for all):</p>{fields}" if fields else "")
            + f'<pre id="saved-{i}">{esc(q.text)}</pre>'
            f'<button class="use" type="button" data-target="saved-{i}">Use this query</button>'
            "</details>"
        )
    # the actors' labels for the parameter fields, asked of the endpoint by the page
    items.append(f'<pre id="actors-query" hidden>{esc(_actors_query())}</pre>'
                 '<datalist id="dkg-actors"></datalist>')  # fmt: skip
    default = "SELECT ?s ?p ?o WHERE {\n  ?s ?p ?o\n}\nLIMIT 25"
    return _template("page.html").substitute(
        css=_template("page.css").template,
        js=_template("page.js").template,
        timeout=esc(f"{timeout:g}"),
        max_rows=esc(str(max_rows)),
        default=esc(default),
        saved="".join(items) or "<p>No saved queries.</p>",
    )


def _actors_query() -> str:
    from kg import vocab
    from kg.rdf.namespace import sparql_prefixes

    classes = " ".join(f"<{vocab.kind_class(k)}>" for k in vocab.actor_kinds())
    return (sparql_prefixes("rdfs") + "SELECT DISTINCT ?label WHERE { VALUES ?type { "
            + classes + " } ?actor a ?type ; rdfs:label ?label } ORDER BY ?label LIMIT 10000")  # fmt: skip


@cache
def _template(name: str) -> Template:
    from importlib.resources import files

    return Template((files("kg.rdf.server") / "templates" / name).read_text(encoding="utf-8"))
