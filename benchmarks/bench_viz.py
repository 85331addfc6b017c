"""How long the explorer page takes to open in headless chromium.

Generates event multigraphs of 1k, 5k and 20k events (the 20k one with 5,000 actors),
writes each page with ``kg.render.html.to_html`` and times, in Debian's chromium driven
by Playwright, the load from navigation start until the network is drawn (physics
stabilised for small graphs, first frame with precomputed positions for large ones).

Run: ``.venv/bin/python benchmarks/bench_viz.py [--runs 2] [--out out/bench]``
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

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
            page_html = to_html(G)
            build_s = time.perf_counter() - t0
            path = write_html(out / f"graph_{events}.html", page_html)
            loads = []
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                errors: list[str] = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.goto(path.as_uri())
                page.wait_for_function("window.dkg && window.dkg.ready", timeout=120_000)
                ready_ms, drawn_ms, physics = page.evaluate(
                    "[window.dkg.readyAt, window.dkg.drawnAt, window.dkg.data.options.physics]"
                )
                if errors:
                    raise SystemExit(f"page errors at {events} events: {errors}")
                loads.append((ready_ms / 1000, drawn_ms / 1000))
                page.close()
            ready_s, drawn_s = min(loads)
            rows.append((actors, events, physics, build_s, path.stat().st_size / 1e6, drawn_s, ready_s))
        browser.close()
    print(f"{'actors':>7} {'events':>7} {'physics':>8} {'to_html s':>10} {'MB':>6} "
          f"{'first draw s':>13} {'ready s':>8}")  # fmt: skip
    for a, e, ph, b, mb, d, r in rows:
        print(f"{a:>7} {e:>7} {ph!s:>8} {b:>10.2f} {mb:>6.1f} {d:>13.2f} {r:>8.2f}")
    print(f"(pages in {out}; load = navigation start → drawn, best of {args.runs})")


if __name__ == "__main__":
    main()
