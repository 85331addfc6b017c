"""How fast the explorer opens and answers, in headless chromium.

Generates event multigraphs of 1k, 5k and 20k events (the 20k one among 5,000 actors),
computes their overview (PageRank, blocs, positions: ``kg.analysis.layout.overview``),
writes each page through pyvis (``kg.render.to_html``) and, in Debian's chromium driven
by Playwright, times:

* **first draw**: navigation start until vis-network has drawn the network (physics
  stabilised for graphs up to 300 actors, precomputed positions above); **ready** is
  when the first view has been fitted to the main component; on graphs of more than
  300 actors and 4,000 events the edges are drawn from the page's own data at first and
  handed to vis-network in chunks afterwards (**edges s**: when the last chunk is in,
  and edges can be clicked);
* **pan**: a real mouse drag over the graph (20 moves), **zoom**: 10 real wheel
  steps, **slider**: 10 real key presses on the month sliders (windows of every width);
  each input's latency is from the event's timestamp to the end of the next frame
  vis-network draws (``afterDrawing``); the median and the worst are printed.

Run: ``.venv/bin/python benchmarks/bench_viz.py [--runs 2] [--out out/bench]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.analysis.layout import overview
from kg.render.html import to_html, write_html

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
CASES = [(250, 1_000), (1_250, 5_000), (5_000, 20_000)]  # (actors, events)
POSITIVE = ["meets", "supports", "agrees", "visits"]
NEGATIVE = ["criticizes", "threatens", "sanctions", "attacks", "urges"]
MODALITIES = ["asserted"] * 6 + ["reported"] * 2 + ["hypothetical", "negated", "denied"]
KINDS = ["state"] * 3 + ["person"] * 4 + ["organization", "group"]

#: Records, in the page, each input's timestamp and the end of every frame drawn.
PROBE = """() => {
  const L = window.__lat = { inputs: [], frames: [] };
  const note = (e) => L.inputs.push(e.timeStamp);
  const box = document.getElementById("dkg-network");
  box.addEventListener("pointermove", (e) => { if (e.buttons) { note(e); } }, true);
  box.addEventListener("wheel", note, true);
  document.getElementById("dkg-month-from").addEventListener("input", note, true);
  document.getElementById("dkg-month-to").addEventListener("input", note, true);
  window.dkg.network.on("afterDrawing", () => L.frames.push(performance.now()));
}"""
LATENCIES = """() => {
  const L = window.__lat;
  const next = (t) => L.frames.find((x) => x >= t);
  const out = L.inputs.map((t) => (next(t) === undefined ? null : next(t) - t));
  L.inputs = []; L.frames = [];
  return out;
}"""
SETTLED = "(n) => window.__lat.frames.length > 0 && window.__lat.frames.at(-1) >= window.__lat.inputs[n - 1]"


def synthetic(actors: int, events: int, seed: int = 0) -> nx.MultiDiGraph:
    """Actors in blocs of about 50: cooperation inside a bloc, conflict across."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    blocs = max(actors // 50, 1)
    for i in range(actors):
        G.add_node(f"a{i}", label=f"Actor {i}", kind=rng.choice(KINDS), country=f"C{i % 190:03d}")
    for k in range(events):
        u = rng.randrange(actors)
        inside = rng.random() < 0.7
        v = rng.randrange(actors) if not inside else (u // 50) * 50 + rng.randrange(50)
        v = min(v, actors - 1) if v != u else (u + 1) % actors
        rel = rng.choice(POSITIVE if inside and blocs > 1 else NEGATIVE)
        date = f"2023-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        G.add_edge(f"a{u}", f"a{v}", key=f"e{k}", relation=rel, modality=rng.choice(MODALITIES),
                   date=date, granularity="day", corroboration=1, confidence=0.7,
                   evidence=[{"sentence": f"Actor {u} {rel} actor {v} (event {k}).",
                              "title": f"Article {k}", "date": date,
                              "url": f"https://example.org/{k}", "doc": f"d{k}"}])  # fmt: skip
    return G


def interact(page) -> dict[str, list[float]]:
    """Latencies (ms) of a drag, wheel steps and slider steps on a loaded page."""
    page.evaluate(PROBE)
    box = page.locator("#dkg-network").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    out: dict[str, list[float]] = {}
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 200, cy + 120, steps=20)
    page.mouse.up()
    page.wait_for_function(SETTLED, arg=1, timeout=30_000)
    page.wait_for_timeout(300)
    out["pan"] = page.evaluate(LATENCIES)
    for i in range(10):
        page.mouse.wheel(0, -120 if i < 5 else 120)
        page.wait_for_timeout(60)
    page.wait_for_timeout(300)
    out["zoom"] = page.evaluate(LATENCIES)
    page.evaluate("() => window.dkg.fitMain()")
    page.wait_for_timeout(300)
    page.evaluate(LATENCIES)
    slider = []
    for sel, key, n in (("#dkg-month-to", "ArrowLeft", 5), ("#dkg-month-from", "ArrowRight", 5)):
        page.focus(sel)
        for _ in range(n):
            page.keyboard.press(key)
            page.wait_for_timeout(150)
    page.wait_for_timeout(300)
    slider += page.evaluate(LATENCIES)
    out["slider"] = slider
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=2, help="page loads per size (best is kept)")
    ap.add_argument("--out", type=Path, default=None, help="keep the pages in this folder")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    out = args.out or Path(tempfile.mkdtemp(prefix="dkg-bench-"))
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for actors, events in CASES:
            G = synthetic(actors, events)
            t0 = time.perf_counter()
            ov = overview(G, seed=0)
            t1 = time.perf_counter()
            page_html = to_html(G, ranks=ov.ranks, blocs=ov.blocs, positions=ov.positions)
            t2 = time.perf_counter()
            path = write_html(out / f"graph_{events}.html", page_html)
            loads, lat = [], {}
            for run in range(args.runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                errors: list[str] = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.on("console", lambda m, errors=errors: m.type == "error" and errors.append(m.text))
                page.goto(path.as_uri())
                page.wait_for_function("() => window.dkg && window.dkg.ready", timeout=120_000)
                page.wait_for_function("() => window.dkg.edgesReady", timeout=120_000)
                ready_ms, drawn_ms, edges_ms, physics, mode = page.evaluate(
                    "() => [window.dkg.readyAt, window.dkg.drawnAt,"
                    " window.dkg.marks.edges || window.dkg.readyAt,"
                    " window.dkg.data.meta.options.physics, window.dkg.draw.mode]"
                )
                loads.append((drawn_ms / 1000, ready_ms / 1000, edges_ms / 1000))
                if run == 0:
                    lat = interact(page)
                if errors:
                    raise SystemExit(f"page errors at {events} events: {errors}")
                page.close()
            drawn_s, ready_s, edges_s = min(loads)
            rows.append((actors, events, physics, mode, t1 - t0, t2 - t1, path.stat().st_size / 1e6,
                         drawn_s, ready_s, edges_s, lat))  # fmt: skip
        browser.close()

    def fmt(xs: list[float]) -> str:
        xs = [x for x in xs if x is not None]
        return f"{statistics.median(xs):.0f}/{max(xs):.0f}" if xs else "n/a"

    print(f"{'actors':>7} {'events':>7} {'physics':>8} {'edges':>8} {'overview s':>10} {'to_html s':>9} "
          f"{'MB':>5} {'first draw s':>12} {'ready s':>7} {'edges s':>7} {'pan ms':>9} {'zoom ms':>9} "
          f"{'slider ms':>9}")  # fmt: skip
    for a, e, ph, mode, o, b, mb, d, r, es, lat in rows:
        print(f"{a:>7} {e:>7} {ph!s:>8} {mode:>8} {o:>10.2f} {b:>9.2f} {mb:>5.1f} {d:>12.2f} {r:>7.2f} "
              f"{es:>7.2f} {fmt(lat['pan']):>9} {fmt(lat['zoom']):>9} {fmt(lat['slider']):>9}")  # fmt: skip
    print(
        f"(pages in {out}; first draw and ready: best of {args.runs} loads; latencies: median/worst ms "
        "from the input event to the end of the next frame drawn)"
    )


if __name__ == "__main__":
    main()
