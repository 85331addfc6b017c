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
        params = "".join(f"<li><code>?{esc(p.name)}</code> {esc(p.description)}</li>" for p in q.params)
        items.append(
            f'<details><summary><b>{esc(q.title)}</b> <code class="meta">{esc(q.name)}</code>'
            f"</summary><p>{esc(q.description)}</p>"
            + (f"<p>Parameters (bind them in the query text):</p><ul>{params}</ul>" if params else "")
            + f'<pre id="saved-{i}">{esc(q.text)}</pre>'
            f'<button class="use" type="button" data-target="saved-{i}">Use this query</button>'
            "</details>"
        )
    default = "SELECT ?s ?p ?o WHERE {\n  ?s ?p ?o\n}\nLIMIT 25"
    return _template("page.html").substitute(
        css=_template("page.css").template,
        js=_template("page.js").template,
        timeout=esc(f"{timeout:g}"),
        max_rows=esc(str(max_rows)),
        default=esc(default),
        saved="".join(items) or "<p>No saved queries.</p>",
    )


@cache
def _template(name: str) -> Template:
    from importlib.resources import files

    return Template((files("kg.rdf.server") / "templates" / name).read_text(encoding="utf-8"))
