"""The endpoint's query page gives each parameter of a saved query a field (issue 13.6),
tried in a real browser against a real endpoint: the field offers the actors' labels,
binds the chosen one, and the query answers for that actor."""

from __future__ import annotations

import re

import pytest
from test_rdf_mapping import sample_dataset

from kg.rdf.queries import list_queries

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A real ``kg serve`` of the sample corpus (an Oxigraph store)."""
    from server_process import start

    from kg.rdf.store import iter_graphs, open_store

    path = tmp_path_factory.mktemp("page") / "store"
    with open_store(path) as store:
        store.put_graphs(iter_graphs(sample_dataset()))
    server = start("--store", str(path), "--workers", "1")
    try:
        yield server.url
    finally:
        server.stop()


def test_every_parameter_of_every_saved_query_has_a_field(base):
    import urllib.request

    page = urllib.request.urlopen(f"{base}/", timeout=30).read().decode()
    fields = re.findall(r'<input class="param" data-for="(saved-\d+)" data-var="(\w+)"', page)
    expected = [(p.label_variable) for q in list_queries() for p in q.params]
    assert sorted(v for _, v in fields) == sorted(expected) and expected
    assert "bind them in the query text" not in page


@pytest.mark.browser
def test_a_field_binds_the_actor_and_the_query_answers_for_it(browser, base):
    page = browser.new_page()
    try:
        page.goto(f"{base}/")
        names = [q.name for q in list_queries()]
        i = names.index("who_supports")
        page.locator("details").nth(i).locator("summary").click()
        # the list of actors is asked of the endpoint itself (selectors, not wait_for_function:
        # the page's CSP forbids the eval that a string predicate needs)
        page.wait_for_selector("#dkg-actors option", state="attached")
        labels = page.eval_on_selector_all("#dkg-actors option", "os => os.map(o => o.value)")
        assert "Bashar al-Assad" in labels and "Russia" in labels
        page.fill(f'input.param[data-for="saved-{i}"]', 'Bashar al-Assad')
        page.click(f'button.use[data-target="saved-{i}"]')
        assert 'VALUES ?targetLabel { "Bashar al-Assad" }' in page.input_value("#q textarea")
        page.click("#q button[type=submit]")
        page.wait_for_selector("#out table")
        rows = page.eval_on_selector_all("#out table tr", "rs => rs.map(r => r.innerText)")
        assert len(rows) == 2 and "Russia" in rows[1] and "Bashar al-Assad" in rows[1]
        # a quote in the field stays data
        page.fill(f'input.param[data-for="saved-{i}"]', 'x" } ?s ?p ?o {')
        page.click(f'button.use[data-target="saved-{i}"]')
        page.click("#q button[type=submit]")
        page.wait_for_selector("#status:has-text('0 rows')")
        assert page.inner_text("#status").startswith("0 rows")
    finally:
        page.close()
