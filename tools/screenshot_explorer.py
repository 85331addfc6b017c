"""Screenshots of the explorer for docs/ and the README, in Debian's chromium at 1366×768.

Run, from the repository root:

    .venv/bin/kg build notebooks/data/wh_state_2022.jsonl -o out/slice
    .venv/bin/python tools/screenshot_explorer.py out/slice/graph.html docs/

writes ``explorer-overview.png`` (the first view), ``explorer-actor.png`` (an actor's
events grouped by relation, in the busiest month of the timeline) and
``explorer-ego.png`` (an ego network of one hop, with the search suggestions open).
"""

from __future__ import annotations

import argparse
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page", type=Path, help="an explorer page (graph.html)")
    ap.add_argument("out", type=Path, help="folder of the screenshots")
    ap.add_argument("--actor", default="Ukraine", help="the actor whose panel and ego network are shown")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(args.page.resolve().as_uri())
        page.wait_for_function("() => window.dkg && window.dkg.ready && window.dkg.edgesReady", timeout=60000)
        page.wait_for_timeout(300)
        page.screenshot(path=args.out / "explorer-overview.png")
        node = page.evaluate("(l) => window.dkg.data.nodes.find(n => n.label === l).id", args.actor)
        page.evaluate("""(id) => { const d = window.dkg, count = d.months.map(() => 0);
            d.data.edges.forEach((e) => { const i = d.months.indexOf(e.lo); if (i >= 0) { count[i] += 1; } });
            const busiest = count.indexOf(Math.max(...count));
            d.setWindow(busiest, busiest); d.showNode(id); d.network.selectNodes([id]); }""", node)
        page.wait_for_timeout(300)
        page.screenshot(path=args.out / "explorer-actor.png")
        page.evaluate("() => window.dkg.setWindow(0, window.dkg.months.length - 1)")
        page.locator("#dkg-search").press_sequentially(args.actor[:3].lower())
        page.evaluate("(id) => window.dkg.setEgo(id, 1)", node)
        page.wait_for_timeout(300)
        page.screenshot(path=args.out / "explorer-ego.png")
        browser.close()
    for name in ("explorer-overview.png", "explorer-actor.png", "explorer-ego.png"):
        print(args.out / name)


if __name__ == "__main__":
    main()
