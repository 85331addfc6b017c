"""RSS and Atom feed files (kg.ingest.feeds, feedparser): each item is an article with its
content (else summary) reduced to text, title, link, author and date; an item without
text is reported by number and the rest of the feed is read.

``tests/data/feeds/`` holds a feed in the shape of state.gov's press-release RSS
(``content:encoded``) and an Atom feed, both written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import iter_documents

FEEDS = Path(__file__).parent / "data" / "feeds"
RSS = FEEDS / "state-press-releases.rss"
ATOM = FEEDS / "kremlin-news.atom"


def read(inputs, **kwargs):
    errors: list[InputError] = []
    docs = list(iter_documents([str(i) for i in inputs], on_error=errors.append, **kwargs))
    return docs, errors


def test_rss_items_are_articles(tmp_path):
    docs, errors = read([RSS], default_date="2000-01-01")
    first, second = docs
    assert first.id == "https://www.state.gov/?p=331201"  # the guid
    assert first.url == "https://www.state.gov/secretary-blinkens-call-with-ukrainian-foreign-minister-kuleba-12/"
    assert first.title == "Secretary Blinken’s Call with Ukrainian Foreign Minister Kuleba"
    assert first.publisher == "Press Releases – United States Department of State"
    assert first.author == "Office of the Spokesperson"
    assert first.date == "2022-03-05"  # 23:40 in Washington, as written (06 Mar in UTC)
    assert first.origin == f"{RSS} item 1"
    # content:encoded (the full text) wins over the shorter description; its HTML is text
    assert first.text.split("\n\n") == [
        "The below is attributable to Spokesperson Ned Price:",
        "Secretary of State Antony J. Blinken spoke today with Ukrainian Foreign Minister Dmytro "
        "Kuleba about Russia’s brutal war against Ukraine.",
        "The Secretary reaffirmed the United States’ support for Ukraine’s sovereignty and "
        "territorial integrity. Read more about our support.",
        "- The two discussed humanitarian corridors for civilians leaving Mariupol.\n"
        "- They agreed to stay in close contact.",
    ]
    assert "trackEvent" not in first.text and "<" not in first.text
    assert (second.text, second.date, second.author) == (
        "The United States imposed sanctions on Belarus for its support of Russia’s invasion of Ukraine.",
        "2022-03-04", "Antony J. Blinken, Secretary of State")  # fmt: skip
    assert [(e.code, e.path) for e in errors] == [("E103", str(RSS))]
    assert errors[0].message.startswith("item 3 ('Photo gallery'): no content or summary")


def test_atom_entries_are_articles():
    docs, errors = read([ATOM])
    assert errors == []
    assert [(d.id, d.date, d.title) for d in docs] == [
        ("http://en.kremlin.ru/d/67900", "2022-02-28",  # 00:15 in Moscow, as written
         "Telephone conversation with President of Turkey Recep Tayyip Erdogan"),
        ("http://en.kremlin.ru/d/67899", "2022-02-27", "Meeting with Security Council permanent members"),
    ]  # fmt: skip
    assert docs[0].text.startswith("Vladimir Putin had a telephone conversation")
    assert docs[0].text.count("\n\n") == 1 and "Erdogan urged Russia" in docs[0].text
    assert docs[1].text == "Vladimir Putin held a meeting with permanent members of the Security Council."
    assert docs[0].publisher == "President of Russia: News"
    assert docs[0].author == "Presidential Press and Information Office"


def test_feed_items_give_relations(nlp):
    from kg.extraction import extract

    docs, _ = read([RSS, ATOM])
    found = {(r.relation, r.source.label, r.target.label if r.target else None)
             for d in docs for r in extract(d, nlp)}  # fmt: skip
    assert ("sanctions", "United States", "Belarus") in found
    assert ("urges", "Recep Tayyip Erdogan", "Russia") in found


def test_feed_without_dates_takes_the_default_date_and_link_ids(tmp_path):
    p = tmp_path / "plain.xml"
    p.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>A</title><link>https://example.org/a</link><description>Egypt urged Israel to "
        "stop the offensive.</description></item>"
        "<item><title>B</title><description>No link: the file and item name it.</description></item>"
        "<item><title>C</title><link>https://example.org/a</link><description>Same link again."
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    docs, errors = read([p], default_date="2023-03-15")
    assert [(d.id, d.date) for d in docs] == [("https://example.org/a", "2023-03-15"),
                                              (f"{p}#item-2", "2023-03-15")]  # fmt: skip
    assert [(e.code, e.path) for e in errors] == [("E104", str(p))]
    assert errors[0].message.startswith("item 3: duplicate id")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>https://x.org/</loc></url></urlset>', "E110"),
        ("no-items.rss", '<?xml version="1.0"?><html><body>A web page, not a feed</body></html>', "E110"),
        ("empty.atom", '<feed xmlns="http://www.w3.org/2005/Atom"><title>Nothing yet</title></feed>', "E101"),
    ],
)
def test_files_that_are_no_feed_or_an_empty_one(tmp_path, name, content, code):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    docs, errors = read([p])
    assert docs == []
    assert [(e.code, e.path) for e in errors] == [(code, str(p))]


def test_a_malformed_feed_keeps_what_can_be_read(tmp_path):
    p = tmp_path / "broken.rss"
    p.write_text("<rss version='2.0'><channel><title>Wire</title><item><title>A</title>"
                 "<link>https://example.org/a</link><description>Kenya urged Ethiopia to talk."
                 "</description></item><item><title>unterminated", encoding="utf-8")
    docs, errors = read([p])
    assert [d.text for d in docs] == ["Kenya urged Ethiopia to talk."]
    assert [(e.code, e.path) for e in errors] == [("W204", str(p)), ("E103", str(p))]
