"""`kg build seeds/` writes an out/graph.html that draws the seed's actors in Debian's
chromium, with no console error and no network request (issue 2)."""

from __future__ import annotations

import pytest
from conftest import SEEDS, Page
from typer.testing import CliRunner

from kg.cli import app

pytestmark = pytest.mark.browser


def test_seed_graph_draws_the_expected_actors(browser, tmp_path):
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["build", str(SEEDS), "-o", str(out), "--workers", "1"])
    assert res.exit_code == 0, res.output
    page = Page(browser, out / "graph.html")
    labels = set(page.js("() => window.dkg.network.body.data.nodes.get().map(n => n.label)"))
    expected = {"Vladimir Putin", "Bashar al-Assad", "Recep Tayyip Erdogan", "Russia",
                "Syria", "Iranian militias", "the West", "Joe Biden", "Xi Jinping"}
    assert expected <= labels, expected - labels
    drawn = page.js("() => window.dkg.network.body.nodeIndices.length")
    assert drawn == len(labels)
    assert page.js("() => window.dkg.network.body.edgeIndices.length") >= 10
    assert page.errors == []
    assert all(u.startswith(("file:", "data:")) for u in page.requests), page.requests
