"""Shared fixtures: the real spaCy pipeline (loaded once), the seed article, Debian's
chromium driven by Playwright (``browser``, with the :class:`Page` helper) and a real
``oxigraph serve`` on 127.0.0.1 (``server``)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_72b9556ecc5a0186.txt"
#: the seed article gives no date; the tests give it one so "on Wednesday" resolves
SEED_DATE = "2023-03-16"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_relations(nlp):
    from kg.extraction import extract
    from kg.records import Document

    text = SEED_ARTICLE.read_text(encoding="utf-8")
    return extract(Document(id=str(SEED_ARTICLE), text=text, date=SEED_DATE), nlp)


def brief(rels) -> list[tuple]:
    """(relation, modality, source, target) of each relation: the message of a failed
    extraction assertion."""
    return [(r.relation, r.modality.value, r.source.label, r.target and r.target.label) for r in rels]


# ---------------------------------------------------------------- a real browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (make chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A loaded explorer page with everything it logged and requested."""

    def __init__(self, browser, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.dkg && window.dkg.ready", timeout=30_000)

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def counts(self) -> dict:
        return self.js("""() => ({
            nodes: window.dkg.network.body.data.nodes.length,
            edges: window.dkg.network.body.data.edges.length,
            drawnNodes: window.dkg.network.body.nodeIndices.length,
            drawnEdges: window.dkg.network.body.edgeIndices.length})""")

    def toggle(self, filter_: str, value: str) -> None:
        self.page.locator(f'input[data-filter="{filter_}"][value="{value}"]').click()

    def click_edge(self, key: str) -> None:
        """Click on the drawn line of the event ``key`` (checked with getEdgeAt)."""
        point = self.js("""(key) => {
            const d = window.dkg, e = d.data.edges.find(x => x.key === key);
            const pos = d.network.getPositions([e.from, e.to]);
            const box = document.getElementById("dkg-network").getBoundingClientRect();
            for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75]) {
              const c = {x: pos[e.from].x * (1 - t) + pos[e.to].x * t,
                         y: pos[e.from].y * (1 - t) + pos[e.to].y * t};
              const dom = d.network.canvasToDOM(c);
              if (d.network.getNodeAt(dom) === undefined && d.network.getEdgeAt(dom) === e.id)
                return {x: box.left + dom.x, y: box.top + dom.y};
            }
            return null; }""", key)  # fmt: skip
        assert point is not None, f"edge {key} is hidden under other elements"
        self.page.mouse.click(point["x"], point["y"])

    def click_node(self, iri: str) -> None:
        point = self.js("""(iri) => {
            const d = window.dkg, n = d.data.nodes.find(x => x.iri === iri);
            const dom = d.network.canvasToDOM(d.network.getPositions([n.id])[n.id]);
            const box = document.getElementById("dkg-network").getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y}; }""", iri)  # fmt: skip
        self.page.mouse.click(point["x"], point["y"])

    def panel(self) -> str:
        return self.page.locator("#dkg-panel").inner_text()

    def assert_clean(self) -> None:
        assert self.errors == []
        assert [u for u in self.requests if not u.startswith(("file:", "data:"))] == []
        assert self.dialogs == []
        assert self.js("() => window.__pwned") is None


# ---------------------------------------------------------------- a real SPARQL server

def _oxigraph() -> str:
    exe = Path(sys.executable).with_name("oxigraph")
    found = str(exe) if exe.exists() else shutil.which("oxigraph")
    if found is None:
        pytest.fail("the `oxigraph` server CLI is missing: pip install oxigraph (in .[test])")
    return found


def free_port() -> int:
    """A TCP port nothing listens on (now)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    log = (location.parent / "oxigraph.log").open("w")
    proc = subprocess.Popen(
        [
            _oxigraph(),
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"oxigraph serve exited with {proc.returncode}")
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("oxigraph serve did not answer within 30 s")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
