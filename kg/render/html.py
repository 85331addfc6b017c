"""The offline explorer page: pyvis's ``generate_html()`` through our own template.

pyvis 0.3.2 renders a Jinja template with the network's ``nodes``, ``edges`` and
``options``; its own template loads vis-network, Bootstrap and tom-select from CDNs
(even with ``cdn_resources="in_line"``, WestHealth/pyvis#228) and its environment does
not autoescape. :func:`attach_template` gives a network our environment (autoescaping,
``templates/explorer.html.j2``) instead, so the page is one file that loads nothing:

* vis-network 9.1.2 (copied from pyvis's package into ``templates/vendor/``) and our
  scripts and styles are inline, each allowed by its SHA-256 in the page's
  Content-Security-Policy (``default-src 'none'``; no ``'unsafe-inline'``, no
  ``'unsafe-eval'``), so a script or style that is not ours cannot run;
* the data goes in ``<script type="application/json">`` blocks (never executed) with
  ``<``, ``>`` and ``&`` written as ``\\u003c``, ``\\u003e`` and ``\\u0026``, and the page
  puts every text into the document with ``textContent``; links to articles are made
  only for ``http:`` and ``https:`` URLs, with ``rel="noopener noreferrer"``.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> _ = G.add_edge("A", "B", key="e1", relation="meets", modality="asserted",
...                evidence=[{"sentence": "A met B <script>alert(1)</script>"}])
>>> page = to_html(G, ranks={"A": 0.5, "B": 0.5}, blocs=[["A", "B"]], title="A & B")
>>> "<script>alert(1)" in page, "A &amp; B" in page, "unsafe-inline" in page
(False, True, False)
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Hashable, Iterable, Mapping, Sequence
from functools import cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.render.network import palette

if TYPE_CHECKING:
    import networkx as nx
    from pyvis.network import Network

__all__ = ["attach_template", "palette", "to_html", "to_iframe", "write_html"]

TEMPLATE = "explorer.html.j2"
#: The page's scripts, run in this order after vis-network (modules first, core last).
SCRIPTS = ("panel.js", "timeline.js", "explorer.js")
STYLES = ("vendor/vis-network.css", "explorer.css")


def to_html(
    G: nx.MultiDiGraph,
    *,
    ranks: Mapping[Hashable, float],
    blocs: Sequence[Iterable[Hashable]],
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
    **options: Any,
) -> str:
    """One self-contained, offline HTML page exploring ``G``:
    ``to_pyvis(G, ...).generate_html()``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        An event multigraph from :func:`kg.analysis.convert.to_nx`; not modified.
    ranks, blocs, positions
        As :func:`kg.render.network.to_pyvis` takes them, from
        :func:`kg.analysis.layout.overview`.
    **options
        ``title``, ``seed``, ``physics``, ``color``, ``layout_threshold`` of
        :func:`~kg.render.network.to_pyvis`.

    Returns
    -------
    str
        The page. No ``src`` or ``href`` points anywhere; vis-network is inline.

    Examples
    --------
    >>> import networkx as nx, re
    >>> G = nx.MultiDiGraph([("A", "B"), ("B", "C")])
    >>> page = to_html(G, ranks={}, blocs=[], physics=True)
    >>> page.startswith("<!DOCTYPE html>"), re.search(r"(src|href)=.?https?:", page)
    (True, None)
    """
    from kg.render.network import to_pyvis

    return to_pyvis(G, ranks=ranks, blocs=blocs, positions=positions, **options).generate_html()


def write_html(path: str | Path, html: str) -> Path:
    """Write a page (UTF-8), creating parent folders.

    Examples
    --------
    >>> import tempfile, networkx as nx
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_html(Path(d) / "out" / "g.html", to_html(nx.MultiDiGraph(), ranks={}, blocs=[]))
    ...     p.name, p.stat().st_size > 100_000
    ('g.html', True)
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(html, encoding="utf-8")
    return p


def to_iframe(page: str | Network, *, height: str = "640px") -> str:
    """The page in a sandboxed ``<iframe srcdoc>`` (in a ``<div>``), for a notebook cell:
    ``IPython.display.HTML(to_iframe(net))``. Its scripts run with an opaque origin.

    Examples
    --------
    >>> frame = to_iframe("<p>a & b</p>", height="300px")
    >>> frame.split(" srcdoc=")[0]
    '<div class="dkg-explorer"><iframe sandbox="allow-scripts allow-downloads"'
    >>> frame.split(" srcdoc=")[1].split(" title=")[0]
    '"&lt;p&gt;a &amp; b&lt;/p&gt;"'
    """
    html = page if isinstance(page, str) else page.generate_html()
    return (
        '<div class="dkg-explorer"><iframe sandbox="allow-scripts allow-downloads" '
        f'srcdoc="{escape(html)}" title="diplomatic-kg explorer" width="100%" height="{escape(height)}" '
        'frameborder="0"></iframe></div>'
    )


def attach_template(net: Network, meta: dict[str, Any]) -> Network:
    """Make ``net.generate_html()`` render our offline template, with ``meta`` (palette,
    blocs, page options) as the page's extra data. Returns ``net``."""
    from jinja2 import Environment, PackageLoader

    env = Environment(
        loader=PackageLoader("kg.render", "templates"), autoescape=True, keep_trailing_newline=True
    )
    env.filters["inert_json"] = _inert_json
    env.filters["inert_text"] = _inert_text
    env.globals.update(_assets())
    env.globals["meta"] = meta
    net.templateEnv = env
    net.path = TEMPLATE
    return net


@cache
def _assets() -> dict[str, Any]:
    """Inline scripts and styles, and the Content-Security-Policy allowing exactly them."""
    scripts = [_vendored_js(), *(_asset(s) for s in SCRIPTS)]
    styles = [_asset(s) for s in STYLES]
    for text in scripts:
        if "</script" in text.lower():  # would end the inline script early
            raise ValueError("an inline script contains '</script'")
    csp = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(_sha256(s) for s in scripts),
            "style-src " + " ".join(_sha256(s) for s in styles),
            "img-src data: blob:",
            "font-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    return {"scripts": scripts, "styles": styles, "csp": csp}


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _inert_json(data: Any) -> str:
    """JSON that cannot close its ``<script>`` element or open a comment."""
    return _inert_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str))


def _inert_text(text: str) -> str:
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@cache
def _asset(name: str) -> str:
    from importlib.resources import files

    node = files("kg.render") / "templates"
    for part in name.split("/"):
        node = node / part
    return node.read_text(encoding="utf-8")


@cache
def _vendored_js() -> str:
    js = _asset("vendor/vis-network.min.js")
    # split on "\n" only: str.splitlines() would also cut at the U+2028 etc. in the code
    return "\n".join(ln for ln in js.split("\n") if not ln.startswith("//# sourceMappingURL"))
