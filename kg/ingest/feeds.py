"""RSS and Atom feed files (feedparser): a feed is a batch of articles, one an item.

Each item gives its full content (``content:encoded``, Atom ``content``) or else its
summary, reduced to text by the page reducer (:func:`kg.ingest.html.read_page` on the
fragment), and its title, link, author and date (``pubDate``/``published``, else
``updated``, as the publisher wrote it, in its own time zone). The item's id is its
``guid``/``id``, else its link; the feed's title is the publisher. An item without text is
reported by its number (``item 3``) and the rest of the feed goes on.

Examples
--------
>>> rss = b'''<rss version="2.0"><channel><title>Agency</title>
... <item><title>Talks</title><link>https://example.org/1</link>
... <pubDate>Sat, 05 Mar 2022 16:21:37 -0500</pubDate>
... <description>&lt;p&gt;Blinken met Rau.&lt;/p&gt;</description></item></channel></rss>'''
>>> [(d.id, d.text, d.date, d.publisher) for d in iter_feed(rss, "a.rss", print)]
[('https://example.org/1', 'Blinken met Rau.', '2022-03-05', 'Agency')]
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from kg.errors import InputError
from kg.ingest.dates import feed_date
from kg.ingest.html import read_page
from kg.ingest.text import ErrorHandler
from kg.records import Document

__all__ = ["FEED_SUFFIXES", "iter_feed"]

FEED_SUFFIXES = (".rss", ".atom", ".xml")

_HTML = ("text/html", "application/xhtml+xml", "html", "xhtml")


def iter_feed(
    data: bytes, path: str, on_error: ErrorHandler, default_date: str | None = None
) -> Iterator[Document]:
    """The documents of the items of one RSS/Atom feed (the file's bytes)."""
    import feedparser

    feed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not feed.entries:
        if not feed.get("version"):
            why = feed.get("bozo_exception")
            detail = f" ({type(why).__name__}: {str(why)[:120]})" if why else ""
            on_error(InputError("E110", f"not an RSS or Atom feed{detail}; skipped", path=path))
        else:
            on_error(InputError("E101", "empty feed (no items); skipped", path=path))
        return
    if feed.get("bozo") and feed.get("bozo_exception") is not None:
        why = feed["bozo_exception"]
        on_error(InputError("W204", f"malformed feed ({type(why).__name__}: {str(why)[:120]}); "
                            "the items that could be read are kept", path=path))  # fmt: skip
    publisher = _str(feed.feed.get("title"))
    seen: set[str] = set()
    for n, item in enumerate(feed.entries, 1):
        text = _item_text(item)
        name = _str(item.get("title")) or _str(item.get("link")) or "untitled"
        if not text:
            on_error(InputError("E103", f"item {n} ({name!r}): no content or summary; item skipped",
                                path=path))  # fmt: skip
            continue
        doc_id = _str(item.get("id")) or _str(item.get("link")) or f"{path}#item-{n}"
        if doc_id in seen:
            on_error(InputError("E104", f"item {n}: duplicate id {doc_id!r}; item skipped", path=path))
            continue
        seen.add(doc_id)
        yield Document(
            id=doc_id,
            text=text,
            date=_item_date(item) or default_date,
            title=_str(item.get("title")),
            url=_str(item.get("link")),
            publisher=publisher,
            author=_str(item.get("author")),
            origin=f"{path} item {n}",
        )


def _item_text(item: Any) -> str:
    """The longest of the item's contents, else its summary, as text."""
    parts = [(c.get("value") or "", c.get("type") or "") for c in item.get("content") or []]
    if not any(v.strip() for v, _ in parts):
        detail = item.get("summary_detail") or {}
        parts = [(item.get("summary") or "", detail.get("type") or "text/html")]
    value, kind = max(parts, key=lambda vt: len(vt[0]))
    if not value.strip():
        return ""
    if kind in _HTML or "<" in value:
        return read_page(value, fragment=True).text
    return value.strip()


def _item_date(item: Any) -> str | None:
    for key in ("published", "updated", "created"):
        if d := feed_date(item.get(key)):
            return d
    for key in ("published_parsed", "updated_parsed"):
        parsed = item.get(key)
        if isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%d", parsed)
    return None


def _str(v: Any) -> str | None:
    if not isinstance(v, str):
        return None
    v = " ".join(v.split())
    return v or None
