"""Hostile text stays inert end to end (issue 7).

An article whose text, title, url and id carry ``<img onerror>``, ``<script>``,
``"><svg onload>`` and a ``javascript:`` url is built by a real ``kg build`` process.
Then the report (report.md rendered by a Markdown renderer that passes raw HTML through,
and report.json), the offline explorer (graph.html) and the SPARQL endpoint's query page
are opened in Debian's chromium: no script runs (``window.__pwned`` stays unset, no
dialog opens), nothing is requested from the network, and the hostile strings are shown
as text where the user reads them (the evidence panel after a click, the results table).

The explorer's own hostile-text test on a hand-made graph is
``test_render_browser.py::test_hostile_article_stays_text``; the query page's escaping of saved
queries as a string check is ``test_rdf_server.py::test_page_escapes_saved_queries``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Page

# rdflib 7 warns about its own use of deprecated Dataset APIs (to_dataset, N-Quads)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>window.__pwned=1</script>"
SVG = '"><svg onload=alert(1)>'
JS_URL = 'javascript:alert(1)//"><img src=x onerror=window.__pwned=2>'
TITLE = f"{SCRIPT}Summit {SVG}"
SENTENCE_1 = (
    f"Russian President Vladimir Putin met Syrian President Bashar al-Assad in Moscow {IMG} on Wednesday."
)
SENTENCE_2 = f"Egypt urged Israel to stop the offensive {SCRIPT} in Gaza {SVG}."
BAD_ID = "<script>window.__pwned=3</script>"
ARTICLES = [
    {"id": "hostile-1", "date": "2023-03-16", "title": TITLE, "url": JS_URL,
     "text": f"{SENTENCE_1} {SENTENCE_2}"},
    {"id": BAD_ID, "text": "Japan supported Ukraine."},
    {"id": BAD_ID, "text": "Japan supported Ukraine again."},  # duplicate: its id goes in the reports
]  # fmt: skip
NOT_FOUND = "Failed to load resource: the server responded with a status of 404 (Not Found)"
LIVE_TAG = re.compile(r"<\s*/?\s*(script|img|svg|iframe|a|object|embed|style|link)\b", re.I)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """out/ and store/ of ``kg build`` over the hostile articles."""
    root = tmp_path_factory.mktemp("hostile")
    src = root / "hostile.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(src), "-o", str(root / "out"),
         "--store", str(root / "store")],
        cwd=root, capture_output=True, text=True, timeout=600, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert res.returncode == 1, res.stderr  # the duplicate id
    assert f"E104 {src}:3: duplicate id {BAD_ID!r}" in res.stderr
    assert "documents  2" in res.stdout
    return root


def test_report_md_escapes_every_hostile_string(built):
    md = (built / "out" / "report.md").read_text(encoding="utf-8")
    assert not LIVE_TAG.search(md), LIVE_TAG.search(md)
    assert "&lt;img src=x onerror=alert(1)&gt;" in md
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in md
    assert "&quot;" not in md and '"&gt;&lt;svg onload=alert(1)&gt;' in md
    assert f"duplicate id '{BAD_ID}'".replace("<", "&lt;").replace(">", "&gt;") in md


def test_report_json_holds_the_strings_as_inert_data(built):
    text = (built / "out" / "report.json").read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text
    report = json.loads(text)
    (error,) = report["summary"]["input_errors"]
    assert error.endswith(f"duplicate id {BAD_ID!r}; line skipped")


def test_store_keeps_the_hostile_strings_verbatim(built):
    from kg.rdf.store import open_store

    with open_store(built / "store", read_only=True) as s:
        rows = s.query(
            "PREFIX dcterms: <http://purl.org/dc/terms/> "
            "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
            "SELECT ?title ?url WHERE { ?d dcterms:title ?title ; dkg:url ?url }"
        ).rows
        sentences = {str(r[0]) for r in s.query(
            "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
            "SELECT ?s WHERE { ?e dkg:sentence ?s }").rows}  # fmt: skip
    assert [(str(t), str(u)) for t, u in rows] == [(TITLE, JS_URL)]
    assert {SENTENCE_1, SENTENCE_2} <= sentences


def _clean(p: Page, origin: str = "file:", allow: tuple[str, ...] = ()) -> None:
    p.page.wait_for_timeout(300)  # let any onerror/onload handler fire
    assert p.dialogs == []
    assert p.js("() => window.__pwned") is None
    assert [u for u in p.requests if not u.startswith((origin, "data:"))] == []
    assert [e for e in p.errors if e not in allow] == []


@pytest.mark.browser
def test_report_md_rendered_runs_nothing(built, browser):
    from markdown_it import MarkdownIt

    md = (built / "out" / "report.md").read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").enable("table").render(md)  # raw HTML would pass through
    page = built / "report.html"
    page.write_text(f"<!DOCTYPE html><meta charset=utf-8><body>{html}</body>", encoding="utf-8")
    p = _RawPage(browser, page)
    try:
        _clean(p)
        assert p.js("() => document.querySelectorAll('script, img, svg, a').length") == 0
        text = p.page.locator("body").inner_text()
        assert IMG in text and SCRIPT in text and SVG in text and BAD_ID in text
    finally:
        p.page.close()


@pytest.mark.browser
def test_explorer_shows_hostile_text_as_text(built, browser):
    p = Page(browser, built / "out" / "graph.html")
    try:
        keys = p.js("() => window.dkg.data.edges.map(e => [e.relation, e.key])")
        # "met … in Moscow" also reads as the guest's visit to Russia
        assert {"meets", "supports", "urges"} <= {r for r, _ in keys} <= {"meets", "supports", "urges",
                                                                        "visits"}
        expected = {
            "meets": [SENTENCE_1, TITLE, JS_URL],
            "visits": [SENTENCE_1, TITLE, JS_URL],
            "urges": [SENTENCE_2, TITLE, JS_URL],
            "supports": ["Japan supported Ukraine.", "https://w3id.org/diplomatic-kg/id/doc/"],
        }
        for relation, key in keys:
            p.click_edge(key)
            panel = p.panel()
            assert all(text in panel for text in expected[relation]), (relation, panel)
            assert p.js("() => document.querySelectorAll('#dkg-panel *').length") > 0
            tags = "#dkg-panel img, #dkg-panel script, #dkg-panel svg, #dkg-panel a"
            assert p.js(f"() => document.querySelectorAll('{tags}').length") == 0
        assert p.js("() => document.querySelectorAll('img, svg').length") == 0
        _clean(p)
    finally:
        p.page.close()


class _RawPage(Page):
    """A Page for any file: records the same events, waits for load only."""

    def __init__(self, browser, path: Path) -> None:
        self.errors, self.requests, self.dialogs = [], [], []
        self.page = browser.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri() if isinstance(path, Path) else path)


@pytest.mark.browser
@pytest.mark.server
def test_endpoint_query_page_stays_inert(built, browser, tmp_path):
    """A real ``kg serve`` over the hostile store, with a hostile saved query added to a copy
    of the ontology: the page runs only its own script (its CSP allows nothing else) and
    shows every hostile string as text."""
    import shutil
    from importlib.resources import files

    from server_process import running

    onto = tmp_path / "ontology"
    shutil.copytree(Path(str(files("kg.ontology"))), onto)
    (onto / "queries" / "zz_hostile.rq").write_text(
        f"# title: {SCRIPT} {IMG}\n# description: {SVG} &amp; {JS_URL}\n# </pre>{SCRIPT}{IMG}\n"
        f'SELECT * WHERE {{ ?s ?p "</textarea>{SVG}" }}\n',
        encoding="utf-8",
    )
    env = {"DKG_ONTOLOGY": str(onto)}
    with running("--store", str(built / "store"), "--workers", "1", env=env) as server:
        base = server.url
        p = _RawPage(browser, f"{base}/")
        try:
            p.page.wait_for_load_state("load")
            assert SCRIPT in p.page.locator("body").inner_text()
            n = len(list((onto / "queries").glob("*.rq"))) - 1
            p.page.locator(f'details:has(button[data-target="saved-{n}"]) summary').click()
            p.page.locator(f'button[data-target="saved-{n}"]').click()
            assert "</textarea>" + SVG in p.page.locator("textarea").input_value()
            query = (
                "PREFIX dcterms: <http://purl.org/dc/terms/> "
                "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
                "PREFIX prov: <http://www.w3.org/ns/prov#> "
                "SELECT ?title ?url ?sentence WHERE { ?d dcterms:title ?title ; dkg:url ?url . "
                "?e prov:wasDerivedFrom ?d ; dkg:sentence ?sentence } ORDER BY ?sentence"
            )
            p.page.locator("textarea").fill(query)
            p.page.locator("button[type=submit]").click()
            p.page.wait_for_selector("#out table")
            cells = p.js("() => Array.from(document.querySelectorAll('#out td')).map(td => td.textContent)")
            rows = {tuple(cells[i:i + 3]) for i in range(0, len(cells), 3)}
            assert rows == {(TITLE, JS_URL, SENTENCE_2), (TITLE, JS_URL, SENTENCE_1)}
            other = "#out *:not(table):not(tbody):not(thead):not(tr):not(td):not(th)"
            assert p.js(f"() => document.querySelectorAll('{other}').length") == 0
            assert p.js("() => document.querySelectorAll('img, svg, a, iframe').length") == 0
            assert p.js("() => document.scripts.length") == 1  # the page's own
            # the policy is enforced: an injected inline script is refused, and says so
            p.js("() => { const s = document.createElement('script'); s.textContent = "
                 "'window.__pwned = 9'; document.body.appendChild(s); }")  # fmt: skip
            assert p.js("() => window.__pwned") is None
            assert any("Content Security Policy" in e for e in p.errors), p.errors
            p.errors[:] = [e for e in p.errors if "Content Security Policy" not in e]
            # chromium's own /favicon.ico request (not a page request) gets a 404
            _clean(p, origin=base, allow=(NOT_FOUND,))
            # the page asks the endpoint for the actors' labels (its parameter fields), then the query
            assert p.requests == [f"{base}/", f"{base}/sparql", f"{base}/sparql"]
        finally:
            p.page.close()
