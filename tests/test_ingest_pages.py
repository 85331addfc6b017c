"""Saved web pages (kg.ingest.html, trafilatura): a page in the layout of each of the
corpus's four publishers comes out as its article text, with no menu, header, footer or
share-widget text, and with the page's own title, date, URL, site name and byline.

The pages in ``tests/data/pages/`` were written for these tests in the layout of the
publishers' sites (White House briefing room, state.gov press release, en.kremlin.ru news,
president.gov.ua/en news); their article texts were written for the tests too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.errors import InputError
from kg.ingest import iter_documents, read_page

PAGES = Path(__file__).parent / "data" / "pages"

#: per page: metadata, the first and last paragraph, and text of its menus, headers,
#: footers, related links and share widgets (each of which must not reach the text)
EXPECTED = {
    "whitehouse-readout.html": {
        "title": "Readout of President Biden’s Call with President Zelenskyy of Ukraine",
        "date": "2022-02-12",
        "url": "https://www.whitehouse.gov/briefing-room/statements-releases/2022/02/12/"
        "readout-of-president-bidens-call-with-president-zelenskyy-of-ukraine-3/",
        "publisher": "The White House",
        "author": None,
        "first": "President Joseph R. Biden, Jr. spoke today with President Volodymyr Zelenskyy of Ukraine",
        "last": "###",
        "paragraphs": 4,
        "boilerplate": ["Skip to content", "Administration", "Briefing Room", "Español",
                        "Russia condemned NATO", "Chancellor Scholz", "Share this post", "Copy link",
                        "China urging Russia", "Macron", "Stay Connected", "Your Email Address",
                        "Privacy Policy", "1600 Pennsylvania", "February 12, 2022"],
    },
    "state-press-release.html": {
        "title": "Secretary Blinken's Meeting with Polish Foreign Minister Rau",
        "date": "2022-03-05",
        "url": "https://www.state.gov/secretary-blinkens-meeting-with-polish-foreign-minister-rau-3/",
        "publisher": "United States Department of State",
        "author": "Office of the Spokesperson",
        "first": "The below is attributable to Spokesperson Ned Price:",
        "last": "The Secretary and the Foreign Minister agreed to continue coordinating closely",
        "paragraphs": 4,
        "boilerplate": ["official website of the United States Government", "Here's how you know",
                        "Secure .gov", "Countries & Areas", "condemned Russia's attack",
                        "sanctioned Belarus", "Readout", "Share", "Facebook", "Tags",
                        "Related Articles", "Russia threatens Ukraine", "Kuleba", "USA.gov",
                        "No FEAR Act", "March 5, 2022"],
    },
    "kremlin-news.html": {
        "title": "Telephone conversation with President of France Emmanuel Macron",
        "date": "2022-02-28",
        "url": "http://en.kremlin.ru/events/president/news/67901",
        "publisher": "President of Russia",
        "author": None,
        # the lead paragraph (h-entry summary) is outside the page's main content block
        "first": "Vladimir Putin had a telephone conversation with President of the French Republic "
        "Emmanuel Macron, at the French side’s initiative.",
        "last": "The presidents agreed to maintain contact.",
        "paragraphs": 4,
        "boilerplate": ["Videos and Photos", "Structure", "Русский", "Transcripts", "Letters",
                        "18:30", "The Kremlin, Moscow", "Foreign policy", "Macron Emmanuel",
                        "Publication status", "Direct link", "VK", "Text version", "Other news",
                        "Erdogan", "Donetsk", "Creative Commons", "disabilities"],
    },
    "ukraine-president-news.html": {
        "title": "Volodymyr Zelenskyy met with Prime Minister of Poland Mateusz Morawiecki",
        "date": "2022-03-15",
        "url": "https://www.president.gov.ua/en/news/"
        "volodimir-zelenskij-zustrivsya-z-premyer-ministrom-polshi-72317",
        "publisher": "Official website of the President of Ukraine",
        "author": None,
        "first": "President of Ukraine Volodymyr Zelenskyy met in Kyiv with Prime Minister of Poland",
        "last": "Mateusz Morawiecki said that Poland supports Ukraine's aspiration to join the European",
        "paragraphs": 4,
        "boilerplate": ["УКР", "ENG", "Find", "Addresses", "Office of the President", "Appeals",
                        "Home /", "21:50", "Tags:", "Visits", "Share:", "Telegram", "Latest news",
                        "Russia attacked Kyiv", "Joe Biden", "All news", "Bankova", "Creative Commons"],
    },
}  # fmt: skip


def read(inputs, **kwargs):
    errors: list[InputError] = []
    docs = list(iter_documents([str(i) for i in inputs], on_error=errors.append, **kwargs))
    return docs, errors


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_publisher_page_comes_out_as_its_article_text(name):
    want = EXPECTED[name]
    [doc], errors = read([PAGES / name])
    assert errors == []
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == want["paragraphs"], doc.text
    assert paragraphs[0].startswith(want["first"]), doc.text
    assert paragraphs[-1].startswith(want["last"]), doc.text
    for chrome in want["boilerplate"]:
        assert chrome not in doc.text, f"{chrome!r} (menu, header, footer or widget) is in the text"
    assert not doc.text.startswith(want["title"])  # the headline is metadata, not a sentence
    assert (doc.title, doc.date, doc.url, doc.publisher, doc.author) == (
        want["title"], want["date"], want["url"], want["publisher"], want["author"])  # fmt: skip
    assert doc.id == doc.origin == str(PAGES / name)


def test_the_page_date_wins_over_date_and_date_applies_to_pages_without_one(tmp_path):
    undated = tmp_path / "undated.html"
    undated.write_text(
        "<html><head><title>Talks</title></head><body><article><p>Foreign Minister Wang Yi met "
        "Foreign Minister Sergey Lavrov in Beijing to discuss the situation in Ukraine.</p>"
        "</article><footer>Copyright 2019 News Agency</footer></body></html>",
        encoding="utf-8",
    )
    docs, errors = read([PAGES / "kremlin-news.html", undated], default_date="2024-01-01")
    assert errors == []
    assert [d.date for d in docs] == ["2022-02-28", "2024-01-01"]  # no date from the © year
    docs, _ = read([undated])
    assert docs[0].date is None


def test_the_old_failure_menu_text_gives_no_relation(nlp):
    """The walk-through's page: a menu and a heading before the article used to merge into
    its first sentence and give ``meets Russia → Zelensky``."""
    from kg.extraction import extract
    from kg.records import Document

    page = read_page(
        "<nav>Home | News | Russia condemned NATO</nav><h1>Readout of call</h1>"
        "<p>President Biden spoke with President Zelensky of Ukraine on Monday.</p>"
    )
    assert page.text == "President Biden spoke with President Zelensky of Ukraine on Monday."
    assert page.title == "Readout of call"
    rels = extract(Document(id="p", text=page.text), nlp)
    assert [(r.relation, r.source.label, r.target.label) for r in rels] == [
        ("meets", "Joe Biden", "Volodymyr Zelensky")]  # fmt: skip
    assert all("Russia" not in r.sentence and "NATO" not in r.sentence for r in rels)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_relation_of_a_publisher_page_comes_from_outside_its_article(nlp, name):
    from kg.extraction import extract

    [doc], _ = read([PAGES / name])
    rels = extract(doc, nlp)
    assert rels, f"no relation from {name}"
    for r in rels:
        assert doc.text[r.start : r.end] == r.sentence
        assert not any(chrome in r.sentence for chrome in EXPECTED[name]["boilerplate"])


def test_pages_in_a_build_give_title_url_and_date_to_the_document_graph(tmp_path):
    from rdflib import Dataset, Literal, URIRef
    from rdflib.namespace import DCTERMS, XSD

    from kg.cli import app
    from kg.iri import document_iri
    from kg.rdf.namespace import DKG

    res = CliRunner().invoke(app, ["build", str(PAGES), "-o", str(tmp_path / "out"), "-j", "1"])
    assert res.exit_code == 0, res.output
    ds = Dataset()
    ds.parse(tmp_path / "out" / "graph.trig", format="trig")
    for name, want in EXPECTED.items():
        g = ds.graph(URIRef(document_iri(str(PAGES / name))))
        doc = g.identifier
        assert g.value(doc, DCTERMS.title) == Literal(want["title"])
        assert g.value(doc, DKG.url) == Literal(want["url"], datatype=XSD.anyURI)
        assert g.value(doc, DCTERMS.date) == Literal(want["date"], datatype=XSD.date)
        assert g.value(doc, DCTERMS.publisher) == Literal(want["publisher"])
        if want["author"]:
            assert g.value(doc, DCTERMS.creator) == Literal(want["author"])
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["documents"] == 4 and report["summary"]["skipped"]["count"] == 0


def test_a_page_in_the_charset_it_declares(tmp_path):
    p = tmp_path / "cp1252.html"
    p.write_bytes(b'<html><head><meta charset="windows-1252"><title>Caf\xe9 talks</title></head>'
                  b"<body><article><p>President Macron met Chancellor Scholz at the Caf\xe9 de Flore "
                  b"in Paris, \x93a working lunch\x94, the \xc9lys\xe9e said.</p></article></body></html>")
    [doc], errors = read([p])
    assert errors == []  # declared, so no W201
    assert "Café de Flore" in doc.text and "“a working lunch”" in doc.text and "Élysée" in doc.text
    assert doc.title == "Café talks"


def test_saved_page_assets_are_listed_once_not_read(tmp_path):
    (tmp_path / "readout.html").write_text((PAGES / "kremlin-news.html").read_text(encoding="utf-8"),
                                           encoding="utf-8")  # fmt: skip
    assets = tmp_path / "readout_files"
    assets.mkdir()
    (assets / "app.css").write_text("body{}", encoding="utf-8")
    (assets / "ad-frame.html").write_text("<p>Buy now: Putin met Xi in a special offer.</p>", "utf-8")
    (assets / "logo.png").write_bytes(b"\x89PNG\r\n")
    docs, errors = read([tmp_path])
    assert [d.id for d in docs] == [str(tmp_path / "readout.html")]
    assert [(e.code, e.path) for e in errors] == [("W203", str(assets))]
    assert "3 file(s)" in errors[0].message


def test_page_with_only_a_menu_is_reported_empty(tmp_path):
    p = tmp_path / "menu.html"
    p.write_text("<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li>"
                 "</ul></nav><footer>Contact</footer></body></html>", encoding="utf-8")
    docs, errors = read([p])
    assert docs == [] and [(e.code, e.path) for e in errors] == [("E101", str(p))]
